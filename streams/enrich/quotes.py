"""Direct quotations and who said them; and the sources an article cites."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon
from .tokens import Token, sentences

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


def find_quotes(
    text: str,
    tokens: list[Token],
    lex: Lexicon,
    speakers: list[tuple[int, int, str]],
) -> list[Quote]:
    """Quotations attributed by a speech verb to a speaker in the same sentence.

    ``speakers`` are (start, end, canonical name) spans of people and organisations.
    """
    quotes: list[Quote] = []
    spans = sentences(text)
    verbs = [t for t in tokens if t.text.lower() in lex.speech_verbs]
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
    at: int, s_start: int, verbs: list[Token], speakers: list[tuple[int, int, str]]
) -> str | None:
    verb = next((v for v in reversed(verbs) if s_start <= v.start < at), None)
    if verb is None:
        return None
    before = [s for s in speakers if s_start <= s[0] and s[1] <= verb.start]
    return before[-1][2] if before else None


def _speaker_after(
    text: str, at: int, s_end: int, verbs: list[Token], speakers: list[tuple[int, int, str]]
) -> str | None:
    # '"...", Pompeo said' or '"...", said Pompeo': speaker and verb right after the quote.
    window_end = min(s_end, at + 80)
    verb = next((v for v in verbs if at <= v.start < window_end), None)
    if verb is None:
        return None
    near = [s for s in speakers if at <= s[0] < window_end]
    return near[0][2] if near else None


def find_attributions(
    text: str,
    tokens: list[Token],
    lex: Lexicon,
    sources: list[tuple[int, int, str]],
) -> list[Attribution]:
    """'<source> reported' and 'according to <source>' citations."""
    found: list[Attribution] = []
    seen: set[tuple[str, str]] = set()
    index = {t.start: i for i, t in enumerate(tokens)}
    for start, end, name in sources:
        after = next((t for t in tokens if t.start >= end), None)
        if after is not None and after.text.lower() in lex.report_verbs:
            key = (name, after.text.lower())
            if key not in seen:
                seen.add(key)
                found.append(Attribution(name, after.text.lower()))
        i = index.get(start)
        if i is not None and i >= 2:
            back = [t.text.lower() for t in tokens[max(0, i - 3) : i]]
            if "according" in back and "to" in back:
                key = (name, "according to")
                if key not in seen:
                    seen.add(key)
                    found.append(Attribution(name, "according to"))
    return found
