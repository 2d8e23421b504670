"""Language identification: a code when the model is sure, ``und`` when there is too little."""

from __future__ import annotations

from py3langid.langid import MODEL_FILE, LanguageIdentifier

from streams.core import language
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


# Our own sentences in the languages the parser reads, for the scoring check below.
_SENTENCES = [
    "The harbour authority said on Tuesday that the new container berth would open in spring.",
    "Le ministre a déclaré mardi que les négociations reprendraient la semaine prochaine.",
    "El gobierno anunció el martes un nuevo plan para las carreteras del norte del país.",
    "Министр заявил во вторник, что переговоры возобновятся на следующей неделе в столице.",
    "Bakan salı günü yaptığı açıklamada görüşmelerin gelecek hafta başkentte süreceğini söyledi.",
    "قال الوزير يوم الثلاثاء إن المحادثات ستستأنف الأسبوع المقبل في العاصمة.",
    "وزیر روز سه‌شنبه گفت که مذاکرات هفته آینده در پایتخت از سر گرفته می‌شود.",
    "Die Stadtwerke teilten am Dienstag mit, dass die neue Leitung im Frühjahr fertig wird.",
    "ONE LINE ALL IN CAPITALS ABOUT THE PORT AND THE SHIPS THAT LEFT IT",
]


def test_scoring_matches_the_library_it_takes_its_model_from() -> None:
    # Our scorer reorders py3langid's table and remembers word walks for speed; both must
    # leave every answer and confidence as the library gives them.
    library = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    library.set_languages([code for code in library.nb_classes if len(code) == 2])
    language._WALKED.clear()
    for _ in range(2):  # the second round is answered from remembered walks
        for text in _SENTENCES:
            expected_code, expected = library.classify(text)
            code, confidence = language._classify(text)
            assert code == expected_code, text
            assert abs(confidence - expected) < 1e-5, text
    assert language._WALKED, "word walks are remembered"
    assert [detect_language(t) for t in _SENTENCES] == [
        "en", "fr", "es", "ru", "tr", "ar", "fa", "de", "en"
    ]  # fmt: skip
