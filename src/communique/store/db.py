"""The embedded event store: one DuckDB file (default ``./communique.duckdb``).

    with open_store("communique.duckdb") as store:          # the one writer
        store.add(doc)                                       # True if the article was new
    with open_store("communique.duckdb", read_only=True) as store:   # any number of readers
        store.events(actor="CHN", recipient="RUS", since="2023-09-01")

Each article is added in one transaction (a killed run leaves no half article); the same
article id or the same text adds nothing. Readers use short-lived connections to the file or
to the snapshot the writer publishes (see ``connection.py``), so they keep working while a
coding run writes.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..document import Document
from ..errors import StoreCorruptError, StoreError, UsageError
from . import queries, rows, schema
from .connection import (
    check_writable,
    connect_reader,
    connect_writer,
    publish_snapshot,
    store_failure,
)
from .dedup import best_story, key_from_event, max_day_gap

DEFAULT_PATH = "communique.duckdb"


class Store:
    """Articles, entities, actors, events, quotes and places, with stories across articles."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False, *,
                 publish_every: float = 5.0, lock_timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.publish_every = publish_every
        self._con: duckdb.DuckDBPyConnection | None = None
        self._published_at = 0.0
        self._publish_interval = publish_every
        self._failed = False
        self._active: set[duckdb.DuckDBPyConnection] = set()
        self._active_lock = threading.Lock()
        if read_only:
            self._check_readable()
        else:
            self._open_writer(lock_timeout)

    # opening and closing ------------------------------------------------------------------

    def _open_writer(self, lock_timeout: float) -> None:
        check_writable(self.path)
        self._con = connect_writer(self.path, lock_timeout)
        try:
            self._refuse_foreign_database()
            schema.migrate(self._con, _insert_document)
        except duckdb.Error as exc:
            self._con.close()
            raise store_failure(self.path, "open", exc) from exc
        except StoreError:
            self._con.close()
            raise
        self._publish()

    def _refuse_foreign_database(self) -> None:
        version = schema.stored_version(self._con)
        if version == 0 and schema.table_names(self._con):
            raise StoreError(f"{self.path} is a DuckDB database but not a communique store; "
                             "choose another --db")
        if version > schema.CURRENT_VERSION:
            raise StoreError(f"store {self.path} was written by a newer communique "
                             f"(schema {version}); upgrade communique to use it")

    def _check_readable(self) -> None:
        with self._read() as con:
            version = schema.stored_version(con)
            missing = schema.REQUIRED_TABLES - schema.table_names(con)
        if version == 0:
            raise StoreError(f"{self.path} is not a communique store (no schema_version table)")
        if version != schema.CURRENT_VERSION:
            raise StoreError(f"store {self.path} has schema {version}, this communique reads "
                             f"{schema.CURRENT_VERSION}; open it once for writing "
                             "(communique code --db) to migrate it")
        if missing:
            raise StoreCorruptError(f"store file {self.path} is corrupted: tables "
                                    f"{', '.join(sorted(missing))} are missing")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close; a writer first publishes its final snapshot for readers."""
        if self._con is None:
            return
        try:
            if not self._failed:  # after a failed write only closing is safe
                self._publish()
        finally:
            try:
                self._con.close()
            except duckdb.Error:
                pass  # closing an invalidated database (after a fatal write error) is moot
            self._con = None

    def _publish(self) -> None:
        if self._con is None:
            return
        started = time.monotonic()
        if publish_snapshot(self._con, self.path):
            self._published_at = time.monotonic()
            # a big store costs more to copy: publish less often so the writer stays fast
            self._publish_interval = max(self.publish_every, 10 * (self._published_at - started))

    @contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one query: a cursor of the writer, or a fresh read-only one."""
        con = self._con.cursor() if self._con is not None else connect_reader(self.path)
        with self._active_lock:
            self._active.add(con)
        try:
            yield con
        except duckdb.Error as exc:
            raise store_failure(self.path, "read", exc) from exc
        finally:
            with self._active_lock:
                self._active.discard(con)
            con.close()

    def interrupt(self) -> None:
        """Stop the queries running now (the HTTP API's time limit); they raise StoreError."""
        with self._active_lock:
            for con in self._active:
                con.interrupt()

    # writing -------------------------------------------------------------------------------

    def _writer(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            raise StoreError(f"store {self.path} is open read-only (or closed); "
                             "open it with read_only=False to add articles")
        return self._con

    def add(self, doc: Document) -> bool:
        """Add one coded article in one transaction; False if it failed or is already in."""
        if doc.error is not None:
            return False
        con = self._writer()
        data = doc.to_dict()
        try:
            con.execute("BEGIN TRANSACTION")
            added = _insert_document(con, data)
            con.execute("COMMIT")
        except (duckdb.Error, OSError) as exc:
            _rollback(con)
            self._failed = True
            raise store_failure(self.path, "write to", exc) from exc
        if added and time.monotonic() - self._published_at >= self._publish_interval:
            self._publish()
        return added

    def add_many(self, docs: Iterable[Document]) -> int:
        """Add articles one transaction each; returns how many were new."""
        return sum(self.add(doc) for doc in docs)

    def contains(self, doc_id: str) -> bool:
        with self._read() as con:
            return con.execute("SELECT 1 FROM articles WHERE id = ?", [doc_id]).fetchone() \
                is not None

    # reading -------------------------------------------------------------------------------

    def events(self, *, actor: str | None = None, recipient: str | None = None,
               event_type: str | None = None, since: Any = None, until: Any = None,
               limit: int = 100, offset: int = 0, newest_first: bool = True) -> list[dict]:
        """Contract event dicts plus article_id, story_id, published, source and title."""
        flt = queries.EventFilter.build(actor=actor, recipient=recipient,
                                        event_type=event_type, since=since, until=until)
        limit, offset = queries.check_limit(limit, offset)
        with self._read() as con:
            return queries.events(con, flt, limit, offset, newest_first)

    def count_events(self, *, actor: str | None = None, recipient: str | None = None,
                     event_type: str | None = None, since: Any = None, until: Any = None) -> int:
        flt = queries.EventFilter.build(actor=actor, recipient=recipient,
                                        event_type=event_type, since=since, until=until)
        with self._read() as con:
            return queries.count_events(con, flt)

    def event(self, event_id: str) -> dict | None:
        """One event with its article (id, title, published, source, url, text)."""
        with self._read() as con:
            return queries.event(con, event_id)

    def dyad(self, a: str, b: str, *, since: Any = None, until: Any = None) -> dict:
        """Daily and weekly counts and mean scores of events between a and b, both ways."""
        code_a, code_b = queries.check_code(a, "a"), queries.check_code(b, "b")
        if not code_a or not code_b:
            raise UsageError("dyad needs two actor codes, e.g. a=CHN b=RUS")
        since, until = queries.check_date(since, "since"), queries.check_date(until, "until")
        with self._read() as con:
            return queries.dyad(con, code_a, code_b, since, until)

    def actors(self, *, limit: int = 100, offset: int = 0) -> list[dict]:
        limit, offset = queries.check_limit(limit, offset)
        with self._read() as con:
            return queries.actors(con, limit, offset)

    def quotes(self, *, speaker: str | None = None, limit: int = 100,
               offset: int = 0) -> list[dict]:
        limit, offset = queries.check_limit(limit, offset)
        with self._read() as con:
            return queries.quotes(con, speaker, limit, offset)

    def stories(self, *, limit: int = 100, offset: int = 0, min_articles: int = 1,
                actor: str | None = None, recipient: str | None = None,
                event_type: str | None = None, since: Any = None,
                until: Any = None) -> list[dict]:
        """De-duplicated events with num_mentions, num_articles, num_sources and mentions."""
        flt = queries.EventFilter.build(actor=actor, recipient=recipient,
                                        event_type=event_type, since=since, until=until)
        limit, offset = queries.check_limit(limit, offset)
        min_articles, _ = queries.check_limit(min_articles)
        with self._read() as con:
            return queries.stories(con, flt, min_articles, limit, offset)

    def articles(self, *, limit: int = 100, offset: int = 0) -> list[dict]:
        limit, offset = queries.check_limit(limit, offset)
        with self._read() as con:
            return queries.articles(con, limit, offset)

    def article(self, article_id: str) -> dict | None:
        """The stored article as a contract document."""
        with self._read() as con:
            return queries.article(con, article_id)

    def stats(self) -> dict:
        with self._read() as con:
            return queries.stats(con)

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for read-only SQL of your own (exports, notebooks)."""
        with self._read() as con:
            yield con


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        pass  # the transaction is already gone; DuckDB discards it either way


def _is_known(con: duckdb.DuckDBPyConnection, data: dict[str, Any]) -> bool:
    return con.execute("SELECT 1 FROM articles WHERE id = ? OR text_hash = ?",
                       [data["id"], rows.text_hash(data["text"])]).fetchone() is not None


def _insert_document(con: duckdb.DuckDBPyConnection, data: dict[str, Any]) -> bool:
    """Insert one contract document's rows (inside the caller's transaction)."""
    if _is_known(con, data):
        return False
    article_id = data["id"]
    con.execute("INSERT INTO articles (id, text_hash, title, published, source, url, text, "
                "dateline, meta, contract_version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.article_row(data))
    _insert_many(con, "entities", rows.entity_rows(data))
    _insert_many(con, "quotes", rows.quote_rows(data))
    _insert_many(con, "places", rows.place_rows(data))
    for seq, event in enumerate(rows.unique_event_ids(data)):
        story_id = _story_for(con, event) or event["id"]
        con.execute(f"INSERT INTO events VALUES ({', '.join('?' * 27)})",
                     rows.event_row(article_id, seq, event, story_id))
        _insert_many(con, "actors", rows.actor_rows(article_id, event))
    return True


def _insert_many(con: duckdb.DuckDBPyConnection, table: str, values: list[list[Any]]) -> None:
    if values:
        marks = ", ".join("?" * len(values[0]))
        con.executemany(f"INSERT INTO {table} VALUES ({marks})", values)  # table: a constant


def _story_for(con: duckdb.DuckDBPyConnection, event: dict[str, Any]) -> str | None:
    """The story an event joins, found among stored events of its type and nearby dates."""
    start, end = rows.date_range(event.get("date"))
    key = key_from_event(event, start, end)
    if start is None or end is None:
        return None
    gap = max_day_gap()
    candidates = con.execute(
        "SELECT story_id, data, date_start, date_end FROM events WHERE event_type = ? "
        "AND date_start <= CAST(? AS DATE) + CAST(? AS INTEGER) "
        "AND date_end >= CAST(? AS DATE) - CAST(? AS INTEGER)",
        [event.get("event_type"), end, gap, start, gap]).fetchall()
    return best_story(key, ((story, key_from_event(json.loads(data), s, e))
                            for story, data, s, e in candidates))


def open_store(path: str | Path = DEFAULT_PATH, read_only: bool = False, **options: Any) -> Store:
    """Open (creating or migrating it if needed) the store at ``path``."""
    return Store(path, read_only=read_only, **options)
