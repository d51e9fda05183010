"""The "plover-gsr" suite: PLOVER gold-standard sentences, each coded as one article.

Definitions (the project's evaluation spec):

- predicted events: every event of the document with ``negated == false``;
- recall: sentences where some predicted event has the gold ``event_type`` / sentences;
- precision: predicted events whose type equals their sentence's gold type / predicted events;
- top-1 accuracy: the highest-confidence event's type equals the gold type;
- actor country: over sentences whose gold type was found and whose gold ``actor`` has
  codes, the share where a matching-type event has a gold actor code among its actor or
  recipient codes; the same for gold recipients;
- strict slots: the gold actor's code among the matching events' *actor* codes, the gold
  recipient's among their *recipient* codes (a swapped dyad is wrong);
- tune and check halves by ``sha256(id) % 2``; misses from the tune half only.

Gold country codes written in CAMEO's own list (JAP) are read as ISO3 (JPN), and a
predicted UNO (United Nations body) also matches a gold IGO, through
``evaluate/data/gold_actor_codes.yaml``.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from ..config import Config
from ..document import Document, Event
from ..errors import EvaluationError
from ..pipeline import make_document
from .codes import gold_codes, output_codes
from .halves import with_halves
from .report import Report, Table, read_records


def load_records(paths: list[str], limit: int | None = None) -> list[dict[str, Any]]:
    rows = read_records(paths, "PLOVER gold records")
    records = [r for r in rows if r.get("text") and r.get("event_type")]
    return records[:limit] if limit else records


def code_records(records: list[dict[str, Any]], config: Config | None = None) -> list[Document]:
    """Each record's text coded as one article with no publication date."""
    from ..api import code_documents

    docs = [make_document(r["text"], id=str(r.get("id") or i)) for i, r in enumerate(records)]
    return list(code_documents(docs, config))


def predicted(doc: Document) -> list[Event]:
    return [e for e in doc.events if not e.negated]


def score_record(record: dict[str, Any], events: list[Event]) -> dict[str, Any]:
    gold = record["event_type"]
    matching = [e for e in events if e.event_type == gold]
    top = max(events, key=lambda e: e.confidence).event_type if events else None
    row: dict[str, Any] = {"found": bool(matching), "correct": len(matching),
                           "predicted": len(events), "top": top}
    for role in ("actor", "recipient"):
        wanted = gold_codes(record.get(role) or [])
        scored = matching and wanted
        row[role] = bool(wanted & output_codes(matching)) if scored else None
        # strict: the gold actor among the actors, the gold recipient among the recipients
        row[f"{role}_strict"] = bool(wanted & output_codes(matching, (role,))) if scored else None
    return row


def _miss(record: dict[str, Any], events: list[Event], row: dict[str, Any]) -> dict[str, Any]:
    kinds = []
    if not row["found"]:
        kinds.append("type:none" if not events else "type:wrong")
    if row["correct"] < row["predicted"]:
        kinds.append("spurious")
    kinds += [f"{role}:country" for role in ("actor", "recipient") if row[role] is False]
    kinds += [f"{role}:slot" for role in ("actor", "recipient")
              if row[role] and row[f"{role}_strict"] is False]
    return {
        "id": record.get("id"), "kinds": kinds, "text": record["text"],
        "gold": {"event_type": record["event_type"], "mode": record.get("mode"),
                 "actor": record.get("actor"), "recipient": record.get("recipient"),
                 "markup": record.get("markup")},
        "predicted": [{"event_type": e.event_type, "cameo": e.cameo, "trigger": e.evidence.trigger,
                       "actor": [a.to_dict() for a in e.actor],
                       "recipient": [a.to_dict() for a in e.recipient],
                       "hypothetical": e.hypothetical, "confidence": e.confidence}
                      for e in events],
    }


def build_report(records: list[dict[str, Any]], docs: list[Document]) -> Report:
    report = Report(suite="plover-gsr")
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: dict[str, Counter] = defaultdict(Counter)
    totals: Counter = Counter()
    for record, doc in zip(records, docs, strict=True):
        events = predicted(doc)
        row = score_record(record, events)
        gold = record["event_type"]
        per_type[gold]["gold"] += 1
        per_type[gold]["found"] += row["found"]
        for event in events:
            per_type[event.event_type]["predicted"] += 1
            per_type[event.event_type]["correct"] += event.event_type == gold
        confusion[gold][row["top"] or "(none)"] += 1
        totals.update({"sentences": 1, "found": row["found"], "correct": row["correct"],
                       "predicted": row["predicted"], "top1": row["top"] == gold})
        for role in ("actor", "recipient"):
            if row[role] is not None:
                totals[f"{role}_n"] += 1
                totals[f"{role}_ok"] += row[role]
                totals[f"{role}_strict_ok"] += row[f"{role}_strict"]
        slots = (row["actor_strict"], row["recipient_strict"])
        if not row["found"] or row["correct"] < row["predicted"] or False in slots:
            report.misses.append(_miss(record, events, row))
    _summarise(report, totals)
    report.tables.append(_type_table(per_type))
    report.tables.append(_confusion_table(confusion))
    return report


def _share(totals: Counter, key: str, role: str) -> float:
    return totals[key] / totals[f"{role}_n"] if totals[f"{role}_n"] else 0.0


def _summarise(report: Report, totals: Counter) -> None:
    n = totals["sentences"]
    precision = totals["correct"] / totals["predicted"] if totals["predicted"] else 0.0
    recall = totals["found"] / n if n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    report.summary.update({
        "sentences": n, "predicted_events": totals["predicted"],
        "precision": precision, "recall": recall, "f1": f1,
        "top1_accuracy": totals["top1"] / n if n else 0.0,
        "actor_country_accuracy": _share(totals, "actor_ok", "actor"),
        "actor_slot_strict": _share(totals, "actor_strict_ok", "actor"),
        "actor_country_n": totals["actor_n"],
        "recipient_country_accuracy": _share(totals, "recipient_ok", "recipient"),
        "recipient_slot_strict": _share(totals, "recipient_strict_ok", "recipient"),
        "recipient_country_n": totals["recipient_n"],
    })


def _type_table(per_type: dict[str, Counter]) -> Table:
    rows = []
    for etype in sorted(per_type):
        c = per_type[etype]
        precision = c["correct"] / c["predicted"] if c["predicted"] else 0.0
        recall = c["found"] / c["gold"] if c["gold"] else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append([etype, c["gold"], c["predicted"], precision, recall, f1])
    return Table("per event type (precision over predicted events, recall over gold sentences)",
                 ["type", "gold", "predicted", "precision", "recall", "f1"], rows)


def _confusion_table(confusion: dict[str, Counter]) -> Table:
    predicted_types = sorted({p for row in confusion.values() for p in row})
    rows = [[gold, *[confusion[gold].get(p, 0) for p in predicted_types]] for gold in sorted(confusion)]
    # four-letter column heads keep the matrix readable in a terminal
    return Table("confusion: gold type (rows) x top-1 predicted type",
                 ["gold", *[p[:4] for p in predicted_types]], rows)


def run(paths: list[str], *, limit: int | None = None, config: Config | None = None) -> Report:
    """Score event coding on PLOVER gold sentences."""
    records = load_records(paths, limit)
    if not records:
        raise EvaluationError("no PLOVER gold records with text and event_type in the given files")
    return with_halves(build_report, records, code_records(records, config), lambda r: r.get("id"))
