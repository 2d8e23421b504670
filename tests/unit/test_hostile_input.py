"""Large adversarial inputs: linear-time parsing and the size limit."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from streams.core import jsonio
from streams.core.enrich import load as load_enrichment
from streams.core.events import IngestMeta
from streams.core.language import load_model
from streams.core.pipeline import Parsed, Rejected, parse_stage

# Models and word lists load once per process; the bound below is about parsing, not that.
load_model()
load_enrichment()

LIMIT = 2 * 1024 * 1024
MIB2 = LIMIT - 64  # just under the limit, so the parser really runs

# Shapes that make backtracking regexes or quadratic loops blow up.
ADVERSARIAL = {
    "open_parens": b"(" * MIB2,
    "dateline_lookalikes": b"TEHRAN (defapress) " * (MIB2 // 19),
    "dash_runs": b"Title\nTEHRAN (defapress) " + b"-" * (MIB2 - 30),
    "one_huge_line": b"Title\nTEHRAN (defapress) - " + b"word " * (MIB2 // 5 - 10),
    "label_lines": b"News ID: 1\n" + b"Publish Date: 1" + b"1" * (MIB2 - 40),
    "many_lines": b"Title\nTEHRAN (defapress) - Lead.\n" + b"x\n" * (MIB2 // 2 - 20),
    "mojibake_marks": "Title\nTEHRAN (defapress) - Ã©".encode() + "â€œ".encode() * (MIB2 // 8),
    "nested_html": jsonio.dumps(
        {"content_type": "text/html", "content": "<div>" * (MIB2 // 6) + "x"}
    ),
    "zero_width": b"Title\nTEHRAN (defapress) - a" + "\u200b".encode() * (MIB2 // 3),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_two_mib_adversarial_input_is_handled_well_under_a_second(name: str) -> None:
    raw = ADVERSARIAL[name]
    assert len(raw) <= LIMIT
    started = time.perf_counter()
    outcome = parse_stage(raw, ingest=IngestMeta("t", 0, 0), now=datetime.now(UTC), max_bytes=LIMIT)
    elapsed = time.perf_counter() - started
    assert isinstance(outcome, Parsed | Rejected)
    if isinstance(outcome, Rejected):
        assert outcome.reason != "internal_error", outcome.record["message"]
    assert elapsed < 1.0, f"{name}: {elapsed:.2f}s"


def test_over_the_limit_is_rejected_before_parsing() -> None:
    raw = b"(" * (LIMIT + 1)
    started = time.perf_counter()
    outcome = parse_stage(raw, ingest=IngestMeta("t", 0, 0), now=datetime.now(UTC), max_bytes=LIMIT)
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "too_large"
    assert time.perf_counter() - started < 0.1
