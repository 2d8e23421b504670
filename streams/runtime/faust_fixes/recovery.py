"""After table recovery, stream partitions start exactly at their committed offsets.

Three gaps in Faust's recovery, each seen in the two-worker fault test:

* Recovery resumes the stream partitions while the flow is on (it was turned on to read the
  changelogs) and only then seeks them to their committed offsets: records fetched from the
  old position in between were handled, and handled again after the seek. The flow is held
  from the moment a stream partition resumes until the seeks are done.
* Faust resumes its flow control, which empties the stream queues, after the partitions fetch
  again: records fetched in between were dropped with their read offsets taken, and never read
  again (inputs lost). The worker seeks to the committed offsets once more after the queues
  are emptied, before anything flows.
* aiokafka leaves a partition with no committed offset at its fetch position, which may be
  past records fetched and dropped when the flow stopped. Such a partition is read from its
  earliest offset, asked from the broker, as the group's first reader does; aiokafka's
  ``seek_to_beginning`` leaves the position unset until its fetcher resets it, and Faust's
  livelock check asserted on that.
* Faust's fetcher seeks to the committed offsets whenever records arrive while the flow is
  stopped, and that seek reads the offsets one partition at a time. When the flow resumed
  before it finished (at the end of recovery, for one), its last seeks moved partitions back
  under records already handled but not yet committed: they were handled again, and both
  copies committed. A seek now reads every offset first and then moves every partition at
  once, and only if the flow has not resumed in the meantime.
* Any seek to the committed offsets went back under what was handled since the last commit,
  and handled it again in the same transaction. A seek now commits first, with every event
  held until the partitions have moved.
* The seek after one recovery could end after the next rebalance had begun, and it resumed
  the flow and the events there, before that rebalance's recovery had restored the tables
  and moved the new assignment's partitions to their committed offsets. Events must not run
  on an assignment before its recovery has seeked, so a seek overtaken by a rebalance now
  leaves the flow stopped for that rebalance's recovery to resume.
* Recovery's seek and one that Faust's fetcher asked for while the flow was stopped ran
  interleaved. Under load, the fetcher's seek of a partition no one had committed yet (to its
  earliest offset, a slow request) landed after recovery's seek had resumed the flow, while a
  fetch was under way: that fetch was handed over after the seek, and Faust, whose read
  offset filter lets its last read offset through again, handed the partition's last record
  of that fetch over a second time when it was read again from its start. Both copies were
  committed. Seeks now run one at a time, each whole, and a seek is dropped once the flow has
  resumed (whoever resumed it seeked first).
* Faust moves its read offsets (it hands over no record below one) to the committed offsets
  only when the seek returns, and the seek asked the broker for earliest offsets after moving
  the partitions: records fetched again in the meantime fell under the old read offsets and
  were dropped. A seek now asks for the earliest offsets first, and moves each read offset
  with its partition.
* With nothing to restore, recovery resumed the flow (on to read the changelogs) before it
  counted as complete, so the seek after recovery found the flow on and dropped itself; the
  events dropped as stale at the revocation were never read again, and the partitions the
  worker kept lost them (15 to 20 inputs, twice, in the two-worker fault test under load).
  That seek now stops the flow first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["holds_flow", "seek_still_wanted", "unread_partitions"]


def holds_flow(resumed: Iterable[Any], is_changelog: Callable[[Any], bool]) -> bool:
    """Whether resuming these partitions must stop the flow first: any stream partition."""
    return any(not is_changelog(tp) for tp in resumed)


def unread_partitions(
    committed: Mapping[Any, int | None], is_changelog: Callable[[Any], bool]
) -> list[Any]:
    """Stream partitions with no committed offset yet: to be read from their start."""
    return [tp for tp, offset in committed.items() if not offset and not is_changelog(tp)]


def seek_still_wanted(resumes_before: int, resumes_now: int, flow_active: bool) -> bool:
    """Whether a seek asked while the flow was stopped may still move the partitions.

    Not once the flow has resumed since (whoever resumed it seeked first): records handled
    from then on would be read again.
    """
    return resumes_now == resumes_before and not flow_active
