"""Entities on real news articles nobody on the project wrote: rules, model and both, one run.

`python bench/ner_news.py [--pages DIR]`: the article bodies of a dozen English news pages of
the shared extraction benchmark (`../shared/benchmarks/article-extraction`), with the people,
places and organisations a reader finds in each, listed for the project in
`bench/data/ner-news.json` (its comment gives the conventions). Scored per article as
`newswire eval --ner` scores (distinct strings, micro-averaged; relaxed lets a surname match the
full name); strings the list marks as either way count neither as found nor as missed. With
`--errors`, the misses and the wrong finds of the system named.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from streams.core.article import Article
from streams.devtools.extraction import BENCHMARK
from streams.devtools.ner_eval import LABELS, SYSTEMS, Found, NerReport

ANNOTATIONS = Path(__file__).resolve().parent / "data" / "ner-news.json"


def _article(body: str) -> Article:
    paragraphs = [p.strip() for p in body.split("\n") if p.strip()]
    return Article("bench", "", paragraphs[0], tuple(paragraphs[1:]), language="en")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=Path, default=BENCHMARK)
    parser.add_argument("--errors", choices=tuple(SYSTEMS), help="list this system's errors")
    args = parser.parse_args()
    truth = args.pages / "ground-truth.json"
    if not truth.exists():
        raise SystemExit(f"no benchmark at {args.pages} (it lives in ../shared, beside a checkout)")
    pages = json.loads(truth.read_text(encoding="utf-8"))
    wanted = {k: v for k, v in json.loads(ANNOTATIONS.read_text()).items() if k[0] != "_"}
    report = NerReport()
    for prefix, listed in wanted.items():
        key = next(k for k in pages if k.startswith(prefix))
        article = _article(pages[key]["articleBody"])
        ignore = set(listed["ignore"])
        gold: Found = {label: set(listed[label]) for label in LABELS}
        report.documents += 1
        for name, system in SYSTEMS.items():
            found = {label: strings - ignore for label, strings in system(article).items()}
            report.add(name, found, gold)
            if name == args.errors:
                for label in LABELS:
                    missed, wrong = gold[label] - found[label], found[label] - gold[label]
                    print(f"{prefix} {label} missed {sorted(missed)} wrong {sorted(wrong)}")
    print(f"{report.documents} articles, {ANNOTATIONS.name}; per article, distinct strings")
    print(report.table())


if __name__ == "__main__":
    main()
