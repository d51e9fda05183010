"""The store's tables, its schema version and the migrations between versions.

A store records the versions applied in ``schema_version``; a writer brings an older store
up to ``CURRENT_VERSION`` inside one transaction, so a failed migration leaves it as it was.
Readers never migrate: they refuse a store newer than this code and ask for one write to
upgrade an older one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import duckdb

CURRENT_VERSION = 5

# Version 1 is the first release's store: one JSON blob per article and per event.
LEGACY_TABLES = ("articles", "events")

TABLES_V2 = (
    """CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY, applied_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, text_hash VARCHAR NOT NULL, title VARCHAR,
        published VARCHAR, source VARCHAR, url VARCHAR, text VARCHAR NOT NULL,
        dateline JSON, meta JSON, contract_version VARCHAR,
        added_at TIMESTAMP DEFAULT current_timestamp)""",
    "CREATE INDEX IF NOT EXISTS articles_text_hash ON articles (text_hash)",
    """CREATE TABLE IF NOT EXISTS entities (
        article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR, label VARCHAR,
        start_char INTEGER, end_char INTEGER, canonical VARCHAR, actor_name VARCHAR,
        actor_code VARCHAR, actor_sector VARCHAR, actor_cameo VARCHAR,
        PRIMARY KEY (article_id, seq))""",
    """CREATE TABLE IF NOT EXISTS events (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
        event_type VARCHAR, mode VARCHAR, cameo VARCHAR, goldstein DOUBLE,
        plover_score DOUBLE, quad INTEGER, date VARCHAR, date_precision VARCHAR,
        date_start DATE, date_end DATE,
        actor_codes VARCHAR[], actor_cameos VARCHAR[],
        recipient_codes VARCHAR[], recipient_cameos VARCHAR[],
        location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
        negated BOOLEAN, hypothetical BOOLEAN, reported_past BOOLEAN, confidence DOUBLE,
        story_id VARCHAR, data JSON NOT NULL)""",
    "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
    "CREATE INDEX IF NOT EXISTS events_story ON events (story_id)",
    """CREATE TABLE IF NOT EXISTS actors (
        event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, role VARCHAR NOT NULL,
        seq INTEGER NOT NULL, text VARCHAR, name VARCHAR, code VARCHAR, sector VARCHAR,
        cameo VARCHAR, PRIMARY KEY (event_id, role, seq))""",
    """CREATE TABLE IF NOT EXISTS quotes (
        article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR,
        start_char INTEGER, end_char INTEGER, direct BOOLEAN, cue VARCHAR,
        speaker_text VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR,
        speaker_cameo VARCHAR, data JSON NOT NULL, PRIMARY KEY (article_id, seq))""",
    """CREATE TABLE IF NOT EXISTS places (
        article_id VARCHAR NOT NULL, seq INTEGER NOT NULL, text VARCHAR,
        start_char INTEGER, end_char INTEGER, name VARCHAR, country VARCHAR, lat DOUBLE,
        lon DOUBLE, geonameid BIGINT, feature VARCHAR, PRIMARY KEY (article_id, seq))""",
)

# Version 3: ids of articles whose text was already stored under another id, so that
# ``contains(id)`` (what --resume asks) knows them and they are not coded again.
TABLES_V3 = (
    """CREATE TABLE IF NOT EXISTS aliases (
        id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL,
        added_at TIMESTAMP DEFAULT current_timestamp)""",
)

# Version 4: every statement of an event in its article (output contract 2's ``mentions``),
# one row each; an event stored before has its evidence as its one mention.
TABLES_V4 = (
    """CREATE TABLE IF NOT EXISTS event_mentions (
        event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL, seq INTEGER NOT NULL,
        text VARCHAR, start_char INTEGER, end_char INTEGER, trigger VARCHAR,
        data JSON NOT NULL, PRIMARY KEY (event_id, seq))""",
    "CREATE INDEX IF NOT EXISTS event_mentions_article ON event_mentions (article_id)",
)
BACKFILL_V4 = (
    "INSERT INTO event_mentions SELECT e.id, e.article_id, 0, "
    "json_extract_string(e.data, '$.evidence.text'), "
    "CAST(json_extract(e.data, '$.evidence.start') AS INTEGER), "
    "CAST(json_extract(e.data, '$.evidence.end') AS INTEGER), "
    "json_extract_string(e.data, '$.evidence.trigger'), json_extract(e.data, '$.evidence') "
    "FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)")


# Version 5: following feeds (``communique watch``). Events get an ingest number, so that
# programs can poll for what arrived (``since_id``); a changed article's old version is
# recorded as superseded (its events leave the queries); the feeds' and their items' state
# lives in the store, so a restarted watcher neither refetches nor recodes.
TABLES_V5 = (
    "CREATE SEQUENCE IF NOT EXISTS events_ingest_seq",
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS ingest_id BIGINT "
    "DEFAULT nextval('events_ingest_seq')",
    """CREATE TABLE IF NOT EXISTS superseded (
        article_id VARCHAR PRIMARY KEY, by_article_id VARCHAR NOT NULL,
        superseded_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS feeds (
        url VARCHAR PRIMARY KEY, title VARCHAR, etag VARCHAR, last_modified VARCHAR,
        checked_at TIMESTAMP, ok_at TIMESTAMP, failures INTEGER NOT NULL DEFAULT 0,
        next_try TIMESTAMP, last_error VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS feed_items (
        key VARCHAR PRIMARY KEY, feed_url VARCHAR NOT NULL, url VARCHAR, title VARCHAR,
        published VARCHAR, status VARCHAR NOT NULL,
        article_id VARCHAR, version INTEGER NOT NULL DEFAULT 0, fingerprint VARCHAR,
        text_hash VARCHAR, etag VARCHAR, last_modified VARCHAR,
        attempts INTEGER NOT NULL DEFAULT 0, last_error VARCHAR,
        first_seen TIMESTAMP DEFAULT current_timestamp, updated_at TIMESTAMP)""",
    "CREATE INDEX IF NOT EXISTS feed_items_url ON feed_items (url)",
)

REQUIRED_TABLES = frozenset({"schema_version", "articles", "entities", "events", "actors",
                             "quotes", "places", "aliases", "event_mentions", "superseded",
                             "feeds", "feed_items"})


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {row[0] for row in rows}


def stored_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's schema version: 0 for an empty file, 1 for the first release's layout."""
    tables = table_names(con)
    if "schema_version" in tables:
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)
    if set(LEGACY_TABLES) <= tables:
        return 1
    return 0


def _create_tables(con: duckdb.DuckDBPyConnection) -> None:
    """The tables of versions 2 and 3 (later ones come from MIGRATIONS); those already
    there are kept as they are."""
    for statement in (*TABLES_V2, *TABLES_V3):
        con.execute(statement)


def _legacy_documents(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return [json.loads(doc) for (doc,) in con.execute("SELECT doc FROM articles").fetchall()]


def _to_v4(con: duckdb.DuckDBPyConnection) -> None:
    for statement in TABLES_V4:
        con.execute(statement)
    con.execute(BACKFILL_V4)


def _to_v5(con: duckdb.DuckDBPyConnection) -> None:
    for statement in TABLES_V5:
        con.execute(statement)


# Numbered migrations after version 3, applied in order to a store older than each; a new
# version appends (number, function) here and raises CURRENT_VERSION.
MIGRATIONS: tuple[tuple[int, Callable[[duckdb.DuckDBPyConnection], None]], ...] = (
    (4, _to_v4),
    (5, _to_v5),
)


def migrate(con: duckdb.DuckDBPyConnection,
            add_documents: Callable[[duckdb.DuckDBPyConnection, list[dict[str, Any]]], Any]
            ) -> int:
    """Bring the store to CURRENT_VERSION in one transaction; returns the version found.

    ``add_documents`` re-inserts legacy articles' contract dicts into the new tables.
    Version 2 gains the ``aliases`` table, version 4 ``event_mentions``, version 5 the
    ingest number and the feed tables (existing events are numbered in storage order).
    """
    found = stored_version(con)
    if found >= CURRENT_VERSION:
        return found
    con.execute("BEGIN TRANSACTION")
    try:
        legacy = _legacy_documents(con) if found == 1 else []
        if found == 1:
            for table in LEGACY_TABLES:
                con.execute(f"DROP TABLE {table}")  # names are constants above
        _create_tables(con)
        for version, step in MIGRATIONS:
            if version > found:
                step(con)
        if legacy:
            add_documents(con, legacy)
        con.execute("INSERT INTO schema_version (version) VALUES (?)", [CURRENT_VERSION])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return found
