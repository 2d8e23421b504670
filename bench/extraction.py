"""Article-body extraction on real pages nobody on the project wrote, side by side with peers.

`python bench/extraction.py [--pages DIR] [--only newswire,trafilatura]`: runs Newswire's HTML
path and the peers that are installed (trafilatura, readability-lxml; `pip install trafilatura
readability-lxml`) on the shared benchmark (`../shared/benchmarks/article-extraction`: 181 news
and blog pages with the body a person marked) in one run, and prints per tool the benchmark's
own metric (F1, precision, recall over 4-token shingles), the pages it rejected or returned
empty, and the median and p95 milliseconds per page; then the publish days Newswire and
trafilatura find, and how often they agree (the benchmark labels no dates).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from streams.devtools.extraction import BENCHMARK, publish_days, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=BENCHMARK)
    parser.add_argument("--only", help="comma-separated tool names")
    args = parser.parse_args()
    if not (args.pages / "ground-truth.json").exists():
        raise SystemExit(f"no benchmark at {args.pages} (it lives in ../shared, beside a checkout)")
    only = set(args.only.split(",")) if args.only else None
    tallies = run(args.pages, only)
    print(f"\n{len(tallies[0].millis) if tallies else 0} pages, {args.pages}")
    for tally in tallies:
        print(tally.line())
    if not only or {"newswire", "trafilatura"} <= only:
        print(publish_days(args.pages))


if __name__ == "__main__":
    main()
