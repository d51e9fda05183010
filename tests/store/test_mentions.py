"""Event mentions in the store (schema version 4): rows, backfill of older stores, exports."""

from __future__ import annotations

import csv
import json

import duckdb
from fakes import make_doc, make_event

from communique.document import EventMention, Evidence
from communique.store import open_store
from communique.store.export import export
from communique.store.schema import CURRENT_VERSION


def meeting_told_twice():
    event = make_event()
    again = Evidence(text="The talks went well.", start=20, end=40, trigger="talks",
                     trigger_start=24, trigger_end=29)
    event.mentions = [event.own_mention(), EventMention(again, [], [], "2023-09-18")]
    return event


def test_every_mention_is_stored_and_counted(db_path, tmp_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", meeting_told_twice()))
        store.add(make_doc("b", make_event(), text="Another report of the meeting."))
        with store.connection() as con:
            rows = con.execute("SELECT event_id, seq, trigger, start_char FROM event_mentions "
                               "ORDER BY event_id, seq").fetchall()
        assert rows == [("a-ev0", 0, "met", 0), ("a-ev0", 1, "talks", 20), ("b-ev0", 0, "met", 0)]
        stories = store.stories()
        assert len(stories) == 1 and stories[0]["num_mentions"] == 3
        assert len(store.event("a-ev0")["mentions"]) == 2
    out = tmp_path / "events.tsv"
    export(open_store(db_path, read_only=True), "gdelt-tsv", out)
    row = next(csv.DictReader(out.open(encoding="utf-8"), delimiter="\t"))
    assert row["NumMentions"] == "3" and row["NumArticles"] == "2"
    flat = tmp_path / "events.csv"
    export(open_store(db_path, read_only=True), "csv", flat)
    counts = {r["event_id"]: r["num_mentions"] for r in csv.DictReader(flat.open(encoding="utf-8"))}
    assert counts == {"a-ev0": "2", "b-ev0": "1"}
    plover = tmp_path / "events.jsonl"
    export(open_store(db_path, read_only=True), "plover-jsonl", plover)
    records = [json.loads(line) for line in plover.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["num_mentions"] for r in records) == [1, 2]


def test_a_version_3_store_gets_each_event_evidence_as_its_mention(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", make_event(), make_event("SUPPORT", cameo="051")))
    con = duckdb.connect(str(db_path))
    con.execute("DROP TABLE event_mentions")
    con.execute("UPDATE schema_version SET version = 3")  # as version 3 left it
    con.close()
    db_path.with_name(db_path.name + ".snapshot").unlink()
    with open_store(db_path) as store:
        assert store.stats()["schema_version"] == CURRENT_VERSION
        with store.connection() as con:
            rows = con.execute("SELECT seq, text, start_char, end_char, trigger "
                               "FROM event_mentions ORDER BY event_id").fetchall()
        assert rows == [(0, "They met.", 0, 9, "met")] * 2


def test_an_event_without_an_id_gets_one_made_the_one_way():
    from communique.document import event_id
    from communique.store.rows import unique_event_ids

    doc = make_doc("a", make_event(), make_event()).to_dict()
    for event in doc["events"]:
        event["id"] = ""
    ids = [e["id"] for e in unique_event_ids(doc)]
    made = event_id("a", 0, "CONSULT", "040")
    assert ids == [made, f"{made}-2"]
