"""Plain text and metadata from an article's HTML page, with the standard library's parser.

Block elements become lines, so the result reads like the plain-text layout the parser knows;
navigation, scripts and forms are dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["HtmlPage", "html_to_page"]

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "tr",
        "section",
        "article",
        "header",
        "blockquote",
        "title",
        "time",
        "span",
    }
)
# Their text is never article text.
_SKIPPED = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "footer",
        "form",
        "aside",
        "button",
        "select",
        "template",
        "svg",
        "iframe",
    }
)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """What an HTML page yields: text lines and the metadata its head declares."""

    text: str
    canonical_url: str | None
    language: str | None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skip_depth = 0
        self.in_head_title = False
        self.canonical: str | None = None
        self.og_url: str | None = None
        self.language: str | None = None

    def _flush(self) -> None:
        if self.current:
            self.lines.append("".join(self.current))
            self.current = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag == "html" and a.get("lang"):
            self.language = a["lang"].split("-")[0].lower()
        elif tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.canonical = a.get("href") or None
        elif tag == "meta" and a.get("property") == "og:url":
            self.og_url = a.get("content") or None
        elif tag == "title":
            # The document title repeats the headline with the site's name; the h1 is cleaner.
            self.in_head_title = True
        if tag in _BLOCKS and tag != "span":
            self._flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.skip_depth -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_head_title = False
        if tag in _BLOCKS and tag != "span":
            self._flush()

    def handle_data(self, data: str) -> None:
        if not self.skip_depth and not self.in_head_title:
            self.current.append(data)


def html_to_page(html: str) -> HtmlPage:
    """Extract block text and head metadata from an HTML document."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    collector._flush()
    return HtmlPage(
        text="\n".join(collector.lines),
        canonical_url=collector.canonical or collector.og_url,
        language=collector.language,
    )
