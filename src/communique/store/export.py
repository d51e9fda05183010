"""Exporting the store: Parquet, PLOVER JSON Lines (as POLECAT users read it), GDELT-style
TSV (one row per de-duplicated story) and CSV (one row per event mention)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import StoreError, UsageError
from .db import Store
from .rows import event_mentions

FORMATS = ("parquet", "plover-jsonl", "gdelt-tsv", "csv")
PAGE = 5_000

FLAT_EVENT_SQL = (
    "SELECT e.id AS event_id, e.article_id, e.story_id, e.event_type, e.mode, e.cameo, "
    "e.goldstein, e.plover_score, e.quad, e.date, e.date_precision, "
    "array_to_string(e.actor_cameos, ';') AS actor, array_to_string(e.actor_codes, ';') "
    "AS actor_country, array_to_string(e.recipient_cameos, ';') AS recipient, "
    "array_to_string(e.recipient_codes, ';') AS recipient_country, e.location_name, "
    "e.location_country, e.lat, e.lon, e.negated, e.hypothetical, e.reported_past, "
    "e.confidence, (SELECT count(*) FROM event_mentions m WHERE m.event_id = e.id) "
    "AS num_mentions, json_extract_string(e.data, '$.evidence.trigger') AS trigger, "
    "json_extract_string(e.data, '$.evidence.text') AS evidence, a.published, a.source, "
    "a.title, a.url FROM events e JOIN articles a ON a.id = e.article_id "
    "ORDER BY e.date_start NULLS LAST, e.article_id, e.seq")


def export(store: Store, fmt: str, out: str | Path) -> int:
    """Write the store's events to ``out`` in ``fmt``; returns the number of rows written."""
    writers = {"parquet": _parquet, "plover-jsonl": _plover, "gdelt-tsv": _gdelt, "csv": _csv}
    if fmt not in writers:
        raise UsageError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    tmp = out.with_name(f".{out.name}.partial")
    try:
        count = writers[fmt](store, tmp)
        tmp.replace(out)  # a failed export never leaves a truncated file under the real name
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise StoreError(f"cannot write export {out}: {exc}") from exc
    return count


def _parquet(store: Store, out: Path) -> int:
    import pyarrow.parquet as pq

    with store.connection() as con:
        table = con.sql(FLAT_EVENT_SQL).to_arrow_table()
    pq.write_table(table, out)
    return table.num_rows


def _csv(store: Store, out: Path) -> int:
    count = 0
    with store.connection() as con, out.open("w", newline="", encoding="utf-8") as handle:
        cursor = con.execute(FLAT_EVENT_SQL)
        writer = csv.writer(handle)
        writer.writerow([column[0] for column in cursor.description])
        while batch := cursor.fetchmany(PAGE):
            writer.writerows(batch)
            count += len(batch)
    return count


def _all_events(store: Store) -> Iterator[dict[str, Any]]:
    offset = 0
    while page := store.events(limit=PAGE, offset=offset, newest_first=False):
        yield from page
        offset += len(page)


def _plover_entity(actor: dict[str, Any] | None) -> dict[str, Any] | None:
    if actor is None:
        return None
    return {"code": actor.get("code"), "sector": actor.get("sector"),
            "entity_text": actor.get("text"), "identifier_text": actor.get("name")}


def _plover_location(location: dict[str, Any] | None) -> dict[str, Any] | None:
    if not location:
        return None
    return {"extracted_place": location.get("text") or location.get("name"),
            "resolved_place": location.get("name"),
            "lat": location.get("lat"), "lon": location.get("lon"),
            "country_code": location.get("country")}


def plover_records(event: dict[str, Any]) -> list[dict[str, Any]]:
    """PLOVER/POLECAT records: one per actor-recipient pair, as dyadic datasets expect."""
    actors = event.get("actor") or [None]
    recipients = event.get("recipient") or [None]
    pairs = [(a, r) for a in actors for r in recipients]
    records = []
    for n, (actor, recipient) in enumerate(pairs):
        evidence = event.get("evidence") or {}
        records.append({
            "id": event["id"] if len(pairs) == 1 else f"{event['id']}-{n + 1}",
            "date": event.get("date"), "actor": _plover_entity(actor),
            "event": event.get("event_type"), "recipient": _plover_entity(recipient),
            "mode": event.get("mode"), "context": event.get("context") or [],
            "quad_code": event.get("quad"), "event_loc": _plover_location(event.get("location")),
            "event_text": evidence.get("trigger"), "text": evidence.get("text"),
            "has_event": not (event.get("negated") or event.get("hypothetical")),
            "cite_info": {"article_id": event.get("article_id"), "title": event.get("title"),
                          "source": event.get("source"), "published": event.get("published")},
            "coder": "communique", "cameo": event.get("cameo"),
            "goldstein": event.get("goldstein"), "story_id": event.get("story_id"),
            "num_mentions": len(event_mentions(event)),
        })
    return records


def _plover(store: Store, out: Path) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for event in _all_events(store):
            for record in plover_records(event):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    return count


def gdelt_row(story: dict[str, Any], urls: dict[str, str | None]) -> dict[str, Any]:
    """A GDELT 2.0-style event row for a story (country codes are ISO3, not FIPS)."""
    first = lambda side: (story.get(side) or [{}])[0]  # noqa: E731 - tiny local accessor
    location = story.get("location") or {}
    cameo = story.get("cameo") or ""
    row: dict[str, Any] = {"GLOBALEVENTID": story["id"],
                           "SQLDATE": (story.get("date") or "").replace("-", "")[:8]}
    for n, side in ((1, "actor"), (2, "recipient")):
        person = first(side)
        row.update({f"Actor{n}Code": person.get("cameo"), f"Actor{n}Name": person.get("name"),
                    f"Actor{n}CountryCode": person.get("code"),
                    f"Actor{n}Type1Code": person.get("sector")})
    row.update({
        "IsRootEvent": 1, "EventCode": cameo, "EventBaseCode": cameo[:3],
        "EventRootCode": cameo[:2], "QuadClass": story.get("quad"),
        "GoldsteinScale": story.get("goldstein"), "NumMentions": story["num_mentions"],
        "NumSources": story["num_sources"], "NumArticles": story["num_articles"],
        "ActionGeo_FullName": location.get("name"),
        "ActionGeo_CountryCode": location.get("country"),
        "ActionGeo_Lat": location.get("lat"), "ActionGeo_Long": location.get("lon"),
        "PLOVER": story.get("event_type"),
        "SOURCEURL": next((urls.get(a) for a in story["articles"] if urls.get(a)), None),
    })
    return row


def _gdelt(store: Store, out: Path) -> int:
    with store.connection() as con:
        urls = dict(con.execute("SELECT id, url FROM articles").fetchall())
    empty = {"id": "", "num_mentions": 0, "num_sources": 0, "num_articles": 0, "articles": []}
    count, offset = 0, 0
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(gdelt_row(empty, {})), delimiter="\t",
                                lineterminator="\n")
        writer.writeheader()
        while page := store.stories(limit=PAGE, offset=offset):
            offset += len(page)
            for story in page:
                row = gdelt_row(story, urls)
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
                count += 1
    return count
