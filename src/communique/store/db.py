"""The embedded store (minimal first version: one DuckDB file).

Interface used by the CLI and the HTTP API:
    open_store(path, read_only=False) -> Store
    Store.add(doc) -> bool            True if the article was new
    Store.contains(doc_id) -> bool
    Store.events(**filters) -> list[dict]   events as in the output contract, plus article_id
    Store.close()
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb

from ..document import Document
from ..errors import StoreError

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (id VARCHAR PRIMARY KEY, doc JSON);
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR, event_type VARCHAR, cameo VARCHAR,
    date VARCHAR, actor_codes VARCHAR[], recipient_codes VARCHAR[], event JSON);
"""


class Store:
    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                self.con.execute(SCHEMA)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def contains(self, doc_id: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE id = ?", [doc_id]).fetchone()
        return row is not None

    def add(self, doc: Document) -> bool:
        if doc.error is not None or self.contains(doc.id):
            return False
        data = doc.to_dict()
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("INSERT INTO articles VALUES (?, ?)", [doc.id, json.dumps(data)])
        for event in data["events"]:
            self.con.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [event["id"], doc.id, event["event_type"], event["cameo"], event["date"],
                 [a["code"] for a in event["actor"] if a["code"]],
                 [a["code"] for a in event["recipient"] if a["code"]], json.dumps(event)],
            )
        self.con.execute("COMMIT")
        return True

    def events(self, limit: int = 1000, **filters: Any) -> list[dict[str, Any]]:
        rows = self.con.execute(
            "SELECT article_id, event FROM events ORDER BY date NULLS LAST, id LIMIT ?", [limit]
        ).fetchall()
        out = []
        for article_id, event in rows:
            record = json.loads(event)
            record["article_id"] = article_id
            out.append(record)
        return out


def open_store(path: str | Path, read_only: bool = False) -> Store:
    return Store(path, read_only=read_only)
