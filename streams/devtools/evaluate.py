"""Field accuracy of the parser over a labelled corpus of ``NAME.txt|html`` + ``NAME.json``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streams.core.dates import rfc3339
from streams.core.enrich import enrich
from streams.core.envelope import RawDocument, decode_message
from streams.core.errors import NewswireError
from streams.core.parser import parse_article

__all__ = [
    "ENTITY_FIELDS",
    "FIELDS",
    "CorpusReport",
    "EnrichmentReport",
    "Score",
    "evaluate_corpus",
    "evaluate_enrichment",
]

#: The fields compared, in the order reported.
FIELDS = (
    "title", "news_id", "published_at", "updated_at", "dateline_city", "agency", "language",
    "lead", "body",
)  # fmt: skip
_PAGE_SUFFIXES = {".txt": "text/plain", ".html": "text/html", ".htm": "text/html"}


@dataclass
class CorpusReport:
    """Per-field hits over the pages that had expectations."""

    pages: int = 0
    hits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    misses: list[tuple[str, str, Any, Any]] = field(default_factory=list)

    def accuracy(self, name: str) -> float:
        """Share of pages whose ``name`` field matched, 0..1."""
        return self.hits[name] / self.pages if self.pages else 0.0

    def table(self) -> str:
        """The report as an aligned text table."""
        rows = [f"{'field':<15} {'correct':>9} {'accuracy':>9}"]
        for name in FIELDS:
            rows.append(
                f"{name:<15} {self.hits[name]:>4}/{self.pages:<4} {self.accuracy(name):>9.1%}"
            )
        return "\n".join(rows)


def _pairs(root: Path) -> Iterator[tuple[Path, Path]]:
    for page in sorted(root.rglob("*")):  # sub-folders too (hand-written pages)
        if page.suffix in _PAGE_SUFFIXES and (expected := page.with_suffix(".json")).exists():
            yield page, expected


def _observed(page: Path) -> dict[str, Any]:
    raw = page.read_bytes()
    doc = decode_message(raw, max_bytes=len(raw) + 1)
    if _PAGE_SUFFIXES[page.suffix] == "text/html":
        doc = RawDocument(text=doc.text, content_type="text/html")
    article = parse_article(doc)
    return {
        "title": article.title,
        "news_id": article.news_id,
        "published_at": rfc3339(article.published_at) if article.published_at else None,
        "updated_at": rfc3339(article.updated_at) if article.updated_at else None,
        "dateline_city": article.dateline_city,
        "agency": article.dateline_agency,
        "language": article.language,
        "lead": article.lead,
        "body": list(article.body),
    }


def evaluate_corpus(root: Path) -> CorpusReport:
    """Parse every page under ``root`` that has a ``.json`` beside it and compare fields."""
    report = CorpusReport()
    for page, expected_path in _pairs(root):
        expected = json.loads(expected_path.read_text("utf-8"))
        report.pages += 1
        try:
            observed = _observed(page)
        except NewswireError as exc:
            for name in FIELDS:
                report.misses.append((page.name, name, expected.get(name), f"<{exc.reason}>"))
            continue
        for name in FIELDS:
            if observed[name] == expected.get(name):
                report.hits[name] += 1
            else:
                report.misses.append((page.name, name, expected.get(name), observed[name]))
    return report


#: What the enrichment corpus scores: each a set compared per article.
ENTITY_FIELDS = ("persons", "organizations", "countries", "quotes", "speakers", "topics")


@dataclass
class Score:
    """True positives, false positives and false negatives, summed over articles."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EnrichmentReport:
    """Precision, recall and F1 per field over an enrichment corpus."""

    articles: int = 0
    scores: dict[str, Score] = field(default_factory=lambda: {f: Score() for f in ENTITY_FIELDS})
    misses: list[tuple[str, str, list[Any], list[Any]]] = field(default_factory=list)

    def table(self) -> str:
        rows = [f"{'field':<15} {'precision':>9} {'recall':>9} {'F1':>9} {'tp/fp/fn':>12}"]
        for name in ENTITY_FIELDS:
            s = self.scores[name]
            rows.append(
                f"{name:<15} {s.precision:>9.3f} {s.recall:>9.3f} {s.f1:>9.3f} "
                f"{f'{s.tp}/{s.fp}/{s.fn}':>12}"
            )
        return "\n".join(rows)


def _observed_entities(page: Path) -> dict[str, set[Any]]:
    raw = page.read_bytes()
    article = parse_article(decode_message(raw, max_bytes=len(raw) + 1))
    e = enrich(article).to_dict()
    return {
        "persons": {p["name"] for p in e["entities"]["persons"]},
        "organizations": {o["name"] for o in e["entities"]["organizations"]},
        "countries": {c["code"] for c in e["countries"]},
        "quotes": {q["text"] for q in e["quotes"]},
        "speakers": {(q["text"], q["speaker"]) for q in e["quotes"]},
        "topics": {t["topic"] for t in e["topics"]},
    }


def evaluate_enrichment(root: Path) -> EnrichmentReport:
    """Score enrichment on every ``NAME.txt`` under ``root`` with an entity ``NAME.json``."""
    report = EnrichmentReport()
    for page, expected_path in _pairs(root):
        expected = json.loads(expected_path.read_text("utf-8"))
        if "persons" not in expected:
            continue
        want: dict[str, set[Any]] = {
            "persons": set(expected["persons"]),
            "organizations": set(expected["organizations"]),
            "countries": set(expected["countries"]),
            "quotes": {q for q, _ in expected["quotes"]},
            "speakers": {(q, s) for q, s in expected["quotes"]},
            "topics": set(expected.get("topics", ())),
        }
        got = _observed_entities(page)
        report.articles += 1
        for name in ENTITY_FIELDS:
            s = report.scores[name]
            s.tp += len(want[name] & got[name])
            s.fp += len(got[name] - want[name])
            s.fn += len(want[name] - got[name])
            if want[name] != got[name]:
                report.misses.append(
                    (page.name, name, sorted(map(str, want[name] - got[name])),
                     sorted(map(str, got[name] - want[name])))
                )  # fmt: skip
    return report
