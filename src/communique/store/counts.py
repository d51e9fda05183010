"""Aggregates over the store: events, stories and Goldstein scores by key and period.

The counts analysts take from GDELT, ICEWS or POLECAT: how many events (mentions), how
many stories (de-duplicated events) and the sum and mean Goldstein score, grouped by dyad,
actor, recipient, PLOVER type, quad class or CAMEO root code, per day, week (starting
Monday), month or year. Shared by ``communique counts``, ``Store.counts`` and
``/api/counts``.

Rules (documented in docs/store.md): an event counts in a period only when its whole date
fits in it (an event dated ``2024-03`` counts per month or year, not per week), so undated
or coarser events are left out and reported as ``skipped``; negated and hypothetical
events are left out unless asked for; an event with several actors or recipients counts
once for each country pair (as dyadic data sets do), and not at all per dyad when it has
no recipient.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import duckdb

from ..errors import UsageError
from .filters import EventFilter

# key name -> the key columns, and for each the events column it is read from: a list of
# country codes (unnested, each distinct code once per event) or an SQL expression
GROUPS: dict[str, tuple[tuple[str, str, bool], ...]] = {
    "dyad": (("actor", "e.actor_codes", True), ("recipient", "e.recipient_codes", True)),
    "actor": (("actor", "e.actor_codes", True),),
    "recipient": (("recipient", "e.recipient_codes", True),),
    "type": (("type", "e.event_type", False),),
    "quad": (("quad", "e.quad", False),),
    "cameo-root": (("cameo_root", "substr(e.cameo, 1, 2)", False),),
}
PERIODS = ("day", "week", "month", "year", "all")
MAX_ROWS = 10_000


def check_grouping(by: str, period: str) -> tuple[str, str]:
    by, period = str(by).strip().lower(), str(period).strip().lower()
    if by not in GROUPS:
        raise UsageError(f"unknown grouping {by[:30]!r}; choose one of {', '.join(GROUPS)}")
    if period not in PERIODS:
        raise UsageError(f"unknown period {period[:30]!r}; choose one of {', '.join(PERIODS)}")
    return by, period


def _period_sql(period: str) -> tuple[str, str]:
    """(the period's first day, the condition that the event's date fits in one period)."""
    if period == "all":
        return "NULL", "TRUE"
    if period == "day":
        return "e.date_start", "e.date_start = e.date_end"
    trunc = f"date_trunc('{period}', e.date_start)"  # period is one of PERIODS
    return (f"CAST({trunc} AS DATE)",
            f"e.date_start IS NOT NULL AND {trunc} = date_trunc('{period}', e.date_end)")


def counts(con: duckdb.DuckDBPyConnection, flt: EventFilter, by: str, period: str,
           top: int | None = None, limit: int = 1000) -> dict[str, Any]:
    """Rows of ``period``, the group's keys, ``events``, ``stories``, ``goldstein_sum`` and
    ``goldstein_mean``, by period then most events first; ``top`` keeps the N largest
    groups of each period. ``periods`` lists every period from the first to the last
    (for charts that show empty periods as zero)."""
    by, period = check_grouping(by, period)
    keys = GROUPS[by]
    start, fits = _period_sql(period)
    where, params = flt.where()
    where = (where + " AND " if where else " WHERE ") + fits
    names = ", ".join(name for name, _, _ in keys)
    ranked = (f" QUALIFY row_number() OVER (PARTITION BY period ORDER BY events DESC, {names}) "
              "<= ?") if top else ""
    sql = (f"{_keyed_rows(keys, start, where)} SELECT period, {names}, count(*) AS events, "
           "count(DISTINCT story_id) AS stories, sum(goldstein), avg(goldstein) "
           f"FROM k{len(keys)} GROUP BY period, {names}{ranked} "
           f"ORDER BY period NULLS FIRST, events DESC, {names} LIMIT ?")
    rows = con.execute(sql, [*params, *([top] if top else []), limit]).fetchall()
    items = [_item(row, keys, period) for row in rows]
    return {"by": by, "period": period, "filters": flt.describe(),
            "skipped": _skipped(con, flt, fits), "total": len(items),
            "periods": period_labels([r[0] for r in rows], period), "items": items}


def _keyed_rows(keys: tuple[tuple[str, str, bool], ...], start: str, where: str) -> str:
    """CTEs k0 (the selected events' period, story and Goldstein, and the key columns) to
    kN (one row per event and combination of keys): country lists are unnested one at a
    time in the select list, which DuckDB runs several times faster than a lateral join."""
    columns = ", ".join(f"{expr} AS {name}" for name, expr, _ in keys)
    ctes = [f"k0 AS (SELECT {start} AS period, e.story_id, e.goldstein, {columns} "
            f"FROM events e{where})"]
    for i, (name, _, is_list) in enumerate(keys):
        others = "".join(f", {other}" for other, _, _ in keys if other != name)
        value = f"unnest(list_distinct({name}))" if is_list else name
        ctes.append(f"k{i + 1} AS (SELECT period, story_id, goldstein{others}, {value} AS {name} "
                    f"FROM k{i})")
    return "WITH " + ", ".join(ctes)


def _item(row: tuple[Any, ...], keys: tuple[tuple[str, str, bool], ...],
          period: str) -> dict[str, Any]:
    first, *values = row
    item: dict[str, Any] = {"period": label(first, period)}
    item.update((name, value) for (name, _, _), value in zip(keys, values, strict=False))
    events, stories, total, mean = values[len(keys):]
    item.update(events=events, stories=stories,
                goldstein_sum=None if total is None else round(float(total), 3),
                goldstein_mean=None if mean is None else round(float(mean), 3))
    return item


def _skipped(con: duckdb.DuckDBPyConnection, flt: EventFilter, fits: str) -> int:
    """Events the filters select but whose date is missing or spans several periods."""
    where, params = flt.where()
    where = (where + " AND " if where else " WHERE ") + f"NOT coalesce({fits}, FALSE)"
    return int(con.execute(f"SELECT count(*) FROM events e{where}", params).fetchone()[0])


def label(first: date | None, period: str) -> str | None:
    """How a period is written: ``2024-03-11`` (day, or the Monday of a week), ``2024-03``,
    ``2024``."""
    if first is None:
        return None
    if period == "month":
        return first.isoformat()[:7]
    if period == "year":
        return first.isoformat()[:4]
    return first.isoformat()


def period_labels(firsts: list[date | None], period: str) -> list[str]:
    """Every period label from the earliest to the latest of ``firsts``."""
    days = [d for d in firsts if d is not None]
    if not days or period == "all":
        return []
    current, last, out = min(days), max(days), []
    while current <= last and len(out) < MAX_ROWS:
        out.append(label(current, period))
        current = _next(current, period)
    return out


def _next(first: date, period: str) -> date:
    if period == "day":
        return first + timedelta(days=1)
    if period == "week":
        return first + timedelta(days=7)
    if period == "month":
        return date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return date(first.year + 1, 1, 1)
