"""Sports clubs named after their town: in a results line or a standings table, "Leeds" is a
team, and the article means the team wherever else it names it.

Wire sports pages list results ("Leeds 2 Everton 1") and tables ("Leeds 30 15 8 7 50 35 53");
a name in such a line is a club, not the town. Match reports give the result in a sentence
("Leeds beat Everton 2-1", "Leeds drew 0-0 with Everton", "a 2-1 win over Leeds"): a town
named on either side of such a score is the club too. National teams keep their country: a
wire reader counts "Japan 2 Syria 1" as the two countries.
"""

from __future__ import annotations

import re

from .orgs import Organization
from .places import Location
from .tokens import DIGIT, cue_matches, name_before

__all__ = [
    "club_names",
    "is_club_name",
    "listed_with_clubs",
    "places_as_clubs",
    "result_sides",
    "team_mentions",
    "with_records",
]

_NAME = r"[A-Z][\w.'&-]*(?: [A-Z][\w.'&-]*){0,3}"
_SCORERS = r"(?: \([^()\n]*\))?"  # "(Smith 23, Jones 80)"
# A line that is one result, or one row of a table: names and numbers only.
_LABEL = r"(?:[A-Z][\w ]{0,30}:[ \t]*)?"  # "Division One: Leeds 2 Everton 1"
_RESULT = re.compile(
    rf"^[ \t]*{_LABEL}(?P<a>{_NAME}) \d{{1,2}}{_SCORERS}"
    rf"[ \t]+(?P<b>{_NAME}) \d{{1,2}}{_SCORERS}[ \t.]*$",
    re.MULTILINE,
)
# Table figures: counts, then also percentages and games behind (".556", "4", "-", "1/2").
_FIGURE = r"(?:\d{1,3}(?:\.\d+)?|\.\d{3}|-|\d{0,2} ?1/2)"
_ROW = re.compile(
    rf"^[ \t]*(?:\d{{1,2}}\.? )?(?P<a>{_NAME})(?: \d{{1,3}}){{2}}(?: {_FIGURE})+[ \t]*$",
    re.MULTILINE,
)
# A fixture with no score yet, in a page of results: "CHICAGO AT TORONTO", "Leeds v Everton".
_FIXTURE_WORDS = ("at", "AT", "v", "V", "vs", "vs.")
_FIXTURE = re.compile(
    rf"^[ \t]*(?P<a>{_NAME}) (?:at|AT|v|V|vs|vs\.) (?P<b>{_NAME})[ \t]*$", re.MULTILINE
)
_NATIONAL = frozenset(("country", "demonym"))
# Nations that field their own teams without being ISO countries: their teams stay them too.
_HOME_NATIONS = frozenset(("England", "Scotland", "Wales", "Northern Ireland"))
# A match score in a sentence; not part of a date ("1996-12-06") or a longer number.
_SCORE = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")
_SIDE = r"(?P<{}>[A-Z][\w'&-]*(?: [A-Z][\w'&-]*){{0,3}})"
_BEAT = (
    r"(?:beat|beats|defeated|defeats|thrashed|edged|crushed|routed|hammered|drew with|lost to|"
    r"rolled past|rallied past|cruised past|edged past|slipped past|got past|rolled over|topped|"
    r"downed|blanked|shut out|outlasted|held off|knocked off|upset|stunned|swept|outscored|"
    r"overcame|trounced|dispatched|eliminated|ousted)"
)
# The text before a score: "Leeds beat Everton " or "Leeds drew ".
_BEFORE = (
    re.compile(rf"{_SIDE.format('a')} {_BEAT} {_SIDE.format('b')},? (?:on [A-Z]\w+ )?$"),
    re.compile(rf"{_SIDE.format('a')} (?:won|lost|drew|were held|went down) $"),
    re.compile(
        rf"{_SIDE.format('a')} (?:earned|claimed|secured|recorded|sealed|grabbed|snatched|"
        r"suffered|slumped to|crashed to) an? $"
    ),
)
# The text after it: " with Everton" (after "drew"), " win over Everton".
_AFTER = re.compile(
    rf"^ (?:(?:home |away )?(?:win|victory|defeat|loss|draw) )?(?:with|to|against|over|by) "
    rf"{_SIDE.format('b')}"
)
_WINDOW = 100  # characters either side of a score: one clause
# Last words that make a name a club's ("Hillsborough Rovers"), whatever its town.
_CLUB_WORDS = frozenset(
    ("United", "Rovers", "Rangers", "City", "Town", "County", "Athletic", "Athletico",
     "Wanderers", "Albion", "Hotspur", "Villa", "Celtic", "Argyle", "Orient", "Stanley",
     "Thistle", "Academicals", "Dynamo", "FC", "AFC", "CF", "SC", "SV", "BK", "IF")
)  # fmt: skip


def club_names(text: str) -> set[str]:
    """Names that stand for a team in a results line or a table row of ``text``.

    The patterns are tried on the lines that can hold one only: a results line or a table row
    ends on a figure or a bracket, a fixture holds "at" or "v". Tried at every position of
    the article, they cost a hundred times as much.
    """
    if not DIGIT.search(text):  # both patterns need a digit; a search in C skips the rest
        return set()
    names: set[str] = set()
    fixtures = []
    for line in text.split("\n"):
        tail = line.rstrip(" \t.")
        if tail[-1:].isdigit() or tail[-1:] in (")", "-"):
            if m := _RESULT.match(line):
                names.update((m.group("a"), m.group("b")))
            if m := _ROW.match(line):
                names.add(m.group("a"))
        elif any(f" {word} " in line for word in _FIXTURE_WORDS):
            fixtures.append(line)
    if names:  # only among results: elsewhere "Talks at Geneva" is no fixture
        for line in fixtures:
            if m := _FIXTURE.match(line):
                names.update((m.group("a"), m.group("b")))
    return names


def result_sides(text: str) -> set[str]:
    """Names on either side of a score in a sentence, with their last one to three words
    ("Second-placed Leeds" gives "Leeds" too): the caller keeps those that are places."""
    names: set[str] = set()
    for start, end in _scores(text):
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        before = text[max(line_start, start - _WINDOW) : start]
        after = text[end : min(line_end if line_end >= 0 else len(text), end + _WINDOW)]
        for pattern in _BEFORE:
            if m := pattern.search(before):
                for side in m.groups():
                    names |= _endings(side)
        if m := _AFTER.match(after):
            names |= _endings(m.group("b"))
    return names


# A team's player or staff named by the team ("Vicenza striker Marco Otero"), and transfers
# ("joined Barcelona from PSV Eindhoven", "signed for Leeds", "on loan from Everton"). Each
# pattern opens on fixed text, so the regex engine finds it with a fast scan.
_TEAM_ROLES = tuple(
    (f" {role}", re.compile(rf" {role}\b"))
    for role in ("striker", "midfielder", "defender", "goalkeeper", "keeper", "forward",
                 "winger", "playmaker", "full-back", "centre-back", "center-back", "coach",
                 "manager", "captain", "skipper", "quarterback", "linebacker", "running back",
                 "wide receiver", "tight end", "cornerback", "pitcher", "catcher", "shortstop",
                 "outfielder", "infielder", "reliever", "defenseman", "goaltender", "goalie",
                 "athletic director", "point guard")
)  # fmt: skip
_TEAM = _SIDE.format("b")
_TRANSFERS = (
    ("joined ", re.compile(rf"joined {_SIDE.format('a')} from {_TEAM}")),
    ("signed for ", re.compile(rf"signed for {_TEAM}")),
    ("moved to ", re.compile(rf"moved to {_TEAM}")),
    ("on loan ", re.compile(rf"on loan (?:from|at|to) {_TEAM}")),
    ("loaned to ", re.compile(rf"loaned to {_TEAM}")),
    ("a transfer to ", re.compile(rf"a transfer to {_TEAM}")),
)


def team_mentions(text: str) -> tuple[set[str], set[str]]:
    """Names the text uses for a team: before a player's or coach's role, with their last one
    to three words like :func:`result_sides` (the caller keeps those that are places); and
    the teams of transfers, whole, which are teams whatever else they are named for."""
    names: set[str] = set()
    transfers: set[str] = set()
    for m in cue_matches(text, _TEAM_ROLES):
        at = m.start()
        # "Tottenham's manager" as "Tottenham manager"; "Kane's coach" is checked like any
        # name, as a place later.
        if text.endswith(("'s", "\u2019s"), 0, at):
            at -= 2
        if side := name_before(text, at):
            names |= _endings(side)
    for m in cue_matches(text, _TRANSFERS):
        if m.start() and text[m.start() - 1].isalnum():
            continue  # inside a longer word
        for side in m.groups():
            if side:
                names |= _endings(side)
                transfers.add(side)
    return names, transfers


# A team with its record, as US sports copy writes it: "The Eagles (6-5, 3-4)", "Minnesota
# (9-1)", "the Huskies (4-7-1)".
_RECORD = re.compile(
    r"(?<![\w'-])(?P<the>[Tt]he )?(?P<a>[A-Z][\w'&-]*(?: [A-Z][\w'&-]*){0,2}) "
    r"\(\d{1,2}-\d{1,2}(?:-\d{1,2})?(?:, \d{1,2}-\d{1,2}(?:-\d{1,2})?)?\)"
)


def with_records(text: str) -> tuple[set[str], set[str]]:
    """Names written with a win-loss record after them: after "the" (teams, whatever else
    they name), and without it (teams or pitchers: "Clayton Kershaw (12-3)")."""
    if "-" not in text or "(" not in text:
        return set(), set()
    teams: set[str] = set()
    others: set[str] = set()
    for m in _RECORD.finditer(text):
        (teams if m.group("the") else others).add(m.group("a"))
    return teams, others


def is_club_name(name: str, *, strict: bool = False) -> bool:
    """A name of two or more words whose last word is a club's ("Hillsborough Rovers") or
    whose first is ("FC Porto", "Real Madrid"); ``strict``: not a word that ends places'
    names as often ("Napa County", "Mexico City", "Bay Town")."""
    words = name.split()
    last = words[-1] in _CLUB_WORDS and not (strict and words[-1] in _PLACE_ENDINGS)
    return len(words) > 1 and (last or words[0] in _CLUB_FIRST_WORDS)


_PLACE_ENDINGS = frozenset(("City", "Town", "County"))


_CLUB_FIRST_WORDS = frozenset(
    ("FC", "AC", "AS", "SC", "SS", "CD", "CF", "Real", "Sporting", "Atletico", "Atlético",
     "Inter", "Dynamo", "Dinamo", "Olympique", "Racing", "Borussia")
)  # fmt: skip
_CLUB_INITIALS = frozenset(("FC", "AC", "AS", "SC", "SS", "CD", "CF"))
# A list of names: "FC Porto, Inter Milan, Chelsea, Real Madrid and Manchester United".
_LIST = re.compile(rf"{_NAME}(?:, {_NAME})+,? (?:and|or) {_NAME}")


def listed_with_clubs(text: str, clubs: set[str]) -> set[str]:
    """The names listed beside a club ("has managed FC Porto, Inter Milan, Chelsea, Real
    Madrid and Manchester United"): clubs too, whatever else they are named for (the
    caller keeps those that are places, as for :func:`team_mentions`)."""
    found: set[str] = set()
    if ", " not in text:
        return found
    for m in _LIST.finditer(text):
        items = re.split(r",? (?:and|or) |, ", m.group())
        if any(item in clubs or is_club_name(item, strict=True) for item in items):
            for item in items:
                found.add(item)
                # "FC Porto" is "Porto" too; "Real Madrid" is not "Madrid", the city.
                if item.split()[0] in _CLUB_INITIALS:
                    found.add(item.split(" ", 1)[1])
    return found


def _scores(text: str) -> list[tuple[int, int]]:
    """Spans of the scores in ``text``, found from its dashes with ``str.find``: the pattern
    tried at every position costs about a hundred times as much on an article with none."""
    spans = []
    at = text.find("-")
    while at >= 0:
        if text[at - 1 : at].isdigit() and text[at + 1 : at + 2].isdigit():
            opens = at - 2 if text[at - 2 : at - 1].isdigit() else at - 1
            if m := _SCORE.match(text, opens):
                spans.append(m.span())
        at = text.find("-", at + 1)
    return spans


def _endings(name: str) -> frozenset[str]:
    words = name.split()
    return frozenset(" ".join(words[-n:]) for n in range(1, min(3, len(words)) + 1))


# What follows a dateline's place: "NEW YORK 1996-08-28", "LONDON (Reuters) -", "ROME, May 3".
_AFTER_DATELINE = re.compile(r"[ \t]*(?:,|\(|\d{4}-\d\d-\d\d|-|\u2013|\u2014)")


def _dateline(text: str, start: int, end: int) -> bool:
    """A place in capitals opening a line, followed as a dateline's place is: the story's
    place, even where a club has its name ("NEW YORK 74 59 .556" in the table below)."""
    opens = start == 0 or text[start - 1] == "\n"
    return opens and text[start:end].isupper() and bool(_AFTER_DATELINE.match(text, end))


def places_as_clubs(
    locations: list[Location],
    orgs: list[Organization],
    clubs: set[str],
    text: str,
    taken: list[tuple[int, int]],
) -> tuple[list[Location], list[Organization]]:
    """Every mention of a town that names a club becomes the club's, and a club no list or
    model knows is found wherever the text names it (outside the ``taken`` spans: people):
    the places without them, the organisations with them."""
    if not clubs:
        return locations, orgs
    by_name = {o.name: o for o in orgs}

    def add(start: int, end: int) -> None:
        name = text[start:end]
        # The club's short name: "Valby" for the article's "Valby United", "Porto" for its
        # "FC Porto".
        full = next(
            (
                n for n in by_name
                if (n.startswith(name + " ") or n.endswith(" " + name)) and is_club_name(n)
            ),
            name,
        )  # fmt: skip
        club = by_name.setdefault(full, Organization(full))
        club.mentions += 1
        club.spans.append((start, end))

    kept: list[Location] = []
    national: set[str] = set()
    for loc in locations:
        if loc.kind in _NATIONAL or loc.name in _HOME_NATIONS:
            national.update(text[s:e] for s, e in loc.spans)
            kept.append(loc)
            continue
        moved = [(s, e) for s, e in loc.spans if text[s:e] in clubs and not _dateline(text, s, e)]
        loc.spans = [span for span in loc.spans if span not in moved]
        for s, e in moved:
            add(s, e)
        loc.mentions = len(loc.spans)
        if loc.mentions:
            kept.append(loc)
    # Every mention of a club, found or not by the lists and the model.
    wanted = sorted(clubs - national, key=len, reverse=True)
    if wanted:
        names = "|".join(re.escape(name) for name in wanted)
        found = [
            m.span() for m in re.finditer(rf"(?<![\w-])(?:{names})(?![\w-])", text)
            if not any(m.start() < e and m.end() > s for s, e in taken)
            and not _dateline(text, m.start(), m.end())
        ]  # fmt: skip
        # A body read inside a club's name is the club ("Penn" of "Penn State"); a club's
        # name inside a body's is the body's.
        for org in list(by_name.values()):
            inside = [(s, e) for s, e in org.spans if any(cs <= s and e <= ce and e - s < ce - cs
                                                          for cs, ce in found)]  # fmt: skip
            if inside:
                org.spans = [span for span in org.spans if span not in inside]
                org.mentions = len(org.spans)
                if not org.spans:
                    del by_name[org.name]
        known = [span for o in by_name.values() for span in o.spans]
        found = [(s, e) for s, e in found if not any(s < ke and e > ks for ks, ke in known)]
        taken = taken + known
        # A town inside a club's name ("Hillsborough" of "Hillsborough Rovers") is the club's.
        for loc in kept:
            loc.spans = [
                (s, e) for s, e in loc.spans
                if not any(cs <= s and e <= ce for cs, ce in found)
            ]  # fmt: skip
            loc.mentions = len(loc.spans)
        kept = [loc for loc in kept if loc.mentions]
        taken += [span for loc in kept for span in loc.spans]
        for s, e in found:
            if not any(s < te and e > ts for ts, te in taken):
                add(s, e)
    return kept, list(by_name.values())
