"""Direct quotations and who said them; and the sources an article cites."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import ahocorasick

from .lexicon import Lexicon
from .tokens import Word, sentences, words_before

__all__ = ["Attribution", "Quote", "find_attributions", "find_quotes"]

_QUOTE = re.compile(r'"([^"\n]{1,2000})"')
_MIN_QUOTE_WORDS = 2


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation and its speaker (a person or organisation named in the text)."""

    text: str
    speaker: str | None
    start: int


@dataclass(frozen=True, slots=True)
class Attribution:
    """A source the article cites and the words that cite it."""

    source: str
    cue: str


def _verbs(text: str, lex: Lexicon) -> list[Word]:
    """Speech verbs as whole words, found in one automaton pass over the lower-cased text."""
    lowered = text.lower()
    found = []
    for end_index, verb in _verb_automaton(lex.speech_verbs).iter(lowered):
        start, end = end_index - len(verb) + 1, end_index + 1
        if (start == 0 or not lowered[start - 1].isalnum()) and (
            end == len(lowered) or not lowered[end].isalnum()
        ):
            found.append(Word(text[start:end], start, end))
    return found


@functools.cache
def _verb_automaton(verbs: frozenset[str]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for verb in verbs:
        automaton.add_word(verb, verb)
    automaton.make_automaton()
    return automaton


def find_quotes(
    text: str,
    lex: Lexicon,
    speakers: list[tuple[int, int, str]],
) -> list[Quote]:
    """Quotations attributed by a speech verb to a speaker in the same sentence.

    ``speakers`` are (start, end, canonical name) spans of people and organisations.
    """
    quotes: list[Quote] = []
    spans = sentences(text)
    verbs = _verbs(text, lex)
    for m in _QUOTE.finditer(text):
        content = m.group(1).strip(" ,.")
        if len(content.split()) < _MIN_QUOTE_WORDS:
            continue  # a single quoted word is emphasis, not a quotation
        s_start, s_end = next(((a, b) for a, b in spans if a <= m.start() < b), (0, len(text)))
        speaker = _speaker_before(m.start(), s_start, verbs, speakers)
        if speaker is None:
            speaker = _speaker_after(text, m.end(), s_end, verbs, speakers)
        if speaker is None:
            # A second quotation in the sentence: "...", and would "..." (same speaker).
            speaker = next(
                (q.speaker for q in reversed(quotes) if s_start <= q.start < s_end and q.speaker),
                None,
            )
        if speaker is not None:
            quotes.append(Quote(content, speaker, m.start()))
    return quotes


def _speaker_before(
    at: int, s_start: int, verbs: list[Word], speakers: list[tuple[int, int, str]]
) -> str | None:
    verb = next((v for v in reversed(verbs) if s_start <= v.start < at), None)
    if verb is None:
        return None
    before = [s for s in speakers if s_start <= s[0] and s[1] <= verb.start]
    return before[-1][2] if before else None


def _speaker_after(
    text: str, at: int, s_end: int, verbs: list[Word], speakers: list[tuple[int, int, str]]
) -> str | None:
    # '"...", Pompeo said' or '"...", said Pompeo': speaker and verb right after the quote.
    window_end = min(s_end, at + 80)
    verb = next((v for v in verbs if at <= v.start < window_end), None)
    if verb is None:
        return None
    near = [s for s in speakers if at <= s[0] < window_end]
    return near[0][2] if near else None


_NEXT_WORD = re.compile(r"[ \t]+(\w+)")


def find_attributions(
    text: str,
    lex: Lexicon,
    sources: list[tuple[int, int, str]],
) -> list[Attribution]:
    """'<source> reported' and 'according to <source>' citations."""
    found: list[Attribution] = []
    seen: set[tuple[str, str]] = set()
    for start, end, name in sources:
        cues = []
        after = _NEXT_WORD.match(text, end)
        if after is not None and after.group(1).lower() in lex.report_verbs:
            cues.append(after.group(1).lower())
        back = [w.text.lower() for w in words_before(text, start, 3)]
        if "according" in back and "to" in back:
            cues.append("according to")
        for cue in cues:
            if (name, cue) not in seen:
                seen.add((name, cue))
                found.append(Attribution(name, cue))
    return found
