"""Coded data as tables for analysis: ``communique.to_frame(docs_or_store, "events")``.

Events, actors or quotes of coded Documents (or their dicts) or of a store, as a pandas
DataFrame (``pip install communique[pandas]``) or a pyarrow Table (always available).
The columns are the same either way: events have the flat columns of the Parquet export.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .document import Document
from .errors import UsageError

TABLES = ("events", "actors", "quotes")
EVENT_COLUMNS = (
    "event_id", "article_id", "story_id", "event_type", "mode", "cameo", "goldstein",
    "plover_score", "quad", "date", "date_precision", "actor", "actor_country", "recipient",
    "recipient_country", "location_name", "location_country", "lat", "lon", "negated",
    "hypothetical", "reported_past", "confidence", "trigger", "evidence", "published",
    "source", "title", "url")
ACTOR_COLUMNS = ("event_id", "article_id", "role", "seq", "text", "name", "code", "sector",
                 "cameo")
QUOTE_COLUMNS = ("article_id", "seq", "text", "start", "end", "direct", "cue", "speaker_text",
                 "speaker_name", "speaker_code", "speaker_cameo", "published", "title")
STORE_PAGE = 5_000


def to_frame(source: Any, table: str = "events", backend: str = "pandas") -> Any:
    """A table of ``table`` (events, actors or quotes) from Documents, contract dicts or a
    ``Store``; ``backend`` is ``pandas`` (a DataFrame) or ``arrow`` (a pyarrow Table)."""
    if table not in TABLES:
        raise UsageError(f"table must be one of {', '.join(TABLES)}, not {table!r}")
    if backend not in ("pandas", "arrow"):
        raise UsageError(f"backend must be 'pandas' or 'arrow', not {backend!r}")
    if backend == "pandas":
        try:
            import pandas  # noqa: F401 - only to check the optional extra is installed
        except ImportError:
            raise UsageError("pandas is not installed: pip install 'communique[pandas]', or "
                             "use backend='arrow'") from None
    arrow = _arrow_table(_rows(source, table), _columns(table))
    return arrow.to_pandas() if backend == "pandas" else arrow


def _columns(table: str) -> tuple[str, ...]:
    return {"events": EVENT_COLUMNS, "actors": ACTOR_COLUMNS, "quotes": QUOTE_COLUMNS}[table]


def _arrow_table(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> Any:
    import pyarrow as pa

    listed = list(rows)
    if not listed:
        return pa.table({name: pa.array([], pa.null()) for name in columns})
    return pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in listed])


def _rows(source: Any, table: str) -> Iterator[dict[str, Any]]:
    if hasattr(source, "connection") and hasattr(source, "events"):
        return _store_rows(source, table)
    docs = [source] if isinstance(source, (Document, dict)) else source
    return _document_rows(docs, table)


def _document_rows(docs: Iterable[Document | dict[str, Any]], table: str) -> Iterator[dict]:
    for item in docs:
        doc = item.to_dict() if isinstance(item, Document) else item
        if doc.get("error"):
            continue
        article = {"article_id": doc.get("id"), "published": doc.get("published"),
                   "source": doc.get("source"), "title": doc.get("title"), "url": doc.get("url")}
        if table == "quotes":
            yield from (quote_row(q, seq, article) for seq, q in enumerate(doc.get("quotes") or []))
        for event in doc.get("events") or []:
            if table == "events":
                yield event_row(event, article)
            elif table == "actors":
                yield from actor_rows(event, article["article_id"])


def _store_rows(store: Any, table: str) -> Iterator[dict[str, Any]]:
    page = store.quotes if table == "quotes" else store.events
    offset = 0
    while batch := page(limit=STORE_PAGE, offset=offset):
        offset += len(batch)
        for record in batch:
            article = {key: record.get(key) for key in ("article_id", "published", "source",
                                                        "title", "url")}
            if table == "quotes":
                yield quote_row(record, None, article)
            elif table == "events":
                yield {**event_row(record, article), "story_id": record.get("story_id")}
            else:
                yield from actor_rows(record, article["article_id"])


def _joined(actors: list[dict[str, Any]], key: str) -> str:
    return ";".join(str(a.get(key) or "") for a in actors)


def event_row(event: dict[str, Any], article: dict[str, Any]) -> dict[str, Any]:
    """The flat columns of one event (as the Parquet export writes them)."""
    location = event.get("location") or {}
    evidence = event.get("evidence") or {}
    actors, recipients = event.get("actor") or [], event.get("recipient") or []
    row = {key: event.get(key) for key in EVENT_COLUMNS if key in event}
    row.update(article)
    row.update(event_id=event.get("id"), story_id=event.get("story_id"),
               actor=_joined(actors, "cameo"), actor_country=_joined(actors, "code"),
               recipient=_joined(recipients, "cameo"),
               recipient_country=_joined(recipients, "code"),
               location_name=location.get("name"), location_country=location.get("country"),
               lat=location.get("lat"), lon=location.get("lon"),
               trigger=evidence.get("trigger"), evidence=evidence.get("text"))
    return row


def actor_rows(event: dict[str, Any], article_id: str | None) -> Iterator[dict[str, Any]]:
    for role in ("actor", "recipient"):
        for seq, actor in enumerate(event.get(role) or []):
            yield {"event_id": event.get("id"), "article_id": article_id, "role": role,
                   "seq": seq, **{k: actor.get(k) for k in ("text", "name", "code", "sector",
                                                            "cameo")}}


def quote_row(quote: dict[str, Any], seq: int | None, article: dict[str, Any]) -> dict[str, Any]:
    speaker = quote.get("speaker") or {}
    actor = speaker.get("actor") or {}
    return {"article_id": article.get("article_id"), "seq": seq, "text": quote.get("text"),
            "start": quote.get("start"), "end": quote.get("end"), "direct": quote.get("direct"),
            "cue": quote.get("cue"), "speaker_text": speaker.get("text"),
            "speaker_name": speaker.get("name"), "speaker_code": actor.get("code"),
            "speaker_cameo": actor.get("cameo"), "published": article.get("published"),
            "title": article.get("title")}
