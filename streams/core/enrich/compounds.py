"""Places named by a known place and a word that makes a part of it, or by a county: "Southern
California", "West Michigan", "North London", "Kowloon West", "Yobe North", "Napa County",
"County Cork".

The gazetteer holds the place itself; the compound is one place of its own, a region in the
place's country, and is matched as a whole, so that neither the place alone nor a body is
read there. A compound the gazetteer holds already ("North Korea", "South Africa") is left
to it.
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer, Hit, Place
from .lexicon import lexicon

__all__ = ["compound_places"]

_COMPASS = r"(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|Upper|Lower)"
_BEFORE = re.compile(rf"(?<![\w-]){_COMPASS} $")
_AFTER = re.compile(r" (?:North|South|East|West|Central)(?![\w-])(?! [A-Z])")
# "Napa County", "San Diego County", "Berrien County"; "County Cork", "County Durham".
_NAME_WORD = r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
_COUNTIES = (
    re.compile(rf"(?<![\w-])(?P<base>{_NAME_WORD}(?: {_NAME_WORD})?) County(?![\w-])"),
    re.compile(rf"(?<![\w-])County (?P<base>{_NAME_WORD})(?![\w-])"),
)


def compound_places(text: str, hits: list[Hit], gaz: Gazetteer) -> list[Hit]:
    """``hits`` with the compounds of their places and the counties of ``text`` in place of
    the shorter matches inside them."""
    extra: list[Hit] = []
    for start, end, _, readings in hits:
        country = _one_country(readings)
        if any(p.kind == "demonym" for p in readings):
            continue
        if m := _BEFORE.search(text, max(0, start - 10), start):
            s, e = m.start(), end
        elif m := _AFTER.match(text, end):
            s, e = start, m.end()
        else:
            continue
        name = text[s:e]
        if gaz.automaton.get(name, None) is None:
            extra.append((s, e, name, (Place(name, "region", country, None, None, 0),)))
    if " County" in text or "County " in text:
        stopwords = lexicon().stopwords
        for pattern, irish in zip(_COUNTIES, (False, True), strict=True):
            for m in pattern.finditer(text):
                start, base = m.start(), m["base"]
                first, _, rest = base.partition(" ")
                if first.lower() in stopwords:  # "One Napa County", "The County"
                    if not rest:
                        continue
                    start, base = start + len(first) + 1, rest
                readings = gaz.automaton.get(base, (None, ()))[1]
                country = _one_country(readings) or ("IE" if irish else None)
                name = text[start : m.end()]
                place = Place(name, "region", country, None, None, 0)
                extra.append((start, m.end(), name, (place,)))
    if not extra:
        return hits
    # The longest of overlapping compounds ("County Durham" over "The County").
    extra.sort(key=lambda x: (x[0] - x[1], x[0]))
    extra = [
        x for i, x in enumerate(extra) if not any(y[0] < x[1] and y[1] > x[0] for y in extra[:i])
    ]
    kept = [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e, _, _ in extra)]
    extra = [x for x in extra if not any(h[0] < x[1] and h[1] > x[0] for h in kept)]
    return sorted(kept + extra)


def _one_country(readings: tuple[Place, ...]) -> str | None:
    countries = {p.country for p in readings}
    return next(iter(countries)) if len(countries) == 1 else None
