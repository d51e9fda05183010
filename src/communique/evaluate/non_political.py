"""The "non-political" suite: disaster and accident reports, scored as a false-alarm rate.

A report is a false alarm when it yields an asserted (neither negated nor hypothetical)
event of a type that none of its ``legit_events`` can be (the shared data's README: ASSAULT,
PROTEST, THREATEN or SANCTION; ``evaluate/data/non_political.yaml``). Tune and check halves
by ``sha256(id) % 2``; misses from the tune half only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..config import Config
from ..document import Document
from ..errors import EvaluationError
from ..resources import load_data
from .halves import with_halves
from .report import Report, Table, read_records
from .running_news import asserted, code_records


def alarm_types() -> frozenset[str]:
    return frozenset(load_data("evaluate", "non_political.yaml")["false_alarm_types"])


def load_records(paths: list[str], limit: int | None = None) -> list[dict[str, Any]]:
    records = [r for r in read_records(paths, "non-political reports") if r.get("text")]
    return records[:limit] if limit else records


def build_report(records: list[dict[str, Any]], docs: list[Document]) -> Report:
    report = Report(suite="non-political")
    totals: Counter = Counter()
    by_kind: dict[str, Counter] = defaultdict(Counter)
    alarm_events: Counter = Counter()
    alarming = alarm_types()
    for record, doc in zip(records, docs, strict=True):
        events = asserted(doc.events)
        alarms = [e for e in events if e.event_type in alarming]
        kind = record.get("kind") or "?"
        counts = Counter({"reports": 1, "events": len(events), "alarm_reports": bool(alarms)})
        totals.update(counts)
        by_kind[kind].update(counts)
        alarm_events.update(e.event_type for e in alarms)
        if alarms:
            report.misses.append({
                "id": record.get("id"), "kind": kind, "legit_events": record.get("legit_events"),
                "alarms": [{"event_type": e.event_type, "cameo": e.cameo, "trigger": e.evidence.trigger,
                            "evidence": e.evidence.text} for e in alarms]})
    n = totals["reports"]
    report.summary.update({
        "reports": n, "false_alarm_reports": totals["alarm_reports"],
        "false_alarm_rate": totals["alarm_reports"] / n if n else 0.0,
        "asserted_events": totals["events"],
        "events_per_report": totals["events"] / n if n else 0.0,
    })
    report.tables.append(Table("by kind of report", ["kind", "reports", "false alarms", "events"],
                               [[k, c["reports"], c["alarm_reports"], c["events"]]
                                for k, c in sorted(by_kind.items())]))
    report.tables.append(Table("false-alarm events by type", ["type", "events"],
                               sorted(map(list, alarm_events.items()))))
    return report


def run(paths: list[str], *, limit: int | None = None, config: Config | None = None) -> Report:
    """Score false alarms on disaster and accident news."""
    records = load_records(paths, limit)
    if not records:
        raise EvaluationError("no reports with text in the given files")
    return with_halves(build_report, records, code_records(records, config), lambda r: r.get("id"))
