"""The three agents: parse (ingest -> re-key or DLQ), dedupe (re-key -> story re-key or
duplicate notices) and story (story re-key -> enriched events).

Thin wiring: each decodes the Kafka record, calls the pure core, routes the outcome and counts
it. The parsed topic is partitioned by article key, so every key's dedupe state has one owner;
the stories topic carries one key, so the whole story index has one owner, and near-duplicates
deduped on different workers still meet. Drafts and story requests travel in batches
(:mod:`streams.core.batches`), one record per input partition and destination, sent when
full or by the next commit.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import faust
from aiokafka.partitioner import DefaultPartitioner
from faust.exceptions import ConsumerNotStarted

from streams.config.settings import Settings
from streams.core import jsonio
from streams.core.batches import RequestBatches, split_requests
from streams.core.events import IngestMeta, dead_letter
from streams.core.pipeline import Parsed, Rejected, dedupe_stage, story_stage
from streams.core.records import Draft, StoryRequest, UnreadableRecord
from streams.core.retention import PartitionSweeper, Retention
from streams.runtime.faust_fixes import CommitGate
from streams.runtime.faust_fixes.internals import as_current_event, forget_unacked
from streams.runtime.metrics import Metrics
from streams.runtime.pool import InlineParser, Job, ParsePool, Parser
from streams.runtime.stores import TableSeenStore, TableStoryIndex
from streams.runtime.topics import Topics

__all__ = ["Agents", "register_agents"]

logger = logging.getLogger(__name__)

SWEEP_PER_EVENT = 2
#: The one key of the stories topic: every published article goes to the index's owner.
STORY_KEY = b"story-index"
Line = TypeVar("Line")  # what one line of a batch record reads as
Source = TypeVar("Source")  # what a batch is held by


@dataclass(frozen=True, slots=True)
class Agents:
    """The agent handles, for tests (``agent.test_context()``) and introspection."""

    parse: Any
    dedupe: Any
    story: Any


def _ingest_meta(message: Any) -> IngestMeta:
    # Faust gives the Kafka timestamp in seconds as a float; records keep milliseconds.
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

    A commit then sees an event whole (its sends and its ack) or not at all. An event taken
    before a rebalance is dropped unhandled: its partition reads it again from the committed
    offset, wherever the partition went.
    """
    events = stream.noack()
    gate.watch_input(stream.channel.queue)  # the commit timer's sign of a backlog
    async for event in events.events():
        async with gate.event(gate.epoch) as current:
            if not (current and _owned(stream, event)):
                forget_unacked(stream.app.consumer, event.message)
                continue
            await handle(event)
            await events.ack(event)


def _owned(stream: Any, event: Any) -> bool:
    """The event's partition is this worker's now. One fetched before a rebalance that moved
    its partition elsewhere can still reach the agent after the flow resumed, with the new
    epoch: handled here, its outputs committed without its offset, which this worker may no
    longer commit, and the partition's new owner read it again (seen once in the two-worker
    fault test). The consumer's assignment is the one current answer."""
    try:
        assignment = stream.app.consumer.assignment()
    except ConsumerNotStarted:  # Faust's in-memory test helpers run agents with no consumer
        return True
    return event.message.tp in assignment


async def _each_event_parsed_ahead(
    stream: Any, gate: CommitGate, pool: Parser, runner: StageRunner, depth: int
) -> None:
    """Parse events up to ``depth`` ahead of their routing, and route them in input order.

    One task takes events from the stream and submits them to the parser (a pool of
    processes, or this process); this one routes each outcome inside the commit gate and acks
    it, as :func:`_each_event` does. Parsing goes on while a commit holds the gate. An event
    keeps the epoch of the moment it was taken: one taken before a rebalance is dropped
    unrouted, whatever its parse gave, and its partition reads it again from the committed
    offset.
    """
    events = stream.noack()
    queue: asyncio.Queue[tuple[Any, int, Job]] = asyncio.Queue(maxsize=depth)
    gate.watch_input(stream.channel.queue)  # the commit timer's sign of a backlog

    async def take() -> None:
        async for event in events.events():
            taken = gate.epoch
            await queue.put((event, taken, runner.submit_parse(event, pool)))
            # An in-process parse returns only when done: let the routing and the commits
            # (their broker replies) run between two inputs.
            await asyncio.sleep(0)

    await pool.start()
    taker = asyncio.ensure_future(take())
    try:
        while True:
            got = asyncio.ensure_future(queue.get())
            await asyncio.wait({got, taker}, return_when=asyncio.FIRST_COMPLETED)
            if not got.done():
                got.cancel()
                taker.result()  # the stream ended or failed: raise what the taker raised
                return
            event, taken, job = got.result()
            outcome, elapsed = await pool.result(job)
            async with gate.event(taken) as current:
                if not (current and _owned(stream, event)):
                    forget_unacked(stream.app.consumer, event.message)
                    continue
                with as_current_event(event):
                    await runner.route_parsed(event, outcome, elapsed)
                await events.ack(event)
    finally:
        taker.cancel()
        pool.close()


class StageRunner:
    """What each agent does with one event: read the record, run the core's stage with this
    worker's state, route the outcome, count it."""

    def __init__(
        self, topics: Topics, table: Any, stories: Any, metrics: Metrics, settings: Settings
    ) -> None:
        self.topics, self.metrics, self.settings = topics, metrics, settings
        self.config = settings.pipeline
        self.table, self.stories = table, stories
        self.store = TableSeenStore(table)
        self.story_index = TableStoryIndex(stories)
        # One clock per stage: each agent sees its own stream of publish times.
        self.dedupe_retention = Retention(settings.retention_days)
        self.story_retention = Retention(settings.retention_days)
        partitions = list(range(settings.partitions))
        partitioner = DefaultPartitioner()
        # Kafka's default partitioner (murmur2), as the Java clients and aiokafka use it.
        self._partitioner, self._partitions = partitioner, partitions
        self.routes = {route: metrics.parse_routes.labels(route) for route in ("inline", "rekeyed")}
        # The re-key topic's partitioner: a key's dedupe state lives in that partition.
        self.dedupe_sweep = PartitionSweeper(
            lambda: list(table.keys()),
            lambda key: partitioner(key.encode(), partitions, partitions),
        )
        # Every article's story entry lives in the one partition that the story key maps to.
        story_partition = partitioner(STORY_KEY, partitions, partitions)
        self.story_sweep = PartitionSweeper(lambda: list(stories.keys()), lambda _: story_partition)
        self.expired = {name: metrics.expired.labels(name) for name in ("dedupe", "stories")}
        self.consumed = metrics.messages_consumed.labels(settings.topic_raw)
        self.consumed_bytes = metrics.input_bytes.labels(settings.topic_raw)
        self.seconds = {
            stage: metrics.processing_seconds.labels(stage)
            for stage in ("parse", "enrich", "dedupe", "story", "publish")
        }
        self.published = {
            kind: metrics.events_published.labels(settings.topic_enriched, kind)
            for kind in ("created", "updated")
        }
        # Story requests wait for a full batch or the next commit, per input partition; the
        # last event of each partition routes its batch to that partition's transaction.
        self.story_batches: RequestBatches[Any, Any] = RequestBatches()
        # Re-keyed drafts wait the same way, per input partition and re-key partition.
        self.draft_batches: RequestBatches[tuple[Any, int], Any] = RequestBatches()

    def submit_parse(self, event: Any, pool: Parser) -> Job:
        """Start parsing an event; :meth:`route_parsed` takes it from there."""
        return pool.submit(event.value or b"", _ingest_meta(event.message), datetime.now(UTC))

    async def route_parsed(self, event: Any, outcome: Parsed | Rejected, elapsed: float) -> None:
        """Count a parsed event and send it on: to the DLQ, the re-key topic, or dedupe here."""
        message = event.message
        raw: bytes = event.value or b""
        self.consumed.inc()
        self.consumed_bytes.inc(len(raw))
        if isinstance(outcome, Parsed):
            self.seconds["enrich"].observe(outcome.enrich_seconds)
            elapsed -= outcome.enrich_seconds
        self.seconds["parse"].observe(elapsed)
        if isinstance(outcome, Rejected):
            self.metrics.dead_letters.labels(outcome.reason).inc()
            logger.info(
                "dead letter %s[%d] offset=%d reason=%s: %s",
                message.topic, message.partition, message.offset,
                outcome.reason, outcome.record["message"],
            )  # fmt: skip
            await self.topics.dlq.send(key=message.key, value=jsonio.dumps(outcome.record))
            return
        for warning in outcome.draft.fields["warnings"]:
            self.metrics.field_warnings.labels(warning["field"], warning["code"]).inc()
        key = outcome.key.encode()
        if message.key == key and message.partition == self.partition_of(key):
            # Keyed by its article key by the producer, so it sits in the partition whose
            # dedupe state it needs (the table is co-partitioned with this topic): dedupe it
            # here, without the re-key hop.
            self.routes["inline"].inc()
            await self._dedupe(event, outcome.draft)
            return
        self.routes["rekeyed"].inc()
        destination = self.partition_of(key)
        batch = (message.tp, destination)
        if (ready := self.draft_batches.add(batch, outcome.draft.to_json(), event)) is not None:
            await self.topics.parsed.send(key=None, value=ready, partition=destination)

    def partition_of(self, key: bytes) -> int:
        """The partition Kafka's default partitioner gives ``key`` on our topics."""
        return int(self._partitioner(key, self._partitions, self._partitions))

    async def _unreadable(
        self, event: Any, error: UnreadableRecord, raw: bytes | None = None
    ) -> None:
        """A record on an internal topic that our own agents did not write in this form (a
        stray producer, a format from another version): to the DLQ, not a stopped agent.
        ``raw``: the unreadable part, when the record holds several (else the whole value)."""
        message = event.message
        error = UnreadableRecord(f"unreadable record on {message.topic}: {error.message}")
        raw = (event.value or b"") if raw is None else raw
        record = dead_letter(raw, error, _ingest_meta(message), failed_at=datetime.now(UTC))
        self.metrics.dead_letters.labels(error.reason).inc()
        logger.warning(
            "dead letter %s[%d] offset=%d reason=%s: %s",
            message.topic, message.partition, message.offset, error.reason, error.message,
        )  # fmt: skip
        await self.topics.dlq.send(key=message.key, value=jsonio.dumps(record))

    async def _each_line(
        self,
        event: Any,
        read: Callable[[bytes], Line],
        handle: Callable[[Any, Line], Awaitable[None]],
    ) -> None:
        """One record holds a batch, one request a line, in order (streams.core.batches):
        each line is read and handled, or refused to the DLQ alone, with its own bytes."""
        for line in split_requests(event.value or b""):
            try:
                item = read(line)
            except UnreadableRecord as exc:
                await self._unreadable(event, exc, line)
                continue
            await handle(event, item)

    async def dedupe_one(self, event: Any) -> None:
        # Each draft names its key (the event's article_key).
        await self._each_line(event, Draft.from_json, self._dedupe)

    async def _dedupe(self, event: Any, draft: Draft) -> None:
        """Dedupe a draft in the partition its key belongs to (the event's)."""
        key = draft.key
        started = time.perf_counter()
        now = datetime.now(UTC)
        horizon = self.dedupe_retention.observe(draft.published, now)
        outcome = dedupe_stage(draft, store=self.store, now=now, horizon=horizon)
        self._expire_dedupe(event.message.partition)
        self.seconds["dedupe"].observe(time.perf_counter() - started)
        if isinstance(outcome, StoryRequest):
            await self._request_story(event, outcome)
            return
        started = time.perf_counter()
        await self.topics.duplicates.send(key=key.encode(), value=jsonio.dumps(outcome.notice))
        self.metrics.duplicates.inc()
        self.seconds["publish"].observe(time.perf_counter() - started)
        self._observe_latency(draft.ingest_ms)

    async def _request_story(self, event: Any, request: StoryRequest) -> None:
        """Hold the request for its partition's batch; send the batch it does not fit in."""
        source = event.message.tp
        ready = self.story_batches.add(source, request.to_json(), event)
        if ready is not None:
            await self.topics.stories.send(key=STORY_KEY, value=ready)

    def discard_held_batches(self) -> None:
        """The held batches' events will be read again (a rebalance, a seek): drop what they
        made, or it would go out twice."""
        dropped = self.draft_batches.discard() + self.story_batches.discard()
        if dropped:
            logger.info("dropped %d held requests of events to be read again", dropped)

    async def send_held_batches(self) -> None:
        """Send every held batch of drafts and of story requests in its input partition's
        transaction (run by each commit, before it takes the offsets of the events that made
        them)."""
        parsed, stories = self.topics.parsed, self.topics.stories
        await _send_held(
            self.draft_batches,
            lambda to, batch: parsed.send(key=None, value=batch, partition=to[1]),
        )
        await _send_held(
            self.story_batches, lambda _, batch: stories.send(key=STORY_KEY, value=batch)
        )

    async def story_one(self, event: Any) -> None:
        await self._each_line(event, StoryRequest.from_json, self._assign_story)

    async def _assign_story(self, event: Any, request: StoryRequest) -> None:
        started = time.perf_counter()
        now = datetime.now(UTC)
        horizon = self.story_retention.observe(request.published, now)
        outcome = story_stage(
            request,
            stories=self.story_index,
            max_distance=self.config.story_max_distance,
            horizon=horizon,
        )
        self._expire_stories(event.message.partition)
        self.seconds["story"].observe(time.perf_counter() - started)
        started = time.perf_counter()
        await self.topics.enriched.send(key=outcome.key.encode(), value=jsonio.dumps(outcome.event))
        self.published[outcome.event_type].inc()
        if outcome.joined_story:
            self.metrics.story_joins.inc()
        # Handing the record to the producer (it is batched and sent in the background).
        self.seconds["publish"].observe(time.perf_counter() - started)
        self._observe_latency(request.ingest_ms)

    def _observe_latency(self, ingest_ms: int | None) -> None:
        if ingest_ms is not None:
            lag = time.time() - ingest_ms / 1000
            self.metrics.end_to_end_latency_seconds.observe(max(lag, 0.0))

    # Retention: a few keys of each table per event, more than the one key an event can add,
    # so the tables shrink back to what the retention holds.

    def _expire_dedupe(self, partition: int) -> None:
        if self.dedupe_retention.horizon is None:
            return
        for key in self.dedupe_sweep.next_keys(partition, SWEEP_PER_EVENT):
            if self.dedupe_retention.record_expired(self.store.get(key)):
                del self.table[key]
                self.expired["dedupe"].inc()

    def _expire_stories(self, partition: int) -> None:
        if self.story_retention.horizon is None:
            return
        for key in self.story_sweep.next_keys(partition, SWEEP_PER_EVENT):
            if self.story_retention.entry_expired(self.story_index.entry(key)):
                self.story_index.forget(key)
                self.expired["stories"].inc()

    async def rebuild_stories(self) -> None:
        """After each recovery the table holds what this worker owns: the bands follow."""
        entries = self.story_index.rebuild()
        logger.info("story index rebuilt from %d articles", entries)


async def _send_held(
    batches: RequestBatches[Source, Any], send: Callable[[Source, bytes], Awaitable[Any]]
) -> None:
    """Send each held batch in the transaction of the event that made it (its input
    partition's), and forget it only once sent: a commit that fails here must not lose what
    it did not send."""
    for source, event, batch in batches.held():
        with as_current_event(event):
            await send(source, batch)
        batches.forget(source)


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
    handlers = StageRunner(topics, table, stories, metrics, settings)
    gate.before_commit(handlers.send_held_batches)
    gate.on_stale(handlers.discard_held_batches)
    stories.on_recover(handlers.rebuild_stories)

    @app.agent(topics.raw, name="newswire.parse")
    async def parse_articles(stream: Any) -> None:
        pool: Parser
        if settings.processes < 2:
            pool = InlineParser(settings.pipeline)
        else:
            pool = ParsePool(settings.processes, settings.pipeline)
        # Enough queued to keep parsing through a commit (the gate holds the routing
        # meanwhile: tens of milliseconds, a few articles' parsing), and few enough that
        # inputs at the size limit stay a bounded buffer.
        depth = 8 * max(2, settings.processes)
        await _each_event_parsed_ahead(stream, gate, pool, handlers, depth=depth)

    @app.agent(topics.parsed, name="newswire.dedupe")
    async def dedupe_articles(stream: Any) -> None:
        await _each_event(stream, gate, handlers.dedupe_one)

    @app.agent(topics.stories, name="newswire.story")
    async def assign_stories(stream: Any) -> None:
        await _each_event(stream, gate, handlers.story_one)

    return Agents(parse=parse_articles, dedupe=dedupe_articles, story=assign_stories)
