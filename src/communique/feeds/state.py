"""The watcher's memory, kept in the store (tables ``feeds`` and ``feed_items``).

Because it lives in the same DuckDB file as the articles and is written in the same
transaction as the articles it describes, a watcher restarted after a crash knows exactly
which items it has stored, which failed and which feeds are backing off: it neither
refetches nor recodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import duckdb

FEED_COLUMNS = ("url", "title", "etag", "last_modified", "checked_at", "ok_at", "failures",
                "next_try", "last_error")
ITEM_COLUMNS = ("key", "feed_url", "url", "title", "published", "status", "article_id",
                "version", "fingerprint", "text_hash", "etag", "last_modified", "attempts",
                "last_error", "first_seen", "updated_at")
# SQL types of ITEM_COLUMNS, for one bulk insert of a batch's items (row by row,
# INSERT OR REPLACE took about 60 ms an item)
ITEM_TYPES = ("VARCHAR",) * 7 + ("INTEGER",) + ("VARCHAR",) * 4 + ("INTEGER", "VARCHAR",
                                                                   "TIMESTAMP", "TIMESTAMP")

# Item statuses: stored (article_id is its current version), copy (its text was already
# stored as article_id), failed (tried again next cycle), gave_up (failed too often).
DONE = frozenset({"stored", "copy", "gave_up"})


@dataclass(frozen=True)
class FeedRecord:
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    checked_at: datetime | None = None
    ok_at: datetime | None = None
    failures: int = 0
    next_try: datetime | None = None
    last_error: str | None = None

    def row(self) -> list[Any]:
        return [getattr(self, name) for name in FEED_COLUMNS]


@dataclass(frozen=True)
class ItemRecord:
    key: str
    feed_url: str
    url: str | None
    title: str | None
    published: str | None
    status: str
    article_id: str | None = None
    version: int = 0
    fingerprint: str | None = None
    text_hash: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    attempts: int = 0
    last_error: str | None = None
    first_seen: datetime | None = None
    updated_at: datetime | None = None

    def row(self) -> list[Any]:
        return [getattr(self, name) for name in ITEM_COLUMNS]

    def but(self, **changes: Any) -> ItemRecord:
        return replace(self, **changes)


def load_feed(con: duckdb.DuckDBPyConnection, url: str) -> FeedRecord:
    row = con.execute(f"SELECT {', '.join(FEED_COLUMNS)} FROM feeds WHERE url = ?",
                      [url]).fetchone()
    return FeedRecord(*row) if row else FeedRecord(url=url)


def load_items(con: duckdb.DuckDBPyConnection, keys: list[str],
               urls: list[str]) -> tuple[dict[str, ItemRecord], dict[str, ItemRecord]]:
    """Known items by key and by URL (an item may come back under another guid)."""
    rows = con.execute(
        f"SELECT {', '.join(ITEM_COLUMNS)} FROM feed_items WHERE key IN "
        "(SELECT unnest(?::VARCHAR[])) OR url IN (SELECT unnest(?::VARCHAR[]))",
        [keys, urls]).fetchall()
    records = [ItemRecord(*row) for row in rows]
    return {r.key: r for r in records}, {r.url: r for r in records if r.url}


def failed_items(con: duckdb.DuckDBPyConnection, feed_url: str) -> list[ItemRecord]:
    """This feed's items whose page failed and that are tried again."""
    rows = con.execute(f"SELECT {', '.join(ITEM_COLUMNS)} FROM feed_items "
                       "WHERE feed_url = ? AND status = 'failed' ORDER BY first_seen, key",
                       [feed_url]).fetchall()
    return [ItemRecord(*row) for row in rows]


def stored_hashes(con: duckdb.DuckDBPyConnection, hashes: list[str]) -> dict[str, str]:
    """Article id of each text hash already stored."""
    rows = con.execute("SELECT text_hash, id FROM articles WHERE text_hash IN "
                       "(SELECT unnest(?::VARCHAR[]))", [hashes]).fetchall()
    return dict(rows)


def save(con: duckdb.DuckDBPyConnection, *, feed: FeedRecord | None = None,
         items: Iterable[ItemRecord] = (), superseded: Iterable[tuple[str, str]] = ()) -> None:
    """Write state inside the caller's transaction (the one that stores the articles)."""
    if feed is not None:
        marks = ", ".join("?" for _ in FEED_COLUMNS)
        con.execute(f"INSERT OR REPLACE INTO feeds ({', '.join(FEED_COLUMNS)}) "
                    f"VALUES ({marks})", feed.row())
    _bulk_replace(con, "feed_items", ITEM_COLUMNS, ITEM_TYPES, [item.row() for item in items])
    _bulk_replace(con, "superseded", ("article_id", "by_article_id"), ("VARCHAR", "VARCHAR"),
                  [list(pair) for pair in superseded])


def _bulk_replace(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...],
                  types: tuple[str, ...], rows: list[list[Any]]) -> None:
    """Insert or replace rows (unique keys) with one statement: each column one list."""
    if not rows:
        return
    unnests = ", ".join(f"unnest(?::{kind}[])" for kind in types)
    con.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) SELECT {unnests}",
                [list(column) for column in zip(*rows, strict=True)])  # names: constants
