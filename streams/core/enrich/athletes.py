"""Competitors in individual-sport results: names that results lines give as people's.

Wire results for tennis, golf, athletics or skiing give each competitor's nationality in
brackets: "Maria Lind (Sweden) beat Ana Petrova (Russia) 6-3 6-4", "1. Tomas Berg (Norway)
2:08:31". Such a name is a person even when no list or model knows it, and even when it is a
surname alone. Only lines with a digit in them (a score, a time, a place) are read: elsewhere
"Rio Tinto (Australia)" is a company. Wins in sets ("Sampras beat Agassi 6-3 6-4") and
scoreboards ("M. Atherton c Inzamam b Wasim 31") name competitors too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .orgs import Organization
from .people import Person, initialled_owner
from .places import Location
from .tokens import DIGIT

__all__ = ["Competitor", "competitors", "with_competitors"]

_WORD = r"[A-Z](?:[\w'.-]*\w|\.)"  # "Lind", "O'Neill", "J."
_PARTICLE = r"(?:de|da|di|van|von|der|le|la|del|dos|du|ter)"
_NAME = rf"{_WORD}(?:[ \t](?:{_PARTICLE}[ \t])?{_WORD}){{0,3}}"  # leading labels cut below
_COMPETITOR = re.compile(
    rf"(?<![\w'.-])(?P<name>{_NAME})[ \t]\((?P<nation>[A-Z][\w .'-]{{1,30}})\)"
)
_SET = r"\d{1,2}-\d{1,2}(?:\(\d{1,2}\))?"  # "6-3", "7-6(4)"
_SETS_WIN = re.compile(
    rf"(?<![\w'.-])(?P<winner>{_NAME})(?:[ \t]\([^()\n]{{1,30}}\))?[ \t]+"
    rf"(?:beat|beats|bt|defeated|defeats|d\.)[ \t]+(?P<loser>{_NAME})"
    rf"(?:[ \t]\([^()\n]{{1,30}}\))?[ \t]+{_SET}(?:,?[ \t]+{_SET})+"
)
_TWO_SETS = re.compile(rf"{_SET},?[ \t]+{_SET}")
# Scoreboards name players by initial and surname: "M. Atherton c Inzamam b Wasim 31".
_INITIALLED = re.compile(
    r"(?<![\w.])(?P<initials>(?:[A-Z]\.){1,2})[ \t]?(?P<surname>[A-Z][a-z][\w'-]*+)"
    r"(?![ \t]+[A-Z])"  # "A. Noel Anketell Kramer" goes on: a full name, not a scoreboard's
)
# A cricket dismissal names the fielder and the bowler: "c Inzamam b Wasim", "st Latif".
_DISMISSAL = re.compile(r"(?<![\w.])(?:c|b|st)[ \t]+(?P<name>[A-Z][a-z][\w'-]*)")
_AFTER_A_NAME = re.compile(r"[A-Z][\w'-]*[ \t]$")
_CRICKET = re.compile(r"(?<![\w.])(?:lbw|b)[ \t]+[A-Z]|\bnot out\b|\brun out\b")
_NATIONS = ("country", "region")  # "(Scotland)" too
_MAX_WORDS = 3
# Words of the stage or event a results line may open with ("Quarter-final Maria Lind ...").
_HEADINGS = frozenset((
    "round", "final", "finals", "semi-final", "semi-finals", "quarter-final", "quarter-finals",
    "heat", "heats", "group", "pool", "singles", "doubles", "qualifying", "seed", "seeds",
    "men's", "women's", "second", "third", "fourth",
))  # fmt: skip


@dataclass
class Competitor:
    """A competitor, the country given for them, and where the text names them so."""

    name: str
    country: str | None  # None where the line gives none
    spans: list[tuple[int, int]] = field(default_factory=list)


def competitors(text: str, gaz: Gazetteer, lex: Lexicon, start: int = 0) -> list[Competitor]:
    """Competitors named in the results lines of ``text[start:]``, in order of first mention.

    The name patterns are only tried on lines with a bracket before a capital, a dash between
    digits or a dot after a lone capital: most articles have none, and finding them costs a
    few string scans.
    """
    found: dict[str, Competitor] = {}
    _with_nations(found, text, start, gaz, lex)
    _winners_in_sets(found, text, start, gaz, lex)
    _on_scoreboards(found, text, start, gaz, lex)
    return list(found.values())


def _with_nations(
    found: dict[str, Competitor], text: str, start: int, gaz: Gazetteer, lex: Lexicon
) -> None:
    """ "Maria Lind (Sweden) beat Ana Petrova (Russia) 6-3 6-4", "2. Okafor (Nigeria) 2:09:02"."""
    for line_start, line_end in _lines_with(text, start, "(", _opens_a_nation):
        if DIGIT.search(text, line_start, line_end):
            for m in _COMPETITOR.finditer(text, line_start, line_end):
                country = _country(gaz, m.group("nation"))
                if country is not None:
                    _add(found, text, m.span("name"), country, gaz=gaz, lex=lex)


def _winners_in_sets(
    found: dict[str, Competitor], text: str, start: int, gaz: Gazetteer, lex: Lexicon
) -> None:
    """ "Sampras beat Agassi 6-3 6-4". Two set scores or more: a team result has one ("Leeds
    beat Everton 2-1"), and its names are clubs."""
    for line_start, line_end in _lines_with(text, start, "-", _joins_digits):
        if _TWO_SETS.search(text, line_start, line_end):
            for m in _SETS_WIN.finditer(text, line_start, line_end):
                for side in ("winner", "loser"):
                    _add(found, text, m.span(side), None, gaz=gaz, lex=lex)


def _on_scoreboards(
    found: dict[str, Competitor], text: str, start: int, gaz: Gazetteer, lex: Lexicon
) -> None:
    """ "M. Atherton c Inzamam b Wasim 31", "A. Stewart lbw b Waqar 44"."""
    for line_start, line_end in _lines_with(text, start, ".", _ends_an_initial):
        if not DIGIT.search(text, line_start, line_end):
            continue
        players = [
            m.span() for m in _INITIALLED.finditer(text, line_start, line_end)
            if gaz.automaton.get(m.group("initials"), None) is None  # "U.S. Treasury"
            # a middle initial: "Jennifer M. Anderson" is someone else's
            and not _AFTER_A_NAME.search(text, max(line_start, m.start() - 40), m.start())
        ]  # fmt: skip
        cricket = _CRICKET.search(text, line_start, line_end) is not None
        if len(players) < 2 and not cricket:
            continue  # a scoreboard line names several ("D.C. Circuit" alone is no player)
        for span in players:
            _add(found, text, span, None, gaz=gaz, lex=lex)
        if cricket:
            for m in _DISMISSAL.finditer(text, line_start, line_end):
                _add(found, text, m.span("name"), None, gaz=gaz, lex=lex)


def _ends_an_initial(text: str, at: int) -> bool:
    """A dot after a lone capital ("M. Atherton", "J.R. Smith")."""
    return (
        text[at - 1 : at].isupper()
        and not text[at - 2 : at - 1].isalnum()
        and text[at + 1 : at + 3].strip()[:1].isupper()
    )


def _opens_a_nation(text: str, at: int) -> bool:
    return text[at - 1 : at] in (" ", "\t") and text[at + 1 : at + 2].isupper()


def _joins_digits(text: str, at: int) -> bool:
    return text[at - 1 : at].isdigit() and text[at + 1 : at + 2].isdigit()


def _lines_with(
    text: str, start: int, char: str, test: Callable[[str, int], bool]
) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[start:]`` with a ``char`` that passes ``test``.

    ``str.find`` skips to each ``char``: far cheaper than a pattern tried at every position.
    """
    lines: list[tuple[int, int]] = []
    at = text.find(char, start)
    while at >= 0:
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        if test(text, at):
            lines.append((max(start, text.rfind("\n", 0, at) + 1), line_end))
            at = text.find(char, line_end)  # one entry a line
        else:
            at = text.find(char, at + 1)
    return lines


def _add(
    found: dict[str, Competitor],
    text: str,
    span: tuple[int, int],
    country: str | None,
    *,
    gaz: Gazetteer,
    lex: Lexicon,
) -> None:
    start, end = span
    # "Second Round Maria Lind (Sweden)": a heading's words are no part of the name.
    words = text[start:end].split(" ")
    while len(words) > 1 and (
        words[0] in lex.name_stopwords
        or words[0].lower() in lex.role_words
        or words[0].lower() in _HEADINGS
        or len(words) > _MAX_WORDS
    ):
        words.pop(0)
    name = " ".join(words)
    if _not_a_person(gaz, lex, name):
        return
    entry = found.setdefault(name, Competitor(name, country))
    entry.country = entry.country or country
    entry.spans.append((end - len(name), end))


def _country(gaz: Gazetteer, nation: str) -> str | None:
    hit = gaz.automaton.get(nation, None)
    readings = hit[1] if hit else ()
    return next((p.country for p in readings if p.kind in _NATIONS and p.country), None)


def _not_a_person(gaz: Gazetteer, lex: Lexicon, name: str) -> bool:
    """A place ("Paris (France)"), a body ("Ajax Group (Netherlands)") or a role."""
    if gaz.automaton.get(name, None) is not None or name in lex.known_bodies:
        return True
    words = name.split()
    return words[-1] in lex.org_heads or words[0].lower() in lex.role_words


def with_competitors(
    found: list[Competitor],
    people: list[Person],
    orgs: list[Organization],
    locations: list[Location],
) -> tuple[list[Person], list[Organization], list[Location]]:
    """The people with the competitors added (a known person gains the mentions), and the
    organisations and places without the mentions that were competitors' names."""
    if not found:
        return people, orgs, locations
    by_name = {p.name: p for p in people}
    spans: list[tuple[int, int]] = []
    for c in found:
        person = by_name.get(c.name) or initialled_owner(c.name, by_name.values())
        if person is None:
            person = Person(c.name, affiliation=c.country)
            people = [*people, person]
        by_name[c.name] = person  # "K. Barlow" is the article's "Kevin Barlow"
        for span in c.spans:
            if span in person.spans:
                continue
            # "K. Barlow" replaces the "Barlow" inside it that counted already.
            inside = [p for p in person.spans if span[0] <= p[0] and p[1] <= span[1]]
            person.spans = [p for p in person.spans if p not in inside] + [span]
            person.mentions += 1 - len(inside)
        spans += c.spans

    def outside(entity_spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
        return [(s, e) for s, e in entity_spans if not any(s < ce and e > cs for cs, ce in spans)]

    names = {c.name: by_name[c.name] for c in found}
    names.update(_surnames_of_initialled(names))
    people = _absorbed(people, names)
    owners = {id(p) for p in names.values()}
    for person in people:
        if id(person) not in owners:  # "Second Round Maria Lind"
            person.spans = outside(person.spans)
            person.mentions = min(person.mentions, len(person.spans))
    people = [p for p in people if p.spans or not p.mentions]
    kept_orgs, kept_places = [], []
    for org in orgs:
        if org.name in names:  # the same words elsewhere name the same competitor
            person = names[org.name]
            new = [span for span in org.spans if span not in person.spans]
            person.spans += new
            person.mentions += len(new)
            continue
        org.spans = outside(org.spans)
        org.mentions = min(org.mentions, len(org.spans))
        if org.spans:
            kept_orgs.append(org)
    for loc in locations:
        loc.spans = outside(loc.spans)
        loc.mentions = min(loc.mentions, len(loc.spans))
        if loc.spans:
            kept_places.append(loc)
    return people, kept_orgs, kept_places


def _surnames_of_initialled(names: dict[str, Person]) -> dict[str, Person]:
    """ "M. Atherton" is "Atherton" later in the article, where no other competitor has that
    surname (the recogniser may have read the surname alone as a person or a body)."""
    surnames: dict[str, Person | None] = {}
    for name, person in names.items():
        if "." in name:
            last = name.split()[-1].split(".")[-1]
            surnames[last] = None if last in surnames else person
    return {last: p for last, p in surnames.items() if p is not None and last not in names}


def _absorbed(people: list[Person], names: dict[str, Person]) -> list[Person]:
    """The people without those that are a competitor under another name, whose mentions
    go to the competitor."""
    absorbed = [p for p in people if p.name in names and names[p.name] is not p]
    for person in absorbed:
        owner = names[person.name]
        new = [span for span in person.spans if span not in owner.spans]
        owner.spans += new
        owner.mentions += len(new)
    return [p for p in people if p not in absorbed]
