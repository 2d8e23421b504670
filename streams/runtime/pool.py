"""Parsing and enrichment in a pool of processes, so that a worker uses every core it has.

The parse stage is pure and CPU-bound (about nine tenths of an article's cost), and one Python
process runs it on one core. With ``NEWSWIRE_PROCESSES`` of 2 or more, a worker hands each
input's bytes to a pool of that many processes and keeps everything that touches Kafka or
state (sends, acks, the dedupe table, the story index) in its own process, in input order.

The children are started with ``spawn``: a fork would copy the event loop, the Kafka clients'
threads and their sockets. Each loads the models once, ignores Ctrl-C (the worker stops them),
and exits by itself when the worker that started it is gone (a SIGKILL leaves no orphans).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from streams.core.config import PipelineConfig
from streams.core.enrich import load as load_enrichment
from streams.core.errors import InternalError
from streams.core.events import IngestMeta, dead_letter
from streams.core.language import load_model
from streams.core.pipeline import Parsed, Rejected, parse_stage

__all__ = ["InlineParser", "Job", "ParsePool", "Parser", "Timed", "load_models", "parse_timed"]

logger = logging.getLogger(__name__)

Timed = tuple[Parsed | Rejected, float]
_PARENT_CHECK_SECONDS = 1.0


def parse_timed(
    raw: bytes, ingest: IngestMeta, now: datetime, max_bytes: int, enrichment: bool
) -> Timed:
    """The parse stage and the seconds it took (in whichever process runs it)."""
    started = time.perf_counter()
    outcome = parse_stage(raw, ingest=ingest, now=now, max_bytes=max_bytes, enrichment=enrichment)
    return outcome, time.perf_counter() - started


def _child_start(parent: int) -> None:
    """Runs first in each child: no Ctrl-C of its own, gone with its parent, models loaded."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        # A SIGKILLed worker cannot stop its pool, and the pool's pipes stay open while any
        # child holds them; a child whose parent is gone has been re-parented.
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    load_models()


def load_models() -> None:
    """Load the language and entity models, and keep them out of the garbage collector.

    They are some 180,000 objects that live as long as the process, and every full collection
    walked them all (about 70 ms), a pause in the middle of whatever was parsed then.
    ``gc.freeze`` moves what exists now to the permanent generation, which collections skip.
    """
    load_model()
    load_enrichment()
    gc.freeze()


def _ready() -> int:
    return os.getpid()


@dataclass(frozen=True, slots=True)
class Job:
    """One input in the pool: its future, the pool that runs it, and what a retry needs."""

    future: Future[Timed]
    executor: ProcessPoolExecutor | None  # None: parsed in the worker's own process
    raw: bytes
    ingest: IngestMeta
    now: datetime


class Parser(Protocol):
    """Where the parse agent parses: :class:`ParsePool` or :class:`InlineParser`."""

    async def start(self) -> None: ...
    def submit(self, raw: bytes, ingest: IngestMeta, now: datetime) -> Job: ...
    async def result(self, job: Job) -> Timed: ...
    def close(self) -> None: ...


class InlineParser:
    """The parse stage in the worker's own process (``NEWSWIRE_PROCESSES=1``), behind the
    pool's interface, so that the agent parses ahead while a commit holds the routing.

    A commit closes the gate for tens of milliseconds; an agent that parsed inside the gate
    left its core idle all that time. :meth:`submit` parses at once (the agent yields to the
    event loop after each input), and the queue ahead of the gate holds what it parsed.
    """

    def __init__(self, config: PipelineConfig) -> None:
        self._config = config

    async def start(self) -> None:
        load_models()  # now, not in the first event
        logger.info("parsing in the worker's own process")

    def submit(self, raw: bytes, ingest: IngestMeta, now: datetime) -> Job:
        config = self._config
        future: Future[Timed] = Future()
        future.set_result(parse_timed(raw, ingest, now, config.max_bytes, config.enrichment))
        return Job(future, None, raw, ingest, now)

    async def result(self, job: Job) -> Timed:
        return job.future.result()

    def close(self) -> None:
        pass


class ParsePool:
    """``processes`` children that run :func:`parse_timed`; started and closed by the agent
    that uses it."""

    def __init__(self, processes: int, config: PipelineConfig) -> None:
        self.processes = processes
        self._config = config
        self._executor: ProcessPoolExecutor | None = None

    async def start(self) -> None:
        """Start the children; returns once one has loaded its models (the rest load
        meanwhile)."""
        self._executor = self._new_executor()
        loop = asyncio.get_running_loop()
        # One submission each: the pool spawns a child for every one that finds none idle.
        await asyncio.gather(
            *(loop.run_in_executor(self._executor, _ready) for _ in range(self.processes))
        )
        logger.info("parse pool: %d processes", self.processes)

    def _new_executor(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_child_start,
            initargs=(os.getpid(),),
        )

    def submit(self, raw: bytes, ingest: IngestMeta, now: datetime) -> Job:
        """Start parsing one input in a child."""
        executor = self._executor
        if executor is None:
            raise RuntimeError("the parse pool is not started")
        config = self._config
        args = (raw, ingest, now, config.max_bytes, config.enrichment)
        try:
            future = executor.submit(parse_timed, *args)
        except BrokenProcessPool:
            # Broken since the last result was read: replace it now, not one job later.
            executor = self._replace(executor)
            future = executor.submit(parse_timed, *args)
        return Job(future, executor, raw, ingest, now)

    async def result(self, job: Job) -> Timed:
        """The outcome of ``job``. A child that died (killed, out of memory) breaks the pool:
        it is replaced and the input tried once more; an input that kills a child twice goes
        to the dead-letter topic, and the worker keeps going."""
        try:
            return await asyncio.wrap_future(job.future)
        except BrokenProcessPool:
            self._replace(job.executor)
        retry = self.submit(job.raw, job.ingest, job.now)
        try:
            return await asyncio.wrap_future(retry.future)
        except BrokenProcessPool:
            self._replace(retry.executor)
            error = InternalError("a parse process died on this input, twice")
            record = dead_letter(job.raw, error, job.ingest, failed_at=job.now)
            return Rejected(error.reason, record), 0.0

    def _replace(self, broken: ProcessPoolExecutor | None) -> ProcessPoolExecutor:
        """A new pool for ``broken``; the current one if that was replaced already (the jobs
        queued behind the one that broke it)."""
        if self._executor is None:
            raise RuntimeError("the parse pool is closed")
        if broken is self._executor:
            logger.error("a parse process died; starting a new pool of %d", self.processes)
            broken.shutdown(wait=False, cancel_futures=True)
            self._executor = self._new_executor()
        return self._executor

    def close(self) -> None:
        """Stop the children; inputs not yet parsed are dropped (they are not acked)."""
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
