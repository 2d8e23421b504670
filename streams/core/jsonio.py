"""JSON encoding for every event and record: orjson with one fixed set of options."""

from __future__ import annotations

from typing import Any

import orjson

__all__ = ["JSONDecodeError", "dumps", "loads"]

JSONDecodeError = orjson.JSONDecodeError

# Sorted keys make equal events byte-equal, so content hashes and golden files are stable.
_OPTIONS = orjson.OPT_SORT_KEYS | orjson.OPT_UTC_Z


def dumps(value: Any) -> bytes:
    """Encode ``value`` as compact UTF-8 JSON bytes with sorted keys."""
    return orjson.dumps(value, option=_OPTIONS)


def loads(data: bytes | bytearray | memoryview | str) -> Any:
    """Decode JSON; raises :data:`JSONDecodeError` (a ``ValueError``) on bad input."""
    return orjson.loads(data)
