"""The "actors" suite: NGEC actor-resolution records through ``communique actor --batch``.

Country accuracy over records with an expected country (``expected.country`` or ``cc``):
the actor's ``code`` equals it. Sector accuracy over records with ``expected.code_1`` (not
``????``): it equals ``sector`` or is among ``sectors``. Tune and check halves by
``sha256(id) % 2``; misses from the tune half only.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..actors.resolve import iso_date, resolve_record
from .halves import with_halves
from .report import Report, Table, read_records

METHODS = frozenset({"agent_to_code", "search_nat", "short_text_to_agent"})


def load_records(paths: list[str], limit: int | None = None) -> list[dict[str, Any]]:
    records = [r for r in read_records(paths, "actor records") if r.get("method") in METHODS]
    return records[:limit] if limit else records


def expected_country(record: dict[str, Any]) -> str | None:
    expected = record.get("expected") or {}
    return expected.get("country") or expected.get("cc") or None


def expected_sector(record: dict[str, Any]) -> str | None:
    code = (record.get("expected") or {}).get("code_1")
    return code if code and code != "????" else None


def batch_line(record: dict[str, Any]) -> dict[str, Any]:
    """The ``--batch`` input line for a record (date only when it is an ISO date)."""
    return {"id": record.get("id"), "text": record.get("text"), "context": record.get("context"),
            "date": iso_date(record.get("query_date"))}


def score_record(record: dict[str, Any], actor: dict[str, Any]) -> dict[str, bool | None]:
    country, sector = expected_country(record), expected_sector(record)
    return {
        "country": None if country is None else actor["code"] == country,
        "sector": None if sector is None else (actor["sector"] == sector or sector in actor["sectors"]),
    }


def miss_kind(measure: str, record: dict[str, Any], actor: dict[str, Any]) -> str:
    """Why a record missed: nothing found, or a wrong answer."""
    if measure == "country":
        return "country:none" if not actor["code"] else "country:wrong"
    return "sector:none" if not actor["sectors"] else "sector:wrong"


def run(paths: list[str], *, limit: int | None = None) -> Report:
    """Score the actor-resolution records in ``paths`` (with tune and check halves)."""
    records = load_records(paths, limit)
    actors = [resolve_record(batch_line(record)) for record in records]
    return with_halves(build_report, records, actors, lambda r: r.get("id"))


def build_report(records: list[dict[str, Any]], actors: list[dict[str, Any]]) -> Report:
    """Score resolved actors against their records."""
    totals: Counter[str] = Counter()
    right: Counter[str] = Counter()
    kinds: Counter[tuple[str, str]] = Counter()
    report = Report(suite="actors")
    for record, actor in zip(records, actors, strict=True):
        for measure, ok in score_record(record, actor).items():
            if ok is None:
                continue
            totals[measure] += 1
            right[measure] += ok
            if not ok:
                kind = miss_kind(measure, record, actor)
                kinds[(record["method"], kind)] += 1
                report.misses.append({"id": record.get("id"), "kind": kind, "text": record.get("text"),
                                      "context": record.get("context"), "date": record.get("query_date"),
                                      "expected": record.get("expected"), "got": actor})
    report.summary = {
        "records": len(records),
        "country_n": totals["country"],
        "country_accuracy": right["country"] / totals["country"] if totals["country"] else 0.0,
        "sector_n": totals["sector"],
        "sector_accuracy": right["sector"] / totals["sector"] if totals["sector"] else 0.0,
    }
    report.tables.append(Table("misses by kind", ["method", "kind", "misses"],
                               [[m, k, n] for (m, k), n in sorted(kinds.items())]))
    return report
