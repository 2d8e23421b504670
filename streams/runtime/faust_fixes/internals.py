"""Read-only looks at Faust state that has no public accessor (for lag and readiness)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import faust

__all__ = ["paused_partitions", "read_offsets", "recovery_completed"]


def read_offsets(app: faust.App) -> Mapping[Any, int | None]:
    """The last offset the consumer read per partition (``Consumer._read_offset``)."""
    return app.consumer._read_offset  # type: ignore[attr-defined,no-any-return]


def paused_partitions(app: faust.App) -> set[Any]:
    """Partitions the consumer holds paused (``Consumer._paused_partitions``)."""
    return set(app.consumer._paused_partitions)  # type: ignore[attr-defined]


def recovery_completed(app: faust.App) -> bool:
    """Table recovery has finished (TableManager's type omits its recovery service)."""
    return bool(app.tables.recovery.completed.is_set())  # type: ignore[attr-defined]
