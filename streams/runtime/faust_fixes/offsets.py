"""Which offset to commit: one past the highest acked, once nothing below it is in flight.

Faust commits the longest run of consecutive acked offsets and patches the holes that a
read_committed consumer sees (transaction markers, aborted records) from a gap list. That list
misses holes (aborted records before the first record after a takeover, for one), and that
partition's offsets then stop committing while its outputs still commit: the next owner
handles those events a second time. Our agents handle each partition in order and ack each
event when done, so every offset below the highest acked one is done or was never delivered,
unless a delivered event is still in flight; only then does Faust's rule apply.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

__all__ = ["commit_offset", "next_offset"]


def commit_offset(acked: Iterable[int], in_flight: Iterable[int]) -> int | None:
    """The offset to commit from the acked offsets and those delivered but not yet acked.

    None when nothing is acked, or when an unacked offset lies below the highest acked one
    (the caller then falls back to Faust's consecutive-run rule).
    """
    top = max(acked, default=None)
    if top is None:
        return None
    if any(offset < top for offset in in_flight):
        return None
    return top + 1


def next_offset(consumer: Any, tp: Any) -> int | None:
    """:func:`commit_offset` on Faust's consumer bookkeeping for ``tp``; clears what it used."""
    acked = consumer._acked.get(tp)
    if not acked:
        return None
    in_flight = [m.offset for m in consumer._unacked_messages if m.tp == tp and not m.acked]
    offset = commit_offset(acked, in_flight)
    if offset is None:
        return consumer._base_new_offset(tp)  # type: ignore[no-any-return]
    acked.clear()
    consumer._acked_index[tp].clear()
    consumer._gap.pop(tp, None)
    return offset
