from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from streams.core.dedupe import DictSeenStore
from streams.core.events import IngestMeta
from streams.core.pipeline import Published, process
from streams.core.stories import (
    MAX_ENTRIES_PER_BAND,
    DictStoryIndex,
    assign_story,
    band_keys,
    simhash,
)
from streams.devtools.synthetic import synthetic_article
from tests.conftest import SAMPLES

TEXT = synthetic_article(7).decode()


def test_simhash_is_the_same_in_every_process() -> None:
    code = "from streams.core.stories import simhash; import sys; print(simhash(sys.stdin.read()))"
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            input=TEXT,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert runs == {f"{simhash(TEXT)}\n"}


def test_small_edit_is_near_and_another_article_is_far() -> None:
    edited = TEXT.replace("Monday", "Tuesday", 1)
    assert (simhash(TEXT) ^ simhash(edited)).bit_count() <= 3
    other = (SAMPLES / "02-defapress-81002.txt").read_text()
    assert (simhash(TEXT) ^ simhash(other)).bit_count() > 16


@given(st.integers(0, 2**64 - 1), st.lists(st.integers(0, 63), max_size=3, unique=True))
def test_within_three_bits_always_shares_a_band(signature: int, flips: list[int]) -> None:
    other = signature
    for bit in flips:
        other ^= 1 << bit
    assert set(band_keys(signature)) & set(band_keys(other))


def test_repost_joins_the_story_revision_keeps_it_stranger_starts_its_own() -> None:
    index = DictStoryIndex()
    first = assign_story(index, "a:1", simhash(TEXT), max_distance=3)
    repost = assign_story(index, "b:9", simhash(TEXT.replace("Monday", "Tuesday", 1)),
                          max_distance=3)  # fmt: skip
    revision = assign_story(index, "a:1", simhash(TEXT + " A late correction."), max_distance=3)
    other = (SAMPLES / "02-defapress-81002.txt").read_text()
    stranger = assign_story(index, "c:2", simhash(other), max_distance=3)
    assert not first.joined
    assert repost.joined
    assert repost.story_id == first.story_id
    assert repost.similar_to[0][0] == "a:1"
    assert revision.story_id == first.story_id
    assert not revision.joined
    assert stranger.story_id != first.story_id
    assert stranger.similar_to == []


def test_band_entries_are_bounded() -> None:
    index = DictStoryIndex()
    for i in range(MAX_ENTRIES_PER_BAND * 3):
        assign_story(index, f"k:{i}", 0xABCD, max_distance=0)
    assert all(len(v) <= MAX_ENTRIES_PER_BAND for v in index.bands.values())
    newest = [f"k:{i}" for i in range(MAX_ENTRIES_PER_BAND * 2, MAX_ENTRIES_PER_BAND * 3)]
    assert all([e[0] for e in v] == newest for v in index.bands.values())


def test_filing_replaces_the_articles_entry_and_drops_the_expired_ones() -> None:
    index = DictStoryIndex()
    index.file(("old:1", "s-old", 0x1234, "2026-01-01T00:00:00Z"), None)
    index.file(("a:1", "s-a", 0x1234, "2026-03-01T00:00:00Z"), None)
    index.file(("a:1", "s-a", 0x1234, "2026-03-02T00:00:00Z"), "2026-02-01T00:00:00Z")
    for entries in index.bands.values():
        assert entries == (("a:1", "s-a", 0x1234, "2026-03-02T00:00:00Z"),)


def test_embedded_pipeline_puts_reposts_in_one_story() -> None:
    store, stories = DictSeenStore(), DictStoryIndex()
    original = synthetic_article(11)
    repost = original.replace(b"News ID: 11", b"News ID: 9911")
    events = []
    for offset, raw in enumerate((original, repost)):
        outcome = process(raw, store=store, stories=stories, ingest=IngestMeta("t", 0, offset),
                          now=datetime.now(UTC))  # fmt: skip
        assert isinstance(outcome, Published)
        events.append(outcome)
    assert events[0].event["article_key"] != events[1].event["article_key"]
    assert events[1].event["story_id"] == events[0].event["story_id"]
    assert events[1].event["similar_to"] == [{"article_key": "defapress:11", "distance": 0}]
    assert events[1].joined_story


class _CountingTable(dict):  # type: ignore[type-arg]
    """A table stand-in that counts writes (each is a changelog record in the worker)."""

    writes = 0

    def __setitem__(self, key: str, value: bytes) -> None:
        self.writes += 1
        super().__setitem__(key, value)


def test_the_worker_index_writes_one_record_an_article_and_rebuilds_its_bands() -> None:
    from streams.runtime.stores import TableStoryIndex  # noqa: PLC0415  # runtime side

    table = _CountingTable()
    index = TableStoryIndex(table)
    first = assign_story(index, "a:1", simhash(TEXT), max_distance=3, published="2026-11-01")
    repost = assign_story(index, "b:9", simhash(TEXT.replace("Monday", "Tuesday", 1)),
                          max_distance=3, published="2026-11-02")  # fmt: skip
    assert repost.story_id == first.story_id
    assert table.writes == 2  # not one per band
    # A worker that takes the index over recovers the table, then the bands from it.
    taken_over = TableStoryIndex(dict(table))
    assert taken_over.rebuild() == 2
    for band in band_keys(simhash(TEXT)):
        assert taken_over.get(band) == index.get(band)
    late = assign_story(taken_over, "c:3", simhash(TEXT), max_distance=3, published="2026-11-03")
    assert late.story_id == first.story_id
    # The retention sweep's look-up: what was filed, here and after the take-over.
    filed = ("b:9", first.story_id, simhash(TEXT.replace("Monday", "Tuesday", 1)), "2026-11-02")
    assert index.entry("b:9") == taken_over.entry("b:9") == filed
    taken_over.forget("a:1")
    assert "a:1" not in taken_over.table
    assert taken_over.entry("a:1") is None
    assert all(e[0] != "a:1" for b in band_keys(simhash(TEXT)) for e in taken_over.get(b))
