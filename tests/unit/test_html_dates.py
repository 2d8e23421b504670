"""Publish times of web pages: every usual signal, in order, and placeholders skipped."""

from __future__ import annotations

from datetime import datetime

import pytest

from streams.core.envelope import RawDocument
from streams.core.html_meta import url_date
from streams.core.parser import parse_article

_BODY = (
    "<h1>Ferry timetable changes for the winter</h1>"
    "<p>The island ferry will run four crossings a day from Monday, the operator said, down "
    "from six in the summer months, because fewer visitors travel in the cold season.</p>"
    "<p>Residents asked for an earlier morning boat so that pupils reach school on time, and "
    "the operator said it would look at the request before the spring timetable.</p>"
)


def _parse(head: str = "", body_top: str = "", url: str = "https://ferry.example/news/1"):  # type: ignore[no-untyped-def]
    html = (
        f"<html lang='en'><head><title>Ferry timetable changes for the winter</title>{head}"
        f"</head><body>{body_top}{_BODY}</body></html>"
    )
    return parse_article(RawDocument(text=html, content_type="text/html", url=url))


def test_a_placeholder_year_is_skipped_with_a_warning_for_the_next_signal() -> None:
    a = _parse(
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "0001-01-01T00:00:00Z"}</script>'
        '<meta property="article:published_time" content="2021-03-04T08:15:00-05:00">'
    )
    assert a.published_at == datetime.fromisoformat("2021-03-04T08:15:00-05:00")
    assert [w.to_dict() for w in a.warnings] == [
        {"field": "published_at", "code": "implausible_date", "value": "0001-01-01T00:00:00Z"}
    ]


def test_dates_are_read_from_json_ld_that_is_not_valid_json() -> None:
    # A trailing comma makes the whole script unreadable as JSON; its dates still count.
    a = _parse(
        '<script type="application/ld+json">{"@type": "NewsArticle",\n'
        '"datePublished": "2022-06-01T10:00:00+02:00",\n"dateModified": '
        '"2022-06-02T09:30:00+02:00",}</script>'
    )
    assert a.published_at == datetime.fromisoformat("2022-06-01T10:00:00+02:00")
    assert a.updated_at == datetime.fromisoformat("2022-06-02T09:30:00+02:00")


def test_any_json_ld_article_type_counts() -> None:
    a = _parse(
        '<script type="application/ld+json">{"@type": "ReportageNewsArticle", '
        '"datePublished": "2020-02-11T17:42:40+00:00"}</script>'
    )
    assert a.published_at == datetime.fromisoformat("2020-02-11T17:42:40+00:00")


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ('<p class="post-date">Posted on March 3, 2023 at 4:10 pm</p>', "2023-03-03T16:10:00"),
        ('<span class="publish-time">12 Aug 2020</span>', "2020-08-12T00:00:00"),
        ('<input type="hidden" class="published_date" value="2019-07-08 23:41:18">',
         "2019-07-08T23:41:18"),
    ],
)  # fmt: skip
def test_a_visible_stamp_is_the_last_resort(stamp: str, expected: str) -> None:
    a = _parse(body_top=stamp)
    assert a.published_at is not None
    assert a.published_at.replace(tzinfo=None) == datetime.fromisoformat(expected)
    assert a.warnings == ()


def test_a_stamp_element_without_a_date_is_ignored_silently() -> None:
    a = _parse(body_top='<div class="date-widget">Today 18:00, weather fine</div>')
    assert a.published_at is None
    assert a.warnings == ()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://n.example/2019/11/20/story", "2019-11-20"),
        ("https://n.example/politics/2021/nov/05/story", "2021-11-05"),
        ("https://n.example/archive/2020-03-09-story", "2020-03-09"),
        ("https://n.example/story/123456", None),
    ],
)
def test_dates_in_urls(url: str, expected: str | None) -> None:
    assert url_date(url) == expected
