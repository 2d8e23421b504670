"""The dedupe table as a :class:`~streams.core.dedupe.SeenStore`: the Faust side of the Protocol."""

from __future__ import annotations

from collections.abc import MutableMapping

from streams.core import jsonio
from streams.core.dedupe import SeenRecord
from streams.core.stories import Entry

__all__ = ["TableSeenStore", "TableStoryIndex"]


class TableSeenStore:
    """Adapts a Faust table (any mutable mapping of str to JSON bytes) to ``SeenStore``."""

    def __init__(self, table: MutableMapping[str, bytes]) -> None:
        self.table = table

    def get(self, key: str) -> SeenRecord | None:
        value = self.table.get(key)
        return SeenRecord.from_dict(jsonio.loads(value)) if value is not None else None

    def put(self, key: str, record: SeenRecord) -> None:
        self.table[key] = jsonio.dumps(record.to_dict())


class TableStoryIndex:
    """Adapts a Faust table of band key -> JSON bytes to ``StoryIndex``."""

    def __init__(self, table: MutableMapping[str, bytes]) -> None:
        self.table = table

    def get(self, band: str) -> list[Entry]:
        value = self.table.get(band)
        # Entries filed before retention existed have no time: they never expire by age, but
        # still leave their band by the per-band cap.
        if not value:
            return []
        return [(e[0], e[1], int(e[2]), e[3] if len(e) > 3 else "~") for e in jsonio.loads(value)]

    def put(self, band: str, entries: list[Entry]) -> None:
        # SimHash signatures as strings: JSON readers in other languages lose 64-bit integers.
        self.table[band] = jsonio.dumps([[k, s, str(h), t] for k, s, h, t in entries])
