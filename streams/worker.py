"""Assembling a worker: app, topics, table, agents, metrics page; and running it."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

import faust
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from .admin import ensure_topics
from .agents import Agents, register_agents
from .app import create_app
from .enrich import load as load_enrichment
from .language import load_model
from .metrics import Metrics
from .settings import Settings
from .tables import dedupe_table, story_table
from .topics import Topics
from .transactions import CommitGate

__all__ = ["Newswire", "build", "run_worker"]

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


def build(settings: Settings, metrics: Metrics | None = None) -> Newswire:
    """Wire a worker for ``settings`` without starting anything."""
    metrics = metrics or Metrics.create()
    # Models and word lists load now, not on the first article.
    load_model()
    load_enrichment()
    gate = CommitGate()
    app = create_app(settings, gate)
    topics = Topics.declare(app, settings)
    table = dedupe_table(app, settings)
    stories = story_table(app, settings)
    agents = register_agents(app, topics, table, metrics, settings, gate=gate, stories=stories)
    # Read at scrape time: the table's size on this worker, no bookkeeping per event.
    metrics.dedupe_table_entries.set_function(lambda: float(len(table.data)))

    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        return web.bytes(
            generate_latest(metrics.registry), headers={"Content-Type": CONTENT_TYPE_LATEST}
        )

    return Newswire(settings, app, topics, table, agents, metrics)


def run_worker(settings: Settings) -> None:
    """Create missing topics, then run a Faust worker until it is stopped (blocks)."""
    states = asyncio.run(ensure_topics(settings))
    for name, state in sorted(states.items()):
        logger.info("topic %s: %s", name, state)
    (settings.state_dir / "worker").mkdir(parents=True, exist_ok=True)
    # asyncio.run closed its loop; Faust's worker takes the current one, so give it a fresh one.
    asyncio.set_event_loop(asyncio.new_event_loop())
    newswire = build(settings)
    worker = faust.Worker(newswire.app, loglevel=settings.log_level.upper(), quiet=True)
    worker.execute_from_commandline()
