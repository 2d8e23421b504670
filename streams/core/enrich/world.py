"""Countries and major cities named in Persian, Arabic, Russian, Spanish, Turkish, French and
German text: pycountry's translated country names, and our own everyday names, demonyms and
city names (``data/places_i18n.json``).

Each language gets one automaton. Matching is on whole words, with the inflections each language
adds at the end of a name (Russian cases: России, Москве; Turkish suffixes after an apostrophe:
Rusya'nın; German genitives: Irans) and the conjunctions and prepositions Arabic and Persian
write onto the word (وإيران، بروسيا).
"""

from __future__ import annotations

import gettext
import json
from dataclasses import dataclass
from importlib import resources

import ahocorasick
import pycountry

from .gazetteer import Gazetteer, Place

__all__ = ["LANGUAGES", "WorldMatch", "find_world_places"]

LANGUAGES = ("fa", "ar", "ru", "es", "tr", "fr", "de")

# Arabic diacritics and tatweel are left out of both names and text; Arabic and Persian
# spellings of yeh and kaf are made one.
_ARABIC_MARKS = dict.fromkeys(range(0x064B, 0x0653), None) | {0x0640: None}
_LETTERS = str.maketrans({"\u064a": "\u06cc", "\u0649": "\u06cc", "\u0643": "\u06a9"})
# Letters a language may add at the end of a name, and letters Arabic or Persian may write
# before it.
_SUFFIX_LETTERS = {"ru": 3, "de": 2, "tr": 0, "fa": 0, "ar": 0, "es": 0, "fr": 0}
_PREFIXES = {"ar": ("و", "ب", "ل", "ف", "وب", "ول"), "fa": ("و", "ب")}
_RUSSIAN_ENDINGS = "аяьйоеиы"
_TURKISH_APOSTROPHES = "'\u2019"


@dataclass(frozen=True, slots=True)
class WorldMatch:
    """A place named in the text: where, and what it is."""

    start: int
    end: int
    place: Place
    demonym: bool


def _fold(text: str) -> str:
    return text.translate(_ARABIC_MARKS).translate(_LETTERS).casefold()


def _fold_mapped(text: str) -> tuple[str, list[int]]:
    """The folded text, and for each of its characters the offset it came from."""
    if text.isascii():
        return text.casefold(), list(range(len(text)))
    out: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        folded = _fold(ch)
        out.append(folded)
        origin += [i] * len(folded)
    return "".join(out), origin


def _key(name: str, language: str) -> str:
    """What the automaton matches: the folded name; in Russian its stem (the name without its
    last vowel), so that every case ending can follow."""
    folded = _fold(name)
    if language == "ru" and len(folded) > 4 and folded[-1] in _RUSSIAN_ENDINGS:
        return folded[:-1]
    return folded


_BUILT: dict[str, ahocorasick.Automaton] = {}


def _automata(gaz: Gazetteer) -> dict[str, ahocorasick.Automaton]:
    """One automaton a language, built on first use (the gazetteer is one per process)."""
    if not _BUILT:
        _BUILT.update(_build(gaz))
    return _BUILT


def _build(gaz: Gazetteer) -> dict[str, ahocorasick.Automaton]:
    data = json.loads(
        resources.files("streams.core").joinpath("data", "places_i18n.json").read_text("utf-8")
    )
    by_code = gaz.countries
    cities = {
        name: Place(name, "city", entry["country"], *_coordinates(gaz, name, entry["country"]), 0)
        for name, entry in data["cities"].items()
    }
    automata = {}
    for language in LANGUAGES:
        names: dict[str, tuple[Place, bool]] = {}
        translation = gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
        )
        for c in pycountry.countries:
            country = by_code.get(c.alpha_2)
            if country is None:
                continue
            for official in (c.name, getattr(c, "common_name", None)):
                translated = translation.gettext(official) if official else None
                if translated and translated != official and "," not in translated:
                    names.setdefault(_key(translated, language), (country, False))
        for code, entry in data["countries"].get(language, {}).items():
            country = by_code[code]
            for name in entry["names"]:
                names[_key(name, language)] = (country, False)
            for name in entry.get("demonyms", ()):
                # "china" (Spanish, a Chinese woman) is also "China": the name wins.
                names.setdefault(_key(name, language), (country, True))
        for city in cities.values():
            for name in data["cities"][city.name]["names"]:
                names.setdefault(_key(name, language), (city, False))
        automaton = ahocorasick.Automaton()
        for key, (place, demonym) in names.items():
            automaton.add_word(key, (key, place, demonym))
        automaton.make_automaton()
        automata[language] = automaton
    return automata


def _coordinates(gaz: Gazetteer, name: str, country: str) -> tuple[float | None, float | None]:
    found = gaz.automaton.get(name, None)
    for place in found[1] if found else ():
        if place.kind == "city" and place.country == country:
            return place.lat, place.lon
    return None, None


def find_world_places(text: str, language: str, gaz: Gazetteer) -> list[WorldMatch]:
    """Countries (by name or demonym) and major cities named in ``text``, in ``language``."""
    automata = _automata(gaz)
    automaton = automata.get(language)
    if automaton is None:
        return []
    folded, origin = _fold_mapped(text)
    found: list[WorldMatch] = []
    for end_index, (key, place, demonym) in automaton.iter(folded):
        start = _word_start(folded, end_index - len(key) + 1, language)
        end = _word_end(folded, end_index + 1, language)
        if start is None or end is None:
            continue
        found.append(WorldMatch(origin[start], origin[end - 1] + 1, place, demonym))
    # Longest first; a match inside a longer one ("Корея" in "Южная Корея") goes.
    found.sort(key=lambda m: (-(m.end - m.start), m.start))
    kept: list[WorldMatch] = []
    for m in found:
        if all(m.end <= k.start or m.start >= k.end for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def _word_start(text: str, start: int, language: str) -> int | None:
    if start == 0 or not text[start - 1].isalnum():
        return start
    for prefix in _PREFIXES.get(language, ()):
        at = start - len(prefix)
        if text.startswith(prefix, at) and (at == 0 or not text[at - 1].isalnum()):
            return start
    return None


def _word_end(text: str, end: int, language: str) -> int | None:
    if language == "tr" and end < len(text) and text[end] in _TURKISH_APOSTROPHES:
        return end
    extra = 0
    while end + extra < len(text) and text[end + extra].isalnum():
        extra += 1
    if language == "fa" and extra == 0 and text.startswith("\u200c", end):
        return end  # Persian joins a suffix with a zero-width non-joiner: ایران‌ی
    return end + extra if extra <= _SUFFIX_LETTERS.get(language, 0) else None
