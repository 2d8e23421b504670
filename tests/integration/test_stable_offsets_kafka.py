"""On the real broker: a committed offset read straight after its transaction commits.

Without ``require_stable`` about half of these reads returned the offset from before the
transaction, and a seek to it handled inputs a second time."""

from __future__ import annotations

import asyncio
import uuid

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

from streams.runtime.faust_fixes.stable_offsets import read_stable_offsets

COMMITS = 40


async def _stale_reads(bootstrap: str, *, stable: bool) -> int:
    topic = f"stable-offsets-{uuid.uuid4().hex[:10]}"
    group = f"group-{topic}"
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, transactional_id=f"txn-{topic}")
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group)
    try:
        await admin.create_topics([NewTopic(topic, 1, 1)])
        await producer.start()
        await consumer.start()
        coordinator = consumer._coordinator
        if stable:
            read_stable_offsets(coordinator)
        tp = TopicPartition(topic, 0)
        stale = 0
        for offset in range(1, COMMITS + 1):
            async with producer.transaction():
                await producer.send_and_wait(topic, b"x")
                await producer.send_offsets_to_transaction({tp: offset}, group)
            committed = await coordinator.fetch_committed_offsets([tp])
            stale += committed[tp].offset != offset
        return stale
    finally:
        await consumer.stop()
        await producer.stop()
        await admin.delete_topics([topic])
        await admin.close()


def test_an_offset_read_right_after_its_commit_is_the_new_one(kafka_bootstrap: str) -> None:
    stale = asyncio.run(_stale_reads(kafka_bootstrap, stable=True))
    assert stale == 0, f"{stale} of {COMMITS} reads returned the offset before the commit"
