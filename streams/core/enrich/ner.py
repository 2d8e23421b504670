"""A learned entity recogniser: a linear-chain CRF over tokens, with the word lists as features.

The model (``data/ner.crfsuite``, trained by ``make train-ner``) tags PER, LOC and ORG in BIO.
Features come from each token's own string and its neighbours', plus what the gazetteer and the
lexicon say of it, so the word lists steer the model rather than decide alone. Training and
tagging share this module, so the features are the same in both.

Cost: a word's features depend only on the word, so they are computed once per distinct word
and remembered; and only stretches of text within two tokens of a capitalised word are tagged,
since an English name is capitalised.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pycrfsuite

from .gazetteer import Gazetteer, Hit, gazetteer
from .lexicon import Lexicon, lexicon

__all__ = [
    "MODEL_FILE",
    "Featuriser",
    "Recogniser",
    "Span",
    "recogniser",
    "tokenise",
]

MODEL_FILE = "ner.crfsuite"
LABELS = ("PER", "LOC", "ORG")

# Tokens as the training sets cut them: possessive 's apart, abbreviations with their dots,
# punctuation alone.
_TOKEN = re.compile(
    r"\w+(?:[-&]\w+|['\u2019](?![sS]\b)\w+)*"
    r"(?:\.(?:\w\.)+"  # U.S., e.g.
    r"|(?<=\b(?:Mr|Ms|Dr|St|Lt|Jr|Sr|Mt))\.|(?<=\b(?:Mrs|Gen|Col|Sen|Rep|Gov|Maj|Sgt|Adm))\."
    r"|(?<=\b(?:Prof|Capt|Brig))\.)?"
    r"|['\u2019][sS]\b"
    r"|[^\w\s]"
)
_MAX_REMEMBERED = 10_000  # distinct words whose features are kept (1.3 KiB each)
_REACH = 2  # tokens of context either side of a capitalised word that get tagged
_GAP = 6  # untagged tokens between two stretches that are cheaper tagged than split


@dataclass(frozen=True, slots=True)
class Span:
    """An entity the model found: its label and character offsets."""

    label: str
    start: int
    end: int


def tokenise(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """(token, start, end) for every token of ``text[start:end]``."""
    stop = len(text) if end is None else end
    return [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def _shape(word: str) -> str:
    out: list[str] = []
    for ch in word[:12]:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)


class Featuriser:
    """Token features for the CRF, with the word lists; one per process."""

    def __init__(self, gaz: Gazetteer, lex: Lexicon) -> None:
        self._gaz = gaz
        self._lex = lex
        self._words: dict[str, tuple[list[str], list[str], list[str], str, str]] = {}
        #: Capitalised only at a sentence's start: never a name, nothing to tag around.
        self.stopwords = lex.stopwords
        self._org_words = frozenset(
            w for alias in lex.organizations for w in alias.split() if w[:1].isupper()
        )

    def _word(self, word: str) -> tuple[list[str], list[str], list[str], str, str]:
        """(own features, as left neighbour, as right neighbour, -2 form, +2 form)."""
        known = self._words.get(word)
        if known is not None:
            return known
        lower = word.lower()
        shape = _shape(word)
        own = [f"w={lower}", f"sh={shape}", f"p3={lower[:3]}", f"s3={lower[-3:]}",
               f"s2={lower[-2:]}"]  # fmt: skip
        flags = []
        if word[:1].isupper():
            flags.append("cap")
            if word.isupper() and len(word) > 1:
                flags.append("upper")
        if len(word) == 1:
            flags.append("len1")
        readings = self._gaz.automaton.get(word, None) or (
            self._gaz.automaton.get(word.title(), None) if word.isupper() else None
        )
        if readings:
            flags += sorted({f"g:{p.kind}" for p in readings[1]})
        lex = self._lex
        if lower in lex.role_words:
            flags.append("role")
        if word in lex.honorifics or word.rstrip(".") in lex.honorifics:
            flags.append("hon")
        if word in lex.org_heads or word.title() in lex.org_heads:
            flags.append("orghead")
        if word in lex.name_stopwords:
            flags.append("stop")
        if word in lex.given_names or (word.isupper() and word.title() in lex.given_names):
            flags.append("given")
        if word in self._org_words:
            flags.append("orgword")
        own += flags
        left = [f"-1:w={lower}", f"-1:sh={shape}", *(f"-1:{f}" for f in flags)]
        right = [f"+1:w={lower}", f"+1:sh={shape}", *(f"+1:{f}" for f in flags)]
        known = (own, left, right, f"-2:w={lower}", f"+2:w={lower}")
        if len(self._words) >= _MAX_REMEMBERED:
            self._words.clear()
        self._words[word] = known
        return known

    def features(
        self, words: Sequence[str], marks: Sequence[str | None], lo: int = 0, hi: int | None = None
    ) -> list[list[str]]:
        """Features of tokens ``lo`` to ``hi`` of a sentence (all by default), with the whole
        sentence as context; ``marks`` are per-token phrase marks (a multi-word gazetteer
        match), or None."""
        n = len(words)
        hi = n if hi is None else hi
        first = max(0, lo - 2)
        table = [self._word(w) for w in words[first : min(n, hi + 2)]]
        items = []
        for i in range(lo, hi):
            at = i - first
            item = list(table[at][0])
            if i:
                item += table[at - 1][1]
                item.append(f"b-1={table[at - 1][0][0][2:]}|{table[at][0][0][2:]}")
                if i > 1:
                    item.append(table[at - 2][3])
            else:
                item.append("BOS")
            if i + 1 < n:
                item += table[at + 1][2]
                item.append(f"b+1={table[at][0][0][2:]}|{table[at + 1][0][0][2:]}")
                if i + 2 < n:
                    item.append(table[at + 2][4])
            else:
                item.append("EOS")
            if marks[i]:
                item.append(str(marks[i]))
            items.append(item)
        return items

    def phrases(self, text: str) -> list[Hit]:
        """The gazetteer's matches in ``text``."""
        return self._gaz.find(text)

    def marks(
        self, text: str, tokens: Sequence[tuple[str, int, int]], hits: Sequence[Hit] | None = None
    ) -> list[str | None]:
        """Per token: whether a gazetteer phrase of several words covers it, and as what.
        ``hits``: the gazetteer's matches in ``text``, when the caller has them already."""
        marks: list[str | None] = [None] * len(tokens)
        if not tokens:
            return marks
        starts = {start: i for i, (_, start, _) in enumerate(tokens)}
        for start, end, surface, readings in self.phrases(text) if hits is None else hits:
            if " " not in surface or start not in starts:
                continue
            kind = readings[0].kind if readings else "place"
            i = starts[start]
            while i < len(tokens) and tokens[i][1] < end:
                marks[i] = f"G:{kind}"
                i += 1
        return marks


class Recogniser:
    """The trained model and its features; ``spans(text)`` gives the entities of a text."""

    def __init__(self, tagger: Any, featuriser: Featuriser, weights: bytes = b"") -> None:
        self._tagger = tagger
        self._featuriser = featuriser
        self._weights = weights

    def spans(self, text: str, start: int = 0, hits: Sequence[Hit] | None = None) -> list[Span]:
        """Entities in ``text[start:]``, tagged one line at a time.

        ``hits``: the gazetteer's matches in the whole of ``text``, when the caller has them
        (the place finder scans the same text). No name spans a line break, so a line's share
        of them is what scanning the line alone would give.
        """
        if hits is None:
            hits = self._featuriser.phrases(text)
        found: list[Span] = []
        line_start = start
        at = 0  # the first hit not before this line (hits are in text order)
        while line_start < len(text):
            line_end = text.find("\n", line_start)
            line_end = len(text) if line_end < 0 else line_end
            while at < len(hits) and hits[at][0] < line_start:
                at += 1
            first = at
            while at < len(hits) and hits[at][0] < line_end:
                at += 1
            line_hits = [
                (s - line_start, e - line_start, surface, readings)
                for s, e, surface, readings in hits[first:at]
            ]
            found += self._line(text[line_start:line_end], line_start, line_hits)
            line_start = line_end + 1
        return found

    def _line(self, line: str, offset: int, hits: list[Hit]) -> list[Span]:
        words = _TOKEN.findall(line)
        # Only stretches near a capitalised word can hold a name ("The", "But" cannot).
        skip = self._featuriser.stopwords
        wanted = [i for i, w in enumerate(words) if w[:1].isupper() and w.lower() not in skip]
        if not wanted:
            return []
        featuriser = self._featuriser
        tokens: list[tuple[str, int, int]] | None = None
        marks: list[str | None] = [None] * len(words)
        if any(" " in hit[2] for hit in hits):
            tokens = _located(line, words)
            marks = featuriser.marks(line, tokens, hits)
        found: list[Span] = []
        for lo, hi in _stretches(wanted, len(words)):
            tags = self._tagger.tag(featuriser.features(words, marks, lo, hi))
            if all(tag == "O" for tag in tags):
                continue
            tokens = tokens or _located(line, words)
            found += [
                Span(s.label, s.start + offset, s.end + offset)
                for s in _decode(tags, tokens[lo:hi])
            ]
        return found


def _located(line: str, words: list[str]) -> list[tuple[str, int, int]]:
    """Each token with its offsets (tokens come in order, separated by white space only)."""
    out = []
    at = 0
    for w in words:
        at = line.index(w, at)
        out.append((w, at, at + len(w)))
        at += len(w)
    return out


def _stretches(wanted: list[int], n: int) -> list[tuple[int, int]]:
    """Merged [lo, hi) windows of _REACH tokens around each wanted index."""
    out: list[tuple[int, int]] = []
    for i in wanted:
        lo, hi = max(0, i - _REACH), min(n, i + _REACH + 1)
        # Close stretches are tagged as one: each call to the tagger has a fixed cost.
        if out and lo <= out[-1][1] + _GAP:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _decode(tags: Sequence[str], tokens: Sequence[tuple[str, int, int]]) -> list[Span]:
    spans: list[Span] = []
    label, start, end = None, 0, 0
    for tag, (_, s, e) in zip(tags, tokens, strict=True):
        kind = tag[2:] if tag != "O" else None
        if kind is not None and tag[0] == "I" and kind == label:
            end = e
            continue
        if label is not None:
            spans.append(Span(label, start, end))
        label, start, end = kind, s, e
    if label is not None:
        spans.append(Span(label, start, end))
    return spans


@functools.cache
def recogniser() -> Recogniser | None:
    """The packaged model, loaded once; None when the package was built without one."""
    model = resources.files("streams.core").joinpath("data", MODEL_FILE)
    if not model.is_file():
        return None
    weights = model.read_bytes()
    tagger = pycrfsuite.Tagger()
    # CRFsuite reads the weights in place, without a copy: the bytes live as long as the tagger.
    tagger.open_inmemory(weights)
    return Recogniser(tagger, Featuriser(gazetteer(), lexicon()), weights)
