"""Locations with ISO codes and coordinates, ambiguous names resolved by the article's other
places or by a clear population lead, else left unresolved; and country salience."""

from __future__ import annotations

from dataclasses import dataclass, field

from .gazetteer import Gazetteer, Hit, Place

__all__ = ["POPULATION_LEAD", "Location", "find_locations", "resolve"]

#: A city name shared by several cities resolves to the largest only when it is this many times
#: larger than the next (Moscow, Russia over Moscow, Idaho); closer calls stay unresolved.
POPULATION_LEAD = 10
#: A world city this large and this many times larger than the namesake in a country the
#: article names is still the one meant: the Davis Cup "in Madrid" beside a match against
#: Colombia is in Spain, not in Madrid, Colombia.
WORLD_CITY = 1_000_000
WORLD_CITY_LEAD = 20


@dataclass
class Location:
    """A place the article names, resolved to a country when the evidence allows."""

    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    resolved_by: str  # unique | country | context | population | unresolved
    mentions: int = 0
    candidates: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    population: int = 0  # of the largest place the name can be (not in the event)
    dateline: bool = False  # named by the story's dateline: a place for sure (not in the event)


def _weight(start: int, lead_from: int, body_from: int) -> float:
    return 3.0 if start < lead_from else 2.0 if start < body_from else 1.0


def find_locations(
    text: str,
    gaz: Gazetteer,
    taken: list[tuple[int, int]],
    lead_from: int,
    body_from: int,
    *,
    hits: list[Hit] | None = None,
    dateline_at: int | None = None,
) -> tuple[list[Location], list[tuple[str, float]]]:
    """Locations (countries by name or demonym, cities, regions) and countries by salience;
    ``hits``: ``gaz.find(text)``, when the caller has it already; ``dateline_at``: where the
    hit of the story's dateline starts, if it has one.

    Salience: each mention weighs 3 in the title, 2 in the lead, 1 in the body; a city
    mention counts half for its country.
    """
    rest = text[lead_from:]
    matches = [
        m for m in (gaz.find(text) if hits is None else hits)
        if not any(m[0] < e and m[1] > s for s, e in taken)
        # Headlines are title case: a capitalised word there is no evidence of a city
        # ("Sets Date for...") unless the story names it again.
        and not (m[0] < lead_from and all(p.kind == "city" for p in m[3]) and m[2] not in rest)
    ]  # fmt: skip
    # Countries the article names for sure anchor the ambiguous city names.
    anchors = {
        p.country for _, _, _, readings in matches for p in readings
        if p.kind in ("country", "demonym")
        or (len({r.country for r in readings}) == 1 and p.kind == "city")
    }  # fmt: skip
    locations: dict[tuple[str, str | None], Location] = {}
    salience: dict[str, float] = {}
    for start, end, surface, readings in matches:
        place, how, candidates = resolve(readings, anchors)
        if place is not None and place.kind == "demonym" and place.country:
            # "German" speaks of Germany (salience) but names no place.
            salience[place.country] = salience.get(place.country, 0.0) + _weight(
                start, lead_from, body_from
            )
            continue
        kind = place.kind if place else "city"
        name = place.name if place else surface  # "LONDON" in a dateline is London
        key = (name, place.country if place else None)
        loc = locations.get(key)
        if loc is None:
            loc = locations[key] = Location(
                name, kind, place.country if place else None,
                place.lat if place else None, place.lon if place else None, how,
                candidates=candidates, population=max(r.population for r in readings),
            )  # fmt: skip
        loc.mentions += 1
        loc.spans.append((start, end))
        loc.dateline |= start == dateline_at
        if place and place.country:
            share = 1.0 if kind == "country" else 0.5
            salience[place.country] = salience.get(place.country, 0.0) + share * _weight(
                start, lead_from, body_from
            )
    ranked = sorted(salience.items(), key=lambda kv: (-kv[1], kv[0]))
    ordered = sorted(locations.values(), key=lambda loc: (-loc.mentions, loc.name))
    return ordered, ranked


def resolve(
    readings: tuple[Place, ...], anchors: set[str | None]
) -> tuple[Place | None, str, list[str]]:
    for kind in ("country", "demonym", "region"):
        for p in readings:
            if p.kind == kind:
                return p, "country" if kind != "region" else "unique", []
    cities = sorted(readings, key=lambda p: -p.population)
    countries = sorted({p.country for p in cities if p.country})
    if len(countries) == 1:
        return cities[0], "unique", []
    in_context = [p for p in cities if p.country in anchors]
    if len({p.country for p in in_context}) == 1:
        largest, near = cities[0], in_context[0]
        if not (
            largest.population >= WORLD_CITY
            and largest.population >= WORLD_CITY_LEAD * max(near.population, 1)
        ):
            return near, "context", []
        return largest, "population", []
    if cities[0].population >= POPULATION_LEAD * max(cities[1].population, 1):
        return cities[0], "population", []
    return None, "unresolved", countries
