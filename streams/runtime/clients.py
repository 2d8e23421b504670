"""Client-side helpers of the CLI: producing files to the ingest topic, tailing a topic."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from streams.config.connection import KafkaConnection
from streams.core import jsonio
from streams.core.events import utc_timestamp

__all__ = [
    "TailRecord",
    "collect_inputs",
    "end_offsets",
    "envelope_for",
    "produce_inputs",
    "read_to_end",
    "tail_topic",
    "topic_partitions",
]

_HTML_SUFFIXES = (".html", ".htm")


def collect_inputs(paths: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) for each file, each file in a folder (sorted, recursive), or stdin (-)."""
    for given in paths:
        if given == "-":
            yield "<stdin>", sys.stdin.buffer.read()
            continue
        path = Path(given)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if not any(part.startswith(".") for part in child.relative_to(path).parts):
                    yield str(child), child.read_bytes()
        elif path.is_file():
            yield str(path), path.read_bytes()
        else:
            raise FileNotFoundError(f"no such file or folder: {given}")


def envelope_for(name: str, raw: bytes, *, source: str | None, url: str | None) -> bytes:
    """Wrap a page in the JSON ingest envelope; raises UnicodeDecodeError for non-UTF-8."""
    return jsonio.dumps(
        {
            "source": source,
            "url": url,
            "fetched_at": utc_timestamp(datetime.now(UTC)),
            "content_type": "text/html" if name.lower().endswith(_HTML_SUFFIXES) else "text/plain",
            "content": raw.decode("utf-8"),
        }
    )


async def produce_inputs(
    bootstrap: KafkaConnection | str,
    topic: str,
    messages: Iterable[tuple[bytes | None, bytes]],
    *,
    max_request_size: int,
    on_sent: Callable[[], object] | None = None,
) -> int:
    """Send (key, value) pairs with an idempotent producer; returns how many were acknowledged."""
    producer = AIOKafkaProducer(
        **KafkaConnection.of(bootstrap).client_kwargs(),
        acks="all",
        enable_idempotence=True,
        max_request_size=max_request_size,
    )
    await producer.start()
    sent = 0
    try:
        futures = []
        for key, value in messages:
            futures.append(await producer.send(topic, value=value, key=key))
            if on_sent is not None:
                on_sent()
        for fut in futures:
            await fut
            sent += 1
    finally:
        await producer.stop()
    return sent


@dataclass(frozen=True, slots=True)
class TailRecord:
    """One record read by ``tail``."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes
    timestamp_ms: int


async def tail_topic(
    bootstrap: KafkaConnection | str,
    topic: str,
    *,
    from_beginning: bool,
    max_records: int | None,
    idle_timeout: float | None,
    start_offsets: dict[int, int] | None = None,
) -> AsyncIterator[TailRecord]:
    """Yield committed records of every partition of ``topic``; no consumer group is joined."""
    partitions = await topic_partitions(bootstrap, topic)
    consumer = AIOKafkaConsumer(
        **KafkaConnection.of(bootstrap).client_kwargs(),
        enable_auto_commit=False,
        isolation_level="read_committed",
        group_id=None,
    )
    await consumer.start()
    try:
        tps = [TopicPartition(topic, p) for p in partitions]
        consumer.assign(tps)
        if start_offsets is not None:
            for tp in tps:
                consumer.seek(tp, start_offsets.get(tp.partition, 0))
        elif from_beginning:
            await consumer.seek_to_beginning(*tps)
        else:
            await consumer.seek_to_end(*tps)
        seen = 0
        loop = asyncio.get_running_loop()
        last = loop.time()
        while max_records is None or seen < max_records:
            batch = await consumer.getmany(timeout_ms=500)
            if not batch:
                if idle_timeout is not None and loop.time() - last > idle_timeout:
                    return
                continue
            last = loop.time()
            for tp, records in sorted(batch.items(), key=lambda kv: kv[0].partition):
                for r in records:
                    yield TailRecord(
                        tp.topic, tp.partition, r.offset, r.key, r.value or b"", r.timestamp
                    )
                    seen += 1
                    if max_records is not None and seen >= max_records:
                        return
    finally:
        await consumer.stop()


async def read_to_end(bootstrap: KafkaConnection | str, topic: str) -> list[TailRecord]:
    """Every committed record of ``topic`` from its start to its end as of now, partition by
    partition; no consumer group is joined."""
    ends = await end_offsets(bootstrap, topic)
    todo = {p: end for p, end in ends.items() if end > 0}
    if not todo:
        return []
    consumer = AIOKafkaConsumer(
        **KafkaConnection.of(bootstrap).client_kwargs(),
        enable_auto_commit=False,
        isolation_level="read_committed",
        group_id=None,
    )
    await consumer.start()
    records: list[TailRecord] = []
    try:
        tps = [TopicPartition(topic, p) for p in sorted(todo)]
        consumer.assign(tps)
        await consumer.seek_to_beginning(*tps)
        left = set(tps)
        while left:
            batch = await consumer.getmany(*left, timeout_ms=1000)
            for tp, found in batch.items():
                for r in found:
                    if r.offset < todo[tp.partition]:
                        records.append(TailRecord(
                            tp.topic, tp.partition, r.offset, r.key, r.value or b"", r.timestamp
                        ))  # fmt: skip
            # Past the end: markers of transactions count as offsets but carry no record.
            for tp in list(left):
                if await consumer.position(tp) >= todo[tp.partition]:
                    left.discard(tp)
    finally:
        await consumer.stop()
    return records


async def topic_partitions(bootstrap: KafkaConnection | str, topic: str) -> list[int]:
    """The partition numbers of ``topic``; LookupError when it does not exist."""
    admin = AIOKafkaAdminClient(**KafkaConnection.of(bootstrap).client_kwargs())
    await admin.start()
    try:
        described = await admin.describe_topics([topic])
    finally:
        await admin.close()
    for t in described:
        if t["topic"] == topic and t["error_code"] == 0:
            return sorted(p["partition"] for p in t["partitions"])
    raise LookupError(f"topic {topic!r} does not exist")


async def end_offsets(bootstrap: KafkaConnection | str, topic: str) -> dict[int, int]:
    """The current end offset of every partition of ``topic``."""
    tps = [TopicPartition(topic, p) for p in await topic_partitions(bootstrap, topic)]
    consumer = AIOKafkaConsumer(**KafkaConnection.of(bootstrap).client_kwargs(), group_id=None)
    await consumer.start()
    try:
        ends = await consumer.end_offsets(tps)
    finally:
        await consumer.stop()
    return {tp.partition: offset for tp, offset in ends.items()}
