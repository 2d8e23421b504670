"""Newswire's HTML path on the shared extraction benchmark (181 real pages nobody on the project
wrote): the figure must not fall back. Skips where ``../shared`` is missing (a user's clone)."""

from __future__ import annotations

import pytest

from streams.devtools.extraction import BENCHMARK, run

# The figure bench/extraction.py printed when this floor was set was F1 0.965 with 0 pages
# rejected; the floor leaves room for a rule change that trades a little here for the hidden
# sets, not for a regression.
F1_FLOOR = 0.955


def test_the_html_path_holds_its_figure_on_the_shared_benchmark() -> None:
    if not (BENCHMARK / "ground-truth.json").exists():
        pytest.skip(f"the shared benchmark is not at {BENCHMARK} (it ships only with ../shared)")
    [tally] = run(BENCHMARK, {"newswire"})
    assert len(tally.millis) == 181
    assert sum(tally.rejected.values()) == 0, f"pages rejected: {dict(tally.rejected)}"
    assert tally.f1 >= F1_FLOOR, tally.line()
