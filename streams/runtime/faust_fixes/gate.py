"""The commit gate: a commit never falls between an event's sends and its ack, and no event
runs while a rebalance is under way.

Faust commits on a timer, whatever the agents are doing. A commit after an event's sends but
before its ack committed the sends without the input offset, and a restart then handled the
event twice. Agents hold the gate from an event's first send to its ack; a commit waits for
those in flight and holds back new ones.

On a rebalance Faust forgets the revoked partitions' acks, lets the agents finish what they
hold, and then commits and ends the transactions: events that ran after the revocation's own
commit had their outputs committed without their offsets, and were handled again wherever
their partition went. From the revocation's commit until the flow resumes no event starts,
and an event taken from its stream before the flow resumed is stale: the agent drops it
unhandled, and it is read again from the committed offset.

An agent may hold an acked event's outputs back to send them together (the story requests):
it registers a hook that sends them, and each commit runs the hooks once no event runs and
before it takes the offsets, so the outputs join the transaction that commits their inputs.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Protocol

__all__ = ["CommitGate", "Queued"]


class Queued(Protocol):
    """An agent's input queue (Faust's stream channel queue)."""

    def qsize(self) -> int: ...


class CommitGate:
    """Many events at once, or one commit: never a commit in the middle of an event."""

    def __init__(self) -> None:
        self._active = 0
        self._idle = asyncio.Event()
        self._idle.set()
        self._open = asyncio.Event()
        self._open.set()
        self._committing = asyncio.Lock()
        self._running = asyncio.Event()
        self._running.set()
        self._epoch = 0
        #: Seconds the last commit held the agents (from the last event's end to its own).
        self.last_hold = 0.0
        #: Seconds the commit timer waits after its last commit (:mod:`.pacing` sets it).
        self.last_pause = 0.0
        # What each agent's stream holds fetched and not yet taken (commit pacing reads it).
        self._inputs: dict[int, Queued] = {}
        # The fewest records waiting at the end of an event since :meth:`least_waiting` was
        # last read; None while no event has ended.
        self._least: int | None = None
        self._before_commit: list[Callable[[], Awaitable[None]]] = []
        self._on_stale: list[Callable[[], None]] = []

    @property
    def events_in_flight(self) -> int:
        """Events between their first send and their ack right now."""
        return self._active

    @property
    def epoch(self) -> int:
        """Changes when a rebalance starts and when the flow resumes after it. Read it when
        an event is taken from its stream, and pass it to :meth:`event`."""
        return self._epoch

    def before_commit(self, hook: Callable[[], Awaitable[None]]) -> None:
        """Run ``hook`` in each commit, once no event runs and before the offsets are taken:
        it sends what the agents held back from events they acked."""
        self._before_commit.append(hook)

    def on_stale(self, hook: Callable[[], None]) -> None:
        """Run ``hook`` whenever the events handled since the last commit become stale (they
        will be read again from the committed offsets): what an agent holds back for them
        (batches to send with the next commit) must go, or their second reading adds the
        same outputs again (an exact repeat, seen in the two-worker fault test)."""
        self._on_stale.append(hook)

    def _stale(self) -> None:
        for hook in self._on_stale:
            hook()

    def watch_input(self, queue: Queued) -> None:
        """Count what an agent's input ``queue`` holds, fetched and not yet taken."""
        self._inputs[id(queue)] = queue

    def waiting(self) -> int:
        """Records fetched for the agents and not yet taken right now."""
        return sum(queue.qsize() for queue in self._inputs.values())

    def least_waiting(self) -> int:
        """The fewest records that waited at the end of an event since the last call (what
        waits now if no event has ended), and start counting again.

        A backlog is what never drained: a worker that keeps up empties its queues between
        two commits, however many records a commit's pause let pile up.
        """
        least = self._least
        self._least = None
        now = self.waiting()
        return now if least is None else min(least, now)

    @asynccontextmanager
    async def event(self, taken: int | None = None) -> AsyncIterator[bool]:
        """Hold while handling one event, from its first send to its ack.

        Yields whether the event is current: False for one taken (at epoch ``taken``) before
        a rebalance that has happened since; the caller must drop it, unhandled and unacked.
        """
        # Both flags are read again after every wake-up, with no await between that check and
        # the count below: a task woken by a commit's end runs after whatever was already
        # scheduled, and the next commit may have closed the gate again by then.
        while not (self._running.is_set() and self._open.is_set()):
            if taken is not None and taken != self._epoch:
                break
            if not self._running.is_set():
                await self._running.wait()
            else:
                await self._open.wait()
        if taken is not None and taken != self._epoch:
            yield False  # stale: dropped at once, so that a rebalance never waits for it
            return
        self._active += 1
        self._idle.clear()
        try:
            yield True
        finally:
            self._active -= 1
            if self._active == 0:
                self._idle.set()
            waiting = self.waiting()
            if self._least is None or waiting < self._least:
                self._least = waiting

    async def stop_events(self) -> None:
        """A rebalance begins: wait for the events in flight; start none until
        :meth:`resume_events`. Every event taken before now is stale."""
        self._running.clear()
        self._epoch += 1
        await self._idle.wait()

    def drop_taken(self) -> None:
        """The partitions were moved back to their committed offsets: events taken before now
        will be read again, so they are stale, and so is what was held back for them."""
        self._epoch += 1
        self._stale()

    def resume_events(self) -> None:
        """The flow resumes after a rebalance: events taken from now on are current; what was
        held back for earlier ones and not sent by the revocation's commit is stale."""
        self._epoch += 1
        self._stale()
        self._running.set()

    @asynccontextmanager
    async def commit(self) -> AsyncIterator[None]:
        """Hold while committing: no event is half done, and none starts; then run the
        :meth:`before_commit` hooks.

        One commit at a time. The timer's commit and a rebalance's can overlap, and the first
        to finish would otherwise reopen the gate while the other still commits.
        """
        async with self._committing:
            self._open.clear()
            held_from: float | None = None
            try:
                await self._idle.wait()
                held_from = time.perf_counter()
                for hook in self._before_commit:
                    await hook()
                yield
            finally:
                if held_from is not None:
                    self.last_hold = time.perf_counter() - held_from
                self._open.set()
