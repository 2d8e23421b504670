"""The dedupe table as a :class:`~streams.core.dedupe.SeenStore`: the Faust side of the Protocol."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence

from streams.core import jsonio
from streams.core.dedupe import SeenRecord
from streams.core.stories import BandIndex, Entry

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
    """The story index on a Faust table of article key -> [story id, SimHash, publish time].

    One changelog record per article (not one per band): the bands are kept in memory and
    rebuilt from the table after each recovery (``rebuild``), when the table holds what this
    worker owns.
    """

    def __init__(self, table: MutableMapping[str, bytes]) -> None:
        self.table = table
        self.bands = BandIndex()
        # Each article's entry as filed, so the retention sweep reads no table values.
        self._entries: dict[str, Entry] = {}

    def get(self, band: str) -> Sequence[Entry]:
        return self.bands.get(band)

    def file(self, entry: Entry, horizon: str | None) -> None:
        key, story, signature, published = entry
        # SimHash signatures as strings: JSON readers in other languages lose 64-bit integers.
        self.table[key] = jsonio.dumps([story, str(signature), published])
        self.bands.file(entry, horizon)
        self._entries[key] = entry

    def entry(self, key: str) -> Entry | None:
        """The article's entry, as the table holds it."""
        if (filed := self._entries.get(key)) is not None:
            return filed
        return self._stored(key)

    def _stored(self, key: str) -> Entry | None:
        value = self.table.get(key)
        if not value:
            return None
        story, signature, published = jsonio.loads(value)
        return key, story, int(signature), published

    def forget(self, key: str) -> None:
        """Delete an expired article's entry (a tombstone in the changelog)."""
        entry = self.entry(key)
        del self.table[key]
        self._entries.pop(key, None)
        if entry is not None:
            self.bands.forget(entry)

    def rebuild(self) -> int:
        """The bands from the table's entries, oldest first (as they were filed); returns how
        many entries there are."""
        entries = [e for key in list(self.table.keys()) if (e := self._stored(key)) is not None]
        entries.sort(key=lambda e: e[3])
        self.bands = BandIndex()
        self._entries = {entry[0]: entry for entry in entries}
        for entry in entries:
            self.bands.file(entry, None)
        return len(entries)
