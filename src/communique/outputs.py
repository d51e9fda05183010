"""Writing coded documents as partitioned Parquet (documents/ and events/ folders).

Dask, Spark and DuckDB read the result directly, e.g.
``SELECT * FROM read_parquet('out/events/*.parquet')``. Each partition is written under a
temporary name and renamed when complete, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .document import Document
from .errors import UsageError

# Column types are fixed (not inferred) so that every partition has the same schema.
DOCUMENT_COLUMNS = {
    "id": "string", "title": "string", "published": "string", "source": "string",
    "url": "string", "text": "string", "dateline": "string", "entities": "string",
    "quotes": "string", "places": "string", "error": "string", "meta": "string",
    "schema_version": "string",
}
EVENT_COLUMNS = {
    "id": "string", "article_id": "string", "event_type": "string", "mode": "string",
    "context": "list<string>", "cameo": "string", "goldstein": "float64",
    "plover_score": "float64", "quad": "int64", "actor_codes": "list<string>",
    "recipient_codes": "list<string>", "actor": "string", "recipient": "string",
    "date": "string", "date_precision": "string", "location_name": "string",
    "location_country": "string", "lat": "float64", "lon": "float64",
    "evidence_text": "string", "evidence_start": "int64", "evidence_end": "int64",
    "trigger": "string", "negated": "bool", "hypothetical": "bool", "reported_past": "bool",
    "confidence": "float64", "num_mentions": "int64", "mentions": "string",
}
_JSON_FIELDS = ("dateline", "entities", "quotes", "places", "error", "meta")


def document_row(data: dict[str, Any]) -> dict[str, Any]:
    """A flat row for the documents table (nested parts as JSON strings)."""
    row = {key: data.get(key) for key in DOCUMENT_COLUMNS}
    row["schema_version"] = str(data.get("schema_version"))
    for key in _JSON_FIELDS:
        row[key] = json.dumps(data.get(key), ensure_ascii=False)
    return row


def event_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Flat rows for the events table, one per event of a document."""
    rows = []
    for event in data["events"]:
        location = event.get("location") or {}
        evidence = event["evidence"]
        rows.append({
            **{k: event.get(k) for k in ("id", "event_type", "mode", "cameo", "goldstein",
                                         "plover_score", "quad", "date", "date_precision",
                                         "negated", "hypothetical", "reported_past", "confidence")},
            "article_id": data["id"],
            "context": list(event.get("context") or []),
            "actor_codes": [a["code"] for a in event["actor"] if a.get("code")],
            "recipient_codes": [a["code"] for a in event["recipient"] if a.get("code")],
            "actor": json.dumps(event["actor"], ensure_ascii=False),
            "recipient": json.dumps(event["recipient"], ensure_ascii=False),
            "location_name": location.get("name"),
            "location_country": location.get("country"),
            "lat": location.get("lat"),
            "lon": location.get("lon"),
            "evidence_text": evidence["text"],
            "evidence_start": evidence["start"],
            "evidence_end": evidence["end"],
            "trigger": evidence["trigger"],
            # contract version 1 events have no mentions: their evidence is the one
            "num_mentions": len(event.get("mentions") or [evidence]),
            "mentions": json.dumps(event.get("mentions") or [evidence], ensure_ascii=False),
        })
    return rows


class ParquetWriter:
    """Buffer documents and write ``documents/`` and ``events/`` Parquet partitions."""

    def __init__(self, out_dir: str | Path, rows_per_partition: int = 1000,
                 append: bool = False) -> None:
        self.out = Path(out_dir)
        if not append and self.out.exists() and any(self.out.glob("*/*.parquet")):
            raise UsageError(f"{self.out} already holds Parquet partitions; choose an empty "
                             "--out folder (or add --resume to continue that run)")
        for table in ("documents", "events"):
            (self.out / table).mkdir(parents=True, exist_ok=True)
        self.rows_per_partition = rows_per_partition
        self.documents: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []
        self.partition = self._next_partition() if append else 0

    def _next_partition(self) -> int:
        """After the last complete partition; drops events written for an unfinished one."""
        numbers = [int(p.stem.split("-")[1]) for p in (self.out / "documents").glob("part-*.parquet")]
        following = max(numbers, default=-1) + 1
        for orphan in (self.out / "events").glob("part-*.parquet"):
            if int(orphan.stem.split("-")[1]) >= following:
                orphan.unlink()
        return following

    def existing_ids(self) -> set[str]:
        """Ids of the documents already written (what ``--resume`` skips)."""
        import pyarrow.parquet as pq

        ids: set[str] = set()
        for part in sorted((self.out / "documents").glob("part-*.parquet")):
            ids.update(pq.read_table(part, columns=["id"]).column("id").to_pylist())
        return ids

    def add(self, doc: Document) -> None:
        data = doc.to_dict()
        self.documents.append(document_row(data))
        self.events.extend(event_rows(data))
        if len(self.documents) >= self.rows_per_partition:
            self.flush()

    def flush(self) -> None:
        if not self.documents:
            return
        # events first: a documents partition on disk means its events are there too
        self._write("events", self.events, EVENT_COLUMNS)
        self._write("documents", self.documents, DOCUMENT_COLUMNS)
        self.documents, self.events = [], []
        self.partition += 1

    def _write(self, table: str, rows: list[dict[str, Any]], columns: dict[str, str]) -> None:
        import pyarrow.parquet as pq

        if not rows:
            return
        arrow = _arrow_table(rows, columns)
        final = self.out / table / f"part-{self.partition:05d}.parquet"
        temporary = final.with_suffix(".parquet.tmp")
        pq.write_table(arrow, temporary)
        os.replace(temporary, final)

    def close(self) -> None:
        self.flush()


def _arrow_type(name: str):  # noqa: ANN202 - pyarrow DataType, imported lazily
    import pyarrow as pa

    if name.startswith("list<"):
        return pa.list_(_arrow_type(name[5:-1]))
    return {"string": pa.string(), "float64": pa.float64(), "int64": pa.int64(),
            "bool": pa.bool_()}[name]


def _arrow_table(rows: list[dict[str, Any]], columns: dict[str, str]):  # noqa: ANN202
    import pyarrow as pa

    schema = pa.schema([(name, _arrow_type(kind)) for name, kind in columns.items()])
    return pa.Table.from_pylist([{k: row.get(k) for k in columns} for row in rows], schema=schema)
