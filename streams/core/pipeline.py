"""The one entry point of the pure core: bytes in, one outcome out.

The worker runs the three stages as agents: parse (any partition), dedupe (after a re-key by
article key, so one worker owns each key's dedupe state) and story (after a re-key to one key,
so one worker owns the whole story index and near-duplicates meet whichever worker deduped
them). ``newswire process`` and the tests run :func:`process`, all three at once, with the
same :class:`PipelineConfig` the worker takes from its settings.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from streams.core.config import PipelineConfig
from streams.core.dedupe import Repeat, SeenStore, decide
from streams.core.enrich import enrich
from streams.core.envelope import decode_message
from streams.core.errors import InternalError, NewswireError
from streams.core.events import (
    IngestMeta,
    article_draft,
    complete_event,
    dead_letter,
    duplicate_notice,
)
from streams.core.parser import parse_article
from streams.core.records import Draft, StoryRequest, utc_timestamp
from streams.core.retention import Retention, publish_time
from streams.core.sources import SourceRegistry
from streams.core.stories import DictStoryIndex, StoryIndex, assign_story, simhash

__all__ = [
    "Duplicate",
    "Outcome",
    "Parsed",
    "PipelineConfig",
    "Published",
    "Rejected",
    "dedupe_stage",
    "parse_stage",
    "process",
    "story_stage",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Parsed:
    """Parse stage succeeded: a draft event keyed by its article key."""

    draft: Draft
    #: Time spent in enrichment, for the per-stage histogram (the rest is parsing).
    enrich_seconds: float = 0.0

    @property
    def key(self) -> str:
        return self.draft.key


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
    fields = article_draft(article, ingest, enriched=enriched)
    published = publish_time(article.published_at, ingest.timestamp_ms, now)
    draft = Draft(article.article_key, fields, published, ingest.timestamp_ms, text_simhash(fields))
    return Parsed(draft, enrich_seconds)


def text_simhash(fields: dict[str, Any]) -> int:
    """The SimHash of an event's title, lead and body: what near-duplicates are found by."""
    return simhash(" ".join((fields["title"], fields["lead"] or "", *fields["body"])))


def article_key(
    raw: bytes, *, max_bytes: int, registry: SourceRegistry | None = None
) -> str | None:
    """The article key a message will have (None when it is no article): what a producer
    sets as the record key so that the worker dedupes it where it arrives, without the
    re-key hop (docs/events.md, "Producing")."""
    try:
        return parse_article(decode_message(raw, max_bytes=max_bytes), registry).article_key
    except NewswireError:
        return None


def dedupe_stage(
    draft: Draft,
    *,
    store: SeenStore,
    now: datetime,
    horizon: str | None = None,
) -> StoryRequest | Duplicate:
    """Decide against the store, update it, and build the event (story not yet known) or notice.

    State published before ``horizon`` (a UTC timestamp) has expired and counts as unknown,
    whether or not a sweep has removed it yet.
    """
    previous = store.get(draft.key)
    if previous is not None and previous.expired(horizon):
        previous = None
    published = utc_timestamp(draft.published)
    decision, record = decide(previous, draft.content_hash, utc_timestamp(now), published)
    store.put(draft.key, record)
    if isinstance(decision, Repeat):
        return Duplicate(draft.key, duplicate_notice(draft.fields, decision, noticed_at=now))
    event = complete_event(draft.fields, revision=decision.revision, processed_at=now)
    # Hashed in the parse stage (in a pool's child, off the worker's own process); a draft
    # from before that has none.
    signature = draft.simhash if draft.simhash is not None else text_simhash(draft.fields)
    return StoryRequest(draft.key, event, signature, draft.published, draft.ingest_ms)


def story_stage(
    request: StoryRequest,
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
        request.key,
        request.simhash,
        max_distance=max_distance,
        published=utc_timestamp(request.published),
        horizon=horizon,
    )
    event = {
        **request.event,
        "story_id": story.story_id,
        "similar_to": [{"article_key": k, "distance": d} for k, d in story.similar_to],
    }
    return Published(request.key, event, joined_story=story.joined)


def process(
    raw: bytes,
    *,
    store: SeenStore,
    ingest: IngestMeta,
    now: datetime,
    config: PipelineConfig | None = None,
    stories: StoryIndex | None = None,
    retention: Retention | None = None,
    registry: SourceRegistry | None = None,
) -> Outcome:
    """Every stage in one call: the embedded mode.

    Without ``stories`` each article is a story of its own; without ``retention`` nothing
    expires. Pass the same ones for every input of a stream, as the worker keeps them.
    """
    config = config or PipelineConfig()
    parsed = parse_stage(
        raw, ingest=ingest, now=now, max_bytes=config.max_bytes, registry=registry,
        enrichment=config.enrichment,
    )  # fmt: skip
    if isinstance(parsed, Rejected):
        return parsed
    horizon = retention.observe(parsed.draft.published, now) if retention else None
    outcome = dedupe_stage(parsed.draft, store=store, now=now, horizon=horizon)
    if isinstance(outcome, Duplicate):
        return outcome
    index = stories if stories is not None else DictStoryIndex()
    return story_stage(
        outcome, stories=index, max_distance=config.story_max_distance, horizon=horizon
    )
