"""What an HTML page declares about itself: JSON-LD, OpenGraph and ``article:*`` meta,
``itemprop``, ``<time>``, and the date in its URL.

Values are returned as written (dates unparsed): the parser reads them with the source's time
zone and records a warning for one it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from streams.core import jsonio

__all__ = ["PageMeta", "read_meta", "url_date"]

# Schema.org types whose dates and headline are the article's (not the site's or a video's).
_ARTICLE_TYPES = frozenset(
    {"article", "newsarticle", "reportagenews", "analysisnewsarticle", "blogposting",
     "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
     "scholarlyarticle", "techarticle", "report", "socialmediaposting"}
)  # fmt: skip
# Most specific first: where sites put the first-publication time.
_PUBLISHED_META = (
    'meta[property="article:published_time"]',
    'meta[property="og:article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[itemprop="datePublished"]',
    'meta[property="rnews:datePublished"]',
    'meta[name="parsely-pub-date"]',
    'meta[name="sailthru.date"]',
    'meta[name="pubdate"]',
    'meta[name="publishdate"]',
    'meta[name="publish-date"]',
    'meta[name="publication_date"]',
    'meta[name="original-publish-date"]',
    'meta[name="dc.date.issued"]',
    'meta[name="DC.date.issued"]',
    'meta[name="dcterms.created"]',
    'meta[name="DC.date"]',
    'meta[name="date"]',
)
_UPDATED_META = (
    'meta[property="article:modified_time"]',
    'meta[property="og:updated_time"]',
    'meta[itemprop="dateModified"]',
    'meta[name="last-modified"]',
    'meta[name="dcterms.modified"]',
)
# /2019/11/20/, /2019-11-20/, /20191120/ in a URL path.
_URL_DATE = re.compile(
    r"/(20\d\d|19\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)"
)
_URL_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_URL_NAMED_DATE = re.compile(
    rf"/((?:19|20)\d\d)/({'|'.join(_URL_MONTHS)})[a-z]*/(0[1-9]|[12]\d|3[01])(?:/|[^\d]|$)",
    re.IGNORECASE,
)
_LD_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"\\]{8,40})"')
_MAX_JSON_LD = 200_000
# Where pages print their date stamp for readers.
_STAMP_ELEMENTS = (
    '[class*="date" i], [class*="time" i], [class*="publish" i], [class*="posted" i], '
    '[id*="date" i], [itemprop*="date" i], time'
)
_MAX_STAMP_ELEMENTS = 40
_MAX_STAMP_TEXT = 80
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")  # bytes of one script: more is not metadata


@dataclass(frozen=True, slots=True)
class PageMeta:
    """The page's own statements about the article, as written."""

    title: str | None = None
    #: Every date the page gives for first publication (and last update), most trusted first.
    published: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    #: Short texts of elements named like a date stamp: tried last, and silently, since they
    #: are guesses.
    visible_dates: tuple[str, ...] = ()
    canonical_url: str | None = None
    language: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()


def _attr(tree: LexborHTMLParser, selector: str, attribute: str = "content") -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get(attribute) if node is not None else None
    return value.strip() or None if value else None


def _first(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> str | None:
    for selector in selectors:
        if value := _attr(tree, selector):
            return value
    return None


def read_meta(tree: LexborHTMLParser, url: str | None = None) -> PageMeta:
    """Read the head and the embedded data; call before scripts are stripped."""
    ld = _json_ld_article(tree)
    canonical = _attr(tree, "link[rel~=canonical]", "href") or _attr(
        tree, 'meta[property="og:url"]'
    )
    time_node = tree.css_first("time[pubdate], time[itemprop=datePublished]")
    published = [
        _text(ld.get("datePublished")),
        *_all(tree, _PUBLISHED_META),
        (time_node.attributes.get("datetime") or time_node.text()) if time_node else None,
        url_date(url or canonical or ""),
    ]
    updated = [_text(ld.get("dateModified")), *_all(tree, _UPDATED_META)]
    title = (
        _attr(tree, 'meta[property="og:title"]')
        or _text(ld.get("headline"))
        or _attr(tree, 'meta[name="twitter:title"]')
    )
    if title is None and (node := tree.css_first("title")) is not None:
        title = node.text().strip() or None
    keywords = ld.get("keywords") or _attr(tree, 'meta[name="keywords"]') or ""
    words = keywords if isinstance(keywords, list) else str(keywords).split(",")
    tags = [t.strip() for t in words if isinstance(t, str)]
    tags += [
        value
        for node in tree.css('meta[property="article:tag"]')
        if (value := (node.attributes.get("content") or "").strip())
    ]
    return PageMeta(
        title=title,
        published=_distinct(published),
        updated=_distinct(updated),
        # Only where the page states no date: the search walks the whole tree.
        visible_dates=() if any(published) else _visible_dates(tree),
        canonical_url=canonical,
        language=_attr(tree, "html", "lang") or _attr(tree, 'meta[http-equiv="content-language"]'),
        authors=_authors(ld.get("author")) or _meta_authors(tree),
        site_name=_attr(tree, 'meta[property="og:site_name"]') or _name(ld.get("publisher")),
        section=_text(ld.get("articleSection")) or _attr(tree, 'meta[property="article:section"]'),
        tags=tuple(dict.fromkeys(t for t in tags if t and len(t) <= 80))[:30],
    )


def _all(tree: LexborHTMLParser, selectors: tuple[str, ...]) -> list[str | None]:
    return [_attr(tree, selector) for selector in selectors]


def _distinct(values: list[str | None]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.strip() for v in values if v and v.strip()))


def _visible_dates(tree: LexborHTMLParser) -> tuple[str, ...]:
    found: list[str | None] = []
    for node in tree.css(_STAMP_ELEMENTS)[:_MAX_STAMP_ELEMENTS]:
        attrs = node.attributes
        value = attrs.get("datetime") or attrs.get("content") or attrs.get("value")
        text = value or node.text(deep=True)
        if text and len(text) <= _MAX_STAMP_TEXT and _YEAR.search(text):
            found.append(text)
    return _distinct(found)


def url_date(url: str) -> str | None:
    """The date written in a URL's path (``/2019/11/20/``, ``/2019/nov/20/``), as
    ``YYYY-MM-DD``."""
    if match := _URL_DATE.search(url):
        return f"{match[1]}-{match[2]}-{match[3]}"
    if match := _URL_NAMED_DATE.search(url):
        month = _URL_MONTHS.index(match[2].casefold()) + 1
        return f"{match[1]}-{month:02d}-{match[3]}"
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        return value.strip() or None
    return None


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return _text(value)


def _authors(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = [_name(item) for item in items]
    return tuple(dict.fromkeys(n for n in names if n and len(n) <= 120))


def _meta_authors(tree: LexborHTMLParser) -> tuple[str, ...]:
    names = [
        (node.attributes.get("content") or "").strip()
        for node in tree.css('meta[name="author"], meta[property="article:author"]')
    ]
    return tuple(dict.fromkeys(n for n in names if n and len(n) <= 120 and "://" not in n))


def _json_ld_article(tree: LexborHTMLParser) -> dict[str, Any]:
    """The page's JSON-LD article object (merged over several scripts), or ``{}``."""
    found: dict[str, Any] = {}
    page: dict[str, Any] = {}  # a WebPage's dates: used only where no article object says
    broken: dict[str, str] = {}  # dates read from scripts that are not valid JSON
    for script in tree.css('script[type="application/ld+json"]'):
        raw = script.text()
        if not raw or len(raw) > _MAX_JSON_LD:
            continue
        try:
            data = jsonio.loads(raw.strip().rstrip(";"))
        except ValueError:
            # Sites ship broken JSON-LD (trailing commas, raw line breaks): its dates can
            # still be read where the rest cannot.
            for key, value in _LD_DATE.findall(raw[:_MAX_JSON_LD]):
                broken.setdefault(key, value)
            continue
        for item in _objects(data, depth=0):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            names = {k.casefold() for k in kinds if isinstance(k, str)}
            is_article = bool(names & _ARTICLE_TYPES) or any(
                n.endswith(("article", "posting")) for n in names
            )
            target = found if is_article else page if "webpage" in names else None
            if target is not None:
                for key, value in item.items():
                    target.setdefault(key, value)
    return found or page or broken


def _objects(data: Any, depth: int) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)
        if isinstance(data.get("mainEntity"), dict):
            yield from _objects(data["mainEntity"], depth + 1)


def node_text(node: LexborNode) -> str:
    """All text under ``node``, whitespace runs collapsed."""
    return " ".join(node.text(deep=True, separator=" ").split())
