"""Dedupe decisions by article key: first sight, new revision, or exact repeat.

Pure: the caller passes the previous record (from any :class:`SeenStore`) and the clock, and
stores the record it gets back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Protocol

__all__ = [
    "MAX_REVISIONS_KEPT",
    "Decision",
    "DictSeenStore",
    "New",
    "Repeat",
    "Revised",
    "RevisionSeen",
    "SeenRecord",
    "SeenStore",
    "decide",
]

#: Content hashes remembered per key; older revisions beyond this are forgotten, so a repeat of
#: a very old revision would count as a new one. Keeps every table value small and bounded.
MAX_REVISIONS_KEPT = 16


@dataclass(frozen=True, slots=True)
class RevisionSeen:
    """One kept revision of an article: its content hash and how often it was seen."""

    revision: int
    content_hash: str
    first_seen: str
    times_seen: int


@dataclass(frozen=True, slots=True)
class SeenRecord:
    """What the dedupe table keeps per article key."""

    revision: int
    first_seen: str
    last_seen: str
    revisions: tuple[RevisionSeen, ...]
    #: Latest publish time (UTC) of any sighting: what retention measures the key's age by.
    published: str = ""

    def expired(self, horizon: str | None) -> bool:
        """Whether the key is older than the retention ``horizon`` and can be forgotten."""
        return horizon is not None and bool(self.published) and self.published < horizon

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form, as stored in the table and its changelog."""
        return {
            "revision": self.revision,
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
            "revisions": [
                [r.revision, r.content_hash, r.first_seen, r.times_seen] for r in self.revisions
            ],
            "published": self.published,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SeenRecord:
        """Inverse of :meth:`to_dict`."""
        return cls(
            revision=int(data["revision"]),
            first_seen=str(data["first_seen"]),
            last_seen=str(data["last_seen"]),
            revisions=tuple(
                RevisionSeen(int(r), str(h), str(f), int(t)) for r, h, f, t in data["revisions"]
            ),
            # Records written before retention existed age from their last sighting.
            published=str(data.get("published") or data["last_seen"]),
        )


class SeenStore(Protocol):
    """Where dedupe records live: a Faust table in the worker, a dict in tests and offline."""

    def get(self, key: str) -> SeenRecord | None:
        """The record for ``key``, or ``None`` on first sight."""
        ...

    def put(self, key: str, record: SeenRecord) -> None:
        """Store the record for ``key``."""
        ...


class DictSeenStore:
    """In-process store for ``newswire process`` and tests."""

    def __init__(self) -> None:
        self.records: dict[str, SeenRecord] = {}

    def get(self, key: str) -> SeenRecord | None:
        return self.records.get(key)

    def put(self, key: str, record: SeenRecord) -> None:
        self.records[key] = record

    def __len__(self) -> int:
        return len(self.records)


@dataclass(frozen=True, slots=True)
class New:
    """First sight of the key: publish as ``created``, revision 1."""

    revision: int = 1


@dataclass(frozen=True, slots=True)
class Revised:
    """Known key, content never seen: publish as ``updated`` with the next revision."""

    revision: int


@dataclass(frozen=True, slots=True)
class Repeat:
    """Known key and content: publish nothing, send a duplicate notice."""

    revision: int
    first_seen: str
    times_seen: int


Decision = New | Revised | Repeat


def decide(
    previous: SeenRecord | None, content_hash: str, now: str, published: str = ""
) -> tuple[Decision, SeenRecord]:
    """Decide what one sighting of ``content_hash`` means and the record to store after it.

    ``published`` is the sighting's publish time as a UTC timestamp (``now`` if empty).
    """
    published = published or now
    if previous is None:
        seen = RevisionSeen(1, content_hash, now, 1)
        return New(), SeenRecord(1, now, now, (seen,), published)
    published = max(published, previous.published)
    for index, kept in enumerate(previous.revisions):
        if kept.content_hash == content_hash:
            bumped = replace(kept, times_seen=kept.times_seen + 1)
            revisions = (*previous.revisions[:index], bumped, *previous.revisions[index + 1 :])
            record = replace(previous, last_seen=now, revisions=revisions, published=published)
            return Repeat(kept.revision, kept.first_seen, bumped.times_seen), record
    revision = previous.revision + 1
    revisions = (*previous.revisions, RevisionSeen(revision, content_hash, now, 1))
    record = SeenRecord(
        revision, previous.first_seen, now, revisions[-MAX_REVISIONS_KEPT:], published
    )
    return Revised(revision), record
