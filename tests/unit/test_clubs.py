"""Clubs named after their town: a results line or a table row makes the name a team."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.core.article import Article
from streams.core.enrich import Entities, find_entities
from streams.core.enrich.clubs import (
    _FIXTURE,
    _RESULT,
    _ROW,
    _SCORE,
    _scores,
    club_names,
    is_club_name,
    team_mentions,
)

pytestmark = pytest.mark.unit

RESULTS = (
    "Results of Saturday's second division matches:",
    "Bristol 2 (Okonjo 14, Varga 77) Norwich 0",
    "Cup: Portsmouth 1 Stoke 1",
    "Standings:",
    "Norwich 22 13 5 4 38 19 44",
    "1. Bristol 22 12 6 4 35 21 42",
    "Norwich stay top despite the defeat, their manager said.",
)


def _found(lead: str, lines: tuple[str, ...]) -> Entities:
    return find_entities(Article("t", "", lead, lines, language="en"))


def test_results_lines_and_table_rows_name_clubs() -> None:
    assert club_names("\n".join(RESULTS)) == {"Bristol", "Norwich", "Portsmouth", "Stoke"}


def test_prose_and_numbers_in_sentences_name_no_club() -> None:
    text = "Bristol 2 Norwich 0 was the score.\nParis hosted 3 summits in 2024 and 2025."
    assert club_names(text) == set()


def test_a_town_that_names_a_club_is_the_club_in_the_whole_article() -> None:
    found = _found("Football results from England.", RESULTS)
    orgs = {o.name: o.mentions for o in found.organizations}
    places = {loc.name for loc in found.locations}
    assert orgs["Norwich"] == 3  # two lines of figures and the sentence after them
    assert {"Bristol", "Portsmouth", "Stoke"} <= set(orgs)
    assert not places & {"Bristol", "Norwich", "Portsmouth", "Stoke"}


def test_national_teams_stay_their_countries() -> None:
    lines = ("Group B results:", "Japan 2 Syria 1", "Japan lead the group.")
    found = _found("Asian Cup qualifiers.", lines)
    assert {"Japan", "Syria"} <= {loc.name for loc in found.locations}
    assert not {"Japan", "Syria"} & {o.name for o in found.organizations}


def test_a_score_in_a_sentence_makes_the_towns_either_side_clubs() -> None:
    report = (
        "Second-placed Bristol drew 0-0 with Norwich on Saturday, and Portsmouth beat Stoke "
        "2-1. Brighton earned a 3-1 win over Cardiff.",
        "Portsmouth host Bristol next week.",
    )
    found = _found("Weekend football.", report)
    orgs = {o.name: o.mentions for o in found.organizations}
    assert {"Bristol", "Norwich", "Portsmouth", "Stoke", "Brighton", "Cardiff"} <= set(orgs)
    assert orgs["Portsmouth"] == 2  # the next sentence too
    assert orgs["Bristol"] == 2
    assert not {loc.name for loc in found.locations} & set(orgs)


def test_a_club_named_with_a_clubs_word_is_the_club_and_its_town_no_place() -> None:
    assert is_club_name("Hillsborough Rovers")
    assert is_club_name("Valby United")
    assert not is_club_name("United")
    found = _found(
        "Cup football.",
        ("Kestrel Wanderers beat Hillsborough Rovers 3-1 on Saturday.",
         "Hillsborough Rovers now face a replay in Hillsborough."),
    )  # fmt: skip
    orgs = {o.name: o.mentions for o in found.organizations}
    assert orgs.get("Hillsborough Rovers") == 2
    assert "Kestrel Wanderers" in orgs


def test_standings_with_percentages_fixtures_and_the_dateline() -> None:
    lines = (
        "Standings after Tuesday's games (won, lost, percentage, games behind):",
        "W L PCT GB",
        "NEW YORK 74 59 .556 -",
        "BALTIMORE 70 63 .526 4",
        "Seattle 10 BALTIMORE 3",
        "CHICAGO AT TORONTO",
    )
    assert club_names("\n".join(lines)) == {
        "NEW YORK", "BALTIMORE", "Seattle", "CHICAGO", "TORONTO"
    }  # fmt: skip
    found = _found("NEW YORK 1996-08-28", lines)
    orgs = {o.name: o.mentions for o in found.organizations}
    assert orgs["NEW YORK"] == 1  # the table's, not the dateline's
    assert "New York" in {loc.name for loc in found.locations}
    # Without a result or a table, "X at Y" is no fixture.
    assert club_names("Talks at Geneva") == set()


def test_a_player_s_role_and_a_transfer_name_the_club() -> None:
    text = (
        "Vicenza striker Marco Otero scored twice. Ronaldo joined Barcelona from PSV Eindhoven "
        "and Tom Reed signed for Leeds. Italy coach Anna Berti watched."
    )
    named, transfers = team_mentions(text)
    assert {"Vicenza", "Barcelona", "PSV Eindhoven", "Leeds", "Italy"} <= named
    assert transfers == {"Barcelona", "PSV Eindhoven", "Leeds"}
    found = _found("Football news.", (text, "Barcelona and Leeds lead their groups."))
    orgs = {o.name: o.mentions for o in found.organizations}
    assert orgs["Barcelona"] == 2
    assert {"Vicenza", "Leeds", "PSV Eindhoven"} <= set(orgs)
    assert not {"Barcelona", "Vicenza", "Leeds"} & {loc.name for loc in found.locations}
    assert "Italy" in {loc.name for loc in found.locations}  # a national team stays its country
    # A club's manager with a possessive: "Valby's manager".
    found = _found("Football news.", ("Jens Holm was named Valby's manager on Tuesday.",))
    assert "Valby" in {o.name for o in found.organizations}
    # So do the nations that field teams of their own.
    found = _found("Football news.", ("England captain Tom Hale scored twice.",))
    assert "England" in {loc.name for loc in found.locations}
    assert "England" not in {o.name for o in found.organizations}
    # "joined" alone is no transfer: "Paris joined Berlin in condemning the attack".
    assert team_mentions("Paris joined Berlin in condemning the attack.") == (set(), set())


def test_a_club_s_short_name_is_the_club() -> None:
    found = _found(
        "Cup football.",
        ("Valby United beat Kestrel Rovers 2-0.", "Valby coach Henrik Dahl was pleased."),
    )
    orgs = {o.name: o.mentions for o in found.organizations}
    assert orgs["Valby United"] == 2
    assert "Valby" not in orgs


def test_a_score_in_a_sentence_leaves_people_countries_and_other_numbers_alone() -> None:
    lines = (
        "Obama beat Romney 52-47 in Ohio, while Japan beat Syria 2-1 in Doha.",
        "Paris hosted 3-4 delegations on 1996-12-06.",
    )
    found = _found("Results.", lines)
    places = {loc.name for loc in found.locations}
    assert {"Ohio", "Japan", "Syria", "Doha", "Paris"} <= places
    assert "Obama" in {p.name for p in found.people}
    assert not places & {o.name for o in found.organizations}


@given(st.text(alphabet="0123456789- a\n", max_size=60))
def test_scores_found_from_the_dashes_are_those_the_pattern_finds(text: str) -> None:
    assert _scores(text) == [m.span() for m in _SCORE.finditer(text)]


def _club_names_everywhere(text: str) -> set[str]:
    """club_names as the patterns find them tried at every position of the text."""
    names = {m.group(g) for m in _RESULT.finditer(text) for g in ("a", "b")}
    names.update(m.group("a") for m in _ROW.finditer(text))
    if names:
        names.update(m.group(g) for m in _FIXTURE.finditer(text) for g in ("a", "b"))
    return names


_LINE_PARTS = st.sampled_from(
    ["Leeds", "NEW YORK", "Hull City", "2", "10", "(Okoro 23)", ".556", "-", "1/2", "at", "v",
     "AT", ":", "Cup:", "1.", " ", "  ", ".", "said", "Talks"]
)  # fmt: skip
_GOOD_LINES = st.sampled_from(
    ["Leeds 2 Everton 1", "NEW YORK 74 59 .556 -", "CHICAGO AT TORONTO", "Leeds v Hull City",
     "Cup: Hull City 1 (Okoro 23) Leeds 0.", "1. Bristol 22 12 6 4 35 21 42", "  Stoke 1 Hull 1 "]
)  # fmt: skip
_LINES = st.one_of(
    _GOOD_LINES,
    st.lists(_LINE_PARTS, max_size=8).map(" ".join),
    st.tuples(_GOOD_LINES, _LINE_PARTS).map(" ".join),
    st.tuples(_LINE_PARTS, _GOOD_LINES).map(" ".join),
)


@given(st.lists(_LINES, max_size=8).map("\n".join))
def test_club_names_line_by_line_finds_what_the_patterns_find_anywhere(text: str) -> None:
    assert club_names(text) == _club_names_everywhere(text)


def test_names_listed_beside_a_club_are_clubs() -> None:
    found = _found(
        "Football news.",
        ("Marco Otero has coached FC Porto, Inter Milan, Chelsea and Leeds United.",
         "Porto won the league twice under him."),
    )  # fmt: skip
    orgs = {o.name for o in found.organizations}
    assert {"FC Porto", "Inter Milan", "Chelsea", "Leeds United"} <= orgs
    assert not {"Chelsea", "Porto"} & {loc.name for loc in found.locations}
    assert "Inter Milan" not in {p.name for p in found.people}
    # A list of places alone stays places.
    found = _found("Travel news.", ("Flights to Porto, Milan and Leeds resume in May.",))
    assert {"Porto", "Milan", "Leeds"} <= {loc.name for loc in found.locations}


def test_college_sports_teams_by_record_nickname_and_result() -> None:
    found = _found(
        "Holt threw for three touchdowns and Eastern Michigan rolled past Northern Illinois, "
        "45-17, on Tuesday night.",
        (
            "The Eagles (6-5, 3-4) ended an 11-game losing streak to the Huskies (4-7, 3-4) "
            "and the Mid-American Conference title race is open.",
            "Huskies quarterback Dean Marlow was intercepted three times.",
            "Lakeview State quarterback Jo Pruitt said the Big Ten offered a place.",
            "Ray Tolliver (12-3) allowed two runs for Hartwell.",
        ),
    )
    orgs = {o.name: o.mentions for o in found.organizations}
    assert {"Eastern Michigan", "Northern Illinois", "Eagles", "Lakeview State"} <= orgs.keys()
    assert orgs["Huskies"] == 2
    assert {"Mid-American Conference", "Big Ten"} <= orgs.keys()
    # A pitcher with his record is no team.
    assert "Ray Tolliver" not in orgs
    assert not {"Eastern Michigan", "Northern Illinois", "Michigan"} & {
        loc.name for loc in found.locations
    }
