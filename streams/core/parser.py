"""Parser for scraped article pages in the wire layout (title, dateline, labelled stamps, body).

Line-based and linear in the input: every pattern is anchored and made of bounded runs, so no
input can make it backtrack.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from streams.core.article import Article, FieldWarning
from streams.core.dates import parse_page_date
from streams.core.envelope import RawDocument
from streams.core.errors import BadDate, MissingBody, MissingTitle, NotAnArticle
from streams.core.html_meta import PageMeta
from streams.core.html_text import html_to_page
from streams.core.language import detect_language
from streams.core.sources import SourceProfile, SourceRegistry, default_registry
from streams.core.text import ascii_digits, clean_lines, normalise_text, repair

__all__ = ["Dateline", "parse_article", "parse_dateline"]

# A dateline sits near the top; deeper "(Reuters) -" lines are quotes inside the body.
_DATELINE_SEARCH_LINES = 12
_MAX_CITY = 60
_MAX_AGENCY = 40
_DASHES = "-\u2013\u2014\u2012\u2015"
_FIRST_NEWS_YEAR = 1990  # earlier dates on a page are placeholders, not publication times
_NEWS_ID = re.compile(r"^[\w-]{1,64}$")
_SLUG = re.compile(r"\W+")
_WARNED_VALUE = 200  # characters of an unreadable value kept in its warning


@dataclass(frozen=True, slots=True)
class Dateline:
    """``TEHRAN (defapress) - lead...`` split into its parts."""

    city: str | None
    agency: str
    rest: str


def parse_dateline(line: str, agencies: Container[str] = ()) -> Dateline | None:
    """Split a dateline line, or return ``None`` when the line is not one.

    ``CITY (AGENCY) - lead`` with any agency, the agency in parentheses; or, for the agencies
    in ``agencies`` (casefolded names), their own layouts without them: ``МОСКВА, 19 ноября.
    /ТАСС/. lead``, ``МОСКВА, 19 ноя — РИА Новости. lead``, ``تهران- ایرنا- lead``.
    """
    found = _parenthesised(line)
    if found is None and agencies:
        found = _named(line, agencies)
    if found is None:
        return None
    city_part, agency, rest = found
    # "BEIJING, May 5 (Xinhua) --": the city is what stands before the comma.
    city = city_part.split(",", 1)[0].strip() or None
    if city and not all(ch.isalpha() or ch in " .'-\u200c" for ch in city):
        return None
    if city and city.isupper():
        city = city.title()
    return Dateline(city=city, agency=agency, rest=rest)


def _parenthesised(line: str) -> tuple[str, str, str] | None:
    open_at = line.find("(", 0, _MAX_CITY + 1)
    if open_at < 0:
        return None
    close_at = line.find(")", open_at + 1, open_at + _MAX_AGENCY + 2)
    if close_at < 0:
        return None
    agency = line[open_at + 1 : close_at].strip()
    # "(EFE).-" and "(AA):-" put a stop before the dash.
    after = line[close_at + 1 :].lstrip().lstrip(".:").lstrip()
    if not agency or not after or after[0] not in _DASHES:
        return None
    return line[:open_at].strip(), agency, after.lstrip(_DASHES).strip()


# CITY[, date] SEP AGENCY SEP lead: every part a bounded run, anchored, so no backtracking blow-up.
_NAMED_DATELINE = re.compile(
    r"^(?P<city>[^\W\d_][^\d,/()\-\u2013\u2014.]{0,40}?)"
    r"(?:,\s?[^/()\-\u2013\u2014]{1,30}?)?\s?[-\u2013\u2014/]\s?"
    r"(?P<agency>[^/()\-\u2013\u2014.:]{2,40}?)\s?[/.:\-\u2013\u2014]{1,3}\s?(?P<rest>\S.*)$"
)


def _named(line: str, agencies: Container[str]) -> tuple[str, str, str] | None:
    m = _NAMED_DATELINE.match(line)
    if m is None or m["agency"].strip().casefold() not in agencies:
        return None
    return m["city"].strip(), m["agency"].strip(), m["rest"].strip()


def parse_article(doc: RawDocument, registry: SourceRegistry | None = None) -> Article:
    """Parse one decoded document into an :class:`Article`.

    Raises a :class:`~streams.core.errors.NewswireError` subclass whose ``reason`` says why the
    document is not an article.
    """
    registry = registry or default_registry()
    url, language_hint, meta = doc.url, None, PageMeta()
    text = doc.text
    is_html = doc.content_type == "text/html"
    if is_html:
        page = html_to_page(text, url)
        text, url, meta = page.text, url or page.canonical_url, page.meta
        language_hint = page.language
    lines = clean_lines(normalise_text(repair(text)))
    if not lines:
        raise NotAnArticle("no text after normalisation")

    # A web page's first line is its headline (``X (Y) - Z`` there is a title, not a dateline).
    stamps, content, dateline, dateline_index = _scan(lines, registry, title_first=is_html)
    # A web page is an article when it has a headline and text; plain text needs the wire
    # layout's marks, or any message would pass for one.
    if dateline is None and not stamps and not is_html:
        raise NotAnArticle("no dateline, news ID or publish date: not an article page")

    profile = registry.resolve(
        source_id=doc.source,
        agency=dateline.agency if dateline else None,
        url=url,
        lines=content,
    )
    source_id = profile.id
    unknown_source = profile is registry.fallback
    if unknown_source and dateline is not None:
        source_id = _SLUG.sub("-", dateline.agency.casefold()).strip("-") or profile.id
    elif unknown_source and url and (host := _host(url)):
        source_id = host  # a web page from a site with no profile: the site names it

    if not content:
        raise MissingTitle("the page has date or ID stamps but no title or text")
    if dateline is not None:
        if dateline_index == 0:
            raise MissingTitle("the dateline is the first line: the page has no title")
        title = content[0]
        lead = dateline.rest or None
        body_lines = content[dateline_index + 1 :]
    else:
        title, lead, body_lines = content[0], None, content[1:]

    body = _clean_body(title, body_lines, profile)
    if lead is None and not body:
        raise MissingBody("the page has a title but no lead and no body paragraphs")

    warnings: list[FieldWarning] = []
    news_id = ascii_digits(stamps["news_id"]) if "news_id" in stamps else None
    if news_id is not None and not _NEWS_ID.match(news_id):
        warnings.append(FieldWarning("news_id", "invalid_id", news_id[:_WARNED_VALUE]))
        news_id = None
    # A known source's times read in its zone; an unknown site's keep the offset they carry.
    zone = None if unknown_source else profile.timezone
    published = _date_field(
        "published_at", (stamps.get("published"), *meta.published), profile, zone, warnings
    )
    if published is None and not warnings:
        published = _guessed_date(meta.visible_dates, profile, zone)
    updated = _date_field(
        "updated_at", (stamps.get("updated"), *meta.updated), profile, zone, warnings
    )
    return Article(
        source=source_id,
        title=title,
        lead=lead,
        body=body,
        news_id=news_id,
        url=url,
        dateline_city=dateline.city if dateline else None,
        dateline_agency=registry.agency_name(dateline.agency) if dateline else None,
        agency_as_written=dateline.agency if dateline else None,
        published_at=published,
        updated_at=updated,
        language=_language(title, lead, body, language_hint),
        fetched_at=doc.fetched_at,
        authors=meta.authors,
        site_name=meta.site_name,
        section=meta.section,
        tags=meta.tags,
        warnings=tuple(warnings),
    )


def _scan(
    lines: list[str], registry: SourceRegistry, *, title_first: bool = False
) -> tuple[dict[str, str], list[str], Dateline | None, int]:
    """Split stamp lines (first of each label wins) from content lines; find the dateline."""
    pattern, fields = registry.label_pattern, registry.label_fields
    stamps: dict[str, str] = {}
    content: list[str] = []
    dateline: Dateline | None = None
    dateline_index = -1
    for line in lines:
        if ":" in line and (m := pattern.match(line)) is not None:
            if value := m.group(2).strip():
                stamps.setdefault(fields[m.group(1).casefold()], value)
            continue
        searching = content or not title_first
        if dateline is None and searching and len(content) < _DATELINE_SEARCH_LINES:
            dateline = parse_dateline(line, registry.agency_names)
            if dateline is not None:
                dateline_index = len(content)
        content.append(line)
    return stamps, content, dateline, dateline_index


def _date_field(
    name: str,
    values: tuple[str | None, ...],
    profile: SourceProfile,
    zone: ZoneInfo | None,
    warnings: list[FieldWarning],
) -> datetime | None:
    """The first date that reads: the page's stamp line, then what its HTML declares (ISO 8601
    or a stamp's wording), in the source's zone. Each value that cannot be read, or reads as a
    placeholder year, adds a warning; with none left the field is null."""
    for value in values:
        if not value:
            continue
        try:
            moment = _read_date(value, profile, zone)
        except BadDate:
            warnings.append(FieldWarning(name, "unparsed_date", value[:_WARNED_VALUE]))
            continue
        except OverflowError:  # year 1 moved to a zone west of UTC
            moment = datetime.min.replace(tzinfo=UTC)
        if moment.year < _FIRST_NEWS_YEAR:
            # CMS templates fill empty dates with 0001-01-01 or the Unix epoch.
            warnings.append(FieldWarning(name, "implausible_date", value[:_WARNED_VALUE]))
            continue
        return moment
    return None


def _guessed_date(
    texts: tuple[str, ...], profile: SourceProfile, zone: ZoneInfo | None
) -> datetime | None:
    """The first element text named like a date stamp that reads as a plausible date."""
    for text in texts:
        with contextlib.suppress(BadDate, OverflowError):
            moment = _read_date(text, profile, zone)
            if moment.year >= _FIRST_NEWS_YEAR:
                return moment
    return None


def _read_date(value: str, profile: SourceProfile, zone: ZoneInfo | None) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return parse_page_date(value, profile.timezone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=profile.timezone)
    return moment.astimezone(zone) if zone is not None else moment


def _host(url: str) -> str | None:
    host = urlsplit(url).hostname
    return host.removeprefix("www.") if host else None


def _language(title: str, lead: str | None, body: tuple[str, ...], declared: str | None) -> str:
    """Detected language; else what an HTML page declares; else ``und``."""
    detected = detect_language(" ".join((title, lead or "", *body[:3])))
    if detected != "und":
        return detected
    return declared if declared and declared.isalpha() and len(declared) in (2, 3) else "und"


def _clean_body(title: str, lines: list[str], profile: SourceProfile) -> tuple[str, ...]:
    body: list[str] = []
    lengths = profile.marker_lengths
    for line in lines:
        if len(line) in lengths:
            folded = line.casefold()
            if folded in profile.end_markers:
                break
            if folded in profile.boilerplate:
                continue
        if not body:
            # The page repeats the title glued to the first paragraph: keep it once, as title.
            if line == title:
                continue
            if line.startswith(title):
                body.append(line[len(title) :].lstrip())
                continue
        body.append(line)
    return tuple(body)
