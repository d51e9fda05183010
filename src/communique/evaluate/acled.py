"""The "acled" suite: ACLED event notes, each coded as one article.

Definitions (the project's evaluation spec):

- sample: up to 40 notes per ACLED sub-event type among the mapped types (the table in
  ``evaluate/data/acled_plover.yaml``), ordered by the sha256 of ``event_id_cnty``;
- predicted events: ``negated == false`` and ``hypothetical == false``;
- recall: notes with an acceptable predicted type / notes; precision: predicted events
  with an acceptable type / predicted events;
- for a note with an acceptable event, the highest-confidence acceptable one is checked
  for place (where ``geo_precision`` is 1 or 2: its location within 50 km, haversine, of
  ACLED's coordinates) and day (where ``time_precision`` is 1: its date equals
  ``event_date``);
- tune and check halves by ``sha256(event_id_cnty) % 2`` over the sample; misses from the
  tune half only.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from typing import Any

from ..config import Config
from ..document import Document, Event
from ..errors import EvaluationError
from ..pipeline import make_document
from ..resources import load_data
from .halves import with_halves
from .report import Report, Table, read_records

PER_TYPE = 40
PLACE_KM = 50.0
EARTH_KM = 6371.0088


def acceptable_types(record: dict[str, Any]) -> tuple[str, ...]:
    """PLOVER types that count as a right coding of an ACLED record (empty: not scored)."""
    table = load_data("evaluate", "acled_plover.yaml")
    by_sub = table["sub_event_types"].get(record.get("sub_event_type"))
    if by_sub:
        return tuple(by_sub)
    return tuple(table["event_types"].get(record.get("event_type"), ()))


def _order(record: dict[str, Any]) -> str:
    return hashlib.sha256(str(record.get("event_id_cnty", "")).encode("utf-8")).hexdigest()


def sample(records: list[dict[str, Any]], per_type: int = PER_TYPE) -> list[dict[str, Any]]:
    """Up to ``per_type`` notes of each mapped sub-event type, by sha256 of the event id."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        if record.get("notes") and acceptable_types(record):
            groups[record["sub_event_type"]].append(record)
    ranked = [sorted(groups[sub_type], key=_order)[:per_type] for sub_type in sorted(groups)]
    # round-robin over sub-types, so that a --limit still sees every kind of note
    return [r for rank in range(per_type) for group in ranked if rank < len(group)
            for r in (group[rank],)]


def load_records(paths: list[str], limit: int | None = None) -> list[dict[str, Any]]:
    chosen = sample(read_records(paths, "ACLED records"))
    return chosen[:limit] if limit else chosen


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


def predicted(doc: Document) -> list[Event]:
    return [e for e in doc.events if not e.negated and not e.hypothetical]


def place_ok(record: dict[str, Any], event: Event) -> bool | None:
    if record.get("geo_precision") not in (1, 2):
        return None
    loc = event.location or {}
    if loc.get("lat") is None or loc.get("lon") is None or record.get("latitude") is None:
        return False
    return haversine_km(loc["lat"], loc["lon"], record["latitude"], record["longitude"]) <= PLACE_KM


def day_ok(record: dict[str, Any], event: Event) -> bool | None:
    if record.get("time_precision") != 1:
        return None
    return event.date == record.get("event_date")


def score_record(record: dict[str, Any], events: list[Event]) -> dict[str, Any]:
    accepted = acceptable_types(record)
    good = [e for e in events if e.event_type in accepted]
    row: dict[str, Any] = {"found": bool(good), "correct": len(good), "predicted": len(events),
                           "place": None, "day": None}
    if good:
        best = max(good, key=lambda e: e.confidence)
        row["place"], row["day"] = place_ok(record, best), day_ok(record, best)
    return row


def code_records(records: list[dict[str, Any]], config: Config | None = None) -> list[Document]:
    from ..api import code_documents

    docs = [make_document(r["notes"], id=str(r.get("event_id_cnty") or i)) for i, r in enumerate(records)]
    return list(code_documents(docs, config))


def _miss(record: dict[str, Any], events: list[Event], row: dict[str, Any]) -> dict[str, Any]:
    kinds = []
    if not row["found"]:
        kinds.append("type:none" if not events else "type:wrong")
    if row["correct"] < row["predicted"]:
        kinds.append("spurious")
    kinds += [m for m in ("place", "day") if row[m] is False]
    return {
        "id": record.get("event_id_cnty"), "kinds": kinds, "text": record["notes"],
        "gold": {"event_type": record.get("event_type"), "sub_event_type": record.get("sub_event_type"),
                 "acceptable": list(acceptable_types(record)), "event_date": record.get("event_date"),
                 "location": record.get("location"), "latitude": record.get("latitude"),
                 "longitude": record.get("longitude")},
        "predicted": [{"event_type": e.event_type, "cameo": e.cameo, "trigger": e.evidence.trigger,
                       "date": e.date, "location": e.location, "confidence": e.confidence}
                      for e in events],
    }


def build_report(records: list[dict[str, Any]], docs: list[Document]) -> Report:
    report = Report(suite="acled")
    per_sub: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for record, doc in zip(records, docs, strict=True):
        events = predicted(doc)
        row = score_record(record, events)
        counts = Counter({"notes": 1, "found": row["found"], "correct": row["correct"],
                          "predicted": row["predicted"]})
        for measure in ("place", "day"):
            if row[measure] is not None:
                counts[f"{measure}_n"] += 1
                counts[f"{measure}_ok"] += row[measure]
        totals.update(counts)
        per_sub[record["sub_event_type"]].update(counts)
        if not row["found"] or row["correct"] < row["predicted"] or False in (row["place"], row["day"]):
            report.misses.append(_miss(record, events, row))
    report.summary.update(_measures(totals))
    report.tables.append(_sub_type_table(per_sub))
    return report


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _measures(c: Counter) -> dict[str, float | int]:
    precision, recall = _ratio(c["correct"], c["predicted"]), _ratio(c["found"], c["notes"])
    return {
        "notes": c["notes"], "predicted_events": c["predicted"],
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "place_within_50km": _ratio(c["place_ok"], c["place_n"]), "place_n": c["place_n"],
        "day_accuracy": _ratio(c["day_ok"], c["day_n"]), "day_n": c["day_n"],
    }


def _sub_type_table(per_sub: dict[str, Counter]) -> Table:
    rows = []
    for sub_type in sorted(per_sub):
        m = _measures(per_sub[sub_type])
        rows.append([sub_type, m["notes"], m["predicted_events"], m["precision"], m["recall"],
                     m["place_within_50km"], m["day_accuracy"]])
    return Table("per ACLED sub-event type", ["sub-event type", "notes", "predicted", "precision",
                                              "recall", "place", "day"], rows)


def run(paths: list[str], *, limit: int | None = None, config: Config | None = None) -> Report:
    """Score event coding (type, place, day) on a stratified sample of ACLED notes."""
    records = load_records(paths, limit)
    if not records:
        raise EvaluationError("no ACLED notes of a mapped sub-event type in the given files")
    return with_halves(build_report, records, code_records(records, config),
                       lambda r: r.get("event_id_cnty"))
