"""Language identification: a code when the model is sure, ``und`` when there is too little."""

from __future__ import annotations

from streams.core.language import detect_language


def test_too_few_letters_is_undetermined() -> None:
    # Eleven letters, however many digits and signs around them, are not enough to decide.
    assert detect_language("12:40 -- Kyiv, Odesa, Ab 2024 !!! 99%") == "und"
    assert detect_language("") == "und"


def test_enough_text_gets_its_code() -> None:
    english = "The minister said the talks would resume next week in the capital."
    german = "Der Minister sagte, die Gespräche würden nächste Woche in der Hauptstadt beginnen."
    assert detect_language(english) == "en"
    assert detect_language(german) == "de"
