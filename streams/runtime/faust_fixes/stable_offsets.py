"""Committed offsets are read only once no transaction that commits them is still pending.

A transaction's commit returns once the coordinator has decided it; the markers that make its
offsets visible in the group are written a moment later. aiokafka asks for committed offsets
with OffsetFetch v1-v3, which in that moment returns the offsets from before the transaction:
a seek right after a commit (on a rebalance, or when recovery ends) went back to them, and
inputs already handled were handled again. On this project's broker, about half of the reads
taken straight after a commit returned the previous offset.

Kafka's own answer (KIP-447) is OffsetFetch v7 with ``require_stable``: the broker answers
UNSTABLE_OFFSET_COMMIT for a partition whose offsets wait on a transaction, and the client
asks again. aiokafka does not send it, so this module does, for the worker's consumer only.
A broker older than Kafka 2.5 lacks v7: the worker logs a warning and reads as before.
"""

from __future__ import annotations

import logging
import types
from collections.abc import Iterable
from typing import Any, ClassVar

from aiokafka import errors
from aiokafka.protocol.api import Request, RequestStruct, Response
from aiokafka.protocol.types import (
    Boolean,
    CompactArray,
    CompactString,
    Int16,
    Int32,
    Int64,
    Schema,
    TaggedFields,
)
from aiokafka.structs import OffsetAndMetadata, TopicPartition

__all__ = ["OffsetFetchStable", "UnstableOffsetCommit", "read_stable_offsets", "stable_offsets"]

logger = logging.getLogger(__name__)

_NO_OFFSET = -1  # the broker's "nothing committed"


class UnstableOffsetCommit(errors.KafkaError):  # type: ignore[misc]  # aiokafka is untyped
    """A partition's committed offset waits on a transaction's markers; ask again."""

    errno = 88
    retriable = True


class _OffsetFetchResponseV7(Response):  # type: ignore[misc]
    API_KEY = 9
    API_VERSION = 7
    SCHEMA = Schema(
        ("throttle_time_ms", Int32),
        (
            "topics",
            CompactArray(
                ("name", CompactString("utf-8")),
                (
                    "partitions",
                    CompactArray(
                        ("partition_index", Int32),
                        ("committed_offset", Int64),
                        ("committed_leader_epoch", Int32),
                        ("metadata", CompactString("utf-8")),
                        ("error_code", Int16),
                        ("tags", TaggedFields),
                    ),
                ),
                ("tags", TaggedFields),
            ),
        ),
        ("error_code", Int16),
        ("tags", TaggedFields),
    )


class _OffsetFetchRequestV7(RequestStruct):  # type: ignore[misc]
    API_KEY = 9
    API_VERSION = 7
    FLEXIBLE_VERSION = True
    RESPONSE_TYPE = _OffsetFetchResponseV7
    SCHEMA = Schema(
        ("group_id", CompactString("utf-8")),
        (
            "topics",
            CompactArray(
                ("name", CompactString("utf-8")),
                ("partition_indexes", CompactArray(Int32)),
                ("tags", TaggedFields),
            ),
        ),
        ("require_stable", Boolean),
        ("tags", TaggedFields),
    )


class OffsetFetchStable(Request[_OffsetFetchRequestV7]):  # type: ignore[misc]
    """OffsetFetch v7 with ``require_stable`` set: only offsets no transaction still holds."""

    API_KEY: ClassVar[int] = 9

    def __init__(self, group_id: str, partitions: Iterable[TopicPartition]) -> None:
        by_topic: dict[str, list[int]] = {}
        for tp in partitions:
            by_topic.setdefault(tp.topic, []).append(tp.partition)
        self._group_id = group_id
        self._topics = sorted(by_topic.items())

    def build(self, request_struct_class: type[_OffsetFetchRequestV7]) -> _OffsetFetchRequestV7:
        no_tags: dict[int, bytes] = {}
        topics = [(name, sorted(parts), no_tags) for name, parts in self._topics]
        return request_struct_class(self._group_id, topics, True, no_tags)


def stable_offsets(response: Any) -> dict[TopicPartition, OffsetAndMetadata]:
    """The committed offsets in a v7 response; raise the first error, as aiokafka would.

    Raises :class:`UnstableOffsetCommit` (retriable) while a transaction holds any of them.
    """
    _raise_for(response.error_code, "the group")
    offsets: dict[TopicPartition, OffsetAndMetadata] = {}
    for topic, partitions, _tags in response.topics:
        for partition, offset, _epoch, metadata, code, _ in partitions:
            tp = TopicPartition(topic, partition)
            if code == errors.UnknownTopicOrPartitionError.errno:
                logger.warning("OffsetFetch: unknown topic %s", topic)
                continue
            _raise_for(code, str(tp))
            if offset != _NO_OFFSET:
                offsets[tp] = OffsetAndMetadata(offset, metadata or "")
    return offsets


def _raise_for(code: int, what: str) -> None:
    if code == 0:
        return
    if code == UnstableOffsetCommit.errno:
        raise UnstableOffsetCommit(what)
    error_type = errors.for_code(code)
    raise error_type(what)


def read_stable_offsets(coordinator: Any) -> None:
    """Make this aiokafka group coordinator ask for stable offsets only.

    Its ``fetch_committed_offsets`` and the refresh of an assignment's committed offsets both
    go through ``_do_fetch_commit_offsets`` and retry retriable errors after a backoff.
    """
    before = coordinator._do_fetch_commit_offsets
    unsupported = False

    async def fetch(self: Any, partitions: Any) -> dict[TopicPartition, OffsetAndMetadata]:
        nonlocal unsupported
        if unsupported:
            return await before(partitions)  # type: ignore[no-any-return]
        request = OffsetFetchStable(self.group_id, partitions)
        try:
            response = await self._send_req(request)
        except NotImplementedError:  # the broker lacks OffsetFetch v7
            unsupported = True
            logger.warning(
                "the broker lacks OffsetFetch v7 (Kafka 2.5+): committed offsets are read "
                "without require_stable, and an input may be handled twice after a rebalance"
            )
            return await before(partitions)  # type: ignore[no-any-return]
        try:
            return stable_offsets(response)
        except (errors.NotCoordinatorForGroupError, errors.GroupCoordinatorNotAvailableError):
            self.coordinator_dead()
            raise

    coordinator._do_fetch_commit_offsets = types.MethodType(fetch, coordinator)
