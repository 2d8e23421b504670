"""Commit pacing: a worker in a backlog commits less often after slow commits; one that keeps
up commits every interval."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from faust.transport.consumer import Consumer as FaustBaseConsumer
from faust.transport.drivers.aiokafka import Consumer as FaustConsumer

from streams.runtime.faust_fixes.consumer import gated_consumer
from streams.runtime.faust_fixes.gate import CommitGate
from streams.runtime.faust_fixes.pacing import (
    BACKLOG_RECORDS,
    LIVELOCK_CHECK_SECONDS,
    MAX_PAUSE_SECONDS,
    PacedCommits,
    commit_pause,
    livelock_check_interval,
)

INTERVAL = 0.05


class _Queue:
    def __init__(self, size: int) -> None:
        self.size = size

    def qsize(self) -> int:
        return self.size


def test_a_worker_that_keeps_up_commits_every_interval_however_slow_its_commits() -> None:
    assert commit_pause(0.5, INTERVAL, 0.1, waiting=0) == INTERVAL
    assert commit_pause(0.5, INTERVAL, 0.1, waiting=BACKLOG_RECORDS - 1) == INTERVAL


def test_in_a_backlog_commits_hold_the_agents_at_most_their_share_of_the_time() -> None:
    pause = commit_pause(0.02, INTERVAL, 0.1, waiting=BACKLOG_RECORDS)
    assert abs(pause - 0.18) < 1e-9  # 0.02 s of commit in every 0.2 s
    assert commit_pause(0.001, INTERVAL, 0.1, waiting=10_000) == INTERVAL  # quick commits


def test_the_pause_is_bounded_and_share_one_is_the_fixed_interval() -> None:
    assert commit_pause(30.0, INTERVAL, 0.1, waiting=10_000) == MAX_PAUSE_SECONDS
    assert commit_pause(30.0, 5.0, 0.1, waiting=10_000) == 5.0  # a longer interval stays
    assert commit_pause(30.0, INTERVAL, 1.0, waiting=10_000) == INTERVAL


async def test_the_gate_times_the_commit_not_the_wait_for_the_event_in_flight() -> None:
    gate = CommitGate()
    inside, release = asyncio.Event(), asyncio.Event()

    async def event() -> None:
        async with gate.event(gate.epoch):
            inside.set()
            await release.wait()

    async def commit(hold: float) -> None:
        async with gate.commit():
            await asyncio.sleep(hold)

    task = asyncio.create_task(event())
    await inside.wait()
    committing = asyncio.create_task(commit(0.0))
    await asyncio.sleep(0.3)  # the event holds the commit back this long
    release.set()
    await asyncio.wait_for(asyncio.gather(task, committing), timeout=10)
    assert gate.last_hold < 0.3
    await commit(0.05)
    assert gate.last_hold >= 0.05


async def test_the_timer_pauses_as_the_last_commit_and_the_backlog_say() -> None:
    gate = CommitGate()
    holds = iter([0.001, 0.02, 0.02])
    backlog = iter([0, BACKLOG_RECORDS, 0])
    pauses: list[float] = []
    queued = _Queue(0)
    gate.watch_input(queued)

    async def commit() -> bool:
        gate.last_hold = next(holds)
        return True

    async def sleep(seconds: float) -> None:
        pauses.append(seconds)
        consumer.should_stop = len(pauses) > 3
        queued.size = next(backlog, 0)  # what piled up meanwhile, no event ending

    consumer = SimpleNamespace(
        gate=gate, commit_share=0.1, commit_interval=INTERVAL, should_stop=False,
        commit=commit, sleep=sleep,
    )  # fmt: skip
    await PacedCommits._commit_handler.fun(consumer)  # type: ignore[attr-defined]
    assert pauses[0] == INTERVAL  # the first commit after start-up
    assert pauses[1:] == [INTERVAL, commit_pause(0.02, INTERVAL, 0.1, BACKLOG_RECORDS), INTERVAL]
    assert gate.last_pause == INTERVAL  # what the worker's gauge shows


async def test_a_pile_the_agents_drain_between_commits_is_no_backlog() -> None:
    gate = CommitGate()
    queued = _Queue(500)
    gate.watch_input(queued)
    assert gate.least_waiting() == 500  # no event has ended: what waits now
    queued.size = 0
    async with gate.event():
        pass  # the agents caught up once...
    queued.size = 500  # ...and a pause's input piled up again before the commit
    assert gate.least_waiting() == 0
    for left in (700, 300, 900):  # never drained: a backlog of at least 300
        queued.size = left
        async with gate.event():
            pass
    assert gate.least_waiting() == 300
    assert gate.least_waiting() == 900  # counting starts again at each read


def test_the_backlog_is_what_every_watched_stream_holds() -> None:
    gate = CommitGate()
    first, second = _Queue(3), _Queue(5)
    gate.watch_input(first)
    gate.watch_input(second)
    gate.watch_input(second)  # an agent started again watches its queue once
    assert gate.waiting() == 8
    second.size = 100
    assert gate.waiting() == 103


def test_the_paced_timer_replaces_fausts_commit_timer() -> None:
    app = SimpleNamespace()
    cls = gated_consumer(FaustConsumer, app, CommitGate(), [], commit_share=0.1)  # type: ignore[arg-type]
    assert cls.commit_share == 0.1
    assert "_commit_handler" in cls._tasks[cls._get_class_id()]
    assert cls._commit_handler is PacedCommits.__dict__["_commit_handler"]
    assert cls._commit_handler is not FaustBaseConsumer.__dict__["_commit_handler"]
    assert "_commit_livelock_detector" in cls._tasks[cls._get_class_id()]
    assert cls._commit_livelock_detector is PacedCommits.__dict__["_commit_livelock_detector"]


def test_the_stalled_partition_check_runs_every_few_seconds_not_every_few_commits() -> None:
    assert livelock_check_interval(INTERVAL) == LIVELOCK_CHECK_SECONDS
    assert livelock_check_interval(10.0) == 25.0  # Faust's 2.5 intervals when that is longer


async def test_the_stalled_partition_check_skips_rebalances() -> None:
    sleeps: list[float] = []
    checked: list[bool] = []
    rebalancing = iter([False, True, False])

    async def verify_all_partitions_active() -> None:
        checked.append(True)

    async def sleep(seconds: float) -> None:
        sleeps.append(seconds)
        consumer.should_stop = len(sleeps) > 3
        consumer.app.rebalancing = next(rebalancing, False)

    consumer = SimpleNamespace(
        commit_interval=INTERVAL, should_stop=False, sleep=sleep,
        app=SimpleNamespace(rebalancing=False),
        verify_all_partitions_active=verify_all_partitions_active,
    )  # fmt: skip
    await PacedCommits._commit_livelock_detector.fun(consumer)  # type: ignore[attr-defined]
    assert sleeps == [LIVELOCK_CHECK_SECONDS] * 4
    assert len(checked) == 2  # three rounds, one of them in a rebalance
