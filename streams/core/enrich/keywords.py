"""Keywords by RAKE (Rose et al., 2010: phrases between stop words, scored by word degree over
frequency) and topics from the taxonomy in ``data/topics.json``."""

from __future__ import annotations

import heapq
import re

from .lexicon import Lexicon

__all__ = ["keywords", "topics"]

_WORD = re.compile(r"[^\W\d_][\w'-]*[\w]|[^\W\d_]")
_MAX_PHRASE = 3
_TOP = 8


# Words and the punctuation that breaks phrases, in one pass.
_WORD_OR_BREAK = re.compile(r"[^\W\d_][\w'-]*[\w]|[^\W\d_]|[.,;:!?()\"\n]")


def _phrases(text: str, stop: frozenset[str]) -> list[list[str]]:
    phrases: list[list[str]] = []
    current: list[str] = []
    for w in _WORD_OR_BREAK.findall(text.lower().replace("'s ", " ")):
        if len(w) < 3 or w in stop:  # stop words, short words and punctuation all break
            if current:
                phrases.append(current)
                current = []
            continue
        current.append(w)
        if len(current) == _MAX_PHRASE:
            phrases.append(current)
            current = []
    if current:
        phrases.append(current)
    return phrases


def keywords(text: str, lex: Lexicon) -> list[tuple[str, float]]:
    """The top phrases with scores scaled so the best is 1.0."""
    freq: dict[str, int] = {}
    degree: dict[str, int] = {}
    counts: dict[tuple[str, ...], int] = {}
    for p in _phrases(text, lex.stopwords):
        for w in p:
            freq[w] = freq.get(w, 0) + 1
            degree[w] = degree.get(w, 0) + len(p)
        key = tuple(p)
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return []
    # A phrase seen more than once outranks a one-off of the same score.
    scored = [
        (sum(degree[w] / freq[w] for w in p) * (1 + 0.5 * (n - 1)), " ".join(p))
        for p, n in counts.items()
    ]
    ranked = heapq.nsmallest(_TOP, scored, key=lambda s: (-s[0], s[1]))
    best = ranked[0][0]
    return [(phrase, round(score / best, 3)) for score, phrase in ranked]


def topics(text: str, lex: Lexicon) -> list[tuple[str, float]]:
    """Topics whose terms the text uses, scored by the sum of their weights (capped at 1)."""
    words = _WORD.findall(text.lower())
    present = set(words)
    # Terms of several words are looked for only where one could start, not at every word.
    starts, longest = lex.topic_phrase_starts, lex.topic_phrase_longest
    for i, word in enumerate(words):
        if word in starts:
            present.update(" ".join(words[i : i + n]) for n in range(2, longest + 1))
    found = []
    for topic, terms in lex.topics.items():
        score = min(1.0, sum(weight for term, weight in terms.items() if term in present))
        if score >= lex.topic_min_score:
            found.append((topic, round(score, 3)))
    return sorted(found, key=lambda kv: (-kv[1], kv[0]))
