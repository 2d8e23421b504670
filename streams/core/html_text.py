"""Plain text and metadata from an article's HTML page, with selectolax (the Lexbor parser).

Block elements become lines, so the result reads like the plain-text layout the parser already
knows, and the same rules (dateline, stamps, boilerplate) apply. Navigation, scripts, forms and
anything before the headline are dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser

from streams.core.errors import TooComplex

__all__ = ["HtmlPage", "html_to_page"]

_BLOCKS = (
    "p, div, br, h1, h2, h3, h4, h5, h6, li, tr, section, article, header, blockquote, "
    "figcaption, dd, dt, pre, table"
)
# Their text is never article text.
_SKIPPED = [
    "script", "style", "noscript", "nav", "footer", "form", "aside", "button", "select",
    "template", "svg", "iframe", "textarea", "input", "figure",
]  # fmt: skip
# HTML parsing costs grow with the square of nesting depth (8,000 levels: 50 ms; 300,000: minutes).
# Article pages open and close their elements; tags left open beyond this count can only be
# deliberate, so the page is refused before parsing.
MAX_UNCLOSED_TAGS = 10_000
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]{0,15})")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
     "track", "wbr", "p", "li", "option", "td", "tr", "th", "dt", "dd"}
)  # fmt: skip
# The headline is the first line of the article; text before it is site chrome.
_HEADLINE_MARK = "\u2063NEWSWIRE-HEADLINE\u2063"


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What an HTML page yields: text lines and the metadata its head declares."""

    text: str
    canonical_url: str | None
    language: str | None
    title: str | None
    published: str | None


def _meta(tree: LexborHTMLParser, selector: str, attribute: str) -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get(attribute) if node is not None else None
    return value.strip() or None if value else None


def html_to_page(html: str) -> HtmlPage:
    """Extract block text and head metadata from an HTML document.

    Raises :class:`TooComplex` for a page nested too deeply to parse in bounded time.
    """
    _check_nesting(html)
    tree = LexborHTMLParser(html)
    language = _meta(tree, "html", "lang")
    canonical = _meta(tree, "link[rel~=canonical]", "href") or _meta(
        tree, 'meta[property="og:url"]', "content"
    )
    og_title = _meta(tree, 'meta[property="og:title"]', "content")
    published = _meta(tree, 'meta[property="article:published_time"]', "content")
    tree.strip_tags(_SKIPPED)
    body = tree.body
    if body is None:
        return HtmlPage("", canonical, _lang(language), og_title, published)
    headline = body.css_first("h1")
    if headline is not None:
        headline.insert_before(_HEADLINE_MARK)
    for node in body.css(_BLOCKS):
        node.insert_before("\n")
        node.insert_after("\n")
    text = body.text(deep=True, separator="", strip=False)
    if headline is not None:
        text = text.split(_HEADLINE_MARK, 1)[-1]
    return HtmlPage(text, canonical, _lang(language), og_title, published)


def _check_nesting(html: str) -> None:
    """Refuse pages that leave more than MAX_UNCLOSED_TAGS elements open (one linear scan).

    Void elements and those HTML closes by itself (p, li, td...) do not nest, so they do not
    count.
    """
    opened: Counter[str] = Counter()
    for closing, tag in _TAG.findall(html):
        name = tag.lower()
        if name in _VOID:
            continue
        opened[name] += -1 if closing else 1
    unclosed = sum(n for n in opened.values() if n > 0)
    if unclosed > MAX_UNCLOSED_TAGS:
        raise TooComplex(
            f"{unclosed} HTML elements left open (limit {MAX_UNCLOSED_TAGS}): nested too deeply"
        )


def _lang(value: str | None) -> str | None:
    return value.split("-")[0].lower() if value else None
