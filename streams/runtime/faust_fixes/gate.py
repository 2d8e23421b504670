"""The commit gate: a commit never falls between an event's sends and its ack.

Faust commits on a timer, whatever the agents are doing. A commit after an event's sends but
before its ack committed the sends without the input offset, and a restart then handled the
event twice. Agents hold the gate from an event's first send to its ack; a commit waits for
those in flight and holds back new ones.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

__all__ = ["CommitGate"]


class CommitGate:
    """Many events at once, or one commit: never a commit in the middle of an event."""

    def __init__(self) -> None:
        self._active = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._open = asyncio.Event()
        self._open.set()
        self._committing = asyncio.Lock()

    @property
    def events_in_flight(self) -> int:
        """Events between their first send and their ack right now."""
        return self._active

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
