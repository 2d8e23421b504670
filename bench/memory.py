"""Worker memory on an endless stream of new articles: RSS stays flat once retention is reached.

`python bench/memory.py [-n 500000] [--first 100000] [--retention-days 30] [--step-minutes 1]`

One `newswire worker` handles ``n`` distinct articles whose publish times are ``step`` apart,
so that the dedupe and story state fill up to the retention window and then stay there. The
articles are produced while the worker runs, at most ``--ahead`` in front of it, so the broker's
log does not grow with ``n``. Every ``--every`` articles it prints the worker's RSS and the
state's size (from the worker's own metrics); at the end, RSS at ``--first`` articles against
RSS at ``n`` (target: within 10 %).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import re
import time
import urllib.request
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psutil
from aiokafka import AIOKafkaProducer
from pipeline import MIB, start_worker, stop_worker

from streams.config.settings import Settings
from streams.devtools.synthetic import synthetic_article
from streams.runtime.admin import delete_deployment_topics, ensure_topics

PORT = 16080
CHUNK = 2_000
_METRIC = re.compile(r"^(newswire_[a-z_]+)(?:\{[^}]*\})? ([0-9.e+-]+)$", re.MULTILINE)


def scrape() -> dict[str, float]:
    """The worker's newswire_* samples, summed over labels; empty while it is not up."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return {}
    totals: dict[str, float] = {}
    for name, value in _METRIC.findall(text):
        totals[name] = totals.get(name, 0.0) + float(value)
    return totals


async def feed(topic: str, bootstrap: str, args: argparse.Namespace, done: list[int]) -> None:
    """Produce the articles, never more than ``--ahead`` in front of what the worker handled."""
    step = timedelta(minutes=args.step_minutes)
    # The newest article is an hour old: the stream clock never runs into the wall clock.
    start = datetime.now(UTC) - step * args.n - timedelta(hours=1)
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        sent = 0
        while sent < args.n:
            if sent - done[0] >= args.ahead:
                await asyncio.sleep(0.5)
                continue
            batch = range(sent, min(sent + CHUNK, args.n))
            futures = [
                await producer.send(
                    topic, synthetic_article(5_000_000 + i, published=start + i * step)
                )
                for i in batch
            ]
            await asyncio.gather(*futures)
            sent = batch.stop
    finally:
        await producer.stop()


async def watch(args: argparse.Namespace, pid: int, done: list[int]) -> dict[int, float]:
    """Sample RSS and state size until ``n`` articles are handled; RSS (MiB) per checkpoint."""
    proc = psutil.Process(pid)
    at: dict[int, float] = {}
    next_report = args.every
    started = time.monotonic()
    deadline = started + args.timeout
    while done[0] < args.n:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {done[0]} of {args.n} articles handled in {args.timeout} s")
        if proc.status() == psutil.STATUS_ZOMBIE or not proc.is_running():
            raise SystemExit("the worker exited; see its log")
        await asyncio.sleep(2)
        metrics = scrape()
        # Handled means an outcome is out: an event, a duplicate notice or a dead letter. The
        # consumed count runs ahead of it by whatever waits on the internal topics.
        done[0] = int(
            metrics.get("newswire_events_published_total", 0)
            + metrics.get("newswire_duplicates_total", 0)
            + metrics.get("newswire_dead_letters_total", 0)
        )
        if done[0] >= next_report:
            rss = proc.memory_info().rss / MIB
            at[next_report] = rss
            elapsed = time.monotonic() - started
            print(
                f"{done[0]:>8,} articles  RSS {rss:6.0f} MiB  "
                f"read {metrics.get('newswire_messages_consumed_total', 0):>8,.0f}  "
                f"dedupe entries {metrics.get('newswire_dedupe_table_entries', 0):>7,.0f}  "
                f"story entries {metrics.get('newswire_story_table_entries', 0):>7,.0f}  "
                f"{done[0] / elapsed:5.0f} articles/s",
                flush=True,
            )
            while next_report <= done[0]:
                next_report += args.every
    return at


async def run(args: argparse.Namespace, env: dict[str, str], settings: Settings) -> None:
    workdir = Path(env["NEWSWIRE_STATE_DIR"])
    worker = start_worker(env, workdir / "worker.log")
    done = [0]
    try:
        feeding = asyncio.ensure_future(
            feed(settings.topic_raw, settings.kafka_bootstrap, args, done)
        )
        at = await watch(args, worker.pid, done)
        await feeding
    finally:
        stop_worker(worker)
    first = max(k for k in at if k <= args.first)
    last = max(at)
    growth = at[last] / at[first] - 1
    print(f"RSS at {first:,} articles {at[first]:.0f} MiB, at {last:,} {at[last]:.0f} MiB: "
          f"{growth:+.1%} (target within 10 %)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=500_000, help="distinct articles [500000]")
    parser.add_argument("--first", type=int, default=100_000,
                        help="the checkpoint RSS at n is compared with [100000]")  # fmt: skip
    parser.add_argument("--every", type=int, default=25_000, help="report interval [25000]")
    parser.add_argument("--retention-days", type=float, default=30.0)
    parser.add_argument("--step-minutes", type=float, default=1.0,
                        help="publish time between consecutive articles [1]")  # fmt: skip
    parser.add_argument("--ahead", type=int, default=20_000,
                        help="most articles produced ahead of the worker [20000]")  # fmt: skip
    parser.add_argument("--timeout", type=float, default=4 * 3600, help="seconds [14400]")
    args = parser.parse_args()
    # aiokafka warns about each retried produce to a fresh topic; that buries the figures.
    logging.getLogger("aiokafka").setLevel(logging.ERROR)
    if not 0 < args.first <= args.n or args.every > args.first:
        parser.error("need 0 < --every <= --first <= -n")

    tag = uuid.uuid4().hex[:8]
    base = Settings.from_env()
    window = timedelta(days=args.retention_days) / timedelta(minutes=args.step_minutes)
    print(f"{args.n:,} new articles, publish times {args.step_minutes:g} min apart; retention "
          f"{args.retention_days:g} days holds the last {window:,.0f}")  # fmt: skip
    env = dict(os.environ)
    env.update({
        "NEWSWIRE_APP_ID": f"bench-mem-{tag}",
        "NEWSWIRE_TOPIC_RAW": f"bench-mem-{tag}.raw",
        "NEWSWIRE_TOPIC_ENRICHED": f"bench-mem-{tag}.enriched",
        "NEWSWIRE_TOPIC_DUPLICATES": f"bench-mem-{tag}.duplicates",
        "NEWSWIRE_TOPIC_DLQ": f"bench-mem-{tag}.dlq",
        "NEWSWIRE_STATE_DIR": str(base.state_dir / "bench" / f"mem-{tag}"),
        "NEWSWIRE_RETENTION_DAYS": str(args.retention_days),
        "NEWSWIRE_LOG_LEVEL": "warning",
        "NEWSWIRE_WEB_PORT": str(PORT),
    })  # fmt: skip
    settings = Settings.from_env(env)
    Path(env["NEWSWIRE_STATE_DIR"]).mkdir(parents=True, exist_ok=True)
    asyncio.run(ensure_topics(settings))
    try:
        asyncio.run(run(args, env, settings))
    finally:
        # Hundreds of MB per 100k articles: give the disk back.
        asyncio.run(delete_deployment_topics(settings))


if __name__ == "__main__":
    main()
