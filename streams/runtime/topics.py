"""The Faust topic objects: ingest, the two internal re-keys, enriched, duplicates, dead-letter."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import faust

from streams.config.settings import Settings

__all__ = ["Topics"]


@dataclass(frozen=True, slots=True)
class Topics:
    """Topic handles; values are bytes (our JSON is encoded by ``streams.core.jsonio``)."""

    raw: Any
    parsed: Any
    stories: Any
    enriched: Any
    duplicates: Any
    dlq: Any

    @classmethod
    def declare(cls, app: faust.App, settings: Settings) -> Topics:
        """Declare every topic on ``app``; ``admin.ensure_topics`` creates them."""

        def topic(name: str) -> Any:
            return app.topic(
                name,
                key_serializer="raw",
                value_serializer="raw",
                partitions=settings.partitions,
            )

        return cls(
            raw=topic(settings.topic_raw),
            parsed=topic(settings.topic_parsed),
            stories=topic(settings.topic_stories),
            enriched=topic(settings.topic_enriched),
            duplicates=topic(settings.topic_duplicates),
            dlq=topic(settings.topic_dlq),
        )
