"""Unicode and white-space normalisation shared by the parser and the content hash."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["clean_line", "normalise_text", "words"]

# Zero-width and invisible format characters that scrapers leave behind. ZWNJ (U+200C) is kept:
# Persian spelling needs it.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_WORD = re.compile(r"\w+")


def normalise_text(text: str) -> str:
    """NFC, unified line ends, invisible characters removed; line structure is kept."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return text.translate(_INVISIBLE)


def clean_line(line: str) -> str:
    """Collapse runs of any kind of space to one and trim the ends."""
    return _SPACES.sub(" ", line).strip()


def words(text: str) -> int:
    """Count word-like runs of letters and digits (any script)."""
    return sum(1 for _ in _WORD.finditer(text))
