"""Per-source facts (time zone, language, agency names, boilerplate), read from ``data/``."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

__all__ = ["SourceProfile", "SourceRegistry", "default_registry"]


@dataclass(frozen=True, slots=True)
class SourceProfile:
    """What the parser needs to know about one publisher."""

    id: str
    name: str
    timezone: ZoneInfo
    #: Case-folded lines that end the article: the comment form and footer follow them.
    end_markers: frozenset[str]
    #: Case-folded lines dropped wherever they stand.
    boilerplate: frozenset[str]

    @property
    def marker_lengths(self) -> frozenset[int]:
        """Lengths of the end markers and boilerplate lines: a line of another length is
        neither, and needs no case-folded look-up."""
        return frozenset(map(len, self.end_markers | self.boilerplate))


@dataclass(frozen=True, slots=True)
class SourceRegistry:
    """Look-ups built once from the data file; every key is case-folded."""

    by_id: dict[str, SourceProfile]
    by_agency: dict[str, SourceProfile]
    #: A source's end marker identifies its pages whatever agency the dateline names.
    by_end_marker: dict[str, SourceProfile]
    #: So does the host of a page's URL.
    by_host: dict[str, SourceProfile]
    agency_names: dict[str, str]
    fallback: SourceProfile
    #: Matches ``Label: value`` stamp lines; group 1 is the label, group 2 the value.
    label_pattern: re.Pattern[str]
    #: Case-folded label as written -> field name (news_id, published, updated).
    label_fields: dict[str, str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SourceRegistry:
        """Build the registry from the decoded JSON document."""
        by_id: dict[str, SourceProfile] = {}
        by_agency: dict[str, SourceProfile] = {}
        by_end_marker: dict[str, SourceProfile] = {}
        by_host: dict[str, SourceProfile] = {}
        for source_id, spec in data["sources"].items():
            profile = SourceProfile(
                id=source_id,
                name=spec["name"],
                timezone=ZoneInfo(spec["timezone"]),
                end_markers=frozenset(b.casefold() for b in spec["end_markers"]),
                boilerplate=frozenset(b.casefold() for b in spec["boilerplate"]),
            )
            by_id[source_id.casefold()] = profile
            for alias in spec["agencies"]:
                by_agency[alias.casefold()] = profile
            for marker in profile.end_markers:
                by_end_marker[marker] = profile
            for host in spec.get("hosts", ()):
                by_host[host.casefold()] = profile
        fb = data["fallback"]
        fallback = SourceProfile(
            id="unknown",
            name="Unknown",
            timezone=ZoneInfo(fb["timezone"]),
            end_markers=frozenset(b.casefold() for b in fb["end_markers"]),
            boilerplate=frozenset(b.casefold() for b in fb["boilerplate"]),
        )
        label_fields = {
            label.casefold(): name for name, labels in data["labels"].items() for label in labels
        }
        # Longest label first, so a label that prefixes another never shadows it.
        alternatives = "|".join(re.escape(n) for n in sorted(label_fields, key=len, reverse=True))
        return cls(
            by_id=by_id,
            by_agency=by_agency,
            by_end_marker=by_end_marker,
            by_host=by_host,
            agency_names={k.casefold(): v for k, v in data["agencies"].items()},
            fallback=fallback,
            label_pattern=re.compile(rf"^({alternatives}) ?: ?(.*)$", re.IGNORECASE),
            label_fields=label_fields,
        )

    def resolve(
        self,
        *,
        source_id: str | None,
        agency: str | None,
        url: str | None = None,
        lines: list[str] | None = None,
    ) -> SourceProfile:
        """The profile for an envelope's source id; else the dateline's agency; else the host
        of the page's URL; else the source whose end marker the page carries (a wire story on
        a publisher's page); else the fallback."""
        if source_id and (p := self.by_id.get(source_id.casefold())):
            return p
        if agency and (p := self.by_agency.get(agency.casefold())):
            return p
        if not source_id and url and (p := self.by_host.get(_host(url))):
            return p
        if not source_id and lines:
            for line in reversed(lines):
                if p := self.by_end_marker.get(line.casefold()):
                    return p
        if source_id:
            # A producer named a source we have no facts for: keep its name, use neutral facts.
            return SourceProfile(
                id=source_id,
                name=source_id,
                timezone=self.fallback.timezone,
                end_markers=self.fallback.end_markers,
                boilerplate=self.fallback.boilerplate,
            )
        return self.fallback

    def agency_name(self, written: str) -> str:
        """Canonical agency name for the form written in a dateline; unknown ones as written."""
        return self.agency_names.get(written.casefold(), written)


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").casefold()
    except ValueError:
        return ""


@functools.cache
def default_registry() -> SourceRegistry:
    """The registry from the packaged ``data/sources.json``, loaded once per process."""
    text = resources.files("streams.core").joinpath("data/sources.json").read_text("utf-8")
    return SourceRegistry.from_data(json.loads(text))
