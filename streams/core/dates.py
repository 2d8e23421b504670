"""Reading the date stamps that news pages print, in the publisher's own time zone."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import jdatetime

from streams.core.errors import BadDate
from streams.core.text import ascii_digits

__all__ = ["parse_page_date", "rfc3339"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

# Solar Hijri month names as Persian pages print them.
_JALALI_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("فروردین",), ("اردیبهشت",), ("خرداد",), ("تیر",), ("مرداد", "امرداد"), ("شهریور",),
            ("مهر",), ("آبان",), ("آذر",), ("دی",), ("بهمن",), ("اسفند",),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
# A year below this is a Solar Hijri year (1300s and 1400s), above it a Gregorian one.
_FIRST_GREGORIAN_YEAR = 1700

# "05May 2019 - 13:10", "28 February 2024 - 12:38", "۱۵ اردیبهشت ۱۳۹۸ - ۱۳:۱۰". Each part is a
# bounded run of one character class, so matching stays linear whatever the input.
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?"
_SEP = r" ?[-\u2013\u2014,\u060c]? ?"
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}}) ?([^\W\d_]{{2,9}})\.? ?,? ?(\d{{4}}){_SEP}{_TIME}$")
# "2019-05-05 13:10", "1398/02/15 - 13:10"
_NUMERIC = re.compile(rf"^(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}})(?:T|{_SEP}){_TIME}$")
# "13:10 - 1398/02/15", as some Persian pages put it
_TIME_FIRST = re.compile(rf"^{_TIME}{_SEP}(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}})$")


def parse_page_date(text: str, zone: ZoneInfo) -> datetime:
    """Read a page's local date stamp as an aware datetime in ``zone``.

    Gregorian stamps with English month names or numbers, and Solar Hijri ones (Persian month
    names, or years before 1700) in Persian, Arabic-Indic or ASCII digits.

    Raises :class:`BadDate` with the offending text when the stamp is not a real date.
    """
    value = ascii_digits(" ".join(text.split())[:64])
    jalali_month: int | None = None
    if m := _DAY_MONTH_YEAR.match(value):
        day, month_name, year, hour, minute, second = m.groups()
        month = _MONTHS.get(month_name.casefold())
        if month is None:
            jalali_month = month = _JALALI_MONTHS.get(month_name)
        if month is None:
            raise BadDate(f"unknown month name {month_name!r} in date {value!r}")
    elif m := _NUMERIC.match(value):
        year, month_text, day, hour, minute, second = m.groups()
        month = int(month_text)
    elif m := _TIME_FIRST.match(value):
        hour, minute, second, year, month_text, day = m.groups()
        month = int(month_text)
    else:
        raise BadDate(f"unrecognised date {value!r}")
    is_jalali = jalali_month is not None or int(year) < _FIRST_GREGORIAN_YEAR
    try:
        if is_jalali:
            gregorian = jdatetime.date(int(year), month, int(day)).togregorian()
            y, mo, d = gregorian.year, gregorian.month, gregorian.day
        else:
            y, mo, d = int(year), month, int(day)
        return datetime(y, mo, d, int(hour), int(minute), int(second or 0), tzinfo=zone)
    except ValueError as exc:
        calendar = "Solar Hijri" if is_jalali else "Gregorian"
        raise BadDate(f"impossible {calendar} date {value!r}: {exc}") from None


def rfc3339(moment: datetime) -> str:
    """RFC 3339 with the moment's own UTC offset, seconds precision."""
    return moment.isoformat(timespec="seconds")
