"""The store: idempotent ingest, queries, filters, validation, migrations."""

from __future__ import annotations

import json

import duckdb
import pytest
from fakes import make_doc, make_event

from communique.document import Document
from communique.errors import StoreError, UsageError
from communique.store import open_store
from communique.store.rows import date_range
from communique.store.schema import CURRENT_VERSION


@pytest.fixture
def filled(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", make_event(), make_event("SUPPORT", "RUS", "CHN", cameo="051")))
        store.add(make_doc("b", make_event("CONSULT", "RUS", "CHN", date="2023-09-19"),
                           source="TASS", text="A second report of the meeting."))
        store.add(make_doc("c", make_event("ACCUSE", "USA", "RUS", date="2023-03", quad=3,
                                           goldstein=-2.0), text="Washington accused Moscow."))
    return db_path


def test_add_is_idempotent_by_id_and_by_text(db_path):
    with open_store(db_path) as store:
        assert store.add(make_doc("a", make_event())) is True
        assert store.add(make_doc("a", make_event())) is False
        assert store.add(make_doc("other-id", make_event(), text=None)) is True  # new text
        same_text = make_doc("a", make_event()).text
        assert store.add(make_doc("z", make_event(), text=same_text)) is False
        assert store.contains("a") and store.contains("z")  # "z" is recorded as a copy
        assert store.stats()["articles"] == 2


def test_error_documents_add_nothing(db_path):
    with open_store(db_path) as store:
        assert store.add(Document.failed("bad", "encoding", "cannot decode")) is False
        assert store.add_many([make_doc("a", make_event()), make_doc("a", make_event())]) == 1
        assert store.stats()["articles"] == 1


def test_filters_by_country_and_cameo_codes(filled):
    with open_store(filled, read_only=True) as store:
        assert store.count_events() == 4
        assert store.count_events(actor="CHN") == 1
        assert store.count_events(actor="rusgov", recipient="CHN") == 2
        assert store.count_events(event_type="consult") == 2
        assert [e["article_id"] for e in store.events(event_type="ACCUSE")] == ["c"]
        event = store.events(actor="USA")[0]
        assert event["source"] == "Xinhua" and event["title"] == "Title c"


def test_date_filters_use_the_period_an_event_covers(filled):
    with open_store(filled, read_only=True) as store:
        assert store.count_events(since="2023-03-10", until="2023-03-12") == 1  # "2023-03"
        assert store.count_events(since="2023-09-19") == 1
        assert store.count_events(until="2023-09-18") == 3


def test_event_has_its_article_and_evidence(filled):
    with open_store(filled, read_only=True) as store:
        event = store.event("a-ev0")
        assert event["evidence"]["trigger"] == "met"
        assert event["article"]["text"].startswith("Article a")
        assert store.event("nope") is None


def test_dyad_counts_both_directions_by_day_and_week(filled):
    with open_store(filled, read_only=True) as store:
        dyad = store.dyad("CHN", "RUS")
    daily = {(d["date"], d["direction"]): d["count"] for d in dyad["daily"]}
    assert daily == {("2023-09-18", "a->b"): 1, ("2023-09-18", "b->a"): 1,
                     ("2023-09-19", "b->a"): 1}
    assert {w["week"] for w in dyad["weekly"]} == {"2023-09-18"}  # a Monday
    assert dyad["daily"][0]["mean_goldstein"] == 1.0


def test_actors_quotes_articles_and_stats(filled):
    with open_store(filled, read_only=True) as store:
        actors = {a["cameo"]: a for a in store.actors()}
        assert actors["RUSGOV"]["events"] == 4 and actors["CHNGOV"]["name"] == "Wang Yi"
        assert store.quotes(speaker="wang yi")[0]["speaker"]["name"] == "Wang Yi"
        assert store.quotes(speaker="nobody") == []
        assert len(store.articles(limit=2)) == 2
        doc = store.article("a")
        assert doc["events"][1]["event_type"] == "SUPPORT" and doc["places"][0]["geonameid"]
        stats = store.stats()
        assert stats["articles"] == 3 and stats["events"] == 4 and stats["schema_version"] == CURRENT_VERSION


def test_stories_merge_reports_of_one_event_across_articles(filled):
    with open_store(filled, read_only=True) as store:
        stories = store.stories()
    meeting = stories[0]
    assert meeting["event_type"] == "CONSULT"
    assert meeting["num_articles"] == 2 and meeting["num_sources"] == 2
    assert sorted(meeting["mentions"]) == ["a-ev0", "b-ev0"]
    assert len(stories) == 3


@pytest.mark.parametrize("bad", [
    {"limit": 0}, {"limit": 10**9}, {"limit": "5"}, {"offset": -1},
    {"actor": "'; DROP TABLE events; --"}, {"event_type": "PARTY"}, {"since": "yesterday"},
    {"until": "2023-13-45"},
])
def test_hostile_or_bad_parameters_raise_usage_errors(filled, bad):
    with open_store(filled, read_only=True) as store, pytest.raises(UsageError):
        store.events(**bad)


def test_reader_cannot_write_and_missing_store_is_clear(tmp_path, filled):
    with open_store(filled, read_only=True) as store, pytest.raises(StoreError):
        store.add(make_doc("x", make_event()))
    with pytest.raises(StoreError, match="no store at"):
        open_store(tmp_path / "missing.duckdb", read_only=True)


def test_refuses_a_foreign_duckdb_file(tmp_path):
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE t (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a communique store"):
        open_store(path)


def test_migrates_the_first_release_layout(tmp_path):
    path = tmp_path / "old.duckdb"
    doc = make_doc("old", make_event()).to_dict()
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE articles (id VARCHAR PRIMARY KEY, doc JSON)")
    con.execute("CREATE TABLE events (id VARCHAR PRIMARY KEY, article_id VARCHAR, "
                "event_type VARCHAR, cameo VARCHAR, date VARCHAR, actor_codes VARCHAR[], "
                "recipient_codes VARCHAR[], event JSON)")
    con.execute("INSERT INTO articles VALUES (?, ?)", ["old", json.dumps(doc)])
    con.close()
    with open_store(path) as store:
        assert store.stats()["schema_version"] == CURRENT_VERSION
        assert store.events()[0]["article_id"] == "old"


def test_date_range_covers_each_precision():
    assert str(date_range("2023-02")[1]) == "2023-02-28"
    assert str(date_range("2024")[0]) == "2024-01-01"
    assert date_range("garbage") == (None, None) and date_range(None) == (None, None)
