"""The tables: dedupe (article key -> ``SeenRecord``) and the story index."""

from __future__ import annotations

from typing import Any

import faust

from streams.config.settings import Settings

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
    """Article key -> [story id, SimHash, publish time] as JSON bytes, changelog-backed: one
    record per article; the band look-up is rebuilt in memory after recovery.

    Written only by the story agent, whose topic has one key: every entry lands in that key's
    partition, so one worker holds the whole index (and recovers it from one changelog
    partition when it takes over). A GlobalTable would copy it to every worker, but Faust's
    GlobalTable crashed in recovery (ConsistencyError) after a worker was killed
    mid-transaction, and gave no live updates across workers under exactly-once.
    """
    return app.Table(
        # Not "stories": that changelog held the index by band, in another format.
        "story-articles",
        default=None,
        partitions=settings.partitions,
        key_type=str,
        value_type=bytes,
        help="Story entries: article key -> [story id, SimHash, publish time].",
    )
