"""Time expressions to calendar dates, relative to an anchor date.

``resolve_date("on Monday", date(2023, 9, 18))`` → ``("2023-09-18", "day")``. The words
news uses (months, weekdays, "yesterday", "last week", number words, durations that are
not a point in time) live in ``dates/data/expressions.yaml``; the rules here decide how
an expression's tense and the anchor pick the year, week or day. ``dateparser`` handles
the numeric formats the rules do not (``18/09/2023``, ``2023.09.18``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Any

from ..resources import load_data

Resolved = tuple[str, str]
"""``(iso_date, precision)``: ``("2023-09-18", "day")``, ``("2023-03", "month")``, ``("2019", "year")``."""

TENSES = ("past", "present", "future")
# A date written without its year may lie this far after the anchor in past-tense
# narration: wire datelines and publication dates are often a day or two apart.
PAST_SLACK = timedelta(days=3)
MIN_YEAR, MAX_YEAR = 1800, 2200
# Only all-numeric dates with three parts go to dateparser ("18/09/2023", "18.09.23"):
# a lone number is an age or a count, and "9/11" names an event.
NUMERIC_DATE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{2,4}")


@dataclass(frozen=True)
class Lexicon:
    """The expression words of ``expressions.yaml`` with the patterns built from them."""

    months: MappingProxyType
    weekdays: MappingProxyType
    relative_days: MappingProxyType
    narrative_days: frozenset[str]
    units: MappingProxyType
    directions: MappingProxyType
    numbers: MappingProxyType
    qualifiers: re.Pattern[str]
    day_parts: re.Pattern[str]
    not_a_point: re.Pattern[str]
    range_words: frozenset[str]
    period_marks: frozenset[str]
    future_verbs: frozenset[str]
    visit_nouns: frozenset[str]
    said_types: frozenset[str]
    visit_end_verbs: frozenset[str]
    month: str
    weekday: str


def capitalised_months() -> str:
    """The month names and abbreviations of the lexicon, capitalised, as one regex
    alternation (longest first)."""
    return "|".join(re.escape(m.capitalize()) for m in sorted(lexicon().months, key=len,
                                                                reverse=True))


def _alternation(words: Any) -> str:
    """A regex alternation of words, longest first so "sept" wins over "sep"."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    """The packaged expression lexicon, compiled once."""
    data = load_data("dates", "expressions.yaml")
    return Lexicon(
        months=MappingProxyType(dict(data["months"])),
        weekdays=MappingProxyType(dict(data["weekdays"])),
        relative_days=MappingProxyType(dict(data["relative_days"])),
        narrative_days=frozenset(data.get("narrative_days") or ()),
        units=MappingProxyType({k: dict(v) for k, v in data["units"].items()}),
        directions=MappingProxyType(dict(data["direction_words"])),
        numbers=MappingProxyType(dict(data["number_words"])),
        qualifiers=re.compile(rf"^(?:(?:{_alternation(data['qualifiers'])})\s+)+"),
        day_parts=re.compile(rf"\s+(?:{_alternation(data['day_parts'])})$"),
        not_a_point=re.compile(rf"\b(?:{_alternation(data['not_a_point'])})\b|\b\d{{2,4}}'?s\b"),
        range_words=frozenset(data["range_words"]),
        period_marks=frozenset(data.get("period_marks") or ()),
        future_verbs=frozenset(data["future_verbs"]),
        visit_nouns=frozenset(data["ended_visit"]["nouns"]),
        said_types=frozenset(data.get("said_types") or ()),
        visit_end_verbs=frozenset(data["ended_visit"]["verbs"]),
        month=_alternation(data["months"]),
        weekday=_alternation(data["weekdays"]),
    )


def normalise(expression: str) -> str:
    """Lower case, no ordinal suffixes or stray punctuation, leading qualifiers dropped."""
    lex = lexicon()
    text = expression.lower().replace("\u2019", "'").strip()
    text = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", text)
    text = re.sub(r"[,;:()\"]|\.(?!\d)", " ", text)
    text = re.sub(r"\b(\d{1,2}) of\b", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\bmid-", "mid ", text)
    return lex.qualifiers.sub("", text).strip()


@lru_cache(maxsize=8192)  # news repeats its expressions ("on Monday") against one anchor
def resolve_date(expression: str, anchor: date | None, tense: str = "past") -> Resolved | None:
    """The calendar date an expression names, as ``(iso, precision)``, or None.

    ``anchor`` is the day the story speaks from (dateline, else publication date);
    without one only expressions that carry their year resolve. ``tense`` is the tense
    of the clause: a bare weekday or month lies on or before the anchor in past
    narration and on or after it in future narration.
    """
    text = normalise(expression)
    # the marks are looked for before qualifiers are dropped too: "in the past year" is
    # the last twelve months, though "past year" alone reads as last year
    raw = re.sub(r"\s+", " ", expression.lower())
    if not text or lexicon().not_a_point.search(text) or lexicon().not_a_point.search(raw):
        return None
    tense = tense if tense in TENSES else "past"
    for rule in RULES:
        found = rule(text, anchor, tense)
        if found is not None:
            return found
    return _dateparser_fallback(text, anchor, tense)


def _day(value: date) -> Resolved:
    return value.isoformat(), "day"


def _month(year: int, month: int) -> Resolved:
    return f"{year:04d}-{month:02d}", "month"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _explicit_full(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """Dates that carry their year: ``12 march 2022``, ``march 12 2022``, ``2022-03-12``."""
    m = lexicon().month
    iso = re.search(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", text)
    if iso:
        found = _safe_date(int(iso[1]), int(iso[2]), int(iso[3]))
        return _day(found) if found else None
    for pattern, order in (
        (rf"\b(\d{{1,2}}) ({m}) (\d{{4}})\b", "dmy"),
        (rf"\b({m}) (\d{{1,2}}) (\d{{4}})\b", "mdy"),
    ):
        hit = re.search(pattern, text)
        if hit:
            day, month, year = (
                (hit[1], hit[2], hit[3]) if order == "dmy" else (hit[2], hit[1], hit[3])
            )
            found = _safe_date(int(year), lexicon().months[month], int(day))
            return _day(found) if found else None
    month_year = re.search(rf"\b({m}) (\d{{4}})\b", text)
    if month_year and MIN_YEAR <= int(month_year[2]) <= MAX_YEAR:
        return _month(int(month_year[2]), lexicon().months[month_year[1]])
    return None


def _explicit_partial(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """A day and month without a year (``march 6``, ``6 march``): the year from the anchor."""
    m = lexicon().month
    hit = re.search(rf"\b(\d{{1,2}}) ({m})\b", text) or re.search(
        rf"\b({m}) (\d{{1,2}})\b(?!:)", text
    )
    if not hit or anchor is None:
        return None
    day, month = (hit[1], hit[2]) if hit[1].isdigit() else (hit[2], hit[1])
    found = pick_year(lexicon().months[month], int(day), anchor, tense)
    return _day(found) if found else None


def pick_year(month: int, day: int, anchor: date, tense: str) -> date | None:
    """The year that puts ``month``/``day`` where the tense says, relative to ``anchor``."""
    candidates = [
        c
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (c := _safe_date(y, month, day))
    ]
    if not candidates:
        return None
    if tense == "future":
        later = [c for c in candidates if c >= anchor - PAST_SLACK]
        return min(later) if later else None
    if tense == "present":
        return min(candidates, key=lambda c: abs((c - anchor).days))
    earlier = [c for c in candidates if c <= anchor + PAST_SLACK]
    return max(earlier) if earlier else None


def _relative_day(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """``yesterday``, ``today``, ``last night``, ``the previous day`` (parts of day dropped)."""
    offsets = lexicon().relative_days
    key = text if text in offsets else lexicon().day_parts.sub("", text)
    if key not in offsets or anchor is None:
        return None
    return _day(anchor + timedelta(days=int(offsets[key])))


def _weekday(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """``monday``, ``last monday``, ``next tuesday``, ``monday night``."""
    lex = lexicon()
    hit = re.fullmatch(
        rf"(?:(\w+) )?({lex.weekday})(?: (?:morning|afternoon|evening|night))?", text
    )
    if not hit or anchor is None:
        return None
    direction = lex.directions.get(hit[1]) if hit[1] else None
    if hit[1] and direction is None:
        return None
    target = lex.weekdays[hit[2]]
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if direction == -1:
        return _day(anchor - timedelta(days=back or 7))
    if direction == 1:
        return _day(anchor + timedelta(days=ahead or 7))
    if tense == "future":
        return _day(anchor + timedelta(days=ahead))
    return _day(anchor - timedelta(days=back))


def _directed_unit(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """``last week``, ``earlier this month``, ``next year``, ``this year``."""
    lex = lexicon()
    hit = re.fullmatch(r"(\w+) (week|month|year)", text)
    if not hit or anchor is None or hit[1] not in lex.directions:
        return None
    step = int(lex.directions[hit[1]])
    if hit[2] == "year":
        return str(anchor.year + step), "year"
    if hit[2] == "month":
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + step, 12)
        return _month(year, month + 1)
    moved = anchor + timedelta(days=7 * step)
    return _month(moved.year, moved.month)


def _count(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    return lexicon().numbers.get(word)


def _ago(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """``three days ago``, ``a week ago``, ``two years ago``, ``in two weeks`` (future).

    "Three days later" is left out: it counts from the narrative's last time, not the anchor.
    """
    hit = re.fullmatch(
        r"(?:(in) )?((?:a )?(?:couple of|few)|\w+) (\w+)(?: (ago|earlier|before))?", text
    )
    if not hit or anchor is None or not (hit[1] or hit[4]):
        return None
    count, unit = _count(hit[2]), lexicon().units.get(hit[3])
    if count is None or unit is None:
        return None
    sign = 1 if hit[1] else -1
    if "years" in unit:
        return str(anchor.year + sign * count * unit["years"]), "year"
    if "months" in unit:
        year, month = divmod(anchor.year * 12 + anchor.month - 1 + sign * count, 12)
        return _month(year, month + 1)
    moved = anchor + timedelta(days=sign * count * unit["days"])
    return _day(moved) if unit["precision"] == "day" else _month(moved.year, moved.month)


def _month_only(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """``march``, ``last march``, ``next march``: the month whose year the tense implies."""
    lex = lexicon()
    hit = re.fullmatch(rf"(?:(\w+) )?({lex.month})", text)
    if not hit or anchor is None:
        return None
    direction = lex.directions.get(hit[1]) if hit[1] else None
    if hit[1] and direction is None:
        return None
    month = lex.months[hit[2]]
    if direction == 0:
        return _month(anchor.year, month)
    if direction == -1:
        year = anchor.year if month < anchor.month else anchor.year - 1
    elif direction == 1 or tense == "future":
        year = anchor.year if month >= anchor.month + (direction == 1) else anchor.year + 1
    else:
        year = anchor.year if month <= anchor.month else anchor.year - 1
    return _month(year, month)


def _year_only(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """``2019``, ``in 2019``: a bare year."""
    hit = re.fullmatch(r"(\d{4})", text)
    if hit and MIN_YEAR <= int(hit[1]) <= MAX_YEAR:
        return hit[1], "year"
    return None


def _dateparser_fallback(text: str, anchor: date | None, tense: str) -> Resolved | None:
    """Numeric formats (``18/09/2023``) through dateparser; words it guesses at are refused."""
    if not NUMERIC_DATE.fullmatch(text):
        return None
    from dateparser.date import DateDataParser

    settings: dict[str, Any] = {
        "PREFER_DATES_FROM": "future" if tense == "future" else "past",
        "STRICT_PARSING": anchor is None,
    }
    if anchor is not None:
        settings["RELATIVE_BASE"] = datetime(anchor.year, anchor.month, anchor.day)
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    found = data.date_obj.date()
    if data.period == "year":
        return str(found.year), "year"
    if data.period == "month":
        return _month(found.year, found.month)
    return _day(found)


RULES: tuple[Callable[[str, date | None, str], Resolved | None], ...] = (
    _explicit_full,
    _relative_day,
    _weekday,
    _directed_unit,
    _ago,
    _explicit_partial,
    _month_only,
    _year_only,
)


def parse_iso(value: str | None) -> date | None:
    """A ``date`` from an ISO date or datetime string, or None."""
    if not value:
        return None
    hit = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    return _safe_date(int(hit[1]), int(hit[2]), int(hit[3])) if hit else None


def precedes(resolved: Resolved, anchor: date) -> bool:
    """Whether a resolved date lies wholly before the anchor's day, month or year."""
    iso, precision = resolved
    parts = [int(p) for p in iso.split("-")]
    if precision == "year":
        return parts[0] < anchor.year
    if precision == "month":
        return (parts[0], parts[1]) < (anchor.year, anchor.month)
    return date(*parts) < anchor


def follows(resolved: Resolved, anchor: date) -> bool:
    """Whether a resolved date lies wholly after the anchor's day, month or year."""
    iso, precision = resolved
    parts = [int(p) for p in iso.split("-")]
    if precision == "year":
        return parts[0] > anchor.year
    if precision == "month":
        return (parts[0], parts[1]) > (anchor.year, anchor.month)
    return date(*parts) > anchor
