"""resolve_date: the expressions news uses, against an anchor day and a tense."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.dates.resolve import parse_iso, pick_year, precedes, resolve_date

MONDAY = date(2023, 9, 18)  # the Xinhua dateline: a Monday


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        ("on Monday", "past", ("2023-09-18", "day")),
        ("Monday night", "past", ("2023-09-18", "day")),
        ("on Friday", "past", ("2023-09-15", "day")),
        ("on Friday", "future", ("2023-09-22", "day")),
        ("last Monday", "past", ("2023-09-11", "day")),
        ("next Tuesday", "past", ("2023-09-19", "day")),
        ("next Monday", "future", ("2023-09-25", "day")),
        ("yesterday", "past", ("2023-09-17", "day")),
        ("today", "present", ("2023-09-18", "day")),
        ("tomorrow", "future", ("2023-09-19", "day")),
        ("the previous day", "past", ("2023-09-17", "day")),
        ("three days ago", "past", ("2023-09-15", "day")),
        ("last week", "past", ("2023-09", "month")),
        ("earlier this month", "past", ("2023-09", "month")),
        ("last month", "past", ("2023-08", "month")),
        ("in March", "past", ("2023-03", "month")),
        ("in March", "future", ("2024-03", "month")),
        ("in October", "past", ("2022-10", "month")),
        ("early March", "past", ("2023-03", "month")),
        ("mid-March", "past", ("2023-03", "month")),
        ("last year", "past", ("2022", "year")),
        ("next year", "future", ("2024", "year")),
        ("in 2019", "past", ("2019", "year")),
        ("two years ago", "past", ("2021", "year")),
        ("on 12 March 2022", "past", ("2022-03-12", "day")),
        ("March 12, 2022", "past", ("2022-03-12", "day")),
        ("the 12th of March", "past", ("2023-03-12", "day")),
        ("March 6", "past", ("2023-03-06", "day")),
        ("Sept. 18", "past", ("2023-09-18", "day")),
        ("Monday, Sept. 18", "past", ("2023-09-18", "day")),
        ("March 2022", "past", ("2022-03", "month")),
        ("2022-03-12", "past", ("2022-03-12", "day")),
        ("18/09/2023", "past", ("2023-09-18", "day")),
    ],
)
def test_expressions(expression: str, tense: str, expected: tuple[str, str]) -> None:
    assert resolve_date(expression, MONDAY, tense) == expected


@pytest.mark.parametrize(
    "expression",
    [
        "for three years",
        "every Monday",
        "recent weeks",
        "the past five years",
        # the last twelve months, though "past year" alone reads as last year
        "in the past year",
        "the past week",
        "decades",
        "the 1990s",
        "annual",
        "the weekend",
        "",
        "   ",
        "in the coming days",
        "53",
        "9/11",
        "3.5",
    ],
)
def test_not_a_point_in_time(expression: str) -> None:
    assert resolve_date(expression, MONDAY) is None


def test_year_boundaries() -> None:
    new_year = date(2024, 1, 2)
    assert resolve_date("on Dec. 30", new_year) == ("2023-12-30", "day")
    assert resolve_date("in December", new_year) == ("2023-12", "month")
    assert resolve_date("last year", new_year) == ("2023", "year")
    assert resolve_date("on Jan. 5", date(2023, 12, 30), "future") == ("2024-01-05", "day")
    assert resolve_date("last week", new_year) == ("2023-12", "month")
    assert resolve_date("yesterday", date(2024, 1, 1)) == ("2023-12-31", "day")


def test_without_anchor_only_explicit_years_resolve() -> None:
    assert resolve_date("On 8 June 2022", None) == ("2022-06-08", "day")
    assert resolve_date("in 2019", None) == ("2019", "year")
    assert resolve_date("on Monday", None) is None
    assert resolve_date("in March", None) is None
    assert resolve_date("yesterday", None) is None


def test_pick_year_by_tense() -> None:
    assert pick_year(12, 30, date(2024, 1, 2), "past") == date(2023, 12, 30)
    assert pick_year(1, 1, date(2023, 12, 31), "past") == date(2024, 1, 1)  # within the slack
    assert pick_year(2, 29, date(2023, 9, 1), "past") is None  # no leap day before the anchor
    assert pick_year(2, 29, date(2023, 9, 1), "future") == date(2024, 2, 29)


def test_precedes() -> None:
    assert precedes(("2023-03", "month"), MONDAY)
    assert not precedes(("2023-09", "month"), MONDAY)
    assert precedes(("2023-09-17", "day"), MONDAY)
    assert not precedes(("2023-09-18", "day"), MONDAY)
    assert precedes(("2022", "year"), MONDAY)


def test_parse_iso() -> None:
    assert parse_iso("2023-09-19T13:22:00Z") == date(2023, 9, 19)
    assert parse_iso("2023-02-30") is None
    assert parse_iso(None) is None


ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@settings(max_examples=150, deadline=None)
@given(
    st.text(max_size=40),
    st.sampled_from(["past", "present", "future", "odd"]),
    st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
)
def test_never_raises_and_always_well_formed(
    expression: str, tense: str, anchor: date | None
) -> None:
    found = resolve_date(expression, anchor, tense)
    if found is not None:
        iso, precision = found
        assert ISO.match(iso)
        assert precision == {4: "year", 7: "month", 10: "day"}[len(iso)]
