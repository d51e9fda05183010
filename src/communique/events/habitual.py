"""Generic and habitual mentions are not events (the registered stage ``habitual``).

"Al Shabaab is fighting the government", "insurgents have been attacking installations",
"such attacks have claimed 2,000 lives", "they have repeatedly attacked U.S. troops" speak of
a kind of act or an ongoing state, not of one act, and the annotation rules of whole-article
gold code none of them. Marks, from the trigger's own words (``events/data/habitual.yaml``):
a frequency adverb on its verb; a plural event noun under "such", "these", "many"; a
progressive form of a fighting verb ("is fighting", "have been attacking").
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..config import Config
from ..document import Document, Event
from ..nlp.spans import segment_holding, token_at
from ..registry import stage
from ..resources import load_data
from .matching import NOUN_POS, lemma


@cache
def marks() -> dict[str, frozenset[str]]:
    raw = load_data("events", "habitual.yaml")
    return {key: frozenset(words) for key, words in raw.items()}


def _verb_of(token: Any) -> Any:
    if token.pos_ in NOUN_POS and token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
        head = token.head.head if token.dep_ == "pobj" else token.head
        return head if head.pos_ in ("VERB", "AUX") else None
    return token if token.pos_ in ("VERB", "AUX") else None


def _progressive(verb: Any) -> bool:
    return verb.tag_ == "VBG" and any(c.dep_ == "aux" and lemma(c) == "be" for c in verb.children)


def is_habitual(trigger: Any) -> bool:
    """Whether the trigger token tells of a kind of act or an ongoing state."""
    table = marks()
    if trigger.pos_ in NOUN_POS and trigger.tag_ in ("NNS", "NNPS"):
        if any(lemma(c) in table["determiners"] for c in trigger.children if c.dep_ in ("det", "amod", "poss")):
            return True
        if trigger.dep_ == "pobj" and lemma(trigger.head) == "of" \
                and lemma(trigger.head.head) in table["determiners"]:
            return True  # "many of these attacks"
    verb = _verb_of(trigger)
    if verb is None:
        return False
    if any(c.dep_ == "advmod" and lemma(c) in table["adverbs"] for c in verb.children):
        return True
    # a cumulative count ("attacks have killed eight leaders since July") still tells of acts
    return _progressive(verb) and lemma(verb) in table["progressive_lemmas"]


def _trigger_token(doc: Document, event: Event) -> Any:
    start, end = event.evidence.trigger_start, event.evidence.trigger_end
    segment = segment_holding(doc.segments, start)
    return token_at(segment.parse, segment.start, start, end) if segment is not None else None


class HabitualFilter:
    """Drops an article's generic and habitual event mentions."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        if not doc.ok or not doc.events:
            return doc
        kept = []
        for event in doc.events:
            token = _trigger_token(doc, event) if event.evidence.trigger_start >= 0 else None
            if token is None or not is_habitual(token):
                kept.append(event)
        doc.events = kept
        return doc


@stage("habitual", requires=("events", "segments"), assigns=("events",))
def make_habitual_stage(config: Config) -> HabitualFilter:
    """Generic and habitual mentions ("such attacks", "have been fighting since 1969") dropped."""
    return HabitualFilter(config)
