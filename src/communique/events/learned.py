"""A learned check of each coded event: is this trigger, in this context, a real event of its type?

The rules decide an event from a trigger word and its parse. This stage reads the same event
as a bag of sparse features (its type and trigger, the trigger's parse neighbours, the words
around it, who acts on whom, words of the article's lead) and a logistic regression gives the
probability that the event is real and of the right type. Events below the model's threshold
are dropped (the registered stage ``event_filter_learned``, not in the default stages).

The model is a JSON file of feature weights (``events/data/event_filter.json``), trained by
``scripts/train_event_filter.py`` (docs/events.md, "A learned event check"); scoring needs no
library beyond the standard one, so the rule path and this stage share one install.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..config import Config
from ..document import Document, Event
from ..errors import ConfigError
from ..nlp.spans import segment_holding, token_at
from ..registry import stage
from ..resources import data_path
from .matching import lemma

MODEL_FILE = "event_filter.json"
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d+")
WINDOW = 6
LEAD_CHARS = 600


def _word(raw: str) -> str:
    """A lowercased word; numbers and capitalised words (mostly names) as classes."""
    if raw[0].isdigit():
        return "<num>"
    return "<cap>" if raw[0].isupper() and raw[1:].islower() else raw.lower()


def _words(text: str) -> list[str]:
    return [_word(m.group()) for m in WORD.finditer(text)]


def _sides(event: Event) -> list[str]:
    out = []
    for role, actors in (("actor", event.actor), ("recipient", event.recipient)):
        out.append(f"{role}:{'yes' if actors else 'none'}")
        for actor in actors[:2]:
            out.append(f"{role}_sector:{actor.sector or '-'}")
            out.append(f"{role}_coded:{bool(actor.code)}")
    return out


def _parse_features(doc: Document, event: Event, trig: str) -> list[str]:
    start, end = event.evidence.trigger_start, event.evidence.trigger_end
    segment = segment_holding(doc.segments, start) if start >= 0 else None
    token = token_at(segment.parse, segment.start, start, end) if segment is not None else None
    if token is None:
        return ["parse:none"]
    out = [f"pos:{token.pos_}", f"tag:{token.tag_}", f"dep:{token.dep_}", f"head:{lemma(token.head)}",
           f"trig_dep:{trig}|{token.dep_}"]
    for child in token.children:
        if child.dep_ in ("punct", "det", "cc"):
            continue
        out.append(f"child:{child.dep_}:{lemma(child)}")
        out.append(f"trig_child:{trig}|{child.dep_}:{lemma(child)}")
        out.extend(f"grand:{child.dep_}:{lemma(g)}" for g in child.children if g.dep_ == "pobj")
    return out


def event_features(doc: Document, event: Event) -> list[str]:
    """The sparse features of one event in its article (names masked, lowercased)."""
    ev = event.evidence
    trig = ev.trigger.lower()
    start = ev.trigger_start if ev.trigger_start >= 0 else ev.start
    end = ev.trigger_end if ev.trigger_end >= 0 else ev.start
    before = _words(doc.text[ev.start:start])[-WINDOW:]
    after = _words(doc.text[end:ev.end])[:WINDOW]
    feats = ["bias:1", f"type:{event.event_type}", f"cameo:{(event.cameo or '-')[:3]}",
             f"trig:{trig}", f"trig_type:{trig}|{event.event_type}"]
    feats += [f"before:{w}" for w in before] + [f"after:{w}" for w in after]
    feats += [f"near:{trig}|{w}" for w in before[-3:] + after[:3]]
    feats += [f"sent:{w}" for w in set(_words(ev.text))]
    feats += [f"lead:{w}" for w in set(_words((doc.title or "") + " " + doc.text[:LEAD_CHARS]))]
    feats += _sides(event) + _parse_features(doc, event, trig) + _event_marks(doc, event)
    return feats + _neighbours(doc, event)


def _neighbours(doc: Document, event: Event) -> list[str]:
    """The other events of the same sentence: a second event there is often a restatement."""
    ev = event.evidence
    others = [e for e in doc.events if e is not event
              and e.evidence.start < ev.end and ev.start < e.evidence.end]
    out = [f"with:{e.event_type}" for e in others]
    out.append(f"others:{min(len(others), 2)}")
    if any(e.event_type == event.event_type for e in others):
        out.append("with_same_type")
    if any(e.evidence.trigger_start < ev.trigger_start for e in others):
        out.append("not_first")
    if any(e.confidence > event.confidence for e in others):
        out.append("outranked")
    return out


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return sum(value >= edge for edge in edges)


def _event_marks(doc: Document, event: Event) -> list[str]:
    """What the rules already found: their confidence, mode, how often and where it is told."""
    ev = event.evidence
    quoted = doc.text.count("\u201c", 0, ev.start) + doc.text.count('"', 0, ev.start)
    return [f"conf:{_bucket(event.confidence, (0.4, 0.5, 0.6, 0.7, 0.8))}",
            f"mode:{event.mode or '-'}", f"mentions:{min(len(event.mentions), 3)}",
            f"position:{_bucket(ev.start / max(1, len(doc.text)), (0.1, 0.3, 0.6))}",
            f"first_char:{ev.start < 5}", f"quote_parity:{quoted % 2}",
            f"date_stated:{event.date_stated}", f"place:{event.location is not None}",
            f"reported_past:{event.reported_past}"]


@dataclass(frozen=True)
class EventFilterModel:
    """A sparse logistic regression over ``event_features`` with the threshold it was tuned to."""

    weights: dict[str, float]
    threshold: float
    meta: dict[str, Any]

    def probability(self, features: list[str]) -> float:
        z = sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_dict(self) -> dict[str, Any]:
        return {"threshold": self.threshold, "meta": self.meta,
                "weights": dict(sorted(self.weights.items()))}


@cache
def load_model(path: str | None = None) -> EventFilterModel:
    """The trained model (the package's own unless ``path`` names another)."""
    source = path or str(data_path("events", MODEL_FILE))
    try:
        with open(source, encoding="utf-8") as handle:
            raw = json.load(handle)
        return EventFilterModel(raw["weights"], float(raw["threshold"]), raw.get("meta", {}))
    except (OSError, ValueError, KeyError) as exc:
        raise ConfigError(f"cannot read the event-filter model {source}: {exc}; retrain it with "
                          "scripts/train_event_filter.py") from exc


class LearnedEventFilter:
    """Drops events the model finds unlikely to be real events of their type."""

    def __init__(self, config: Config) -> None:
        self.model = load_model(config.get("event_filter.model"))
        self.threshold = float(config.get("event_filter.threshold", self.model.threshold))

    def __call__(self, doc: Document) -> Document:
        if not doc.ok or not doc.events:
            return doc
        doc.events = [e for e in doc.events
                      if self.model.probability(event_features(doc, e)) >= self.threshold]
        return doc


@stage("event_filter_learned", requires=("events", "segments"), assigns=("events",))
def make_event_filter_stage(config: Config) -> LearnedEventFilter:
    """Events a learned model finds unlikely to be real events of their type dropped (opt-in)."""
    return LearnedEventFilter(config)
