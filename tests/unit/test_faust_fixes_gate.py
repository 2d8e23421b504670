"""The commit gate across a rebalance, without a broker: no event starts from the revocation
until the flow resumes, and an event taken before either moment is dropped, not handled."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from faust.types import TP

from streams.runtime.agents import _owned
from streams.runtime.faust_fixes.gate import CommitGate

STEP = 0.01  # seconds: lets the other tasks run; no test waits on it for an outcome


async def _handle(gate: CommitGate, taken: int, log: list[str], name: str) -> None:
    async with gate.event(taken) as current:
        log.append(f"{name}:{'ran' if current else 'dropped'}")


async def test_a_current_event_runs() -> None:
    gate = CommitGate()
    log: list[str] = []
    await _handle(gate, gate.epoch, log, "a")
    assert log == ["a:ran"]


async def test_the_revocation_waits_for_the_event_in_flight() -> None:
    gate = CommitGate()
    inside, release = asyncio.Event(), asyncio.Event()

    async def slow() -> None:
        async with gate.event(gate.epoch):
            inside.set()
            await release.wait()

    task = asyncio.create_task(slow())
    await inside.wait()
    stopping = asyncio.create_task(gate.stop_events())
    await asyncio.sleep(STEP)
    assert not stopping.done()
    release.set()
    await asyncio.wait_for(stopping, timeout=5)
    await task


async def test_an_event_taken_before_the_revocation_is_dropped_at_once() -> None:
    gate = CommitGate()
    taken = gate.epoch
    await gate.stop_events()
    log: list[str] = []
    await asyncio.wait_for(_handle(gate, taken, log, "old"), timeout=5)
    assert log == ["old:dropped"]


async def test_an_event_taken_during_the_rebalance_waits_and_is_dropped_at_resume() -> None:
    gate = CommitGate()
    await gate.stop_events()
    log: list[str] = []
    task = asyncio.create_task(_handle(gate, gate.epoch, log, "mid"))
    await asyncio.sleep(STEP)
    assert log == []  # held: nothing runs while partitions move
    gate.resume_events()
    await asyncio.wait_for(task, timeout=5)
    assert log == ["mid:dropped"]
    await _handle(gate, gate.epoch, log, "new")
    assert log == ["mid:dropped", "new:ran"]


async def test_an_event_waiting_on_a_commit_when_a_rebalance_starts_is_dropped() -> None:
    gate = CommitGate()
    log: list[str] = []
    async with gate.commit():
        task = asyncio.create_task(_handle(gate, gate.epoch, log, "queued"))
        await asyncio.sleep(STEP)
        stopping = asyncio.create_task(gate.stop_events())
        await asyncio.sleep(STEP)
    await asyncio.wait_for(stopping, timeout=5)
    gate.resume_events()
    await asyncio.wait_for(task, timeout=5)
    assert log == ["queued:dropped"]


async def test_events_taken_before_a_seek_are_dropped_after_it() -> None:
    gate = CommitGate()
    taken = gate.epoch
    gate.drop_taken()  # the partitions moved back: those events will be read again
    log: list[str] = []
    await _handle(gate, taken, log, "before")
    await _handle(gate, gate.epoch, log, "after")
    assert log == ["before:dropped", "after:ran"]


async def test_an_event_woken_by_a_commit_s_end_waits_for_the_commit_that_follows_it() -> None:
    """The next commit may start before the woken event runs (it was scheduled first): the
    event must not start inside that commit, whose offsets were taken without it."""
    gate = CommitGate()
    log: list[str] = []
    next_commit = asyncio.Event()

    async def first_commit() -> None:
        async with gate.commit():
            await asyncio.sleep(STEP)  # the event queues up on the closed gate
            next_commit.set()  # the second commit's task is now ahead of the event's

    async def second_commit() -> None:
        await next_commit.wait()
        async with gate.commit():
            log.append("commit:in")
            await asyncio.sleep(STEP)
            log.append("commit:out")

    commits = [asyncio.create_task(first_commit()), asyncio.create_task(second_commit())]
    await asyncio.sleep(0)  # the first commit holds the gate
    await asyncio.wait_for(_handle(gate, gate.epoch, log, "event"), timeout=5)
    await asyncio.wait_for(asyncio.gather(*commits), timeout=5)
    assert log == ["commit:in", "commit:out", "event:ran"]


async def test_a_commit_runs_its_hooks_after_the_events_in_flight_and_before_its_work() -> None:
    gate = CommitGate()
    log: list[str] = []

    async def hook() -> None:
        log.append("hook")

    gate.before_commit(hook)
    inside, release = asyncio.Event(), asyncio.Event()

    async def slow() -> None:
        async with gate.event(gate.epoch):
            inside.set()
            await release.wait()
            log.append("event")

    async def commit() -> None:
        async with gate.commit():
            log.append("commit")

    task = asyncio.create_task(slow())
    await inside.wait()
    committing = asyncio.create_task(commit())
    await asyncio.sleep(STEP)
    assert log == []  # the hook waits for the event, as the commit does
    release.set()
    await asyncio.wait_for(asyncio.gather(task, committing), timeout=5)
    assert log == ["event", "hook", "commit"]


def test_an_event_of_a_partition_the_worker_no_longer_owns_is_not_handled() -> None:
    # Fetched before a rebalance moved its partition away, it can reach the agent after the
    # flow resumed: handled, its outputs would commit without its offset.
    consumer = SimpleNamespace(assignment=lambda: {TP("raw", 0), TP("raw", 2)})
    stream = SimpleNamespace(app=SimpleNamespace(consumer=consumer))
    kept = SimpleNamespace(message=SimpleNamespace(tp=TP("raw", 2)))
    moved = SimpleNamespace(message=SimpleNamespace(tp=TP("raw", 5)))
    assert _owned(stream, kept)
    assert not _owned(stream, moved)


def test_what_agents_hold_back_is_dropped_when_their_events_become_stale() -> None:
    async def run() -> list[str]:
        gate, calls = CommitGate(), []
        gate.on_stale(lambda: calls.append("stale"))
        async with gate.event(gate.epoch):
            pass
        assert calls == []  # an event's end keeps what it held back for the next commit
        await gate.stop_events()
        assert calls == []  # the revocation's commit still sends it
        gate.resume_events()
        gate.drop_taken()
        return calls

    assert asyncio.run(run()) == ["stale", "stale"]
