"""Unicode and white-space normalisation shared by the parser and the content hash."""

from __future__ import annotations

import re
import unicodedata

import ftfy

__all__ = ["ascii_digits", "clean_lines", "normalise_text", "repair", "words"]

# Zero-width and invisible format characters that scrapers leave behind. ZWNJ (U+200C) is kept:
# Persian spelling needs it.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200d\u2060\ufeff\u00ad"), None)
_SPACE_CHARS = r" \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Runs that need replacing: two or more spaces, or any white space other than one plain space.
# Matching every single space as well cost a substitution per word.
_SPACES = re.compile(rf" [{_SPACE_CHARS}]+|[{_SPACE_CHARS[1:]}][{_SPACE_CHARS}]*")
_WORD = re.compile(r"\w+")
# Curly quotes become straight ones, so quotations read the same whoever typed them.
_QUOTES = str.maketrans(
    {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
     "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'"}
)  # fmt: skip
# str.translate looks every character up in its table (about 0.1 ms for a 3 KB page), so it runs
# only on text that holds one of the characters; a regex search in C finds out first.
_HAS_INVISIBLE = re.compile("[\u200b\u200d\u2060\ufeff\u00ad]")
_HAS_QUOTES = re.compile("[\u201c-\u201f\u00ab\u00bb\u2018-\u201b]")
_DOUBLED = re.compile("''|``")
# UTF-8 read as cp1252/latin-1 starts its garbled sequences with these characters (Latin and
# Arabic-script text alike). ftfy costs ~0.3 ms a page, so it runs only where one appears.
_MOJIBAKE_LEADS = frozenset("\u00c2\u00c3\u00c5\u00d8\u00d9\u00da\u00db\u00e2")
# Persian and Arabic-Indic digits, for ID and date values (body text keeps its own digits).
_DIGITS = str.maketrans("\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
                        "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669",
                        "01234567890123456789")  # fmt: skip


def repair(text: str) -> str:
    """Undo mojibake (with ftfy, when the text shows its marks) and straighten curly quotes;
    two apostrophes or backticks in a row are the double quote some desks type that way
    ("It was an attempt,’’ Moy said")."""
    if not _MOJIBAKE_LEADS.isdisjoint(text):
        text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    text = text.translate(_QUOTES) if _HAS_QUOTES.search(text) else text
    if "''" in text or "``" in text:
        text = _DOUBLED.sub('"', text)
    return text


def ascii_digits(text: str) -> str:
    """Persian (۰-۹) and Arabic-Indic (٠-٩) digits as ASCII digits."""
    return text.translate(_DIGITS)


def normalise_text(text: str) -> str:
    """NFC, unified line ends, invisible characters removed; line structure is kept."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return text.translate(_INVISIBLE) if _HAS_INVISIBLE.search(text) else text


def clean_lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, each with its spaces collapsed and trimmed.

    One pass of the space pattern over the whole text, not one per line: the same result,
    several times faster on pages with many short lines.
    """
    return [line for raw in _SPACES.sub(" ", text).split("\n") if (line := raw.strip(" "))]


def words(text: str) -> int:
    """Count word-like runs of letters and digits (any script)."""
    return len(_WORD.findall(text))
