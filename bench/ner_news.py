"""Entities in real news articles nobody on the project wrote: rules, model and both, one run.

`python bench/ner_news.py [--pages DIR] [--errors]`: the bodies of three dozen English news
pages of the shared extraction benchmark (`../shared/benchmarks/article-extraction`), with the
people, places and organisations a reader finds in each, listed for the project in
`bench/data/ner-news.json` (its comment gives the conventions). Scored per article as
`newswire eval --ner` scores (distinct strings, micro-averaged; relaxed lets a surname match the
full name); strings listed as either way count neither as found nor as missed. The events'
quotations are matched to the listed ones by their first words, then their speakers. One
table per split: `dev` articles were read for error classes, `test` and `test2` only scored.
With
`--errors`, what the events miss and find wrongly, per article.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from streams.devtools.extraction import BENCHMARK
from streams.devtools.ner_eval import evaluate_news

ANNOTATIONS = Path(__file__).resolve().parent / "data" / "ner-news.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=BENCHMARK)
    parser.add_argument("--errors", action="store_true", help="list the events' errors")
    args = parser.parse_args()
    if not (args.pages / "ground-truth.json").exists():
        raise SystemExit(f"no benchmark at {args.pages} (it lives in ../shared, beside a checkout)")
    reports = evaluate_news(args.pages, ANNOTATIONS, print if args.errors else None)
    for split, report in reports.items():
        print(f"\n{split}: {report.documents} articles; per article, distinct strings")
        print(report.table())
        for kind, what in (("all", "quotations"), ("speaker", "quotations with their speaker")):
            c = report.counts[("newswire", "quotes", kind)]
            print(f"newswire   {what:<31} P {c.precision:.2f}  R {c.recall:.2f}  F1 {c.f1:.2f}"
                  f"  ({c.tp_gold} of {c.gold} listed)")  # fmt: skip


if __name__ == "__main__":
    main()
