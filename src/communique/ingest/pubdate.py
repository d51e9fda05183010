"""Publication dates as feeds and files write them, to ISO ``YYYY-MM-DD``.

Accepted: ISO dates and datetimes (``2024-03-12``, ``2024-03-12T09:30:00Z``), RFC 2822 as
RSS and e-mail write it (``Tue, 12 Mar 2024 09:30:00 GMT``: the day as written, not moved
to UTC), dates with a month name (``March 12, 2024``, ``12 March 2024``, ``12-Mar-2024``)
and numeric dates (``12/03/2024``, ``12.03.24``), whose day/month order is ambiguous: it is
``DMY`` unless the run says ``MDY`` (``communique code --date-order mdy``) or ``YMD``.
Words such as "yesterday" or "last year" are refused: a publication date must be absolute.
``dateparser`` reads the forms the fast paths do not.
"""

from __future__ import annotations

import re
from datetime import date
from email.utils import parsedate_tz
from typing import Any

DATE_ORDERS = ("DMY", "MDY", "YMD")
DEFAULT_ORDER = "DMY"
ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.,+\-Z ]*(?:[A-Z]{1,5})?)?\s*$")
ISO_LIKE = re.compile(r"^\s*\d{4}-\d{1,2}-\d{1,2}")
# an absolute date names its year: four digits, or the last part of a numeric date
HAS_YEAR = re.compile(r"\b\d{4}\b|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2}\b")
RELATIVE = re.compile(r"\b(?:ago|yesterday|today|tomorrow|last|next|this)\b", re.IGNORECASE)
MAX_CHARS = 64


class DateProblem(ValueError):
    """A publication date that cannot be read; the message says what was expected."""


def check_order(order: str | None) -> str:
    value = (order or DEFAULT_ORDER).upper()
    if value not in DATE_ORDERS:
        raise DateProblem(f"date order must be one of {', '.join(DATE_ORDERS)}, not {order!r}")
    return value


def parse_published(value: Any, order: str = DEFAULT_ORDER) -> str | None:
    """The ISO date of a publication date value, None for no value; DateProblem if unreadable."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value) > MAX_CHARS:
        raise DateProblem(f"publication date {str(value)[:40]!r} is not a date string")
    text = value.strip()
    if ISO_LIKE.match(text):
        return _iso(text)
    rfc = parsedate_tz(text) if "," in text or re.search(r"\d:\d", text) else None
    if rfc is not None and _valid(rfc[0], rfc[1], rfc[2]):
        return date(rfc[0], rfc[1], rfc[2]).isoformat()
    if not HAS_YEAR.search(text) or RELATIVE.search(text):
        raise DateProblem(f"publication date {text!r} has no year or is relative; give "
                          "an absolute date such as 2024-03-12")
    return _dateparser(text, check_order(order))


def _iso(text: str) -> str:
    hit = ISO.match(text)
    if hit and _valid(int(hit[1]), int(hit[2]), int(hit[3])):
        return date(int(hit[1]), int(hit[2]), int(hit[3])).isoformat()
    raise DateProblem(f"publication date {text!r} is not a valid ISO date (YYYY-MM-DD)")


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return 1 <= year <= 9999


def _dateparser(text: str, order: str) -> str:
    from dateparser.date import DateDataParser

    settings = {"DATE_ORDER": order, "PREFER_DATES_FROM": "past", "STRICT_PARSING": True,
                "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False}
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None:
        raise DateProblem(f"publication date {text!r} not understood; give ISO (2024-03-12), "
                          "RFC 2822 (Tue, 12 Mar 2024 09:30:00 GMT) or 12 March 2024")
    return data.date_obj.date().isoformat()
