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
