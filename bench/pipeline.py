"""Throughput and latency of Newswire on the local Kafka, beside a plain aiokafka passthrough.

Run with `make bench` (starts the local Kafka) or `python bench/pipeline.py --help`.
Prints figures; it is not a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import logging
import os
import platform
import statistics
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from streams.config.settings import Settings
from streams.core import jsonio
from streams.core.batches import RequestBatches
from streams.core.dedupe import DictSeenStore
from streams.core.enrich import load as load_enrichment
from streams.core.events import IngestMeta
from streams.core.language import load_model
from streams.core.pipeline import Parsed, article_key, dedupe_stage, parse_stage, process
from streams.core.records import StoryRequest
from streams.core.stories import BandIndex
from streams.devtools.localkafka import LocalKafka, LocalKafkaError
from streams.devtools.synthetic import synthetic_article
from streams.runtime.admin import ensure_topics, wait_for_leaders
from streams.runtime.agents import STORY_KEY
from streams.runtime.clients import end_offsets, tail_topic, topic_partitions

MIB = 1024 * 1024


async def create_topic(bootstrap: str, name: str, partitions: int) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name, partitions, 1)])
        # Producing before the partitions have leaders only fills the output with retries.
        await wait_for_leaders(admin, [name])
    finally:
        await admin.close()


async def delete_run_topics(bootstrap: str, prefixes: tuple[str, ...]) -> None:
    """Delete the topics a benchmark run made (its names start with one of ``prefixes``)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        # Quix names its internal topics repartition__GROUP--... and changelog__GROUP--...
        names = [n for n in await admin.list_topics() if any(p in n for p in prefixes)]
        if names:
            await admin.delete_topics(names)
    finally:
        await admin.close()


async def produce(
    bootstrap: str, topic: str, values: list[bytes], keys: list[bytes | None] | None = None
) -> float:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, acks="all", linger_ms=5, max_batch_size=256 * 1024
    )
    await producer.start()
    started = time.perf_counter()
    keys = keys or [None] * len(values)
    try:
        futures = [await producer.send(topic, v, key=k) for k, v in zip(keys, values, strict=True)]
        await asyncio.gather(*futures)
    finally:
        await producer.stop()
    return time.perf_counter() - started


async def passthrough(bootstrap: str, source: str, sink: str, n: int) -> float:
    """Consume ``n`` records and produce each to ``sink``; returns records per second."""
    consumer = AIOKafkaConsumer(
        source, bootstrap_servers=bootstrap, group_id=f"bench-pass-{uuid.uuid4().hex[:8]}",
        auto_offset_reset="earliest", enable_auto_commit=False, max_partition_fetch_bytes=4 * MIB,
    )  # fmt: skip
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await consumer.start()
    await producer.start()
    seen = 0
    started: float | None = None
    try:
        while seen < n:
            batch = await consumer.getmany(timeout_ms=1000, max_records=2000)
            if started is None and batch:
                started = time.perf_counter()
            futures = []
            for records in batch.values():
                for r in records:
                    futures.append(await producer.send(sink, r.value, key=r.key))
            await asyncio.gather(*futures)
            seen += len(futures)
            if batch:
                await consumer.commit()
        assert started is not None
        return n / (time.perf_counter() - started)
    finally:
        await consumer.stop()
        await producer.stop()


def start_worker(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "streams", "worker"], env=env, stdin=subprocess.DEVNULL,
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip


class CpuUse:
    """CPU seconds spent by the worker's own process, its parsing children and the local
    broker between :meth:`start` and :meth:`stop`: where a run's CPU went."""

    def __init__(self, worker_pid: int, broker_pid: int | None) -> None:
        self.worker = psutil.Process(worker_pid)
        self.broker = psutil.Process(broker_pid) if broker_pid else None
        self.started: dict[str, float] = {}
        self.spent: dict[str, float] = {}

    def _now(self) -> dict[str, float]:
        def cpu(proc: psutil.Process) -> float:
            try:
                times = proc.cpu_times()
            except psutil.NoSuchProcess:
                return 0.0
            return float(times.user + times.system)

        children = self.worker.children(recursive=True)
        return {
            "worker": cpu(self.worker),
            "pool": sum(cpu(child) for child in children),
            "broker": cpu(self.broker) if self.broker else 0.0,
            "wall": time.perf_counter(),
        }

    def start(self) -> None:
        self.started = self._now()

    def stop(self) -> None:
        now = self._now()
        self.spent = {k: now[k] - self.started.get(k, now[k]) for k in now}

    def report(self, articles: int) -> str:
        per = {k: 1000 * v / articles for k, v in self.spent.items() if k != "wall"}
        wall = self.spent["wall"]
        busy = ", ".join(f"{k} {self.spent[k] / wall:.0%}" for k in ("worker", "pool", "broker"))
        return (f"CPU per article: worker's own process {per['worker']:.1f} ms, parsing "
                f"children {per['pool']:.1f} ms, broker {per['broker']:.1f} ms "
                f"(busy: {busy} of a core)")  # fmt: skip


def broker_pid() -> int | None:
    """The local broker's pid, when the benchmark runs against ``newswire kafka start``'s."""
    try:
        return LocalKafka(Settings.from_env().state_dir).status().pid
    except (LocalKafkaError, OSError, ValueError):  # no broker figure; the rest stands
        return None


async def collect(  # noqa: PLR0917  # one collection's parameters
    bootstrap: str,
    topic: str,
    n: int,
    wait: float,
    rss: list[int],
    pid: int,
    cpu: CpuUse | None = None,
) -> list[Any]:
    """Read ``n`` records (or stop after ``wait`` s idle), sampling the worker's RSS; ``cpu``
    is timed from the first record to the last."""
    proc = psutil.Process(pid)
    out = []
    last_sample = 0.0
    async for r in tail_topic(
        bootstrap, topic, from_beginning=True,
        max_records=n, idle_timeout=wait,
    ):  # fmt: skip
        if cpu is not None and not out:
            cpu.start()
        out.append(r)
        now = time.monotonic()
        if now - last_sample > 0.2:
            rss.append(proc.memory_info().rss)
            last_sample = now
    if cpu is not None and out:
        cpu.stop()
    return out


async def paced_latencies(
    bootstrap: str,
    settings: Settings,
    values: list[bytes],
    pace: int,
    first_id: int,
    *,
    keyed: bool = False,
) -> list[float]:
    """Produce ``values`` at ``pace`` a second (``keyed`` by article key, as the backlog
    was) while a subscriber reads the enriched topic (read committed, as subscribers do); per
    event, the milliseconds from its raw record's timestamp to the moment the subscriber read
    it."""
    start = await end_offsets(bootstrap, settings.topic_enriched)
    # Before the clock starts: finding a key parses the article.
    keys: list[bytes | None] = [
        k.encode() if keyed and (k := article_key(v, max_bytes=MIB * 2)) else None for v in values
    ]
    latencies: list[float] = []

    async def subscribe() -> None:
        async for r in tail_topic(
            bootstrap, settings.topic_enriched, from_beginning=False,
            max_records=len(values), idle_timeout=60.0, start_offsets=start,
        ):  # fmt: skip
            read_ms = time.time() * 1000
            event = jsonio.loads(r.value)
            if int(event["news_id"]) < first_id:
                continue  # not one of this phase's articles
            ingest_ms = datetime.fromisoformat(event["ingest"]["timestamp"]).timestamp() * 1000
            latencies.append(read_ms - ingest_ms)

    subscriber = asyncio.create_task(subscribe())
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        step = 1 / pace
        t0 = time.perf_counter()
        for i, (v, key) in enumerate(zip(values, keys, strict=True)):
            delay = t0 + i * step - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            await producer.send(settings.topic_raw, v, key=key)
        await producer.flush()
    finally:
        await producer.stop()
    await subscriber
    if len(latencies) < len(values):
        print(f"    only {len(latencies)} of the {len(values)} paced events arrived")
        raise SystemExit(1)
    return latencies


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=10_000, help="distinct articles [10000]")
    parser.add_argument("--size", type=int, default=3000, help="bytes per article [3000]")
    parser.add_argument("--partitions", type=int, default=6)
    parser.add_argument("--repeat", type=int, default=3,
                        help="repetitions; medians are reported [3]")  # fmt: skip
    parser.add_argument("--latency-rate", type=int, default=0,
                        help="messages/s for the latency phase [0: half the measured "
                             "end-to-end rate]")  # fmt: skip
    parser.add_argument("--latency-seconds", type=int, default=10)
    parser.add_argument("--scale-out", action="store_true",
                        help="also run (b) with two workers in one group")  # fmt: skip
    parser.add_argument("--story-hop", action="store_true",
                        help="also time the story hop alone: story requests written to its "
                             "topic, one worker")  # fmt: skip
    parser.add_argument("--story-hop-only", action="store_true",
                        help="time only the story hop alone, --repeat times")  # fmt: skip
    parser.add_argument("--compare", action="store_true",
                        help="also run a plain Faust app doing the same parse + dedupe "
                             "(bench/naive_faust.py)")  # fmt: skip
    args = parser.parse_args()
    # A fresh topic's first produce requests meet "not leader" and are retried: aiokafka warns
    # about each retry, which buries the figures. Errors still show.
    logging.getLogger("aiokafka").setLevel(logging.ERROR)

    run = uuid.uuid4().hex[:8]
    base = Settings.from_env()
    bootstrap = base.kafka_bootstrap
    workdir = base.state_dir / "bench" / run
    workdir.mkdir(parents=True, exist_ok=True)
    values = [synthetic_article(1_000_000 + i, target_bytes=args.size) for i in range(args.n)]
    mean_size = statistics.mean(len(v) for v in values)
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; broker {bootstrap}")  # fmt: skip
    print(f"input: {args.n} distinct articles, mean {mean_size:.0f} bytes, "
          f"{args.partitions} partitions; {args.repeat} repetitions")  # fmt: skip

    try:
        if args.story_hop_only:
            measure_story_hop(args, run, bootstrap, workdir, values)
        else:
            measure(args, run, bootstrap, workdir, values)
    finally:
        # Every partition keeps files open on the broker; a run's topics are not needed after it.
        asyncio.run(
            delete_run_topics(
                bootstrap, (f"bench-{run}", f"bench-naive-{run}", f"bench-quix-{run}")
            )
        )


def measure_story_hop(
    args: argparse.Namespace, run: str, bootstrap: str, workdir: Path, values: list[bytes]
) -> None:
    """(s) alone, ``--repeat`` times, and the median."""
    requests = story_requests(values)
    rates = []
    for rep in range(args.repeat):
        rates.append(run_story_hop(args, f"{run}-{rep}-s", bootstrap, workdir, requests))
        print(f"  run {rep + 1}: story hop alone {rates[-1]:,.0f} articles/s")
    print(f"(s) the story hop alone: {statistics.median(rates):,.0f} articles/s (median)")


def measure(
    args: argparse.Namespace, run: str, bootstrap: str, workdir: Path, values: list[bytes]
) -> None:
    """The repetitions, then the medians and ratios."""
    rates: dict[str, list[float]] = {
        "a": [], "b0": [], "b": [], "b1": [], "bk": [], "core": [], "naive": [], "quix": [],
        "b2": [], "hop": [],
    }  # fmt: skip
    requests: list[bytes] = []
    processes = Settings.from_env().processes
    for rep in range(args.repeat):
        rates["core"].append(core_rate(values))
        tag = f"{run}-{rep}"
        # (a) plain aiokafka passthrough
        src, dst = f"bench-{tag}.pass-in", f"bench-{tag}.pass-out"
        asyncio.run(create_topic(bootstrap, src, args.partitions))
        asyncio.run(create_topic(bootstrap, dst, args.partitions))
        asyncio.run(produce(bootstrap, src, values))
        rates["a"].append(asyncio.run(passthrough(bootstrap, src, dst, args.n)))
        # (b) Newswire end to end, from a backlog: first without enrichment, then everything.
        rates["b0"].append(run_newswire(args, tag + "-p", bootstrap, workdir, values, False))
        last = rep == args.repeat - 1
        rates["b"].append(run_newswire(args, tag, bootstrap, workdir, values, True, last))
        rates["bk"].append(
            run_newswire(args, tag + "-k", bootstrap, workdir, values, True, last, keyed=True)
        )
        if processes > 1:
            rates["b1"].append(
                run_newswire(args, tag + "-1p", bootstrap, workdir, values, True, processes=1)
            )
        if args.compare:
            rates["naive"].append(run_naive(args, tag, bootstrap, workdir, values))
            quix = run_quix(args, tag, bootstrap, workdir, values)
            if quix is not None:
                rates["quix"].append(quix)
        if args.story_hop:
            if not requests:
                requests.extend(story_requests(values))
            rates["hop"].append(run_story_hop(args, tag + "-s", bootstrap, workdir, requests))
        if args.scale_out:
            rates["b2"].append(
                run_newswire(args, tag + "-x2", bootstrap, workdir, values, True, workers=2)
            )
        print(f"  run {rep + 1}: (a) {rates['a'][-1]:,.0f} msg/s, (b0) {rates['b0'][-1]:,.0f}, "
              f"(b) {rates['b'][-1]:,.0f}, keyed {rates['bk'][-1]:,.0f}, "
              + (f"one process {rates['b1'][-1]:,.0f}, " if rates["b1"] else "")
              + f"core {rates['core'][-1]:,.0f}"
              + (f", naive Faust {rates['naive'][-1]:,.0f}" if args.compare else "")
              + (f", Quix Streams {rates['quix'][-1]:,.0f}" if rates["quix"] else "")
              + (f", two workers {rates['b2'][-1]:,.0f}" if args.scale_out else "")
              + (f", story hop alone {rates['hop'][-1]:,.0f}" if args.story_hop else "")
              + " articles/s")  # fmt: skip

    med = {k: statistics.median(v) for k, v in rates.items() if v}
    print(f"(a) aiokafka passthrough: {med['a']:,.0f} msg/s (median)")
    print(f"(b0) Newswire without enrichment (NEWSWIRE_ENRICH=false): {med['b0']:,.0f} "
          "articles/s")  # fmt: skip
    print(f"(b) Newswire, everything, NEWSWIRE_PROCESSES={processes}: {med['b']:,.0f} "
          "articles/s")  # fmt: skip
    if "b1" in med:
        print(
            f"(b1) the same in one process (NEWSWIRE_PROCESSES=1): {med['b1']:,.0f} "
            f"articles/s; (b)/(b1) {med['b'] / med['b1']:.2f} (target 1.3 on 2 cores)"
        )
    print(f"(bk) the same, input keyed by article key (no re-key hop): {med['bk']:,.0f} "
          "articles/s")  # fmt: skip
    print(f"(core) the pure core in one process (parse, enrich, dedupe, story): "
          f"{med['core']:,.0f} articles/s; (b)/(core) {med['b'] / med['core']:.2f}, "
          f"(bk)/(core) {med['bk'] / med['core']:.2f} (target 0.8)")  # fmt: skip
    print(f"    ratio (b)/(a): {med['b'] / med['a']:.1%} (target 25%); enrichment keeps "
          f"{med['b'] / med['b0']:.0%} of the throughput without it (b)/(b0)")  # fmt: skip
    if args.story_hop:
        print(f"(s) the story hop alone (one partition, one key, the group's ceiling): "
              f"{med['hop']:,.0f} articles/s; (s)/(b) {med['hop'] / med['b']:.1f}x one "
              "worker's rate (target 20x)")  # fmt: skip
    if args.scale_out:
        print(f"(d) two Newswire workers in one group: {med['b2']:,.0f} articles/s, "
              f"{med['b2'] / med['b']:.2f}x one worker (target 1.6x)")  # fmt: skip
    if args.compare:
        print(f"(c) plain Faust, one agent, await send per event, same parse + enrich + dedupe: "
              f"{med['naive']:,.0f} articles/s; (b)/(c) {med['b'] / med['naive']:.2f}, "
              f"(bk)/(c) {med['bk'] / med['naive']:.2f}")  # fmt: skip
    if "quix" in med:
        print(f"(q) Quix Streams, exactly-once, group_by re-key, dedupe in its state store, "
              f"same core work: {med['quix']:,.0f} articles/s; (b)/(q) "
              f"{med['b'] / med['quix']:.2f}, (bk)/(q) {med['bk'] / med['quix']:.2f}")  # fmt: skip


def core_rate(values: list[bytes]) -> float:
    """Articles per second of ``newswire process``'s work on one core, start-up excluded."""
    load_enrichment()
    load_model()
    store, stories = DictSeenStore(), BandIndex()
    now = datetime.now(UTC)
    started = time.perf_counter()
    for offset, raw in enumerate(values):
        process(raw, store=store, stories=stories, ingest=IngestMeta("t", 0, offset), now=now)
    return len(values) / (time.perf_counter() - started)


def _collect_rate(  # noqa: PLR0917  # one collection's parameters
    topic: str,
    n: int,
    bootstrap: str,
    rss: list[int],
    pid: int,
    log: Path,
    cpu: CpuUse | None = None,
) -> list[Any]:
    records = asyncio.run(collect(bootstrap, topic, n, 60.0, rss, pid, cpu))
    if len(records) < n:
        print(f"    only {len(records)} of {n} events arrived; see {log}")
        raise SystemExit(1)
    return records


def _rate(records: list[Any], started_ms: int | None = None) -> float:
    """Records per second from ``started_ms`` (else the first record) to the last record."""
    stamps = sorted(r.timestamp_ms for r in records)
    first = stamps[0] if started_ms is None else min(started_ms, stamps[0])
    return float((len(stamps) - 1) / max((stamps[-1] - first) / 1000, 1e-9))


async def first_output_ms(bootstrap: str, topics: list[str]) -> int | None:
    """The timestamp of the earliest record on ``topics``: when a worker first sent anything.

    A backlog's rate runs from there, not from the first enriched event: the first hop may
    work for seconds before the last hop's first output (Faust hands a fetch's records to
    the streams in order, so a deep ingest backlog can hold back the re-keyed ones), and that
    work would otherwise count as free.
    """
    tps = [TopicPartition(t, p) for t in topics for p in await topic_partitions(bootstrap, t)]
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap, enable_auto_commit=False, group_id=None,
        max_partition_fetch_bytes=64 * 1024,
    )  # fmt: skip
    await consumer.start()
    try:
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        firsts: dict[TopicPartition, int] = {}
        for _ in range(20):  # a few fetches give every non-empty partition's first record
            got = await consumer.getmany(timeout_ms=1000)
            if not got:
                break
            for tp, records in got.items():
                firsts.setdefault(tp, records[0].timestamp)
                consumer.pause(tp)
            if len(firsts) == len(tps):
                break
        return min(firsts.values()) if firsts else None
    finally:
        await consumer.stop()


def run_naive(
    args: argparse.Namespace, run: str, bootstrap: str, workdir: Path, values: list[bytes]
) -> float:
    """Backlog throughput of the plain Faust peer (bench/naive_faust.py)."""
    env = dict(os.environ)
    env.update({
        "NAIVE_BROKER": bootstrap,
        "NAIVE_APP_ID": f"bench-naive-{run}",
        "NAIVE_SOURCE": f"bench-naive-{run}.in",
        "NAIVE_SINK": f"bench-naive-{run}.out",
        "NAIVE_PARTITIONS": str(args.partitions),
    })  # fmt: skip
    asyncio.run(create_topic(bootstrap, env["NAIVE_SOURCE"], args.partitions))
    asyncio.run(create_topic(bootstrap, env["NAIVE_SINK"], args.partitions))
    asyncio.run(produce(bootstrap, env["NAIVE_SOURCE"], values))
    folder = workdir / f"naive-{run}"
    folder.mkdir(parents=True, exist_ok=True)
    log = folder / "worker.log"
    script = Path(__file__).with_name("naive_faust.py")
    worker = subprocess.Popen(
        [sys.executable, str(script), "worker", "--loglevel", "warn",
         "--without-web"], env=env, cwd=folder, stdin=subprocess.DEVNULL,
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        records = _collect_rate(env["NAIVE_SINK"], len(values), bootstrap, [], worker.pid, log)
        return _rate(records)
    finally:
        stop_worker(worker)


def run_quix(
    args: argparse.Namespace, run: str, bootstrap: str, workdir: Path, values: list[bytes]
) -> float | None:
    """Backlog throughput of the Quix Streams peer (bench/quix_app.py), if it is installed."""
    if importlib.util.find_spec("quixstreams") is None:
        return None
    env = dict(os.environ)
    folder = workdir / f"quix-{run}"
    folder.mkdir(parents=True, exist_ok=True)
    env.update({
        "QUIX_BROKER": bootstrap,
        "QUIX_GROUP": f"bench-quix-{run}",
        "QUIX_SOURCE": f"bench-quix-{run}.in",
        "QUIX_SINK": f"bench-quix-{run}.out",
        "QUIX_STATE_DIR": str(folder / "state"),
    })  # fmt: skip
    asyncio.run(create_topic(bootstrap, env["QUIX_SOURCE"], args.partitions))
    asyncio.run(create_topic(bootstrap, env["QUIX_SINK"], args.partitions))
    asyncio.run(produce(bootstrap, env["QUIX_SOURCE"], values))
    log = folder / "worker.log"
    worker = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("quix_app.py"))], env=env, cwd=folder,
        stdin=subprocess.DEVNULL, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        records = _collect_rate(env["QUIX_SINK"], len(values), bootstrap, [], worker.pid, log)
        first = min(int(jsonio.loads(r.value)["_parsed_ms"]) for r in records)
        last = max(int(r.timestamp_ms) for r in records)
        return (len(records) - 1) / max((last - first) / 1000, 1e-9)
    finally:
        stop_worker(worker)


def stop_worker(worker: subprocess.Popen[bytes]) -> None:
    worker.terminate()
    try:
        worker.wait(30)
    except subprocess.TimeoutExpired:
        worker.kill()
        worker.wait(10)


def run_newswire(  # noqa: PLR0917  # one benchmark run's parameters
    args: argparse.Namespace,
    run: str,
    bootstrap: str,
    workdir: Path,
    values: list[bytes],
    enrich: bool,
    latency: bool = False,
    workers: int = 1,
    keyed: bool = False,
    processes: int | None = None,
) -> float:
    """Backlog throughput of ``workers`` workers in one group; with ``latency`` (one worker),
    also latency and peak RSS."""
    env = _worker_env(args, run, bootstrap, workdir, enrich)
    if processes is not None:
        env["NEWSWIRE_PROCESSES"] = str(processes)
    settings = Settings.from_env(env)
    asyncio.run(ensure_topics(settings))
    keys = [k.encode() if (k := article_key(v, max_bytes=MIB * 2)) else None for v in values]
    asyncio.run(produce(bootstrap, settings.topic_raw, values, keys if keyed else None))
    internal = (settings.topic_parsed, settings.topic_stories)
    return _run_workers(
        args, env, settings, workdir / run, len(values), latency, workers, internal, keyed
    )


def _worker_env(
    args: argparse.Namespace, run: str, bootstrap: str, workdir: Path, enrich: bool
) -> dict[str, str]:
    # The caller's NEWSWIRE_* tuning (commit interval, store...) applies; names are the run's.
    env = dict(os.environ)
    env.update({
        "NEWSWIRE_KAFKA_BOOTSTRAP": bootstrap,
        "NEWSWIRE_APP_ID": f"bench-{run}",
        "NEWSWIRE_TOPIC_RAW": f"bench-{run}.raw",
        "NEWSWIRE_TOPIC_ENRICHED": f"bench-{run}.enriched",
        "NEWSWIRE_TOPIC_DUPLICATES": f"bench-{run}.duplicates",
        "NEWSWIRE_TOPIC_DLQ": f"bench-{run}.dlq",
        "NEWSWIRE_PARTITIONS": str(args.partitions),
        "NEWSWIRE_STATE_DIR": str(workdir / run),
        "NEWSWIRE_LOG_LEVEL": "warning",
        "NEWSWIRE_WEB_PORT": "16066",
        "NEWSWIRE_ENRICH": "true" if enrich else "false",
    })  # fmt: skip
    return env


def story_requests(values: list[bytes]) -> list[bytes]:
    """What the dedupe agent sends the story agent for each of ``values`` (parsed offline)."""
    store, now = DictSeenStore(), datetime.now(UTC)
    out = []
    for offset, raw in enumerate(values):
        parsed = parse_stage(raw, ingest=IngestMeta("bench", 0, offset), now=now, max_bytes=MIB * 2)
        assert isinstance(parsed, Parsed)
        request = dedupe_stage(parsed.draft, store=store, now=now, horizon=None)
        assert isinstance(request, StoryRequest)
        out.append(request.to_json())
    return out


def run_story_hop(
    args: argparse.Namespace, run: str, bootstrap: str, workdir: Path, requests: list[bytes]
) -> float:
    """Backlog throughput of the story hop alone: story requests written straight to the
    internal topic under its one key, in batches, one worker, everything else idle."""
    env = _worker_env(args, run, bootstrap, workdir, True)
    settings = Settings.from_env(env)
    asyncio.run(ensure_topics(settings))
    # In batches, as one dedupe partition's agent sends them.
    batches: RequestBatches[int, None] = RequestBatches()
    records = [ready for r in requests if (ready := batches.add(0, r, None)) is not None]
    records += [batch for _, _, batch in batches.held()]
    keys: list[bytes | None] = [STORY_KEY] * len(records)
    asyncio.run(produce(bootstrap, settings.topic_stories, records, keys))
    return _run_workers(args, env, settings, workdir / run, len(requests), False, 1)


def _run_workers(  # noqa: PLR0917  # one benchmark run's parameters
    args: argparse.Namespace,
    env: dict[str, str],
    settings: Settings,
    folder: Path,
    expected: int,
    latency: bool,
    workers: int,
    internal_topics: tuple[str, ...] = (),
    keyed: bool = False,
) -> float:
    """Start the workers on a produced backlog and time its ``expected`` enriched events,
    from the workers' first record on ``internal_topics`` (else their first event)."""
    bootstrap = settings.kafka_bootstrap
    folder.mkdir(parents=True, exist_ok=True)
    worker = start_worker(env, folder / "worker.log")
    # More workers in the same group: each its own web port and state folder.
    others = [
        start_worker(
            {
                **env,
                "NEWSWIRE_WEB_PORT": str(16066 + i),
                "NEWSWIRE_STATE_DIR": str(folder / f"w{i}"),
            },
            folder / f"worker-{i}.log",
        )
        for i in range(1, workers)
    ]
    rss: list[int] = []
    log = folder / "worker.log"
    cpu = CpuUse(worker.pid, broker_pid()) if latency else None
    try:
        records = _collect_rate(
            settings.topic_enriched, expected, bootstrap, rss, worker.pid, log, cpu
        )
        started = (
            asyncio.run(first_output_ms(bootstrap, list(internal_topics)))
            if internal_topics else None
        )  # fmt: skip
        rate = _rate(records, started)
        if cpu is not None:
            print(f"    {cpu.report(len(records))}")
        if not latency:
            return rate

        # Latency at a steady, moderate rate, once the backlog is done.
        first_id = 2_000_000
        pace = args.latency_rate or max(1, round(rate / 2))
        extra = [synthetic_article(first_id + i, target_bytes=args.size)
                 for i in range(pace * args.latency_seconds)]  # fmt: skip

        latencies = asyncio.run(
            paced_latencies(bootstrap, settings, extra, pace, first_id, keyed=keyed)
        )
        print(f"    latency at {pace} msg/s over {len(latencies)} events: "
              f"p50 {percentile(latencies, 0.5):.0f} ms, p99 {percentile(latencies, 0.99):.0f} ms "
              "(raw record timestamp to the event read by a subscriber)")  # fmt: skip
        print(f"    worker peak RSS: {max(rss) / MIB:.0f} MiB")
        return rate
    finally:
        for w in (worker, *others):
            stop_worker(w)


if __name__ == "__main__":
    main()
