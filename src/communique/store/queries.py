"""Read queries over the store. Every value reaches SQL as a bound parameter.

Filters are validated here, so the CLI and the HTTP API share one set of rules and hostile
values become a ``UsageError`` (an HTTP 4xx) before any SQL runs.
"""

from __future__ import annotations

import json
from typing import Any

import duckdb

from ..errors import UsageError
from .filters import CURRENT_ONLY, EventFilter, actor_clause

MAX_LIMIT = 10_000

EVENT_COLUMNS = ("e.data, e.article_id, e.story_id, a.published, a.source, a.title, e.ingest_id, "
                 "strftime(a.added_at, '%Y-%m-%dT%H:%M:%S')")


def check_limit(limit: Any, offset: Any = 0) -> tuple[int, int]:
    """``limit`` in 1..MAX_LIMIT and ``offset`` >= 0, as ints."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {limit!r}")
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise UsageError(f"offset must be a whole number >= 0, not {offset!r}")
    return limit, offset


def _event_record(row: tuple[Any, ...]) -> dict[str, Any]:
    data, article_id, story_id, published, source, title, ingest_id, ingested_at = row
    record = json.loads(data)
    record.update(article_id=article_id, story_id=story_id, published=published, source=source,
                  title=title, ingest_id=ingest_id, ingested_at=ingested_at)
    return record


def events(con: duckdb.DuckDBPyConnection, flt: EventFilter, limit: int, offset: int,
           newest_first: bool = True) -> list[dict[str, Any]]:
    where, params = flt.where()
    order = "DESC" if newest_first else "ASC"
    order_by = "{t}.ingest_id" if flt.polling else \
        f"{{t}}.date_start {order} NULLS LAST, {{t}}.article_id, {{t}}.seq"
    # The page is chosen on narrow columns first and only its rows are joined to their
    # JSON and article: sorting the joined rows cost 1.2 s at a million events, this 0.1 s.
    rows = con.execute(
        "WITH page AS (SELECT e.rowid AS r, e.date_start, e.article_id, e.seq, e.ingest_id "
        f"FROM events e{where} ORDER BY {order_by.format(t='e')} LIMIT ? OFFSET ?) "
        f"SELECT {EVENT_COLUMNS} FROM page JOIN events e ON e.rowid = page.r "
        f"JOIN articles a ON a.id = e.article_id ORDER BY {order_by.format(t='page')}",
        [*params, limit, offset]).fetchall()
    return [_event_record(row) for row in rows]


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    where, params = flt.where()
    return int(con.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0])


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    row = con.execute(
        f"SELECT {EVENT_COLUMNS}, a.url, a.text FROM events e JOIN articles a "
        "ON a.id = e.article_id WHERE e.id = ?", [str(event_id)]).fetchone()
    if row is None:
        return None
    record = _event_record(row[:8])
    record["article"] = {"id": row[1], "title": row[5], "published": row[3], "source": row[4],
                         "url": row[8], "text": row[9]}
    return record


def dyad(con: duckdb.DuckDBPyConnection, a: Any, b: Any, since: str | None,
         until: str | None) -> dict[str, Any]:
    """Per-day and per-week counts and mean scores of a->b and b->a events that happened.

    ``a`` and ``b`` are ActorRefs (``actors/typed.py``).
    """
    def pair(first: Any, second: Any, params: list[Any]) -> str:
        return (f"({actor_clause('e', 'actor', first, params)} AND "
                f"{actor_clause('e', 'recipient', second, params)})")

    a_to_b_params: list[Any] = []
    a_to_b = pair(a, b, a_to_b_params)
    params: list[Any] = []
    conditions = [f"({pair(a, b, params)} OR {pair(b, a, params)})", "e.date_start = e.date_end",
                  "NOT e.negated", "NOT e.hypothetical", CURRENT_ONLY.format(alias="e")]
    for bound, op in ((since, ">="), (until, "<=")):
        if bound:
            conditions.append(f"e.date_start {op} CAST(? AS DATE)")
            params.append(bound)
    direction = f"CASE WHEN {a_to_b} THEN 'a->b' ELSE 'b->a' END"
    result: dict[str, Any] = {"a": str(a), "b": str(b)}
    for key, bucket in (("daily", "e.date_start"), ("weekly", "date_trunc('week', e.date_start)")):
        rows = con.execute(
            f"SELECT CAST({bucket} AS DATE) AS period, {direction} AS dir, count(*), "
            "avg(e.goldstein), avg(e.plover_score) FROM events e WHERE "
            + " AND ".join(conditions) + " GROUP BY 1, 2 ORDER BY 1, 2",
            [*a_to_b_params, *params]).fetchall()
        label = "date" if key == "daily" else "week"
        result[key] = [{label: period.isoformat(), "direction": dir_, "count": count,
                        "mean_goldstein": _round(goldstein), "mean_plover_score": _round(score)}
                       for period, dir_, count, goldstein, score in rows]
    return result


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)


def actors(con: duckdb.DuckDBPyConnection, limit: int, offset: int) -> list[dict[str, Any]]:
    rows = con.execute(
        "SELECT code, sector, cameo, mode(coalesce(name, text)), count(DISTINCT event_id) AS n "
        f"FROM actors a WHERE code IS NOT NULL AND {CURRENT_ONLY.format(alias='a')} "
        "GROUP BY code, sector, cameo "
        "ORDER BY n DESC, cameo LIMIT ? OFFSET ?", [limit, offset]).fetchall()
    return [{"code": code, "sector": sector, "cameo": cameo, "name": name, "events": n}
            for code, sector, cameo, name, n in rows]


def count_actors(con: duckdb.DuckDBPyConnection) -> int:
    return int(con.execute("SELECT count(*) FROM (SELECT DISTINCT code, sector, cameo FROM actors "
                           f"a WHERE code IS NOT NULL AND {CURRENT_ONLY.format(alias='a')})"
                           ).fetchone()[0])


def _quote_where(speaker: str | None) -> tuple[str, list[Any]]:
    if not speaker:
        return "", []
    if len(speaker) > 200:
        raise UsageError("speaker must be at most 200 characters")
    return (" WHERE contains(lower(q.speaker_name), lower(?)) OR upper(?) IN "
            "(q.speaker_code, q.speaker_cameo)", [speaker, speaker])


def quotes(con: duckdb.DuckDBPyConnection, speaker: str | None, limit: int,
           offset: int) -> list[dict[str, Any]]:
    where, params = _quote_where(speaker)
    rows = con.execute(
        "SELECT q.data, q.article_id, a.published, a.title FROM quotes q JOIN articles a "
        f"ON a.id = q.article_id{where} ORDER BY a.published DESC NULLS LAST, q.article_id, "
        "q.seq LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    out = []
    for data, article_id, published, title in rows:
        record = json.loads(data)
        record.update(article_id=article_id, published=published, title=title)
        out.append(record)
    return out


def count_quotes(con: duckdb.DuckDBPyConnection, speaker: str | None) -> int:
    where, params = _quote_where(speaker)
    return int(con.execute(f"SELECT count(*) FROM quotes q{where}", params).fetchone()[0])


# num_mentions: every sentence stating the story's events, in all its articles
STORIES_CTE = (
    "WITH mc AS (SELECT event_id, count(*) AS n FROM event_mentions GROUP BY event_id), "
    "s AS (SELECT e.story_id, sum(coalesce(mc.n, 1)) AS num_mentions, "
    "count(DISTINCT e.article_id) AS num_articles, "
    "count(DISTINCT coalesce(a.source, 'article:' || a.id)) AS num_sources, "
    "list(e.id ORDER BY e.article_id, e.seq) AS mentions, "
    "list(DISTINCT e.article_id) AS articles, min(e.date_start) AS first_date, "
    "max(e.date_end) AS last_date FROM events e JOIN articles a ON a.id = e.article_id "
    "LEFT JOIN mc ON mc.event_id = e.id "
    f"WHERE {CURRENT_ONLY.format(alias='e')} GROUP BY e.story_id) ")


def _stories_where(flt: EventFilter) -> tuple[str, list[Any]]:
    where, params = flt.where("r")
    return (where + " AND" if where else " WHERE") + " s.num_articles >= ?", params


def stories(con: duckdb.DuckDBPyConnection, flt: EventFilter, min_articles: int, limit: int,
            offset: int) -> list[dict[str, Any]]:
    """Story-level events: each story's first mention plus how widely it was reported."""
    where, params = _stories_where(flt)
    rows = con.execute(
        STORIES_CTE + "SELECT r.data, s.story_id, s.num_mentions, s.num_articles, "
        "s.num_sources, s.mentions, s.articles, s.first_date, s.last_date FROM s "
        f"JOIN events r ON r.id = s.story_id{where} ORDER BY s.num_articles DESC, "
        "r.date_start DESC NULLS LAST, s.story_id LIMIT ? OFFSET ?",
        [*params, min_articles, limit, offset]).fetchall()
    return [_story_record(row) for row in rows]


def count_stories(con: duckdb.DuckDBPyConnection, flt: EventFilter, min_articles: int) -> int:
    where, params = _stories_where(flt)
    return int(con.execute(STORIES_CTE + "SELECT count(*) FROM s JOIN events r ON "
                           f"r.id = s.story_id{where}", [*params, min_articles]).fetchone()[0])


def _story_record(row: tuple[Any, ...]) -> dict[str, Any]:
    data, story_id, n_mentions, n_articles, n_sources, mentions, articles_, first, last = row
    event_ = json.loads(data)
    keep = ("event_type", "mode", "context", "cameo", "goldstein", "plover_score", "quad",
            "actor", "recipient", "date", "date_precision", "location")
    record = {"id": story_id, **{key: event_.get(key) for key in keep}}
    record.update(num_mentions=int(n_mentions), num_articles=n_articles, num_sources=n_sources,
                  mentions=list(mentions), articles=sorted(articles_),
                  first_date=first.isoformat() if first else None,
                  last_date=last.isoformat() if last else None)
    return record


ARTICLE_COLUMNS = ("a.id, a.title, a.published, a.source, a.url, "
                   "(SELECT count(*) FROM events e WHERE e.article_id = a.id), "
                   "(SELECT count(*) FROM quotes q WHERE q.article_id = a.id), "
                   "CAST(a.added_at AS VARCHAR)")


def _article_summary(row: tuple[Any, ...]) -> dict[str, Any]:
    keys = ("id", "title", "published", "source", "url", "events", "quotes", "added_at")
    return dict(zip(keys, row, strict=True))


def articles(con: duckdb.DuckDBPyConnection, limit: int, offset: int) -> list[dict[str, Any]]:
    rows = con.execute(
        f"SELECT {ARTICLE_COLUMNS} FROM articles a ORDER BY a.published DESC NULLS LAST, "
        "a.id LIMIT ? OFFSET ?", [limit, offset]).fetchall()
    return [_article_summary(row) for row in rows]


def article(con: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, Any] | None:
    """The article as a contract document, rebuilt from the store's rows."""
    row = con.execute("SELECT id, title, published, source, url, text, dateline, meta, "
                      "contract_version FROM articles WHERE id = ?", [str(article_id)]).fetchone()
    if row is None:
        return None
    id_, title, published, source, url, text, dateline, meta, version = row
    doc = {"schema_version": version, "id": id_, "title": title, "published": published,
           "source": source, "url": url, "meta": json.loads(meta or "{}"),
           "dateline": json.loads(dateline) if dateline else None, "text": text}
    doc["entities"] = _entities(con, id_)
    doc["quotes"] = [json.loads(d) for (d,) in con.execute(
        "SELECT data FROM quotes WHERE article_id = ? ORDER BY seq", [id_]).fetchall()]
    doc["places"] = _places(con, id_)
    doc["events"] = [json.loads(d) for (d,) in con.execute(
        "SELECT data FROM events WHERE article_id = ? ORDER BY seq", [id_]).fetchall()]
    doc["error"] = None
    return doc


def _entities(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    rows = con.execute(
        "SELECT text, label, start_char, end_char, canonical, actor_name, actor_code, "
        "actor_sector, actor_cameo FROM entities WHERE article_id = ? ORDER BY seq",
        [article_id]).fetchall()
    out = []
    for text, label, start, end, canonical, name, code, sector, cameo in rows:
        actor = None
        if code or name:
            actor = {"text": text, "name": name, "code": code, "sector": sector, "cameo": cameo}
        out.append({"text": text, "label": label, "start": start, "end": end,
                    "canonical": canonical, "actor": actor})
    return out


def _places(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    keys = ("text", "start", "end", "name", "country", "lat", "lon", "geonameid", "feature")
    rows = con.execute(
        "SELECT text, start_char, end_char, name, country, lat, lon, geonameid, feature "
        "FROM places WHERE article_id = ? ORDER BY seq", [article_id]).fetchall()
    return [dict(zip(keys, row, strict=True)) for row in rows]


def stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    counts = {table: int(con.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
              for table in ("articles", "event_mentions", "quotes", "entities", "places")}
    row = con.execute(
        # the dates as coded ("1969", "2024-03"), not the first day of their period
        "SELECT count(*), count(DISTINCT story_id), arg_min(date, date_start), "
        f"arg_max(date, date_end) FROM events e WHERE {CURRENT_ONLY.format(alias='e')}"
    ).fetchone()
    counts["events"], counts["stories"], first, last = int(row[0]), int(row[1]), row[2], row[3]
    counts["actors"] = int(con.execute(
        "SELECT count(DISTINCT cameo) FROM actors WHERE cameo IS NOT NULL").fetchone()[0])
    counts["sources"] = int(con.execute(
        "SELECT count(DISTINCT source) FROM articles").fetchone()[0])
    counts.update(first_event_date=first, last_event_date=last,
                  schema_version=int(con.execute(
                      "SELECT max(version) FROM schema_version").fetchone()[0]))
    return counts


FEED_COLUMNS = ("url", "title", "checked_at", "ok_at", "failures", "next_try", "last_error",
                "items")


def updates(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What arrived last: the newest ingest number and time, and each followed feed's health."""
    last_id, last_at = con.execute(  # two maxima, no join: cheap at any size
        "SELECT (SELECT max(ingest_id) FROM events), "
        "(SELECT strftime(max(added_at), '%Y-%m-%dT%H:%M:%S') FROM articles)").fetchone()
    rows = con.execute(
        "SELECT f.url, f.title, strftime(f.checked_at, '%Y-%m-%dT%H:%M:%S'), "
        "strftime(f.ok_at, '%Y-%m-%dT%H:%M:%S'), f.failures, "
        "strftime(f.next_try, '%Y-%m-%dT%H:%M:%S'), f.last_error, "
        "(SELECT count(*) FROM feed_items i WHERE i.feed_url = f.url) "
        "FROM feeds f ORDER BY f.url").fetchall()
    return {"last_id": int(last_id or 0), "last_ingested_at": last_at,
            "feeds": [dict(zip(FEED_COLUMNS, row, strict=True)) for row in rows]}
