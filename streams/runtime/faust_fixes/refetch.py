"""Changelog records that Faust fetched and did not hand over are fetched again.

Faust's ``getmany`` takes a fetched batch and hands its records over one by one, but drops
the rest when the flow stops or the generation changes midway, skips the records of a
partition it does not count as active, and drops the whole batch when the flow was already
stopped. For stream partitions that is harmless: their fetch position goes back to the
committed offsets before anything flows again (:mod:`.recovery`). Changelog partitions have
no committed offsets, so a dropped batch was never read again. Recovery then waited for
records that would not come, found the fetch position at the high-water mark, took the gap
for aborted transactions and declared the table restored without them. Seen in the SIGKILL
fault test under load: a worker given two more partitions restored none of their dedupe
state, and 105 repeats and revisions of articles it had published were published as new.

Here each changelog partition of a batch whose records were not all handed over is seeked
back to its first record not handed over. Reading a changelog record twice is harmless:
recovery applies only offsets past the last one it saw.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from typing import Any

__all__ = ["RefetchSkippedChangelogs", "not_handed_over"]

logger = logging.getLogger(__name__)


def not_handed_over(
    fetched: Mapping[Any, Sequence[Any]],
    handed: Mapping[Any, int],
    is_changelog: Any,
) -> dict[Any, int]:
    """Per changelog partition of a fetched batch, the first offset not handed over (none
    where every record was)."""
    back = {}
    for tp, records in fetched.items():
        if not records or not is_changelog(tp):
            continue
        first = handed[tp] + 1 if tp in handed else records[0].offset
        if first <= records[-1].offset:
            back[tp] = first
    return back


class RefetchSkippedChangelogs:
    """The consumer's batch hand-over (mixed into the consumer class ahead of Faust's)."""

    _fetched: Mapping[Any, Sequence[Any]] | None = None

    # Faust's signatures, ``timeout`` included.
    async def _wait_next_records(self: Any, timeout: float) -> Any:  # noqa: ASYNC109
        records, active = await super()._wait_next_records(timeout)  # type: ignore[misc]
        self._fetched = records
        return records, active

    async def getmany(self: Any, timeout: float) -> AsyncIterator[tuple[Any, Any]]:  # noqa: ASYNC109
        handed: dict[Any, int] = {}
        try:
            async for tp, message in super().getmany(timeout):  # type: ignore[misc]
                handed[tp] = message.offset
                yield tp, message
        finally:
            fetched, self._fetched = self._fetched, None
            if fetched:
                assigned = self.assignment()
                back = not_handed_over(fetched, handed, self._is_changelog_tp)
                for tp, offset in back.items():
                    if tp in assigned:
                        logger.info("changelog %s read again from %d: not handed over", tp, offset)
                        self._thread.seek(tp, offset)
