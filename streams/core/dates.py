"""Reading the date stamps that news pages print, in the publisher's own time zone."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from importlib import resources
from zoneinfo import ZoneInfo

import jdatetime

from streams.core.errors import BadDate
from streams.core.text import ascii_digits

__all__ = ["parse_page_date", "rfc3339"]

_CALENDAR = json.loads(
    resources.files("streams.core").joinpath("data/calendar.json").read_text("utf-8")
)
# Month name -> number, every language in the data file (the names do not collide).
_MONTHS: dict[str, int] = {
    name: number
    for names_by_month in _CALENDAR["months"].values()
    for number, names in enumerate(names_by_month, start=1)
    for name in names
}
# Solar Hijri month names as Persian pages print them.
_JALALI_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(_CALENDAR["jalali_months"], start=1)
    for name in names
}
_ZONES: dict[str, int] = _CALENDAR["zones"]
# A year below this is a Solar Hijri year (1300s and 1400s), above it a Gregorian one.
_FIRST_GREGORIAN_YEAR = 1700

# "05May 2019 - 13:10", "28 February 2024 - 12:38", "۱۵ اردیبهشت ۱۳۹۸ - ۱۳:۱۰". Each part is a
# bounded run of one character class, so matching stays linear whatever the input.
_TIME = r"(\d{1,2}):(\d{2})(?::(\d{2}))?"
_SEP = r" ?[-\u2013\u2014,\u060c]? ?"
_DAY_MONTH_YEAR = re.compile(rf"^(\d{{1,2}}) ?([^\W\d_]{{2,10}})\.? ?,? ?(\d{{4}}){_SEP}{_TIME}$")
# "2019-05-05 13:10", "1398/02/15 - 13:10"
_NUMERIC = re.compile(rf"^(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}})(?:T|{_SEP}){_TIME}$")
# "13:10 - 1398/02/15", as some Persian pages put it
_TIME_FIRST = re.compile(rf"^{_TIME}{_SEP}(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}})$")


def parse_page_date(text: str, zone: ZoneInfo) -> datetime:
    """Read a page's date stamp as an aware datetime; a stamp without an offset is in ``zone``.

    The publisher layouts first (``05May 2019 - 13:10``, ``1398/02/15 - 13:10``, Persian month
    names), then a general reading: month names in English, French, German, Spanish, Turkish,
    Russian, Arabic and Persian, day and month in either order, numeric dates, 12- and 24-hour
    clocks, weekday names, UTC offsets and time-zone abbreviations, and no time (midnight).

    Raises :class:`BadDate` with the offending text when the stamp is not a real date.
    """
    value = ascii_digits(" ".join(text.split())[:100])
    jalali_month: int | None = None
    if m := _DAY_MONTH_YEAR.match(value):
        day, month_name, year, hour, minute, second = m.groups()
        month = _MONTHS.get(month_name.casefold())
        if month is None:
            jalali_month = month = _JALALI_MONTHS.get(month_name)
        if month is None:
            try:
                return _general(value, zone)
            except BadDate:
                raise BadDate(f"unknown month name {month_name!r} in date {value!r}") from None
    elif m := _NUMERIC.match(value):
        year, month_text, day, hour, minute, second = m.groups()
        month = int(month_text)
    elif m := _TIME_FIRST.match(value):
        hour, minute, second, year, month_text, day = m.groups()
        month = int(month_text)
    else:
        return _general(value, zone)
    is_jalali = jalali_month is not None or int(year) < _FIRST_GREGORIAN_YEAR
    return _build(
        value,
        (int(year), month, int(day)),
        (int(hour), int(minute), int(second or 0)),
        zone,
        jalali=is_jalali,
    )


def _build(
    value: str, ymd: tuple[int, int, int], hms: tuple[int, int, int], zone: tzinfo, *, jalali: bool
) -> datetime:
    year, month, day = ymd
    try:
        if jalali:
            gregorian = jdatetime.date(year, month, day).togregorian()
            year, month, day = gregorian.year, gregorian.month, gregorian.day
        return datetime(year, month, day, *hms, tzinfo=zone)
    except ValueError as exc:
        calendar = "Solar Hijri" if jalali else "Gregorian"
        raise BadDate(f"impossible {calendar} date {value!r}: {exc}") from None


# The general reading. Numeric dates first (their dashes are not offsets), then tokens: clock
# times, UTC offsets, numbers and words. Every pattern is a bounded run: linear in the input.
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_DMY_DATE = re.compile(r"(?<!\d)(\d{1,2})([-/.])(\d{1,2})[-/.](\d{4})(?!\d)")
_CLOCK = re.compile(r"(?<!\d)(\d{1,2})(?::|\s?h\s?)(\d{2})(?::(\d{2}))?(?:\.\d{1,9})?(?!\d)")
_TOKEN = re.compile(
    r"(?P<clock>\u2063\d+)|(?P<offset>[+-]\d{1,2}(?::?\d{2})?(?!\d))|(?P<number>\d{1,4})"
    r"|(?P<word>[^\W\d_]{1,20}(?:\u200c[^\W\d_]{1,20})?\.?)"
)


def _general(value: str, zone: ZoneInfo) -> datetime:
    text = value.casefold().replace("a.m.", "am").replace("p.m.", "pm")
    ymd: tuple[int, int, int] | None = None
    if m := _ISO_DATE.search(text):
        ymd = (int(m[1]), int(m[2]), int(m[3]))
        text = text[: m.start()] + " " + text[m.end() :]
    elif m := _DMY_DATE.search(text):
        first, second, year = int(m[1]), int(m[3]), int(m[4])
        # Ambiguous 05/06/2019: slashes read month first (as US pages write them), dots and
        # dashes day first.
        month_first = second > 12 or (first <= 12 and m[2] == "/")
        ymd = (year, first, second) if month_first else (year, second, first)
        text = text[: m.start()] + " " + text[m.end() :]
    clocks = _CLOCK.findall(text)
    text = _CLOCK.sub(" \u20630 ", text)
    for head, tail in _TWO_WORD_MONTHS:
        text = text.replace(f"{head} {tail}", f"{head}\u200c{tail}")
    reading = _Reading(clocks)
    for m in _TOKEN.finditer(text):
        reading.take(m.lastgroup or "", m[0])
    if ymd is None:
        if reading.month is None or reading.day is None or reading.year is None:
            raise BadDate(f"unrecognised date {value!r}")
        ymd = (reading.year, reading.month, reading.day)
    jalali = reading.jalali or ymd[0] < _FIRST_GREGORIAN_YEAR
    offset = reading.offset
    moment_zone: tzinfo = zone if offset is None else timezone(timedelta(minutes=offset))
    return _build(value, ymd, reading.hms or (0, 0, 0), moment_zone, jalali=jalali)


@dataclass(slots=True)
class _Reading:
    """What the tokens of a stamp said so far; the first of each kind wins."""

    clocks: list[tuple[str, str, str]]
    hms: tuple[int, int, int] | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    jalali: bool = False
    offset: int | None = None
    after_clock: bool = False

    def take(self, kind: str, token: str) -> None:
        if kind == "clock":
            hour, minute, second = self.clocks.pop(0) if self.clocks else ("0", "0", "")
            self.hms = (int(hour), int(minute), int(second or 0))
            self.after_clock = True
            return
        if kind == "offset" and (self.after_clock or self.offset == 0):
            self.offset = _offset_minutes(token)  # "+03:00", or "GMT+3"
        elif kind == "number":
            self._number(token)
        elif kind == "word":
            self._word(token.rstrip(".").replace("\u200c", " "))
        self.after_clock = self.after_clock and kind in ("word", "offset")

    def _number(self, token: str) -> None:
        number = int(token)
        if len(token) == 4 and self.year is None:
            self.year = number
        elif self.day is None and 1 <= number <= 31:
            self.day = number

    def _word(self, word: str) -> None:
        if self.after_clock and word in ("am", "pm") and self.hms is not None:
            self.hms = (_twelve_hour(self.hms[0], word), self.hms[1], self.hms[2])
        elif word in _MONTHS and self.month is None:
            self.month = _MONTHS[word]
        elif word in _JALALI_MONTHS and self.month is None:
            self.month, self.jalali = _JALALI_MONTHS[word], True
        elif word in _ZONES and self.offset is None:
            self.offset = _ZONES[word]


_TWO_WORD_MONTHS = tuple(
    tuple(name.split(" ", 1)) for name in (*_MONTHS, *_JALALI_MONTHS) if " " in name
)


def _offset_minutes(token: str) -> int:
    sign = -1 if token[0] == "-" else 1
    digits = token[1:].replace(":", "")
    hours, minutes = (digits, "0") if len(digits) <= 2 else (digits[:-2], digits[-2:])
    return sign * (int(hours) * 60 + int(minutes))


def _twelve_hour(hour: int, marker: str) -> int:
    if hour > 12:
        return hour  # "15:24pm": the clock was 24-hour already
    if marker == "am":
        return 0 if hour == 12 else hour
    return hour if hour == 12 else hour + 12


def rfc3339(moment: datetime) -> str:
    """RFC 3339 with the moment's own UTC offset, seconds precision."""
    return moment.isoformat(timespec="seconds")
