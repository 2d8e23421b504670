"""Sentence ends, as the quote finder and the name finders cut text."""

from __future__ import annotations

from streams.core.enrich.tokens import sentences


def _cut(text: str) -> list[str]:
    return [text[a:b].strip() for a, b in sentences(text)]


def test_a_sentence_ends_after_its_closing_quotation_mark_of_any_style() -> None:
    text = (
        "He was blunt: \u201eThe talks are over.\u201c Then he left. "
        "\u00abNous restons.\u00bb She stayed. \u201cWe wait.\u201d They waited."
    )
    assert _cut(text) == [
        "He was blunt: \u201eThe talks are over.\u201c",
        "Then he left.",
        "\u00abNous restons.\u00bb",
        "She stayed.",
        "\u201cWe wait.\u201d",
        "They waited.",
    ]


def test_titles_and_initials_do_not_end_a_sentence() -> None:
    assert _cut("Mr. Smith met J.R. Jones and Dr. K. Lee. They talked.") == [
        "Mr. Smith met J.R. Jones and Dr. K. Lee.",
        "They talked.",
    ]
