"""Looks at Faust state that has no public accessor (lag, readiness), and two writes: the
consumer forgets stale events (:mod:`.gate`), and an event handled away from the task that
took it is made the current one (the pooled parse agent)."""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import faust
from faust import streams as faust_streams

__all__ = [
    "as_current_event",
    "forget_unacked",
    "paused_partitions",
    "read_offsets",
    "recovery_completed",
]


def read_offsets(app: faust.App) -> Mapping[Any, int | None]:
    """The last offset the consumer read per partition (``Consumer._read_offset``)."""
    return app.consumer._read_offset  # type: ignore[attr-defined,no-any-return]


def paused_partitions(app: faust.App) -> set[Any]:
    """Partitions the consumer holds paused (``Consumer._paused_partitions``)."""
    return set(app.consumer._paused_partitions)  # type: ignore[attr-defined]


def recovery_completed(app: faust.App) -> bool:
    """Table recovery has finished (TableManager's type omits its recovery service)."""
    return bool(app.tables.recovery.completed.is_set())  # type: ignore[attr-defined]


def forget_unacked(consumer: Any, message: Any = None) -> None:
    """Faust waits, on a rebalance, until every delivered message is acked. A stale event is
    dropped unacked (its partition reads it again from the committed offset), so the consumer
    forgets it: ``message``, or every delivered one when None."""
    unacked = consumer._unacked_messages
    if message is None:
        unacked.clear()
    else:
        unacked.discard(message)


@contextmanager
def as_current_event(event: Any) -> Iterator[None]:
    """Make ``event`` Faust's current event in this task for the block.

    Sends join the transaction of the current event's partition (:mod:`.routing`); Faust sets
    it only in the task that iterates the stream. The pooled parse agent handles each event
    in another task, after its parse comes back from a child process.
    """
    token = faust_streams._current_event.set(weakref.ref(event))
    try:
        yield
    finally:
        faust_streams._current_event.reset(token)
