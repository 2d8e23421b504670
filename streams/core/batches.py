"""Records that hold many requests, one JSON line each: story requests and re-keyed drafts.

Every new article passes the story index's one owner, and an unkeyed one the re-key topic
too. The agent that reads them paid Faust's per-event path (fetch, stream, gate, ack: most of
a hop's cost) once per article; with a batch it pays it once per record, and still handles
the requests in the order they were made. Requests are compact JSON, which never holds a raw
newline, so a line is a request, and a record of one line is a request as it was before
batches.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

__all__ = ["BATCH_BYTES", "RequestBatches", "split_requests"]

#: A batch's size at most (unless one request is larger: it then goes alone). Some 25 requests
#: of ~5 KB: the reader's per-record cost is spread thin, and one record's handling, which a
#: commit waits for, stays a few milliseconds.
BATCH_BYTES = 128 * 1024

Source = TypeVar("Source", bound=Hashable)
Via = TypeVar("Via")


def split_requests(value: bytes) -> list[bytes]:
    """The requests one record holds, in order (an empty record: one empty request, which
    the reader refuses)."""
    return value.split(b"\n")


class RequestBatches(Generic[Source, Via]):
    """Requests held per source (the input partition whose transaction must carry them),
    until a batch is full or a commit takes them all; with each source's batch, what its
    latest request came with (``via``: the event whose transaction the batch joins)."""

    def __init__(self, limit: int = BATCH_BYTES) -> None:
        self.limit = limit
        self._held: dict[Source, tuple[list[bytes], int, Via]] = {}

    def add(self, source: Source, request: bytes, via: Via) -> bytes | None:
        """Hold ``request``, made by ``via``; returns the batch to send now when the request
        would not fit in what ``source`` holds (the request then starts the next batch)."""
        lines, size, _ = self._held.get(source, ([], 0, via))
        ready = None
        if lines and size + 1 + len(request) > self.limit:
            ready = b"\n".join(lines)
            lines, size = [], 0
        lines.append(request)
        self._held[source] = (lines, size + len(request) + (1 if len(lines) > 1 else 0), via)
        return ready

    def held(self) -> list[tuple[Source, Via, bytes]]:
        """Every held batch with its source and latest ``via``, oldest source first (they
        stay held until :meth:`forget`)."""
        return [(source, via, b"\n".join(lines)) for source, (lines, _, via) in self._held.items()]

    def forget(self, source: Source) -> None:
        """``source``'s batch was sent: hold nothing for it."""
        self._held.pop(source, None)

    def discard(self) -> int:
        """Drop every held batch (their requests' inputs will be read again); how many
        requests were dropped."""
        dropped = sum(len(lines) for lines, _, _ in self._held.values())
        self._held.clear()
        return dropped
