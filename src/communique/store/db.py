"""The embedded event store: one DuckDB file (default ``./communique.duckdb``).

    with open_store("communique.duckdb") as store:          # the one writer
        store.add(doc)                                       # True if the article was new
    with open_store("communique.duckdb", read_only=True) as store:   # any number of readers
        store.events(actor="CHN", recipient="RUS", since="2023-09-01")

``add_many`` writes a batch in one transaction with bulk inserts (see ``writer.py``), so a
killed run leaves whole batches only; the same article id or the same text adds nothing.
Readers share one attachment of the snapshot the writer publishes, or open a short-lived
connection to the main file when it is newer (see ``connection.py``), so they keep working
while a coding run writes.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import duckdb

from ..document import Document
from ..errors import StoreCorruptError, StoreError, UsageError
from . import counts, queries, schema
from .connection import (
    SnapshotReader,
    check_writable,
    connect_writer,
    publish_snapshot,
    snapshot_path,
    store_failure,
)
from .filters import EventFilter, check_date
from .live import LiveServer
from .writer import BatchWriter

log = logging.getLogger(__name__)

DEFAULT_PATH = "communique.duckdb"
# DuckDB's cache of table blocks otherwise grows towards 80 % of RAM with the store; the
# writer only appends and probes by index, so a small cache costs it little. The indexes
# must fit, so the cap doubles when a write runs out of memory (MEMORY_RETRIES times).
WRITER_MEMORY_MB = 64
# A live writer also answers readers' queries, whose sorts and joins over a big store need
# more than a writer's cache (64 MB failed at 10k events in benchmarks/live_store.py).
LIVE_WRITER_MEMORY_MB = 1024
MEMORY_RETRIES = 4


class Store:
    """Articles, entities, actors, events, quotes and places, with stories across articles."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False, *,
                 publish_every: float = 5.0, lock_timeout: float = 30.0,
                 memory_limit_mb: int | None = WRITER_MEMORY_MB, live: bool = False) -> None:
        """``live``: a writer answers other processes' reads over a local socket (see
        ``live.py``) instead of publishing copies of the whole file for them."""
        self.path = Path(path)
        self.read_only = read_only
        self.publish_every = publish_every
        self._con: duckdb.DuckDBPyConnection | None = None
        self._batches: BatchWriter | None = None
        if live and memory_limit_mb == WRITER_MEMORY_MB:
            memory_limit_mb = LIVE_WRITER_MEMORY_MB
        self._memory_limit_mb = memory_limit_mb
        self._published_at = 0.0
        self._publish_interval = publish_every
        self._failed = False
        self._active: set[duckdb.DuckDBPyConnection] = set()
        self._active_lock = threading.Lock()
        self._readers = SnapshotReader(self.path)
        self._live: LiveServer | None = None
        self._live_mode = live
        if read_only:
            self._check_readable()
        else:
            self._open_writer(lock_timeout)
            if live:
                self._live = LiveServer(self)
                # an older run's snapshot would go stale unnoticed: readers ask the writer
                snapshot_path(self.path).unlink(missing_ok=True)

    # opening and closing ------------------------------------------------------------------

    def _open_writer(self, lock_timeout: float) -> None:
        check_writable(self.path)
        limit = f"{self._memory_limit_mb}MB" if self._memory_limit_mb else None
        self._con = connect_writer(self.path, lock_timeout, limit)
        try:
            self._refuse_foreign_database()
            schema.migrate(self._con, lambda con, docs: BatchWriter(con).write(docs))
            self._batches = BatchWriter(self._con)
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
        self._readers.close()
        if self._live is not None:
            self._live.close()
            self._live = None
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
        if self._con is None or self._live_mode:
            return  # a live writer answers readers itself: no copies
        started = time.monotonic()
        if publish_snapshot(self._con, self.path):
            self._published_at = time.monotonic()
            # a big store costs more to copy: publish less often so the writer stays fast
            self._publish_interval = max(self.publish_every, 10 * (self._published_at - started))

    @contextmanager
    def _read(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection for one query: a cursor of the writer's, or of the snapshot reader's."""
        opened = closing(self._con.cursor()) if self._con is not None \
            else self._readers.connection()
        with opened as con:
            with self._active_lock:
                self._active.add(con)
            try:
                yield con
            except duckdb.Error as exc:
                raise store_failure(self.path, "read", exc) from exc
            finally:
                with self._active_lock:
                    self._active.discard(con)

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
        return self.add_many([doc]) == 1

    def add_many(self, docs: Iterable[Document], *,
                 also: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> int:
        """Add a batch of articles in ONE transaction (all or nothing); returns how many were new.

        Documents with an error add nothing; one whose id or text is stored already adds
        only its id (see ``contains``).
        """
        con = self._writer()
        data = [doc.to_dict() for doc in docs if doc.error is None]
        if not data and also is None:
            return 0
        try:
            added = self._write_batch(con, data, also)
        except (duckdb.Error, OSError) as exc:
            self._failed = True
            raise store_failure(self.path, "write to", exc) from exc
        if added and time.monotonic() - self._published_at >= self._publish_interval:
            self._publish()
        return added

    def _write_batch(self, con: duckdb.DuckDBPyConnection, data: list[dict[str, Any]],
                     also: Callable[[duckdb.DuckDBPyConnection], None] | None = None) -> int:
        """One transaction; when DuckDB's memory cap is too small for the store's indexes,
        double the cap and write the batch again rather than stop a long run."""
        for attempt in range(MEMORY_RETRIES + 1):
            try:
                con.execute("BEGIN TRANSACTION")
                added = sum(self._batches.write(data)) if data else 0
                if also is not None:
                    also(con)
                con.execute("COMMIT")
                return added
            except duckdb.OutOfMemoryException:
                _rollback(con)
                if attempt == MEMORY_RETRIES or not self._memory_limit_mb:
                    raise
                self._memory_limit_mb *= 2
                log.warning("store %s needs more memory: raising its cap to %d MB",
                            self.path, self._memory_limit_mb)
                con.execute(f"SET memory_limit = '{int(self._memory_limit_mb)}MB'")  # an int
            except (duckdb.Error, OSError):
                _rollback(con)
                raise
        return 0  # not reached: the last attempt returns or raises

    def contains(self, doc_id: str) -> bool:
        """Whether the article id is stored, or was met as a copy of a stored article's text."""
        with self._read() as con:
            return con.execute("SELECT 1 FROM articles WHERE id = ? UNION ALL "
                               "SELECT 1 FROM aliases WHERE id = ?",
                               [doc_id, doc_id]).fetchone() is not None

    # reading -------------------------------------------------------------------------------

    def events(self, *, actor: Any = None, recipient: Any = None, event_type: Any = None,
               quad: Any = None, since: Any = None, until: Any = None, limit: int = 100,
               offset: int = 0, newest_first: bool = True, since_id: int | None = None,
               ingested_since: Any = None) -> list[dict]:
        """Contract event dicts plus article_id, story_id, published, source, title,
        ingest_id and ingested_at.

        Filters take one value or several (a list or commas); actors are codes or names.
        With ``since_id`` (events with a larger ingest number) or ``ingested_since`` (a
        timestamp) they come in arrival order, for polling.
        """
        flt = EventFilter.build(actor=actor, recipient=recipient, event_type=event_type,
                                quad=quad, since=since, until=until, since_id=since_id,
                                ingested_since=ingested_since)
        limit, offset = queries.check_limit(limit, offset)
        with self._read() as con:
            return queries.events(con, flt, limit, offset, newest_first)

    def count_events(self, *, actor: Any = None, recipient: Any = None, event_type: Any = None,
                     quad: Any = None, since: Any = None, until: Any = None,
                     since_id: int | None = None, ingested_since: Any = None) -> int:
        flt = EventFilter.build(actor=actor, recipient=recipient, event_type=event_type,
                                quad=quad, since=since, until=until, since_id=since_id,
                                ingested_since=ingested_since)
        with self._read() as con:
            return queries.count_events(con, flt)

    def counts(self, by: str = "dyad", period: str = "week", *, top: int | None = None,
               limit: int = 1000, actor: Any = None, recipient: Any = None,
               event_type: Any = None, quad: Any = None, since: Any = None, until: Any = None,
               include_unasserted: bool = False) -> dict:
        """Events, stories and Goldstein sum/mean per ``by`` key and ``period`` (see counts.py)."""
        flt = EventFilter.build(actor=actor, recipient=recipient, event_type=event_type,
                                quad=quad, since=since, until=until,
                                asserted=not include_unasserted)
        limit, _ = queries.check_limit(limit)
        if top is not None:
            top, _ = queries.check_limit(top)
        with self._read() as con:
            return counts.counts(con, flt, by, period, top, limit)

    def event(self, event_id: str) -> dict | None:
        """One event with its article (id, title, published, source, url, text)."""
        with self._read() as con:
            return queries.event(con, event_id)

    def dyad(self, a: str, b: str, *, since: Any = None, until: Any = None) -> dict:
        """Daily and weekly counts and mean scores of events between a and b, both ways."""
        from ..actors.typed import actor_refs

        refs_a, refs_b = actor_refs(a, "a"), actor_refs(b, "b")
        if len(refs_a) != 1 or len(refs_b) != 1:
            raise UsageError("dyad needs two actors, one each, e.g. a=CHN b=RUS")
        since, until = check_date(since, "since"), check_date(until, "until")
        with self._read() as con:
            return queries.dyad(con, refs_a[0], refs_b[0], since, until)

    def actors(self, *, limit: int = 100, offset: int = 0) -> list[dict]:
        limit, offset = queries.check_limit(limit, offset)
        with self._read() as con:
            return queries.actors(con, limit, offset)

    def count_actors(self) -> int:
        """How many actors ``actors()`` can list."""
        with self._read() as con:
            return queries.count_actors(con)

    def quotes(self, *, speaker: str | None = None, limit: int = 100,
               offset: int = 0) -> list[dict]:
        limit, offset = queries.check_limit(limit, offset)
        with self._read() as con:
            return queries.quotes(con, speaker, limit, offset)

    def count_quotes(self, *, speaker: str | None = None) -> int:
        with self._read() as con:
            return queries.count_quotes(con, speaker)

    def stories(self, *, limit: int = 100, offset: int = 0, min_articles: int = 1,
                actor: Any = None, recipient: Any = None, event_type: Any = None,
                quad: Any = None, since: Any = None, until: Any = None) -> list[dict]:
        """De-duplicated events with num_mentions, num_articles, num_sources and mentions."""
        flt = EventFilter.build(actor=actor, recipient=recipient, event_type=event_type,
                                quad=quad, since=since, until=until)
        limit, offset = queries.check_limit(limit, offset)
        min_articles, _ = queries.check_limit(min_articles)
        with self._read() as con:
            return queries.stories(con, flt, min_articles, limit, offset)

    def count_stories(self, *, min_articles: int = 1, actor: Any = None, recipient: Any = None,
                      event_type: Any = None, quad: Any = None, since: Any = None,
                      until: Any = None) -> int:
        flt = EventFilter.build(actor=actor, recipient=recipient, event_type=event_type,
                                quad=quad, since=since, until=until)
        min_articles, _ = queries.check_limit(min_articles)
        with self._read() as con:
            return queries.count_stories(con, flt, min_articles)

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

    def updates(self) -> dict:
        """The newest ingest number and time, and the health of each followed feed."""
        with self._read() as con:
            return queries.updates(con)

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


def open_store(path: str | Path = DEFAULT_PATH, read_only: bool = False, **options: Any) -> Store:
    """Open (creating or migrating it if needed) the store at ``path``."""
    return Store(path, read_only=read_only, **options)
