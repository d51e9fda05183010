"""The dates stage: each event gets the date of its own clause.

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

# Dependency labels that open a new clause: a date under one of them belongs to that
# clause's verb, not to a trigger outside it.
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "xcomp", "csubj", "ROOT"})
# A date inside a clause of one of these that modifies another noun than the trigger is that
# clause's time: "support for the new pact, which was agreed last year".
NOUN_CLAUSE_DEPS = frozenset({"relcl", "acl"})
# Crossing these from the trigger up to the date's clause means the trigger is reported
# speech ("said on Monday that they will meet"): the reporting date is not the event's.
SPEECH_DEPS = frozenset({"ccomp", "parataxis"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "would", "going"})
UNATTACHED_PENALTY = 100
# Scores from here up are the day a past act was reported, not a date of the act itself.
REPORTED_SCORE = 4 * UNATTACHED_PENALTY
# A story's lead act lies at most this many days before the story: an older date is background.
LEAD_DAYS = 3
MAX_CLIMB = 6
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


def clause_tense(trigger: Any) -> str:
    """``future``, ``present`` or ``past``: the tense of the finite verb governing the trigger.

    Non-finite verbs (infinitives, participles) take the tense of the verb they hang on,
    except an infinitive after a verb of intent ("plans to visit", "agreed to meet"),
    which looks ahead.
    """
    verb = _verb_of(trigger)
    for _ in range(MAX_CLIMB):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        words = {a.lower_ for a in auxes}
        tags = {a.tag_ for a in auxes} | {verb.tag_}
        if words & FUTURE_AUX:
            return "future"
        if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes) or "VBD" in tags:
            return "past"
        if tags & {"VBZ", "VBP"}:
            return "present"
        head = verb.head
        if "to" in words and head.lemma_.lower() in lexicon().future_verbs:
            return "future"
        if head.i == verb.i:
            break
        verb = _verb_of(head)
    return "past"


def _verb_of(token: Any) -> Any:
    """The token itself if it is a verb, else the nearest verb above it."""
    while token.pos_ not in ("VERB", "AUX") and token.head.i != token.i:
        token = token.head
    return token


def _leaves_clause(token: Any) -> bool:
    """Climbing from ``token`` to its head leaves a reported or coordinated clause."""
    return token.dep_ in SPEECH_DEPS or (token.dep_ == "conj" and token.pos_ in ("VERB", "AUX"))


def _in_period_clause(date_root: Any, trigger: Any) -> bool:
    """The date lies in a clause bounding a period that does not hold the trigger."""
    tok = date_root
    for _ in range(MAX_CLIMB):
        if tok.i == trigger.i or tok.head.i == tok.i:
            return False
        if _bounds_period(tok):
            return not any(t.i == trigger.i for t in tok.subtree)
        tok = tok.head
    return False


def _in_noun_clause(date_root: Any, trigger: Any) -> bool:
    """The date lies in a relative or participial clause modifying another noun than the
    trigger ("the pact, which was agreed last year"; "a conference set for the end of
    January"): it dates that noun's clause, not the trigger's act."""
    tok = date_root
    for _ in range(MAX_CLIMB):
        if tok.i == trigger.i or tok.head.i == tok.i:
            return False
        # a present participle shares its clause's time ("men wearing masks")
        if tok.dep_ in NOUN_CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX") and tok.tag_ != "VBG":
            return tok.head.i != trigger.i and not any(t.i == trigger.i for t in tok.subtree)
        tok = tok.head
    return False


def _bounds_period(token: Any) -> bool:
    """``token`` heads a clause that bounds a period ("since Cho took office last month")."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in lexicon().period_marks for c in token.children)


def attachment(date_root: Any, trigger: Any) -> int | None:
    """How closely a date hangs on the trigger (lower is closer), or None if it belongs elsewhere."""
    steps, tok = 0, date_root
    while tok.head.i != tok.i:
        if _leaves_clause(tok):
            break  # "X praised Y and said Z would host talks in May": May is Z's, not X's
        tok, steps = tok.head, steps + 1
        if tok.i == trigger.i:
            return steps
    clause = date_root
    while clause.dep_ not in CLAUSE_DEPS and clause.head.i != clause.i:
        clause = clause.head
    tok = trigger
    while tok.i != clause.i:
        if tok.dep_ in SPEECH_DEPS or tok.head.i == tok.i:
            return None
        tok = tok.head
    return UNATTACHED_PENALTY + abs(date_root.i - trigger.i)


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
        if root is not None and _in_noun_clause(root, previous.root):
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
    verb = _verb_of(trigger)
    for _ in range(MAX_CLIMB):
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ in ("VBZ", "VBP", "MD") for a in auxes) or verb.tag_ in ("VBZ", "VBP"):
            return False
        if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return True
        if verb.head.i == verb.i:
            return False
        verb = _verb_of(verb.head)
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
    attached first, with its attachment score (see ``_score``; lower is closer).

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
        score = _score(parse, offset, expr, trigger, clause, tense,
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


def reporting_attachment(date_root: Any, trigger: Any) -> int | None:
    """How far a date of the verb that reports the trigger's clause lies ("officials said on
    Sunday that gunmen had attacked"), or None when the date's clause does not govern it."""
    clause = date_root
    while clause.dep_ not in CLAUSE_DEPS and clause.head.i != clause.i:
        clause = clause.head
    tok, steps = trigger, 0
    while tok.head.i != tok.i and tok.i != clause.i:
        tok, steps = tok.head, steps + 1
    return steps if tok.i == clause.i else None


def _score(
    parse: Any, offset: int, expr: Expression, trigger: Any, clause: tuple[int, int] | None,
    tense: str = "past", *, said: bool = False,
) -> int | None:
    """Lower is better: attached to the trigger, then in its clause, then elsewhere nearby,
    and last, for a past event in reported speech, the day it was reported. ``said``: the
    event's act is the saying itself (a refusal, a threat), so the day it was said dates it
    whatever the tense of what was said ("announced on Wednesday that he would not
    recognise the audit")."""
    date_root = token_at(parse, offset, expr.start, expr.end)
    if trigger is None or date_root is None:
        return UNATTACHED_PENALTY
    if _in_period_clause(date_root, trigger) or _in_noun_clause(date_root, trigger):
        return None
    score = attachment(date_root, trigger)
    inside = clause is not None and clause[0] <= expr.start and expr.end <= clause[1]
    distance = abs(date_root.i - trigger.i)
    if score is None and inside:
        # the events coder drew the clause itself: trust it over the parse
        return 3 * UNATTACHED_PENALTY + distance
    if score is None:
        # a past act reported on a day happened by that day: closer than the story's date
        reported = reporting_attachment(date_root, trigger) if tense == "past" or said else None
        return None if reported is None else REPORTED_SCORE + reported
    if score >= UNATTACHED_PENALTY and not inside and clause is not None:
        return 2 * UNATTACHED_PENALTY + distance
    return score


@stage("dates", requires=("segments", "events", "dateline", "quotes"), assigns=("event_dates",))
def make_dates_stage(config: Config) -> DateStage:
    """Event dates from the clause, the dateline and the publication date, with precision."""
    return DateStage(config)
