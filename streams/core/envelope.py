"""Turning the bytes of an ingest message into text: plain page or JSON envelope."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from streams.core import jsonio
from streams.core.errors import (
    BadEnvelope,
    BinaryContent,
    EmptyInput,
    InputTooLarge,
    NotUtf8,
    UnsupportedContentType,
)

__all__ = ["CONTENT_TYPES", "RawDocument", "decode_message"]

CONTENT_TYPES = ("text/plain", "text/html")
_ENVELOPE_FIELDS = frozenset({"source", "url", "fetched_at", "content_type", "content"})
# C0 controls other than tab, line feed, form feed and carriage return never occur in a page.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class RawDocument:
    """The text of one ingest message and what its producer said about it."""

    text: str
    content_type: str = "text/plain"
    source: str | None = None
    url: str | None = None
    fetched_at: str | None = None


def decode_message(raw: bytes, *, max_bytes: int) -> RawDocument:
    """Decode one ingest message; raises a :class:`~streams.core.errors.NewswireError` subclass."""
    if len(raw) > max_bytes:
        raise InputTooLarge(f"message is {len(raw)} bytes, over the limit of {max_bytes}")
    stripped = raw.strip()
    if not stripped:
        raise EmptyInput("message is empty" if not raw else "message holds only white space")
    if stripped.startswith(b"{"):
        return _decode_envelope(stripped)
    return RawDocument(text=_decode_text(raw))


def _decode_text(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise NotUtf8(
            f"invalid UTF-8 at byte {exc.start}: {raw[exc.start : exc.start + 4]!r}"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    _reject_binary(text)
    return text


def _reject_binary(text: str) -> None:
    if "\x00" in text:
        raise BinaryContent(f"NUL character at position {text.index(chr(0))}")
    controls = len(_CONTROL.findall(text))
    if controls > len(text) * _MAX_CONTROL_SHARE:
        raise BinaryContent(f"{controls} control characters in {len(text)}: not a text page")


def _decode_envelope(data: bytes) -> RawDocument:
    try:
        doc = jsonio.loads(data)
    except jsonio.JSONDecodeError as exc:
        raise BadEnvelope(f"not valid JSON: {exc}") from None
    if not isinstance(doc, dict):
        raise BadEnvelope(f"envelope must be a JSON object, got {type(doc).__name__}")
    unknown = sorted(set(doc) - _ENVELOPE_FIELDS)
    if unknown:
        raise BadEnvelope(f"unknown envelope field(s): {', '.join(unknown)}")
    for name in _ENVELOPE_FIELDS:
        value = doc.get(name)
        if value is not None and not isinstance(value, str):
            kind = type(value).__name__
            raise BadEnvelope(f"envelope field {name!r} must be a string, got {kind}")
    content = doc.get("content")
    if content is None:
        raise BadEnvelope("envelope has no 'content' field")
    content_type = (doc.get("content_type") or "text/plain").split(";")[0].strip().lower()
    if content_type not in CONTENT_TYPES:
        raise UnsupportedContentType(
            f"content_type {content_type!r} is not one of {', '.join(CONTENT_TYPES)}"
        )
    fetched_at = doc.get("fetched_at")
    if fetched_at is not None:
        try:
            datetime.fromisoformat(fetched_at)
        except ValueError:
            raise BadEnvelope(f"fetched_at {fetched_at!r} is not an RFC 3339 time") from None
    if not content.strip():
        raise EmptyInput("envelope content is empty")
    _reject_binary(content)
    return RawDocument(
        text=content,
        content_type=content_type,
        source=doc.get("source") or None,
        url=doc.get("url") or None,
        fetched_at=fetched_at,
    )
