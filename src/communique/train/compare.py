"""The measured table of docs/learned.md: the rules with and without a learned event check.

The four event suites are coded once. Each variant then only drops events: a model gives
every event a probability, and events below a threshold go. The suites' own report builders
score what is left, on the tune and check halves. The running-news and non-political tune
articles were training data, so each is scored by a model fitted without its fold (four
folds by sha256 of the article id). Tune numbers stay out-of-sample, and the threshold can
be chosen on them.
"""

from __future__ import annotations

import copy
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..document import Document, Event
from ..evaluate import acled, non_political, plover_gsr, running_news
from ..evaluate.halves import HALVES, with_halves
from .event_filter import Example, FitSettings, fit

FOLDS = 4
CROSS_FITTED = ("running-news", "non-political")
MEASURES = {"running-news": ("precision", "recall", "f1"), "non-political": ("false_alarm_rate",),
            "plover-gsr": ("precision", "recall", "f1"), "acled": ("precision", "recall", "f1")}
Scorer = Callable[[str, Document, int], float]


@dataclass
class Suite:
    name: str
    module: Any
    records: list[dict[str, Any]]
    docs: list[Document]
    id_of: Callable[[dict[str, Any]], Any]


def code_suites(shared: Path) -> list[Suite]:
    """The four event suites' dev sets, coded once by the rule pipeline."""
    data = shared / "data"
    plan = [("running-news", running_news, data / "running_news/running_news_dev.jsonl", "id"),
            ("non-political", non_political, data / "running_news/non_political_dev.jsonl", "id"),
            ("plover-gsr", plover_gsr, data / "plover_gsr/plover_gsr_dev.jsonl", "id"),
            ("acled", acled, data / "acled/acled_notes_dev.jsonl", "event_id_cnty")]
    suites = []
    for name, module, path, key in plan:
        records = module.load_records([str(path)])
        code = getattr(module, "code_records", running_news.code_records)
        suites.append(Suite(name, module, records, code(records), lambda r, k=key: r.get(k)))
    return suites


def fold_of(doc_id: str) -> int:
    return int(hashlib.sha256(doc_id.encode("utf-8")).hexdigest(), 16) % FOLDS


def score(suites: Sequence[Suite], keep: Callable[[str, Document, int], bool]) -> dict[str, Any]:
    """Each suite's tune and check measures after dropping the events ``keep`` refuses."""
    out: dict[str, Any] = {}
    for suite in suites:
        kept = []
        for doc in suite.docs:
            copied = copy.copy(doc)
            copied.events = [e for i, e in enumerate(doc.events) if keep(suite.name, doc, i)]
            kept.append(copied)
        report = with_halves(suite.module.build_report, suite.records, kept, suite.id_of)
        out[suite.name] = {half: {m: report.halves[half][m] for m in MEASURES[suite.name]}
                           for half in HALVES}
    return out


def sparse_scorer(examples: list[Example], settings: FitSettings) -> Scorer:
    """Probabilities of the sparse model, cross-fitted on the tune articles it trained on."""
    from ..events.learned import EventFilterModel, event_features

    def model_without(k: int | None) -> EventFilterModel:
        chosen = [e for e in examples if k is None or e.source not in CROSS_FITTED
                  or fold_of(e.doc_id) != k]
        return EventFilterModel(fit(chosen, settings), 0.5, {})

    full, folds = model_without(None), [model_without(k) for k in range(FOLDS)]
    trained_on = {e.doc_id for e in examples if e.source in CROSS_FITTED}

    def probability(suite: str, doc: Document, index: int) -> float:
        model = folds[fold_of(doc.id)] if doc.id in trained_on else full
        return model.probability(event_features(doc, doc.events[index]))

    return _memo(probability)


def _memo(scorer: Scorer) -> Scorer:
    seen: dict[tuple[str, str, int], float] = {}

    def cached(suite: str, doc: Document, index: int) -> float:
        key = (suite, doc.id, index)
        if key not in seen:
            seen[key] = scorer(suite, doc, index)
        return seen[key]

    return cached


def sweep(suites: Sequence[Suite], scorer: Scorer | None,
          thresholds: Sequence[float]) -> list[tuple[float | None, dict[str, Any]]]:
    """The rules alone (threshold None), then the rules with the check at each threshold."""
    rows: list[tuple[float | None, dict[str, Any]]] = [(None, score(suites, lambda *_: True))]
    if scorer is not None:
        for t in thresholds:
            rows.append((t, score(suites, lambda s, d, i, t=t: scorer(s, d, i) >= t)))
    return rows


def marked_sentence(event: Event) -> str:
    """The event's sentence with its trigger marked, headed by its type (embedding input)."""
    ev = event.evidence
    at = ev.trigger_start - ev.start
    if not 0 <= at <= len(ev.text):
        return f"{event.event_type}: {ev.text}"
    end = at + len(ev.trigger)
    return f"{event.event_type}: {ev.text[:at]}<< {ev.text[at:end]} >>{ev.text[end:]}"
