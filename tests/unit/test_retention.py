"""Retention: the stream clock, the sweeper, and expired state counting as unknown."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from streams.core.dedupe import DictSeenStore, SeenRecord, decide
from streams.core.events import IngestMeta
from streams.core.pipeline import Duplicate, Parsed, dedupe_stage, parse_stage
from streams.core.records import StoryRequest
from streams.core.retention import PartitionSweeper, Retention, publish_time
from streams.core.stories import DictStoryIndex, assign_story, band_keys, simhash
from streams.devtools.synthetic import synthetic_article

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def _parsed(news_id: int, published: datetime) -> Parsed:
    outcome = parse_stage(
        synthetic_article(news_id, published=published),
        ingest=IngestMeta("raw", 0, news_id, None, None),
        now=NOW,
        max_bytes=1 << 20,
    )
    assert isinstance(outcome, Parsed)
    return outcome


def test_clock_follows_the_latest_publish_time_but_not_past_the_wall_clock() -> None:
    retention = Retention(30)
    assert retention.horizon is None
    retention.observe(datetime(2026, 10, 1, tzinfo=UTC), NOW)
    # A late arrival: time does not go back.
    assert retention.observe(datetime(2026, 9, 1, tzinfo=UTC), NOW) == "2026-09-01T00:00:00.000Z"
    retention.observe(datetime(2031, 1, 1, tzinfo=UTC), NOW)  # dated in the future: capped
    assert retention.horizon == "2026-10-27T12:00:00.000Z"


def test_hostile_dates_neither_crash_nor_expire_everything() -> None:
    retention = Retention(30)
    year_one = publish_time(datetime(1, 1, 2, tzinfo=UTC), None, NOW)
    assert retention.observe(year_one, NOW) is None  # 30 days before year 1 does not exist
    naive = publish_time(datetime(2026, 10, 1), None, NOW)
    assert retention.observe(naive, NOW) == "2026-09-01T00:00:00.000Z"


def test_publish_time_falls_back_to_ingest_time_then_now() -> None:
    tehran = timezone(timedelta(hours=3, minutes=30))
    published = publish_time(datetime(2026, 9, 3, 14, 5, tzinfo=tehran), 1, NOW)
    assert published == datetime(2026, 9, 3, 10, 35, tzinfo=UTC)
    ingest_ms = int(datetime(2026, 11, 1, tzinfo=UTC).timestamp() * 1000)
    assert publish_time(None, ingest_ms, NOW) == datetime(2026, 11, 1, tzinfo=UTC)
    assert publish_time(None, None, NOW) == NOW


def test_retention_decides_records_and_story_entries_by_its_horizon() -> None:
    retention = Retention(30)
    _, record = decide(None, "h", "2026-11-26T00:00:00.000Z", "2026-08-01T00:00:00.000Z")
    entry = ("a:1", "s", 1, "2026-08-01T00:00:00.000Z")
    assert not retention.record_expired(record)  # no horizon before the first article
    assert not retention.entry_expired(entry)
    retention.observe(NOW, NOW)
    assert retention.record_expired(record)
    assert retention.entry_expired(entry)
    assert not retention.entry_expired(("b:2", "s", 1, "2026-11-20T00:00:00.000Z"))
    assert not retention.record_expired(None)
    assert not retention.entry_expired(None)


def test_sweeper_visits_each_key_of_a_partition_once_per_pass() -> None:
    table = {f"k{i}": i for i in range(20)}
    sweeper = PartitionSweeper(lambda: list(table), lambda key: int(key[1:]) % 3)
    seen: list[str] = []
    while len(seen) < 7:  # partition 0 holds k0, k3, ..., k18: seven keys
        batch = sweeper.next_keys(0, 2)
        assert batch
        seen += batch
    assert sorted(seen) == sorted(k for k in table if int(k[1:]) % 3 == 0)
    assert sweeper.next_keys(0, 2)  # the next pass starts again from a fresh snapshot


def test_sweeper_sees_keys_added_after_its_last_pass() -> None:
    table = {"a": 0}
    sweeper = PartitionSweeper(lambda: list(table), lambda key: 0)
    assert sweeper.next_keys(0, 5) == ["a"]
    table["b"] = 0
    assert sorted(sweeper.next_keys(0, 5)) == ["a", "b"]


def test_sweeper_hashes_each_key_once_while_the_key_stays() -> None:
    table = {f"k{i}": i for i in range(10)}
    hashed: list[str] = []

    def partition_of(key: str) -> int:
        hashed.append(key)
        return int(key[1:]) % 2

    sweeper = PartitionSweeper(lambda: list(table), partition_of)
    for _ in range(6):  # each call takes a whole partition: a fresh pass every time
        assert len(sweeper.next_keys(0, 5)) == 5
        assert len(sweeper.next_keys(1, 5)) == 5
    assert sorted(hashed) == sorted(table)  # once each, not once a pass
    del table["k3"]
    assert sorted(sweeper.next_keys(1, 5)) == ["k1", "k5", "k7", "k9"]  # k3 forgotten
    table["k3"] = 3
    assert "k3" in sweeper.next_keys(1, 5)
    assert hashed.count("k3") == 2


def test_expired_record_counts_as_unknown_so_the_article_is_created_again() -> None:
    store = DictSeenStore()
    old = _parsed(1, datetime(2026, 8, 1, 9, 0))
    assert isinstance(dedupe_stage(old.draft, store=store, now=NOW), StoryRequest)
    assert isinstance(dedupe_stage(old.draft, store=store, now=NOW), Duplicate)
    record = store.get(old.key)
    assert record is not None
    assert record.published == "2026-08-01T05:30:00.000Z"  # Tehran time, in UTC
    horizon = "2026-09-01T00:00:00.000Z"
    assert record.expired(horizon)
    assert not record.expired("2026-07-01T00:00:00.000Z")
    again = dedupe_stage(old.draft, store=store, now=NOW, horizon=horizon)
    assert isinstance(again, StoryRequest)
    assert again.event["revision"] == 1


def test_a_repeat_keeps_the_latest_publish_time() -> None:
    _, first = decide(None, "h1", "2026-11-26T00:00:00.000Z", "2026-10-01T00:00:00.000Z")
    _, second = decide(first, "h1", "2026-11-26T00:00:01.000Z", "2026-09-01T00:00:00.000Z")
    assert second.published == "2026-10-01T00:00:00.000Z"


def test_records_from_before_retention_age_from_their_last_sighting() -> None:
    old = {"revision": 1, "first_seen": "a", "last_seen": "2026-01-01T00:00:00.000Z",
           "revisions": [[1, "h", "a", 1]]}  # fmt: skip
    assert SeenRecord.from_dict(old).published == "2026-01-01T00:00:00.000Z"


def test_expired_story_entries_match_nothing_and_leave_their_bands() -> None:
    index = DictStoryIndex()
    text = "Officials announced a plan to expand rail freight on Monday " * 8
    signature = simhash(text)
    assign_story(index, "a:1", signature, max_distance=3, published="2026-08-01T00:00:00.000Z")
    horizon = "2026-09-01T00:00:00.000Z"
    later = assign_story(
        index, "b:2", signature, max_distance=3, published="2026-11-01T00:00:00.000Z",
        horizon=horizon,
    )  # fmt: skip
    assert later.similar_to == []
    assert not later.joined
    for band in band_keys(signature):
        assert [e[0] for e in index.get(band)] == ["b:2"]
    index.forget(("b:2", later.story_id, signature, "2026-11-01T00:00:00.000Z"))
    assert not any(index.get(band) for band in band_keys(signature))
