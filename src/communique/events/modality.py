"""Whether an event happened: negation, intent and conditionals, reported speech, tense."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .arguments import subjects, with_conjuncts
from .lexicon import cues
from .matching import NOUN_POS, Trigger, lemma

PAST_TAGS = frozenset({"VBD"})
PERFECT_AUX = frozenset({"have"})
MAX_CLIMB = 8


@dataclass(slots=True)
class Modality:
    negated: bool = False
    intent: bool = False        # future, "plans to", "will", "is ready to"
    possible: bool = False      # "may", "could"
    obligation: bool = False    # "must", "should"
    conditional: bool = False   # the clause has an "if/unless" condition
    in_condition: bool = False  # the event is itself the condition
    planned: bool = False       # "a planned visit"
    purpose: bool = False       # "... to push for reform": intended, not done
    speech_verb: Any = None     # the "said" whose complement holds the event
    past: bool = False


def first_conjunct(verb: Any) -> Any:
    """The first verb of a coordinated verb phrase ("did not meet Y or sign"); a conjunct
    with a subject of its own is a clause of its own ("A ceasefire was not agreed, and the
    military killed 13": the killing is not negated)."""
    token = verb
    for _ in range(MAX_CLIMB):
        if token.dep_ != "conj" or token.head.i == token.i or token.head.pos_ not in ("VERB", "AUX") \
                or _own_clause(token):
            return token
        token = token.head
    return token


def _own_clause(verb: Any) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)


def _is_purpose(verb: Any) -> bool:
    """An infinitive of purpose: "... to allow supplies in"."""
    return verb.dep_ == "advcl" and not any(c.dep_ == "mark" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _continues(verb: Any) -> bool:
    """"will continue attacking", "would keep striking": the act takes the mood of the verb
    of continuing or starting it."""
    return verb.dep_ == "xcomp" and lemma(verb.head) in cues()["aspect_verbs"]


def _aux_lemmas(verb: Any) -> set[str]:
    """Auxiliaries of the verb, or of the verb it is coordinated with or the purpose of."""
    token = verb
    for _ in range(3):
        found = {lemma(c) for c in token.children if c.dep_ in ("aux", "auxpass")} - {"to"}
        if found or token.head.i == token.i or not (token.dep_ == "conj" or _is_purpose(token)
                                                    or _continues(token)) \
                or _own_clause(token):
            return found
        token = token.head
    return set()


def _is_negated(trigger: Trigger, verb: Any) -> bool:
    c = cues()
    for token in {trigger.head, verb}:
        if any(ch.dep_ == "neg" for ch in token.children):
            return True
        if any(ch.dep_ == "det" and lemma(ch) in c["negating_dets"] for ch in token.children):
            return True
    if verb.dep_ == "xcomp" and lemma(verb.head) in c["negating_heads"]:
        return True
    if verb.dep_ == "xcomp" and any(ch.dep_ == "neg" for ch in verb.head.children):
        return True
    head = trigger.head
    if head.dep_ == "pobj" and lemma(head.head) in c["negating_preps"]:
        return True
    if _called_false(head) or _called_false(verb):
        return True
    # "no reports about ransom demands": the noun the event noun is about is negated
    outer = head.head.head if head.dep_ == "pobj" else None
    return outer is not None and outer.pos_ in NOUN_POS and any(
        ch.dep_ == "det" and lemma(ch) in c["negating_dets"] for ch in outer.children)


def _called_false(token: Any) -> bool:
    """An event the text calls false: "reports of shelling are an absolute lie", "dismissed
    reports of an attack", "the claim that troops fired is baseless"."""
    c = cues()
    for _ in range(3):  # "shelling" -> "of" -> "reports"
        if token.dep_ in ("pobj", "pcomp", "prep", "acl") and token.head.i != token.i:
            token = token.head
            continue
        break
    if token.dep_ in ("nsubj", "nsubjpass"):
        return any(lemma(ch) in c["falsity_words"] or any(lemma(g) in c["falsity_words"] for g in ch.children)
                   for ch in token.head.children if ch.dep_ in ("attr", "acomp"))
    return (token.dep_ == "dobj" and lemma(token) in c["report_nouns"]
            and lemma(token.head) in c["denial_verbs"])


def _intent_head(verb: Any) -> bool:
    """"plans to visit", "is ready to help", "is going to attack"."""
    token = verb
    for _ in range(4):
        passes = token.dep_ in ("xcomp", "acomp", "conj") or _is_purpose(token)
        if not passes or token.head.i == token.i:
            return False
        token = token.head
        if lemma(token) in cues()["intent_heads"]:
            return True
    return False


def speech_head(verb: Any) -> Any | None:
    """The speech verb whose reported clause contains ``verb``, if any."""
    token = verb
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i:
            return None
        if token.dep_ in ("ccomp", "parataxis", "xcomp") and lemma(token.head) in cues()["speech_verbs"]:
            return token.head
        if token.dep_ in ("conj", "ccomp", "advcl", "xcomp"):
            token = token.head
            continue
        return None
    return None


def _condition(verb: Any) -> tuple[bool, bool]:
    """(the clause has an "if" condition, the verb is itself one); any verb marked "if" is
    a condition, also where the parser made it the root."""
    conditional = any(c.dep_ == "advcl" and _marked_conditional(c) for c in verb.children)
    return conditional, _marked_conditional(verb)


def _marked_conditional(verb: Any) -> bool:
    marks = cues()["conditional_marks"]
    return any(m.dep_ == "mark" and lemma(m) in marks for m in verb.children)


def _is_past(verb: Any) -> bool:
    if verb.tag_ in PAST_TAGS:
        return not _aux_lemmas(verb) & cues()["future_aux"]
    return verb.tag_ == "VBN" and bool(_aux_lemmas(verb) & PERFECT_AUX)


def _intent_adjective(trigger: Trigger) -> bool:
    """"open to negotiations", "ready for talks": an event noun after an adjective of intent."""
    head = trigger.head
    return (head.dep_ == "pobj" and head.head.head.dep_ == "acomp"
            and lemma(head.head.head) in cues()["intent_heads"])


def modality(trigger: Trigger, verb: Any) -> Modality:
    """The modality of a trigger in the clause of ``verb``."""
    c = cues()
    aux = _aux_lemmas(verb)
    verb = first_conjunct(verb)  # "X will meet Y and sign ...": the first verb holds the mood
    conditional, in_condition = _condition(verb)
    planned = (trigger.head.pos_ in NOUN_POS and any(
        ch.dep_ == "amod" and lemma(ch) in c["planned_modifiers"] for ch in trigger.head.children
    )) or _potential(verb) or _deliberated(trigger)
    return Modality(
        negated=_is_negated(trigger, verb),
        intent=bool(aux & c["future_aux"]) or _intent_head(verb) or _intent_adjective(trigger),
        purpose=_is_purpose(verb),
        possible=bool(aux & c["possibility_aux"]),
        obligation=bool(aux & c["obligation_aux"]) or _has_to(verb),
        conditional=conditional,
        in_condition=in_condition,
        planned=planned,
        speech_verb=speech_head(verb),
        past=_is_past(verb),
    )


def _deliberated(trigger: Trigger) -> bool:
    """"is weighing a trip", "mulls new sanctions", "plans a visit", "is considering
    visiting Seoul": an act someone is thinking about is not done (the thinking itself is no
    event either)."""
    deliberation = cues()["deliberation_verbs"]
    head = trigger.head
    token = head.head if head.pos_ in NOUN_POS and head.dep_ == "dobj" else head
    if token is not head and lemma(token) in deliberation:
        return True
    # "considering visiting", "weighing imposing sanctions": the gerund the thinking governs
    return token.tag_ == "VBG" and token.dep_ == "xcomp" and lemma(token.head) in deliberation


def _potential(verb: Any) -> bool:
    """"the capacity to suppress", "a mandate to support": an ability, not an act."""
    return (verb.dep_ == "acl" and lemma(verb.head) in cues()["potential_nouns"]
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children))


def _has_to(verb: Any) -> bool:
    """"have to", "need to" + verb."""
    return verb.dep_ == "xcomp" and lemma(verb.head) in ("have", "need")


def speaker_tokens(speech_verb: Any) -> list[Any]:
    return with_conjuncts(subjects(speech_verb))
