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
    }
