"""Reading the date stamps that news pages print, in the publisher's own time zone."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from .errors import BadDate

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

# "05May 2019 - 13:10", "28 February 2024 - 12:38", "5 May 2019, 13:10". Each part is a bounded
# run of one character class, so matching stays linear whatever the input.
_DAY_MONTH_YEAR = re.compile(
    r"^(\d{1,2}) ?([A-Za-z]{3,9})\.? ?,? ?(\d{4})"
    r" ?[-\u2013\u2014,]? ?(\d{1,2}):(\d{2})(?::(\d{2}))?$"
)
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$")


def parse_page_date(text: str, zone: ZoneInfo) -> datetime:
    """Read a page's local date stamp as an aware datetime in ``zone``.

    Raises :class:`BadDate` with the offending text when the stamp is not a real date.
    """
    value = " ".join(text.split())[:64]
    if m := _DAY_MONTH_YEAR.match(value):
        day, month_name, year, hour, minute, second = m.groups()
        month = _MONTHS.get(month_name.casefold())
        if month is None:
            raise BadDate(f"unknown month name {month_name!r} in date {value!r}")
        parts = (int(year), month, int(day), int(hour), int(minute), int(second or 0))
    elif m := _ISO.match(value):
        parts = tuple(int(g or 0) for g in m.groups())  # type: ignore[assignment]  # six ints
    else:
        raise BadDate(f"unrecognised date {value!r}")
    try:
        return datetime(*parts, tzinfo=zone)
    except ValueError as exc:
        raise BadDate(f"impossible date {value!r}: {exc}") from None


def rfc3339(moment: datetime) -> str:
    """RFC 3339 with the moment's own UTC offset, seconds precision."""
    return moment.isoformat(timespec="seconds")
