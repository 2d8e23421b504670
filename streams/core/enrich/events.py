"""Named events: a tournament, a race, a prize, a treaty or a war is no person, place or body.

"U.S. Open", "Monaco Grand Prix", "Nobel Peace Prize", "Paris Agreement", "Gulf War": a reader
does not count the place or the person inside such a name among the article's entities, nor
the place among its countries: an article on the Paris Agreement is not about France.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Protocol, TypeVar

from .tokens import cue_matches, name_before

__all__ = ["event_spans", "outside_events"]

# The last words of an event's name; each pattern opens on fixed text, so a scan finds it.
# Not "Conference", which ends the names of bodies as often ("United Nations Conference on
# Trade and Development").
_EVENT_WORDS = (
    "Open", "Cup", "Championship", "Championships", "Games", "Olympics", "Masters", "Trophy",
    "Grand Prix", "Classic", "Marathon", "Summit", "Agreement", "Accord", "Accords", "Treaty",
    "Prize", "Awards", "Festival", "War", "Olympiad", "World Series",
)  # fmt: skip
_CUES = tuple((f" {word}", re.compile(rf" {word}(?![\w-])")) for word in _EVENT_WORDS)


class _Mentioned(Protocol):
    spans: list[tuple[int, int]]
    mentions: int


_T = TypeVar("_T", bound=_Mentioned)


def event_spans(text: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each event's name in ``text[start:]``: capitalised words before an
    event's last word ("U.S. Open", "Second World War"), never a possessive ("Leeds's Cup")."""
    spans = []
    for m in cue_matches(text, _CUES, start):
        name = name_before(text, m.start(), start)
        if name and not name.endswith(("'s", "\u2019s")):
            spans.append((m.start() - len(name), m.end()))
    return spans


def outside_events(items: Iterable[_T], events: list[tuple[int, int]]) -> list[_T]:
    """``items`` less their mentions inside an event's name; those left with none go."""
    kept = []
    for item in items:
        item.spans = [
            (s, e) for s, e in item.spans if not any(es <= s and e <= ee for es, ee in events)
        ]
        item.mentions = len(item.spans)
        if item.mentions:
            kept.append(item)
    return kept
