"""SIGKILL the worker five times at random moments during 20,000 inputs (good, duplicate,
revised, bad; half keyed by their producer), restarting it each time: every input still has
exactly one outcome."""

from __future__ import annotations

import random
import signal
import time
from collections import Counter

from streams.core.pipeline import article_key
from streams.devtools.synthetic import synthetic_article
from tests.faults.test_hostile_input import WARNED, hostile
from tests.integration.conftest import Deployment

DISTINCT, REPEATS, REVISIONS, BAD = 14_000, 2_000, 2_000, 2_000
KILLS = 5


def test_five_sigkills_lose_nothing_and_repeat_nothing(deployment: Deployment) -> None:
    d = deployment
    rng = random.Random(7)
    first = 700_000
    inputs = [synthetic_article(first + i) for i in range(DISTINCT)]
    inputs += [synthetic_article(first + i) for i in range(REPEATS)]
    inputs += [synthetic_article(first + REPEATS + i, revision=2) for i in range(REVISIONS)]
    # Inputs bound for the DLQ (an article with an unreadable date is published instead).
    bad = (
        message for message, reason in (hostile(rng, i) for i in range(2 * BAD)) if reason != WARNED
    )
    inputs += [next(bad) for _ in range(BAD)]
    rng.shuffle(inputs)
    # Half the inputs keyed by article key, as `newswire produce` sends them (deduped where
    # they arrive), half unkeyed (re-keyed): both paths, and repeats that take the other one.
    keys = [
        found.encode() if i % 2 and (found := article_key(m, max_bytes=1 << 21)) else None
        for i, m in enumerate(inputs)
    ]
    for i in range(0, len(inputs), 2000):
        d.produce(inputs[i : i + 2000], keys[i : i + 2000])

    started = time.monotonic()
    worker = d.start_worker()
    for _ in range(KILLS):
        time.sleep(rng.uniform(4.0, 9.0))  # a random moment, not a wait for a condition
        d.stop(worker, signal.SIGKILL)
        worker = d.start_worker()
    out = d.read_outputs(expected=len(inputs))
    elapsed = time.monotonic() - started

    outcomes = [r for records in out.values() for r in records]
    by_input = Counter((r["ingest"]["partition"], r["ingest"]["offset"]) for r in outcomes)
    assert len(by_input) == len(inputs), "an input has no outcome"
    assert max(by_input.values()) == 1, "an input has two outcomes"
    assert len(out["dlq"]) == BAD
    assert len(out["duplicates"]) == REPEATS
    assert len(out["enriched"]) == DISTINCT + REVISIONS
    created = Counter(e["article_key"] for e in out["enriched"] if e["event_type"] == "created")
    assert len(created) == DISTINCT
    assert max(created.values()) == 1
    revisions = Counter((e["article_key"], e["revision"]) for e in out["enriched"])
    assert max(revisions.values()) == 1, "a revision number was used twice"
    print(
        f"\nSIGKILL x{KILLS}: {len(inputs)} inputs in {elapsed:.0f}s, "
        f"{len(out['enriched'])} events, {len(out['duplicates'])} duplicate notices, "
        f"{len(out['dlq'])} dead letters; lost 0, duplicated 0"
    )
