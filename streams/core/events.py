"""The JSON records Newswire publishes: article events, duplicate notices, dead letters.

Each builder returns a plain dict that matches its schema under ``schemas/``.
"""

from __future__ import annotations

import base64
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from streams import __version__
from streams.core.article import Article
from streams.core.dates import rfc3339
from streams.core.dedupe import Repeat
from streams.core.errors import NewswireError
from streams.core.records import utc_timestamp
from streams.core.text import words

__all__ = [
    "ARTICLE_SCHEMA",
    "DEAD_LETTER_SCHEMA",
    "DUPLICATE_SCHEMA",
    "IngestMeta",
    "article_draft",
    "complete_event",
    "dead_letter",
    "duplicate_notice",
    "event_id",
    "utc_timestamp",
]

ARTICLE_SCHEMA = "newswire.article.v1"
DUPLICATE_SCHEMA = "newswire.duplicate.v1"
DEAD_LETTER_SCHEMA = "newswire.dead-letter.v1"
PROCESSOR = f"newswire/{__version__}"
# Fixed namespace: the same article key, revision and content always give the same event_id.
_EVENT_NAMESPACE = uuid.UUID("6f1f0c55-1f7e-4c8e-9a57-3f6f0b8e2d11")


@dataclass(frozen=True, slots=True)
class IngestMeta:
    """Where an input message came from in Kafka (or a file, offline)."""

    topic: str
    partition: int
    offset: int
    timestamp_ms: int | None = None
    key: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        """The ``ingest`` object of events and dead letters."""
        return {
            "topic": self.topic,
            "partition": self.partition,
            "offset": self.offset,
            "timestamp": (
                utc_timestamp(datetime.fromtimestamp(self.timestamp_ms / 1000, UTC))
                if self.timestamp_ms is not None
                else None
            ),
        }


def event_id(article_key: str, revision: int, content_hash: str) -> str:
    """Deterministic id: a re-published event carries the id it had the first time."""
    return str(uuid.uuid5(_EVENT_NAMESPACE, f"{article_key}\n{revision}\n{content_hash}"))


_NOT_ENRICHED: dict[str, Any] = {
    "entities": {"persons": [], "organizations": [], "locations": []},
    "countries": [],
    "quotes": [],
    "attributions": [],
    "keywords": [],
    "topics": [],
}


def article_draft(
    article: Article, ingest: IngestMeta, *, enriched: dict[str, Any] | None
) -> dict[str, Any]:
    """Everything of the article event that does not depend on the dedupe decision.

    ``enriched`` is ``enrich(article).to_dict()``; with ``None`` the enrichment fields are
    present and empty.
    """
    return {
        "schema": ARTICLE_SCHEMA,
        "article_key": article.article_key,
        "source": article.source,
        "news_id": article.news_id,
        "url": article.canonical_url or article.url,
        "title": article.title,
        "lead": article.lead,
        "body": list(article.body),
        "dateline": {
            "city": article.dateline_city,
            "agency": article.dateline_agency,
            "agency_as_written": article.agency_as_written,
        },
        "published_at": rfc3339(article.published_at) if article.published_at else None,
        "updated_at": rfc3339(article.updated_at) if article.updated_at else None,
        "fetched_at": article.fetched_at,
        "language": article.language,
        "authors": list(article.authors),
        "site_name": article.site_name,
        "section": article.section,
        "tags": list(article.tags),
        "warnings": [w.to_dict() for w in article.warnings],
        "word_count": words(" ".join((article.lead or "", *article.body))),
        "content_hash": article.content_hash,
        "ingest": ingest.to_dict(),
        **(enriched if enriched is not None else _NOT_ENRICHED),
    }


def complete_event(
    draft: dict[str, Any], *, revision: int, processed_at: datetime
) -> dict[str, Any]:
    """The published event: the draft plus id, type, revision and processing stamp."""
    return {
        **draft,
        "event_id": event_id(draft["article_key"], revision, draft["content_hash"]),
        "event_type": "created" if revision == 1 else "updated",
        "revision": revision,
        "processed_at": utc_timestamp(processed_at),
        "processor": PROCESSOR,
    }


def duplicate_notice(
    draft: dict[str, Any], repeat: Repeat, *, noticed_at: datetime
) -> dict[str, Any]:
    """A small notice that an exact repeat was dropped."""
    return {
        "schema": DUPLICATE_SCHEMA,
        "article_key": draft["article_key"],
        "content_hash": draft["content_hash"],
        "kept_revision": repeat.revision,
        "kept_event_id": event_id(draft["article_key"], repeat.revision, draft["content_hash"]),
        "first_seen": repeat.first_seen,
        "times_seen": repeat.times_seen,
        "ingest": draft["ingest"],
        "noticed_at": utc_timestamp(noticed_at),
        "processor": PROCESSOR,
    }


def dead_letter(
    raw: bytes, error: NewswireError, ingest: IngestMeta, *, failed_at: datetime
) -> dict[str, Any]:
    """The dead-letter record: reason, message and the original bytes, kept exactly."""
    return {
        "schema": DEAD_LETTER_SCHEMA,
        "reason": error.reason,
        "message": error.message,
        "original": base64.b64encode(raw).decode("ascii"),
        "original_size": len(raw),
        "original_key": base64.b64encode(ingest.key).decode("ascii") if ingest.key else None,
        "ingest": ingest.to_dict(),
        "failed_at": utc_timestamp(failed_at),
        "processor": PROCESSOR,
    }
