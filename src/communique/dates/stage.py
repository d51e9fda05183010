"""The dates stage: each event gets the date of its own clause (attach.py says how close a
date hangs on a trigger).

For every event the stage looks for time expressions (spaCy ``DATE`` entities, plus the
explicit forms of ``find_expressions``) inside the event's clause, or else its evidence
sentence; prefers the one syntactically attached to the trigger; and resolves it with
``resolve_date`` against the anchor: the dateline's date, else the publication date. An
event with no expression of its own takes the anchor's day (or stays undated when the
article has no anchor). An own date wholly before the anchor marks it ``reported_past``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import islice
from typing import Any

from ..config import Config
from ..document import Document, Event, Segment
from ..nlp.spans import segment_holding, token_at
from ..registry import stage
from ..resources import load_data
from .attach import (
    MAX_CLIMB,
    REPORTED_SCORE,
    attachment_score,
    clause_tense,
    in_noun_clause,
    verb_of,
)
from .resolve import (
    Resolved,
    capitalised_months,
    follows,
    lexicon,
    normalise,
    parse_iso,
    precedes,
    resolve_date,
)

# A story's lead act lies at most this many days before the story: an older date is background.
LEAD_DAYS = 3
# A story's opening: the headline and the first sentences of its body.
OPENING_SENTENCES = 3


@dataclass(frozen=True, slots=True)
class Expression:
    """A time expression found in the text (absolute offsets)."""

    start: int
    end: int
    text: str


@cache
def explicit_patterns() -> tuple[re.Pattern[str], ...]:
    """Forms spaCy's DATE entities sometimes miss, built from the expression lexicon."""
    lex = lexicon()
    month = capitalised_months()
    weekday = "|".join(
        re.escape(w.capitalize()) for w in sorted(lex.weekdays, key=len, reverse=True) if len(w) > 3
    )
    return (
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:{month})\.?(?:,? \d{{4}})?\b"),
        re.compile(rf"\b(?:{month})\.? \d{{1,2}}(?:st|nd|rd|th)?\b(?:,? \d{{4}}\b)?"),
        re.compile(rf"\b(?:(?:last|next|this) )?(?:{weekday})\b"),
        re.compile(r"\b(?:[Yy]esterday|[Tt]oday|[Tt]omorrow|[Tt]onight|last night"
                   r"|this (?:morning|afternoon|evening))\b"),
        re.compile(r"\b(?:last|next|this) (?:week|month|year)\b"),
        re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    )


def date_entities(parse: Any, offset: int) -> list[Expression]:
    """The spaCy ``DATE`` entities of a parse, at document offsets."""
    return [
        Expression(offset + ent.start_char, offset + ent.end_char, ent.text)
        for ent in parse.ents
        if ent.label_ == "DATE"
    ]


def find_expressions(
    doc: Document,
    parse: Any,
    offset: int,
    start: int,
    end: int,
    entities: list[Expression] | None = None,
) -> list[Expression]:
    """Time expressions inside ``[start, end)``: DATE entities and explicit forms, no overlaps.

    ``entities`` are the parse's ``date_entities`` when the caller already has them.
    """
    if entities is None:
        entities = date_entities(parse, offset)
    found = [e for e in entities if start <= e.start and e.end <= end]
    for pattern in explicit_patterns():
        for hit in pattern.finditer(doc.text, start, end):
            found.append(Expression(hit.start(), hit.end(), hit.group(0)))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Expression] = []
    usable = (e for e in found if not _bounds_a_range(doc.text, e.start)
              and not _is_clock_time(doc.text, e))
    for expr in usable:
        if not kept or expr.start >= kept[-1].end:
            kept.append(expr)
        elif expr.end > kept[-1].end:
            # overlapping pieces of one expression ("Monday, Sept. 18"): join them
            kept[-1] = Expression(kept[-1].start, expr.end, doc.text[kept[-1].start : expr.end])
    return kept


@cache
def _clock_after() -> re.Pattern[str]:
    words = load_data("dates", "expressions.yaml")["clock_words"]
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"\s*(?:{alternation})\b", re.IGNORECASE)


def _is_clock_time(text: str, expr: Expression) -> bool:
    """A bare four-digit number followed by a time zone or "hrs" ("1830 GMT") is a time."""
    return (re.fullmatch(r"\d{4}", expr.text.strip()) is not None
            and _clock_after().match(text, expr.end) is not None)


def _bounds_a_range(text: str, start: int) -> bool:
    """Whether the word before ``start`` makes the expression a range limit ("since 2015")."""
    before = re.search(r"(\w+)\W*$", text[max(0, start - 24) : start])
    return before is not None and before.group(1).lower() in lexicon().range_words


def segment_at(doc: Document, position: int) -> tuple[int, Any] | None:
    """``(offset, parse)`` of the parsed segment holding ``position``."""
    segment = segment_holding(doc.segments, position)
    return (segment.start, segment.parse) if segment is not None else None


def parse_length(parse: Any) -> int:
    """``len(parse.text)`` without building the text (which joins every token)."""
    return parse[-1].idx + len(parse[-1].text_with_ws) if len(parse) else 0


class ParsedSegments:
    """One document's parsed segments with their DATE entities, found once per segment
    rather than once per event."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._entities: dict[int, list[Expression]] = {}

    def at(self, position: int) -> Segment | None:
        """The parsed segment holding ``position``."""
        return segment_holding(self.doc.segments, position)

    def entities(self, segment: Segment) -> list[Expression]:
        """The segment's ``DATE`` entities (document offsets)."""
        if segment.start not in self._entities:
            self._entities[segment.start] = date_entities(segment.parse, segment.start)
        return self._entities[segment.start]


class DateStage:
    """Dates every event of a document from its clause, the dateline or publication date."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        segments = ParsedSegments(doc)
        speech_time = document_anchor(doc)
        anchor = speech_time or narrative_anchor(doc, segments)
        undated, recent = [], []
        for event in sorted(doc.events, key=lambda e: e.evidence.start):
            own = date_event(doc, event, anchor, speech_time=speech_time is not None,
                             segments=segments)
            if own is None:
                undated.append(event)
            elif _recent_day(own, anchor):
                recent.append((own, event.date_stated))
        lead = story_lead(recent, anchor)
        if anchor is not None and sums_up_visit(doc):
            # a trip told once it has ended: its acts fell on some day of it
            lead = _month_of(lead or (anchor.isoformat(), "day"))
            for event in doc.events:
                if event not in undated and _ended_visit(_trigger(event, segments)):
                    event.date, event.date_precision = _month_of((event.date, "day"))
        for event in undated:
            # a quoted act happened by the day it was spoken ("X addressed the nation on
            # Sunday: 'We recaptured our positions …'"); what the story tells without a date
            # of its own happened on its lead's day ("Gunmen attacked X on Sunday. ...
            # Police arrested two suspects."), not on the day it was published
            day = (quote_day(doc, event, anchor, segments)
                   or background_day(doc, event, anchor, segments)
                   or (None if _looks_ahead(event, segments) else lead))
            if day is not None:
                event.date, event.date_precision = day
        return doc


def story_lead(recent: list[tuple[Resolved, bool]], anchor: date | None) -> Resolved | None:
    """The story's lead: its first act dated a few days before its day (an older date is
    background), unless an act it states happened on its own day comes first ("today's
    attack ... Yesterday two smaller bombs"): such a story is told from its own day.

    ``recent``: the recent own days of the acts in text order, each with whether the act
    states it (not only the day it was reported)."""
    for day, stated in recent:
        if anchor is None:
            return None
        if precedes(day, anchor):
            return day
        if stated:
            return None
    return None


def quote_day(doc: Document, event: Event, anchor: date | None,
              segments: ParsedSegments) -> Resolved | None:
    """The day of the speech act whose direct quotation holds ``event``: a time expression
    of the speaker's sentence outside the quotation ("Talon addressed the nation on Sunday
    evening:")."""
    pivot = event.evidence.trigger_start
    for quote in doc.quotes:
        speaker = quote.speaker
        if not quote.direct or speaker is None or not quote.start <= pivot < quote.end:
            continue
        if quote.start <= speaker.start < quote.end:
            continue
        return _outside_day(doc, quote.start, quote.end, speaker.start, anchor, segments)
    return None


def background_day(doc: Document, event: Event, anchor: date | None,
                   segments: ParsedSegments) -> Resolved | None:
    """The background time the sentence before the event's (in its paragraph) names, for
    an act told in the simple past with no date of its own: "Besigye led protests during
    April and May. Security forces stopped the protests and arrested him four times." The
    story has gone back in time and stays there until a new time is named; a recent day
    is the story's own time (the lead's rule), not background."""
    pivot = max(event.evidence.trigger_start, event.evidence.start)
    segment = segments.at(pivot)
    previous = _sentence_at(segment, pivot)[0] if segment is not None else None
    if anchor is None or segment is None or previous is None:
        return None
    trigger = token_at(segment.parse, segment.start, pivot,
                       max(event.evidence.trigger_end, pivot + 1))
    if trigger is None or not _simple_past(trigger):
        return None
    start, end = segment.start + previous.start_char, segment.start + previous.end_char
    for expr in find_expressions(doc, segment.parse, segment.start, start, end,
                                 segments.entities(segment)):
        root = token_at(segment.parse, segment.start, expr.start, expr.end)
        if root is not None and in_noun_clause(root, previous.root):
            continue  # "after the pact, which was agreed in 2016": not the story's time
        found = resolve_date(expr.text, anchor, "past")
        if found is not None:
            # the first time named: "during April and May" began in April
            return found if precedes(found, anchor) and not _recent_day(found, anchor) else None
    return None


def _sentence_at(segment: Segment, position: int) -> tuple[Any, Any]:
    """``(previous, current)``: the sentence of the segment holding ``position`` and the one
    before it (None where there is none)."""
    previous = None
    for sentence in segment.parse.sents:
        if segment.start + sentence.start_char <= position < segment.start + sentence.end_char:
            return previous, sentence
        previous = sentence
    return None, None


def _simple_past(trigger: Any) -> bool:
    """The trigger's finite verb is in the simple past ("stopped"), not the present perfect
    ("have been arrested", told from the story's day)."""
    verb = verb_of(trigger)
    for _ in range(MAX_CLIMB):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxes) or verb.tag_ in ("VBZ", "VBP"):
            return False
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return True
        if verb.head.i == verb.i:
            return False
        verb = verb_of(verb.head)
    return False


def _outside_day(doc: Document, quote_start: int, quote_end: int, position: int,
                 anchor: date | None, segments: ParsedSegments) -> Resolved | None:
    """The first day or month of the sentence at ``position`` outside the quotation."""
    segment = segments.at(position)
    if segment is None:
        return None
    sentence = _sentence_at(segment, position)[1]
    if sentence is None:
        return None
    start, end = segment.start + sentence.start_char, segment.start + sentence.end_char
    for expr in find_expressions(doc, segment.parse, segment.start, start, end,
                                 segments.entities(segment)):
        if expr.start < quote_end and quote_start < expr.end:
            continue
        found = resolve_date(expr.text, anchor, "past")
        if found is not None and found[1] in ("day", "month"):
            return found
    return None


def sums_up_visit(doc: Document) -> bool:
    """The story's opening (its first ``OPENING_SENTENCES``) tells a visit that has ended:
    "President Phuc wraps up State visit to Indonesia"."""
    opening = islice((sent for _, sent in doc.sentences()), OPENING_SENTENCES)
    return any(_ended_visit(token) for sent in opening for token in sent)


def _ended_visit(token: Any) -> bool:
    """A visit noun that a verb of ending takes as its object ("wrapping up a State visit")."""
    lex = lexicon()
    return (token is not None and token.lemma_.lower() in lex.visit_nouns
            and token.dep_ in ("dobj", "nsubjpass")
            and token.head.lemma_.lower() in lex.visit_end_verbs)


def _trigger(event: Event, segments: ParsedSegments) -> Any:
    """The event's trigger token, or None."""
    segment = segments.at(event.evidence.trigger_start)
    if segment is None or event.evidence.trigger_start < 0:
        return None
    return token_at(segment.parse, segment.start, event.evidence.trigger_start,
                    max(event.evidence.trigger_end, event.evidence.trigger_start + 1))


def _looks_ahead(event: Event, segments: ParsedSegments) -> bool:
    """A planned or hypothetical act ("the envoy will attend the conference"): it cannot
    have happened on the day of the story's past lead."""
    trigger = _trigger(event, segments)
    return event.hypothetical or (trigger is not None and clause_tense(trigger) == "future")


def _month_of(day: Resolved) -> Resolved:
    return (day[0][:7], "month") if day[1] == "day" else day


def _recent_day(own: Resolved, anchor: date | None) -> bool:
    """A day on the anchor or at most ``LEAD_DAYS`` before it (an older one is background)."""
    if anchor is None or own[1] != "day":
        return False
    day = parse_iso(own[0])
    return day is not None and 0 <= (anchor - day).days <= LEAD_DAYS


def document_anchor(doc: Document) -> date | None:
    """The day the story speaks from: the dateline's date, else the publication date."""
    dateline_date = parse_iso(doc.dateline.date) if doc.dateline else None
    return dateline_date or parse_iso(doc.published)


def narrative_anchor(doc: Document, segments: ParsedSegments | None = None) -> date | None:
    """For a text with no dateline or publication date: a full date in its first sentence.

    Event notes and bare sentences ("On 8 June 2022, in X, police arrested ...") state
    the reference day at the start; later clauses and sentences speak from it. A date
    further into an undated article (a history, "the 1953 coronation") is no anchor: such
    an article dates events only from absolute expressions of their own.
    """
    segments = segments or ParsedSegments(doc)
    first = next((s for s in doc.segments if s.parse is not None and len(s.parse)), None)
    if first is None:
        return None
    opening = next(iter(first.parse.sents))
    end = first.start + opening.end_char
    for expr in find_expressions(doc, first.parse, first.start, first.start, end,
                                 segments.entities(first)):
        found = resolve_date(expr.text, None)
        if found is not None and found[1] == "day":
            return parse_iso(found[0])
    return None


def date_event(
    doc: Document,
    event: Event,
    anchor: date | None,
    *,
    speech_time: bool = True,
    segments: ParsedSegments | None = None,
) -> Resolved | None:
    """Set ``event.date``/``date_precision`` (and ``reported_past`` when the date is earlier);
    returns the event's own date, None when it took the anchor's.

    ``speech_time`` says the anchor is the day the story was written (dateline or
    publication), not a narrative's first date: past-tense events cannot follow it.
    """
    scored = scored_own_date(doc, event, anchor, speech_time=speech_time, segments=segments)
    own = scored[1] if scored is not None else None
    # article_events weighs stated dates only; the day a past act was reported ("officials
    # said on Sunday that gunmen had attacked") only bounds it, so another mention's own
    # date ("the attack began on Saturday night") is better
    event.date_stated = scored is not None and scored[0] < REPORTED_SCORE
    if own is not None:
        event.date, event.date_precision = own
        if anchor is not None and precedes(own, anchor):
            event.reported_past = True
    elif anchor is not None:
        event.date, event.date_precision = anchor.isoformat(), "day"
    else:
        event.date, event.date_precision = None, None
    return own


def scored_own_date(
    doc: Document,
    event: Event,
    anchor: date | None,
    *,
    speech_time: bool = True,
    segments: ParsedSegments | None = None,
) -> tuple[int, Resolved] | None:
    """``(score, date)``: the resolved time expression of the event's own clause, best
    attached first, with its attachment score (see ``attachment_score``; lower is closer).

    The search covers the evidence sentence and the coder's clause (a clause drawn from
    the trigger on leaves out fronted adverbials: "On 8 June 2022, ..., police arrested");
    syntax decides which expression belongs to the trigger.
    """
    pivot = (
        event.evidence.trigger_start if event.evidence.trigger_start >= 0 else event.evidence.start
    )
    segments = segments or ParsedSegments(doc)
    segment = segments.at(pivot)
    if segment is None:
        return None
    offset, parse = segment.start, segment.parse
    start, end = _search_span(event, offset, offset + parse_length(parse))
    clause = event.clause()
    trigger = token_at(parse, offset, pivot, max(event.evidence.trigger_end, pivot + 1))
    tense = clause_tense(trigger) if trigger is not None else "past"
    ranked = []
    for expr in find_expressions(doc, parse, offset, start, end, segments.entities(segment)):
        score = attachment_score(parse, offset, expr, trigger, clause, tense,
                       said=event.event_type in lexicon().said_types)
        base = narrative_day(doc, segment, expr, anchor, segments) or anchor
        # the day a thing was said lies in the past of the saying, whatever was said
        when = "past" if score is not None and score >= REPORTED_SCORE else tense
        resolved = resolve_date(expr.text, base, when) if score is not None else None
        if resolved is None:
            continue
        if speech_time and tense == "past" and anchor is not None and follows(resolved, anchor):
            # "the following day" in past narration counts from the story, not the anchor
            continue
        ranked.append((score, expr.start, resolved))
    if not ranked:
        return None
    best = min(ranked)
    return best[0], best[2]


def narrative_day(doc: Document, segment: Segment, expr: Expression, anchor: date | None,
                  segments: ParsedSegments) -> date | None:
    """For "the same day", "the next day" (``narrative_days``): the last day the text named
    before ``expr`` in its segment, which such words count from; None for other words or
    when the text named no day before."""
    if normalise(expr.text) not in lexicon().narrative_days:
        return None
    day = None
    for earlier in find_expressions(doc, segment.parse, segment.start, segment.start,
                                    expr.start, segments.entities(segment)):
        if normalise(earlier.text) in lexicon().narrative_days:
            continue
        found = resolve_date(earlier.text, anchor, "past")
        if found is not None and found[1] == "day":
            day = parse_iso(found[0])
    return day


def _search_span(event: Event, segment_start: int, segment_end: int) -> tuple[int, int]:
    """The evidence sentence joined with the clause, kept inside the trigger's segment."""
    clause = event.clause() or (event.evidence.start, event.evidence.end)
    start = min(event.evidence.start, clause[0])
    end = max(event.evidence.end, clause[1])
    return max(start, segment_start), min(end, segment_end)


@stage("dates", requires=("segments", "events", "dateline", "quotes"), assigns=("event_dates",))
def make_dates_stage(config: Config) -> DateStage:
    """Event dates from the clause, the dateline and the publication date, with precision."""
    return DateStage(config)
