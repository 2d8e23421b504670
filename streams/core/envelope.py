"""Turning the bytes of an ingest message into text: JSON envelope, or the raw page.

A raw page is HTML when its bytes say so (a doctype or an ``<html>``/``<head>``/``<body>``
tag near the start), else plain text. Its charset is the one declared (byte-order mark, then
the HTML ``<meta>`` charset), else UTF-8; an HTML page that is not valid UTF-8 and declares
nothing is read as windows-1252, the web's legacy default. A stray control character is
removed; many of them mean the bytes are not text.
"""

from __future__ import annotations

import codecs
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

__all__ = ["CONTENT_TYPES", "RawDocument", "decode_message", "is_html"]

CONTENT_TYPES = ("text/plain", "text/html")
_ENVELOPE_FIELDS = frozenset({"source", "url", "fetched_at", "content_type", "content"})
# C0 controls other than tab, line feed, form feed and carriage return never occur in a page.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f]")
_MAX_CONTROL_SHARE = 0.01
_SNIFF_BYTES = 2048
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)\b", re.I | re.S
)
_HTML_TAG = re.compile(rb"<(?:html|body)\b", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_:.-]{1,40})""", re.I
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


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
    html = is_html(raw)
    return RawDocument(
        text=_decode_text(raw, html=html), content_type="text/html" if html else "text/plain"
    )


def is_html(raw: bytes) -> bool:
    """Whether a raw page's bytes are HTML: it starts like a document, or has an ``<html>`` or
    ``<body>`` tag in its first 2 KB."""
    head = raw[:_SNIFF_BYTES]
    for bom, _ in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if b"\x00" in head[:64] and head.startswith((b"<\x00", b"\x00<")):
        head = head.replace(b"\x00", b"")  # UTF-16
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head))


def _declared_charset(raw: bytes, *, html: bool) -> str | None:
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return name
    if html and (match := _META_CHARSET.search(raw[:_SNIFF_BYTES])):
        try:
            return codecs.lookup(match[1].decode("ascii")).name
        except LookupError:
            return None  # a charset name nobody knows: read as undeclared
    return None


def _decode_text(raw: bytes, *, html: bool = False) -> str:
    declared = _declared_charset(raw, html=html)
    if declared is not None and declared not in ("utf-8", "utf-8-sig"):
        # A declared single-byte or UTF-16 charset: what the page says, bad bytes replaced.
        text = raw.decode(declared, errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            if not html or declared is not None:
                raise NotUtf8(
                    f"invalid UTF-8 at byte {exc.start}: {raw[exc.start : exc.start + 4]!r}"
                ) from None
            text = raw.decode("cp1252", errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return _clean_controls(text)


def _clean_controls(text: str) -> str:
    """The text without stray control characters; BinaryContent when they are many."""
    controls = len(_CONTROL.findall(text))
    if not controls:
        return text
    if controls > len(text) * _MAX_CONTROL_SHARE:
        nul = text.count("\x00")
        raise BinaryContent(
            f"{controls} control characters ({nul} NUL) in {len(text)}: not a text page"
        )
    return _CONTROL.sub("", text)


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
    return RawDocument(
        text=_clean_controls(content),
        content_type=content_type,
        source=doc.get("source") or None,
        url=doc.get("url") or None,
        fetched_at=fetched_at,
    )
