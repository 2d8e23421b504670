from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from streams.core.dates import parse_page_date
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
