"""Bodies known only by their initials."""

from __future__ import annotations

import pytest

from streams.core.article import Article
from streams.core.enrich import enrich

pytestmark = pytest.mark.unit


def _entities(body: str) -> dict[str, set[str]]:
    found = enrich(Article("t", "Headline", None, tuple(body.split("\n")), language="en"))
    return {kind: {x["name"] for x in entries}
            for kind, entries in found.to_dict()["entities"].items()}  # fmt: skip


def test_initials_in_running_text_name_a_body_every_time() -> None:
    found = _entities(
        "The DEA said on Monday that the KRPC had agreed, and the KRPC's chair spoke to "
        "PTI. Officials of the NPU and WZBA met."
    )
    assert {"DEA", "KRPC", "PTI", "NPU", "WZBA"} <= found["organizations"]


def test_abbreviations_codes_and_capitals_that_name_no_body_are_left_alone() -> None:
    found = _entities(
        "The CEO said GDP and COVID cases rose in Q3 as the VAT fell.\n"
        "The dollar index .DXY rose and spot gold XAU= added 0.1%.\n"
        "The suit, number FHC/ABJ/03/2018, is pending before Chapter IV.\n"
        "ACME HOLDINGS INC. 113 0.5\n"
        "NOTE: the office said it was FREE."
    )
    orgs = found["organizations"]
    assert not {"CEO", "GDP", "COVID", "VAT", "DXY", "XAU", "FHC", "ABJ", "IV"} & orgs
    assert not {"NOTE", "FREE", "ACME", "HOLDINGS", "INC"} & orgs
    # A name in a table ends before its figures.
    assert not any(name[-1].isdigit() for name in orgs)


def test_initials_the_model_read_as_a_person_or_a_place_are_the_body() -> None:
    found = _entities("VOA reported the strike. A BART train was halted, VOA said.")
    assert {"VOA", "BART"} <= found["organizations"]
    assert not {"VOA", "BART"} & (found["persons"] | found["locations"])
