from __future__ import annotations

import pytest

from streams.core.urls import canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("HTTPS://News.Example.COM/a/1?b=2&a=1#frag", "https://news.example.com/a/1?a=1&b=2"),
        (
            "https://x.example/p?utm_source=tw&utm_MEDIUM=s&id=5&fbclid=z&gclid=q",
            "https://x.example/p?id=5",
        ),
        ("http://x.example:80/", "http://x.example/"),
        ("https://x.example:8443/p", "https://x.example:8443/p"),
        ("https://x.example", "https://x.example/"),
        ("https://x.example/p?a=&b=1", "https://x.example/p?a=&b=1"),
    ],
)
def test_canonical_form(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


@pytest.mark.parametrize("url", ["ftp://x.example/f", "/relative/path", "not a url", "https://"])
def test_not_absolute_http_urls_have_no_canonical_form(url: str) -> None:
    assert canonical_url(url) is None


def test_same_page_through_different_links_has_one_identity() -> None:
    a = canonical_url("https://EN.defapress.example/en/81004?utm_source=feed&id=81004#comments")
    b = canonical_url("https://en.defapress.example/en/81004?id=81004&gclid=abc")
    assert a == b
