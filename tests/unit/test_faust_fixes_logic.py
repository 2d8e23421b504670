"""The decisions inside the Faust fixes, without a broker: commit offsets, transaction routing,
recovery seeks, and the start-up check of the hooks they rely on."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from streams.runtime.faust_fixes.hooks import (
    HOOKS,
    FaustIncompatible,
    Hook,
    check_hooks,
    missing_hooks,
)
from streams.runtime.faust_fixes.offsets import commit_offset, next_offset
from streams.runtime.faust_fixes.recovery import holds_flow, seek_still_wanted, unread_partitions
from streams.runtime.faust_fixes.routing import source_transactional_id, stale_producers


def test_commit_offset_is_one_past_the_highest_acked_across_holes() -> None:
    # 13 and 14 never reached the agent (a transaction marker, an aborted record): no stall.
    assert commit_offset([10, 11, 12, 15], in_flight=[]) == 16


def test_commit_offset_falls_back_while_an_earlier_event_is_in_flight() -> None:
    assert commit_offset([10, 12], in_flight=[11]) is None


def test_commit_offset_ignores_events_in_flight_after_the_highest_acked() -> None:
    assert commit_offset([10, 11], in_flight=[12, 13]) == 12


def test_commit_offset_is_none_when_nothing_was_acked() -> None:
    assert commit_offset([], in_flight=[4]) is None


@dataclass
class _Message:
    tp: str
    offset: int
    acked: bool = False


@dataclass
class _Consumer:
    """Faust's consumer bookkeeping, as ``next_offset`` reads and clears it."""

    _acked: dict[str, list[int]] = field(default_factory=dict)
    _acked_index: dict[str, set[int]] = field(default_factory=dict)
    _gap: dict[str, Any] = field(default_factory=dict)
    _unacked_messages: list[_Message] = field(default_factory=list)
    fallback_calls: list[str] = field(default_factory=list)

    def _base_new_offset(self, tp: str) -> int:
        self.fallback_calls.append(tp)
        return -7


def test_next_offset_clears_the_bookkeeping_it_committed() -> None:
    consumer = _Consumer(
        _acked={"raw-0": [3, 5]}, _acked_index={"raw-0": {3, 5}}, _gap={"raw-0": object()},
        _unacked_messages=[_Message("raw-1", 1), _Message("raw-0", 9)],
    )  # fmt: skip
    assert next_offset(consumer, "raw-0") == 6
    assert consumer._acked["raw-0"] == []
    assert consumer._acked_index["raw-0"] == set()
    assert "raw-0" not in consumer._gap
    assert consumer.fallback_calls == []


def test_next_offset_uses_faust_rule_when_an_earlier_event_of_its_partition_is_open() -> None:
    consumer = _Consumer(
        _acked={"raw-0": [3, 5]}, _acked_index={"raw-0": {3, 5}},
        _unacked_messages=[_Message("raw-0", 4), _Message("raw-1", 0)],
    )  # fmt: skip
    assert next_offset(consumer, "raw-0") == -7
    assert consumer.fallback_calls == ["raw-0"]
    assert consumer._acked["raw-0"] == [3, 5]


def test_next_offset_skips_messages_already_acked() -> None:
    consumer = _Consumer(
        _acked={"raw-0": [3, 5]}, _acked_index={"raw-0": {3, 5}},
        _unacked_messages=[_Message("raw-0", 4, acked=True)],
    )  # fmt: skip
    assert next_offset(consumer, "raw-0") == 6


def test_sends_are_routed_to_the_source_partition_transaction() -> None:
    assert source_transactional_id("newswire", 2, 5) == "newswire-2-5"


def test_rebalance_stops_every_producer_the_assignment_does_not_need() -> None:
    running = ["app-0-0", "app-0-1", "app-1-3"]
    assert stale_producers(running, {"app-0-1"}) == ["app-0-0", "app-1-3"]
    assert stale_producers(running, running) == []


def _changelog(tp: str) -> bool:
    return tp.endswith("-changelog")


def test_resuming_a_stream_partition_holds_the_flow_but_changelogs_do_not() -> None:
    assert holds_flow(["dedupe-changelog", "articles.raw"], _changelog)
    assert not holds_flow(["dedupe-changelog", "stories-changelog"], _changelog)
    assert not holds_flow([], _changelog)


def test_partitions_without_a_committed_offset_are_read_from_the_start() -> None:
    committed = {"articles.raw": None, "parsed": 0, "stories": 42, "dedupe-changelog": None}
    assert unread_partitions(committed, _changelog) == ["articles.raw", "parsed"]


def test_the_installed_faust_has_every_hook_the_fixes_use() -> None:
    assert len(HOOKS) > 30
    assert missing_hooks() == []
    check_hooks()


def test_a_missing_hook_stops_the_worker_naming_versions_and_the_hook() -> None:
    renamed = Hook("faust.transport.consumer", "Consumer", "_acked_renamed", "offsets")
    gone = Hook("faust.transport.nowhere", "Consumer", "_acked", "offsets")
    with pytest.raises(FaustIncompatible) as caught:
        check_hooks((*HOOKS, renamed, gone))
    message = str(caught.value)
    assert "faust-streaming 0." in message
    assert "aiokafka 0." in message
    assert "faust.transport.consumer.Consumer._acked_renamed (used by offsets)" in message
    assert "faust.transport.nowhere.Consumer._acked" in message


def test_a_seek_asked_while_the_flow_was_stopped_goes_ahead_if_it_still_is() -> None:
    assert seek_still_wanted(resumes_before=3, resumes_now=3, flow_active=False)


def test_a_seek_is_dropped_once_the_flow_has_resumed_meanwhile() -> None:
    # Whoever resumed the flow seeked first; records handled since would be read again.
    assert not seek_still_wanted(resumes_before=3, resumes_now=3, flow_active=True)
    assert not seek_still_wanted(resumes_before=3, resumes_now=4, flow_active=False)
