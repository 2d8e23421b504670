"""The labelled corpus: every field right on every page."""

from __future__ import annotations

from click.testing import CliRunner

from streams.cli.main import cli
from streams.devtools.evaluate import FIELDS, evaluate_corpus
from tests.conftest import ROOT

CORPUS = ROOT / "tests" / "corpus"


def test_corpus_has_the_layouts_it_claims() -> None:
    pages = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html")]
    assert len(pages) >= 40
    assert sum(p.name.startswith("fa-") for p in pages) >= 8
    assert sum(p.suffix == ".html" for p in pages) >= 8
    assert all(p.with_suffix(".json").exists() for p in pages)


def test_every_field_is_right_on_every_page() -> None:
    report = evaluate_corpus(CORPUS)
    assert report.pages >= 40
    assert report.misses == []
    assert all(report.accuracy(name) == 1.0 for name in FIELDS)


def test_eval_command_prints_the_table_and_fails_under_a_minimum(tmp_path) -> None:  # type: ignore[no-untyped-def]
    ok = CliRunner().invoke(cli, ["eval", str(CORPUS), "--min-accuracy", "1.0"])
    assert ok.exit_code == 0, ok.output
    assert "title" in ok.output
    assert "100.0%" in ok.output
    # A page whose expectation is wrong drops that field below 100%.
    (tmp_path / "a.txt").write_bytes((CORPUS / "en-01-standard.txt").read_bytes())
    (tmp_path / "a.json").write_text(
        (CORPUS / "en-01-standard.json").read_text().replace('"82001"', '"99999"')
    )
    bad = CliRunner().invoke(cli, ["eval", str(tmp_path), "-v", "--min-accuracy", "1.0"])
    assert bad.exit_code == 1
    assert "news_id: expected '99999', got '82001'" in bad.output
