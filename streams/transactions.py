"""Exactly-once across a re-key: sends join the transaction of the partition being processed.

Faust's transaction manager picks a send's transactional producer from the *destination*
topic and partition. That is right for a table changelog (co-partitioned with its stream), but
a re-key send from ingest partition 3 to re-key partition 5 then lands in partition 5's
transaction, which commits only when something from partition 5 is consumed: with nothing
there, it never commits and read_committed readers never see the record. Kafka Streams ties
every send to the transaction of the task (source partition) that made it; so do we.
"""

from __future__ import annotations

from typing import Any

import faust
from faust.streams import current_event
from faust.transport.consumer import TransactionManager

__all__ = ["SourceTransactionManager", "install"]


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


def install(app: faust.App) -> None:
    """Make ``app`` use :class:`SourceTransactionManager` (only consulted under exactly-once)."""
    # On this app's transport instance only, so other Faust apps in the process are untouched.
    app.transport.TransactionManager = SourceTransactionManager  # type: ignore[misc]
