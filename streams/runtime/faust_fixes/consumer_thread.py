"""Faust's consumer thread with the fixes that live in it.

* Table recovery reads changelogs up to end offsets asked from the broker. Under transactions
  Faust takes each partition's last stable offset from the consumer's last fetch, which is
  unknown (-1) for a partition not fetched yet. Recovery then thought a changelog empty and
  skipped it: a restarted worker lost its whole dedupe table. A ListOffsets request at
  read_committed gives the last stable offset from the broker.
* Committed offsets are read with ``require_stable`` (:mod:`.stable_offsets`), all at once
  and apart from the seeks (:mod:`.recovery`).
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

from streams.runtime.faust_fixes.hooks import FaustIncompatible, versions
from streams.runtime.faust_fixes.stable_offsets import read_stable_offsets

__all__ = ["FixedConsumerThread"]


class FixedConsumerThread(AIOKafkaConsumerThread):
    """Faust's consumer thread, with end offsets from the broker and stable committed offsets."""

    async def on_start(self) -> None:
        await super().on_start()
        # Faust subscribes after start, so no committed offset has been read yet.
        coordinator = getattr(self._ensure_consumer(), "_coordinator", None)
        if coordinator is None:
            raise FaustIncompatible(
                f"the aiokafka consumer has no group coordinator after start ({versions()})"
            )
        read_stable_offsets(coordinator)

    async def committed_offsets(self) -> dict[Any, int | None]:
        """Every assigned partition's committed offset (None where there is none), read in
        one request and without moving any partition."""
        return await self.call_thread(self._committed_offsets)  # type: ignore[no-any-return]

    async def _committed_offsets(self) -> dict[Any, int | None]:
        consumer = self._ensure_consumer()
        assigned = consumer.assignment()
        if not assigned:
            return {}
        found = await consumer._coordinator.fetch_committed_offsets(assigned)
        return {
            tp: found[tp].offset if tp in found and found[tp].offset >= 0 else None
            for tp in assigned
        }

    async def _highwaters(self, partitions: list[Any]) -> Any:
        return await self._ensure_consumer().end_offsets(partitions)
