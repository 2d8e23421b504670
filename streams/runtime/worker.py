"""Assembling a worker: app, topics, table, agents, metrics page; and running it."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from importlib import resources
from typing import Any

import aiokafka
import faust
from faust.sensors.prometheus import setup_prometheus_sensors

from streams.config.settings import Settings, cores, processes_note
from streams.core.enrich import load as load_enrichment
from streams.core.language import load_model
from streams.runtime.admin import ensure_topics
from streams.runtime.agents import Agents, register_agents
from streams.runtime.app import create_app
from streams.runtime.faust_fixes import CommitGate
from streams.runtime.faust_fixes.internals import (
    paused_partitions,
    read_offsets,
    recovery_completed,
)
from streams.runtime.faust_fixes.quiet_worker import QuietWorker
from streams.runtime.metrics import LagCollector, Metrics
from streams.runtime.tables import dedupe_table, story_table
from streams.runtime.topics import Topics

__all__ = ["Newswire", "build", "readiness", "run_worker"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Newswire:
    """Everything one worker is made of."""

    settings: Settings
    app: faust.App
    topics: Topics
    table: Any
    agents: Agents
    metrics: Metrics
    gate: CommitGate  # tests commit through it (agents hold story requests until a commit)


def build(settings: Settings, metrics: Metrics | None = None) -> Newswire:
    """Wire a worker for ``settings`` without starting anything."""
    metrics = metrics or Metrics.create(
        versions={"faust": faust.__version__, "aiokafka": aiokafka.__version__}
    )
    # Models and word lists load now, not on the first article.
    load_model()
    load_enrichment()
    gate = CommitGate()
    app = create_app(settings, gate)
    topics = Topics.declare(app, settings)
    table = dedupe_table(app, settings)
    stories = story_table(app, settings)
    agents = register_agents(app, topics, table, metrics, settings, gate=gate, stories=stories)
    # Read at scrape time: table sizes and lag on this worker, no bookkeeping per event.
    metrics.dedupe_table_entries.set_function(lambda: float(len(table.data)))
    metrics.story_table_entries.set_function(lambda: float(len(stories.data)))  # this worker's
    metrics.ready.set_function(lambda: 1.0 if readiness(app)["ready"] else 0.0)
    metrics.commit_pause_seconds.set_function(lambda: gate.last_pause)
    sources = {settings.topic_raw, settings.topic_parsed, settings.topic_stories}
    metrics.registry.register(LagCollector(lambda: _lag(app, sources)))
    # Faust's own sensors (events, commits, sends, rebalances...) on the same registry and
    # page, prefixed faust_: one scrape gives both.
    setup_prometheus_sensors(
        app, pattern="/metrics", registry=metrics.registry, name_prefix="faust"
    )

    async def count_rebalance(sender: Any, *args: Any, signal: Any, **kwargs: Any) -> None:
        metrics.rebalances.inc()

    # mode's Signal type wants a positional-only sender; the call is the same.
    app.on_partitions_assigned.connect(count_rebalance)  # type: ignore[arg-type]

    page = resources.files("streams.runtime").joinpath("web/status.html").read_bytes()

    @app.page("/status")
    async def status_page(web: Any, request: Any) -> Any:
        # A self-contained page with live charts from this worker's /metrics (no CDN).
        return web.bytes(page, content_type="text/html")

    @app.page("/healthz")
    async def healthz(web: Any, request: Any) -> Any:
        return web.json({"status": "alive"})

    @app.page("/readyz")
    async def readyz(web: Any, request: Any) -> Any:
        state = readiness(app)
        return web.json(state, status=200 if state["ready"] else 503)

    return Newswire(settings, app, topics, table, agents, metrics, gate)


def readiness(app: faust.App) -> dict[str, Any]:
    """Ready once partitions are assigned, no rebalance runs and table recovery finished."""
    assigned = sorted(f"{tp.topic}[{tp.partition}]" for tp in app.consumer.assignment())
    recovered = recovery_completed(app)
    rebalancing = bool(getattr(app, "rebalancing", False))
    # Stream partitions Faust holds back (table recovery pauses them): one that stays paused
    # after recovery is stalled, whatever its lag says. Changelogs stay paused by design.
    changelogs = set(app.tables.changelog_topics)
    paused = sorted(
        f"{tp.topic}[{tp.partition}]" for tp in paused_partitions(app) if tp.topic not in changelogs
    )
    return {
        "ready": bool(assigned) and recovered and not rebalancing,
        "assigned": assigned,
        "paused": paused,
        "recovery_completed": recovered,
        "rebalancing": rebalancing,
    }


def _lag(app: faust.App, topics: set[str]) -> list[tuple[str, int, int]]:
    consumer = app.consumer
    read = read_offsets(app)
    rows = []
    for tp in consumer.assignment():
        if tp.topic not in topics:
            continue
        end = consumer.highwater(tp)
        if end is None:
            continue
        position = read.get(tp)
        rows.append(
            (tp.topic, tp.partition, max(0, end - (position + 1 if position is not None else 0)))
        )
    return rows


def run_worker(settings: Settings) -> None:
    """Create missing topics, then run a Faust worker until it is stopped (blocks)."""
    states = asyncio.run(ensure_topics(settings))
    for name, state in sorted(states.items()):
        logger.info("topic %s: %s", name, state)
    logger.info(processes_note(settings.processes, cores()))
    (settings.state_dir / "worker").mkdir(parents=True, exist_ok=True)
    # asyncio.run closed its loop; Faust's worker takes the current one, so give it a fresh one.
    asyncio.set_event_loop(asyncio.new_event_loop())
    newswire = build(settings)
    worker = QuietWorker(newswire.app, loglevel=settings.log_level.upper(), quiet=True)
    worker.execute_from_commandline()
