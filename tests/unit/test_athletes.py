"""Competitors in individual-sport results lines: a name followed by a country in brackets."""

from __future__ import annotations

from streams.core.enrich.athletes import competitors, with_competitors
from streams.core.enrich.gazetteer import gazetteer
from streams.core.enrich.lexicon import lexicon
from streams.core.enrich.orgs import Organization
from streams.core.enrich.people import Person


def _found(text: str) -> dict[str, str]:
    return {c.name: c.country for c in competitors(text, gazetteer(), lexicon())}


def test_results_lines_name_competitors_and_their_countries() -> None:
    text = (
        "Maria Lind (Sweden) beat Ana Petrova (Russia) 6-3 6-4\n"
        "Jan de Vries (Netherlands) bt J. Okafor (Nigeria) 7-5 3-6 6-2\n"
        "2. Kipkemboi (Kenya) 2:09:02\n"
        "4. Ewan Ross (Scotland) 71 70\n"
    )
    assert _found(text) == {
        "Maria Lind": "SE", "Ana Petrova": "RU", "Jan de Vries": "NL", "J. Okafor": "NG",
        "Kipkemboi": "KE", "Ewan Ross": "GB",
    }  # fmt: skip


def test_a_line_without_a_score_or_a_time_is_not_a_results_line() -> None:
    assert _found("Rio Tinto (Australia) said on Monday it would cut jobs.") == {}


def test_headings_and_roles_before_the_name_are_left_out() -> None:
    text = (
        "Second Round Maria Lind (Sweden) 6-3\nQuarter-final Ana Petrova (Russia) 6-4\n"
        "Coach Lars Holm (Denmark) 3\n"
    )
    assert _found(text) == {"Maria Lind": "SE", "Ana Petrova": "RU", "Lars Holm": "DK"}


def test_places_bodies_and_unknown_nations_are_not_competitors() -> None:
    text = "Paris (France) 12\nBHP Group (Australia) 30.5\nAnna Berg (Atlantis) 6-1\n"
    assert _found(text) == {}


def test_a_competitor_joins_a_known_person_and_takes_the_name_from_organisations() -> None:
    text = "Lind met Petrova.\nMaria Lind (Sweden) beat Ana Petrova (Russia) 6-3\n"
    found = competitors(text, gazetteer(), lexicon())
    lind = Person("Maria Lind", mentions=1, spans=[(0, 4)])
    wrong = Organization("Ana Petrova", mentions=1, spans=[(9, 16)])
    people, orgs, _ = with_competitors(found, [lind], [wrong], [])
    by_name = {p.name: p for p in people}
    assert set(by_name) == {"Maria Lind", "Ana Petrova"}
    assert by_name["Maria Lind"].mentions == 2
    assert by_name["Ana Petrova"].affiliation == "RU"
    assert orgs == []


def test_a_win_in_sets_names_two_players_and_a_team_result_names_none() -> None:
    text = (
        "Sampras beat Agassi 6-3 6-4 in the final.\n"
        "Maria Lind (Sweden) defeated Ana Petrova 7-6(4), 6-2.\n"
        "Leeds beat Everton 2-1 at home.\n"
    )
    found = {c.name: c.country for c in competitors(text, gazetteer(), lexicon())}
    assert found == {"Sampras": None, "Agassi": None, "Maria Lind": "SE", "Ana Petrova": None}


def test_scoreboards_name_players_by_initial_and_in_dismissals() -> None:
    text = (
        "England first innings\n"
        "K. Barlow c Qadir b Imran 31, T. Ellison lbw b Rafiq 44, B. Odell not out 12\n"
        "U.S. Treasury yields rose 3 basis points and J.P. Morgan gained 2 percent.\n"
        "Their coach Mark J. Hollis took 3 catches.\n"  # a middle initial is no player's
    )
    assert set(_found(text)) == {"K. Barlow", "T. Ellison", "B. Odell", "Qadir", "Imran", "Rafiq"}


def test_an_initialled_player_s_surname_alone_is_that_player() -> None:
    text = "K. Barlow c Qadir b Imran 31\nBarlow and Qadir talked after play."
    found = competitors(text, gazetteer(), lexicon())
    people, orgs, _ = with_competitors(
        found, [Person("Barlow", mentions=1, spans=[(29, 35)])], [], []
    )
    by_name = {p.name: p.mentions for p in people}
    assert by_name == {"K. Barlow": 2, "Qadir": 1, "Imran": 1}
    assert orgs == []


def test_an_initialled_player_is_the_person_the_article_names_in_full() -> None:
    text = "Kevin Barlow made 58.\nK. Barlow not out 58, T. Ellison c Qadir b Rafiq 17"
    found = competitors(text, gazetteer(), lexicon())
    kevin = Person("Kevin Barlow", mentions=1, spans=[(0, 12)])
    people, _, _ = with_competitors(found, [kevin], [], [])
    by_name = {p.name: p for p in people}
    assert "K. Barlow" not in by_name
    assert by_name["Kevin Barlow"].spans == [(0, 12), (22, 31)]
    assert by_name["Kevin Barlow"].mentions == 2
