"""The parse pool: the same outcome as in the worker's process, a dead child replaced, an
input that kills children dead-lettered, and no children left behind by a SIGKILLed worker."""

from __future__ import annotations

import asyncio
import gc
import os
import signal
import subprocess
import sys
import textwrap
import time
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
import pytest

from streams.core.config import PipelineConfig
from streams.core.events import IngestMeta
from streams.core.pipeline import Parsed, Rejected
from streams.runtime.pool import InlineParser, ParsePool, parse_timed

pytestmark = pytest.mark.unit

CONFIG = PipelineConfig(max_bytes=2 * 1024 * 1024)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _wait_for(condition: Any, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def _pool_children(process: psutil.Process) -> list[psutil.Process]:
    # Not multiprocessing's resource tracker, which spawn starts beside the pool.
    return [c for c in process.children() if "spawn_main" in " ".join(c.cmdline())]


def _article(n: int) -> bytes:
    return (
        f"Harbour cranes arrive\n\nNEWS ID: {n}\n\nVALLETTA, March 1 - The port of Valletta "
        "took delivery of two cranes on Sunday, port director Maria Camilleri said.\n"
    ).encode()


def test_the_pool_gives_what_the_worker_process_gives_and_survives_a_dead_child() -> None:
    async def run() -> None:
        pool = ParsePool(2, CONFIG)
        await pool.start()
        try:
            inputs = [_article(n) for n in range(6)] + [b"\xff\xfe not an article"]
            jobs = [pool.submit(raw, IngestMeta("t", 0, i), NOW) for i, raw in enumerate(inputs)]
            pooled = [await pool.result(job) for job in jobs]
            for i, ((outcome, seconds), raw) in enumerate(zip(pooled, inputs, strict=True)):
                here, _ = parse_timed(raw, IngestMeta("t", 0, i), NOW, CONFIG.max_bytes, True)
                if isinstance(here, Parsed):
                    assert isinstance(outcome, Parsed)
                    assert outcome.draft == here.draft
                else:
                    assert outcome == here
                assert seconds > 0
            assert isinstance(pooled[0][0], Parsed)
            assert isinstance(pooled[-1][0], Rejected)
            # A child killed (the OOM killer, an operator): the next inputs still parse.
            children = _pool_children(psutil.Process())
            assert children
            for child in children:
                child.kill()
            _wait_for(lambda: not any(c.is_running() and c.status() != "zombie"
                                      for c in children), "the children to die")  # fmt: skip
            job = pool.submit(_article(99), IngestMeta("t", 0, 99), NOW)
            outcome, _ = await pool.result(job)
            assert isinstance(outcome, Parsed)
        finally:
            pool.close()

    asyncio.run(run())


class _Broken:
    """An executor whose every child dies at once."""

    def submit(self, *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_exception(BrokenProcessPool("a child died"))
        return future

    def shutdown(self, **kwargs: Any) -> None:
        pass


def test_an_input_that_kills_its_child_twice_is_dead_lettered() -> None:
    async def run() -> tuple[Any, float]:
        pool = ParsePool(2, CONFIG)
        pool._new_executor = _Broken  # type: ignore[method-assign,assignment]
        pool._executor = _Broken()  # type: ignore[assignment]
        return await pool.result(pool.submit(_article(1), IngestMeta("t", 3, 42), NOW))

    outcome, _ = asyncio.run(run())
    assert isinstance(outcome, Rejected)
    assert outcome.reason == "internal_error"
    assert "died" in outcome.record["message"]
    assert outcome.record["ingest"]["offset"] == 42


def test_a_sigkilled_worker_leaves_no_children(tmp_path: Path) -> None:
    script = tmp_path / "owner.py"
    script.write_text(
        textwrap.dedent("""
        import asyncio, sys, time
        import psutil
        from streams.core.config import PipelineConfig
        from streams.runtime.pool import ParsePool

        async def main():
            pool = ParsePool(2, PipelineConfig(max_bytes=1024))
            await pool.start()
            for child in psutil.Process().children():
                if "spawn_main" in " ".join(child.cmdline()):
                    print(child.pid, flush=True)
            print("ready", flush=True)
            time.sleep(600)

        if __name__ == "__main__":  # spawn imports this file again in each child
            asyncio.run(main())
    """)
    )
    owner = subprocess.Popen(
        [sys.executable, str(script)], stdout=subprocess.PIPE, text=True, cwd=Path.cwd()
    )
    pids: list[int] = []
    try:
        assert owner.stdout is not None
        for line in owner.stdout:
            if line.strip() == "ready":
                break
            pids.append(int(line))
        assert pids
        os.kill(owner.pid, signal.SIGKILL)
        owner.wait(30)

        def gone() -> bool:
            return not any(psutil.pid_exists(pid) and psutil.Process(pid).status() != "zombie"
                           for pid in pids)  # fmt: skip

        _wait_for(gone, "the children of a SIGKILLed owner to exit")
    finally:
        if owner.poll() is None:
            owner.kill()
            owner.wait(30)
        if owner.stdout is not None:
            owner.stdout.close()
        for pid in pids:
            if psutil.pid_exists(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_children_keep_their_models_out_of_the_garbage_collector() -> None:
    # A full collection would walk the models' objects (some 180,000) at every pass.
    async def frozen_in_child() -> int:
        pool = ParsePool(1, CONFIG)
        await pool.start()
        try:
            executor = pool._executor
            assert executor is not None
            return await asyncio.get_running_loop().run_in_executor(executor, gc.get_freeze_count)
        finally:
            pool.close()

    assert asyncio.run(frozen_in_child()) > 100_000


async def test_parsing_in_process_loads_and_freezes_the_models_at_start() -> None:
    before = gc.get_freeze_count()
    try:
        await InlineParser(CONFIG).start()
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
