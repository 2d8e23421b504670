from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from streams.core.dedupe import MAX_REVISIONS_KEPT, New, Repeat, Revised, SeenRecord, decide


def test_first_sight_is_new_revision_one() -> None:
    decision, record = decide(None, "h1", "t0")
    assert decision == New()
    assert record.revision == 1
    assert record.first_seen == record.last_seen == "t0"


def test_same_hash_is_a_repeat_counting_sightings() -> None:
    _, r1 = decide(None, "h1", "t0")
    d2, r2 = decide(r1, "h1", "t1")
    d3, r3 = decide(r2, "h1", "t2")
    assert d2 == Repeat(revision=1, first_seen="t0", times_seen=2)
    assert d3 == Repeat(revision=1, first_seen="t0", times_seen=3)
    assert r3.revision == 1
    assert r3.last_seen == "t2"


def test_changed_hash_is_next_revision() -> None:
    _, r1 = decide(None, "h1", "t0")
    d2, r2 = decide(r1, "h2", "t1")
    assert d2 == Revised(revision=2)
    assert r2.revision == 2
    assert r2.first_seen == "t0"


def test_repeat_of_an_older_revision_is_not_a_new_revision() -> None:
    _, r = decide(None, "h1", "t0")
    _, r = decide(r, "h2", "t1")
    d, r = decide(r, "h1", "t2")
    assert d == Repeat(revision=1, first_seen="t0", times_seen=2)
    assert r.revision == 2


def test_history_is_bounded() -> None:
    _, r = decide(None, "h0", "t")
    for i in range(1, 100):
        _, r = decide(r, f"h{i}", "t")
    assert r.revision == 100
    assert len(r.revisions) == MAX_REVISIONS_KEPT
    assert r.revisions[-1].content_hash == "h99"


@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=40))
def test_revision_counts_distinct_hashes_and_repeats_are_idempotent(hashes: list[str]) -> None:
    record = None
    for i, h in enumerate(hashes):
        _decision, record = decide(record, h, f"t{i}")
        again, after = decide(record, h, f"t{i}")
        # Seeing the same content straight away again never publishes anything.
        assert isinstance(again, Repeat)
        assert after.revision == record.revision
    assert record is not None
    assert record.revision == len(set(hashes))
    assert SeenRecord.from_dict(record.to_dict()) == record
