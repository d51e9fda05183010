"""Wire datelines: ``MOSCOW, Sept. 18 (Xinhua) --``, ``WASHINGTON, March 6 -``, ``(AFP) -``.

``parse_dateline(paragraph, published)`` reads a dateline at the start of a paragraph
and returns where it ends, the place as written (title-cased when written in capitals),
the agency and the date resolved against the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from types import MappingProxyType

from ..dates.resolve import lexicon, pick_year
from ..resources import load_data

DASH = r"(?:--|\u2014|\u2013|\u2015|-)"
STRONG_DASHES = ("--", "\u2014", "\u2013", "\u2015")
PLACE_WORD = r"[A-Z][A-Za-z.'\u2019-]*"
PLACE = rf"{PLACE_WORD}(?:[ ]{PLACE_WORD}){{0,4}}"
QUALIFIER = rf"{PLACE_WORD}(?:[ ]{PLACE_WORD}){{0,3}}"
DAY_MONTH = r"(?:(?P<month>[A-Za-z]{3,9})\.?[ ]{1,2}(?P<day>\d{1,2})|(?P<day2>\d{1,2})[ ](?P<month2>[A-Za-z]{3,9}))"
WIRE_DATELINE = re.compile(
    rf"^(?P<place>{PLACE})(?:[ ]\[(?P<bquals>{QUALIFIER})\])?(?P<quals>(?:,[ ]{QUALIFIER}){{0,2}}?)"
    rf"(?:,?[ ]{DAY_MONTH}(?:,?[ ](?P<year>\d{{4}}))?)?"
    rf"(?:[ ]?\((?P<agency>[^()\n]{{2,40}})\))?"
    rf"(?:[ ]{{0,3}}(?P<dash>--|\u2014|\u2013|\u2015)|[ ]{{1,3}}(?P<hyphen>-)|(?P<colon>:))"
    rf"(?=\s|$)[ \t]*"
)
AGENCY_ONLY = re.compile(rf"^\((?P<agency>[^()\n]{{2,40}})\)[ ]?(?P<dash>{DASH})(?=\s|$)[ \t]*")


@dataclass(frozen=True, slots=True)
class ParsedDateline:
    """A dateline found at the start of a paragraph (``end`` is relative to it)."""

    end: int
    place: str | None
    qualifier: str | None
    date: str | None
    agency: str | None


@cache
def agencies() -> MappingProxyType:
    """Canonical agency names by the spellings used in datelines and credits."""
    return MappingProxyType(dict(load_data("ingest", "furniture.yaml")["agencies"]))


def canonical_agency(name: str | None) -> str | None:
    """``"Reuters"`` for ``"REUTERS"``; unknown names are kept as written."""
    if not name:
        return None
    name = name.strip()
    return agencies().get(name, name)


def parse_dateline(paragraph: str, published: date | None) -> ParsedDateline | None:
    """The dateline opening ``paragraph``, or None when it does not open with one."""
    hit = AGENCY_ONLY.match(paragraph)
    if hit and _looks_like_agency(hit["agency"]):
        return ParsedDateline(hit.end(), None, None, None, canonical_agency(hit["agency"]))
    hit = WIRE_DATELINE.match(paragraph)
    if hit is None or not _plausible(hit):
        return None
    return ParsedDateline(
        end=hit.end(),
        place=_place_name(hit["place"]),
        qualifier=hit["quals"].strip(", ") or hit["bquals"] or None,
        date=_dateline_date(hit, published),
        agency=canonical_agency(hit["agency"]),
    )


def _looks_like_agency(name: str | None) -> bool:
    """A known agency, or a short capitalised name ("The Star", "NHK")."""
    if not name:
        return False
    if name.strip() in agencies():
        return True
    words = name.split()
    return (
        len(words) <= 3
        and all(w[:1].isupper() for w in words)
        and not any(c.isdigit() for c in name)
    )


def _plausible(hit: re.Match[str]) -> bool:
    """Accept only shapes a dateline has, so that "Russia - the country…" is not one."""
    has_date = bool(hit["month"] or hit["month2"])
    if has_date and _month_number(hit) is None:
        return False
    if hit["agency"] is not None and not _looks_like_agency(hit["agency"]):
        return False
    if hit["colon"]:  # "Manila [Philippines], November 4 (ANI):", not "Russia: the country"
        return bool(hit["agency"] and has_date)
    if hit["agency"] or has_date:
        return True
    place = hit["place"]
    letters = [c for c in place if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return True
    return bool(hit["quals"]) and hit["dash"] in STRONG_DASHES


def _month_number(hit: re.Match[str]) -> int | None:
    word = (hit["month"] or hit["month2"] or "").lower()
    return lexicon().months.get(word)


def _place_name(place: str) -> str:
    """The place as written, title-cased when the wire wrote it in capitals."""
    place = place.strip()
    return place.title() if place.isupper() else place


def _dateline_date(hit: re.Match[str], published: date | None) -> str | None:
    """The dateline's day: its own year if written, else the one nearest publication."""
    month = _month_number(hit)
    day_text = hit["day"] or hit["day2"]
    if month is None or day_text is None:
        return None
    day = int(day_text)
    if hit["year"]:
        try:
            return date(int(hit["year"]), month, day).isoformat()
        except ValueError:
            return None
    if published is None:
        return None
    found = pick_year(month, day, published, "past")
    return found.isoformat() if found else None
