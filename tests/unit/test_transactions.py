"""The commit's wait for the producer buffer, with a stand-in buffer (no broker)."""

from __future__ import annotations

import asyncio

from streams.transactions import _BufferWatch


class _Buffer:
    """Faust's ProducerBuffer as the watch sees it: a size, a flush that may return early,
    and a send per record that can be held back."""

    def __init__(self) -> None:
        self.queued: list[str] = []
        self.sent: list[str] = []
        self.release = asyncio.Event()

    @property
    def size(self) -> int:
        return len(self.queued)

    async def flush(self) -> None:
        # Like Faust's flush when its last record is still on its way: returns at once.
        return None

    async def _send_pending(self, record: str) -> None:
        await self.release.wait()
        self.sent.append(record)


async def test_drain_waits_for_a_record_still_being_sent() -> None:
    buffer = _Buffer()
    watch = _BufferWatch(buffer)
    sending = asyncio.ensure_future(buffer._send_pending("changelog-1"))
    await asyncio.sleep(0)  # the send starts and waits to be released
    assert watch.in_flight == 1
    drain = asyncio.ensure_future(watch.drain())
    for _ in range(5):
        await asyncio.sleep(0)
    assert not drain.done(), "drain returned while a record was still being sent"
    buffer.release.set()
    await asyncio.wait_for(drain, timeout=5)
    await sending
    assert buffer.sent == ["changelog-1"]
    assert watch.in_flight == 0


async def test_drain_returns_at_once_when_nothing_is_buffered() -> None:
    watch = _BufferWatch(_Buffer())
    await asyncio.wait_for(watch.drain(), timeout=5)
    assert watch.in_flight == 0
