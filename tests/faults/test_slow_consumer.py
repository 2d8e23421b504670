"""A slow consumer under a burst: 20,000 articles (about 60 MB) wait in the topic before the
worker starts, far more than it could hold at once. Its memory must stay bounded by its fetch
and buffer sizes, not grow with the backlog.
"""

from __future__ import annotations

import threading
import time

from streams.devtools.synthetic import synthetic_article
from tests.integration.conftest import Deployment

BURST = 20_000
# An idle worker takes about 260 MiB (Python, Faust, the enrichment data and model). The
# 20,000 articles' state comes on top (a dedupe record and a story entry each, bounded by the
# retention, not by the backlog), and the bounded caches (the recogniser's words, at most
# 13 MiB; the language scorer's walks, at most 6 MiB). Fetch buffers must not add more.
RSS_BOUND_MIB = 500


def _rss_mib(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def test_rss_stays_bounded_through_a_large_backlog(deployment: Deployment) -> None:
    d = deployment
    d.produce([synthetic_article(1_200_000 + i) for i in range(BURST)])
    worker = d.start_worker()
    samples: list[float] = []
    done = threading.Event()

    def sample() -> None:
        # Bounded: stops when the outputs are in, or after the read below gives up.
        while not done.wait(0.25):
            samples.append(_rss_mib(worker.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    started = time.monotonic()
    try:
        out = d.read_outputs(expected=BURST)
    finally:
        done.set()
        sampler.join(5)
    elapsed = time.monotonic() - started
    assert len(out["enriched"]) == BURST
    peak = max(samples)
    print(
        f"\nslow consumer: {BURST} articles ({BURST * 3 // 1000} MB) waiting before the start, "
        f"handled in {elapsed:.0f}s ({BURST / elapsed:.0f}/s); worker RSS peak {peak:.0f} MiB, "
        f"final {samples[-1]:.0f} MiB (bound {RSS_BOUND_MIB} MiB)"
    )
    assert peak < RSS_BOUND_MIB
