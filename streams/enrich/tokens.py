"""Word tokens with their character offsets, and sentence spans."""

from __future__ import annotations

import re
from typing import NamedTuple

__all__ = ["Token", "sentences", "tokenize"]

# Words (with inner apostrophes, dots of initials and hyphens), numbers, or one punctuation mark.
_TOKEN = re.compile(
    r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'-]{0,40}[\w])?\.?|\d(?:[\d.,]{0,20}\d)?|[^\w\s]"
)
# A sentence ends at . ! ? (and a closing quote) before white space and an upper-case letter.
_SENTENCE_END = re.compile(r"""[.!?]["')\]]?(?=\s+["'(]?[A-Z])""")


class Token(NamedTuple):
    """One token: its text, where it starts and ends, and whether it is capitalised.

    A named tuple: a page has hundreds of tokens, and tuples are the cheapest to make.
    """

    text: str
    start: int
    end: int

    @property
    def capitalised(self) -> bool:
        """True for words that start with an upper-case letter."""
        return self.text[0].isupper()


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens; a trailing possessive ``'s`` is split off the word."""
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word, start = m.group(), m.start()
        if word.endswith("'s") and len(word) > 2:
            out.append(Token(word[:-2], start, start + len(word) - 2))
            out.append(Token("'s", start + len(word) - 2, m.end()))
        elif word.endswith(".") and len(word) > 2 and not _is_abbreviation(word):
            out.append(Token(word[:-1], start, m.end() - 1))
            out.append(Token(".", m.end() - 1, m.end()))
        else:
            out.append(Token(word, start, m.end()))
    return out


def _is_abbreviation(word: str) -> bool:
    # "U.S.", "Gen." keep their dots; "Moscow." at a sentence end does not.
    return "." in word[:-1] or (len(word) <= 4 and word[0].isupper())


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
