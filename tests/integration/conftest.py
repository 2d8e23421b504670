"""Integration fixtures: the real local Kafka, unique topics per test, worker processes."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from streams.config.settings import Settings
from streams.core import jsonio
from streams.devtools.processes import stop_process
from streams.runtime.admin import broker_answers, delete_deployment_topics, ensure_topics
from streams.runtime.clients import end_offsets, produce_inputs, tail_topic
from tests.conftest import CALL_FAILED

BOOTSTRAP = os.environ.get("NEWSWIRE_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
OUTPUT_KEYS = ("enriched", "duplicates", "dlq")


@pytest.fixture(scope="session")
def kafka_bootstrap() -> str:
    """The broker's address; skips (fails on CI) when no broker answers."""
    if not asyncio.run(broker_answers(BOOTSTRAP, wait=5.0)):
        message = (
            f"no Kafka broker answers at {BOOTSTRAP}: start one with `newswire kafka start` "
            "(make test does it for you)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return BOOTSTRAP


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


#: How long a test waits without any new outcome before it gives up: generous, because a
#: worker starting on a busy two-core machine can take a minute before its first output.
STALL_SECONDS = 120.0


@dataclass
class Deployment:
    """One isolated Newswire deployment on the shared broker: its own topics and group."""

    env: dict[str, str]
    settings: Settings
    workdir: Path
    workers: list[subprocess.Popen[bytes]] = field(default_factory=list)
    log_files: list[Any] = field(default_factory=list)

    @property
    def outputs(self) -> dict[str, str]:
        s = self.settings
        return {"enriched": s.topic_enriched, "duplicates": s.topic_duplicates, "dlq": s.topic_dlq}

    def start_worker(self, web_port: int | None = None) -> subprocess.Popen[bytes]:
        env = dict(self.env)
        if web_port is not None:
            env["NEWSWIRE_WEB_PORT"] = str(web_port)
        log = (self.workdir / f"worker-{len(self.workers)}.log").open("wb")
        self.log_files.append(log)
        proc = subprocess.Popen(
            [sys.executable, "-m", "streams", "worker"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        self.workers.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM) -> None:
        stop_process(proc, 30.0, sig)

    def produce(self, values: list[bytes], keys: list[bytes | None] | None = None) -> int:
        keys = keys or [None] * len(values)
        return asyncio.run(
            produce_inputs(
                self.settings.connection,
                self.settings.topic_raw,
                list(zip(keys, values, strict=True)),
                max_request_size=16 * 1024 * 1024,
            )
        )

    def produce_to_partitions(self, values: list[bytes]) -> None:
        """Send ``values[i]`` to ingest partition ``i``."""

        async def go() -> None:
            producer = AIOKafkaProducer(**self.settings.connection.client_kwargs())
            await producer.start()
            try:
                for partition, value in enumerate(values):
                    await producer.send_and_wait(
                        self.settings.topic_raw, value, partition=partition
                    )
            finally:
                await producer.stop()

        asyncio.run(go())

    def read_outputs(
        self, expected: int, stall: float = STALL_SECONDS
    ) -> dict[str, list[dict[str, Any]]]:
        """Read committed outputs until ``expected`` records arrived, or until none new has
        arrived for ``stall`` seconds (a busy machine is slow, a stuck worker makes no
        progress); the caller's assertions then say what is missing."""
        return asyncio.run(self._read(expected, stall))

    async def _read(self, expected: int, stall: float) -> dict[str, list[dict[str, Any]]]:
        found: dict[str, list[dict[str, Any]]] = {k: [] for k in OUTPUT_KEYS}
        seen = -1
        last_progress = time.monotonic()
        while True:
            for k in OUTPUT_KEYS:
                found[k] = [
                    jsonio.loads(r.value)
                    async for r in tail_topic(
                        self.settings.connection, self.outputs[k], from_beginning=True,
                        max_records=None, idle_timeout=0.5,
                    )
                ]  # fmt: skip
            total = sum(len(v) for v in found.values())
            if total >= expected:
                return found
            if total > seen:
                seen, last_progress = total, time.monotonic()
            elif time.monotonic() - last_progress > stall:
                logging.getLogger(__name__).warning(
                    "no new output for %.0f s: %d of %d", stall, total, expected
                )
                return found
            for proc in self.workers:
                if proc.poll() not in (None, 0, -signal.SIGKILL, -signal.SIGTERM):
                    raise AssertionError(f"worker exited with {proc.returncode}: {self.logs()}")
            await asyncio.sleep(1.0)

    def logs(self) -> str:
        return "\n".join(
            p.read_text("utf-8", "replace")[-4000:] for p in sorted(self.workdir.glob("*.log"))
        )


def new_deployment(tmp_path: Path, connection: dict[str, str], partitions: int) -> Deployment:
    """Unique topics, group and state folder on the broker ``connection`` (NEWSWIRE_KAFKA_*)
    names; the topics are created."""
    run = uuid.uuid4().hex[:10]
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(connection)
    env.update(
        {
            "NEWSWIRE_APP_ID": f"nw-test-{run}",
            "NEWSWIRE_TOPIC_RAW": f"test-{run}.raw",
            "NEWSWIRE_TOPIC_ENRICHED": f"test-{run}.enriched",
            "NEWSWIRE_TOPIC_DUPLICATES": f"test-{run}.duplicates",
            "NEWSWIRE_TOPIC_DLQ": f"test-{run}.dlq",
            "NEWSWIRE_STATE_DIR": str(tmp_path / "state"),
            "NEWSWIRE_WEB_PORT": str(free_port()),
            "NEWSWIRE_PARTITIONS": str(partitions),
        }
    )
    settings = Settings.from_env(env)
    asyncio.run(ensure_topics(settings))
    return Deployment(env=env, settings=settings, workdir=tmp_path)


@pytest.fixture
def deployment(
    kafka_bootstrap: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Deployment]:
    """Unique topics, group and state folder; stops every worker it started, by pid.

    Three partitions, or as many as a ``@pytest.mark.partitions(n)`` marker asks for.
    """
    marker = request.node.get_closest_marker("partitions")
    partitions = marker.args[0] if marker else 3
    d = new_deployment(tmp_path, {"NEWSWIRE_KAFKA_BOOTSTRAP": kafka_bootstrap}, partitions)
    try:
        yield d
    finally:
        for proc in d.workers:
            d.stop(proc, signal.SIGKILL)
        for log in d.log_files:
            log.close()
        # The broker outlives the test run: leftover topics would pile up on it run after run.
        # A failed test keeps them, with its worker logs, for the post-mortem.
        if request.node.stash.get(CALL_FAILED, False):
            logging.getLogger(__name__).warning(
                "test failed: topics of app id %s kept", d.settings.app_id
            )
        else:
            _delete_topics(d)


def _delete_topics(d: Deployment) -> None:
    try:
        asyncio.run(delete_deployment_topics(d.settings))
    except (KafkaError, OSError) as exc:
        # Not the test's failure; a broker that is down now has failed the test already.
        logging.getLogger(__name__).warning("could not delete the test's topics: %r", exc)


def wait_for(
    condition: Callable[[], bool], timeout: float, what: str, interval: float = 0.5
) -> None:
    """Poll ``condition`` until true; fail with ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return str(response.read().decode())


def committed_end_offsets(bootstrap: str, topic: str) -> dict[int, int]:
    return asyncio.run(end_offsets(bootstrap, topic))


def metric(text: str, name: str, **labels: str) -> float:
    """The value of one sample in a Prometheus text page (0 if absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    pattern = re.compile(rf"^{re.escape(name)}(?:\{{([^}}]*)\}})? (\S+)$", re.MULTILINE)
    for found_labels, value in pattern.findall(text):
        if ",".join(sorted(found_labels.split(","))) == want or (not want and not found_labels):
            return float(value)
    return 0.0
