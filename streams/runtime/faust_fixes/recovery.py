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
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["holds_flow", "unread_partitions"]


def holds_flow(resumed: Iterable[Any], is_changelog: Callable[[Any], bool]) -> bool:
    """Whether resuming these partitions must stop the flow first: any stream partition."""
    return any(not is_changelog(tp) for tp in resumed)


def unread_partitions(
    committed: Mapping[Any, int | None], is_changelog: Callable[[Any], bool]
) -> list[Any]:
    """Stream partitions with no committed offset yet: to be read from their start."""
    return [tp for tp, offset in committed.items() if not offset and not is_changelog(tp)]
