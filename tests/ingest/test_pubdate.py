"""Publication dates in the formats feeds and files use (property tests per format)."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from email.utils import format_datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.ingest.pubdate import DateProblem, parse_published
from communique.ingest.readers import jsonl_document

DAYS = st.dates(date(1950, 1, 1), date(2049, 12, 31))
FORMATS = {
    "iso": lambda d: d.isoformat(),
    "iso datetime": lambda d: f"{d.isoformat()}T09:30:00Z",
    "iso datetime with offset": lambda d: f"{d.isoformat()} 23:45:10+05:30",
    "rfc 2822 (RSS)": lambda d: format_datetime(datetime(d.year, d.month, d.day, 9, 30,
                                                         tzinfo=UTC), usegmt=True),
    "month day, year": lambda d: f"{d:%B} {d.day}, {d.year}",
    "day month year": lambda d: f"{d.day} {d:%B %Y}",
    "abbreviated": lambda d: f"{d.day}-{d:%b-%Y}",
    "weekday, month day, year": lambda d: f"{d:%A}, {d:%B} {d.day}, {d.year}",
    "day/month/year": lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}",
    "day.month.year": lambda d: f"{d.day}.{d.month}.{d.year}",
}


@pytest.mark.parametrize("name", sorted(FORMATS))
@settings(max_examples=25, deadline=None)
@given(day=DAYS)
def test_every_format_parses(name, day):
    assert parse_published(FORMATS[name](day)) == day.isoformat()


@settings(max_examples=25, deadline=None)
@given(day=DAYS)
def test_numeric_order_is_a_run_option(day):
    written = f"{day.month:02d}/{day.day:02d}/{day.year}"
    assert parse_published(written, "MDY") == day.isoformat()
    written = f"{day.year}/{day.month:02d}/{day.day:02d}"
    assert parse_published(written, "YMD") == day.isoformat()


def test_default_numeric_order_is_day_first():
    assert parse_published("12/03/2024") == "2024-03-12"
    assert parse_published("12/03/2024", "MDY") == "2024-12-03"


def test_rss_day_is_the_day_as_written():
    assert parse_published("Tue, 12 Mar 2024 23:30:00 -0500") == "2024-03-12"


@pytest.mark.parametrize("value", ["last year", "yesterday", "2024-13-01", "31/02/2024",
                                   "soon", "March 2024", "12 March", "x" * 100])
def test_unreadable_or_relative_dates_are_refused(value):
    with pytest.raises(DateProblem):
        parse_published(value)


def test_unparsed_date_is_a_warning_in_meta_and_on_the_log(caplog):
    line = json.dumps({"id": "a", "text": "Police arrested protesters.", "date": "the 12th"})
    with caplog.at_level(logging.WARNING):
        doc = jsonl_document(line, "in.jsonl", 1)
    assert doc.published is None and doc.meta["unparsed_date"] == "the 12th"
    assert "not understood" in doc.meta["warnings"][0] or "no year" in doc.meta["warnings"][0]
    assert "a: publication date 'the 12th'" in caplog.text


def test_jsonl_reads_common_formats():
    for value in ("12/03/2024", "March 12, 2024", "Tue, 12 Mar 2024 09:30:00 GMT"):
        line = json.dumps({"id": "a", "text": "Police arrested protesters.", "date": value})
        assert jsonl_document(line, "in.jsonl", 1).published == "2024-03-12"
    line = json.dumps({"id": "a", "text": "Police arrested protesters.", "date": "03/12/2024"})
    assert jsonl_document(line, "in.jsonl", 1, date_order="MDY").published == "2024-03-12"
