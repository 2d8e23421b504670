"""The gated consumer's own rules, on a stand-in for Faust's consumer class."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any

from streams.runtime.faust_fixes.consumer import gated_consumer
from streams.runtime.faust_fixes.gate import CommitGate

STEP = 0.01  # seconds: lets the other tasks run; no test waits on it for an outcome
FRESH = ("raw", 3)
READ = ("raw", 4)  # a partition with a committed offset, read past it before the seek


class _FaustConsumer:
    """Stands in for the Faust methods the gated consumer calls; a seek waits to be let go."""

    def __init__(self) -> None:
        self.acked: list[int] = []
        self.flow_resumed = 0
        self.flow_active = False
        self._unacked_messages: set[Any] = set()
        self.seeking, self.seek_done = asyncio.Event(), asyncio.Event()
        # A partition no one has committed yet, read from its earliest offset when let go.
        self._thread = SimpleNamespace(committed_offsets=self._committed, seek=self._seek)
        self.asking_earliest, self.earliest_known = asyncio.Event(), asyncio.Event()
        self.commits = 0
        self.seeks: list[tuple[Any, int]] = []
        self.committed: dict[Any, int | None] = {FRESH: None}
        # Faust's read offsets: it hands over no record below one.
        self._read_offset: dict[Any, int | None] = {}

    async def _committed(self) -> dict[Any, int | None]:
        return dict(self.committed)

    def _seek(self, tp: Any, offset: int) -> None:
        self.seeks.append((tp, offset))

    def assignment(self) -> set[Any]:
        return set(self.committed)

    async def earliest_offsets(self, *tps: Any) -> dict[Any, int]:
        self.asking_earliest.set()
        await self.earliest_known.wait()
        return dict.fromkeys(tps, 0)

    def _is_changelog_tp(self, tp: Any) -> bool:
        return False

    def ack(self, message: Any) -> bool:
        self.acked.append(message.offset)
        return True

    async def perform_seek(self) -> None:
        self.seeking.set()
        await self.seek_done.wait()

    def resume_flow(self) -> None:
        self.flow_resumed += 1
        self.flow_active = True

    def stop_flow(self) -> None:
        self.flow_active = False

    async def force_commit(self, topics: Any = None, start_new_transaction: bool = True) -> bool:
        self.commits += 1
        return True

    async def on_partitions_revoked(self, revoked: Any) -> None:
        pass


def _after_recovery(gate: CommitGate) -> Any:
    """A gated consumer whose table recovery has completed, as at the end of a rebalance."""
    completed = asyncio.Event()
    completed.set()
    app = SimpleNamespace(
        tables=SimpleNamespace(recovery=SimpleNamespace(completed=completed)),
        flow_control=SimpleNamespace(suspend=lambda: None),
        conf=SimpleNamespace(consumer_auto_offset_reset="earliest"),
    )
    return gated_consumer(_FaustConsumer, app, gate, [])()


def _message(offset: int, *, tracked: bool) -> SimpleNamespace:
    return SimpleNamespace(tp=("raw", 0), offset=offset, tracked=tracked)


def test_a_message_an_agent_took_is_acked() -> None:
    consumer = gated_consumer(_FaustConsumer, SimpleNamespace(), CommitGate(), [])()
    assert consumer.ack(_message(7, tracked=True)) is True
    assert consumer.acked == [7]


def test_a_message_the_stream_skipped_unseen_does_not_count_as_done() -> None:
    # Faust's stream acks what it skips while the flow is suspended for a rebalance; our
    # commit offset is one past the highest ack, so such an ack would commit past records
    # no agent handled.
    consumer = gated_consumer(_FaustConsumer, SimpleNamespace(), CommitGate(), [])()
    assert consumer.ack(_message(9, tracked=False)) is False
    assert consumer.acked == []


async def _event_runs(gate: CommitGate) -> bool:
    """Whether an event taken now starts (rather than waiting for the flow to resume)."""

    async def handle() -> None:
        async with gate.event(gate.epoch):
            pass

    task = asyncio.create_task(handle())
    await asyncio.sleep(STEP)
    ran = task.done()
    task.cancel()
    return ran


async def test_after_recovery_the_flow_resumes_once_the_partitions_are_seeked() -> None:
    gate = CommitGate()
    consumer = _after_recovery(gate)
    await gate.stop_events()  # the rebalance stopped events
    consumer.resume_flow()
    await asyncio.wait_for(consumer.seeking.wait(), timeout=5)
    assert consumer.flow_resumed == 0  # not before the seek
    consumer.seek_done.set()
    await asyncio.wait_for(consumer._reseek, timeout=5)
    assert consumer.flow_resumed == 1
    assert await _event_runs(gate)


async def test_the_seek_after_recovery_moves_the_partitions_even_if_the_flow_is_on() -> None:
    # Recovery turns the flow on to read the changelogs; with nothing to restore, it resumed
    # the flow before it counted as complete. The seek then found the flow on and dropped
    # itself, and the events dropped as stale at the revocation were never read again.
    gate = CommitGate()
    consumer = _after_recovery(gate)
    consumer.committed = {READ: 12}
    consumer.earliest_known.set()
    consumer.perform_seek = consumer.seek_to_committed  # the real seek, not the stand-in's
    await gate.stop_events()
    consumer.flow_active = True
    consumer.resume_flow()
    await asyncio.wait_for(consumer._reseek, timeout=5)
    assert consumer.seeks == [(READ, 12)]
    assert consumer.flow_resumed == 1
    assert await _event_runs(gate)


async def test_a_seek_overtaken_by_a_rebalance_leaves_the_flow_to_that_rebalance() -> None:
    # Events must not run on the new assignment before its recovery has seeked.
    gate = CommitGate()
    consumer = _after_recovery(gate)
    await gate.stop_events()
    consumer.resume_flow()
    await asyncio.wait_for(consumer.seeking.wait(), timeout=5)
    await asyncio.wait_for(consumer.on_partitions_revoked(set()), timeout=5)
    consumer.seek_done.set()
    await asyncio.wait_for(consumer._reseek, timeout=5)
    assert consumer.flow_resumed == 0
    assert not await _event_runs(gate)


async def test_a_partition_no_one_committed_is_read_from_its_earliest_offset() -> None:
    consumer = _after_recovery(CommitGate())
    consumer.earliest_known.set()
    committed = await asyncio.wait_for(consumer.seek_to_committed(), timeout=5)
    assert consumer.seeks == [(FRESH, 0)]
    assert consumer._read_offset[FRESH] == 0
    assert committed == {FRESH: None}


async def test_each_read_offset_moves_with_its_partition_in_the_seek() -> None:
    # Faust drops a record below its read offset. Records read up to offset 6 and dropped as
    # stale by the seek were read again from the committed offset 2, and Faust dropped them
    # again when its read offset moved back only after the seek's slow requests: lost.
    gate = CommitGate()
    consumer = _after_recovery(gate)
    consumer.committed = {READ: 2, FRESH: None}
    consumer._read_offset[READ] = 6
    consumer.earliest_known.set()
    taken = gate.epoch
    await asyncio.wait_for(consumer.seek_to_committed(), timeout=5)
    assert sorted(consumer.seeks) == sorted([(READ, 2), (FRESH, 0)])
    assert consumer._read_offset[READ] == 2
    async with gate.event(taken) as current:
        assert not current  # what was taken before the seek is read again, not handled


async def test_a_seek_is_dropped_whole_once_the_flow_has_resumed() -> None:
    # A fetch under way when the flow resumed would be handed over after such a seek, and
    # Faust passes the last record it had read once more when the partition is read again.
    gate = CommitGate()
    consumer = _after_recovery(gate)
    seek = asyncio.create_task(consumer.seek_to_committed())
    await asyncio.wait_for(consumer.asking_earliest.wait(), timeout=5)
    consumer._flow_on(events=True)  # another seek finished and resumed the flow
    taken = gate.epoch
    consumer.earliest_known.set()
    committed = await asyncio.wait_for(seek, timeout=5)
    assert consumer.seeks == []
    assert committed == {}  # Faust must not take a None as "read everything again"
    async with gate.event(taken) as current:
        assert current  # events taken since the flow resumed stay current


async def test_seeks_run_one_at_a_time_each_whole() -> None:
    consumer = _after_recovery(CommitGate())
    first = asyncio.create_task(consumer.seek_to_committed())
    await asyncio.wait_for(consumer.asking_earliest.wait(), timeout=5)
    second = asyncio.create_task(consumer.seek_to_committed())
    await asyncio.sleep(STEP)
    assert consumer.commits == 0  # the second waits for the first, still asking
    consumer.earliest_known.set()
    await asyncio.wait_for(asyncio.gather(first, second), timeout=5)
    assert consumer.commits == 2
    assert consumer.seeks == [(FRESH, 0), (FRESH, 0)]
