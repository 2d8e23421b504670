"""Changelog records fetched and not handed over are fetched again (faust_fixes.refetch)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from types import SimpleNamespace
from typing import Any

from streams.runtime.faust_fixes.refetch import RefetchSkippedChangelogs, not_handed_over

CHANGELOG, STREAM = ("app-dedupe-changelog", 1), ("articles.raw", 1)


def _records(first: int, last: int) -> list[Any]:
    return [SimpleNamespace(offset=o) for o in range(first, last + 1)]


def _is_changelog(tp: Any) -> bool:
    return str(tp[0]).endswith("-changelog")


def test_the_first_record_not_handed_over_is_where_reading_starts_again() -> None:
    fetched = {CHANGELOG: _records(10, 19), STREAM: _records(0, 9), ("x-changelog", 0): []}
    assert not_handed_over(fetched, {CHANGELOG: 14}, _is_changelog) == {CHANGELOG: 15}
    assert not_handed_over(fetched, {}, _is_changelog) == {CHANGELOG: 10}  # none handed over
    assert not_handed_over(fetched, {CHANGELOG: 19}, _is_changelog) == {}  # all of them
    # Stream partitions go back to their committed offsets by other means.
    assert STREAM not in not_handed_over(fetched, {}, _is_changelog)


class _FaustConsumer:
    """Hands a batch over the way Faust does, stopping where the flow stops."""

    def __init__(self, batch: dict[Any, list[Any]], stop_after: int, assigned: set[Any]) -> None:
        self.batch, self.stop_after, self.assigned = batch, stop_after, assigned
        self.seeks: list[tuple[Any, int]] = []
        self._thread = SimpleNamespace(seek=lambda tp, offset: self.seeks.append((tp, offset)))

    async def _wait_next_records(self, timeout: float) -> Any:  # noqa: ASYNC109  # Faust's
        return self.batch, set(self.batch)

    async def getmany(self, timeout: float) -> AsyncIterator[tuple[Any, Any]]:  # noqa: ASYNC109
        records, _ = await self._wait_next_records(timeout)
        handed = 0
        for tp, recs in records.items():
            for record in recs:
                if handed == self.stop_after:
                    return  # the flow stopped: the rest of the batch is dropped
                handed += 1
                yield tp, record

    def assignment(self) -> set[Any]:
        return self.assigned

    def _is_changelog_tp(self, tp: Any) -> bool:
        return _is_changelog(tp)


class _Consumer(RefetchSkippedChangelogs, _FaustConsumer):
    pass


async def _drain(consumer: _Consumer) -> list[int]:
    return [message.offset async for _, message in consumer.getmany(1.0)]


async def test_a_batch_cut_short_reads_the_changelog_again_from_where_it_stopped() -> None:
    other = ("app-stories-changelog", 2)
    batch = {CHANGELOG: _records(0, 4), other: _records(7, 8)}
    consumer = _Consumer(batch, stop_after=3, assigned={CHANGELOG, other})
    assert await _drain(consumer) == [0, 1, 2]
    assert consumer.seeks == [(CHANGELOG, 3), (other, 7)]


async def test_a_whole_batch_handed_over_moves_nothing() -> None:
    consumer = _Consumer({CHANGELOG: _records(0, 4)}, stop_after=99, assigned={CHANGELOG})
    assert await _drain(consumer) == [0, 1, 2, 3, 4]
    assert consumer.seeks == []


async def test_a_partition_no_longer_assigned_is_left_alone() -> None:
    consumer = _Consumer({CHANGELOG: _records(0, 4)}, stop_after=0, assigned=set())
    assert await _drain(consumer) == []
    assert consumer.seeks == []
