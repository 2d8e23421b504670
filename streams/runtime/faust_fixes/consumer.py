"""Faust's consumer with the fixes that live in it: gated commits drained of the producer
buffer, our commit offsets, recovery seeks, and commit-before-revoke; its thread
(:mod:`.consumer_thread`) carries broker end offsets and stable committed offsets."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from typing import Any

import faust

from streams.runtime.faust_fixes.consumer_thread import FixedConsumerThread
from streams.runtime.faust_fixes.gate import CommitGate
from streams.runtime.faust_fixes.internals import forget_unacked
from streams.runtime.faust_fixes.offsets import next_offset
from streams.runtime.faust_fixes.pacing import PacedCommits
from streams.runtime.faust_fixes.producer_buffer import BufferWatch
from streams.runtime.faust_fixes.recovery import holds_flow, seek_still_wanted, unread_partitions
from streams.runtime.faust_fixes.refetch import RefetchSkippedChangelogs

__all__ = ["gated_consumer"]

logger = logging.getLogger(__name__)


def gated_consumer(
    base: type,
    app: faust.App,
    gate: CommitGate,
    watches: Sequence[BufferWatch],
    commit_share: float = 1.0,
) -> type:
    """A subclass of Faust's consumer class ``base`` for ``app``; its timed commits hold the
    agents at most ``commit_share`` of the time (:mod:`.pacing`)."""
    gate_, commit_share_ = gate, commit_share

    class GatedConsumer(PacedCommits, RefetchSkippedChangelogs, base):  # type: ignore[misc]  # a class from faust
        _revocations = 0  # rebalances begun: a seek begun before the last one is outdated
        _seeking: asyncio.Lock | None = None  # made on first use, in the worker's event loop
        # What the paced commit timer reads.
        gate = gate_
        commit_share = commit_share_

        def _base_new_offset(self, tp: Any) -> int | None:
            return super()._new_offset(tp)  # type: ignore[no-any-return]

        async def force_commit(self, topics: Any = None, start_new_transaction: bool = True) -> Any:
            async with gate.commit():
                # No event runs now; its changelog records must be in this transaction.
                for watch in watches:
                    await watch.drain()
                return await super().force_commit(
                    topics, start_new_transaction=start_new_transaction
                )

        def ack(self, message: Any) -> bool:
            if not message.tracked:
                # Faust's stream acks a message it skipped unseen (the flow was suspended for
                # a rebalance, or it came from an older generation). No agent handled it: it
                # is read again after the seek, and its offset must not count as done (our
                # commit offset is one past the highest acked).
                logger.debug("ignored the ack of skipped %s@%d", message.tp, message.offset)
                return False
            return bool(super().ack(message))

        def _new_offset(self, tp: Any) -> int | None:
            return next_offset(self, tp)

        def _new_consumer_thread(self) -> Any:
            return FixedConsumerThread(self, loop=self.loop, beacon=self.beacon)

        def resume_partitions(self, tps: Any) -> None:
            tps = set(tps)
            if holds_flow(tps, self._is_changelog_tp):
                self.stop_flow()
                app.flow_control.suspend()
            super().resume_partitions(tps)

        def resume_flow(self) -> None:
            if app.tables.recovery.completed.is_set():  # type: ignore[attr-defined]  # always there
                self._reseek = asyncio.ensure_future(self._seek_then_resume(self._revocations))
                return
            self._flow_on()

        def _flow_on(self, *, events: bool = False) -> None:
            self._resumes = getattr(self, "_resumes", 0) + 1
            if events:
                gate.resume_events()
            super().resume_flow()

        async def seek_to_committed(self) -> Any:
            resumes, revocations = getattr(self, "_resumes", 0), self._revocations
            if self._seeking is None:
                self._seeking = asyncio.Lock()
            # One seek at a time, each whole: recovery's seek and the one Faust's fetcher asks
            # for while the flow is stopped used to interleave, and one moved partitions
            # after the other had resumed the flow.
            async with self._seeking:
                return await self._seek_to_committed(resumes, revocations)

        async def _seek_to_committed(self, resumes: int, revocations: int) -> Any:
            # A partition nobody has committed is read from its earliest offset: ask for
            # those first (a slow request), so that every partition moves at once below.
            streams = [tp for tp in self.assignment() if not self._is_changelog_tp(tp)]
            earliest: dict[Any, int] = {}
            if streams and app.conf.consumer_auto_offset_reset == "earliest":
                earliest = dict(await self.earliest_offsets(*streams))
            # Commit what was handled first, and let no event run until the partitions have
            # moved: the committed offsets are then where handling stands, and the seek
            # re-reads nothing already handled. Events taken before it are stale (gate.py).
            async with gate.commit():
                for watch in watches:
                    await watch.drain()
                await super().force_commit()
                committed = await self._thread.committed_offsets()
                if not seek_still_wanted(resumes, getattr(self, "_resumes", 0), self.flow_active):
                    logger.debug("seek dropped: the flow resumed while its offsets were read")
                    return {}
                if self._revocations != revocations:
                    # A rebalance began: its recovery seeks, and every event taken before it
                    # is stale already.
                    logger.debug("seek dropped: a rebalance began while its offsets were read")
                    return {}
                targets = {tp: offset for tp, offset in committed.items() if offset}
                for tp in unread_partitions(committed, self._is_changelog_tp):
                    if tp in earliest:
                        targets[tp] = earliest[tp]
                # No await between the seeks: none lands after the flow resumes. Each read
                # offset moves with its partition: Faust hands over no record below it, and
                # it would otherwise drop the records read again up to where it had read
                # (stale events dropped below, never read again: inputs lost).
                for tp, offset in targets.items():
                    self._thread.seek(tp, offset)
                    self._read_offset[tp] = offset
                gate.drop_taken()
            return committed

        async def _seek_then_resume(self, revocations: int) -> None:
            # The flow may be on already: recovery turned it on to read the changelogs, and
            # with nothing to restore it resumed before it counted as complete. A seek finds
            # the flow on and drops itself (a resumer seeked first), and the events dropped
            # as stale at the revocation were never read again: inputs lost on partitions
            # the worker kept (seen in the two-worker fault test). Stop it: events are held
            # until this seek has moved every partition.
            if self.flow_active:
                self.stop_flow()
            try:
                await self.perform_seek()
            except Exception as exc:  # a new rebalance: its recovery seeks again
                logger.warning("seek after recovery failed (%r); a rebalance will seek", exc)
            if self._revocations != revocations:
                # A rebalance began during the seek. Resuming here would run events on the
                # new assignment before its recovery has restored the tables and moved the
                # partitions to their committed offsets. Its recovery seeks and resumes.
                logger.info("flow left stopped: a rebalance began during the seek")
                return
            self._flow_on(events=True)

        async def on_partitions_revoked(self, revoked: Any) -> None:
            # Faust forgets the revoked partitions' acked offsets first and commits after, so
            # what was handled since the last commit stayed in the open transaction while the
            # next assignment replayed it: both copies committed. Commit first, with every
            # event stopped until the flow resumes (gate.py): Faust ends the transactions
            # later in the revocation, and an event run in between would be committed there
            # without its offset.
            self._revocations += 1
            await gate.stop_events()
            self.stop_flow()
            app.flow_control.suspend()
            await self.force_commit()
            forget_unacked(self)  # events taken before now are stale; Faust must not wait
            await super().on_partitions_revoked(revoked)

    return GatedConsumer
