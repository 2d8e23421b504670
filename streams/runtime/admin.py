"""Topic administration and broker checks over aiokafka's admin client."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaError

from streams.config.connection import KafkaConnection
from streams.config.settings import Settings

__all__ = [
    "TopicSpec",
    "broker_answers",
    "delete_deployment_topics",
    "ensure_topics",
    "list_topics",
    "topic_specs",
    "wait_for_leaders",
]

logger = logging.getLogger(__name__)

_TOPIC_EXISTS = 36  # Kafka's TOPIC_ALREADY_EXISTS error code
_COMPACTED = {"cleanup.policy": "compact"}
#: How long ensure_topics waits for new topics to have leaders on every partition.
_METADATA_WAIT_SECONDS = 30.0


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """A topic Newswire owns: name, partitions and the configs it is created with."""

    name: str
    partitions: int
    configs: dict[str, str]


def topic_specs(settings: Settings) -> list[TopicSpec]:
    """The topics of the contract with their configs, from the settings."""
    # Topics allow an input at the limit and its dead letter, so nothing bounces.
    raw_max = settings.max_message_bytes
    dlq_max = settings.max_dead_letter_bytes
    n = settings.partitions
    return [
        TopicSpec(settings.topic_raw, n, {"max.message.bytes": str(raw_max)}),
        TopicSpec(settings.topic_enriched, n, {"max.message.bytes": str(raw_max)}),
        TopicSpec(settings.topic_duplicates, n, {}),
        TopicSpec(settings.topic_dlq, n, {"max.message.bytes": str(dlq_max)}),
        # The re-key topic between the parse and dedupe agents; co-partitioned with the table.
        TopicSpec(settings.topic_parsed, n, {"max.message.bytes": str(raw_max)}),
        # The re-key topic between the dedupe and story agents: one key, so one partition is
        # used; as many partitions as the others so that Faust co-partitions it with them.
        TopicSpec(settings.topic_stories, n, {"max.message.bytes": str(raw_max)}),
        # The tables' changelogs, compacted, co-partitioned with their streams. Faust would
        # create them when a worker starts, but a topic created that late can be missing
        # from the first assignment (see ensure_topics).
        TopicSpec(f"{settings.app_id}-dedupe-changelog", n, _COMPACTED),
        TopicSpec(f"{settings.app_id}-story-articles-changelog", n, _COMPACTED),
    ]


async def _admin(settings: Settings, timeout_ms: int = 10_000) -> AIOKafkaAdminClient:
    client = AIOKafkaAdminClient(
        **settings.connection.client_kwargs(), request_timeout_ms=timeout_ms
    )
    await client.start()
    return client


async def ensure_topics(settings: Settings) -> dict[str, str]:
    """Create the missing topics; returns each topic's state: ``created`` or ``exists``."""
    client = await _admin(settings)
    try:
        specs = topic_specs(settings)
        response = await client.create_topics(
            [
                NewTopic(s.name, s.partitions, settings.replication_factor, topic_configs=s.configs)
                for s in specs
            ]
        )
        states: dict[str, str] = {}
        for name, code, message in response.topic_errors:
            if code == 0:
                states[name] = "created"
            elif code == _TOPIC_EXISTS:
                states[name] = "exists"
            else:
                raise KafkaError(f"cannot create topic {name}: error {code}: {message}")
        await wait_for_leaders(client, [s.name for s in specs])
    finally:
        await client.close()
    return states


async def wait_for_leaders(client: AIOKafkaAdminClient, names: list[str]) -> None:
    """Wait until every partition of ``names`` has a leader.

    A topic is created before the broker can serve it. A worker that joins its group in that
    moment is assigned nothing from it ("Ignoring missing topic") and idles until the next
    rebalance, minutes later: seen on a freshly started broker, with one worker and with two.
    """
    deadline = asyncio.get_running_loop().time() + _METADATA_WAIT_SECONDS
    while True:
        described = await client.describe_topics(names)
        waiting = [
            t["topic"]
            for t in described
            if t["error_code"] != 0
            or not t["partitions"]
            or any(p["leader"] < 0 for p in t["partitions"])
        ]
        if not waiting:
            return
        if asyncio.get_running_loop().time() > deadline:
            logger.warning("topics without a leader yet, starting anyway: %s", ", ".join(waiting))
            return
        await asyncio.sleep(0.2)


async def delete_deployment_topics(settings: Settings) -> list[str]:
    """Delete every topic of the deployment ``settings`` names; returns the names deleted.

    For tests and benchmarks, which make a deployment per run: its four topics, and the
    internal ones Faust names after the app id (re-keys, changelogs, the assignor's). A broker
    keeps files open for every partition, and thousands of leftover ones exhaust its file
    descriptors (seen on a developer's local Kafka, which then stopped accepting connections).
    """
    client = await _admin(settings)
    try:
        own = {s.name for s in topic_specs(settings)}
        names = sorted(
            n for n in await client.list_topics() if n in own or n.startswith(f"{settings.app_id}-")
        )
        if names:
            await client.delete_topics(names)
    finally:
        await client.close()
    return names


async def list_topics(settings: Settings) -> dict[str, int]:
    """Every topic on the cluster with its partition count."""
    client = await _admin(settings)
    try:
        names = await client.list_topics()
        described = await client.describe_topics(names)
    finally:
        await client.close()
    return {t["topic"]: len(t["partitions"]) for t in described}


async def broker_answers(bootstrap: KafkaConnection | str, wait: float = 2.0) -> bool:
    """True when a Kafka broker at ``bootstrap`` answers a metadata request in time."""
    client = AIOKafkaAdminClient(
        **KafkaConnection.of(bootstrap).client_kwargs(), request_timeout_ms=int(wait * 1000)
    )
    try:
        await asyncio.wait_for(client.start(), wait)
        await asyncio.wait_for(client.list_topics(), wait)
    except (TimeoutError, KafkaError, OSError):
        return False
    finally:
        await client.close()
    return True
