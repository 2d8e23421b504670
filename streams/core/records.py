"""The typed records that pass between the stages, and their form on the internal topics.

The parse stage makes a :class:`Draft` (keyed by article key for the dedupe hop); the dedupe
stage makes a :class:`StoryRequest` for each new or changed article (for the story hop). Each
is read back with ``from_json``, which checks every field it needs: a record that does not fit
(a stray producer, another version's format) raises :class:`UnreadableRecord`, never a
``KeyError`` deep inside a stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from streams.core import jsonio
from streams.core.errors import InternalError

__all__ = ["Draft", "StoryRequest", "UnreadableRecord", "utc_timestamp"]


def utc_timestamp(moment: datetime) -> str:
    """RFC 3339 in UTC with milliseconds, for processing and Kafka times."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class UnreadableRecord(InternalError):
    """A record on an internal topic that is not in the form our own stages write."""


def _field(record: Any, name: str, kind: type | tuple[type, ...]) -> Any:
    if not isinstance(record, dict):
        raise UnreadableRecord(f"not a JSON object but {type(record).__name__}")
    if name not in record:
        raise UnreadableRecord(f"missing {name}")
    value = record[name]
    if not isinstance(value, kind):
        raise UnreadableRecord(f"{name} is {type(value).__name__}")
    return value


def _signature(value: str) -> int:
    # A string on the wire: 64-bit integers do not survive every JSON reader.
    if not (value.isascii() and value.isdigit()):
        raise UnreadableRecord(f"simhash is not a number: {value[:30]!r}")
    return int(value)


def _moment(value: str, name: str) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UnreadableRecord(f"{name} is not a time: {value[:40]!r}") from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Draft:
    """An article parsed and enriched: its event, less what the dedupe decision adds."""

    key: str
    #: The event's fields known before dedupe (``schemas/article-event.v1.json``).
    fields: dict[str, Any]
    #: What retention measures the article's age by: its publish time, else the Kafka
    #: timestamp of its input, else the time it was parsed. Computed once, in the parse stage.
    published: datetime
    #: The input's Kafka timestamp in ms (end-to-end latency); None offline.
    ingest_ms: int | None = None
    #: The text's SimHash, computed in the parse stage (which a pool spreads over cores);
    #: None in a draft written before it was (dedupe computes it then).
    simhash: int | None = None

    @property
    def content_hash(self) -> str:
        return str(self.fields["content_hash"])

    def to_json(self) -> bytes:
        return jsonio.dumps(
            {
                "published": utc_timestamp(self.published),
                "ingest_ms": self.ingest_ms,
                # A string: 64-bit integers do not survive every JSON reader.
                "simhash": None if self.simhash is None else str(self.simhash),
                "event": self.fields,
            }
        )

    @classmethod
    def from_json(cls, data: bytes) -> Draft:
        """Read back what :meth:`to_json` wrote; :class:`UnreadableRecord` if it does not fit.
        The article key is the event's ``article_key``, whatever the record's key (a line of
        a batch has none)."""
        try:
            record = jsonio.loads(data)
        except ValueError as exc:
            raise UnreadableRecord(f"not JSON: {exc}") from None
        fields = _field(record, "event", dict)
        for name in ("content_hash", "title", "article_key"):
            _field(fields, name, str)
        _field(fields, "ingest", dict)
        _field(fields, "lead", (str, type(None)))
        _field(fields, "body", list)
        ingest_ms = _field(record, "ingest_ms", (int, type(None)))
        published = _moment(_field(record, "published", str), "published")
        # None in a draft from a version that did not hash in the parse stage.
        signature = record.get("simhash")
        simhash = None if signature is None else _signature(_field(record, "simhash", str))
        return cls(fields["article_key"], fields, published, ingest_ms, simhash)


@dataclass(frozen=True, slots=True)
class StoryRequest:
    """A new or changed article on its way to the story index, with its SimHash."""

    key: str
    event: dict[str, Any]
    simhash: int
    published: datetime
    ingest_ms: int | None = None

    def to_json(self) -> bytes:
        # The SimHash as a string: 64-bit integers do not survive every JSON reader.
        return jsonio.dumps(
            {
                "simhash": str(self.simhash),
                "published": utc_timestamp(self.published),
                "ingest_ms": self.ingest_ms,
                "event": self.event,
            }
        )

    @classmethod
    def from_json(cls, data: bytes) -> StoryRequest:
        """Read back what :meth:`to_json` wrote; :class:`UnreadableRecord` if it does not fit."""
        try:
            record = jsonio.loads(data)
        except ValueError as exc:
            raise UnreadableRecord(f"not JSON: {exc}") from None
        event = _field(record, "event", dict)
        key = _field(event, "article_key", str)
        _field(event, "event_type", str)
        simhash = _signature(_field(record, "simhash", str))
        published = _moment(_field(record, "published", str), "published")
        ingest_ms = _field(record, "ingest_ms", (int, type(None)))
        return cls(key, event, simhash, published, ingest_ms)
