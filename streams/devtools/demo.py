"""``newswire demo``: local Kafka, one worker, the samples, and the outcomes as they arrive."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import click

from streams.cli.display import format_record
from streams.config.settings import Settings
from streams.devtools.localkafka import ForeignBroker, LocalKafka, LocalKafkaError
from streams.devtools.processes import stop_process
from streams.runtime.admin import ensure_topics
from streams.runtime.clients import collect_inputs, end_offsets, produce_inputs, tail_topic

__all__ = ["run_demo"]


async def _show_outcomes(
    settings: Settings,
    expected: int,
    starts: dict[str, dict[int, int]],
    wait: float,
    worker: subprocess.Popen[bytes],
) -> dict[str, int]:
    counts: dict[str, int] = {}
    queue: asyncio.Queue[tuple[str, str]] = asyncio.Queue()

    async def follow(topic: str) -> None:
        async for r in tail_topic(
            settings.connection, topic, from_beginning=False, max_records=None,
            idle_timeout=None, start_offsets=starts[topic],
        ):  # fmt: skip
            await queue.put((topic, format_record(r.topic, r.partition, r.offset, r.value)))

    tasks = [asyncio.create_task(follow(t)) for t in starts]
    try:
        deadline = time.monotonic() + wait
        while sum(counts.values()) < expected:
            if time.monotonic() > deadline or worker.poll() is not None:
                break
            for t in tasks:
                if t.done() and not t.cancelled() and t.exception() is not None:
                    raise RuntimeError(f"reading the outputs failed: {t.exception()}")
            try:
                topic, line = await asyncio.wait_for(queue.get(), 1.0)
            except TimeoutError:
                continue
            counts[topic] = counts.get(topic, 0) + 1
            click.echo(line)
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return counts


def run_demo(settings: Settings, samples: Path, *, once: bool, timeout: float) -> int:
    """Run the demo; returns the exit status."""
    host, _, port_text = settings.kafka_bootstrap.split(",")[0].rpartition(":")
    local = LocalKafka(settings.state_dir, port=int(port_text or 9092))
    started_kafka = False
    worker: subprocess.Popen[bytes] | None = None
    try:
        if host in ("127.0.0.1", "localhost"):
            click.echo(f"== Local Kafka on {settings.kafka_bootstrap}")
            try:
                started_kafka = local.start()
            except ForeignBroker as exc:
                click.echo(f"   {exc}; using it")
        asyncio.run(ensure_topics(settings))
        outputs = (settings.topic_enriched, settings.topic_duplicates, settings.topic_dlq)
        starts = {t: asyncio.run(end_offsets(settings.connection, t)) for t in outputs}

        settings.state_dir.mkdir(parents=True, exist_ok=True)
        log_path = settings.state_dir / "demo-worker.log"
        web = f"http://{settings.web_host}:{settings.web_port}"
        click.echo(f"== Worker (log: {log_path}; live charts: {web}/status; metrics: "
                   f"{web}/metrics)")  # fmt: skip
        with log_path.open("ab") as log:
            worker = subprocess.Popen(
                [sys.executable, "-m", "streams", "worker"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=os.environ,
            )  # fmt: skip
        click.echo(f"   worker pid {worker.pid}")

        inputs = list(collect_inputs([str(samples)]))
        click.echo(f"== Producing {len(inputs)} sample(s) from {samples} to {settings.topic_raw}")
        asyncio.run(
            produce_inputs(
                settings.connection, settings.topic_raw, [(None, raw) for _, raw in inputs],
                max_request_size=settings.max_request_bytes,
            )
        )  # fmt: skip
        click.echo("== Outcomes (enriched events, duplicate notices, dead letters)")
        counts = asyncio.run(_show_outcomes(settings, len(inputs), starts, timeout, worker))
        total = sum(counts.values())
        summary = ", ".join(f"{t}: {n}" for t, n in sorted(counts.items()))
        click.echo(f"== {total} of {len(inputs)} outcome(s) seen ({summary or 'none'})")
        if total < len(inputs):
            tail = log_path.read_text("utf-8", "replace").splitlines()[-25:]
            click.echo("   the end of the worker log:\n" + "\n".join(tail), err=True)
            return 1
        if once:
            return 0
        click.echo("== The worker keeps running: `newswire produce FILE` in another shell. "
                   "Ctrl-C stops the demo.")  # fmt: skip
        while worker.poll() is None:
            time.sleep(0.5)
        click.echo(f"worker exited with status {worker.returncode}", err=True)
        return 1
    except LocalKafkaError as exc:
        click.echo(f"error: {exc}", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("\n== Stopping", err=True)
        return 0
    finally:
        if worker is not None:
            stop_process(worker)
        if started_kafka:
            local.stop()
