"""Cost of the pure core per article: parse + normalise, enrichment, dedupe (with stories).

`python bench/core.py [-n 2000]`: prints median and p99 microseconds per stage on ~3 KB
articles (synthetic ones and, when present, the real seed article), and the articles per
second one core gets through parse alone and parse + enrichment.
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path

from streams.core.dedupe import DictSeenStore
from streams.core.enrich import enrich, find_entities
from streams.core.enrich import load as load_enrichment
from streams.core.envelope import decode_message
from streams.core.events import IngestMeta
from streams.core.language import load_model
from streams.core.parser import parse_article
from streams.core.pipeline import Parsed, dedupe_stage, parse_stage, story_stage
from streams.core.records import StoryRequest
from streams.core.stories import DictStoryIndex
from streams.devtools.synthetic import synthetic_article

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "samples" / "defapress-77229.txt"


def timed(fn, arg) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter_ns()
    fn(arg)
    return (time.perf_counter_ns() - start) / 1000


def summary(name: str, samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    return f"{name:<28} median {statistics.median(samples):>8.0f} us   p99 {p99:>8.0f} us"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-n", type=int, default=2000)
    args = parser.parse_args()
    load_model()
    load_enrichment()
    pages = [synthetic_article(3_000_000 + i) for i in range(args.n)]
    if SEED.exists():
        pages[: args.n // 4] = [SEED.read_bytes()] * (args.n // 4)
    sizes = [len(p) for p in pages]
    print(f"{len(pages)} articles, mean {statistics.mean(sizes):.0f} bytes"
          f"{' (a quarter are the seed article)' if SEED.exists() else ''}")  # fmt: skip

    def parse(raw: bytes):  # type: ignore[no-untyped-def]
        return parse_article(decode_message(raw, max_bytes=1 << 21))

    articles = [parse(p) for p in pages]
    parse_us = [timed(parse, p) for p in pages]
    enrich_us = [timed(enrich, a) for a in articles]
    plain_us = [timed(lambda a: enrich(a, learned=False), a) for a in articles]
    rules_us = [timed(lambda a: find_entities(a, learned=False), a) for a in articles]
    learned_us = [timed(find_entities, a) for a in articles]
    now = datetime.now(UTC)
    drafts = [
        parse_stage(p, ingest=IngestMeta("t", 0, i), now=now, max_bytes=1 << 21)
        for i, p in enumerate(pages)
    ]
    store, stories = DictSeenStore(), DictStoryIndex()

    def dedupe_and_story(d: Parsed) -> object:
        outcome = dedupe_stage(d.draft, store=store, now=now)
        if isinstance(outcome, StoryRequest):
            return story_stage(outcome, stories=stories)
        return outcome

    dedupe_us = [timed(dedupe_and_story, d) for d in drafts if isinstance(d, Parsed)]
    full_us = [timed(lambda p: parse_stage(p, ingest=IngestMeta("t", 0, 0), now=now,
                                           max_bytes=1 << 21), p) for p in pages]  # fmt: skip
    print(summary("parse + normalise", parse_us))
    if SEED.exists():
        seed = pages[0]
        print(summary("  the seed article alone", [timed(parse, seed) for _ in range(args.n // 4)]))
    print(summary("enrichment", enrich_us))
    print(summary("  enrichment without the model", plain_us))
    print(summary("  entities, rules only", rules_us))
    print(summary("  entities, rules + model", learned_us))
    print(summary("parse stage (all of the above)", full_us))
    print(summary("dedupe + story", dedupe_us))
    parse_rate = 1e6 / statistics.mean(parse_us)
    full_rate = 1e6 / statistics.mean([a + b for a, b in zip(full_us, dedupe_us, strict=False)])
    print(f"one core: parse alone {parse_rate:,.0f} articles/s; "
          f"parse + enrich + dedupe {full_rate:,.0f} articles/s")  # fmt: skip


if __name__ == "__main__":
    main()
