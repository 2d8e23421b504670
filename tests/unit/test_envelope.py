from __future__ import annotations

import pytest

from streams.core import jsonio
from streams.core.envelope import decode_message
from streams.core.errors import (
    BadEnvelope,
    BinaryContent,
    EmptyInput,
    InputTooLarge,
    NewswireError,
    NotUtf8,
    UnsupportedContentType,
)


def envelope(**fields: object) -> bytes:
    return jsonio.dumps({"content": "Title\nTEHRAN (defapress) - Lead.", **fields})


def test_plain_text_is_decoded_and_bom_dropped() -> None:
    doc = decode_message("\ufeffHello".encode(), max_bytes=100)
    assert doc.text == "Hello"
    assert (doc.content_type, doc.source, doc.url) == ("text/plain", None, None)


def test_envelope_fields_are_carried() -> None:
    doc = decode_message(
        envelope(
            source="defapress", url="https://x.example/1", content_type="text/HTML; charset=utf-8"
        ),
        max_bytes=1000,
    )
    assert doc.source == "defapress"
    assert doc.url == "https://x.example/1"
    assert doc.content_type == "text/html"


@pytest.mark.parametrize(
    ("raw", "error", "fragment"),
    [
        (b"", EmptyInput, "empty"),
        (b"  \n\t ", EmptyInput, "white space"),
        (b"x" * 101, InputTooLarge, "101 bytes"),
        (b"caf\xe9 au lait", NotUtf8, "byte 3"),
        (b"abc\x00def", BinaryContent, "NUL"),
        (b"\x01\x02\x03\x04 text", BinaryContent, "control characters"),
        (b'{"content": "abc"', BadEnvelope, "not valid JSON"),
        (b'{"content": 5}', BadEnvelope, "must be a string"),
        (b'{"url": "https://x"}', BadEnvelope, "no 'content'"),
        (b'{"content": "a", "contnet": "b"}', BadEnvelope, "unknown envelope field(s): contnet"),
        (b'{"content": "a", "content_type": "application/pdf"}', UnsupportedContentType, "pdf"),
        (b'{"content": "a", "fetched_at": "last week"}', BadEnvelope, "fetched_at"),
        (b'{"content": "   "}', EmptyInput, "empty"),
    ],
)
def test_bad_messages_raise_specific_errors(
    raw: bytes, error: type[NewswireError], fragment: str
) -> None:
    with pytest.raises(error) as info:
        decode_message(raw, max_bytes=100)
    assert fragment in info.value.message


def test_size_limit_is_checked_before_anything_else() -> None:
    with pytest.raises(InputTooLarge):
        decode_message(b"\xff" * 11, max_bytes=10)


@pytest.mark.parametrize(
    "raw",
    [
        b"<!DOCTYPE html><html><body><h1>T</h1></body></html>",
        b"  \n<!-- scraped --><html lang='en'><p>x</p></html>",
        b"\xef\xbb\xbf<html><head><title>T</title></head></html>",
        b"<meta charset='utf-8'><title>T</title><p>x</p>",
        b"Some text first\n<body><p>then a page</p></body>",
    ],
)
def test_raw_html_without_an_envelope_is_recognised(raw: bytes) -> None:
    assert decode_message(raw, max_bytes=1 << 20).content_type == "text/html"


def test_plain_wire_text_stays_plain() -> None:
    raw = b"Title\nTEHRAN (defapress) - Lead with <b>a tag</b> in it.\n"
    assert decode_message(raw, max_bytes=1 << 20).content_type == "text/plain"


def test_a_declared_charset_is_honoured() -> None:
    word = "\u0633\u0644\u0627\u0645"
    raw = f"<html><head><meta charset='windows-1256'></head><body>{word}</body></html>"
    doc = decode_message(raw.encode("cp1256"), max_bytes=1 << 20)
    assert "\u0633\u0644\u0627\u0645" in doc.text


def test_a_utf16_page_with_its_byte_order_mark_is_read() -> None:
    raw = "\ufeff<html><body><p>caf\u00e9</p></body></html>".encode("utf-16-le")
    doc = decode_message(raw, max_bytes=1 << 20)
    assert doc.content_type == "text/html"
    assert "caf\u00e9" in doc.text


def test_an_undeclared_legacy_html_page_is_read_as_windows_1252() -> None:
    raw = "<html><body><p>caf\u00e9 \u2013 menu</p></body></html>".encode("cp1252")
    assert "caf\u00e9 \u2013 menu" in decode_message(raw, max_bytes=1 << 20).text


def test_a_stray_nul_is_removed_not_fatal() -> None:
    raw = b"Title\nTEHRAN (defapress) - Lead.\n" + b"Body text goes on. " * 20 + b"\x00\n"
    doc = decode_message(raw, max_bytes=1 << 20)
    assert "\x00" not in doc.text
    assert doc.text.startswith("Title")
