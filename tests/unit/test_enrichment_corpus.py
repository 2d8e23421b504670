"""Enrichment scored on the labelled corpus: the issue's F1 targets, and the eval command."""

from __future__ import annotations

from click.testing import CliRunner

from streams.cli.main import cli
from streams.devtools.evaluate import evaluate_enrichment
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus-enrich"


def test_corpus_size() -> None:
    assert len(list(CORPUS.glob("*.txt"))) >= 25


def test_f1_targets_are_met() -> None:
    report = evaluate_enrichment(CORPUS)
    assert report.articles >= 25
    f1 = {name: score.f1 for name, score in report.scores.items()}
    assert f1["persons"] >= 0.95, report.table()
    assert f1["countries"] >= 0.95, report.table()
    assert f1["organizations"] >= 0.85, report.table()
    assert f1["quotes"] >= 0.85, report.table()
    assert f1["speakers"] >= 0.85, report.table()


def test_eval_command_scores_the_enrichment_corpus() -> None:
    result = CliRunner().invoke(cli, ["eval", str(CORPUS), "--min-f1", "0.85"])
    assert result.exit_code == 0, result.output
    assert "(enrichment)" in result.output
    assert "persons" in result.output
