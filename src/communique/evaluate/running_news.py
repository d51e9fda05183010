"""The "running-news" suite: whole articles with every event annotated by hand.

Definitions (``running-news-gold.md`` of the shared spec):

- only asserted events are scored: predicted and gold events that are neither negated nor
  hypothetical;
- a predicted event's evidence span overlaps a gold event when it overlaps any of the gold
  event's mention spans (each mention located in the article text by exact search);
- matching is one to one per article: first pairs with overlap and the same type, then
  pairs with overlap and another type;
- event precision = same-type matches / predicted events, recall = same-type matches /
  gold events; mention precision = all matches / predicted events; duplicates = predicted
  events left unmatched that overlap an already-matched gold event;
- over same-type matches: actor right when the gold and predicted actor code sets
  intersect or both are empty, recipient likewise (each side against its own side), dyad
  when both are; date right when equal (where gold has a date); place right when the
  country is equal and one name contains the other, case-folded (where gold has one);
- tune and check halves by ``sha256(id) % 2``; misses from the tune half only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..config import Config
from ..document import Document, Event
from ..errors import EvaluationError
from ..pipeline import make_document
from .codes import gold_codes, output_codes
from .halves import with_halves
from .report import Report, Table, prf, read_records

SLOTS = ("actor", "recipient", "dyad", "date", "place")


@dataclass
class GoldEvent:
    record: dict[str, Any]
    spans: list[tuple[int, int]]

    @property
    def event_type(self) -> str:
        return self.record["event_type"]


@dataclass
class Matching:
    """One article's predictions paired with its gold events."""

    pairs: list[tuple[int, int]] = field(default_factory=list)  # (predicted, gold) indexes
    duplicates: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)


def load_records(paths: list[str], limit: int | None = None) -> list[dict[str, Any]]:
    records = [r for r in read_records(paths, "running-news articles") if r.get("text")]
    return records[:limit] if limit else records


def code_records(records: list[dict[str, Any]], config: Config | None = None) -> list[Document]:
    """Each article coded with its date and title, through the same path as ``code``."""
    from ..api import code_documents

    docs = [make_document(r["text"], id=str(r.get("id") or i), title=r.get("title"),
                          published=r.get("date"), url=r.get("url"))
            for i, r in enumerate(records)]
    return list(code_documents(docs, config))


def asserted(events: list[Any], get: Any = getattr) -> list[Any]:
    return [e for e in events if not get(e, "negated") and not get(e, "hypothetical")]


def gold_events(record: dict[str, Any]) -> tuple[list[GoldEvent], int]:
    """The asserted gold events with their mention spans, and how many mentions were not found."""
    text, missing, out = record["text"], 0, []
    for event in asserted(record.get("events") or [], dict.get):
        spans = []
        for mention in event.get("mentions") or ():
            start = text.find(mention)
            if start < 0:
                missing += 1
            else:
                spans.append((start, start + len(mention)))
        out.append(GoldEvent(event, spans))
    return out, missing


def _overlaps(event: Event, gold: GoldEvent) -> bool:
    start, end = event.evidence.start, event.evidence.end
    return any(start < g_end and g_start < end for g_start, g_end in gold.spans)


def match(predicted: list[Event], gold: list[GoldEvent]) -> Matching:
    """Pair predictions with gold events one to one: same type first, then any type."""
    result, used_gold, used_pred = Matching(), set(), set()
    for same_type in (True, False):
        for p, event in enumerate(predicted):
            if p in used_pred:
                continue
            for g, gold_event in enumerate(gold):
                if g in used_gold or not _overlaps(event, gold_event):
                    continue
                if same_type and event.event_type != gold_event.event_type:
                    continue
                result.pairs.append((p, g))
                used_pred.add(p)
                used_gold.add(g)
                break
    for p, event in enumerate(predicted):
        if p in used_pred:
            continue
        overlapping = [g for g, gold_event in enumerate(gold) if _overlaps(event, gold_event)]
        (result.duplicates if set(overlapping) & used_gold else result.spurious).append(p)
    return result


def _same_codes(gold: list[dict[str, Any]], event: Event, role: str) -> bool:
    wanted, got = gold_codes(gold), output_codes([event], (role,))
    return bool(wanted & got) or (not wanted and not got)


def _place_right(gold: dict[str, Any], predicted: dict[str, Any] | None) -> bool:
    """Same country, and one name contains the other; the predicted name is the place as the
    article wrote it (``text``, as the gold's) or the gazetteer's name."""
    if not predicted or predicted.get("country") != gold.get("country"):
        return False
    a = (gold.get("name") or "").casefold()
    names = {(predicted.get(key) or "").casefold() for key in ("text", "name")} - {""}
    return bool(a) and any(a in b or b in a for b in names)


def slot_results(gold: dict[str, Any], event: Event) -> dict[str, bool | None]:
    """Each slot right (True), wrong (False) or not scored (None) for a same-type match."""
    actor = _same_codes(gold.get("actor") or [], event, "actor")
    recipient = _same_codes(gold.get("recipient") or [], event, "recipient")
    location = gold.get("location")
    return {
        "actor": actor, "recipient": recipient, "dyad": actor and recipient,
        "date": None if not gold.get("date") else event.date == gold["date"],
        "place": None if not location else _place_right(location, event.location),
    }


def _event_view(event: Event) -> dict[str, Any]:
    return {"event_type": event.event_type, "cameo": event.cameo, "trigger": event.evidence.trigger,
            "evidence": event.evidence.text, "start": event.evidence.start,
            "actor": [a.code for a in event.actor], "recipient": [a.code for a in event.recipient],
            "date": event.date, "location": (event.location or {}).get("name")}


def _gold_view(gold: GoldEvent) -> dict[str, Any]:
    record = gold.record
    return {"event_type": record["event_type"],
            "actor": sorted(gold_codes(record.get("actor"))),
            "recipient": sorted(gold_codes(record.get("recipient"))),
            "date": record.get("date"), "location": record.get("location"),
            "mention": (record.get("mentions") or [""])[0], "found": bool(gold.spans)}


def score_article(record: dict[str, Any], doc: Document) -> tuple[Counter, dict[str, Counter], dict]:
    """Counts for one article, per-type counts, and its misses."""
    predicted = asserted(doc.events)
    gold, missing = gold_events(record)
    matching = match(predicted, gold)
    counts = Counter({"articles": 1, "gold": len(gold), "predicted": len(predicted),
                      "mentions_not_found": missing, "duplicates": len(matching.duplicates)})
    per_type: dict[str, Counter] = defaultdict(Counter)
    for g in gold:
        per_type[g.event_type]["gold"] += 1
    for event in predicted:
        per_type[event.event_type]["predicted"] += 1
    miss: dict[str, Any] = {"id": record.get("id"), "date": record.get("date"), "wrong_type": [],
                            "slot_errors": []}
    for p, g in matching.pairs:
        event, gold_event = predicted[p], gold[g]
        counts["matched"] += 1
        if event.event_type != gold_event.event_type:
            miss["wrong_type"].append({"gold": _gold_view(gold_event), "predicted": _event_view(event)})
            continue
        counts["correct"] += 1
        per_type[event.event_type]["correct"] += 1
        results = slot_results(gold_event.record, event)
        for slot, ok in results.items():
            if ok is not None:
                counts[f"{slot}_n"] += 1
                counts[f"{slot}_ok"] += ok
        wrong = [slot for slot, ok in results.items() if ok is False and slot != "dyad"]
        if wrong:
            miss["slot_errors"].append({"wrong": wrong, "gold": _gold_view(gold_event),
                                        "predicted": _event_view(event)})
    matched_gold = {g for _, g in matching.pairs}
    miss["unmatched_gold"] = [_gold_view(g) for i, g in enumerate(gold) if i not in matched_gold]
    miss["spurious"] = [_event_view(predicted[p]) for p in matching.spurious]
    miss["duplicates"] = [_event_view(predicted[p]) for p in matching.duplicates]
    return counts, per_type, miss


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def measures(c: Counter) -> dict[str, float | int]:
    precision, recall, f1 = prf(c["correct"], c["predicted"], c["gold"])
    out: dict[str, float | int] = {
        "articles": c["articles"], "gold_events": c["gold"], "predicted_events": c["predicted"],
        "precision": precision, "recall": recall, "f1": f1,
        "mention_precision": _ratio(c["matched"], c["predicted"]),
        "duplicates": c["duplicates"], "duplicate_rate": _ratio(c["duplicates"], c["predicted"]),
    }
    for slot in SLOTS:
        out[f"{slot}_slot" if slot in ("actor", "recipient", "dyad") else slot] = _ratio(
            c[f"{slot}_ok"], c[f"{slot}_n"])
    out.update({"slot_n": c["actor_n"], "date_n": c["date_n"], "place_n": c["place_n"],
                "gold_mentions_not_found": c["mentions_not_found"]})
    return out


def build_report(records: list[dict[str, Any]], docs: list[Document]) -> Report:
    report = Report(suite="running-news")
    totals: Counter = Counter()
    per_type: dict[str, Counter] = defaultdict(Counter)
    articles = []
    for record, doc in zip(records, docs, strict=True):
        counts, types, miss = score_article(record, doc)
        totals.update(counts)
        for etype, c in types.items():
            per_type[etype].update(c)
        m = measures(counts)
        articles.append([record.get("id"), m["gold_events"], m["predicted_events"], counts["correct"],
                         m["duplicates"], m["precision"], m["recall"]])
        if any(miss[k] for k in ("wrong_type", "slot_errors", "unmatched_gold", "spurious", "duplicates")):
            report.misses.append(miss)
    report.summary.update(measures(totals))
    report.tables.append(_type_table(per_type))
    report.tables.append(Table("per article", ["article", "gold", "predicted", "correct",
                                               "duplicates", "precision", "recall"], articles))
    return report


def _type_table(per_type: dict[str, Counter]) -> Table:
    rows = []
    for etype in sorted(per_type):
        c = per_type[etype]
        rows.append([etype, c["gold"], c["predicted"], c["correct"], *prf(c["correct"], c["predicted"],
                                                                           c["gold"])])
    return Table("per event type (asserted events)",
                 ["type", "gold", "predicted", "correct", "precision", "recall", "f1"], rows)


def run(paths: list[str], *, limit: int | None = None, config: Config | None = None) -> Report:
    """Score whole-article coding against hand-annotated running news."""
    records = load_records(paths, limit)
    if not records:
        raise EvaluationError("no running-news articles with text in the given files")
    return with_halves(build_report, records, code_records(records, config), lambda r: r.get("id"))
