"""The ``newswire`` command line: worker, produce, tail, process, kafka, topics, demo."""

from __future__ import annotations

import asyncio
import logging
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from . import __version__, jsonio
from .display import format_record
from .settings import Settings, SettingsError

__all__ = ["main"]

_MIB = 1024 * 1024


def _settings() -> Settings:
    try:
        return Settings.from_env()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from None


class _ClientErrors(logging.Handler):
    """Keeps aiokafka's error log lines: its bootstrap error hides why each broker failed."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def _refused_login(settings: Settings) -> click.ClickException:
    return click.ClickException(
        f"Kafka at {settings.kafka_bootstrap} refused SASL authentication for user "
        f"{settings.kafka_sasl_username!r} with {settings.kafka_sasl_mechanism}. "
        "Check NEWSWIRE_KAFKA_SASL_USERNAME, _PASSWORD and _MECHANISM."
    )


def _run(coro: Any) -> Any:
    from aiokafka.errors import (
        AuthenticationFailedError,
        KafkaConnectionError,
        SaslAuthenticationFailed,
    )

    # aiokafka's errors are kept (not printed): they explain a failed bootstrap.
    errors = _ClientErrors()
    client_log = logging.getLogger("aiokafka")
    saved = client_log.level, client_log.propagate
    client_log.addHandler(errors)
    client_log.setLevel(logging.ERROR)
    client_log.propagate = False
    try:
        return asyncio.run(coro)
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except KafkaConnectionError as exc:
        settings = _settings()
        seen = " ".join(errors.lines)
        if "SaslAuthenticationFailed" in seen or "Authentication failed" in seen:
            raise _refused_login(settings) from None
        if "CERTIFICATE_VERIFY_FAILED" in seen or "SSL" in seen:
            raise click.ClickException(
                f"the TLS handshake with Kafka at {settings.kafka_bootstrap} failed "
                f"({errors.lines[-1]}). Check NEWSWIRE_KAFKA_SSL_CAFILE and the protocol."
            ) from None
        cause = f"; last error: {errors.lines[-1]}" if errors.lines else ""
        raise click.ClickException(
            f"cannot reach Kafka at {settings.kafka_bootstrap} ({exc}{cause}). Start the local "
            "one with `newswire kafka start`, or set NEWSWIRE_KAFKA_BOOTSTRAP."
        ) from None
    except (SaslAuthenticationFailed, AuthenticationFailedError):
        raise _refused_login(_settings()) from None
    finally:
        client_log.removeHandler(errors)
        client_log.setLevel(saved[0])
        client_log.propagate = saved[1]


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
    from .worker import run_worker

    settings = _settings()
    logging.getLogger("streams").setLevel(settings.log_level.upper())
    run_worker(settings)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--topic", help="Topic to write to. [default: NEWSWIRE_TOPIC_RAW]")
@click.option("--envelope", is_flag=True, help="Wrap each file in the JSON ingest envelope.")
@click.option("--source", help="With --envelope: the source id to put in it (e.g. defapress).")
@click.option("--url", help="With --envelope: the page URL to put in it.")
def produce(
    paths: tuple[str, ...], topic: str | None, envelope: bool, source: str | None, url: str | None
) -> None:
    """Send articles to the ingest topic: one message per file.

    PATHS are files, folders (every file inside, sorted by name) or - for stdin.
    """
    from tqdm import tqdm

    from .clients import collect_inputs, envelope_for, produce_inputs

    settings = _settings()
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
        messages.append((None, value))
    with tqdm(total=len(messages), unit="msg", disable=not sys.stderr.isatty(), desc=topic) as bar:
        sent = _run(
            produce_inputs(
                settings.connection,
                topic,
                messages,
                max_request_size=(settings.max_input_bytes + _MIB) * 2,
                on_sent=bar.update,
            )
        )
    click.echo(f"produced {sent} message(s) to {topic} at {settings.kafka_bootstrap}", err=True)


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
    from .clients import tail_topic

    settings = _settings()
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
        _run(go())
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
    from .clients import collect_inputs, envelope_for
    from .dedupe import DictSeenStore
    from .events import IngestMeta
    from .pipeline import Duplicate, Published
    from .pipeline import process as process_one
    from .stories import DictStoryIndex

    settings = _settings()
    store = DictSeenStore()
    stories = DictStoryIndex()
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
            max_bytes=settings.max_input_bytes,
            stories=stories,
            max_distance=settings.story_max_distance,
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


@cli.command("eval")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="List every field that did not match.")
@click.option(
    "--min-accuracy",
    type=float,
    default=0.0,
    show_default=True,
    help="Parser corpus: exit 1 when any field is below this share (0..1).",
)
@click.option(
    "--min-f1",
    type=float,
    default=0.0,
    show_default=True,
    help="Enrichment corpus: exit 1 when any entity F1 is below this (0..1).",
)
def evaluate(paths: tuple[Path, ...], verbose: bool, min_accuracy: float, min_f1: float) -> None:
    """Accuracy over labelled corpora of NAME.txt|html + NAME.json pairs.

    A folder whose expectations list persons is scored for enrichment (precision, recall and
    F1 per entity type and for quotations and their speakers); any other for parsing
    (per-field accuracy). Without PATHS: the project's tests/corpus and tests/corpus-enrich.
    """  # fmt: skip
    from .evaluate import ENTITY_FIELDS, FIELDS, evaluate_corpus, evaluate_enrichment

    root = Path(__file__).resolve().parent.parent / "tests"
    failed = False
    for path in paths or (root / "corpus", root / "corpus-enrich"):
        expectations = [p.read_text("utf-8") for p in sorted(path.glob("*.json"))[:50]]
        if any('"persons"' in text for text in expectations):
            enriched = evaluate_enrichment(path)
            click.echo(f"{enriched.articles} articles from {path} (enrichment)")
            click.echo(enriched.table())
            misses: list[tuple[str, str, Any, Any]] = list(enriched.misses)
            failed |= any(enriched.scores[f].f1 < min_f1 for f in ENTITY_FIELDS if f != "topics")
        else:
            report = evaluate_corpus(path)
            if not report.pages:
                raise click.ClickException(f"no NAME.txt|html + NAME.json pairs under {path}")
            click.echo(f"{report.pages} pages from {path}")
            click.echo(report.table())
            misses = report.misses
            failed |= any(report.accuracy(name) < min_accuracy for name in FIELDS)
        if verbose:
            for page, name, expected, observed in misses:
                click.echo(f"  {page} {name}: expected {expected!r}, got {observed!r}")
        click.echo()
    if failed:
        raise SystemExit(1)


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

    settings = _settings()
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
def kafka() -> None:
    """Run a local single-node Apache Kafka (KRaft) on 127.0.0.1."""


def _local(port: int) -> Any:
    from .localkafka import LocalKafka

    return LocalKafka(_settings().state_dir, port=port)


@kafka.command("start")
@click.option("--port", default=9092, show_default=True, help="Broker port (controller: +1).")
def kafka_start(port: int) -> None:
    """Fetch Kafka from Maven Central (once), format storage and start the broker."""
    from .localkafka import ForeignBroker, LocalKafkaError

    local = _local(port)
    try:
        started = local.start()
    except ForeignBroker as exc:
        # Someone's broker is already there: use it rather than fail (`make test` relies on it).
        click.echo(f"{exc}; using it as it is")
        return
    except LocalKafkaError as exc:
        raise click.ClickException(str(exc)) from None
    verb = "started" if started else "already running"
    click.echo(f"Kafka {local.version} {verb} on 127.0.0.1:{port} (logs: {local.logs})")
    if port != 9092:
        click.echo(f"  export NEWSWIRE_KAFKA_BOOTSTRAP=127.0.0.1:{port}")


@kafka.command("stop")
@click.option(
    "--wipe", is_flag=True,
    help="Also delete its topics and metadata: the next start is an empty broker.",
)  # fmt: skip
def kafka_stop(wipe: bool) -> None:
    """Stop the local broker started by `newswire kafka start`."""
    from .localkafka import LocalKafkaError

    local = _local(9092)
    click.echo("Kafka stopped" if local.stop() else "Kafka was not running")
    if wipe:
        try:
            wiped = local.wipe()
        except LocalKafkaError as exc:
            raise click.ClickException(str(exc)) from None
        click.echo(f"its data deleted ({local.data})" if wiped else "it had no data")


@kafka.command("status")
def kafka_status() -> None:
    """Say whether the local broker runs and answers; exit 1 when it does not."""
    status = _local(9092).status()
    if not status.running:
        click.echo("Kafka is not running")
        raise SystemExit(1)
    state = "answering" if status.answers else "NOT answering"
    click.echo(f"Kafka running: pid {status.pid}, 127.0.0.1:{status.port}, {state}")
    if not status.answers:
        raise SystemExit(1)


@cli.group()
def topics() -> None:
    """Create and list the topics Newswire uses."""


@topics.command("create")
def topics_create() -> None:
    """Create the missing topics with their partition counts and configs."""
    from .admin import ensure_topics

    settings = _settings()
    for name, state in sorted(_run(ensure_topics(settings)).items()):
        click.echo(f"{name}: {state}")


@topics.command("list")
@click.option("--all", "show_all", is_flag=True, help="Also list topics Newswire does not own.")
def topics_list(show_all: bool) -> None:
    """List topics with their partition counts."""
    from .admin import list_topics, topic_specs

    settings = _settings()
    found = _run(list_topics(settings))
    ours = {s.name for s in topic_specs(settings)}
    for name in sorted(found):
        if show_all or name in ours or name.startswith(f"{settings.app_id}-"):
            click.echo(f"{name}\t{found[name]} partitions")
    for name in sorted(ours - set(found)):
        click.echo(f"{name}\tmissing (newswire topics create)")


@cli.command()
@click.option(
    "--samples",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=Path(__file__).resolve().parent.parent / "samples",
    show_default="the project's samples/",
    help="Folder of articles to send.",
)
@click.option("--once", is_flag=True, help="Exit when every sample has its outcome.")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for outcomes.")
def demo(samples: Path, once: bool, timeout: float) -> None:
    """Local Kafka + a worker + the samples flowing through; shows what comes out.

    Ctrl-C stops the worker, and the local Kafka if the demo started it.
    """
    from .demo import run_demo

    raise SystemExit(run_demo(_settings(), samples, once=once, timeout=timeout))


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="newswire")
