"""Store v4: ingest numbers for polling, superseded versions, migration from v3, and reads
answered live by a writer in another process."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb
import pytest
from fakes import make_doc, make_event
from live_writer import SRC, TESTS, WRITER

from communique.errors import UsageError
from communique.feeds import state
from communique.store import open_store, schema
from communique.store.live import StoreReader, call_live, open_reader, socket_path
from communique.store.schema import CURRENT_VERSION
from communique.store.writer import BatchWriter


def test_since_id_returns_what_arrived_in_arrival_order(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", make_event(), make_event("PROTEST", dst=None)))
        first = store.updates()["last_id"]
        store.add(make_doc("b", make_event("ASSAULT"), text="Another article about an attack."))
        arrived = store.events(since_id=first)
        assert [e["event_type"] for e in arrived] == ["ASSAULT"]
        assert arrived[0]["ingest_id"] > first and arrived[0]["ingested_at"]
        assert store.count_events(since_id=0) == 3
        assert store.events(since_id=0, limit=2)[-1]["ingest_id"] == first
        assert store.count_events(ingested_since="2000-01-01T00:00:00+00:00") == 3
        assert store.count_events(ingested_since="2999-01-01") == 0
        with pytest.raises(UsageError, match="since_id"):
            store.events(since_id=-1)
        with pytest.raises(UsageError, match="ingested_since"):
            store.events(ingested_since="yesterday")


def test_a_superseded_version_leaves_every_query(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("v1", make_event()))
        store.add_many([make_doc("v2", make_event("ACCUSE"), text="The changed text.")],
                       also=lambda con: state.save(con, superseded=[("v1", "v2")]))
        assert [e["article_id"] for e in store.events()] == ["v2"]
        assert store.count_events(event_type="CONSULT") == 0
        assert store.stats()["events"] == 1
        assert store.dyad("CHN", "RUS")["daily"][0]["count"] == 1
        assert [s["event_type"] for s in store.stories()] == ["ACCUSE"]
        assert store.article("v1") is not None


def test_a_version_4_store_is_migrated_and_its_events_numbered(db_path):
    con = duckdb.connect(str(db_path))  # the layout before feeds (version 4)
    for statement in (*schema.TABLES_V2, *schema.TABLES_V3, *schema.TABLES_V4):
        con.execute(statement)
    con.execute("INSERT INTO schema_version (version) VALUES (4)")
    BatchWriter(con).write([make_doc("a", make_event(), make_event("PROTEST")).to_dict()])
    con.close()
    with open_store(db_path) as store:
        assert store.stats()["schema_version"] == CURRENT_VERSION
        assert sorted(e["ingest_id"] for e in store.events()) == [1, 2]
        store.add(make_doc("b", make_event(), text="A later article."))
        assert store.events(since_id=2)[0]["article_id"] == "b"




def test_a_live_writer_answers_readers_in_other_processes_at_once(db_path):
    open_store(db_path).close()  # an earlier coding run leaves a snapshot behind
    assert db_path.with_name(db_path.name + ".snapshot").exists()
    script = WRITER.format(src=SRC, tests=TESTS, db=str(db_path))
    writer = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        reader = open_reader(db_path)
        assert reader.count_events() == 1
        last = reader.updates()["last_id"]
        with pytest.raises(UsageError, match="limit"):
            reader.events(limit=0)  # the writer's validation reaches the reader
        writer.stdin.write("go\n")
        writer.stdin.flush()
        assert writer.stdout.readline().strip() == "added"
        assert [e["article_id"] for e in reader.events(since_id=last)] == ["second"]
        assert not db_path.with_name(db_path.name + ".snapshot").exists()  # none stale, none new
        writer.stdin.write("stop\n")
        writer.stdin.flush()
        assert writer.wait(timeout=30) == 0
        assert not socket_path(db_path).exists()
        assert reader.count_events() == 2  # now read from the file itself
        reader.close()
    finally:
        writer.kill()


def test_only_read_methods_are_served(db_path):
    with open_store(db_path, live=True) as store:
        store.add(make_doc("a", make_event()))
        for method in ("add", "add_many", "close", "_read", "interrupt"):
            with pytest.raises(UsageError, match="not a read method"):
                call_live(db_path, method)
        assert call_live(db_path, "contains", ("a",)) is True


def test_a_stale_socket_falls_back_to_the_file(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", make_event()))
    socket_path(db_path).write_text("not a socket")
    try:
        started = time.monotonic()
        assert StoreReader(db_path).count_events() == 1
        assert time.monotonic() - started < 5
    finally:
        socket_path(db_path).unlink()
