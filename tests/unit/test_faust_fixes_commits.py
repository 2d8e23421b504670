"""The commit's wait for the producer buffer and its concurrent transaction commits, with
stand-ins for Faust's buffer and aiokafka's producers (no broker)."""

from __future__ import annotations

import asyncio

import pytest

from streams.runtime.faust_fixes.commits import commit_concurrently
from streams.runtime.faust_fixes.gate import CommitGate
from streams.runtime.faust_fixes.producer_buffer import BufferWatch


class _Buffer:
    """Faust's ProducerBuffer as the watch sees it: a size, a flush that may return early,
    and a send per record that can be held back."""

    def __init__(self) -> None:
        self.queued: list[str] = []
        self.sent: list[str] = []
        self.release = asyncio.Event()

    @property
    def size(self) -> int:
        return len(self.queued)

    async def flush(self) -> None:
        # Like Faust's flush when its last record is still on its way: returns at once.
        return None

    async def _send_pending(self, record: str) -> None:
        await self.release.wait()
        self.sent.append(record)


async def test_drain_waits_for_a_record_still_being_sent() -> None:
    buffer = _Buffer()
    watch = BufferWatch(buffer)
    sending = asyncio.ensure_future(buffer._send_pending("changelog-1"))
    await asyncio.sleep(0)  # the send starts and waits to be released
    assert watch.in_flight == 1
    drain = asyncio.ensure_future(watch.drain())
    for _ in range(5):
        await asyncio.sleep(0)
    assert not drain.done(), "drain returned while a record was still being sent"
    buffer.release.set()
    await asyncio.wait_for(drain, timeout=5)
    await sending
    assert buffer.sent == ["changelog-1"]
    assert watch.in_flight == 0


async def test_drain_returns_at_once_when_nothing_is_buffered() -> None:
    watch = BufferWatch(_Buffer())
    await asyncio.wait_for(watch.drain(), timeout=5)
    assert watch.in_flight == 0


class _TxnProducer:
    """A transactional producer that records its calls; its first step waits for ``gate``."""

    def __init__(self, name: str, log: list[str], gate: asyncio.Event, fail: bool = False) -> None:
        self.name, self.log, self.gate, self.fail = name, log, gate, fail

    async def send_offsets_to_transaction(self, offsets: dict[str, int], group_id: str) -> None:
        self.log.append(f"{self.name} offsets {offsets} {group_id}")
        await self.gate.wait()
        if self.fail:
            raise RuntimeError(f"{self.name} fenced")

    async def commit_transaction(self) -> None:
        self.log.append(f"{self.name} commit")

    async def begin_transaction(self) -> None:
        self.log.append(f"{self.name} begin")


async def test_transactions_commit_together_and_a_failure_comes_after_all() -> None:
    log: list[str] = []
    gate = asyncio.Event()
    producers = {tid: _TxnProducer(tid, log, gate, fail=tid == "p1") for tid in ("p0", "p1", "p2")}
    locks = {tid: asyncio.Lock() for tid in producers}
    offsets = {tid: {f"topic-{tid}": 10} for tid in producers}
    committing = asyncio.ensure_future(commit_concurrently(producers, locks, offsets, "group"))
    for _ in range(5):
        await asyncio.sleep(0)
    # Every transaction has started before any finished: none waits for another.
    assert sorted(log) == [f"{tid} offsets {{'topic-{tid}': 10}} group" for tid in producers]
    gate.set()
    with pytest.raises(RuntimeError, match="p1 fenced"):
        await asyncio.wait_for(committing, timeout=5)
    # The failed one stops there; the others committed and began their next transaction.
    for tid in ("p0", "p2"):
        assert log.index(f"{tid} commit") < log.index(f"{tid} begin")
    assert "p1 commit" not in log


async def test_an_unknown_transaction_is_skipped() -> None:
    log: list[str] = []
    gate = asyncio.Event()
    gate.set()
    producers = {"p0": _TxnProducer("p0", log, gate)}
    await commit_concurrently(
        producers, {"p0": asyncio.Lock()}, {"p0": {"t": 1}, "gone": {"t": 2}}, "g",
        start_new=False,
    )  # fmt: skip
    assert log == ["p0 offsets {'t': 1} g", "p0 commit"]


async def test_overlapping_commits_keep_the_gate_shut_until_the_last_ends() -> None:
    gate = CommitGate()
    order: list[str] = []
    release_first = asyncio.Event()

    async def commit(name: str, release: asyncio.Event | None) -> None:
        async with gate.commit():
            order.append(f"{name} in")
            if release is not None:
                await release.wait()
            order.append(f"{name} out")

    async def event() -> None:
        async with gate.event():
            order.append("event")

    first = asyncio.ensure_future(commit("timer", release_first))
    await asyncio.sleep(0)
    second = asyncio.ensure_future(commit("rebalance", None))
    waiting_event = asyncio.ensure_future(event())
    for _ in range(5):
        await asyncio.sleep(0)
    assert order == ["timer in"], "a second commit or an event ran inside the first commit"
    release_first.set()
    await asyncio.wait_for(asyncio.gather(first, second, waiting_event), timeout=5)
    # Each commit ran whole, with nothing inside it; the event came in between or after.
    assert len(order) == 5
    for name in ("timer", "rebalance"):
        start = order.index(f"{name} in")
        assert order[start + 1] == f"{name} out", order
