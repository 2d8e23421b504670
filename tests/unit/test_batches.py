"""Requests batched per input partition: nothing lost, nothing reordered, bounded."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from streams.core.batches import RequestBatches, split_requests
from streams.core.records import StoryRequest


def test_requests_wait_until_the_next_does_not_fit() -> None:
    batches: RequestBatches[int, str] = RequestBatches(limit=10)
    assert batches.add(0, b"aaaa", "e1") is None
    assert batches.add(0, b"bbbb", "e2") is None  # 4 + 1 + 4 = 9 bytes held
    assert batches.add(1, b"xx", "e3") is None  # another partition, its own batch
    assert batches.add(0, b"cc", "e4") == b"aaaa\nbbbb"  # 12 bytes would not fit
    # Each batch goes with its partition's latest event, whose transaction carries it.
    assert batches.held() == [(0, "e4", b"cc"), (1, "e3", b"xx")]


def test_a_batch_goes_with_the_latest_event_of_its_partition() -> None:
    batches: RequestBatches[int, str] = RequestBatches(limit=100)
    batches.add(0, b"one", "e1")
    batches.add(0, b"two", "e2")
    assert batches.held() == [(0, "e2", b"one\ntwo")]


def test_a_request_larger_than_a_batch_goes_alone() -> None:
    batches: RequestBatches[int, None] = RequestBatches(limit=10)
    assert batches.add(0, b"small", None) is None
    assert batches.add(0, b"x" * 50, None) == b"small"
    assert batches.add(0, b"next", None) == b"x" * 50
    assert batches.held() == [(0, None, b"next")]


def test_held_batches_stay_until_sent() -> None:
    batches: RequestBatches[str, int] = RequestBatches()
    batches.add("p0", b"one", 1)
    batches.add("p1", b"two", 2)
    assert batches.held() == [("p0", 1, b"one"), ("p1", 2, b"two")]
    assert batches.held() == [("p0", 1, b"one"), ("p1", 2, b"two")]  # reading takes nothing
    batches.forget("p0")
    assert batches.held() == [("p1", 2, b"two")]
    batches.forget("p1")
    assert batches.held() == []


LINES = st.binary(min_size=1, max_size=40).map(lambda b: b.replace(b"\n", b"")).filter(bool)


@given(st.lists(LINES, max_size=60), st.integers(1, 200))
def test_every_request_comes_out_once_in_order(requests: list[bytes], limit: int) -> None:
    batches: RequestBatches[int, None] = RequestBatches(limit=limit)
    out: list[bytes] = []
    for request in requests:
        if (ready := batches.add(0, request, None)) is not None:
            assert len(ready) <= limit or b"\n" not in ready  # bounded, or one large request
            out += split_requests(ready)
    for _, _, batch in batches.held():
        out += split_requests(batch)
    assert out == requests


@given(st.text(), st.text())
def test_a_request_is_one_line_whatever_its_text(title: str, key: str) -> None:
    event = {"article_key": key, "event_type": "created", "title": title, "body": title + "\n"}
    request = StoryRequest(key, event, 5, datetime(2026, 11, 29, tzinfo=UTC), 7)
    assert b"\n" not in request.to_json()
    [line] = split_requests(request.to_json())
    assert StoryRequest.from_json(line).event == event


def test_held_batches_are_discarded_when_their_inputs_will_be_read_again() -> None:
    batches: RequestBatches[str, str] = RequestBatches(limit=1000)
    batches.add("p3", b"draft-a", "event-1")
    batches.add("p3", b"draft-b", "event-2")
    batches.add("p4", b"draft-c", "event-3")
    assert batches.discard() == 3
    assert batches.held() == []
    # The same inputs read again make one batch each, not two copies.
    batches.add("p3", b"draft-a", "event-1")
    assert batches.held() == [("p3", "event-1", b"draft-a")]
