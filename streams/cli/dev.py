"""Developer commands: the local Kafka, the demo and corpus evaluation.

They use :mod:`streams.devtools`, which needs a source checkout and is not in the wheel.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

import click

from streams.cli.common import load_settings
from streams.config.paths import checkout_root

__all__ = ["register"]

_ROOT = checkout_root() or Path.cwd()


def _devtool(name: str) -> ModuleType:
    """Import ``streams.devtools.NAME``, or say why it is not there."""
    try:
        return importlib.import_module(f"streams.devtools.{name}")
    except ModuleNotFoundError as exc:
        if exc.name is None or not exc.name.startswith("streams.devtools"):
            raise
        raise click.ClickException(
            "this is a developer command: it needs a source checkout of Newswire "
            "(git clone, then make install), not the installed package"
        ) from None


@click.command("eval")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--ner",
    is_flag=True,
    help="PATHS are CoNLL/IOB2 files: entity P/R/F1 per document, strict and relaxed, for the "
    "rules, the model and both.",
)
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
def evaluate(  # click passes every option
    paths: tuple[Path, ...], ner: bool, verbose: bool, min_accuracy: float, min_f1: float
) -> None:
    """Accuracy over labelled corpora of NAME.txt|html + NAME.json pairs.

    A folder whose expectations list persons is scored for enrichment (precision, recall and
    F1 per entity type and for quotations and their speakers); any other for parsing
    (per-field accuracy). Without PATHS: the project's tests/corpus and tests/corpus-enrich.
    With --ner, PATHS are named-entity files (CoNLL or IOB2).
    """  # fmt: skip
    if ner:
        _evaluate_ner(paths, min_f1)
        return
    evaluation = _devtool("evaluate")
    if bad := [p for p in paths if not p.is_dir()]:
        raise click.ClickException(f"{bad[0]} is a file: corpora are folders (--ner for files)")

    root = _ROOT / "tests"
    failed = False
    for path in paths or (root / "corpus", root / "corpus-enrich"):
        expectations = [p.read_text("utf-8") for p in sorted(path.glob("*.json"))[:50]]
        if any('"persons"' in text for text in expectations):
            enriched = evaluation.evaluate_enrichment(path)
            click.echo(f"{enriched.articles} articles from {path} (enrichment)")
            click.echo(enriched.table())
            misses: list[tuple[str, str, Any, Any]] = list(enriched.misses)
            entity_fields = [f for f in evaluation.ENTITY_FIELDS if f != "topics"]
            failed |= any(enriched.scores[f].f1 < min_f1 for f in entity_fields)
        else:
            report = evaluation.evaluate_corpus(path)
            if not report.pages:
                raise click.ClickException(f"no NAME.txt|html + NAME.json pairs under {path}")
            click.echo(f"{report.pages} pages from {path}")
            click.echo(report.table())
            misses = report.misses
            failed |= any(report.accuracy(name) < min_accuracy for name in evaluation.FIELDS)
        if verbose:
            for page, name, expected, observed in misses:
                click.echo(f"  {page} {name}: expected {expected!r}, got {observed!r}")
        click.echo()
    if failed:
        raise SystemExit(1)


def _evaluate_ner(paths: tuple[Path, ...], min_f1: float) -> None:
    if not paths or any(not p.is_file() for p in paths):
        raise click.ClickException("--ner takes CoNLL or IOB2 files, e.g. ../shared/ner/eval/*")
    ner_eval = _devtool("ner_eval")
    report = ner_eval.evaluate_ner(paths)
    click.echo(f"{report.documents} documents from {len(paths)} file(s); per document, distinct "
               "entity strings, micro-averaged")  # fmt: skip
    click.echo(report.table())
    if report.min_f1("newswire", "relaxed") < min_f1:
        raise SystemExit(1)


@click.group()
def kafka() -> None:
    """Run a local single-node Apache Kafka (KRaft) on 127.0.0.1."""


def _local(port: int) -> Any:
    return _devtool("localkafka").LocalKafka(load_settings().state_dir, port=port)


@kafka.command("start")
@click.option("--port", default=9092, show_default=True, help="Broker port (controller: +1).")
def kafka_start(port: int) -> None:
    """Fetch Kafka from Maven Central (once), format storage and start the broker."""
    localkafka = _devtool("localkafka")

    local = _local(port)
    try:
        started = local.start()
    except localkafka.ForeignBroker as exc:
        # Someone's broker is already there: use it rather than fail (`make test` relies on it).
        click.echo(f"{exc}; using it as it is")
        return
    except localkafka.LocalKafkaError as exc:
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
    localkafka = _devtool("localkafka")

    local = _local(9092)
    click.echo("Kafka stopped" if local.stop() else "Kafka was not running")
    if wipe:
        try:
            wiped = local.wipe()
        except localkafka.LocalKafkaError as exc:
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


@click.command()
@click.option(
    "--samples",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=_ROOT / "samples",
    show_default="the project's samples/",
    help="Folder of articles to send.",
)
@click.option("--once", is_flag=True, help="Exit when every sample has its outcome.")
@click.option("--timeout", default=120.0, show_default=True, help="Seconds to wait for outcomes.")
def demo(samples: Path, once: bool, timeout: float) -> None:
    """Local Kafka + a worker + the samples flowing through; shows what comes out.

    Ctrl-C stops the worker, and the local Kafka if the demo started it.
    """
    run_demo = _devtool("demo").run_demo
    raise SystemExit(run_demo(load_settings(), samples, once=once, timeout=timeout))


def register(group: click.Group) -> None:
    """Add the developer commands to ``group``."""
    for command in (evaluate, kafka, demo):
        group.add_command(command)
