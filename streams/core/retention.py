"""Retention of dedupe and story state: how old is too old, and which keys to look at next.

Time here is the stream's own, by publish time: the latest publish time seen so far, never
ahead of the wall clock. An entry expires once its article's publish time falls more than the
retention behind it. Replaying an old backlog therefore keeps that backlog's state, and a
quiet stream does not lose state while nothing arrives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from streams.core.events import utc_timestamp

__all__ = ["PartitionSweeper", "StreamClock", "publish_time"]


def publish_time(draft: dict[str, Any], now: datetime) -> datetime:
    """The article's publish time; its ingest time, then ``now``, when it has none."""
    value = draft.get("published_at") or (draft.get("ingest") or {}).get("timestamp")
    if not value:
        return now
    moment = datetime.fromisoformat(value)
    # Drafts carry offsets; a bare time is read as UTC rather than failing a comparison.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


class StreamClock:
    """The latest publish time seen, capped at the wall clock (a page dated next year must
    not expire everything)."""

    def __init__(self, retention: timedelta) -> None:
        self.retention = retention
        self.latest: datetime | None = None

    def advance(self, published: datetime, now: datetime) -> None:
        moment = min(published, now)
        if self.latest is None or moment > self.latest:
            self.latest = moment

    def horizon(self) -> str | None:
        """Entries published before this UTC timestamp have expired (None: nothing seen yet)."""
        if self.latest is None:
            return None
        try:
            return utc_timestamp(self.latest - self.retention)
        except OverflowError:  # a page dated in year 1: nothing can be older than that
            return None


class PartitionSweeper:
    """Hands out a table's keys a few at a time, round robin, per partition.

    A worker may only delete a key while handling an event from the key's own partition
    (the tombstone goes to that partition's changelog), so keys are bucketed by partition.
    A bucket is refilled from a snapshot of the table's keys when it runs dry: each key costs
    one partition lookup per pass, and nothing is kept per key between passes.
    """

    def __init__(
        self, keys: Callable[[], Iterable[str]], partition_of: Callable[[str], int]
    ) -> None:
        self._keys = keys
        self._partition_of = partition_of
        self._buckets: dict[int, list[str]] = {}

    def next_keys(self, partition: int, limit: int) -> list[str]:
        """Up to ``limit`` keys of ``partition`` to check, none twice in one pass."""
        bucket = self._buckets.get(partition)
        if not bucket:
            self._refill()
            bucket = self._buckets.get(partition, [])
        taken = bucket[-limit:]
        del bucket[-limit:]
        return taken

    def _refill(self) -> None:
        # Every bucket is refilled together; a pass for one partition costs one table scan.
        # Keys stay in the buckets of other partitions until their own events take them.
        fresh: dict[int, list[str]] = {}
        for key in self._keys():
            fresh.setdefault(self._partition_of(key), []).append(key)
        for partition, keys in fresh.items():
            if not self._buckets.get(partition):
                self._buckets[partition] = keys
