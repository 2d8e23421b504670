"""Two workers in one group on six partitions: one is killed mid-stream, the other takes over
its partitions (and rebuilds their tables from the changelog), then it comes back. Every input
still has exactly one outcome, and no revision number is repeated or skipped."""

from __future__ import annotations

import signal
import time
from collections import defaultdict

import pytest

from streams.synthetic import synthetic_article
from tests.integration.conftest import Deployment, free_port

ARTICLES = 3_000
REVISIONS = 3  # each article is sent in three versions, in order


@pytest.mark.partitions(6)
@pytest.mark.skip(
    reason="known bug (issue 6): after one of two workers is SIGKILLed, the survivor's "
    "GlobalTable recovery of the story index crashes with Faust's ConsistencyError "
    "(persisted offset above the changelog's highwater, which reads -1 while the dead "
    "worker's transaction is still open). Kept to reproduce it; enable once fixed."
)
def test_kill_one_of_two_workers_and_bring_it_back(deployment: Deployment) -> None:
    d = deployment
    first = 800_000
    # Versions of one article go out in order, in separate waves, so revision numbers must
    # come out as 1, 2, 3 whichever worker owns the key at the time.
    waves = [
        [synthetic_article(first + i, revision=r) for i in range(ARTICLES)]
        for r in range(1, REVISIONS + 1)
    ]
    a = d.start_worker(web_port=free_port())
    b = d.start_worker(web_port=free_port())
    started = time.monotonic()
    d.produce(waves[0])
    d.read_outputs(expected=ARTICLES // 3, timeout=120)
    d.stop(b, signal.SIGKILL)  # b dies mid-stream; a takes over all six partitions
    d.read_outputs(expected=ARTICLES, timeout=300)
    d.produce(waves[1])
    d.read_outputs(expected=ARTICLES + ARTICLES // 3, timeout=300)
    d.start_worker(web_port=free_port())  # b comes back; partitions are shared again
    d.read_outputs(expected=2 * ARTICLES, timeout=300)
    d.produce(waves[2])
    out = d.read_outputs(expected=3 * ARTICLES, timeout=300)
    elapsed = time.monotonic() - started

    assert a.poll() is None
    assert out["dlq"] == []
    assert out["duplicates"] == []
    assert len(out["enriched"]) == ARTICLES * REVISIONS
    seen_inputs = {(e["ingest"]["partition"], e["ingest"]["offset"]) for e in out["enriched"]}
    assert len(seen_inputs) == ARTICLES * REVISIONS, "an input had two outcomes"
    revisions: dict[str, list[int]] = defaultdict(list)
    for e in out["enriched"]:
        revisions[e["article_key"]].append(e["revision"])
    assert len(revisions) == ARTICLES
    bad = {k: v for k, v in revisions.items() if sorted(v) != list(range(1, REVISIONS + 1))}
    assert not bad, f"revision numbers repeated or skipped: {list(bad.items())[:5]}"
    print(
        f"\ntwo workers: {ARTICLES * REVISIONS} inputs in {elapsed:.0f}s, one SIGKILLed and "
        "restarted; lost 0, duplicated 0, revisions repeated or skipped 0"
    )
