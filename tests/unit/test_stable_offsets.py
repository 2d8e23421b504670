"""Reading committed offsets with ``require_stable`` (OffsetFetch v7), without a broker: the
request as sent, the answers the broker gives, and the fall-back for a broker without v7."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from aiokafka import errors
from aiokafka.structs import OffsetAndMetadata, TopicPartition

from streams.runtime.faust_fixes.stable_offsets import (
    OffsetFetchStable,
    UnstableOffsetCommit,
    read_stable_offsets,
    stable_offsets,
)

_VERSIONS = {9: (0, 9)}  # the broker's OffsetFetch versions: Kafka 4.1 serves up to v9


def _response(partitions: list[tuple[int, int, int]], group_error: int = 0) -> Any:
    """A v7 response for topic ``raw``: (partition, committed offset, error code) each."""
    struct = OffsetFetchStable("g", []).prepare(_VERSIONS)
    rows = [(p, offset, -1, "", code, {}) for p, offset, code in partitions]
    response_type = struct.RESPONSE_TYPE
    encoded = response_type(0, [("raw", rows, {})], group_error, {}).encode()
    return response_type.decode(encoded)


def test_the_request_asks_for_stable_offsets_with_v7() -> None:
    tps = [TopicPartition("raw", 2), TopicPartition("raw", 0), TopicPartition("parsed", 1)]
    struct = OffsetFetchStable("group-a", tps).prepare(_VERSIONS)
    assert struct.API_VERSION == 7
    again = type(struct).decode(struct.encode())
    assert again.group_id == "group-a"
    assert again.require_stable is True
    assert [(name, parts) for name, parts, _ in again.topics] == [("parsed", [1]), ("raw", [0, 2])]


def test_a_broker_without_v7_is_refused_by_the_request() -> None:
    with pytest.raises(NotImplementedError):
        OffsetFetchStable("g", [TopicPartition("raw", 0)]).prepare({9: (0, 6)})


def test_stable_offsets_are_returned_and_missing_ones_left_out() -> None:
    offsets = stable_offsets(_response([(0, 41, 0), (1, -1, 0)]))
    assert offsets == {TopicPartition("raw", 0): OffsetAndMetadata(41, "")}


def test_an_offset_held_by_a_transaction_is_a_retriable_error() -> None:
    with pytest.raises(UnstableOffsetCommit) as caught:
        stable_offsets(_response([(0, 41, 0), (1, 7, 88)]))
    assert caught.value.retriable


def test_a_group_error_is_raised_as_aiokafka_raises_it() -> None:
    with pytest.raises(errors.NotCoordinatorForGroupError):
        stable_offsets(_response([], group_error=errors.NotCoordinatorForGroupError.errno))


class _Coordinator:
    """aiokafka's group coordinator, as much as the stable read uses."""

    group_id = "g"

    def __init__(self, answers: list[Any]) -> None:
        self.answers = answers
        self.dead = 0
        self.old_reads = 0

    async def _send_req(self, request: Any) -> Any:
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    async def _do_fetch_commit_offsets(self, partitions: Any) -> dict[Any, Any]:
        self.old_reads += 1
        return {}

    def coordinator_dead(self) -> None:
        self.dead += 1


def test_the_coordinator_reads_stable_offsets() -> None:
    coordinator = _Coordinator([_response([(0, 5, 0)])])
    read_stable_offsets(coordinator)
    got = asyncio.run(coordinator._do_fetch_commit_offsets([TopicPartition("raw", 0)]))
    assert got == {TopicPartition("raw", 0): OffsetAndMetadata(5, "")}
    assert coordinator.old_reads == 0


def test_a_broker_without_v7_is_read_the_old_way_from_then_on() -> None:
    coordinator = _Coordinator([NotImplementedError("v7")])
    read_stable_offsets(coordinator)
    for _ in range(2):
        asyncio.run(coordinator._do_fetch_commit_offsets([TopicPartition("raw", 0)]))
    assert coordinator.old_reads == 2
    assert coordinator.answers == []  # asked with v7 once only


def test_a_moved_coordinator_is_marked_dead_so_that_aiokafka_finds_the_new_one() -> None:
    moved = _response([], group_error=errors.NotCoordinatorForGroupError.errno)
    coordinator = _Coordinator([moved])
    read_stable_offsets(coordinator)
    with pytest.raises(errors.NotCoordinatorForGroupError):
        asyncio.run(coordinator._do_fetch_commit_offsets([TopicPartition("raw", 0)]))
    assert coordinator.dead == 1
