"""Writing a batch of coded articles: bulk inserts inside the caller's one transaction.

Per-row ``INSERT``s and a commit per article made the store the slowest part of a coding
run, so a batch is written with one query to find the articles already stored, one query
for every event's de-duplication candidates, and one insert per table that passes each
column as one list parameter and unnests them side by side
(``INSERT INTO t SELECT unnest(?::VARCHAR[]), unnest(?::DATE[]) ...``). That is as fast as
registering an Arrow table and keeps pyarrow (about 35 MiB) out of the writing process.
The caller owns the transaction: a batch is all or nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb

from . import rows
from .dedup import EventKey, best_story, key_from_event, max_day_gap

CANDIDATE_COLUMNS = ("event_type, date_start, date_end, actor_codes, recipient_codes, "
                     "location_country, location_name, negated, hypothetical, "
                     "(SELECT count(*) FROM event_mentions m WHERE m.event_id = ev.id), story_id")


@dataclass(slots=True)
class PendingEvent:
    """A new event whose story is not known yet."""

    article_id: str
    seq: int
    event: dict[str, Any]
    key: EventKey


@dataclass
class BatchRows:
    """The rows of a batch's new articles, table by table, plus aliases of duplicates."""

    tables: dict[str, list[list[Any]]] = field(default_factory=lambda: {
        "articles": [], "entities": [], "quotes": [], "places": [], "events": [],
        "actors": [], "event_mentions": [], "aliases": []})
    added: list[bool] = field(default_factory=list)
    events: list[PendingEvent] = field(default_factory=list)


def key_from_row(row: Sequence[Any]) -> EventKey:
    """An EventKey from an ``events`` row's CANDIDATE_COLUMNS (no JSON parsing needed)."""
    kind, start, end, actors, recipients, country, place, negated, hypothetical, n = row[:10]
    return EventKey(event_type=kind, date_start=start, date_end=end,
                    actors=frozenset(actors or ()), recipients=frozenset(recipients or ()),
                    country=country, place=place, negated=bool(negated),
                    hypothetical=bool(hypothetical), mentions=int(n or 1))


class BatchWriter:
    """Writes batches of contract documents (``Document.to_dict()``) over one connection."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self._columns: dict[str, list[tuple[str, str]]] = {}

    def write(self, documents: Sequence[dict[str, Any]]) -> list[bool]:
        """Insert the documents not stored yet (inside the caller's transaction).

        Returns, per document, whether it was new. A document whose text is stored under
        another id adds nothing but its id, as an alias, so ``contains(id)`` knows it.
        """
        batch = self._plan(documents)
        stories = self._assign_stories(batch.events)
        batch.tables["events"] = [
            rows.event_row(p.article_id, p.seq, p.event, story)
            for p, story in zip(batch.events, stories, strict=True)]
        for table, values in batch.tables.items():
            self._bulk_insert(table, values)
        return batch.added

    # which documents are new ---------------------------------------------------------------

    def _known(self, ids: list[str], hashes: list[str]) -> tuple[set[str], dict[str, str]]:
        """Ids already stored (as articles or aliases) and the article id of each stored hash."""
        found = self.con.execute(
            "SELECT id, text_hash FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
            "OR text_hash IN (SELECT unnest(?::VARCHAR[]))", [ids, hashes]).fetchall()
        aliases = self.con.execute(
            "SELECT id FROM aliases WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()
        known_ids = {row[0] for row in found} | {row[0] for row in aliases}
        return known_ids, {text_hash: article_id for article_id, text_hash in found}

    def _plan(self, documents: Sequence[dict[str, Any]]) -> BatchRows:
        hashes = [rows.text_hash(doc["text"]) for doc in documents]
        known_ids, by_hash = self._known([doc["id"] for doc in documents], hashes)
        batch = BatchRows()
        for doc, text_hash in zip(documents, hashes, strict=True):
            if doc["id"] in known_ids:
                batch.added.append(False)
            elif text_hash in by_hash:
                batch.tables["aliases"].append([doc["id"], by_hash[text_hash]])
                batch.added.append(False)
            else:
                _add_document_rows(batch, doc)
                batch.added.append(True)
                by_hash[text_hash] = doc["id"]
            known_ids.add(doc["id"])
        return batch

    # de-duplication -----------------------------------------------------------------------

    def _assign_stories(self, events: list[PendingEvent]) -> list[str]:
        """Each new event's story id, exactly as adding the events one by one would give."""
        stored = self._stored_candidates([p.key for p in events])
        earlier: dict[str | None, list[tuple[str, EventKey]]] = {}
        stories = []
        for index, pending in enumerate(events):
            key = pending.key
            if key.date_start is None or key.date_end is None:
                stories.append(pending.event["id"])  # undated mentions stay alone
                continue
            seen = earlier.setdefault(key.event_type, [])
            story = best_story(key, [*stored.get(index, ()), *seen]) or pending.event["id"]
            seen.append((story, key))
            stories.append(story)
        return stories

    def _stored_candidates(self, keys: list[EventKey]) -> dict[int, list[tuple[str, EventKey]]]:
        """Stored events that may report the same event as each new one, by batch index."""
        wanted = [(i, k.event_type, k.date_start, k.date_end, sorted(k.actors), k.negated,
                   k.hypothetical) for i, k in enumerate(keys)
                  if k.date_start is not None and k.date_end is not None and k.actors]
        if not wanted:
            return {}
        # SQL keeps a superset of the matches (type, dates, flags, a shared actor on either
        # side); dedup.same_event, in Python, decides.
        found = self.con.execute(
            "WITH b AS (SELECT unnest(?::BIGINT[]) AS idx, unnest(?::VARCHAR[]) AS kind, "
            "unnest(?::DATE[]) AS s, unnest(?::DATE[]) AS e, unnest(?::VARCHAR[][]) AS actors, "
            "unnest(?::BOOLEAN[]) AS neg, unnest(?::BOOLEAN[]) AS hyp) "
            f"SELECT b.idx, {CANDIDATE_COLUMNS} FROM b JOIN events ev "
            "ON ev.event_type = b.kind AND ev.negated = b.neg AND ev.hypothetical = b.hyp "
            "AND ev.date_start <= b.e + CAST(? AS INTEGER) "
            "AND ev.date_end >= b.s - CAST(? AS INTEGER) "
            "AND (list_has_any(ev.actor_codes, b.actors) "
            "OR list_has_any(ev.recipient_codes, b.actors))",
            [*(list(column) for column in zip(*wanted, strict=True)),
             max_day_gap(), max_day_gap()]).fetchall()
        candidates: dict[int, list[tuple[str, EventKey]]] = {}
        for row in found:
            candidates.setdefault(row[0], []).append((row[-1], key_from_row(row[1:])))
        return candidates

    # inserting ----------------------------------------------------------------------------

    def _column_types(self, table: str) -> list[tuple[str, str]]:
        """(name, SQL type) of each column, in order; JSON travels as VARCHAR."""
        if table not in self._columns:
            found = self.con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = 'main' AND table_name = ? ORDER BY ordinal_position",
                [table]).fetchall()
            self._columns[table] = [(name, "VARCHAR" if kind == "JSON" else kind)
                                    for name, kind in found]
        return self._columns[table]

    def _bulk_insert(self, table: str, values: list[list[Any]]) -> None:
        if not values:
            return
        # trailing columns (added_at) take their defaults
        columns = self._column_types(table)[:len(values[0])]
        names = ", ".join(name for name, _ in columns)
        unnests = ", ".join(f"unnest(?::{kind}[])" for _, kind in columns)
        self.con.execute(f"INSERT INTO {table} ({names}) SELECT {unnests}",  # names: constants
                         [list(column) for column in zip(*values, strict=True)])


def _add_document_rows(batch: BatchRows, doc: dict[str, Any]) -> None:
    tables = batch.tables
    tables["articles"].append(rows.article_row(doc))
    tables["entities"].extend(rows.entity_rows(doc))
    tables["quotes"].extend(rows.quote_rows(doc))
    tables["places"].extend(rows.place_rows(doc))
    for seq, event in enumerate(rows.unique_event_ids(doc)):
        start, end = rows.date_range(event.get("date"))
        batch.events.append(PendingEvent(doc["id"], seq, event,
                                         key_from_event(event, start, end)))
        tables["actors"].extend(rows.actor_rows(doc["id"], event))
        tables["event_mentions"].extend(rows.mention_rows(doc["id"], event))
