"""The dedupe table: article key -> :class:`~streams.dedupe.SeenRecord` as JSON bytes."""

from __future__ import annotations

from typing import Any

import faust

from .settings import Settings

__all__ = ["dedupe_table", "story_table"]


def dedupe_table(app: faust.App, settings: Settings) -> Any:
    """Changelog-backed (compacted) table, co-partitioned with the re-key topic."""
    return app.Table(
        "dedupe",
        default=None,
        partitions=settings.partitions,
        # str keys go through Faust's JSON codec. Values are our own orjson bytes: Faust's
        # typed values must be its Records (value_type=dict fails in changelog recovery).
        key_type=str,
        value_type=bytes,
        help="Dedupe state per article key: revisions, content hashes, sightings.",
    )


def story_table(app: faust.App, settings: Settings) -> Any:
    """Band key -> story entries as JSON bytes, changelog-backed.

    A plain table, not a GlobalTable: Faust's GlobalTable recovery crashed (ConsistencyError)
    after a worker was killed mid-transaction. A worker therefore sees the bands filed from the
    partitions it owns: all of them with one worker, a share of them with several.
    """
    return app.Table(
        "stories",
        default=None,
        partitions=settings.partitions,
        key_type=str,
        value_type=bytes,
        help="Story clusters: SimHash band -> [article key, story id, fingerprint].",
    )
