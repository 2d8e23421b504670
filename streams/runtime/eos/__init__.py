"""Exactly-once across a re-key: sends join the transaction of the partition being processed.

Faust's transaction manager picks a send's transactional producer from the *destination*
topic and partition. That is right for a table changelog (co-partitioned with its stream), but
a re-key send from ingest partition 3 to re-key partition 5 then lands in partition 5's
transaction, which commits only when something from partition 5 is consumed: with nothing
there, it never commits and read_committed readers never see the record. Kafka Streams ties
every send to the transaction of the task (source partition) that made it; so do we.

Faust also commits on a timer, whatever the agents are doing: a commit that lands after an
event's sends but before its ack commits the sends without the offset, and a restart then
handles the event twice. The :class:`CommitGate` closes that gap: an agent holds it from an
event's first send to its ack, and a commit waits for those in flight (and holds back new ones).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import faust
from faust.streams import current_event
from faust.transport.consumer import TransactionManager
from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

__all__ = ["CommitGate", "SourceTransactionManager", "commit_concurrently", "install"]

logger = logging.getLogger(__name__)


class SourceTransactionManager(TransactionManager):
    """Sends made while an agent handles an event go in that event's partition transaction."""

    async def send(  # noqa: PLR0917  # Faust's signature, positional by design
        self,
        topic: str,
        key: bytes | None,
        value: bytes | None,
        partition: int | None,
        timestamp: float | None,
        headers: Any,
        *,
        transactional_id: str | None = None,
    ) -> Any:
        event = current_event()
        if event is None:
            # Buffered sends (table changelogs) run outside any event and are co-partitioned
            # with their stream, so Faust's own choice is the source's transaction already.
            return await super().send(
                topic, key, value, partition, timestamp, headers,
                transactional_id=transactional_id,
            )  # fmt: skip
        source = event.message.tp
        group = self.app.assignor.group_for_topic(source.topic)
        tid = f"{self.app.conf.id}-{group}-{source.partition}"
        destination = self.consumer.key_partition(topic, key, partition)
        return await self.producer.send(
            topic, key, value, destination, timestamp, headers, transactional_id=tid
        )

    async def on_rebalance(self, assigned: Any, revoked: Any, newly_assigned: Any) -> None:
        # Faust stops producers only for the partitions it computes as revoked, and keeps any
        # it missed. A kept producer whose partition moved away is fenced by the new owner; if
        # the partition comes back, Faust reuses the fenced producer and the worker crashes.
        # Stop every producer this assignment does not need.
        keep = self._tps_to_transactional_ids(assigned)
        producers = getattr(self.producer, "_transaction_producers", {})
        for tid in [tid for tid in producers if tid not in keep]:
            await self.producer.stop_transaction(tid)
        await super().on_rebalance(assigned, revoked, newly_assigned)


class CommitGate:
    """Many events at once, or one commit: never a commit in the middle of an event."""

    def __init__(self) -> None:
        self._active = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._open = asyncio.Event()
        self._open.set()
        self._committing = asyncio.Lock()

    @asynccontextmanager
    async def event(self) -> AsyncIterator[None]:
        """Hold while handling one event, from its first send to its ack."""
        await self._open.wait()
        self._active += 1
        self._idle.clear()
        try:
            yield
        finally:
            self._active -= 1
            if self._active == 0:
                self._idle.set()

    @asynccontextmanager
    async def commit(self) -> AsyncIterator[None]:
        """Hold while committing: no event is half done, and none starts.

        One commit at a time. The timer's commit and a rebalance's can overlap, and the first
        to finish would otherwise reopen the gate while the other still commits.
        """
        async with self._committing:
            self._open.clear()
            try:
                await self._idle.wait()
                yield
            finally:
                self._open.set()


def _next_offset(consumer: Any, tp: Any) -> int | None:
    """The offset to commit for ``tp``: one past the highest acked, once all below it are done.

    Faust commits the longest run of consecutive acked offsets and patches the holes that a
    read_committed consumer sees (transaction markers, aborted records) from a gap list. That
    list misses holes, for instance after a takeover, and a partition's commits then stall
    behind one while its outputs commit: the next owner handles those events a second time.
    Our agents handle each partition in order and ack each event when done, so every offset
    below the highest acked one is done or was never delivered, unless a delivered event is
    still in flight; only then does this fall back to Faust's rule.
    """
    acked = consumer._acked.get(tp)
    if not acked:
        return None
    top = max(acked)
    if any(m.tp == tp and not m.acked and m.offset < top for m in consumer._unacked_messages):
        return consumer._base_new_offset(tp)  # type: ignore[no-any-return]
    acked.clear()
    consumer._acked_index[tp].clear()
    consumer._gap.pop(tp, None)
    return int(top) + 1


class _EndOffsetsThread(AIOKafkaConsumerThread):
    """Table recovery reads changelogs up to their end offsets; ask the broker for them.

    Under transactions Faust takes each partition's last stable offset from the consumer's
    last fetch, which is unknown (-1) for a partition not fetched yet. Recovery then thinks a
    changelog is empty and skips it: a restarted worker lost its whole dedupe table. A
    ListOffsets request at read_committed gives the last stable offset from the broker.
    """

    async def _highwaters(self, partitions: list[Any]) -> Any:
        return await self._ensure_consumer().end_offsets(partitions)


#: A commit waits this long at most for the producer buffer: a broker that does not answer
#: must not hold the agents forever (the commit then goes ahead, as Faust's would).
_DRAIN_SECONDS = 30.0


class _BufferWatch:
    """Counts the table changelog records Faust's producer buffer is still handing over.

    ``ProducerBuffer.flush()`` returns after 0.1 s without progress, and as soon as its queue is
    empty while the last record taken from it may still be on its way to the producer. Neither
    proves that every record is in the transaction a commit is about to close: one sent after
    the commit lands in the next transaction, or outside any and crashes the worker
    (``IllegalOperation: Can't send messages while not in transaction``, once in a two-worker
    run).
    """

    def __init__(self, buffer: Any) -> None:
        self.buffer = buffer
        self.in_flight = 0
        self._idle = asyncio.Event()
        self._idle.set()
        send = buffer._send_pending

        async def counted(message: Any) -> None:
            self.in_flight += 1
            self._idle.clear()
            try:
                await send(message)
            finally:
                self.in_flight -= 1
                if self.in_flight == 0:
                    self._idle.set()

        buffer._send_pending = counted

    async def drain(self) -> None:
        """Return once the buffer is empty and nothing taken from it is still being sent."""
        try:
            async with asyncio.timeout(_DRAIN_SECONDS):
                while self.buffer.size or self.in_flight:
                    await self.buffer.flush()
                    await self._idle.wait()
        except TimeoutError:
            logger.warning(
                "producer buffer not drained after %.0f s (%d queued, %d sending)",
                _DRAIN_SECONDS, self.buffer.size, self.in_flight,
            )  # fmt: skip


async def commit_concurrently(
    producers: Mapping[str, Any],
    locks: Mapping[str, asyncio.Lock],
    offsets_by_tid: Mapping[str, Mapping[Any, int]],
    group_id: str,
    *,
    start_new: bool = True,
) -> None:
    """Commit each transaction with its offsets, all at once; then raise the first failure.

    Faust commits the partitions' transactions one after another, three broker round trips
    each, while the commit gate holds every agent: with 24 partitions and a short commit
    interval the agents were held most of the time. The transactions are independent (one
    producer each), so they can go together; a failure (ProducerFenced...) still reaches Faust.
    """

    async def commit(tid: str, offsets: Mapping[Any, int]) -> None:
        producer = producers.get(tid)
        if producer is None:
            logger.warning("commit for unknown transaction %s", tid)
            return
        async with locks[tid]:
            await producer.send_offsets_to_transaction(offsets, group_id)
            await producer.commit_transaction()
            if start_new:
                await producer.begin_transaction()

    done = await asyncio.gather(
        *(commit(tid, offsets) for tid, offsets in offsets_by_tid.items()),
        return_exceptions=True,
    )
    for outcome in done:
        if isinstance(outcome, BaseException):
            raise outcome


def install(app: faust.App, gate: CommitGate) -> None:
    """Give ``app`` source-partition transactions and commits gated by ``gate``.

    Set on this app's transport instance only, so other Faust apps in the process are untouched.
    """
    transport = app.transport
    base_consumer = transport.Consumer
    base_producer = transport.Producer
    watches: list[_BufferWatch] = []

    class WatchedProducer(base_producer):  # type: ignore[misc,valid-type]  # a class from faust
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            watches.append(_BufferWatch(self.buffer))

        async def commit_transactions(
            self,
            tid_to_offset_map: Mapping[str, Mapping[Any, int]],
            group_id: str,
            start_new_transaction: bool = True,
        ) -> None:
            await commit_concurrently(
                self._transaction_producers, self._trn_locks, tid_to_offset_map, group_id,
                start_new=start_new_transaction,
            )  # fmt: skip

    class GatedConsumer(base_consumer):  # type: ignore[misc,valid-type]  # a class from faust
        def _base_new_offset(self, tp: Any) -> int | None:
            return super()._new_offset(tp)  # type: ignore[no-any-return]

        async def force_commit(self, topics: Any = None, start_new_transaction: bool = True) -> Any:
            async with gate.commit():
                # Table changelog records wait in Faust's producer buffer. Committing before
                # they reach the transaction would commit an event's offset without its state
                # change: a crash then loses the change, and a graceful stop sends it after
                # the last transaction ended. So drain the buffer first (no event is running).
                for watch in watches:
                    await watch.drain()
                return await super().force_commit(
                    topics, start_new_transaction=start_new_transaction
                )

        def _new_offset(self, tp: Any) -> int | None:
            return _next_offset(self, tp)

        def _new_consumer_thread(self) -> Any:
            return _EndOffsetsThread(self, loop=self.loop, beacon=self.beacon)

        def resume_partitions(self, tps: Any) -> None:
            # Recovery resumes the stream partitions while the flow is on (it was turned on
            # to read the changelogs) and only then seeks them to their committed offsets:
            # records fetched from the old position in between were handled, and handled
            # again after the seek (two-worker test). Hold the flow until resume_flow below.
            tps = set(tps)
            if any(not self._is_changelog_tp(tp) for tp in tps):
                self.stop_flow()
                app.flow_control.suspend()
            super().resume_partitions(tps)

        def resume_flow(self) -> None:
            # Recovery seeks the stream partitions to their committed offsets, resumes them,
            # and only then resumes the app's flow control, which empties the stream queues.
            # Records fetched in between were dropped from the queues with their read offsets
            # already taken, so they were never read again: inputs lost (seen in the
            # two-worker test). Seek once more after the queues are emptied, flow still off.
            if app.tables.recovery.completed.is_set():  # type: ignore[attr-defined]  # always there
                self._reseek = asyncio.ensure_future(self._seek_then_resume())
                return
            super().resume_flow()

        async def seek_to_committed(self) -> Any:
            committed = await super().seek_to_committed()
            # aiokafka leaves a partition without a committed offset at its fetch position,
            # which may be past records fetched and then dropped when the flow stopped. Read
            # it from the start, as the group's first reader does (auto_offset_reset=earliest).
            fresh = [
                tp
                for tp, offset in committed.items()
                if not offset and not self._is_changelog_tp(tp)
            ]
            if fresh and app.conf.consumer_auto_offset_reset == "earliest":
                # An explicit offset: aiokafka's seek_to_beginning leaves the position unset
                # until its fetcher resets it, and Faust's livelock check asserts on that.
                await self.seek_wait(await self.earliest_offsets(*fresh))
            return committed

        async def _seek_then_resume(self) -> None:
            try:
                await self.perform_seek()
            except Exception as exc:  # a new rebalance: its recovery seeks again
                logger.warning("seek after recovery failed (%r); a rebalance will seek", exc)
            super().resume_flow()

        async def on_partitions_revoked(self, revoked: Any) -> None:
            # Faust forgets the revoked partitions' acked offsets first and commits after, so
            # what was handled since the last commit stayed in the open transaction while the
            # next assignment replayed it: both copies committed. Commit first. Nothing runs
            # between this commit and Faust's bookkeeping (no await point in between).
            await self.force_commit()
            await super().on_partitions_revoked(revoked)

    transport.Consumer = GatedConsumer  # type: ignore[misc]
    transport.Producer = WatchedProducer  # type: ignore[misc]
    transport.TransactionManager = SourceTransactionManager  # type: ignore[misc]
