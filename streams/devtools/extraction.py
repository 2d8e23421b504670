"""Scoring article-body extraction on the shared benchmark, side by side with peers.

The benchmark's own metric (its README): ``\\w+`` tokens, 4-token shingles as a multiset, per
page precision and recall normalised so that TP+FP+FN = 1; precision averaged over pages with an
answer, recall over all pages (an empty answer scores 0), F1 of the two means. Used by
``bench/extraction.py`` and by the test that keeps Newswire's figure from regressing.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from streams.config.paths import checkout_root
from streams.core.envelope import RawDocument
from streams.core.errors import NewswireError
from streams.core.parser import parse_article

__all__ = ["BENCHMARK", "Tally", "newswire", "page_scores", "publish_days", "run", "shingles"]

#: ``../shared/benchmarks/article-extraction`` beside a checkout (never in the project itself).
BENCHMARK = (checkout_root() or Path.cwd()).parent / "shared" / "benchmarks" / "article-extraction"

_WORD = re.compile(r"\w+")
_SHINGLE = 4

Extractor = Callable[[str, str], str | None]


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """The benchmark's unit: 4-token shingles of the ``\\w+`` tokens, as a multiset."""
    tokens = _WORD.findall(text)
    if len(tokens) < _SHINGLE:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1))


def page_scores(predicted: str, truth: str) -> tuple[float, float]:
    """Per-page precision and recall (the benchmark normalises TP+FP+FN to 1 first, which
    leaves both ratios as they are)."""
    got, want = shingles(predicted), shingles(truth)
    tp = sum((got & want).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    total = tp + fp + fn
    if total == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


@dataclass
class Tally:
    """One tool's results over the benchmark."""

    name: str
    precisions: list[float] = field(default_factory=list)
    recalls: list[float] = field(default_factory=list)
    millis: list[float] = field(default_factory=list)
    rejected: Counter[str] = field(default_factory=Counter)

    def add(self, predicted: str | None, truth: str, ms: float, reason: str | None) -> None:
        self.millis.append(ms)
        if not predicted:
            self.rejected[reason or "empty"] += 1
            self.recalls.append(0.0)
            return
        precision, recall = page_scores(predicted, truth)
        self.precisions.append(precision)
        self.recalls.append(recall)

    @property
    def precision(self) -> float:
        return statistics.fmean(self.precisions) if self.precisions else 0.0

    @property
    def recall(self) -> float:
        return statistics.fmean(self.recalls) if self.recalls else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self) -> str:
        p, r, f1 = self.precision, self.recall, self.f1
        ordered = sorted(self.millis)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        rejected = sum(self.rejected.values())
        why = ", ".join(f"{n} {k}" for k, n in self.rejected.most_common(3))
        return (
            f"{self.name:<18} F1 {f1:.3f}  P {p:.3f}  R {r:.3f}  "
            f"rejected/empty {rejected:>3}{f' ({why})' if why else ''}  "
            f"median {statistics.median(self.millis):6.2f} ms  p95 {p95:6.2f} ms"
        )


def newswire(html: str, url: str) -> str | None:
    article = parse_article(RawDocument(html, content_type="text/html", url=url))
    return "\n".join(part for part in (article.lead, *article.body) if part)


def _trafilatura() -> Extractor | None:
    try:
        import trafilatura  # noqa: PLC0415  # an optional peer, installed only to compare
    except ImportError:
        return None

    def extract(html: str, url: str) -> str | None:
        text = trafilatura.extract(html, url=url)
        return text if isinstance(text, str) else None

    return extract


def _readability() -> Extractor | None:
    try:
        from lxml.html import fromstring  # noqa: PLC0415  # optional, as above
        from readability import Document  # noqa: PLC0415  # optional, as above
    except ImportError:
        return None

    def extract(html: str, url: str) -> str | None:
        summary = Document(html, url=url).summary(html_partial=True)
        return str(fromstring(summary).text_content()) if summary else None

    return extract


def run(pages: Path, only: set[str] | None) -> list[Tally]:
    truth = json.loads((pages / "ground-truth.json").read_text(encoding="utf-8"))
    tools: dict[str, Extractor | None] = {
        "newswire": newswire,
        "trafilatura": _trafilatura(),
        "readability-lxml": _readability(),
    }
    tallies = []
    for name, extract in tools.items():
        if only and name not in only:
            continue
        if extract is None:
            print(f"{name:<18} not installed: skipped")
            continue
        tally = Tally(name)
        for page_id, expected in sorted(truth.items()):
            html = gzip.decompress((pages / "html" / f"{page_id}.html.gz").read_bytes())
            text = html.decode("utf-8", errors="replace")
            started = time.perf_counter()
            reason = None
            try:
                predicted = extract(text, expected.get("url", ""))
            except NewswireError as exc:
                predicted, reason = None, exc.reason
            except Exception as exc:  # a peer's crash counts as an empty answer
                predicted, reason = None, type(exc).__name__
            tally.add(
                predicted, expected["articleBody"], (time.perf_counter() - started) * 1e3, reason
            )
        tallies.append(tally)
    return tallies


def publish_days(pages: Path) -> str:
    """Publish days found by Newswire and by trafilatura (htmldate inside), and how often they
    agree. The benchmark labels no dates, so agreement with the best peer is the figure."""
    try:
        import trafilatura  # noqa: PLC0415  # optional, as above
    except ImportError:
        return "publish days: trafilatura not installed, no comparison"
    truth = json.loads((pages / "ground-truth.json").read_text(encoding="utf-8"))
    ours = theirs = both = same = 0
    for page_id, expected in sorted(truth.items()):
        html = gzip.decompress((pages / "html" / f"{page_id}.html.gz").read_bytes())
        text, url = html.decode("utf-8", errors="replace"), expected.get("url", "")
        try:
            moment = parse_article(RawDocument(text, content_type="text/html", url=url))
            day = moment.published_at.date().isoformat() if moment.published_at else None
        except NewswireError:
            day = None
        meta = trafilatura.extract_metadata(text, default_url=url)
        peer = meta.date if meta is not None and meta.date else None
        ours += day is not None
        theirs += peer is not None
        if day and peer:
            both += 1
            same += day == peer
    return (
        f"publish day found: newswire {ours}/{len(truth)}, trafilatura {theirs}/{len(truth)}; "
        f"same day on {same} of the {both} pages where both found one"
    )
