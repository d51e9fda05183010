"""A long-lived read-only store reuses its snapshot connection and still sees new data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fakes import make_doc, make_event

from communique.store import open_store

WRITER = Path(__file__).parent / "writer_script.py"


def test_a_long_lived_reader_follows_each_new_snapshot(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", make_event()))
    with open_store(db_path, read_only=True) as reader:
        assert reader.stats()["articles"] == 1
        with open_store(db_path) as store:  # closing publishes a new snapshot
            store.add(make_doc("b", make_event(), text="b"))
        assert reader.stats()["articles"] == 2
        with reader.connection() as held:  # a query still running on the old snapshot
            with open_store(db_path) as store:
                store.add(make_doc("c", make_event(), text="c"))
            assert reader.stats()["articles"] == 3
            assert held.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert reader.contains("c") and reader.count_events() == 3


def test_one_reader_keeps_serving_while_a_writer_process_adds(db_path):
    writer = subprocess.Popen([sys.executable, str(WRITER), str(db_path), "150"],
                              stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "started"
    seen: list[int] = []
    with open_store(db_path, read_only=True) as reader:
        try:
            while writer.poll() is None and len(seen) < 200:
                stats = reader.stats()
                assert stats["events"] == 2 * stats["articles"]  # never half a batch
                seen.append(stats["articles"])
        finally:
            writer.wait(timeout=120)
        assert reader.stats()["articles"] == 150
    assert writer.returncode == 0 and seen == sorted(seen)
