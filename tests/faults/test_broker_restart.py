"""The broker stops and comes back mid-stream: the worker reconnects on its own, and every input
still has exactly one outcome.

This stops the test session's own local Kafka (the one `newswire kafka start` runs from this
checkout's state folder) and starts it again; with a broker started some other way it skips.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter

import pytest

from streams.config.settings import Settings
from streams.devtools.localkafka import LocalKafka
from streams.devtools.synthetic import synthetic_article
from streams.runtime.admin import broker_answers
from tests.integration.conftest import Deployment, wait_for

ARTICLES = 1_500
# The restarted broker outlives the test (it is the session's broker); its process handle is
# kept here so that it is not collected, with a warning, while the broker still runs.
_RESTARTED: list[LocalKafka] = []


def _our_broker(bootstrap: str) -> LocalKafka:
    kafka = LocalKafka(Settings.from_env().state_dir, port=int(bootstrap.rsplit(":", 1)[1]))
    if not kafka.status().running:
        message = "the broker was not started from this checkout, so this test cannot restart it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return kafka


def test_worker_rides_out_a_broker_restart(deployment: Deployment) -> None:
    d = deployment
    bootstrap = d.settings.kafka_bootstrap
    kafka = _our_broker(bootstrap)
    worker = d.start_worker()
    pages = [synthetic_article(910_000 + i) for i in range(ARTICLES)]
    half = ARTICLES // 2
    d.produce(pages[:half])
    d.read_outputs(expected=half // 3)  # mid-stream

    started = time.monotonic()
    kafka.stop()
    wait_for(
        lambda: not asyncio.run(broker_answers(bootstrap, wait=0.5)), timeout=30,
        what="the broker to stop answering",
    )  # fmt: skip
    down = time.monotonic() - started
    kafka.start()
    _RESTARTED.append(kafka)
    outage = time.monotonic() - started
    assert worker.poll() is None, f"the worker died while the broker was down:\n{d.logs()}"

    d.produce(pages[half:])
    out = d.read_outputs(expected=ARTICLES)
    recovered = time.monotonic() - started
    assert worker.poll() is None, "the worker restarted or died"
    assert out["dlq"] == []
    assert out["duplicates"] == []
    assert len(out["enriched"]) == ARTICLES
    outcomes = Counter((e["ingest"]["partition"], e["ingest"]["offset"]) for e in out["enriched"])
    assert max(outcomes.values()) == 1, "an input had two outcomes"
    assert {e["article_key"] for e in out["enriched"]} == {
        f"defapress:{910_000 + i}" for i in range(ARTICLES)
    }
    print(
        f"\nbroker restart: {ARTICLES} inputs; broker down after {down:.1f}s, back after "
        f"{outage:.1f}s; every outcome in {recovered:.0f}s from the stop; lost 0, duplicated 0, "
        "worker restarts 0"
    )
