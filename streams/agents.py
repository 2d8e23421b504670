"""The two agents: parse (ingest -> re-key or DLQ) and dedupe (re-key -> events or notices).

Thin wiring: each decodes the Kafka record, calls the pure core, routes the outcome and counts
it. The re-key topic is keyed by article key, so every key's dedupe state has one owner.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import faust

from . import jsonio
from .events import IngestMeta
from .metrics import Metrics
from .pipeline import Parsed, Published, Rejected, dedupe_stage, parse_stage
from .seenstore import TableSeenStore, TableStoryIndex
from .settings import Settings
from .topics import Topics
from .transactions import CommitGate

__all__ = ["Agents", "register_agents"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Agents:
    """The agent handles, for tests (``agent.test_context()``) and introspection."""

    parse: Any
    dedupe: Any


def _ingest_meta(message: Any) -> IngestMeta:
    # Faust gives the Kafka timestamp in seconds as a float; the record keeps milliseconds.
    ts = message.timestamp
    return IngestMeta(
        topic=message.topic,
        partition=message.partition,
        offset=message.offset,
        timestamp_ms=round(ts * 1000) if ts else None,
        key=message.key,
    )


async def _each_event(
    stream: Any, gate: CommitGate, handle: Callable[[Any], Awaitable[None]]
) -> None:
    """Handle each event, acking it by hand inside the commit gate.

    A commit then sees an event whole (its sends and its ack) or not at all.
    """
    events = stream.noack()
    async for event in events.events():
        async with gate.event():
            await handle(event)
            await events.ack(event)


def register_agents(
    app: faust.App,
    topics: Topics,
    table: Any,
    metrics: Metrics,
    settings: Settings,
    *,
    gate: CommitGate,
    stories: Any,
) -> Agents:
    """Declare the agents on ``app``."""
    store = TableSeenStore(table)
    story_index = TableStoryIndex(stories)
    consumed = metrics.messages_consumed.labels(settings.topic_raw)
    consumed_bytes = metrics.input_bytes.labels(settings.topic_raw)
    parse_seconds = metrics.processing_seconds.labels("parse")
    dedupe_seconds = metrics.processing_seconds.labels("dedupe")
    published = {
        kind: metrics.events_published.labels(settings.topic_enriched, kind)
        for kind in ("created", "updated")
    }

    @app.agent(topics.raw, name="newswire.parse")
    async def parse_articles(stream: Any) -> None:
        await _each_event(stream, gate, _parse_one)

    async def _parse_one(event: Any) -> None:
        message = event.message
        raw: bytes = event.value or b""
        ingest = _ingest_meta(message)
        consumed.inc()
        consumed_bytes.inc(len(raw))
        started = time.perf_counter()
        outcome = parse_stage(
            raw,
            ingest=ingest,
            now=datetime.now(UTC),
            max_bytes=settings.max_input_bytes,
            enrichment=settings.enrich,
        )
        parse_seconds.observe(time.perf_counter() - started)
        if isinstance(outcome, Rejected):
            metrics.dead_letters.labels(outcome.reason).inc()
            logger.info(
                "dead letter %s[%d] offset=%d reason=%s: %s",
                message.topic, message.partition, message.offset,
                outcome.reason, outcome.record["message"],
            )  # fmt: skip
            await topics.dlq.send(key=message.key, value=jsonio.dumps(outcome.record))
            return
        await topics.parsed.send(key=outcome.key.encode(), value=jsonio.dumps(outcome.draft))

    @app.agent(topics.parsed, name="newswire.dedupe")
    async def dedupe_articles(stream: Any) -> None:
        await _each_event(stream, gate, _dedupe_one)

    async def _dedupe_one(event: Any) -> None:
        key = event.key.decode() if isinstance(event.key, bytes) else str(event.key)
        draft = jsonio.loads(event.value)
        started = time.perf_counter()
        outcome = dedupe_stage(
            Parsed(key, draft),
            store=store,
            now=datetime.now(UTC),
            stories=story_index,
            max_distance=settings.story_max_distance,
        )
        dedupe_seconds.observe(time.perf_counter() - started)
        if isinstance(outcome, Published):
            await topics.enriched.send(key=key.encode(), value=jsonio.dumps(outcome.event))
            published[outcome.event_type].inc()
            if outcome.joined_story:
                metrics.story_joins.inc()
        else:
            await topics.duplicates.send(key=key.encode(), value=jsonio.dumps(outcome.notice))
            metrics.duplicates.inc()
        ingest_ts = draft["ingest"].get("timestamp")
        if ingest_ts:
            lag = time.time() - datetime.fromisoformat(ingest_ts).timestamp()
            metrics.end_to_end_latency_seconds.observe(max(lag, 0.0))

    return Agents(parse=parse_articles, dedupe=dedupe_articles)
