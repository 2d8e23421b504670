"""Large adversarial inputs for the parser: shapes that make backtracking regexes or quadratic
loops blow up. The unit tests check each one's outcome; ``bench/hostile.py`` times them."""

from __future__ import annotations

from collections.abc import Callable

from streams.core import jsonio

__all__ = ["LIMIT", "adversarial_inputs"]

LIMIT = 2 * 1024 * 1024
_SIZE = LIMIT - 64  # just under the limit, so the parser really runs


def adversarial_inputs() -> dict[str, Callable[[], bytes]]:
    """Name -> a function that builds that input (each about 2 MiB; built on demand)."""
    n = _SIZE
    return {
        "open_parens": lambda: b"(" * n,
        "dateline_lookalikes": lambda: b"TEHRAN (defapress) " * (n // 19),
        "dash_runs": lambda: b"Title\nTEHRAN (defapress) " + b"-" * (n - 30),
        "one_huge_line": lambda: b"Title\nTEHRAN (defapress) - " + b"word " * (n // 5 - 10),
        "label_lines": lambda: b"News ID: 1\n" + b"Publish Date: 1" + b"1" * (n - 40),
        "many_lines": lambda: b"Title\nTEHRAN (defapress) - Lead.\n" + b"x\n" * (n // 2 - 20),
        "mojibake_marks": lambda: (
            "Title\nTEHRAN (defapress) - Ã©".encode() + "â€œ".encode() * (n // 8)
        ),
        "nested_html": lambda: jsonio.dumps(
            {"content_type": "text/html", "content": "<div>" * (n // 6) + "x"}
        ),
        "zero_width": lambda: b"Title\nTEHRAN (defapress) - a" + "\u200b".encode() * (n // 3),
        # Just under the nesting limit, closed, and filled with text: each block's text is
        # also every ancestor's, so reading block by block is quadratic.
        "deep_closed_divs": lambda: _nested("<div>", "</div>", 9_000, n),
        "nested_tables": lambda: _nested("<table><tr><td>", "</td></tr></table>", 3_000, n),
        "furniture_nest": lambda: _nested("<div class='sidebar'>", "</div>", 9_000, n),
        "link_lists": lambda: _page(
            "<ul>" + "<li><a href='/x'>A link, and more</a></li>" * (n // 44), n
        ),
    }


def _nested(open_tag: str, close_tag: str, levels: int, limit: int) -> bytes:
    """``levels`` nested blocks, each with enough text that the page comes near ``limit``."""
    words = "Words, in a sentence long enough to score. "
    text = words * max(
        1, (limit - levels * (len(open_tag) + len(close_tag))) // levels // len(words)
    )
    return _page((open_tag + text) * levels + close_tag * levels, limit)


def _page(body: str, limit: int) -> bytes:
    """A raw HTML page (no envelope: the bytes are sniffed) with ``body``, cut to ``limit``."""
    return f"<!DOCTYPE html><html><body><h1>A headline</h1>{body}</body></html>".encode()[:limit]
