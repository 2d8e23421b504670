"""Spans of text the enrichment works on: capitalised runs, nearby words, sentences.

Regular expressions do the scanning in C; Python only looks at the few spans they return
(a 3 KB article has a few dozen capitalised runs, against several hundred words).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

import ahocorasick

__all__ = [
    "DIGIT",
    "Word",
    "capitalised_runs",
    "cue_matches",
    "name_before",
    "sentences",
    "word_automaton",
    "words_before",
    "words_in",
]

# A dot ends a sentence unless it ends a title abbreviation or an initial.
_TITLES = "Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Brig|Adm|Prof|Sen|Rep|St|Jr|Sr|Gov|Capt"
_ABBREVIATION = rf"(?:{_TITLES})\."
_NO_END = re.compile(rf"(?:{_TITLES}|(?:[A-Z]\.)*[A-Z])")  # "Dr", "J", "J.R" before the dot
_NAME_WORD = (
    rf"(?:{_ABBREVIATION}|[A-Z][\w'-]*\w|(?:[A-Z]\.)+|(?:al|el|ad|as|ash|at|az|ul)-[A-Z][\w'-]*\w)"
)
_PARTICLE = r"(?:al|bin|ibn|de|da|van|von|der|la|le|el|of)"
# Capitalised words joined by single spaces (never a line break), particles allowed between.
# The look-behind and look-ahead let the engine skip most positions cheaply.
_START = r"(?<![\w'-])(?=[A-Z]|[a-z]{2,3}-[A-Z])"
_RUN = re.compile(rf"{_START}{_NAME_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_NAME_WORD})*")
_ORG_CONNECTOR = r"(?:of|and|for|the|on)"
# The same for organisation names, whose connectors are more varied ("Ministry of Roads and").
_ORG_RUN = re.compile(rf"{_START}{_NAME_WORD}(?:[ \t]+(?:{_ORG_CONNECTOR}[ \t]+)*{_NAME_WORD})*")
_WORD = re.compile(r"[\w][\w'.-]*[\w]|[\w]|,")
#: Any digit: a cheap first test (run in C) for finders whose patterns all need one.
DIGIT = re.compile(r"\d")
# Closing and opening marks of every quotation style the quote finder reads (« », „ “, 「 」).
# A stop and up to two closing marks ("...to do it.'\"") before the next capital, or the end
# of a paragraph.
_SENTENCE_END = re.compile(
    "[.!?][\"')\\]\u201d\u201c\u2019\u00bb\u203a\u300d\u300f]{0,2}"
    "(?=\\s+[\"'(\u201c\u201e\u2018\u00ab\u2039\u300c\u300e]?[A-Z])|\n"
)


# Up to four capitalised words ending where a cue starts ("Vicenza" of "Vicenza striker").
_NAME_BEFORE = re.compile(r"(?<![\w&'.-])([A-Z][\w&'.-]*(?: (?:& )?[A-Z][\w&'.-]*){0,3})$")
_NAME_REACH = 80  # characters before a cue that can hold the name


def name_before(text: str, at: int, start: int = 0) -> str | None:
    """The capitalised name (up to four words) that ends at ``at`` on its line, if any.

    Finders look for their cue first, with a pattern that opens on fixed text ("'s wife",
    " striker"), which the regex engine finds with a fast scan, and read the name here: a
    pattern that opens on the name is tried at every position of the article.
    """
    line_start = max(start, text.rfind("\n", 0, at) + 1, at - _NAME_REACH)
    m = _NAME_BEFORE.search(text, line_start, at)
    return m.group(1) if m else None


def cue_matches(
    text: str, cues: Iterable[tuple[str, re.Pattern[str]]], start: int = 0
) -> Iterator[re.Match[str]]:
    """Matches of each ``(fixed text, pattern)`` cue in ``text[start:]``; a pattern is tried
    only where a substring test (in C) finds its fixed text: most articles hold few cues."""
    cues = tuple(cues)
    present = {fixed for _, fixed in _cue_automaton(cues).iter(text, start)}
    for fixed, pattern in cues:
        if fixed in present:
            yield from pattern.finditer(text, start)


@functools.cache
def _cue_automaton(cues: tuple[tuple[str, re.Pattern[str]], ...]) -> ahocorasick.Automaton:
    """One automaton for a finder's fixed texts: one pass over the article finds which are
    there (a substring test per cue cost 2 us each on 3 KB)."""
    return word_automaton(fixed for fixed, _ in cues)


def word_automaton(words: Iterable[str]) -> ahocorasick.Automaton:
    """An automaton that finds each of ``words`` (its value is the word)."""
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


class Word(NamedTuple):
    """One word and where it stands in the text."""

    text: str
    start: int
    end: int


def capitalised_runs(text: str, *, organisations: bool = False) -> tuple[tuple[int, int], ...]:
    """(start, end) of every run of capitalised words (within one line). The people and the
    organisation finders both ask for the runs of one article: the last few are kept."""
    return _runs(text, organisations)


@functools.lru_cache(maxsize=4)
def _runs(text: str, organisations: bool) -> tuple[tuple[int, int], ...]:
    pattern = _ORG_RUN if organisations else _RUN
    return tuple(m.span() for m in pattern.finditer(text))


def words_in(text: str, start: int, end: int) -> list[Word]:
    """The words (and commas) of ``text[start:end]``, possessive 's split off."""
    return _words(_WORD.finditer(text, start, end))


def _words(matches: Iterable[re.Match[str]]) -> list[Word]:
    out: list[Word] = []
    for m in matches:
        w = m.group()
        if w.endswith("'s") and len(w) > 2:
            out.append(Word(w[:-2], m.start(), m.end() - 2))
            out.append(Word("'s", m.end() - 2, m.end()))
        elif w.endswith(".") and "." not in w[:-1] and len(w) > 4:
            out.append(Word(w[:-1], m.start(), m.end() - 1))
        else:
            out.append(Word(w, m.start(), m.end()))
    return out


def words_before(text: str, at: int, count: int, *, reach: int = 80) -> list[Word]:
    """Up to ``count`` words right before offset ``at`` on the same line."""
    line_start = text.rfind("\n", 0, at) + 1
    # Only the last few matches become words: most callers want one to five of ~15.
    matches = list(_WORD.finditer(text, max(line_start, at - reach), at))
    return _words(matches[-count:])[-count:]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.group() == ".":
            word = text[
                max(text.rfind(" ", 0, m.start()), text.rfind("\n", 0, m.start())) + 1 : m.start()
            ]
            if _NO_END.fullmatch(word.lstrip("\"'(\u201c\u201e\u00ab")):
                continue  # "said Dr. Marstrand", "J. Okafor": no end of a sentence
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def written_lower(text: str, word: str) -> bool:
    """``text`` also writes ``word`` in lower case, as a whole word: a capital there is the
    sentence's, not a name's ("Former", "Key")."""
    pattern = r"(?<![\w'\u2019-])" + re.escape(word.lower()) + r"(?![\w'\u2019-])"
    return re.search(pattern, text) is not None
