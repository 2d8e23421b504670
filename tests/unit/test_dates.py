from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from streams.core.dates import parse_page_date, rfc3339
from streams.core.errors import BadDate

TEHRAN = ZoneInfo("Asia/Tehran")


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("05May 2019 - 13:10", "2019-05-05T13:10:00+04:30"),
        ("28 February 2024 - 12:38", "2024-02-28T12:38:00+03:30"),
        ("5 Sept 2020, 08:05", "2020-09-05T08:05:00+04:30"),
        ("2019-05-05 13:10", "2019-05-05T13:10:00+04:30"),
        # Solar Hijri, in Persian, Arabic-Indic and ASCII digits, in the page's orders.
        ("۱۵ اردیبهشت ۱۳۹۸ - ۱۳:۱۰", "2019-05-05T13:10:00+04:30"),
        ("١٥ اردیبهشت ١٣٩٨ - ١٣:١٠", "2019-05-05T13:10:00+04:30"),
        ("1398/02/15 - 13:10", "2019-05-05T13:10:00+04:30"),
        ("۱۳:۱۰ - ۱۳۹۸/۰۲/۱۵", "2019-05-05T13:10:00+04:30"),
        # Either side of Nowruz 1398 (1 Farvardin = 21 March 2019).
        ("29 اسفند 1397 - 12:00", "2019-03-20T12:00:00+03:30"),
        ("1 فروردین 1398 - 12:00", "2019-03-21T12:00:00+03:30"),
        # Either side of the start of summer time in 2019 (midnight at the start of 2 Farvardin).
        ("2 فروردین 1398 - 12:00", "2019-03-22T12:00:00+04:30"),
        # Either side of its end (midnight at the end of 30 Shahrivar = 21 September 2019).
        ("30 شهریور 1398 - 12:00", "2019-09-21T12:00:00+04:30"),
        ("1 مهر 1398 - 12:00", "2019-09-23T12:00:00+03:30"),
        # Iran stopped summer time after 2022: 1403 stays at +03:30 in spring.
        ("15 اردیبهشت 1403 - 10:00", "2024-05-04T10:00:00+03:30"),
    ],
)
def test_page_dates_in_tehran_time(stamp: str, expected: str) -> None:
    assert parse_page_date(stamp, TEHRAN).isoformat() == expected


@pytest.mark.parametrize(
    ("stamp", "fragment"),
    [
        ("31Feb 2019 - 10:00", "impossible Gregorian date"),
        ("31 اسفند 1398 - 10:00", "impossible Solar Hijri date"),
        ("05 Maybe 2019 - 10:00", "unknown month name"),
        ("yesterday", "unrecognised date"),
        ("1" * 10_000, "unrecognised date"),
    ],
)
def test_bad_dates_say_why(stamp: str, fragment: str) -> None:
    with pytest.raises(BadDate) as info:
        parse_page_date(stamp, TEHRAN)
    assert fragment in info.value.message


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("November 19, 2019 at 8:59 pm", "2019-11-19T20:59:00+03:30"),
        ("Nov 20 2019, 15:24pm ist", "2019-11-20T15:24:00+05:30"),
        ("30 January 2017", "2017-01-30T00:00:00+03:30"),
        ("Mon, 18 Nov 2019 16:07:38 -0600", "2019-11-18T16:07:38-06:00"),
        (
            "Tue Nov 19 2019 03:05:46 GMT+0000 (Coordinated Universal Time)",
            "2019-11-19T03:05:46+00:00",
        ),
        ("November 19, 2019, 07:47 PM EST", "2019-11-19T19:47:00-05:00"),
        ("19 de noviembre de 2019, 10:15", "2019-11-19T10:15:00+03:30"),
        ("19. November 2019 um 14:30 Uhr", "2019-11-19T14:30:00+03:30"),
        ("mardi 19 novembre 2019 à 14 h 30", "2019-11-19T14:30:00+03:30"),
        ("19 ноября 2019 г., 14:30 MSK", "2019-11-19T14:30:00+03:00"),
        ("19 Kasım 2019 Salı 14:30", "2019-11-19T14:30:00+03:30"),
        ("19 نوفمبر 2019 - 14:30", "2019-11-19T14:30:00+03:30"),
        ("١٩ تشرين الثاني ٢٠١٩", "2019-11-19T00:00:00+03:30"),
        ("۲۸ نوامبر ۲۰۲۶ ساعت ۱۰:۰۵", "2026-11-28T10:05:00+03:30"),
        ("11/20/2019 3:05 PM", "2019-11-20T15:05:00+03:30"),
        ("20.11.2019 15:05", "2019-11-20T15:05:00+03:30"),
        ("12:40 a.m. 2019-11-21", "2019-11-21T00:40:00+03:30"),
    ],
)
def test_stamps_in_many_languages_and_layouts(stamp: str, expected: str) -> None:
    # Asia/Tehran stands for the source's zone: a stamp with no offset is read in it.
    assert rfc3339(parse_page_date(stamp, ZoneInfo("Asia/Tehran"))) == expected


@pytest.mark.parametrize(
    "stamp", ["yesterday", "Updated 3 hours ago", "November 2019", "31/02/2019"]
)
def test_what_is_no_date_stays_no_date(stamp: str) -> None:
    with pytest.raises(BadDate):
        parse_page_date(stamp, ZoneInfo("UTC"))
