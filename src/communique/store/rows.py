"""Turning a contract document (``Document.to_dict()``) into the store's rows, and back."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ..document import date_range, event_id


def text_hash(text: str) -> str:
    """The key that makes the same article text count once, whatever its id."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _codes(actors: list[dict[str, Any]], key: str) -> list[str]:
    return sorted({a[key] for a in actors if a.get(key)})


def article_row(doc: dict[str, Any]) -> list[Any]:
    return [
        doc["id"], text_hash(doc["text"]), doc.get("title"), doc.get("published"),
        doc.get("source"), doc.get("url"), doc["text"],
        json.dumps(doc.get("dateline")), json.dumps(doc.get("meta") or {}, default=str),
        doc.get("schema_version"),
    ]


def entity_rows(doc: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for seq, ent in enumerate(doc.get("entities") or []):
        actor = ent.get("actor") or {}
        rows.append([doc["id"], seq, ent.get("text"), ent.get("label"), ent.get("start"),
                     ent.get("end"), ent.get("canonical"), actor.get("name"),
                     actor.get("code"), actor.get("sector"), actor.get("cameo")])
    return rows


def event_row(article_id: str, seq: int, event: dict[str, Any], story_id: str) -> list[Any]:
    start, end = date_range(event.get("date"))
    location = event.get("location") or {}
    return [
        event["id"], article_id, seq, event.get("event_type"), event.get("mode"),
        event.get("cameo"), event.get("goldstein"), event.get("plover_score"), event.get("quad"),
        event.get("date"), event.get("date_precision"), start, end,
        _codes(event.get("actor") or [], "code"), _codes(event.get("actor") or [], "cameo"),
        _codes(event.get("recipient") or [], "code"),
        _codes(event.get("recipient") or [], "cameo"),
        location.get("name"), location.get("country"), location.get("lat"), location.get("lon"),
        bool(event.get("negated")), bool(event.get("hypothetical")),
        bool(event.get("reported_past")), event.get("confidence"), story_id,
        json.dumps(event, ensure_ascii=False),
    ]


def actor_rows(article_id: str, event: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for role in ("actor", "recipient"):
        for seq, actor in enumerate(event.get(role) or []):
            rows.append([event["id"], article_id, role, seq, actor.get("text"), actor.get("name"),
                         actor.get("code"), actor.get("sector"), actor.get("cameo")])
    return rows


def event_mentions(event: dict[str, Any]) -> list[dict[str, Any]]:
    """An event's mentions; an event of contract version 1 has its evidence as its one."""
    return list(event.get("mentions") or [event.get("evidence") or {}])


def mention_rows(article_id: str, event: dict[str, Any]) -> list[list[Any]]:
    return [[event["id"], article_id, seq, m.get("text"), m.get("start"), m.get("end"),
             m.get("trigger"), json.dumps(m, ensure_ascii=False)]
            for seq, m in enumerate(event_mentions(event))]


def quote_rows(doc: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for seq, quote in enumerate(doc.get("quotes") or []):
        speaker = quote.get("speaker") or {}
        actor = speaker.get("actor") or {}
        rows.append([doc["id"], seq, quote.get("text"), quote.get("start"), quote.get("end"),
                     bool(quote.get("direct")), quote.get("cue"), speaker.get("text"),
                     speaker.get("name"), actor.get("code"), actor.get("cameo"),
                     json.dumps(quote, ensure_ascii=False)])
    return rows


def place_rows(doc: dict[str, Any]) -> list[list[Any]]:
    rows = []
    for seq, place in enumerate(doc.get("places") or []):
        rows.append([doc["id"], seq, place.get("text"), place.get("start"), place.get("end"),
                     place.get("name"), place.get("country"), place.get("lat"), place.get("lon"),
                     place.get("geonameid"), place.get("feature")])
    return rows


def unique_event_ids(doc: dict[str, Any]) -> list[dict[str, Any]]:
    """The document's events with ids made unique (an id is the store's primary key)."""
    seen: set[str] = set()
    events = []
    for seq, event in enumerate(doc.get("events") or []):
        event = dict(event)
        start = (event.get("evidence") or {}).get("start")
        base = event.get("id") or event_id(doc["id"], seq if start is None else int(start),
                                           event.get("event_type"), event.get("cameo"))
        unique, n = base, 1
        while unique in seen:
            n += 1
            unique = f"{base}-{n}"
        seen.add(unique)
        event["id"] = unique
        events.append(event)
    return events
