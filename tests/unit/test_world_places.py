"""Places and countries in the other languages the parser reads (our own sentences)."""

from __future__ import annotations

import pytest

from streams.core.article import Article
from streams.core.enrich import enrich


@pytest.mark.parametrize(
    ("language", "text", "countries", "places"),
    [
        ("ru", "Делегация России прибыла в Москву, где обсудила поставки в Китай.",
         {"RU", "CN"}, {"Russia", "Moscow", "China"}),
        ("tr", "Rusya'nın heyeti Ankara'da Türkiye ile enerji anlaşması imzaladı.",
         {"RU", "TR"}, {"Russia", "Ankara", "Turkey"}),
        ("ar", "وصل الوفد الإيراني إلى موسكو وبحث مع روسيا ملف الطاقة.",
         {"IR", "RU"}, {"Moscow", "Russia"}),
        ("fa", "هیئت ایرانی در مسکو با مقام‌های روسیه دیدار کرد.",
         {"IR", "RU"}, {"Moscow", "Russia"}),
        ("es", "El ministro viajó a Moscú para hablar con Rusia y con EE.UU. del petróleo.",
         {"RU", "US"}, {"Moscow", "Russia", "United States"}),
        ("fr", "Le ministre iranien est arrivé à Téhéran après une visite en Russie.",
         {"IR", "RU"}, {"Tehran", "Russia"}),
        ("de", "Die Regierung Russlands und der Iran trafen sich in Moskau.",
         {"RU", "IR"}, {"Russia", "Iran", "Moscow"}),
    ],
)  # fmt: skip
def test_countries_and_places_in_other_languages(
    language: str, text: str, countries: set[str], places: set[str]
) -> None:
    article = Article("t", "Titel", text, (), language=language)
    enriched = enrich(article)
    assert {c["code"] for c in enriched.countries} == countries
    assert {loc["name"] for loc in enriched.entities["locations"]} == places
    assert enriched.entities["persons"] == []


def test_a_demonym_counts_for_its_country_but_names_no_place() -> None:
    article = Article("t", "Titel", "Le ministre iranien a parlé.", (), language="fr")
    enriched = enrich(article)
    assert [c["code"] for c in enriched.countries] == ["IR"]
    assert enriched.entities["locations"] == []


def test_a_word_that_only_begins_like_a_name_is_no_place() -> None:
    # "Irans" is a German genitive of Iran; "Iranistik" (a field of study) is not Iran.
    article = Article("t", "Titel", "Die Iranistik und die Politik Irans.", (), language="de")
    assert [c["code"] for c in enrich(article).countries] == ["IR"]
