"""Commits paced by what they cost: the timer waits longer after a slow commit.

Faust commits every ``commit_interval`` whatever a commit costs. Under exactly-once each commit
ends a transaction per partition with new offsets, and the commit gate holds every agent while
it runs. On a loaded broker a commit took longer than the interval itself, so the agents were
held most of the time, and the broker spent its CPU on transactions instead of records. Here
the pause after a commit grows with the time it held the agents, so that commits hold them at
most ``share`` of the time, but only while a backlog waits: records fetched for the agents
and not yet taken, that never drained between two commits. A worker that keeps up commits
every interval, whatever a commit costs, since there each commit's wait is the latency its
outputs see; in a backlog the wait is in the queue, and the time the commits took from the
work is what delays everything.

What counts is the fewest records left waiting at the end of an event since the last commit,
not what waits when the timer fires. A long pause lets records pile up (a second's input,
and each hop's output released at once by the commit); counted at the timer, that pile
looked like a backlog and kept the pauses long. At 150 articles/s, on a worker that does about
200 in a backlog, every hop then waited about a second and a half.
"""

from __future__ import annotations

from typing import Any

from mode import Service

from streams.runtime.faust_fixes.gate import CommitGate

__all__ = [
    "BACKLOG_RECORDS",
    "LIVELOCK_CHECK_SECONDS",
    "MAX_PAUSE_SECONDS",
    "PacedCommits",
    "commit_pause",
    "livelock_check_interval",
]

#: Records waiting for the agents from which the worker counts as behind: more than the parse
#: agent takes ahead of its routing (:mod:`streams.runtime.agents`), far more than arrive
#: during a commit when it keeps up.
BACKLOG_RECORDS = 64

#: The longest pause between two timed commits (unless the interval is longer): it bounds the
#: latency a backlog adds, and what a crash makes the group handle again.
MAX_PAUSE_SECONDS = 1.0


#: How often the stalled-partition check runs at least. Faust runs it every 2.5 commit
#: intervals (8 times a second at ours) and walks every assigned partition each time, 1-2 % of
#: a busy worker; it warns of a partition with no event for minutes
#: (``broker_commit_livelock_soft_timeout``), which a check every few seconds finds as well.
LIVELOCK_CHECK_SECONDS = 5.0


def livelock_check_interval(commit_interval: float) -> float:
    """Seconds between two stalled-partition checks: Faust's, or :data:`LIVELOCK_CHECK_SECONDS`
    when that is more."""
    return max(commit_interval * 2.5, LIVELOCK_CHECK_SECONDS)


def commit_pause(held: float, interval: float, share: float, waiting: int) -> float:
    """Seconds to wait after a commit that held the agents for ``held`` seconds, when the
    agents never had fewer than ``waiting`` records waiting since the commit before.

    ``interval`` unless a backlog waits. Then long enough that the commit was at most
    ``share`` of the time from its start to the next one, at most :data:`MAX_PAUSE_SECONDS`
    (or ``interval`` if longer).
    """
    if waiting < BACKLOG_RECORDS:
        return interval
    paced = held * (1 - share) / share if share < 1 else 0.0
    return min(max(interval, paced), max(interval, MAX_PAUSE_SECONDS))


class PacedCommits:
    """The consumer's commit timer and stalled-partition check (mixed into the consumer class
    ahead of Faust's)."""

    gate: CommitGate
    commit_share: float

    @Service.task
    async def _commit_handler(self: Any) -> None:
        # Replaces Faust's fixed-interval timer, a task of the same name.
        interval = self.commit_interval
        await self.sleep(interval)
        gate = self.gate
        while not self.should_stop:
            # Read before the commit: what the agents left waiting since the last one.
            backlog = gate.least_waiting()
            await self.commit()
            pause = commit_pause(gate.last_hold, interval, self.commit_share, backlog)
            gate.last_pause = pause
            await self.sleep(pause)

    @Service.task
    async def _commit_livelock_detector(self: Any) -> None:
        # Replaces Faust's task of the same name: the same check, less often.
        interval = livelock_check_interval(self.commit_interval)
        await self.sleep(interval)
        while not self.should_stop:
            if not self.app.rebalancing:
                await self.verify_all_partitions_active()
            await self.sleep(interval)
