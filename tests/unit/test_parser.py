from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from streams.core.envelope import RawDocument, decode_message
from streams.core.errors import (
    MissingBody,
    MissingTitle,
    NewswireError,
    NotAnArticle,
)
from streams.core.parser import parse_article, parse_dateline
from streams.core.sources import default_registry
from tests.conftest import ROOT, sample

CORPUS = ROOT / "tests" / "corpus"

MAX = 2 * 1024 * 1024


def parse_bytes(raw: bytes):
    return parse_article(decode_message(raw, max_bytes=MAX))


def test_seed_article_every_field(seed_bytes: bytes) -> None:
    a = parse_bytes(seed_bytes)
    assert a.source == "defapress"
    assert a.news_id == "77229"
    assert a.title == "Russian, Venezuelan FMs to Hold Talks after Failed Coup Attempt in Caracas"
    assert a.dateline_city == "Tehran"
    assert a.dateline_agency == "Defa Press"
    assert a.agency_as_written == "defapress"
    assert a.lead == (
        "Russian Foreign Minister Sergei Lavrov will hold talks on Sunday in Moscow with his "
        "Venezuelan counterpart, Jorge Arreaza, to discuss developments in the Latin American "
        "country and bilateral relations."
    )
    assert a.published_at is not None
    assert a.updated_at is not None
    assert a.published_at.isoformat() == "2019-05-05T13:10:00+04:30"
    assert a.updated_at.isoformat() == "2024-02-28T12:38:00+03:30"
    assert len(a.body) == 8
    # The title glued to the first paragraph is split off, not duplicated.
    assert a.body[0].startswith("Lavrov and Arreaza are expected to focus on Washington's")
    assert all(a.title not in p for p in a.body)
    assert a.body[-1].endswith("to get hold of Venezuelan resources.")
    assert not any(p.casefold() in ("message end/", "your comment") for p in a.body)
    assert a.language == "en"
    assert a.article_key == "defapress:77229"


def test_sample_with_crlf_parses_like_lf() -> None:
    crlf = sample("06-defapress-81003-crlf.txt")
    assert b"\r\n" in crlf
    a = parse_bytes(crlf)
    b = parse_bytes(crlf.replace(b"\r\n", b"\n"))
    assert a == b
    assert a.news_id == "81003"
    assert a.dateline_city == "Ahvaz"
    assert a.title == "Wheat Harvest in Khuzestan Exceeds Forecast"
    assert a.body[0].startswith("The provincial agriculture department said")
    assert len(a.body) == 2


def test_sample_without_news_id_keys_by_fingerprint() -> None:
    a = parse_bytes(sample("05-defapress-no-news-id.txt"))
    assert a.news_id is None
    assert a.url is None
    assert a.article_key.startswith("fp:")
    assert len(a.article_key) == 35


def test_envelope_url_is_canonical_and_keys_nothing_when_news_id_present() -> None:
    a = parse_bytes(sample("10-envelope-81004.json"))
    assert a.article_key == "defapress:81004"
    assert a.canonical_url == "https://en.defapress.example/en/81004?id=81004"
    assert a.fetched_at == "2024-03-19T06:30:00Z"
    assert a.published_at is not None
    assert a.published_at.isoformat() == "2024-03-19T09:50:00+03:30"


@pytest.mark.parametrize(
    ("line", "city", "agency", "rest"),
    [
        ("TEHRAN (defapress) – Lead.", "Tehran", "defapress", "Lead."),
        ("TEHRAN (defapress) — Lead.", "Tehran", "defapress", "Lead."),
        ("TEHRAN (defapress) - Lead.", "Tehran", "defapress", "Lead."),
        ("TEHRAN (defapress)-Lead.", "Tehran", "defapress", "Lead."),
        ("MOSCOW (Sputnik) -- Lead.", "Moscow", "Sputnik", "Lead."),
        ("(Reuters) - Lead.", None, "Reuters", "Lead."),
        ("BEIJING, May 5 (Xinhua) -- Lead.", "Beijing", "Xinhua", "Lead."),
        ("New York (AP) — Lead.", "New York", "AP", "Lead."),
    ],
)
def test_dateline_variants(line: str, city: str | None, agency: str, rest: str) -> None:
    d = parse_dateline(line)
    assert d is not None
    assert (d.city, d.agency, d.rest) == (city, agency, rest)


@pytest.mark.parametrize(
    "line",
    [
        "The minister (a former envoy) said so.",
        "TEHRAN (defapress) said nothing",
        "Tehran ()- empty agency",
        "x" * 100 + " (Reuters) - too far along the line",
    ],
)
def test_lines_that_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_unknown_agency_keeps_its_name_and_uses_utc() -> None:
    page = (
        b"Some Headline Here\n\nLAGOS (NaijaWire) - Lead sentence here.\n"
        b"News ID: 55\nPublish Date: 01Jan 2024 - 10:00\n\nBody paragraph.\n"
    )
    a = parse_bytes(page)
    assert a.source == "naijawire"
    assert a.dateline_agency == "NaijaWire"
    assert a.published_at is not None
    assert a.published_at.utcoffset() == timedelta(0)
    assert a.language == "und"


def test_stamps_in_any_order_and_spacing() -> None:
    page = (
        "Headline\nPublish Date:05May 2019 - 13:10\nTEHRAN (defapress) – Lead.\n"
        "News ID :77229\nUpdated in: 5 May 2019 - 14:00\nBody.\n"
    ).encode()
    a = parse_bytes(page)
    assert a.news_id == "77229"
    assert a.published_at == datetime.fromisoformat("2019-05-05T13:10:00+04:30")
    assert a.updated_at == datetime.fromisoformat("2019-05-05T14:00:00+04:30")
    assert a.body == ("Body.",)


def test_nbsp_and_zero_width_characters_are_normalised() -> None:
    page = (
        "Head\u00a0line\u200b\n\nTEHRAN\u00a0(defapress)\u00a0– Lead\u200b text.\nNews ID: 9\n"
    ).encode()
    a = parse_bytes(page)
    assert a.title == "Head line"
    assert a.lead == "Lead text."


@pytest.mark.parametrize(
    ("page", "error"),
    [
        (b"Just a line of prose.\nAnother line.\n", NotAnArticle),
        (b"TEHRAN (defapress) - Lead only.\nNews ID: 1\n", MissingTitle),
        (b"Title\nNews ID: 1\n", MissingBody),
    ],
)
def test_not_articles_raise_typed_errors(page: bytes, error: type[NewswireError]) -> None:
    with pytest.raises(error) as info:
        parse_bytes(page)
    assert info.value.reason == error.reason
    assert info.value.message


@pytest.mark.parametrize(
    ("stamp", "field", "code", "value"),
    [
        ("Publish Date: 31Feb 2019 - 10:00", "published_at", "unparsed_date", "31Feb 2019 - 10:00"),
        ("Publish Date: yesterday", "published_at", "unparsed_date", "yesterday"),
        ("Updated in: soon", "updated_at", "unparsed_date", "soon"),
        ("News ID: 12 34; DROP", "news_id", "invalid_id", "12 34; DROP"),
    ],
)
def test_one_unreadable_field_is_null_with_a_warning(
    stamp: str, field: str, code: str, value: str
) -> None:
    page = f"Title\nTEHRAN (defapress) - Lead.\n{stamp}\nThe body goes on.\n".encode()
    a = parse_bytes(page)
    assert a.title == "Title"
    assert a.lead == "Lead."
    assert getattr(a, field) is None
    assert [w.to_dict() for w in a.warnings] == [{"field": field, "code": code, "value": value}]


def test_html_page_through_the_same_parser() -> None:
    html = (
        "<html lang='en'><head><title>Site | Headline</title>"
        "<link rel='canonical' href='https://news.example/a/1?utm_medium=x'></head><body>"
        "<nav>Home | World</nav><h1>Headline</h1><p>TEHRAN (defapress) &ndash; Lead.</p>"
        "<div>News ID: 4242</div><div>Publish Date: 05May 2019 - 13:10</div>"
        "<p>First paragraph.</p><script>var x = 1;</script><p>Second.</p>"
        "<footer>Message end/</footer></body></html>"
    )
    a = parse_article(RawDocument(text=html, content_type="text/html"))
    assert a.title == "Headline"
    assert a.lead == "Lead."
    assert a.news_id == "4242"
    assert a.body == ("First paragraph.", "Second.")
    assert a.canonical_url == "https://news.example/a/1"
    assert a.language == "en"


PERSIAN_PAGE = (CORPUS / "fa-defapress-91234.txt").read_text("utf-8")


def test_persian_page_with_jalali_dates_and_persian_digits() -> None:
    a = parse_bytes(PERSIAN_PAGE.encode())
    assert a.source == "defapress"
    assert a.news_id == "91234"
    assert a.title == "سفر هیئت اقتصادی به مسکو برای گسترش همکاری‌های تجاری"
    assert (a.dateline_city, a.dateline_agency, a.agency_as_written) == (
        "تهران", "Defa Press", "دفاع پرس",
    )  # fmt: skip
    assert a.published_at is not None
    assert a.published_at.isoformat() == "2021-05-10T18:45:00+04:30"
    assert a.updated_at is not None
    assert a.updated_at.isoformat() == "2021-05-11T09:15:00+04:30"
    assert a.body == ("این هیئت با مقام‌های وزارت اقتصاد روسیه دیدار خواهد کرد.",)
    assert a.language == "fa"


def test_mojibake_and_curly_quotes_are_repaired(seed_bytes: bytes) -> None:
    clean = parse_bytes(seed_bytes)
    # The same page after a trip through a cp1252 reader: every non-ASCII byte garbled.
    garbled = seed_bytes.decode("utf-8").encode("utf-8").decode("cp1252", "replace")
    broken = parse_bytes(garbled.encode("utf-8"))
    assert broken.lead == clean.lead
    assert broken.body == clean.body
    curly = parse_bytes(seed_bytes.replace(b'"not looking', "\u201cnot looking".encode()))
    assert curly.body == clean.body


def test_text_after_the_end_marker_is_dropped() -> None:
    page = (
        b"Headline\nTEHRAN (defapress) - Lead.\nNews ID: 1\nBody one.\nMessage end/\n"
        b"Name\nEmail\nyour comment\nSend\n"
    )
    assert parse_bytes(page).body == ("Body one.",)


def test_language_is_und_when_unsure() -> None:
    page = b"Headline\nTEHRAN (defapress) - 12 34.\nNews ID: 1\nOK.\n"
    assert parse_bytes(page).language == "und"


@pytest.mark.parametrize(
    ("line", "city", "agency", "rest"),
    [
        (
            "МОСКВА, 19 ноября. /ТАСС/. Президент провел встречу.",
            "Москва",
            "ТАСС",
            "Президент провел встречу.",
        ),
        (
            "МОСКВА, 19 ноя — РИА Новости. Глава МИД заявил.",
            "Москва",
            "РИА Новости",
            "Глава МИД заявил.",
        ),
        (
            "Madrid, 19 nov (EFE).- El Gobierno aprobó hoy.",
            "Madrid",
            "EFE",
            "El Gobierno aprobó hoy.",
        ),
        ("تهران- ایرنا- رئیس جمهوری گفت.", "تهران", "ایرنا", "رئیس جمهوری گفت."),
        ("موسكو - سبوتنيك. قال الكرملين اليوم.", "موسكو", "سبوتنيك", "قال الكرملين اليوم."),
        ("القاهرة (رويترز) - قالت الحكومة اليوم.", "القاهرة", "رويترز", "قالت الحكومة اليوم."),
    ],
)
def test_agency_datelines_in_their_own_layouts(
    line: str, city: str, agency: str, rest: str
) -> None:
    d = parse_dateline(line, default_registry().agency_names)
    assert d is not None
    assert (d.city, d.agency, d.rest) == (city, agency, rest)


@pytest.mark.parametrize(
    "line",
    ["The government, on Monday - said things.", "Die Stadtwerke - neue Tarife. Text"],
)
def test_a_dash_without_a_known_agency_is_no_dateline(line: str) -> None:
    assert parse_dateline(line, default_registry().agency_names) is None


def test_a_wire_item_in_russian_is_read_whole() -> None:
    page = (
        "Правительство утвердило новый порядок тарифов\n"
        "МОСКВА, 19 ноября. /ТАСС/. Правительство утвердило порядок расчёта тарифов на 2020 год.\n"
        "Документ вступит в силу с первого января.\n"
    ).encode()
    a = parse_bytes(page)
    assert a.title == "Правительство утвердило новый порядок тарифов"
    assert (a.dateline_city, a.dateline_agency) == ("Москва", "TASS")
    assert a.body == ("Документ вступит в силу с первого января.",)
    assert a.language == "ru"


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Опубликовано: 19 ноября 2019, 14:30", "2019-11-19T14:30:00+00:00"),
        ("Publicado: 19 de noviembre de 2019 10:15", "2019-11-19T10:15:00+00:00"),
        ("Veröffentlicht am: 19.11.2019 14:30", "2019-11-19T14:30:00+00:00"),
        ("Yayınlanma tarihi: 19 Kasım 2019 14:30", "2019-11-19T14:30:00+00:00"),
        ("تاريخ النشر: 19 نوفمبر 2019 - 14:30", "2019-11-19T14:30:00+00:00"),
    ],
)
def test_stamp_labels_in_other_languages(stamp: str, published: str) -> None:
    page = f"A title\nCITY (Reuters) - The lead.\n{stamp}\nThe body.\n".encode()
    a = parse_bytes(page)
    assert a.published_at is not None
    assert a.published_at.isoformat() == published
    assert a.warnings == ()
