"""The recogniser's entities merged with the rules': the rules keep what they know for sure
(full names after a role, known bodies, gazetteer places), the model adds what no list holds
and vetoes rule guesses it does not read as a person ("Real Madrid", "Palo Alto")."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from .gazetteer import Gazetteer
from .lexicon import Lexicon
from .ner import Span
from .orgs import Organization
from .people import Person, count_mentions, fold_surnames, role_and_affiliation
from .places import Location, resolve
from .tokens import words_before, written_lower

__all__ = ["Found", "merge_learned"]

_TRIM = " \t,.;:!?\"'()[]{}\u2019\u201c\u201d"
_MAX_WORDS = 6  # a longer span is a run-on, not a name
_TOWN = 100_000  # a town this small is no place where the model does not read it as one
# Lower-case words inside a body's or a place's name; any other ends the name ("Manchester
# United beat Bayern Munich" is two names).
_PARTICLES = frozenset(
    ("de", "del", "la", "le", "du", "des", "von", "van", "der", "den", "al", "el", "bin",
     "ibn", "y", "di", "da", "dos", "das")
)  # fmt: skip
_CONNECTORS = _PARTICLES | frozenset(("of", "for", "the", "and", "on", "upon", "e", "do"))
_JOINING = frozenset(("of", "for", "and", "on", "upon"))  # never the first word of a name

# A regnal number after a name: II to XXX, or I before punctuation ("Amyntas I,").
_REGNAL = re.compile(r" (?:X{0,2}(?:IX|IV|VI{0,3}|I{2,3})|X{1,3}|I(?=[,.;:)]))(?![\w'-])")

# Words that make a name a thing named after a person ("George Washington Bridge").
_NOT_PERSON_HEADS = frozenset(
    ("River", "Lake", "Road", "Avenue", "Bridge", "Park", "Hall", "Centre", "Center",
     "Stadium", "Arena", "Prize", "Award", "Cup", "Trophy", "College", "School", "Hospital",
     "Church", "Cathedral", "Tower", "House", "Building", "Gallery", "Theatre", "Theater",
     "Hotel", "Festival", "Show", "Island", "Islands", "Bay", "Memorial", "Trust", "Band",
     "Partnership", "Partners", "Associates", "Brothers", "Sons")
)  # fmt: skip

Named = tuple[str, int, int]  # name, start, end

# A word the article also writes in lower case is no name by its capitals alone; one written
# in lower case right before a capitalised word is a role or a title where it opens a name
# elsewhere ("Wild defenseman Ryan Suter" makes "Defenseman Jonas Brodin" a role and a name).
# (checked only for the few words that need it: a pattern over every word of the article
# costs 80 us).
_NOT_IN_WORD = r"(?<![\w'\u2019-])"


def _lower_before_name(text: str, word: str) -> bool:
    return re.search(_NOT_IN_WORD + re.escape(word.lower()) + " [A-Z][a-z]", text) is not None


# What comes before a sentence's first word (where every word is capitalised).
_SENTENCE_OPENS = frozenset(".!?:\n\"\u201c\u201d\u2018\u2019'(")


@dataclass
class Found:
    """The entities of one text so far."""

    people: list[Person]
    organizations: list[Organization]
    locations: list[Location]


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and end > s for s, e in spans)


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_OPENS


_NEXT = re.compile(r" ([A-Za-z-]+)")


def _role_subject(text: str, named: Named, gaz: Gazetteer, lex: Lexicon) -> bool:
    """A demonym and a subject right before a role, with no organisation noun, are the role's,
    no body: "Pakistani Petroleum Minister" ("Valby coach" is a club's, "Acme chairman" a
    company's)."""
    name, _, end = named
    words = name.split()
    after = _NEXT.match(text, end)
    return (
        after is not None
        and after.group(1).lower() in lex.role_heads
        and _demonym(words[0], gaz)
        and not any(w in lex.org_heads for w in words)
    )


def _clean(text: str, span: Span, lex: Lexicon) -> Named | None:
    """The span less a possessive, punctuation, a sentence's first word that is no name ("If
    Donald Trump") and lower-case words after the name ("Davidson spokeswoman"); None if no
    name is left, or only a word that is never a name alone (a month, "United") or that opens
    a sentence and that the article also writes in lower case ("One of its shares...")."""
    start, end = span.start, span.end
    if text.endswith(("'s", "\u2019s"), start, end):
        end -= 2
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    # An initialism keeps its last dot ("U.S.", "W.Va."): the model's span often stops
    # before it.
    if text[end : end + 1] == "." and (
        "." in text[max(start, end - 4) : end] or text.endswith((" Jr", " Sr"), start, end)
    ):
        end += 1  # and so does a suffix ("Patrick Carlineo Jr.")
    while start < end and text[start] in _TRIM:
        start += 1
    words = text[start:end].split(" ")
    person = span.label == "PER"

    # A body read from "port of Chabahar", or a "Bank of" cut off its head, is none.
    if span.label == "ORG" and len(words) > 1 and words[0] in _JOINING:
        return None
    # Nor does a player's position in a table row: "CB Greedy Williams", "DL Larry Ogunjobi"
    # (initials with dots, "J.R. Smith", do).
    while len(words) > 1 and (
        words[0].lower() in lex.stopwords
        or (person and words[0] in lex.name_stopwords)
        or (person and len(words) > 2 and words[0].isupper() and len(words[0]) <= 3)
    ):
        start += len(words.pop(0)) + 1
    while person and len(words) > 1 and words[-1][:1].islower():
        end -= len(words.pop()) + 1
    # A body's or a place's name neither starts nor ends on a connector ("TV for", "of
    # Scotland"), nor ends on a role ("Police Review Director").
    while not person and len(words) > 1 and words[0] in _CONNECTORS:
        start += len(words.pop(0)) + 1
    # Nor on a connector, a role or a figure (a table's "ACME HOLDINGS INC. 113").
    while (
        not person
        and len(words) > 1
        and (
            words[-1] in _CONNECTORS
            or words[-1].lower() in lex.role_words
            or words[-1][:1].isdigit()
        )
    ):
        end -= len(words.pop()) + 1
    if person and (regnal := _REGNAL.match(text, end)):
        end = regnal.end()  # "Ramesses II", "Pope Paul VI"
    name = text[start:end]
    if not name[:1].isupper() or len(words) > _MAX_WORDS or len(name) < 2:
        return None
    if len(words) == 1 and (
        name in lex.name_stopwords or (_sentence_start(text, start) and written_lower(text, name))
    ):
        return None
    return name, start, end


def _pieces(text: str, span: Span, heads: Collection[str] = ()) -> list[Span]:
    """A span cut at lower-case words that belong to no name ("Helmut Kohl met President
    Clinton"), and a body's also at "and" between two capitalised names ("Bank of England and
    Acme Inc"), unless the words before "and" have no organisation noun (``heads``) and the
    words after end on one: one name ("Securities and Exchange Commission")."""
    keep = _PARTICLES if span.label == "PER" else _CONNECTORS
    words = text[span.start : span.end].split(" ")
    pieces: list[Span] = []
    start = pos = span.start
    for word in words:
        end = pos + len(word)
        cut = word[:1].islower() and (word not in keep or (word == "and" and span.label == "ORG"))
        if cut and word == "and" and heads:
            before = text[start : max(start, pos - 1)].split()
            if not any(w in heads for w in before) and words[-1] in heads:
                cut = False
        if cut:
            if pos > start:
                pieces.append(Span(span.label, start, pos - 1))
            start = end + 1
        pos = end + 1
    if start < span.end:
        pieces.append(Span(span.label, start, span.end))
    return pieces


def merge_learned(
    text: str, spans: list[Span], found: Found, *, gaz: Gazetteer, lex: Lexicon
) -> Found:
    """``found`` (the rules' entities) with the model's ``spans`` merged in."""
    cleaned = [
        (piece.label, named)
        for span in spans
        for piece in _pieces(text, span, lex.org_heads)
        if (named := _clean(text, piece, lex))
        and not (piece.label == "ORG" and _role_subject(text, named, gaz, lex))
    ]
    # One name, one kind in an article: the model's most frequent reading of a string wins.
    votes: dict[str, Counter[str]] = {}
    for label, (name, _, _) in cleaned:
        kind = "PER" if label != "PER" and _personal(name, gaz, lex) else label
        votes.setdefault(name, Counter())[kind] += 1
    by_label: dict[str, list[Named]] = {"PER": [], "LOC": [], "ORG": []}
    for _, named in cleaned:
        by_label[votes[named[0]].most_common(1)[0][0]].append(named)
    persons = [(s, e) for _, s, e in by_label["PER"]]
    bodies = [(s, e) for _, s, e in by_label["ORG"]]
    places = [(s, e) for _, s, e in by_label["LOC"]]
    locations = _places_not_people(found.locations, persons, bodies, places)
    taken = [span for loc in locations for span in loc.spans]
    taken += [span for o in found.organizations for span in o.spans]
    people = _people(text, by_label["PER"], found.people, taken, locations, gaz, lex)
    taken += [span for p in people for span in p.spans]
    # A person's name alone is that person, and a demonym is no body ("Norwegian", the airline,
    # is for the rules' word lists to know).
    not_bodies = {w for p in people for w in (*p.surnames, p.name.split()[0])}
    bodies_named = [
        named for named in by_label["ORG"]
        if named[0] not in not_bodies and not _demonym(named[0], gaz)
    ]  # fmt: skip
    orgs = _organizations(bodies_named, found.organizations, taken)
    return Found(people, orgs, _locations(by_label["LOC"], locations, taken, gaz))


def _demonym(name: str, gaz: Gazetteer) -> bool:
    readings = gaz.automaton.get(name, None)
    return bool(readings) and all(p.kind == "demonym" for p in readings[1])


def _personal(name: str, gaz: Gazetteer, lex: Lexicon) -> bool:
    """A body or place the model found that is a person's name: a given name and one or two
    capitalised words that are no head of a body or place ("Rocco Catalano", not "John Lewis
    Partnership" or "Charles River"), and the whole no known body or place."""
    words = name.split()
    if not 2 <= len(words) <= 3 or words[0] not in lex.given_names:
        return False
    rest = words[1:]
    if any(
        not w[:1].isupper() or w in lex.org_heads or w in lex.name_stopwords
        or w in _NOT_PERSON_HEADS or w.lower() in lex.role_words
        for w in rest
    ):  # fmt: skip
        return False
    return name not in lex.known_bodies and gaz.automaton.get(name, None) is None


def _places_not_people(
    locations: list[Location],
    persons: list[tuple[int, int]],
    bodies: list[tuple[int, int]],
    places: list[tuple[int, int]],
) -> list[Location]:
    """A small town's name the model reads as a person ("Clinton"), a city's inside a person's
    name ("Paris Hilton") and inside a body's ("Valby United", "Bank of Tokyo") is no place
    there; nor is a small town's name the model never reads as a place, unless the article
    names its country ("Holiday shoppers", "the Date field")."""
    for loc in locations:
        if (
            loc.kind == "city"
            and loc.population < _TOWN
            and loc.resolved_by != "context"
            and not loc.dateline
            and not any(_overlaps(s, e, places) for s, e in loc.spans)
        ):
            loc.spans = []
        if loc.kind == "city":
            loc.spans = [
                (s, e) for s, e in loc.spans
                if not _named_after(s, e, persons, loc) and not _inside(s, e, bodies)
            ]  # fmt: skip
            loc.mentions = len(loc.spans)
    return [loc for loc in locations if loc.mentions]


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e and e - s > end - start for s, e in spans)


def _named_after(start: int, end: int, persons: list[tuple[int, int]], loc: Location) -> bool:
    for s, e in persons:
        if s < end and e > start:
            return (e - s) > (end - start) or loc.population < _TOWN
    return False


def _people(  # noqa: PLR0917  # one step of merge_learned, with its state
    text: str,
    named: list[Named],
    people: list[Person],
    taken: list[tuple[int, int]],
    locations: list[Location],
    gaz: Gazetteer,
    lex: Lexicon,
) -> list[Person]:
    persons = [(s, e) for _, s, e in named]
    # A capitalised pair is a person for the rules; it stays one with a role before it, where
    # the model too reads a mention as a person, or where it starts with a given name. A
    # person by what the text says of them ("Yeltsin's wife") stays one.
    kept = {
        p.name: p for p in people
        if p.role is not None
        or p.sure
        or any(_overlaps(s, e, persons) for s, e in p.spans)
        or _personal(p.name, gaz, lex)
    }  # fmt: skip
    # A known person's surname or first name alone is that person, not somebody new.
    surnames = {s for p in kept.values() for s in (*p.surnames, p.name.split()[0])}
    places = {text[s:e] for loc in locations for s, e in loc.spans}
    taken = taken + [span for p in kept.values() for span in p.spans]
    for found in named:
        name, start, end = _without_title(text, found, lex)
        if not name or name in kept or name in surnames or name in places:
            continue
        if _overlaps(start, end, taken):
            continue
        if name in lex.name_stopwords or name.lower() in lex.role_words:
            continue
        person = kept[name] = Person(name)
        context = [w.text for w in words_before(text, start, 6)]
        person.role, person.affiliation = role_and_affiliation(context, lex, gaz)
    fold_surnames(kept)
    count_mentions(text, kept)
    return sorted((p for p in kept.values() if p.mentions), key=lambda p: (-p.mentions, p.name))


def _without_title(text: str, found: Named, lex: Lexicon) -> Named:
    """The name less the role or honorific words before it ("President Nicolas Maduro"), and
    less a first word that is no given name and that the article writes in lower case before
    a name elsewhere ("Defenseman Jonas Brodin" where the text also has
    "defenseman Ryan Suter")."""
    name, start, end = found
    words = name.split()
    while words and (
        words[0].lower() in lex.role_words
        or words[0] in lex.titles
        or (
            len(words) > 1
            and words[0] not in lex.given_names
            and _lower_before_name(text, words[0])
        )
    ):
        start = text.index(words[1], start) if len(words) > 1 else end
        words = words[1:]
    # A role inside the run, a full name after it: "Indiana House Speaker Brian Bosma",
    # "Republican state schools Superintendent Jennifer McCormick".
    heads = [i for i, w in enumerate(words[:-2]) if w.lower() in lex.role_heads]
    if heads:
        for w in words[: heads[-1] + 1]:
            start = text.index(w, start) + len(w)
        start = text.index(words[heads[-1] + 1], start)
        words = words[heads[-1] + 1 :]
    return " ".join(words), start, end


def _organizations(
    named: list[Named], orgs: list[Organization], taken: list[tuple[int, int]]
) -> list[Organization]:
    """The rules' bodies and the model's; a body named by the first words of a longer one the
    article names is that one ("Valby" for "Valby United", "Emirates" for "Emirates Airline")."""
    by_name = {o.name: o for o in orgs}
    for name, start, end in named:
        if _overlaps(start, end, taken):
            continue
        full = _longer_name(name, by_name, named)
        org = by_name.setdefault(full, Organization(full))
        org.mentions += 1
        org.spans.append((start, end))
        taken.append((start, end))
    return list(by_name.values())


def _longer_name(name: str, by_name: dict[str, Organization], named: list[Named]) -> str:
    prefix = name + " "
    longer = [n for n in by_name if n.startswith(prefix)] or [
        n for n, _, _ in named if n.startswith(prefix)
    ]
    return min(longer, key=len) if longer else name


def _locations(
    named: list[Named], locations: list[Location], taken: list[tuple[int, int]], gaz: Gazetteer
) -> list[Location]:
    by_name = {loc.name: loc for loc in locations}
    for name, start, end in named:
        if _overlaps(start, end, taken):
            continue
        readings = gaz.automaton.get(name, None) or gaz.automaton.get(name.title(), None)
        place, how, candidates = (
            resolve(readings[1], set()) if readings else (None, "unresolved", [])
        )
        if place and place.kind == "demonym":
            continue  # "Egyptian" counts for Egypt (the rules' salience) but names no place
        kind = place.kind if place else "place"
        key = place.name if place and kind == "country" else name
        entry = by_name.get(key)
        if entry is None:
            entry = by_name[key] = Location(
                key, kind, place.country if place else None, place.lat if place else None,
                place.lon if place else None, how, candidates=candidates,
            )  # fmt: skip
        entry.mentions += 1
        entry.spans.append((start, end))
        taken.append((start, end))
    return list(by_name.values())
