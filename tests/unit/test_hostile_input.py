"""Large adversarial inputs: each is parsed or rejected with a reason, and the size limit holds.

How long they take is a benchmark's question (``bench/hostile.py`` prints it), not a test's.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.core.events import IngestMeta
from streams.core.pipeline import Parsed, Rejected, parse_stage
from streams.devtools.adversarial import LIMIT, adversarial_inputs

INPUTS = adversarial_inputs()


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_two_mib_adversarial_input_is_parsed_or_rejected_with_a_reason(name: str) -> None:
    raw = INPUTS[name]()
    assert LIMIT // 2 < len(raw) <= LIMIT
    outcome = parse_stage(raw, ingest=IngestMeta("t", 0, 0), now=datetime.now(UTC), max_bytes=LIMIT)
    assert isinstance(outcome, Parsed | Rejected)
    if isinstance(outcome, Rejected):
        assert outcome.reason != "internal_error", outcome.record["message"]


def test_deep_nesting_is_refused_as_too_complex() -> None:
    raw = INPUTS["nested_html"]()
    outcome = parse_stage(raw, ingest=IngestMeta("t", 0, 0), now=datetime.now(UTC), max_bytes=LIMIT)
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "too_complex"


def test_over_the_limit_is_rejected_before_parsing() -> None:
    raw = b"(" * (LIMIT + 1)
    outcome = parse_stage(raw, ingest=IngestMeta("t", 0, 0), now=datetime.now(UTC), max_bytes=LIMIT)
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "too_large"
