"""Which dead letters to send back to the ingest topic, and the bytes to send.

A replay re-sends each chosen letter's original message exactly as it was first received (its
key and value, an envelope included), so the current parser reads it as if it had just
arrived. Dedupe makes a replay safe to repeat: an article already published comes out as a
duplicate notice.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from streams.core import jsonio

__all__ = ["Replay", "ReplayFilter", "replays"]


@dataclass(frozen=True, slots=True)
class ReplayFilter:
    """Letters to replay: by reason (any, when empty), failed at or after ``since``, at most
    ``limit`` of them."""

    reasons: frozenset[str] = frozenset()
    since: datetime | None = None
    limit: int | None = None


@dataclass(frozen=True, slots=True)
class Replay:
    """One message to send again, and the letter it came from."""

    key: bytes | None
    value: bytes
    reason: str
    where: str  # the letter's ingest topic[partition]@offset, for the report


def replays(letters: Iterable[bytes], chosen: ReplayFilter) -> Iterator[Replay | str]:
    """The replays of the letters ``chosen`` selects, in order; a letter that cannot be read
    back yields a one-line explanation instead (and is skipped)."""
    count = 0
    for raw in letters:
        if chosen.limit is not None and count >= chosen.limit:
            return
        try:
            letter = jsonio.loads(raw)
            reason = str(letter["reason"])
            failed_at = datetime.fromisoformat(str(letter["failed_at"]))
            value = base64.b64decode(letter["original"], validate=True)
            key_text = letter.get("original_key")
            key = base64.b64decode(key_text, validate=True) if key_text else None
            ingest = letter.get("ingest") or {}
        except (ValueError, KeyError, TypeError, binascii.Error) as exc:
            yield f"skipped a record that is not a dead letter: {exc}"
            continue
        if chosen.reasons and reason not in chosen.reasons:
            continue
        if chosen.since is not None and failed_at < chosen.since:
            continue
        where = f"{ingest.get('topic')}[{ingest.get('partition')}]@{ingest.get('offset')}"
        count += 1
        yield Replay(key=key, value=value, reason=reason, where=where)
