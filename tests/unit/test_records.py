"""The typed records between the stages: they survive their internal topics, and anything
else on those topics is refused with a reason instead of failing inside a stage."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from streams.core import jsonio
from streams.core.dedupe import DictSeenStore
from streams.core.events import IngestMeta
from streams.core.pipeline import (
    Duplicate,
    Parsed,
    PipelineConfig,
    Published,
    dedupe_stage,
    parse_stage,
    process,
)
from streams.core.records import Draft, StoryRequest, UnreadableRecord
from streams.core.retention import Retention
from streams.devtools.synthetic import synthetic_article
from tests.conftest import SAMPLES

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _draft(news_id: int = 5, published: datetime | None = None) -> Draft:
    parsed = parse_stage(
        synthetic_article(news_id, published=published),
        ingest=IngestMeta("raw", 1, news_id, timestamp_ms=1_764_000_000_000),
        now=NOW,
        max_bytes=1 << 21,
    )
    assert isinstance(parsed, Parsed)
    return parsed.draft


def test_draft_and_story_request_survive_their_topics() -> None:
    draft = _draft()
    assert Draft.from_json(draft.to_json()) == draft
    request = dedupe_stage(draft, store=DictSeenStore(), now=NOW)
    assert isinstance(request, StoryRequest)
    assert StoryRequest.from_json(request.to_json()) == request
    assert request.simhash.bit_length() > 32  # 64-bit values through JSON as strings


def test_the_simhash_is_computed_in_the_parse_stage_and_rides_the_draft() -> None:
    draft = _draft()
    assert draft.simhash is not None
    assert draft.simhash.bit_length() > 32
    request = dedupe_stage(draft, store=DictSeenStore(), now=NOW)
    assert isinstance(request, StoryRequest)
    assert request.simhash == draft.simhash


def test_a_draft_written_without_a_simhash_gets_the_same_one_in_dedupe() -> None:
    draft = _draft()
    record = jsonio.loads(draft.to_json())
    del record["simhash"]  # as a worker of the version before wrote it
    older = Draft.from_json(jsonio.dumps(record))
    assert older.simhash is None
    request = dedupe_stage(older, store=DictSeenStore(), now=NOW)
    assert isinstance(request, StoryRequest)
    assert request.simhash == draft.simhash
    broken = jsonio.dumps({**record, "simhash": "0x12"})
    with pytest.raises(UnreadableRecord, match="simhash"):
        Draft.from_json(broken)


# "²" passes str.isdigit() and then fails int(): it must be unreadable, not a crash.
@pytest.mark.parametrize("signature", ["0x12", "²", "-5", "", 12, None])
def test_a_simhash_that_is_not_a_digit_string_is_unreadable_in_both_records(
    signature: object,
) -> None:
    draft = _draft()
    request = dedupe_stage(draft, store=DictSeenStore(), now=NOW)
    assert isinstance(request, StoryRequest)
    story = {**jsonio.loads(request.to_json()), "simhash": signature}
    with pytest.raises(UnreadableRecord, match="simhash"):
        StoryRequest.from_json(jsonio.dumps(story))
    if signature is not None:  # a draft may have none (an older worker's)
        parsed = {**jsonio.loads(draft.to_json()), "simhash": signature}
        with pytest.raises(UnreadableRecord, match="simhash"):
            Draft.from_json(jsonio.dumps(parsed))


def test_the_publish_time_is_decided_once_in_the_parse_stage() -> None:
    draft = _draft(published=datetime(2026, 8, 1, 9, 0))
    assert draft.published == datetime(2026, 8, 1, 5, 30, tzinfo=UTC)  # Tehran time
    assert draft.ingest_ms == 1_764_000_000_000


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"\xff not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"event": 1}', "event is int"),
        (b'{"published": "2026-01-01T00:00:00Z", "ingest_ms": null, "event": {}}', "missing"),
    ],
)
def test_an_unreadable_draft_says_why(value: bytes, reason: str) -> None:
    with pytest.raises(UnreadableRecord, match=reason) as caught:
        Draft.from_json(value)
    assert caught.value.reason == "internal_error"


def test_a_story_request_with_a_bad_time_or_hash_is_unreadable() -> None:
    request = dedupe_stage(_draft(), store=DictSeenStore(), now=NOW)
    assert isinstance(request, StoryRequest)
    record = jsonio.loads(request.to_json())
    for name, bad in (("published", "yesterday"), ("simhash", "-1")):
        broken = jsonio.dumps({**record, name: bad})
        with pytest.raises(UnreadableRecord, match=name):
            StoryRequest.from_json(broken)


def test_process_honours_enrichment_off_as_the_worker_does() -> None:
    raw = (SAMPLES / "01-defapress-81001.txt").read_bytes()
    ingest = IngestMeta("f", -1, 0)
    on = process(raw, store=DictSeenStore(), ingest=ingest, now=NOW)
    off = process(
        raw, store=DictSeenStore(), ingest=ingest, now=NOW,
        config=PipelineConfig(enrichment=False),
    )  # fmt: skip
    assert isinstance(on, Published)
    assert isinstance(off, Published)
    assert on.event["countries"]
    assert on.event["keywords"]
    assert off.event["entities"] == {"persons": [], "organizations": [], "locations": []}
    assert (off.event["countries"], off.event["keywords"]) == ([], [])


def test_process_with_retention_forgets_what_the_stream_left_behind() -> None:
    store, retention = DictSeenStore(), Retention(7)
    old = synthetic_article(8, published=datetime(2026, 10, 1, 9, 0))
    new = synthetic_article(9, published=datetime(2026, 11, 20, 9, 0))
    seen = [
        process(raw, store=store, ingest=IngestMeta("f", -1, i), now=NOW, retention=retention)
        for i, raw in enumerate((old, old, new, old))
    ]
    assert [type(o) for o in seen] == [Published, Duplicate, Published, Published]
    assert isinstance(seen[3], Published)
    assert seen[3].event["revision"] == 1  # past the retention: created again
