"""Which blocks of a web page are furniture, and which title a page gets."""

from __future__ import annotations

import pytest

from streams.core.html_text import _clean_title, _is_furniture, html_to_page


@pytest.mark.parametrize(
    ("names", "furniture"),
    [
        ("ad-slot top", True),
        ("ads", True),
        ("site-header masthead-wrap", True),
        ("header", False),  # "ad" inside a word is not an advert
        ("shadow", False),
        ("top-menu", True),
        ("submenu", False),  # "menu" must start a word
        ("nav", True),
        ("canvas", False),
        ("tags", True),
        ("tagsomething", False),
        ("share-bar", True),
        ("article-share", False),  # a name that also says content is kept
        ("MostRead", True),
        ("cookie_consent", True),
        ("story-body", False),
    ],
)
def test_furniture_names(names: str, furniture: bool) -> None:
    assert _is_furniture(names) is furniture


@pytest.mark.parametrize(
    ("declared", "title"),
    [
        ("Bridge reopens after repairs | Valley Courier", "Bridge reopens after repairs"),
        ("Opinion | Why the bridge took so long", "Why the bridge took so long"),
        ("Valley Courier | Bridge reopens after three years of repairs - News",
         "Bridge reopens after three years of repairs"),
        ("Bridge reopens", "Bridge reopens"),
        ("橋が再開通 - 谷の新聞社と地域ニュース", "橋が再開通"),  # no spaces: the site goes last
    ],
)  # fmt: skip
def test_declared_titles_lose_site_and_section_parts(declared: str, title: str) -> None:
    assert _clean_title(declared, None) == title


_STORY = (
    "<p>The river bridge on the valley road reopened on Friday after three years of repairs, "
    "the county said, with a new deck and wider footpaths on both sides.</p>"
    "<p>Traffic had gone the long way round through the hills since the old deck cracked, and "
    "the shops by the bridge said trade would now come back, as it did before.</p>"
)


def test_a_logo_h1_unlike_the_declared_title_is_not_the_headline() -> None:
    html = (
        "<html><head><title>Bridge reopens after repairs | Valley Courier</title></head><body>"
        f"<h1>Valley Courier</h1><div class='story'>{_STORY}</div></body></html>"
    )
    assert html_to_page(html).title == "Bridge reopens after repairs"


def test_the_matching_h1_is_the_headline() -> None:
    html = (
        "<html><head><title>Bridge reopens | Valley Courier</title></head><body>"
        f"<h1>Valley road bridge reopens after repairs</h1><div>{_STORY}</div></body></html>"
    )
    assert html_to_page(html).title == "Valley road bridge reopens after repairs"
