"""The normalised article: what the parser produces and the dedupe and events consume."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from streams.core import jsonio
from streams.core.dates import rfc3339
from streams.core.urls import canonical_url

__all__ = ["Article", "FieldWarning"]


@dataclass(frozen=True, slots=True)
class FieldWarning:
    """One field the page had but that could not be read: left null, and said so."""

    field: str
    code: str
    value: str

    def to_dict(self) -> dict[str, str]:
        return {"field": self.field, "code": self.code, "value": self.value}


@dataclass(frozen=True, slots=True)
class Article:
    """One article as the page tells it, normalised; no Kafka or dedupe facts."""

    source: str
    title: str
    lead: str | None
    body: tuple[str, ...]
    news_id: str | None = None
    url: str | None = None
    dateline_city: str | None = None
    dateline_agency: str | None = None
    agency_as_written: str | None = None
    published_at: datetime | None = None
    updated_at: datetime | None = None
    language: str = "und"
    fetched_at: str | None = None
    authors: tuple[str, ...] = ()
    site_name: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    warnings: tuple[FieldWarning, ...] = ()

    @property
    def canonical_url(self) -> str | None:
        """The page's URL in canonical form, when it has one."""
        return canonical_url(self.url) if self.url else None

    @property
    def text_digest(self) -> str:
        """Hash of the normalised title and body: the identity of a page with no ID or URL."""
        payload = "\n".join((self.title, *self.body)).casefold().encode()
        return hashlib.sha256(payload).hexdigest()[:32]

    @property
    def article_key(self) -> str:
        """Dedupe key: source and news ID; else the canonical URL; else the text digest."""
        if self.news_id:
            return f"{self.source}:{self.news_id}"
        if url := self.canonical_url:
            return f"url:{url}"
        return f"fp:{self.text_digest}"

    @property
    def content_hash(self) -> str:
        """SHA-256 of the editorial content; a change here makes a new revision.

        The "Updated in" stamp is left out on purpose: a re-scrape whose only change is that
        stamp says nothing new, and is treated as a repeat.
        """
        payload = jsonio.dumps(
            [
                self.title,
                self.lead,
                list(self.body),
                self.dateline_city,
                self.dateline_agency,
                rfc3339(self.published_at) if self.published_at else None,
            ]
        )
        return "sha256:" + hashlib.sha256(payload).hexdigest()
