"""North American major-league teams: "Buffalo Sabres" wherever it appears, and in a sports
story the nickname alone ("the Sabres", "Wild 4, Sabres 1:") and the home standing for the
team ("Minnesota beat Buffalo", "scored for Detroit").

US sports copy names a team three ways. The full name is sure. A nickname alone is often a
word or a group of people elsewhere ("Senators voted", "the Jets flew"), and the home alone is
a place, so both are read as the team only in a story about sport: one that names a team in
full, or nicknames one and uses two words only sport copy uses. The home stands for a team
only when the story names exactly one team from there, and not where the text means the
place: after "in", "to", "from", "of" or "near", before "native" or "-born", or in the
dateline.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

import ahocorasick

from .orgs import Organization
from .people import Person
from .places import Location
from .tokens import word_automaton

__all__ = ["Team", "team_spans", "with_teams"]


@dataclass(frozen=True, slots=True)
class Team:
    name: str  # "Buffalo Sabres"
    home: str  # "Buffalo"
    nickname: str  # "Sabres"
    league: str  # "NHL"


@dataclass(frozen=True, slots=True)
class _Teams:
    automaton: ahocorasick.Automaton  # full names and nicknames -> (surface, full?, teams)
    by_home: dict[str, tuple[Team, ...]]
    sport_words: ahocorasick.Automaton  # the words only sport copy uses


# The place meant, not the team: "in Boston", "a Boston native", "Detroit-born".
_PLACE_BEFORE = re.compile(r"(?:\b(?:in|to|from|of|near|In|To|From|Near)) $")
_PLACE_AFTER = re.compile(r"(?: native|-born|-based|, [A-Z][a-z]{1,5}\.)")
_WORD_BEFORE = re.compile(r"(?<![.!?:\n] )(?<!^)\b([\w'.-]+) $")
_SPORT_WORDS_NEEDED = 2


@functools.cache
def _teams() -> _Teams:
    data = json.loads(
        resources.files("streams.core.data").joinpath("teams.json").read_text(encoding="utf-8")
    )
    teams = [
        Team(f"{home} {nickname}", home, nickname, league.split(",")[0])
        for league, entries in data["leagues"].items()
        for home, nickname in (entry.split("|") for entry in entries)
    ]
    surfaces: dict[str, tuple[bool, list[Team]]] = {}
    by_home: dict[str, list[Team]] = {}
    for team in teams:
        surfaces.setdefault(team.name, (True, []))[1].append(team)
        surfaces.setdefault(team.nickname, (False, []))[1].append(team)
        by_home.setdefault(team.home, []).append(team)
    automaton = ahocorasick.Automaton()
    for surface, (full, named) in surfaces.items():
        automaton.add_word(surface, (surface, full, tuple(named)))
    automaton.make_automaton()
    return _Teams(
        automaton,
        {home: tuple(named) for home, named in by_home.items()},
        word_automaton(data["sport_words"]),
    )


def _matches(text: str, start: int) -> list[tuple[int, int, bool, tuple[Team, ...]]]:
    """Whole-word matches of the names from ``start``, the longest where they overlap."""
    found = []
    for end_index, (surface, full, named) in _teams().automaton.iter(text, start):
        s, e = end_index - len(surface) + 1, end_index + 1
        if (s > 0 and (text[s - 1].isalnum() or text[s - 1] in "-'")) or (
            e < len(text) and (text[e].isalnum() or text[e] == "-")
        ):
            continue
        found.append((s, e, full, named))
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    kept: list[tuple[int, int, bool, tuple[Team, ...]]] = []
    for m in found:
        if all(m[1] <= k[0] or m[0] >= k[1] for k in kept):
            kept.append(m)
    return sorted(kept, key=lambda m: m[0])


def _is_sport(text: str, start: int, words: ahocorasick.Automaton) -> bool:
    """Two of the words only sport copy uses, whole, from ``start``."""
    seen = set()
    for end_index, word in words.iter(text, start):
        s, e = end_index - len(word) + 1, end_index + 1
        if text[s - 1 : s].isalpha() or text[e : e + 1].isalpha():
            continue
        seen.add(word)
        if len(seen) >= _SPORT_WORDS_NEEDED:
            return True
    return False


def team_spans(text: str, start: int = 0) -> list[tuple[int, int, str]]:
    """(start, end, team name) for every mention of a team in ``text`` from ``start``: by
    full name anywhere, and in a sports story by nickname and by home (see the module)."""
    data = _teams()
    matches = _matches(text, start)
    if not matches:
        return []
    full = {m[3][0] for m in matches if m[2]}
    if not full and not _is_sport(text, start, data.sport_words):
        return []
    spans: list[tuple[int, int, str]] = []
    named: set[Team] = set(full)
    # Another team's name ends in the nickname: "the Nittany Lions" are no Detroit Lions.
    matches = [m for m in matches if m[2] or not _after_a_name(text, m[0])]
    # The leagues of the teams named for sure: a shared nickname is most likely theirs.
    # A league is the story's when it names one of its teams in full, or two of its teams
    # by nickname: a lone nickname may be a college team's ("the Eagles" of Eastern Michigan).
    by_league: dict[str, set[str]] = {}
    for m in matches:
        if not m[2] and len({t.league for t in m[3]}) == 1:
            by_league.setdefault(m[3][0].league, set()).add(m[3][0].nickname)
    leagues = {t.league for t in full} | {lg for lg, nicks in by_league.items() if len(nicks) > 1}
    for s, e, is_full, teams in matches:
        if is_full:
            spans.append((s, e, teams[0].name))
            continue
        # A nickname two teams share ("Panthers") is the one the story names in full, else
        # the one whose home it names, else the one of the story's league.
        team = (
            _one(teams, full)
            or _one(teams, {t for t in teams if _names(text, t.home)})
            or _one(teams, {t for t in teams if t.league in leagues})
        )
        if team is None and len(teams) == 1 and teams[0].league in leagues:
            team = teams[0]
        spans.append((s, e, team.name if team else text[s:e]))
        if team is not None:
            named.add(team)
    for home in {t.home for t in named}:
        if len([t for t in named if t.home == home]) != 1:
            continue  # two teams of New York: "New York" is neither
        team = next(t for t in named if t.home == home)
        spans += [(s, e, team.name) for s, e in _home_mentions(text, start, home, spans)]
    return sorted(spans)


def _after_a_name(text: str, start: int) -> bool:
    """A capitalised word other than "The" stands right before ``start`` in the sentence."""
    m = _WORD_BEFORE.search(text, max(0, start - 30), start)
    return m is not None and m.group(1) != "The" and m.group(1)[0].isupper()


def _one(teams: tuple[Team, ...], among: set[Team]) -> Team | None:
    chosen = [t for t in teams if t in among]
    return chosen[0] if len(chosen) == 1 else None


def _names(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def _home_mentions(
    text: str, start: int, home: str, taken: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    out = []
    for m in re.finditer(rf"(?<![\w-]){re.escape(home)}(?![\w-]| [A-Z])", text[start:]):
        s, e = m.start() + start, m.end() + start
        if any(s < te and e > ts for ts, te, _ in taken):
            continue
        if _PLACE_BEFORE.search(text, max(0, s - 6), s) or _PLACE_AFTER.match(text, e):
            continue
        if (s == 0 or text[s - 1] == "\n") and (
            text[s:e].isupper() or text[e : e + 1] in ("\n", "")
        ):
            continue  # the dateline's place, or a line of its own
        out.append((s, e))
    return out


def with_teams(
    spans: list[tuple[int, int, str]],
    people: list[Person],
    orgs: list[Organization],
    locations: list[Location],
) -> tuple[list[Person], list[Organization], list[Location]]:
    """The teams' mentions taken from the people, places and other organisations, and the
    teams added to the organisations."""
    if not spans:
        return people, orgs, locations

    def outside(entity: Person | Organization | Location) -> bool:
        before = len(entity.spans)
        entity.spans = [
            (s, e) for s, e in entity.spans if not any(s < te and e > ts for ts, te, _ in spans)
        ]  # fmt: skip
        if len(entity.spans) != before:
            entity.mentions = len(entity.spans)
            return bool(entity.spans)
        return True

    people = [p for p in people if outside(p)]
    locations = [loc for loc in locations if outside(loc)]
    by_name = {o.name: o for o in orgs if outside(o)}
    for s, e, name in spans:
        team = by_name.setdefault(name, Organization(name))
        team.spans.append((s, e))
        team.mentions += 1
    return people, list(by_name.values()), locations
