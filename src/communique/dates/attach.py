"""Where a time expression hangs in the parse relative to an event's trigger: the tense of
the trigger's clause, and how closely a date is attached to it (the dates stage picks the
date with the lowest score)."""

from __future__ import annotations

from typing import Any

from ..nlp.spans import token_at
from .resolve import lexicon

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
MAX_CLIMB = 6


def clause_tense(trigger: Any) -> str:
    """``future``, ``present`` or ``past``: the tense of the finite verb governing the trigger.

    Non-finite verbs (infinitives, participles) take the tense of the verb they hang on,
    except an infinitive after a verb of intent ("plans to visit", "agreed to meet"),
    which looks ahead.
    """
    verb = verb_of(trigger)
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
        verb = verb_of(head)
    return "past"


def verb_of(token: Any) -> Any:
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


def in_noun_clause(date_root: Any, trigger: Any) -> bool:
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


def attachment_score(
    parse: Any, offset: int, expr: Any, trigger: Any, clause: tuple[int, int] | None,
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
    if _in_period_clause(date_root, trigger) or in_noun_clause(date_root, trigger):
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
