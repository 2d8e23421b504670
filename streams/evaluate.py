"""Field accuracy of the parser over a labelled corpus of ``NAME.txt|html`` + ``NAME.json``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .dates import rfc3339
from .envelope import RawDocument, decode_message
from .errors import NewswireError
from .parser import parse_article

__all__ = ["FIELDS", "CorpusReport", "evaluate_corpus"]

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
    for page in sorted(root.iterdir()):
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
