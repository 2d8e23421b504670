"""The ``newswire`` command line: worker, produce, tail, process, kafka, topics, demo."""

from __future__ import annotations

import logging
import sys
from datetime import UTC, datetime

import click

from streams import __version__
from streams.cli import dev
from streams.cli.common import load_settings, run_kafka
from streams.cli.display import format_record
from streams.core import jsonio

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="newswire")
@click.option("-v", "--verbose", is_flag=True, help="Log Kafka client details to stderr.")
def cli(verbose: bool) -> None:
    """Newswire: parse, normalise, dedupe and publish news articles with Kafka and Faust.

    Settings come from NEWSWIRE_* environment variables (see the README); the Kafka
    bootstrap servers default to 127.0.0.1:9092.
    """
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if not verbose:
        # aiokafka reports every refused connection while a broker starts; not news to a user.
        logging.getLogger("aiokafka").setLevel(logging.CRITICAL)


@cli.command()
def worker() -> None:
    """Run a Newswire worker until stopped (Ctrl-C or SIGTERM).

    Creates missing topics, consumes the ingest topic, publishes events, duplicate notices and
    dead letters, and serves Prometheus metrics at http://WEB_HOST:WEB_PORT/metrics.
    """
    from streams.runtime.worker import run_worker

    settings = load_settings()
    logging.getLogger("streams").setLevel(settings.log_level.upper())
    run_worker(settings)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--topic", help="Topic to write to. [default: NEWSWIRE_TOPIC_RAW]")
@click.option("--envelope", is_flag=True, help="Wrap each file in the JSON ingest envelope.")
@click.option("--source", help="With --envelope: the source id to put in it (e.g. defapress).")
@click.option("--url", help="With --envelope: the page URL to put in it.")
@click.option(
    "--key/--no-key",
    default=True,
    show_default=True,
    help="Key each message by its article key (parsed here), so that the worker dedupes it in "
    "the partition it arrives in, without the re-key hop.",
)
def produce(  # noqa: PLR0917  # click passes every option
    paths: tuple[str, ...],
    topic: str | None,
    envelope: bool,
    source: str | None,
    url: str | None,
    key: bool,
) -> None:
    """Send articles to the ingest topic: one message per file.

    PATHS are files, folders (every file inside, sorted by name) or - for stdin.
    """
    from tqdm import tqdm

    from streams.core.pipeline import article_key
    from streams.runtime.clients import collect_inputs, envelope_for, produce_inputs

    settings = load_settings()
    topic = topic or settings.topic_raw
    try:
        inputs = list(collect_inputs(paths))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    messages: list[tuple[bytes | None, bytes]] = []
    for name, page in inputs:
        value = page
        if envelope:
            try:
                value = envelope_for(name, page, source=source, url=url)
            except UnicodeDecodeError:
                raise click.ClickException(
                    f"{name} is not UTF-8 text, so it cannot go in a JSON envelope; "
                    "send it without --envelope"
                ) from None
        found = article_key(value, max_bytes=settings.pipeline.max_bytes) if key else None
        messages.append((found.encode() if found else None, value))
    with tqdm(total=len(messages), unit="msg", disable=not sys.stderr.isatty(), desc=topic) as bar:
        sent = run_kafka(
            produce_inputs(
                settings.connection,
                topic,
                messages,
                max_request_size=settings.max_request_bytes,
                on_sent=bar.update,
            )
        )
    click.echo(f"produced {sent} message(s) to {topic} at {settings.kafka_bootstrap}", err=True)


@cli.command()
@click.option("--reason", "reasons", multiple=True, help="Only letters with this reason (repeat).")
@click.option("--since", help="Only letters that failed at or after this RFC 3339 time.")
@click.option("--max", "limit", type=click.IntRange(min=1), help="At most N letters.")
@click.option("--dry-run", is_flag=True, help="Say what would be sent; send nothing.")
def replay(reasons: tuple[str, ...], since: str | None, limit: int | None, dry_run: bool) -> None:
    """Send dead letters' original messages back to the ingest topic, exactly as received.

    The worker then reads them with the current parser. Safe to repeat: an article already
    published comes out as a duplicate notice.
    """
    from collections import Counter

    from tqdm import tqdm

    from streams.core.replay import Replay, ReplayFilter, replays
    from streams.runtime.clients import produce_inputs, read_to_end

    settings = load_settings()
    try:
        moment = datetime.fromisoformat(since) if since else None
    except ValueError:
        raise click.BadParameter(
            f"{since!r} is not an RFC 3339 time", param_hint="--since"
        ) from None
    if moment is not None and moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    chosen = ReplayFilter(frozenset(reasons), moment, limit)
    try:
        letters = run_kafka(read_to_end(settings.connection, settings.topic_dlq))
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None
    picked: list[Replay] = []
    for item in replays((r.value for r in letters), chosen):
        if isinstance(item, str):
            click.echo(item, err=True)
        else:
            picked.append(item)
    by_reason = Counter(r.reason for r in picked)
    summary = ", ".join(f"{reason}={n}" for reason, n in sorted(by_reason.items())) or "none"
    if dry_run:
        for r in picked:
            click.echo(f"{r.where}\t{r.reason}\t{len(r.value)} bytes")
        click.echo(
            f"would replay {len(picked)} of {len(letters)} dead letter(s) to "
            f"{settings.topic_raw} ({summary})",
            err=True,
        )
        return
    with tqdm(total=len(picked), unit="msg", disable=not sys.stderr.isatty(), desc="replay") as bar:
        sent = run_kafka(
            produce_inputs(
                settings.connection,
                settings.topic_raw,
                [(r.key, r.value) for r in picked],
                max_request_size=settings.max_request_bytes,
                on_sent=bar.update,
            )
        )
    click.echo(
        f"replayed {sent} of {len(letters)} dead letter(s) to {settings.topic_raw} ({summary})",
        err=True,
    )


@cli.command()
@click.argument("topic")
@click.option("--from-beginning", is_flag=True, help="Start at the oldest record, not the end.")
@click.option("--max", "max_records", type=int, help="Stop after N records.")
@click.option("--timeout", type=float, help="Stop after this many seconds without a record.")
@click.option("--raw", is_flag=True, help="One JSON document per line, exactly as stored.")
def tail(
    topic: str, from_beginning: bool, max_records: int | None, timeout: float | None, raw: bool
) -> None:
    """Print the records of TOPIC (read_committed: only what transactions committed).

    TOPIC is a topic name or one of the aliases raw, enriched, duplicates, dlq.
    """
    from streams.runtime.clients import tail_topic

    settings = load_settings()
    aliases = {
        "raw": settings.topic_raw,
        "enriched": settings.topic_enriched,
        "duplicates": settings.topic_duplicates,
        "dlq": settings.topic_dlq,
    }
    name = aliases.get(topic, topic)

    async def go() -> None:
        async for record in tail_topic(
            settings.connection,
            name,
            from_beginning=from_beginning,
            max_records=max_records,
            idle_timeout=timeout,
        ):
            if raw:
                sys.stdout.buffer.write(record.value.rstrip(b"\n") + b"\n")
                sys.stdout.flush()
            else:
                click.echo(format_record(record.topic, record.partition, record.offset,
                                         record.value))  # fmt: skip

    try:
        run_kafka(go())
    except LookupError as exc:
        raise click.ClickException(str(exc)) from None


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--envelope", is_flag=True, help="Treat each file as wrapped in an envelope.")
def process(paths: tuple[str, ...], envelope: bool) -> None:
    """Parse, normalise and dedupe files offline, without Kafka (the embedded mode).

    Prints one JSON line per input: an article event, a duplicate notice or a dead letter,
    exactly as the worker would publish them; a summary goes to stderr.
    """
    from streams.core.dedupe import DictSeenStore
    from streams.core.events import IngestMeta
    from streams.core.pipeline import Duplicate, Published
    from streams.core.pipeline import process as process_one
    from streams.core.retention import Retention
    from streams.core.stories import DictStoryIndex
    from streams.runtime.clients import collect_inputs, envelope_for

    settings = load_settings()
    store = DictSeenStore()
    stories = DictStoryIndex()
    # The worker's settings and state, so both give the same outcome for the same inputs.
    config = settings.pipeline
    retention = Retention(config.retention_days)
    counts: dict[str, int] = {}
    try:
        inputs = list(collect_inputs(paths))
    except FileNotFoundError as exc:
        raise click.ClickException(str(exc)) from None
    for index, (name, page) in enumerate(inputs):
        value = envelope_for(name, page, source=None, url=None) if envelope else page
        outcome = process_one(
            value,
            store=store,
            ingest=IngestMeta(topic=f"file:{name}", partition=-1, offset=index),
            now=datetime.now(UTC),
            config=config,
            stories=stories,
            retention=retention,
        )
        if isinstance(outcome, Published):
            record, kind = outcome.event, outcome.event_type
        elif isinstance(outcome, Duplicate):
            record, kind = outcome.notice, "duplicate"
        else:
            record, kind = outcome.record, f"dlq:{outcome.reason}"
        counts[kind] = counts.get(kind, 0) + 1
        sys.stdout.buffer.write(jsonio.dumps(record) + b"\n")
    sys.stdout.flush()
    summary = ", ".join(f"{k}={v}" for k, v in sorted(counts.items()))
    click.echo(f"processed {len(inputs)} input(s): {summary}", err=True)


@cli.command()
@click.option(
    "--url", help="Worker web address. [default: http://NEWSWIRE_WEB_HOST:NEWSWIRE_WEB_PORT]"
)
def status(url: str | None) -> None:
    """Health, readiness and consumer lag per partition of a running worker.

    Exits 1 when the worker does not answer or is not ready.
    """
    import json
    import urllib.error
    import urllib.request

    from prometheus_client.parser import text_string_to_metric_families

    settings = load_settings()
    base = (url or f"http://{settings.web_host}:{settings.web_port}").rstrip("/")

    def get(path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:  # noqa: S310  # http(s) URL from settings or the user
                return int(response.status), response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    try:
        alive, _ = get("/healthz")
        code, body = get("/readyz")
        _, metrics_text = get("/metrics")
    except OSError as exc:
        click.echo(f"worker at {base}: not answering ({exc})")
        raise SystemExit(1) from None
    ready = json.loads(body)
    click.echo(f"worker at {base}: {'alive' if alive == 200 else 'NOT alive'}, "
               f"{'ready' if code == 200 else 'NOT ready'}")  # fmt: skip
    click.echo(f"  recovery completed: {ready.get('recovery_completed')}, "
               f"rebalancing: {ready.get('rebalancing')}")  # fmt: skip
    lag = {}
    for family in text_string_to_metric_families(metrics_text.decode()):
        if family.name == "newswire_consumer_lag":
            for sample in family.samples:
                lag[f"{sample.labels['topic']}[{sample.labels['partition']}]"] = int(sample.value)
    click.echo("  assigned partitions (lag):")
    paused = set(ready.get("paused", []))
    for tp in ready.get("assigned", []):
        click.echo(f"    {tp}" + (f"  lag {lag[tp]}" if tp in lag else "")
                   + ("  (paused)" if tp in paused else ""))  # fmt: skip
    if code != 200:
        raise SystemExit(1)


@cli.group()
def topics() -> None:
    """Create and list the topics Newswire uses."""


@topics.command("create")
def topics_create() -> None:
    """Create the missing topics with their partition counts and configs."""
    from streams.runtime.admin import ensure_topics

    settings = load_settings()
    for name, state in sorted(run_kafka(ensure_topics(settings)).items()):
        click.echo(f"{name}: {state}")


@topics.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also list topics Newswire does not own.")
def topics_list(show_all: bool) -> None:
    """List topics with their partition counts."""
    from streams.runtime.admin import list_topics, topic_specs

    settings = load_settings()
    found = run_kafka(list_topics(settings))
    ours = {s.name for s in topic_specs(settings)}
    for name in sorted(found):
        if show_all or name in ours or name.startswith(f"{settings.app_id}-"):
            click.echo(f"{name}\t{found[name]} partitions")
    for name in sorted(ours - set(found)):
        click.echo(f"{name}\tmissing (newswire topics create)")


dev.register(cli)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newswire")
