"""Typed errors of the pure core, each with a stable ``reason`` code for the dead-letter topic."""

from __future__ import annotations

__all__ = [
    "BadDate",
    "BadEnvelope",
    "BinaryContent",
    "EmptyInput",
    "InputTooLarge",
    "InternalError",
    "MissingBody",
    "MissingTitle",
    "NewswireError",
    "NotAnArticle",
    "NotUtf8",
    "TooComplex",
    "UnsupportedContentType",
]


class NewswireError(Exception):
    """Root of every error Newswire raises on purpose."""

    #: Every error here is about the input's bytes, and the core is a pure function of them:
    #: trying again gives the same answer, so none is retriable (broker errors are aiokafka's,
    #: and Faust retries those).
    reason: str = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EmptyInput(NewswireError):
    """The message has no bytes, or only white space."""

    reason = "empty"


class InputTooLarge(NewswireError):
    """The message is larger than the configured input limit; it is not parsed at all."""

    reason = "too_large"


class NotUtf8(NewswireError):
    """The bytes are not valid UTF-8."""

    reason = "not_utf8"


class BinaryContent(NewswireError):
    """The text decodes but holds control characters that no article page contains."""

    reason = "binary"


class BadEnvelope(NewswireError):
    """The message looks like a JSON envelope but is not valid JSON or breaks its schema."""

    reason = "bad_envelope"


class UnsupportedContentType(NewswireError):
    """The envelope names a content type Newswire does not parse."""

    reason = "unsupported_content_type"


class NotAnArticle(NewswireError):
    """The text has none of the marks of an article page (dateline, news ID, dates)."""

    reason = "not_an_article"


class MissingTitle(NewswireError):
    """The page has article marks but no title line."""

    reason = "missing_title"


class MissingBody(NewswireError):
    """The page has a title but neither a lead nor body paragraphs."""

    reason = "missing_body"


class BadDate(NewswireError):
    """A date's text cannot be read as a date and time. The parser turns it into a warning on
    the field; the reason stays in the dead-letter schema for letters written before."""

    reason = "bad_date"


class InternalError(NewswireError):
    """Newswire itself failed on this input (a bug); the input is kept for a replay."""

    reason = "internal_error"


class TooComplex(NewswireError):
    """An HTML page nests elements deeper than any article page does."""

    reason = "too_complex"
