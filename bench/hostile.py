"""Time per adversarial 2 MiB input (streams/devtools/adversarial.py): parsing stays linear.

Usage: python bench/hostile.py [--repeat 3]. Prints the best of the repeats per input, in
seconds, beside a plain 2 MiB article-shaped input for scale.
"""

from __future__ import annotations

import argparse
import time
from datetime import UTC, datetime

from streams.core.enrich import load as load_enrichment
from streams.core.events import IngestMeta
from streams.core.language import load_model
from streams.core.pipeline import Rejected, parse_stage
from streams.devtools.adversarial import LIMIT, adversarial_inputs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load_model()
    load_enrichment()
    inputs = adversarial_inputs()
    plain = ("Title\nTEHRAN (defapress) - Lead.\n" + "A plain sentence of news. " * 80000)[
        : LIMIT - 64
    ].encode()
    inputs["plain_article"] = lambda: plain
    print(f"{'input':22} {'best s':>8}  outcome")
    for name, build in sorted(inputs.items()):
        raw = build()
        best = float("inf")
        outcome = None
        for _ in range(args.repeat):
            started = time.perf_counter()
            outcome = parse_stage(
                raw, ingest=IngestMeta("b", 0, 0), now=datetime.now(UTC), max_bytes=LIMIT
            )
            best = min(best, time.perf_counter() - started)
        kind = f"rejected: {outcome.reason}" if isinstance(outcome, Rejected) else "parsed"
        print(f"{name:22} {best:8.3f}  {kind}")


if __name__ == "__main__":
    main()
