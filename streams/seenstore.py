"""The dedupe table as a :class:`~streams.dedupe.SeenStore`: the Faust side of the Protocol."""

from __future__ import annotations

from collections.abc import MutableMapping

from . import jsonio
from .dedupe import SeenRecord

__all__ = ["TableSeenStore"]


class TableSeenStore:
    """Adapts a Faust table (any mutable mapping of str to JSON bytes) to ``SeenStore``."""

    def __init__(self, table: MutableMapping[str, bytes]) -> None:
        self.table = table

    def get(self, key: str) -> SeenRecord | None:
        value = self.table.get(key)
        return SeenRecord.from_dict(jsonio.loads(value)) if value is not None else None

    def put(self, key: str, record: SeenRecord) -> None:
        self.table[key] = jsonio.dumps(record.to_dict())
