"""The batch write path: one transaction per batch, same stories as one by one, aliases."""

from __future__ import annotations

import random

import duckdb
import pytest
from fakes import make_doc, make_event

from communique.errors import StoreError
from communique.store import open_store
from communique.store.schema import CURRENT_VERSION
from communique.store.writer import BatchWriter

CODES = ["CHN", "RUS", "USA", "UKR"]
TYPES = ["CONSULT", "ACCUSE", "SUPPORT"]


def random_docs(seed: int, count: int) -> list:
    """Articles whose events often report the same meeting, so stories form and compete."""
    rng = random.Random(seed)
    docs = []
    for n in range(count):
        events = [make_event(rng.choice(TYPES), rng.choice(CODES),
                             rng.choice([*CODES, None]),
                             date=rng.choice(["2023-09-18", "2023-09-19", "2023-09-21",
                                              "2023-09", None]),
                             place=rng.choice(["Moscow", "Beijing", None]),
                             country=None, negated=rng.random() < 0.1)
                  for _ in range(rng.randint(0, 4))]
        docs.append(make_doc(f"r{n}", *events, text=f"report {n}", source=rng.choice("ABC")))
    return docs


def stories_of(path) -> dict[str, str]:
    with open_store(path, read_only=True) as store, store.connection() as con:
        return dict(con.execute("SELECT id, story_id FROM events").fetchall())


@pytest.mark.parametrize("seed", [1, 2])
def test_a_batch_gets_the_stories_adding_one_by_one_gives(tmp_path, seed):
    one, many = tmp_path / "one.duckdb", tmp_path / "many.duckdb"
    with open_store(one) as store:
        for doc in random_docs(seed, 60):
            store.add(doc)
    with open_store(many) as store:
        docs = random_docs(seed, 60)
        assert sum(store.add_many(docs[i:i + 16]) for i in range(0, 60, 16)) == 60
    expected = stories_of(one)
    assert stories_of(many) == expected
    assert len(set(expected.values())) < len(expected)  # some stories did merge


def test_a_failing_batch_adds_nothing(db_path, monkeypatch):
    from communique.store import rows

    real = rows.place_rows

    def fails_on_third(doc):
        if doc["id"] == "b3":
            raise duckdb.IOException("IO Error: No space left on device")
        return real(doc)

    with open_store(db_path) as store:
        store.add(make_doc("first", make_event()))
        monkeypatch.setattr(rows, "place_rows", fails_on_third)
        batch = [make_doc(f"b{i}", make_event(), text=f"batch {i}") for i in range(5)]
        with pytest.raises(StoreError, match="free disk space"):
            store.add_many(batch)
    with open_store(db_path) as store:
        assert store.stats()["articles"] == 1 and not store.contains("b0")


def test_copies_of_a_stored_text_are_remembered_as_aliases(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", make_event(), text="the same text"))
        batch = [make_doc("copy1", make_event(), text="the same text"),
                 make_doc("new", make_event(), text="a new text"),
                 make_doc("copy2", make_event(), text="a new text"),
                 make_doc("new", make_event(), text="another text")]
        assert store.add_many(batch) == 1
        assert all(store.contains(i) for i in ("a", "copy1", "new", "copy2"))
        assert not store.contains("missing")
        stats = store.stats()
        assert stats["articles"] == 2 and stats["events"] == 2
        assert store.add_many(batch) == 0  # a rerun adds nothing


def test_running_out_of_memory_raises_the_cap_and_retries(db_path, monkeypatch):
    real, calls = BatchWriter.write, []

    def short_of_memory_once(self, documents):
        calls.append(len(documents))
        if len(calls) == 1:
            real(self, documents)  # rows written, then the failure: all must roll back
            raise duckdb.OutOfMemoryException("Out of Memory Error: could not allocate block")
        return real(self, documents)

    monkeypatch.setattr(BatchWriter, "write", short_of_memory_once)
    with open_store(db_path, memory_limit_mb=32) as store:
        assert store.add_many([make_doc("m1", make_event()), make_doc("m2", make_event(),
                                                                      text="x")]) == 2
        with store.connection() as con:
            limit = con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
        assert calls == [2, 2] and store.stats()["articles"] == 2
    assert limit.startswith("61")  # 64 MB, as DuckDB reports it in MiB


def test_a_version_2_store_gains_the_aliases_table(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", make_event()))
    con = duckdb.connect(str(db_path))
    con.execute("DROP TABLE aliases")
    con.execute("UPDATE schema_version SET version = 2")  # as the previous release left it
    con.close()
    db_path.with_name(db_path.name + ".snapshot").unlink()
    with pytest.raises(StoreError, match="open it once for writing"):
        open_store(db_path, read_only=True)
    with open_store(db_path) as store:
        assert store.stats()["schema_version"] == CURRENT_VERSION
        assert store.add(make_doc("b", make_event(), text=make_doc("a").text)) is False
        assert store.contains("b")
