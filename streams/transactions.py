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
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import faust
from faust.streams import current_event
from faust.transport.consumer import TransactionManager

__all__ = ["CommitGate", "SourceTransactionManager", "install"]


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


class CommitGate:
    """Many events at once, or one commit: never a commit in the middle of an event."""

    def __init__(self) -> None:
        self._active = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._open = asyncio.Event()
        self._open.set()

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
        """Hold while committing: no event is half done, and none starts."""
        self._open.clear()
        try:
            await self._idle.wait()
            yield
        finally:
            self._open.set()


def install(app: faust.App, gate: CommitGate) -> None:
    """Give ``app`` source-partition transactions and commits gated by ``gate``.

    Set on this app's transport instance only, so other Faust apps in the process are untouched.
    """
    transport = app.transport
    base_consumer = transport.Consumer

    class GatedConsumer(base_consumer):  # type: ignore[misc,valid-type]  # a class from faust
        async def force_commit(self, topics: Any = None, start_new_transaction: bool = True) -> Any:
            async with gate.commit():
                return await super().force_commit(
                    topics, start_new_transaction=start_new_transaction
                )

    transport.Consumer = GatedConsumer  # type: ignore[misc]
    transport.TransactionManager = SourceTransactionManager  # type: ignore[misc]
