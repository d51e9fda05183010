"""Counts by key and period, multi-value filters and actor names, over a hand-built store."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fakes import make_doc, make_event
from hypothesis import given
from hypothesis import strategies as st

from communique.errors import UsageError
from communique.store import open_store
from communique.store.counts import label, period_labels


@pytest.fixture
def store(db_path):
    with open_store(db_path) as writer:
        writer.add(make_doc("a", make_event("ASSAULT", "RUS", "UKR", "2024-03-04", cameo="190",
                                            goldstein=-10.0, quad=4),
                            make_event("THREATEN", "RUS", "UKR", "2024-03-05", cameo="138",
                                       goldstein=-7.0, quad=3),
                            make_event("CONSULT", "CHN", "RUS", "2024-03-05")))
        writer.add(make_doc("b", make_event("ASSAULT", "RUS", "UKR", "2024-03-25", cameo="190",
                                            goldstein=-10.0, quad=4),
                            make_event("COERCE", "UKR", "RUS", "2024-03", cameo="173",
                                       goldstein=-5.0, quad=4),
                            make_event("ASSAULT", "USA", "RUS", "2024-03-26", cameo="190",
                                       goldstein=-10.0, quad=4, negated=True),
                            text="Another article."))
    with open_store(db_path, read_only=True) as reader:
        yield reader


def test_conflict_dyads_per_week(store):
    result = store.counts("dyad", "week", quad="conflict")
    rows = [(r["period"], r["actor"], r["recipient"], r["events"], r["goldstein_sum"])
            for r in result["items"]]
    assert rows == [("2024-03-04", "RUS", "UKR", 2, -17.0), ("2024-03-25", "RUS", "UKR", 1, -10.0)]
    # the month-dated COERCE and the negated ASSAULT are not counted per week
    assert result["skipped"] == 1
    assert result["periods"] == ["2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"]


def test_by_month_counts_month_dated_events_and_stories(store):
    result = store.counts("quad", "month", actor="Russia, ukraine", recipient="UKR,RUS")
    assert {(r["quad"], r["events"], r["stories"]) for r in result["items"]} == {
        (3, 1, 1), (4, 3, 3)}
    assert result["skipped"] == 0


def test_top_per_period_and_other_groupings(store):
    top = store.counts("type", "all", top=1)["items"]
    assert [(r["type"], r["events"]) for r in top] == [("ASSAULT", 2)]
    roots = {r["cameo_root"]: r["events"] for r in store.counts("cameo-root", "all")["items"]}
    assert roots == {"19": 2, "13": 1, "17": 1, "04": 1}
    with_negated = store.counts("actor", "all", include_unasserted=True)["items"]
    assert {r["actor"]: r["events"] for r in with_negated}["USA"] == 1


def test_multi_value_filters_and_names(store):
    assert store.count_events(event_type="ASSAULT,COERCE") == 4
    assert store.count_events(event_type=["assault", "threaten"]) == 4
    assert store.count_events(quad="3,4") == 5
    assert store.count_events(quad="cooperation") == 1
    assert store.count_events(actor="United States") == 1
    assert store.count_events(actor="russian") == 3
    assert store.count_events(actor="chn, usa") == 2
    assert store.count_events(actor="CHNGOV") == 1
    assert store.dyad("Russia", "ukraine")["daily"][0]["count"] == 1


@pytest.mark.parametrize(("value", "words"), [
    ("Rusia", "did you mean Russia (RUS)"),
    ("XYZ", "unknown actor: 'XYZ'"),
    ("CHN' OR 1=1--", "not a known code or name"),
])
def test_unknown_actor_says_what_to_do(store, value, words):
    with pytest.raises(UsageError, match="unknown actor") as caught:
        store.count_events(actor=value)
    assert words in caught.value.message


@pytest.mark.parametrize(("kwargs", "words"), [
    ({"event_type": "ATTACK"}, "unknown event type"),
    ({"quad": "5"}, "unknown quad class"),
    ({"since": "2024-13-01"}, "ISO date"),
    ({"since": "last year"}, "ISO date"),
    ({"since": "2024-03-10", "until": "2024-03-01"}, "since must not be after until"),
])
def test_bad_filters_are_usage_errors(store, kwargs, words):
    with pytest.raises(UsageError, match=words):
        store.count_events(**kwargs)


def test_bad_groupings_are_usage_errors(store):
    with pytest.raises(UsageError, match="unknown grouping"):
        store.counts("country", "week")
    with pytest.raises(UsageError, match="unknown period"):
        store.counts("dyad", "fortnight")


@given(st.lists(st.dates(date(2000, 1, 1), date(2024, 12, 31)), min_size=1, max_size=6),
       st.sampled_from(["day", "week", "month", "year"]))
def test_period_labels_cover_every_period(days, period):
    firsts = [_first(d, period) for d in days]
    labels = period_labels(firsts, period)
    assert labels[0] == label(min(firsts), period) and labels[-1] == label(max(firsts), period)
    assert len(labels) == len(set(labels)) and labels == sorted(labels)
    assert {label(f, period) for f in firsts} <= set(labels)


def _first(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    if period == "year":
        return day.replace(month=1, day=1)
    return day


def test_stats_give_dates_as_coded(store):
    stats = store.stats()
    assert (stats["first_event_date"], stats["last_event_date"]) == ("2024-03", "2024-03")
