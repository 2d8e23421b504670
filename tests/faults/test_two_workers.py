"""Two workers in one group on six partitions: one is killed mid-stream, the other takes over
its partitions (and rebuilds their tables from the changelog), then it comes back. Every input
still has exactly one outcome, and no revision number is repeated or skipped."""

from __future__ import annotations

import signal
import time
import urllib.request
from collections import defaultdict
from typing import Any

import pytest

from streams.core import jsonio
from streams.devtools.synthetic import synthetic_article
from tests.integration.conftest import Deployment, free_port, metric, scrape, wait_for

ARTICLES = 3_000
REVISIONS = 3  # each article is sent in three versions, in order


@pytest.mark.partitions(6)
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
    d.read_outputs(expected=ARTICLES // 3)
    d.stop(b, signal.SIGKILL)  # b dies mid-stream; a takes over all six partitions
    d.read_outputs(expected=ARTICLES)
    d.produce(waves[1])
    d.read_outputs(expected=ARTICLES + ARTICLES // 3)
    d.start_worker(web_port=free_port())  # b comes back; partitions are shared again
    d.read_outputs(expected=2 * ARTICLES)
    d.produce(waves[2])
    out = d.read_outputs(expected=3 * ARTICLES)
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


def _readyz(port: int) -> dict[str, Any]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
            return dict(jsonio.loads(response.read()))
    except (OSError, ValueError):  # not up yet, or 503 while not ready
        return {}


@pytest.mark.partitions(6)
def test_near_duplicates_join_one_story_across_workers(deployment: Deployment) -> None:
    """Re-posts deduped on either worker meet in the one story index."""
    d = deployment
    ports = [free_port(), free_port()]
    for port in ports:
        d.start_worker(web_port=port)

    def split() -> bool:
        # Both ready, each owning some of the re-key topic's partitions, none shared.
        owned = [
            {p for p in _readyz(port).get("assigned", []) if p.startswith(d.settings.topic_parsed)}
            for port in ports
        ]
        return all(owned) and not owned[0] & owned[1] and len(owned[0] | owned[1]) == 6

    wait_for(split, timeout=120, what="two ready workers sharing the partitions")
    original = synthetic_article(66_001)
    d.produce([original])
    d.read_outputs(expected=1)
    # 24 re-posts of the same page under new IDs: their keys spread over the six partitions,
    # so both workers dedupe some, and each must reach the story the original started.
    reposts = [
        original.replace(b"News ID: 66001", f"News ID: {n}".encode()) for n in range(8801, 8825)
    ]
    d.produce(reposts)
    out = d.read_outputs(expected=25)
    assert len(out["enriched"]) == 25
    assert len({e["story_id"] for e in out["enriched"]}) == 1
    pages = [scrape(port) for port in ports]
    deduped = [metric(p, "newswire_processing_seconds_count", stage="dedupe") for p in pages]
    joins = [metric(p, "newswire_story_joins_total") for p in pages]
    assert sum(deduped) == 25
    assert min(deduped) > 0, f"one worker deduped every article: {deduped}"
    assert sum(joins) == 24
    print(
        f"\nstory across two workers: 24 re-posts joined one story "
        f"(deduped per worker {deduped}, joins per worker {joins})"
    )
