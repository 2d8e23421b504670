"""One entry point: ``enrich(article)`` -> everything the event gains."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from streams.core.article import Article
from streams.core.sources import default_registry

from .athletes import competitors, with_competitors
from .clubs import (
    club_names,
    is_club_name,
    listed_with_clubs,
    places_as_clubs,
    result_sides,
    team_mentions,
    with_records,
)
from .compounds import compound_places
from .datelines import dateline_hit, dateline_place, warm_datelines
from .events import event_spans, outside_events
from .gazetteer import gazetteer
from .initials import initialisms
from .keywords import keywords, topics
from .leagues import team_spans, with_teams
from .learned import Found, merge_learned
from .lexicon import lexicon
from .ner import recogniser
from .orgs import (
    Organization,
    acronyms,
    alias_automaton,
    company_names,
    company_stems,
    count_body_mentions,
    find_organizations,
    short_names,
)
from .people import Person, find_people
from .places import Location, find_locations, resolve
from .quotes import Speaker, find_attributions, find_quotes
from .world import LANGUAGES as WORLD_LANGUAGES
from .world import find_world_places

__all__ = ["MAX_CHARS", "Enrichment", "Entities", "enrich", "find_entities", "load"]

#: Enrichment reads at most this much of an article (title, lead, body): about 5,000 words,
#: longer than nearly any news story, and a bound on its cost for hostile 2 MiB inputs.
MAX_CHARS = 30_000


def load() -> None:
    """Build the lexicon and gazetteer now (half a second), not on the first article."""
    lexicon()
    gazetteer()
    _known_organizations()
    recogniser()
    warm_datelines()
    team_spans("")


@dataclass(frozen=True, slots=True)
class Enrichment:
    """What enrichment adds to an article event, ready for JSON."""

    entities: dict[str, list[dict[str, Any]]]
    countries: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    attributions: list[dict[str, Any]]
    keywords: list[dict[str, Any]]
    topics: list[dict[str, Any]]

    def to_dict(self) -> dict[str, Any]:
        """The event fields."""
        return {
            "entities": self.entities,
            "countries": self.countries,
            "quotes": self.quotes,
            "attributions": self.attributions,
            "keywords": self.keywords,
            "topics": self.topics,
        }


@functools.cache
def _known_organizations() -> Any:
    """Known bodies and news agencies, one automaton for the process."""
    lex = lexicon()
    return alias_automaton({**_agencies(), **lex.known_bodies})


def _agencies() -> dict[str, str]:
    registry = default_registry()
    names = {name: name for name in registry.agency_names.values()}
    # Agency names as texts write them ("Sputnik reported"), not only their canonical forms.
    for written, name in registry.agency_names.items():
        if not written[:1].isalpha():
            continue
        if len(written) <= 4:
            names[written.upper()] = name  # AFP, IRNA, TASS
        else:
            names[written.title() if written.islower() else written] = name
    return names


@dataclass(frozen=True, slots=True)
class Entities:
    """The entities of one text, with where each is mentioned."""

    text: str
    people: list[Person]
    organizations: list[Organization]
    locations: list[Location]
    salience: list[tuple[str, float]]


def find_entities(article: Article, *, learned: bool = True) -> Entities:
    """People, organisations and places of an English (or undetermined) article; with
    ``learned``, the recogniser's entities merged in (where the package has its model)."""
    lex, gaz = lexicon(), gazetteer()
    lead = article.lead or ""
    text = "\n".join((article.title, lead, *article.body))[:MAX_CHARS]
    lead_from = len(article.title) + 1
    body_from = lead_from + len(lead) + 1
    companies = company_names(text, lex, gaz, lead_from)
    events = event_spans(text, lead_from)
    not_people = companies | {text[s:e] for s, e in events}  # "Paris Agreement", "U.S. Open"
    # The story's first paragraph: the lead, or the body's first where the parser found none.
    dateline = dateline_hit(text, lead_from if lead else body_from)
    if dateline is not None:
        not_people |= {dateline[2], *dateline[2].split()}  # "ST. JOSEPH, Mich."
    people = find_people(text, lex, gaz, discover_from=lead_from, not_people=not_people)
    taken = [span for p in people for span in p.spans]
    orgs = find_organizations(
        text, lex, gaz, known=_known_organizations(), taken=taken, discover_from=lead_from,
        companies=companies,
    )  # fmt: skip
    hits = gaz.find(text)  # one scan for the places and the recogniser's features
    if dateline is not None:
        hits = sorted([h for h in hits if h[1] <= dateline[0] or h[0] >= dateline[1]] + [dateline])
    hits = compound_places(text, hits, gaz)  # "Southern California", "Napa County"
    # A body read inside a compound place is none there ("Napa County").
    orgs = outside_events(orgs, [(h[0], h[1]) for h in hits if h[2] not in gaz.automaton])
    # A place inside an event's name is no mention of it ("Paris Agreement", "U.S. Open").
    locations, salience = find_locations(
        text, gaz, taken + events, lead_from, body_from, hits=hits,
        dateline_at=dateline[0] if dateline else None,
    )  # fmt: skip
    model = recogniser() if learned else None
    if model is not None:
        # Not the headline: title case makes every word look like a name.
        spans = model.spans(text, start=lead_from, hits=hits)
        merged = merge_learned(text, spans, Found(people, orgs, locations), gaz=gaz, lex=lex)
        people, orgs, locations = merged.people, merged.organizations, merged.locations
    people, orgs, locations = _with_clubs(text, lead_from, people, orgs, locations)
    people, orgs, locations = with_teams(team_spans(text, lead_from), people, orgs, locations)
    sporting = competitors(text, gaz, lex, start=lead_from)
    people, orgs, locations = with_competitors(sporting, people, orgs, locations)
    if events:
        people = outside_events(people, events)
        orgs = outside_events(orgs, events)
        locations = outside_events(locations, events)
    orgs = acronyms(text, orgs, gaz, [span for e in people for span in e.spans] + events)
    orgs, people, locations = initialisms(
        text, orgs=orgs, people=people, locations=locations, taken=events, lex=lex, gaz=gaz,
        start=lead_from,
    )  # fmt: skip
    # A company's short name is the company, not a person ("Nordhavn Aero said").
    stems = company_stems(orgs)
    people = [p for p in people if p.name not in stems]
    taken = [span for p in people for span in p.spans]
    locations = short_names(text, stems, orgs, locations, taken + events)
    taken += [span for loc in locations for span in loc.spans]
    count_body_mentions(text, orgs, taken + events)
    # The place of a dateline the parser split off the story is one of its places.
    if article.dateline_city:
        _add_dateline_city(article.dateline_city, locations)
    # A body named after its country ("Central Bank of Iran") also speaks of that country.
    ranked = dict(salience)
    for o in orgs:
        if o.country:
            ranked[o.country] = ranked.get(o.country, 0.0) + 0.5 * o.mentions
    salience = sorted(ranked.items(), key=lambda kv: (-kv[1], kv[0]))
    return Entities(text, people, orgs, locations, salience)


def _add_dateline_city(city: str, locations: list[Location]) -> None:
    """Add the dateline's city to ``locations`` unless the text names it too. Its country is
    not counted in ``countries``: a bureau's city is not what the story is about ("VIENNA" on
    an OPEC story)."""
    readings = dateline_place(city)
    if not readings:
        return
    anchors = {loc.country for loc in locations if loc.kind == "country"}
    place, how, candidates = resolve(readings, anchors)
    name = place.name if place else city
    if any(loc.name == name for loc in locations):
        return
    locations.append(Location(
        name, place.kind if place else "city", place.country if place else None,
        place.lat if place else None, place.lon if place else None, how, mentions=1,
        candidates=candidates, dateline=True,
    ))  # fmt: skip


# A team's nickname: capitalised plural words ("Huskies", "Blue Jackets", "Nittany Lions"), or a
# university's "<name> State".
_NICKNAME = re.compile(r"(?:[A-Z][a-z]+ )?[A-Z][a-z]+[^s\W]s|[A-Z][a-z]+ State")


def _with_clubs(
    text: str,
    lead_from: int,
    people: list[Person],
    orgs: list[Organization],
    locations: list[Location],
) -> tuple[list[Person], list[Organization], list[Location]]:
    """The towns that stand for sports clubs moved from the places to the organisations."""
    clubs = club_names(text[lead_from:])
    # A town on either side of a score in a sentence, before a player's role or in a transfer
    # is its club, as is a name ending in a club's word ("Hillsborough Rovers"); other names
    # are left alone (they may be people: "Obama beat Romney 52-47").
    places = {text[s:e] for loc in locations for s, e in loc.spans}
    named, transfers = team_mentions(text[lead_from:])
    sides = result_sides(text[lead_from:]) | named
    # Teams with their records, and nicknames or "<name> State" before a player's role or
    # on either side of a score ("Huskies quarterback", "Penn State quarterback").
    nicknames = {n for n in sides if _NICKNAME.fullmatch(n) and n not in places}
    # A team with its record: "the Huskies (4-7)"; without "the", a nickname or a place
    # ("Minnesota (9-1)"), not a pitcher ("Clayton Kershaw (12-3)").
    teams, others = with_records(text[lead_from:])
    sure = transfers | teams | nicknames | {n for n in others if _NICKNAME.fullmatch(n)}
    clubs |= {n for n in others if n in places}
    sure |= {n for n in sides if is_club_name(n)}
    clubs |= sure | {n for n in sides if n in places}
    # Names listed beside a club: the places and the club names among them are clubs.
    listed = listed_with_clubs(text[lead_from:], clubs)
    sure |= {n for n in listed if is_club_name(n)}
    clubs |= sure | {n for n in listed if n in places}
    people = [p for p in people if p.name not in sure]
    taken = [span for p in people for span in p.spans]
    locations, orgs = places_as_clubs(locations, orgs, clubs, text, taken)
    return people, orgs, locations


def _places_only(article: Article) -> Enrichment:
    """Places and countries of an article in a language with place names but no name lists."""
    lead = article.lead or ""
    text = "\n".join((article.title, lead, *article.body))[:MAX_CHARS]
    lead_from = len(article.title) + 1
    body_from = lead_from + len(lead) + 1
    locations: dict[str, dict[str, Any]] = {}
    salience: dict[str, float] = {}
    for match in find_world_places(text, article.language, gazetteer()):
        place = match.place
        weight = 3.0 if match.start < lead_from else 2.0 if match.start < body_from else 1.0
        share = 1.0 if place.kind == "country" else 0.5
        if place.country:
            salience[place.country] = salience.get(place.country, 0.0) + share * weight
        if match.demonym:
            continue  # speaks of the country, names no place
        entry = locations.setdefault(place.name, {
            "name": place.name, "kind": place.kind, "country": place.country, "lat": place.lat,
            "lon": place.lon, "mentions": 0, "resolved_by": "country" if place.kind == "country"
            else "unique", "candidates": [],
        })  # fmt: skip
        entry["mentions"] += 1
    ranked = sorted(salience.items(), key=lambda kv: (-kv[1], kv[0]))
    return Enrichment(
        {"persons": [], "organizations": [],
         "locations": sorted(locations.values(), key=lambda e: (-e["mentions"], e["name"]))},
        [{"code": code, "salience": round(score, 2)} for code, score in ranked],
        [], [], [], [],
    )  # fmt: skip


def enrich(article: Article, *, learned: bool = True) -> Enrichment:
    """Entities, countries, quotations, attributions, keywords and topics of ``article``;
    ``learned=False`` leaves the recogniser out (the rules alone, for comparison)."""
    if article.language in WORLD_LANGUAGES:
        return _places_only(article)
    if article.language not in ("en", "und"):
        # The word lists are English; other languages get language-neutral fields only.
        return Enrichment({"persons": [], "organizations": [], "locations": []}, [], [], [],
                          [], [])  # fmt: skip
    lex = lexicon()
    found = find_entities(article, learned=learned)
    text, people, orgs, locations = found.text, found.people, found.organizations, found.locations
    salience = found.salience
    speakers = sorted(
        [(s, e, p.name) for p in people for s, e in p.spans]
        + [(s, e, o.name) for o in orgs for s, e in o.spans]
    )
    quotes = find_quotes(
        text,
        lex,
        [Speaker(s, e, p.name, p.role) for p in people for s, e in p.spans]
        + [Speaker(s, e, o.name, person=False) for o in orgs for s, e in o.spans],
    )
    attributions = find_attributions(text, lex, speakers)
    return Enrichment(
        entities={
            "persons": [
                {
                    "name": p.name,
                    "mentions": p.mentions,
                    "role": p.role,
                    "affiliation": p.affiliation,
                }
                for p in people
                if p.mentions
            ],
            "organizations": [
                {"name": o.name, "mentions": o.mentions, "country": o.country} for o in orgs
            ],
            "locations": [
                {
                    "name": loc.name,
                    "kind": loc.kind,
                    "country": loc.country,
                    "lat": loc.lat,
                    "lon": loc.lon,
                    "mentions": loc.mentions,
                    "resolved_by": loc.resolved_by,
                    "candidates": loc.candidates,
                }
                for loc in locations
            ],
        },
        countries=[{"code": code, "salience": round(score, 2)} for code, score in salience],
        quotes=[{"text": q.text, "speaker": q.speaker} for q in quotes],
        attributions=[{"source": a.source, "cue": a.cue} for a in attributions],
        keywords=[{"term": k, "score": s} for k, s in keywords(text, lex)],
        topics=[{"topic": t, "score": s} for t, s in topics(text, lex)],
    )
