"""Table recovery reads changelogs up to end offsets asked from the broker.

Under transactions Faust takes each partition's last stable offset from the consumer's last
fetch, which is unknown (-1) for a partition not fetched yet. Recovery then thought a
changelog empty and skipped it: a restarted worker lost its whole dedupe table. A ListOffsets
request at read_committed gives the last stable offset from the broker.
"""

from __future__ import annotations

from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread

__all__ = ["BrokerEndOffsetsThread"]


class BrokerEndOffsetsThread(AIOKafkaConsumerThread):
    """Faust's consumer thread, with end offsets from the broker."""

    async def _highwaters(self, partitions: list[Any]) -> Any:
        return await self._ensure_consumer().end_offsets(partitions)
