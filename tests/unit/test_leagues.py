"""North American league teams: full names anywhere, nicknames and homes in sports stories."""

from __future__ import annotations

import pytest

from streams.core.article import Article
from streams.core.enrich import enrich
from streams.core.enrich.leagues import team_spans

pytestmark = pytest.mark.unit

ROUNDUP = (
    "Wild 4, Sabres 1: Halvard Stene scored twice, and Minnesota beat Buffalo. Corey Lund "
    "also scored for the Wild. Buffalo is on a three-game skid.\n"
    "Panthers 5, Flyers 2: Ilkka Marttila had a goal and an assist to lift Florida. "
    "Carolina beat Chicago on Sunday. A Boston native, Tom Reyes, made 25 saves in Boston."
)


def _entities(lead: str, body: str = "") -> dict[str, dict[str, int]]:
    found = enrich(Article("t", "Headline", lead, tuple(body.split("\n")), language="en"))
    return {kind: {x["name"]: x["mentions"] for x in entries}
            for kind, entries in found.to_dict()["entities"].items()}  # fmt: skip


def test_a_team_s_full_name_is_the_team_in_any_story() -> None:
    found = _entities("The Dallas Cowboys' owner met the governor in Austin on Monday.")
    assert found["organizations"].get("Dallas Cowboys") == 1
    assert "Dallas" not in found["locations"]


def test_in_a_sports_story_nicknames_and_homes_are_the_teams() -> None:
    found = _entities("Results from Tuesday night's games:", ROUNDUP)
    orgs = found["organizations"]
    assert orgs["Minnesota Wild"] == 3  # Wild, Minnesota, the Wild
    assert orgs["Buffalo Sabres"] == 3
    # A nickname two leagues share is the one of the story's league.
    assert orgs["Florida Panthers"] == 2
    assert "Carolina Panthers" not in orgs
    # The place meant stays the place: a native of it, a save made in it.
    assert found["locations"].get("Boston") == 2
    assert not {"Minnesota", "Buffalo", "Florida"} & found["locations"].keys()


def test_outside_sport_a_nickname_is_a_word_and_a_home_a_place() -> None:
    text = "Senators voted 52-47 on the bill in Ottawa, and the Jets flew home."
    assert team_spans(text) == []
    found = _entities(text)
    assert "Ottawa Senators" not in found["organizations"]
    assert found["locations"] == {"Ottawa": 1}


def test_another_team_s_name_ending_in_a_nickname_is_not_that_team() -> None:
    text = "The Nittany Lions scored two touchdowns and threw for 300 yards in the game."
    assert team_spans(text) == []
