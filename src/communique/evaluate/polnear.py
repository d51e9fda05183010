"""The "polnear" suite: attributions (quotes with speakers) in PolNeAR news articles.

Definitions (the project's evaluation spec):

- each article (with its ``date`` and ``title``) is coded as one article; the output text
  must equal the input text so that offsets line up;
- gold: attributions with both ``content_spans`` and ``speaker_spans``; a gold span is
  min(start)..max(end) over its pieces;
- a predicted quote is right for a gold attribution when the IoU of the content spans is
  at least 0.5 and the predicted speaker mention span overlaps the gold speaker span;
- precision = predicted quotes right for some gold / predicted quotes; recall = gold
  attributions matched by some right prediction / gold attributions;
- reported twice: all attributions, and direct quotes only (gold ``is_direct_quote``,
  predicted ``direct``).

A third, diagnostic view scores content spans alone (IoU >= 0.5, speaker ignored), to
tell span errors from speaker errors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ..document import Document, Quote
from ..errors import EvaluationError
from .report import Report, Table, read_records

MIN_IOU = 0.5


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    start: int
    end: int
    speaker_start: int
    speaker_end: int
    direct: bool
    record: dict[str, Any]


def _outer(spans: list[list[int]]) -> tuple[int, int]:
    return min(s for s, _ in spans), max(e for _, e in spans)


def gold_attribution(record: dict[str, Any]) -> GoldAttribution | None:
    """The scored form of a gold record, or None when it lacks content or speaker spans."""
    if not record.get("content_spans") or not record.get("speaker_spans"):
        return None
    start, end = _outer(record["content_spans"])
    s_start, s_end = _outer(record["speaker_spans"])
    return GoldAttribution(start, end, s_start, s_end, bool(record.get("is_direct_quote")), record)


def iou(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    inter = max(0, min(a_end, b_end) - max(a_start, b_start))
    union = max(a_end, b_end) - min(a_start, b_start)
    return inter / union if union > 0 else 0.0


def content_match(quote: Quote, gold: GoldAttribution) -> bool:
    return iou(quote.start, quote.end, gold.start, gold.end) >= MIN_IOU


def is_right(quote: Quote, gold: GoldAttribution) -> bool:
    """Content IoU >= 0.5 and the speaker mention overlaps the gold speaker span."""
    speaker = quote.speaker
    if speaker is None or not content_match(quote, gold):
        return False
    return speaker.start < gold.speaker_end and gold.speaker_start < speaker.end


def _read(path: str, what: str) -> list[dict[str, Any]]:
    return read_records([path], f"PolNeAR {what}")


def load_gold(path: str) -> dict[str, list[GoldAttribution]]:
    """Scored gold attributions by article id."""
    by_article: dict[str, list[GoldAttribution]] = defaultdict(list)
    for record in _read(path, "quotes"):
        gold = gold_attribution(record)
        if gold is not None:
            by_article[str(record["article_id"])].append(gold)
    return by_article


def code_articles(path: str, limit: int | None) -> Iterator[Document]:
    """The articles coded through the same reader and pipeline as ``communique code``."""
    from ..api import code_documents
    from ..ingest.readers import jsonl_document

    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    lines = lines[:limit] if limit else lines
    docs = [jsonl_document(line, path, n) for n, line in enumerate(lines, start=1)]
    return code_documents(docs)


@dataclass
class Tally:
    """Counts for one view (all / direct / content only)."""

    right_predicted: int = 0
    predicted: int = 0
    matched_gold: int = 0
    gold: int = 0

    def add(self, quotes: list[Quote], golds: list[GoldAttribution],
            matches: Callable[[Quote, GoldAttribution], bool]) -> tuple[list[Quote], list[GoldAttribution]]:
        """Count one article; returns the wrong predictions and the missed gold."""
        wrong = [q for q in quotes if not any(matches(q, g) for g in golds)]
        missed = [g for g in golds if not any(matches(q, g) for q in quotes)]
        self.predicted += len(quotes)
        self.right_predicted += len(quotes) - len(wrong)
        self.gold += len(golds)
        self.matched_gold += len(golds) - len(missed)
        return wrong, missed

    def scores(self) -> tuple[float, float, float]:
        # precision and recall count different things (right predictions, matched gold)
        precision = self.right_predicted / self.predicted if self.predicted else 0.0
        recall = self.matched_gold / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def _miss(doc: Document, wrong: list[Quote], missed: list[GoldAttribution]) -> dict[str, Any]:
    return {
        "id": doc.id,
        "wrong": [q.to_dict() for q in wrong],
        "missed": [{k: g.record.get(k) for k in ("speaker", "speaker_spans", "cue", "content",
                                                  "content_spans", "is_direct_quote")}
                   for g in missed],
    }


def run(paths: list[str], *, limit: int | None = None) -> Report:
    """Score quotes and speakers on PolNeAR: ``paths`` = [ARTICLES.jsonl, QUOTES.jsonl]."""
    if len(paths) != 2:
        raise EvaluationError("polnear needs two files: ARTICLES.jsonl QUOTES.jsonl")
    gold_by_article = load_gold(paths[1])
    views = {"all": Tally(), "direct": Tally(), "content_only": Tally()}
    report = Report(suite="polnear")
    articles = errors = 0
    for doc in code_articles(paths[0], limit):
        articles += 1
        if doc.error is not None:
            errors += 1
        golds = gold_by_article.get(doc.id, [])
        wrong, missed = views["all"].add(doc.quotes, golds, is_right)
        views["direct"].add([q for q in doc.quotes if q.direct], [g for g in golds if g.direct], is_right)
        views["content_only"].add(doc.quotes, golds, content_match)
        if wrong or missed:
            report.misses.append(_miss(doc, wrong, missed))
    _summarise(report, views, articles, errors)
    return report


def _summarise(report: Report, views: dict[str, Tally], articles: int, errors: int) -> None:
    rows = []
    for name, tally in views.items():
        precision, recall, f1 = tally.scores()
        rows.append([name, tally.predicted, tally.gold, precision, recall, f1])
        if name != "content_only":
            report.summary[f"{name}_speaker_precision"] = precision
            report.summary[f"{name}_speaker_recall"] = recall
            report.summary[f"{name}_speaker_f1"] = f1
    report.summary["articles"] = articles
    report.summary["articles_failed"] = errors
    report.tables.append(Table("attributions (content IoU >= 0.5, speaker overlaps)",
                               ["view", "predicted", "gold", "precision", "recall", "f1"], rows))
