"""Organisations: known bodies and news agencies by name, '<demonym> <subject> ministry'
phrases, and capitalised phrases built on an organisation noun."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import ahocorasick

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .tokens import Token

__all__ = ["Organization", "find_organizations"]

_CONNECTORS = frozenset({"of", "and", "for", "the", "on"})


@dataclass
class Organization:
    """An organisation, the country it belongs to when the text says, and its mentions."""

    name: str
    country: str | None = None
    mentions: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)


def _demonym_country(gaz: Gazetteer, word: str) -> tuple[str, str] | None:
    """(demonym, code) for a demonym or a country name ("Russia" -> "Russian")."""
    found = gaz.automaton.get(word, None)
    for place in found[1] if found else ():
        if place.kind == "demonym" and place.country:
            return word, place.country
        if place.kind == "country" and place.country:
            return gaz.demonyms.get(place.country, word), place.country
    return None


def _country_inside(gaz: Gazetteer, words: list[str]) -> str | None:
    """The country a body's name contains: Central Bank of Iran -> IR."""
    for w in words:
        found = _demonym_country(gaz, w)
        if found:
            return found[1]
    return None


class _Found:
    """Organisations collected so far, and the spans no other entity may take."""

    def __init__(self, taken: list[tuple[int, int]]) -> None:
        self.orgs: dict[str, Organization] = {}
        self.taken = taken

    def add(self, name: str, country: str | None, start: int, end: int) -> None:
        if any(start < e and end > s for s, e in self.taken):
            return
        org = self.orgs.setdefault(name, Organization(name, country))
        org.mentions += 1
        org.spans.append((start, end))
        self.taken.append((start, end))


@functools.cache
def _alias_automaton(aliases: tuple[tuple[str, str], ...]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for alias, name in aliases:
        automaton.add_word(alias, (alias, name))
    automaton.make_automaton()
    return automaton


def _known(text: str, lex: Lexicon, agencies: dict[str, str], found: _Found) -> None:
    """Known bodies and news agencies: one automaton pass, whole words, longest first."""
    aliases = tuple(sorted({**agencies, **lex.organizations}.items()))
    hits = []
    for end_index, (alias, name) in _alias_automaton(aliases).iter(text):
        start, end = end_index - len(alias) + 1, end_index + 1
        if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
            continue
        hits.append((start, end, name))
    hits.sort(key=lambda h: (-(h[1] - h[0]), h[0]))
    for start, end, name in hits:
        found.add(name, None, start, end)


def _ministries(tokens: list[Token], lex: Lexicon, gaz: Gazetteer, found: _Found) -> None:
    """'<demonym>? <subject> ministry': the Russian foreign ministry."""
    words = [t.text for t in tokens]
    lowered = [w.lower() for w in words]
    for i, w in enumerate(lowered):
        if w != "ministry" or i == 0:
            continue
        for subject in lex.ministries:
            a = i - len(subject)
            if a < 0 or tuple(lowered[a:i]) != subject:
                continue
            # "Russian foreign ministry", or "Russia's foreign ministry"
            b = a - 2 if a >= 2 and words[a - 1] == "'s" else a - 1
            demonym = _demonym_country(gaz, words[b]) if b >= 0 else None
            title = " ".join(x.capitalize() for x in subject)
            name = f"{demonym[0]} {title} Ministry" if demonym else f"{title} Ministry"
            start = tokens[b].start if demonym else tokens[a].start
            found.add(name, demonym[1] if demonym else None, start, tokens[i].end)
            break


def _militaries(tokens: list[Token], lex: Lexicon, gaz: Gazetteer, found: _Found) -> None:
    """'<demonym> army|navy|military|...': the Iranian army."""
    lowered = [t.text.lower() for t in tokens]
    firsts = {subject[0] for subject in lex.military_subjects}
    for i in range(1, len(tokens)):
        if lowered[i] not in firsts:
            continue
        for subject in lex.military_subjects:
            end = i + len(subject)
            if tuple(lowered[i:end]) != subject:
                continue
            demonym = _demonym_country(gaz, tokens[i - 1].text)
            if demonym is not None and tokens[i - 1].text == demonym[0]:
                title = " ".join(x.capitalize() for x in subject)
                found.add(f"{demonym[0]} {title}", demonym[1], tokens[i - 1].start,
                          tokens[end - 1].end)  # fmt: skip
            break


def _named_bodies(
    text: str, tokens: list[Token], lex: Lexicon, gaz: Gazetteer, *, found: _Found, start_at: int
) -> None:
    """Capitalised phrases on an organisation noun: Ministry of Roads and Urban Development."""
    words = [t.text for t in tokens]
    n, i = len(tokens), 0

    def capital(k: int) -> bool:
        return tokens[k].capitalised and words[k][0].isalpha()

    def joins(k: int) -> bool:
        if "\n" in text[tokens[k - 1].end : tokens[k].start]:
            return False
        return capital(k) or (words[k] in _CONNECTORS and k + 1 < n and capital(k + 1))

    while i < n:
        if not capital(i) or tokens[i].start < start_at:
            i += 1
            continue
        j = i + 1
        while j < n and joins(j):
            j += 1
        span, first = words[i:j], i
        demonym = _demonym_country(gaz, span[0])
        if span[0] in lex.name_stopwords and not demonym:
            span, first = span[1:], i + 1
        if len(span) >= 2 and any(w in lex.org_heads for w in span):
            country = demonym[1] if demonym else _country_inside(gaz, span)
            found.add(" ".join(span), country, tokens[first].start, tokens[j - 1].end)
        i = j


def find_organizations(
    text: str,
    tokens: list[Token],
    lex: Lexicon,
    gaz: Gazetteer,
    *,
    agencies: dict[str, str],
    taken: list[tuple[int, int]],
    discover_from: int,
) -> list[Organization]:
    """Organisations named in the tokens, outside the ``taken`` spans (people); the spans of
    those found are added to ``taken``."""
    found = _Found(taken)
    _known(text, lex, agencies, found)
    _ministries(tokens, lex, gaz, found)
    _militaries(tokens, lex, gaz, found)
    _named_bodies(text, tokens, lex, gaz, found=found, start_at=discover_from)
    return sorted(found.orgs.values(), key=lambda o: (-o.mentions, o.name))
