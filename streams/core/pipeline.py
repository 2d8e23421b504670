"""The one entry point of the pure core: bytes in, one outcome out.

The worker runs the three stages as agents: parse (any partition), dedupe (after a re-key by
article key, so one worker owns each key's dedupe state) and story (after a re-key to one key,
so one worker owns the whole story index and near-duplicates meet whichever worker deduped
them). ``newswire process`` and the tests run :func:`process`, all three at once.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from streams.core.dedupe import Repeat, SeenRecord, SeenStore, decide
from streams.core.enrich import enrich
from streams.core.envelope import decode_message
from streams.core.errors import InternalError, NewswireError
from streams.core.events import (
    IngestMeta,
    article_draft,
    complete_event,
    dead_letter,
    duplicate_notice,
    utc_timestamp,
)
from streams.core.parser import parse_article
from streams.core.retention import publish_time
from streams.core.sources import SourceRegistry
from streams.core.stories import DictStoryIndex, StoryIndex, assign_story, simhash

__all__ = [
    "Duplicate",
    "Outcome",
    "Parsed",
    "Published",
    "Rejected",
    "dedupe_stage",
    "parse_stage",
    "process",
    "story_request",
    "story_stage",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Parsed:
    """Parse stage succeeded: a draft event keyed by its article key."""

    key: str
    draft: dict[str, Any]
    #: Time spent in enrichment, for the per-stage histogram (the rest is parsing).
    enrich_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class Rejected:
    """The input is not an article: a dead-letter record with its reason."""

    reason: str
    record: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Published:
    """A created or updated article event to publish under ``key``."""

    key: str
    event: dict[str, Any]
    #: True when the article joined a story other articles had started.
    joined_story: bool = False
    #: SimHash of the text and publish time (UTC), for the story stage.
    fingerprint: int = 0
    filed: str = ""

    @classmethod
    def from_story_request(cls, request: dict[str, Any]) -> Published:
        """Read back what :func:`story_request` wrote."""
        event = request["event"]
        return cls(
            str(event["article_key"]), event,
            fingerprint=int(request["fingerprint"]), filed=str(request["filed"]),
        )  # fmt: skip

    @property
    def event_type(self) -> str:
        """``created`` or ``updated``."""
        return str(self.event["event_type"])


@dataclass(frozen=True, slots=True)
class Duplicate:
    """An exact repeat: nothing to publish but a notice."""

    key: str
    notice: dict[str, Any]


Outcome = Published | Duplicate | Rejected


def parse_stage(
    raw: bytes,
    *,
    ingest: IngestMeta,
    now: datetime,
    max_bytes: int,
    registry: SourceRegistry | None = None,
    enrichment: bool = True,
) -> Parsed | Rejected:
    """Decode, parse and enrich one message; never raises for bad input."""
    try:
        article = parse_article(decode_message(raw, max_bytes=max_bytes), registry)
    except NewswireError as exc:
        return Rejected(exc.reason, dead_letter(raw, exc, ingest, failed_at=now))
    except Exception as exc:
        # A parser bug must not stop the stream or lose the input: the bytes go to the DLQ
        # under their own reason, and the traceback to the log, for a fix and a replay.
        logger.exception(
            "parser failed on %s[%d] offset=%d", ingest.topic, ingest.partition, ingest.offset
        )
        error = InternalError(f"{type(exc).__name__}: {exc}")
        return Rejected(error.reason, dead_letter(raw, error, ingest, failed_at=now))
    started = time.perf_counter()
    try:
        enriched = enrich(article).to_dict() if enrichment else None
    except Exception:
        # An enrichment bug must not cost the article: it is published without enrichment
        # (empty entities), and the traceback goes to the log.
        logger.exception(
            "enrichment failed on %s[%d] offset=%d", ingest.topic, ingest.partition, ingest.offset
        )
        enriched = None
    enrich_seconds = time.perf_counter() - started
    draft = article_draft(article, ingest, enriched=enriched)
    return Parsed(article.article_key, draft, enrich_seconds)


def dedupe_stage(
    parsed: Parsed,
    *,
    store: SeenStore,
    now: datetime,
    horizon: str | None = None,
) -> Published | Duplicate:
    """Decide against the store, update it, and build the event (story not yet known) or notice.

    State published before ``horizon`` (a UTC timestamp) has expired and counts as unknown,
    whether or not a sweep has removed it yet.
    """
    previous: SeenRecord | None = store.get(parsed.key)
    if previous is not None and previous.expired(horizon):
        previous = None
    published = utc_timestamp(publish_time(parsed.draft, now))
    decision, record = decide(previous, parsed.draft["content_hash"], utc_timestamp(now), published)
    store.put(parsed.key, record)
    if isinstance(decision, Repeat):
        return Duplicate(parsed.key, duplicate_notice(parsed.draft, decision, noticed_at=now))
    event = complete_event(parsed.draft, revision=decision.revision, processed_at=now)
    draft = parsed.draft
    # Fingerprinted here, where the work is spread over partitions, not in the story stage.
    fingerprint = simhash(" ".join((draft["title"], draft["lead"] or "", *draft["body"])))
    return Published(parsed.key, event, fingerprint=fingerprint, filed=published)


def story_request(published: Published) -> dict[str, Any]:
    """The dedupe stage's output for the story stage, as JSON (fingerprint as a string:
    64-bit integers do not survive every JSON reader)."""
    return {
        "fingerprint": str(published.fingerprint),
        "filed": published.filed,
        "event": published.event,
    }


def story_stage(
    published: Published,
    *,
    stories: StoryIndex,
    max_distance: int = 3,
    horizon: str | None = None,
) -> Published:
    """Join the article's story (``stories``: the near-duplicate band index) and file it.

    Entries published before ``horizon`` have expired and match nothing.
    """
    story = assign_story(
        stories,
        published.key,
        published.fingerprint,
        max_distance=max_distance,
        filed=published.filed,
        horizon=horizon,
    )
    event = {
        **published.event,
        "story_id": story.story_id,
        "similar_to": [{"article_key": k, "distance": d} for k, d in story.similar_to],
    }
    return Published(
        published.key, event, joined_story=story.joined,
        fingerprint=published.fingerprint, filed=published.filed,
    )  # fmt: skip


def process(
    raw: bytes,
    *,
    store: SeenStore,
    ingest: IngestMeta,
    now: datetime,
    max_bytes: int,
    registry: SourceRegistry | None = None,
    stories: StoryIndex | None = None,
    max_distance: int = 3,
) -> Outcome:
    """Every stage in one call: the embedded mode (without an index, each article is a story
    of its own)."""
    parsed = parse_stage(raw, ingest=ingest, now=now, max_bytes=max_bytes, registry=registry)
    if isinstance(parsed, Rejected):
        return parsed
    outcome = dedupe_stage(parsed, store=store, now=now)
    if isinstance(outcome, Duplicate):
        return outcome
    index = stories if stories is not None else DictStoryIndex()
    return story_stage(outcome, stories=index, max_distance=max_distance)
