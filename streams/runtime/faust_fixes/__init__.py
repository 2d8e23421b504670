"""Fixes to Faust's exactly-once processing, and every other reach into its internals.

Newswire's guarantee (each input has exactly one outcome, under SIGKILLs, rebalances and
restarts) needs these; the fault tests found each gap. One module per fix:

- :mod:`.routing`: sends join the source partition's transaction; stale producers stop.
- :mod:`.gate`: a commit never falls inside an event (agents ack by hand in the gate), and no
  event runs from a revocation's commit until the flow resumes.
- :mod:`.offsets`: commit one past the highest acked offset (Faust's gap list missed holes).
- :mod:`.producer_buffer`: a commit drains the changelog records still in Faust's buffer.
- :mod:`.commits`: a commit ends every partition's transaction at once.
- :mod:`.pacing`: the commit timer waits longer after a slow commit.
- :mod:`.retry_backoff`: transactional producers retry a refused request after 20 ms.
- :mod:`.refetch`: changelog records fetched and not handed over are fetched again.
- :mod:`.consumer_thread`: changelog end offsets come from the broker, so recovery skips none.
- :mod:`.stable_offsets`: committed offsets are read once no transaction still holds them.
- :mod:`.recovery`: after recovery, stream partitions start at their committed offsets.
- :mod:`.consumer`: the consumer subclass that carries the consumer-side fixes, and commits
  before Faust forgets a revoked partition's acked offsets.
- :mod:`.quiet_worker`: no start-up spinner, so the root logger keeps its level.
- :mod:`.internals`: read-only looks at state with no public accessor (lag, readiness).

:mod:`.hooks` lists every private name these rely on; :func:`install` checks them first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import faust

from streams.runtime.faust_fixes.commits import commit_concurrently
from streams.runtime.faust_fixes.consumer import gated_consumer
from streams.runtime.faust_fixes.gate import CommitGate
from streams.runtime.faust_fixes.hooks import FaustIncompatible, check_hooks
from streams.runtime.faust_fixes.producer_buffer import BufferWatch
from streams.runtime.faust_fixes.retry_backoff import with_txn_retry_backoff
from streams.runtime.faust_fixes.routing import SourceTransactionManager

__all__ = ["CommitGate", "FaustIncompatible", "check_hooks", "install"]


def install(app: faust.App, gate: CommitGate, commit_share: float = 1.0) -> None:
    """Give ``app`` every fix; raise :class:`FaustIncompatible` if one cannot apply.

    Timed commits hold the agents at most ``commit_share`` of the time (1: Faust's fixed
    interval).

    Set on this app's transport instance only, so other Faust apps in the process are untouched.
    """
    check_hooks()
    transport = app.transport
    base_producer = transport.Producer
    watches: list[BufferWatch] = []

    class WatchedProducer(base_producer):  # type: ignore[misc,valid-type]  # a class from faust
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            watches.append(BufferWatch(self.buffer))

        def _settings_extra(self) -> Mapping[str, Any]:
            return with_txn_retry_backoff(super()._settings_extra())

        async def commit_transactions(
            self,
            tid_to_offset_map: Mapping[str, Mapping[Any, int]],
            group_id: str,
            start_new_transaction: bool = True,
        ) -> None:
            await commit_concurrently(
                self._transaction_producers, self._trn_locks, tid_to_offset_map, group_id,
                start_new=start_new_transaction,
            )  # fmt: skip

    transport.Consumer = gated_consumer(transport.Consumer, app, gate, watches, commit_share)  # type: ignore[misc]
    transport.Producer = WatchedProducer  # type: ignore[misc]
    transport.TransactionManager = SourceTransactionManager  # type: ignore[misc]
