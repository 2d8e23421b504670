"""A commit drains the table changelog records still waiting in Faust's producer buffer.

Changelog records wait in that buffer, and could reach Kafka after the transaction holding
their event's offset had committed: a state change committed apart from its event, or, at a
graceful stop, sent after the last transaction. ``ProducerBuffer.flush()`` does not prove the
buffer empty either: it returns after 0.1 s without progress, and as soon as its queue is
empty while the last record taken from it may still be on its way to the producer. So each
record being handed over is counted, and a commit waits until none is queued or in flight.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

__all__ = ["DRAIN_SECONDS", "BufferWatch"]

logger = logging.getLogger(__name__)

#: A commit waits this long at most for the buffer: a broker that does not answer must not
#: hold the agents forever (the commit then goes ahead, as Faust's would).
DRAIN_SECONDS = 30.0


class BufferWatch:
    """Counts the records a ``ProducerBuffer`` is still handing to the producer."""

    def __init__(self, buffer: Any, drain_seconds: float = DRAIN_SECONDS) -> None:
        self.buffer = buffer
        self.drain_seconds = drain_seconds
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
            async with asyncio.timeout(self.drain_seconds):
                while self.buffer.size or self.in_flight:
                    await self.buffer.flush()
                    await self._idle.wait()
        except TimeoutError:
            logger.warning(
                "producer buffer not drained after %.0f s (%d queued, %d sending)",
                self.drain_seconds, self.buffer.size, self.in_flight,
            )  # fmt: skip
