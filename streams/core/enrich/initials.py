"""Bodies known only by their initials: "the DEA said", "reported by PTI", "CPUC rules".

In running text a word of two to five capitals that is no place, no known person, no
common abbreviation ("CEO", "GDP", "COVID") and no Roman numeral names a body: agencies,
companies, parties and newsrooms are written so, people and places are not. Capitals that
stand next to other capitals are left alone: they are a headline, a dateline, a table heading
or a name written in capitals ("LOWE'S COMPANIES INC."), where every word is in capitals
whatever it names.
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .orgs import Organization, place_name, spelt_name
from .people import Person
from .places import Location

__all__ = ["initialisms"]

# Not inside a code: ".DXY", "XAU=", "US10YT=RR", "FHC/ABJ/03"; not an index's name before
# its number ("STOXX 600"); a possessive is fine ("MSCI's gauge"), a word in capitals with an
# apostrophe is not ("LOWE'S").
_INITIALS = re.compile(r"(?<![\w&.'=/-])[A-Z][A-Z&]{1,4}(?![\w&=/-]|['\u2019](?!s\b)|\.\w| \d)")
# The words either side, with only a space between.
_NEIGHBOUR_BEFORE = re.compile(r"([A-Z][\w&'.-]*[A-Z0-9]) $")
_NEIGHBOUR_AFTER = re.compile(r" ([A-Z][\w&'.-]*[A-Z0-9])(?![\w&'-])")
_ROMAN = re.compile(r"^[IVXLC]+$")


def initialisms(
    text: str,
    *,
    orgs: list[Organization],
    people: list[Person],
    locations: list[Location],
    taken: list[tuple[int, int]],
    lex: Lexicon,
    gaz: Gazetteer,
    start: int,
) -> tuple[list[Organization], list[Person], list[Location]]:
    """The organisations with the bodies known only by initials from ``start`` on, every
    mention counted; a person or a place the model alone read in such initials ("VOA said",
    "a BART train") is moved to them. Spans in ``taken`` (events) and the gazetteer's places
    are left alone."""
    known = {o.name for o in orgs}
    model_places = {loc.name: loc for loc in locations if loc.kind == "place"}
    taken = taken + [
        span for loc in locations if loc.name not in model_places for span in loc.spans
    ]  # fmt: skip
    people_by_name = {p.name: p for p in people}
    person_spans = [
        span for p in people if not _initials_only(p.name) for span in p.spans
    ]  # fmt: skip
    taken = taken + person_spans + [span for o in orgs for span in o.spans]
    found: dict[str, Organization] = {}
    # Initials in brackets that are no body: a place's ("Democratic Republic of Congo (DRC)"),
    # a code's.
    places: set[str] = set()
    for m in _INITIALS.finditer(text, start):
        word = m.group()
        if word in known or word in places or word in lex.not_bodies or word in lex.known_bodies:
            continue
        if _ROMAN.match(word) or word.lower() in lex.stopwords or gaz.automaton.exists(word):
            continue
        s, e = m.span()
        if any(s < te and e > ts for ts, te in taken) or _among_capitals(text, s, e):
            continue
        bracket = text.rfind("(", max(0, s - 12), s)
        if bracket >= 0 and ")" not in text[bracket:s]:
            # In brackets: initials that spell the name before them are the acronyms rule's
            # (a place's are none); others are a code, a ticker or a country's ("Fellmark
            # (ticker: FMK)", "Maria Lind (SWE)").
            spelt = spelt_name(text, bracket, word) if bracket == s - 1 else None
            if spelt is None or place_name(spelt, gaz):
                places.add(word)
                found.pop(word, None)
                continue
        org = found.setdefault(word, Organization(word))
        org.spans.append((s, e))
        org.mentions += 1
    if not found:
        return orgs, people, locations
    for name in found:
        if (person := people_by_name.get(name)) is not None:
            people.remove(person)
        if (place := model_places.get(name)) is not None:
            locations.remove(place)
    return [*orgs, *found.values()], people, locations


def _initials_only(name: str) -> bool:
    return _INITIALS.fullmatch(name) is not None


def _among_capitals(text: str, start: int, end: int) -> bool:
    """Another word in capitals stands right before or after, with only a space or a dot
    between (a heading, a dateline, a name), or the word is a line of its own ("NOTE")."""
    before = _NEIGHBOUR_BEFORE.search(text, max(0, start - 40), start)
    after = _NEIGHBOUR_AFTER.match(text, end)
    # A line of its own, or a line's heading ("NOTE: ...").
    alone = text[start - 1 : start] in ("", "\n") and text[end : end + 1] in ("", "\n", ":")
    return alone or any(
        m is not None and m.group(1).upper() == m.group(1) and any(c.isalpha() for c in m.group(1))
        for m in (before, after)
    )
