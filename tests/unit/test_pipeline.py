from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from streams.core import jsonio
from streams.core.dedupe import DictSeenStore
from streams.core.events import IngestMeta
from streams.core.pipeline import Duplicate, PipelineConfig, Published, Rejected, process
from tests.conftest import SAMPLES
from tests.schemas import validate_record

NOW = datetime(2024, 9, 1, 12, 0, tzinfo=UTC)
MAX = 2 * 1024 * 1024

# What each shipped sample must become, processed in name order through one store.
EXPECTED = {
    "01-defapress-81001.txt": ("created", "defapress:81001", 1),
    "02-defapress-81002.txt": ("created", "defapress:81002", 1),
    "03-defapress-81001-rescrape.txt": ("duplicate", "defapress:81001", 1),
    "04-defapress-81002-revised.txt": ("updated", "defapress:81002", 2),
    "05-defapress-no-news-id.txt": ("created", None, 1),
    "06-defapress-81003-crlf.txt": ("created", "defapress:81003", 1),
    "07-malformed-empty.txt": ("dlq", "empty", None),
    "08-malformed-binary.bin": ("dlq", "not_utf8", None),
    "09-malformed-not-an-article.txt": ("dlq", "not_an_article", None),
    "10-envelope-81004.json": ("created", "defapress:81004", 1),
    "11-malformed-truncated-envelope.json": ("dlq", "bad_envelope", None),
}


def run(raw: bytes, store: DictSeenStore, offset: int = 0):
    ingest = IngestMeta("articles.raw", 0, offset, timestamp_ms=1_725_192_000_000, key=b"k")
    return process(raw, store=store, ingest=ingest, now=NOW, config=PipelineConfig(max_bytes=MAX))


def test_every_sample_has_its_expected_outcome() -> None:
    assert sorted(p.name for p in SAMPLES.iterdir()) == sorted(EXPECTED)
    store = DictSeenStore()
    for offset, (name, (kind, key_or_reason, revision)) in enumerate(sorted(EXPECTED.items())):
        raw = (SAMPLES / name).read_bytes()
        outcome = run(raw, store, offset)
        if kind == "dlq":
            assert isinstance(outcome, Rejected), name
            assert outcome.reason == key_or_reason, name
            assert base64.b64decode(outcome.record["original"]) == raw
            validate_record(outcome.record)
        elif kind == "duplicate":
            assert isinstance(outcome, Duplicate), name
            assert outcome.key == key_or_reason
            assert outcome.notice["kept_revision"] == revision
            assert outcome.notice["times_seen"] == 2
            validate_record(outcome.notice)
        else:
            assert isinstance(outcome, Published), name
            assert outcome.event_type == kind, name
            assert outcome.event["revision"] == revision
            if key_or_reason:
                assert outcome.key == key_or_reason
            assert outcome.event["ingest"]["offset"] == offset
            validate_record(outcome.event)
    assert len(store) == 5


def test_seed_event_matches_the_contract(seed_bytes: bytes) -> None:
    outcome = run(seed_bytes, DictSeenStore())
    assert isinstance(outcome, Published)
    e = outcome.event
    validate_record(e)
    assert e["event_type"] == "created"
    assert e["article_key"] == "defapress:77229"
    assert e["published_at"] == "2019-05-05T13:10:00+04:30"
    assert e["updated_at"] == "2024-02-28T12:38:00+03:30"
    assert e["dateline"] == {
        "city": "Tehran",
        "agency": "Defa Press",
        "agency_as_written": "defapress",
    }
    assert e["ingest"] == {
        "topic": "articles.raw",
        "partition": 0,
        "offset": 0,
        "timestamp": "2024-09-01T12:00:00.000Z",
    }
    assert e["processed_at"] == "2024-09-01T12:00:00.000Z"
    # Independent estimate: white-space tokens of lead and body (punctuation splits a few more).
    tokens = len(" ".join([e["lead"], *e["body"]]).split())
    assert tokens <= e["word_count"] <= tokens * 1.1


def test_event_id_is_deterministic_across_runs() -> None:
    raw = (SAMPLES / "01-defapress-81001.txt").read_bytes()
    a = run(raw, DictSeenStore())
    b = run(raw, DictSeenStore(), offset=99)
    assert isinstance(a, Published)
    assert isinstance(b, Published)
    assert a.event["event_id"] == b.event["event_id"]
    assert a.event["ingest"] != b.event["ingest"]


def test_events_round_trip_through_json() -> None:
    raw = (SAMPLES / "10-envelope-81004.json").read_bytes()
    outcome = run(raw, DictSeenStore())
    assert isinstance(outcome, Published)
    assert jsonio.loads(jsonio.dumps(outcome.event)) == outcome.event


def test_parser_crash_goes_to_dlq_as_internal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_args: object, **_kw: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr("streams.core.pipeline.parse_article", boom)
    raw = (SAMPLES / "01-defapress-81001.txt").read_bytes()
    outcome = run(raw, DictSeenStore())
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "internal_error"
    assert "KeyError" in outcome.record["message"]
    assert base64.b64decode(outcome.record["original"]) == raw


def test_enrichment_failure_publishes_the_article_without_enrichment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def boom(*_args: object) -> None:
        raise ValueError("enricher bug")

    monkeypatch.setattr("streams.core.pipeline.enrich", boom)
    outcome = run((SAMPLES / "01-defapress-81001.txt").read_bytes(), DictSeenStore())
    assert isinstance(outcome, Published)
    assert outcome.event["entities"] == {"persons": [], "organizations": [], "locations": []}
    validate_record(outcome.event)
