"""Sends join the transaction of the partition being processed, not the destination's.

Faust's transaction manager picks a send's transactional producer from the *destination*
topic and partition. That is right for a table changelog (co-partitioned with its stream), but
a re-key send from ingest partition 3 to re-key partition 5 then lands in partition 5's
transaction, which commits only when something from partition 5 is consumed: with nothing
there, it never commits and read_committed readers never see the record. Kafka Streams ties
every send to the transaction of the task (source partition) that made it; so do we.

It also stops, on every rebalance, each producer the new assignment does not need: Faust kept
producers it did not compute as revoked, and reused a fenced one when its partition came back
(``ProducerFenced``, a crashed worker).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faust.streams import current_event
from faust.transport.consumer import TransactionManager

__all__ = ["SourceTransactionManager", "source_transactional_id", "stale_producers"]


def source_transactional_id(app_id: str, group: int, partition: int) -> str:
    """The transactional id Faust gives the producer of one source partition (its format)."""
    return f"{app_id}-{group}-{partition}"


def stale_producers(running: Iterable[str], needed: Iterable[str]) -> list[str]:
    """The running transactional producers that the new assignment does not need."""
    keep = set(needed)
    return [tid for tid in running if tid not in keep]


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
        tid = source_transactional_id(self.app.conf.id, group, source.partition)
        destination = self.consumer.key_partition(topic, key, partition)
        return await self.producer.send(
            topic, key, value, destination, timestamp, headers, transactional_id=tid
        )

    async def on_rebalance(self, assigned: Any, revoked: Any, newly_assigned: Any) -> None:
        running = self.producer._transaction_producers  # type: ignore[attr-defined]  # the aiokafka driver has it (hooks)
        for tid in stale_producers(running, self._tps_to_transactional_ids(assigned)):
            await self.producer.stop_transaction(tid)
        await super().on_rebalance(assigned, revoked, newly_assigned)
