"""Who did it and to whom: actor and recipient phrases from the dependency parse.

Subjects are inherited the way English grammar passes them on: coordinated verbs share
their subject ("X met Y and signed ..."), infinitives take their controller's subject or
object ("X agreed to help", "X urged Y to withdraw"), relative clauses take the noun they
modify. Reported speech is a boundary: the events in "X said Y attacked Z" are Y's.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .lexicon import act_nouns, cues
from .matching import NOUN_POS, PARTY_ENTITIES, Trigger, lemma

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "obj"})
GOVERNED_NOUN_DEPS = frozenset({"dobj", "attr", "oprd", "nsubjpass", "obj"})
MAX_PARTNER_CLIMB = 4
GOVERNING_PREPS = frozenset({"for", "in", "into", "under"})
SPAN_DROP_DEPS = frozenset({"relcl", "acl", "advcl", "punct", "prep", "ccomp", "parataxis",
                            "mark", "case"})
HEAD_DROP_DEPS = frozenset({"cc", "conj"})  # conjuncts of the head are actors of their own
SPAN_KEEP_PREPS = frozenset({"of", "from", "in"})
MAX_CLIMB = 6
# "on Saturday", "for 10 days": times and amounts are never actors
NON_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
AMOUNT_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY"})


def _is_verbal(token: Any) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.dep_ == "ROOT"


def is_passive(verb: Any) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def with_conjuncts(tokens: list[Any]) -> list[Any]:
    out: list[Any] = []
    for token in tokens:
        for t in (token, *token.conjuncts):
            if t not in out:
                out.append(t)
    return out


def agents(verb: Any) -> list[Any]:
    """The "by X" of a passive verb or event noun."""
    found = []
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and lemma(child) in cues()["agent_preps"]):
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _own_subjects(verb: Any) -> list[Any]:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    if subjects and lemma(subjects[0]) in cues()["relative_pronouns"] and verb.dep_ == "relcl":
        return [verb.head]
    return subjects


def _stance_holders(verb: Any) -> list[Any]:
    """"Israel is opposed to X": a passive stating a stand has its holder as subject."""
    if lemma(verb) not in cues()["stance_passives"]:
        return []
    return [c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS]


def subjects(verb: Any, depth: int = 0) -> list[Any]:
    """The subject tokens of a verb, inherited through coordination and control."""
    own = _own_subjects(verb)
    if own:
        return own
    if is_passive(verb):
        return agents(verb) or _stance_holders(verb)
    if depth >= MAX_CLIMB or verb.head.i == verb.i:
        return []
    head, dep = verb.head, verb.dep_
    if dep == "conj" and _is_verbal(head):
        return subjects(head, depth + 1)
    if dep == "xcomp":
        controller = [c for c in head.children if c.dep_ in OBJECT_DEPS]
        return controller or subjects(head, depth + 1)
    if dep in ("advcl", "acomp"):
        return subjects(head, depth + 1)
    if dep == "acl" and verb.tag_ == "VBN" and head.pos_ in NOUN_POS:
        return agents(verb)  # "schoolgirls abducted by Boko Haram": the girls suffered it
    if dep in ("relcl", "acl") and head.pos_ in NOUN_POS:
        if lemma(head) in cues()["utterance_nouns"] and head.dep_ in OBJECT_DEPS:
            # "X issued a statement condemning Y": the statement speaks for X
            return subjects(head.head, depth + 1)
        return [head]
    if dep == "pcomp" and head.dep_ == "prep":
        return subjects(head.head, depth + 1)
    return []


def noun_phrase_head(noun: Any) -> Any:
    """The head of the noun phrase an event noun modifies ("mediation mission")."""
    token = noun
    for _ in range(3):
        if token.dep_ != "compound" or token.head.pos_ not in NOUN_POS:
            return token
        token = token.head
    return token


def _is_amount(token: Any) -> bool:
    """A sum or a count ("$500 million", "€50bn", "two tonnes")."""
    return token.like_num or token.tag_ == "CD" or token.ent_type_ in ("MONEY", "QUANTITY") \
        or any(c.dep_ == "nummod" for c in token.children)  # "two billion euros"


def governor(noun: Any) -> Any | None:
    """The verb that an event noun is the object of ("held talks", "paid a visit")."""
    noun = noun_phrase_head(noun)
    head = noun.head
    if noun.dep_ in GOVERNED_NOUN_DEPS and _is_verbal(head):
        return head
    if noun.dep_ == "pobj" and lemma(head) in GOVERNING_PREPS and _is_verbal(head.head):
        return head.head
    if noun.dep_ == "pobj" and head.head.dep_ == "acomp" and _is_verbal(head.head.head):
        return head.head.head  # "is open to negotiations", "ready for talks"
    if noun.dep_ == "pobj" and lemma(head) == "of" and head.head.pos_ in NOUN_POS:
        return governor(head.head)  # "tons of aid", "a series of bombs"
    if noun.dep_ == "pobj" and lemma(head) in cues()["medium_preps"] \
            and lemma(head.head) in cues()["communication_verbs"]:
        return head.head  # "spoke by phone", "talked over video link"
    if noun.dep_ == "pobj" and lemma(head) == "in" and _is_amount(head.head):
        return governor(head.head)  # "announced $500 million in aid"
    if noun.dep_ == "conj" and head.pos_ in NOUN_POS and head.i != noun.i:
        return governor(head)
    return None


def clause_verb(trigger: Trigger) -> Any:
    """The verb whose clause the trigger belongs to (itself for verbs)."""
    if trigger.is_noun:
        return governor(trigger.head) or trigger.head
    return trigger.head


def _noun_modifier_actors(noun: Any) -> list[Any]:
    """"Russian airstrikes", "US Predator attacks": named modifiers of an event noun."""
    return [c for c in noun.children
            if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("NORP", "GPE", "ORG")]


def actor_tokens(trigger: Trigger) -> list[Any]:
    head = trigger.head
    if trigger.is_noun:
        own = [c for c in head.children if c.dep_ == "poss" and c.pos_ != "PRON"] or agents(head)
        own = own or _noun_modifier_actors(head)
        if own:
            return with_conjuncts(own)
        verb = governor(head)
        inherited = with_conjuncts(subjects(verb)) if verb is not None else []
        # "its invasion": the possessive pronoun when no subject says more
        own = inherited or [c for c in head.children if c.dep_ == "poss"]
        return own or _partner_of_meeting(trigger)
    return with_conjuncts([doer for s in subjects(head) for doer in (_noun_agents(s) or [s])])


def _partner_of_meeting(trigger: Trigger) -> list[Any]:
    """"Following the talks with Aliyev, Pashinyan said": whoever the clause is about took
    part in a meeting held "with" someone (only for joint acts: meetings and deals)."""
    head = trigger.head
    if (trigger.sense.plover or "").lower() not in cues()["joint_act_types"] or not any(
            c.dep_ == "prep" and lemma(c) == "with" for c in head.children):
        return []
    token = head
    for _ in range(MAX_PARTNER_CLIMB):
        if token.head.i == token.i:
            return []
        token = token.head
        found = subjects(token) if _is_verbal(token) else []
        if found:
            return with_conjuncts(found)
    return []


def _noun_agents(subject: Any) -> list[Any]:
    """"The attack on the convoy by Taliban fighters killed five": an act named as the
    subject was done by its "by X" (which the parser may hang on the act's object)."""
    if subject.pos_ not in NOUN_POS or subject.ent_type_:
        return []
    found = agents(subject)
    for prep in (c for c in subject.children if c.dep_ == "prep"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            found.extend(agents(pobj))
    return found


def _prep_objects(token: Any, allow_noun_preps: bool) -> Iterator[Any]:
    preps = cues()["recipient_preps"]
    noun_only = cues()["noun_only_preps"]
    for child in token.children:
        if child.dep_ != "prep" or lemma(child) not in preps:
            continue
        if lemma(child) in noun_only and not allow_noun_preps:
            continue
        yield from (c for c in child.children if c.dep_ == "pobj")


def _complement_subject(verb: Any) -> list[Any]:
    for child in verb.children:
        if child.dep_ in ("ccomp", "xcomp"):
            found = [c for c in child.children if c.dep_ in SUBJECT_DEPS]
            if found:
                return found
    return []


def _verb_recipients(trigger: Trigger) -> list[Any]:
    head = trigger.head
    found: list[Any] = []
    if is_passive(head):
        found.extend(c for c in head.children if c.dep_ in PASSIVE_SUBJECT_DEPS)
    if head.dep_ == "acl" and head.tag_ == "VBN" and head.head.pos_ in NOUN_POS:
        found.append(head.head)  # "schoolgirls abducted by X", "the soldiers killed in"
    for obj in (c for c in head.children if c.dep_ in OBJECT_DEPS):
        # "sent aid to X": the thing given is not the recipient, X is
        if lemma(obj) not in trigger.sense.objects or trigger.sense.object_is_recipient:
            found.append(obj)
        found.extend(_prep_objects(obj, allow_noun_preps=False))
    found.extend(_prep_objects(head, allow_noun_preps=False))
    found = [t for t in found if t.ent_type_ not in NON_ACTOR_ENTITIES]
    return found or _complement_subject(head) or _complement_objects(head)


def _complement_objects(verb: Any) -> list[Any]:
    """"threatened to deliver blows to X": the recipient sits in the complement clause."""
    found: list[Any] = []
    for child in verb.children:
        if child.dep_ in ("xcomp", "ccomp"):
            found.extend(c for c in child.children if c.dep_ in OBJECT_DEPS)
            found.extend(_prep_objects(child, allow_noun_preps=False))
    return found


def _noun_recipients(trigger: Trigger) -> list[Any]:
    head = trigger.head
    found = list(_prep_objects(head, allow_noun_preps=True))
    phrase_head = noun_phrase_head(head)
    if phrase_head.i != head.i:  # "a mediation mission between X and Y"
        found.extend(_prep_objects(phrase_head, allow_noun_preps=True))
    verb = governor(head)
    if verb is not None:
        found.extend(_prep_objects(verb, allow_noun_preps=False))
        found.extend(c for c in verb.children if c.dep_ == "dative")
        if is_passive(verb):  # "was put under investigation"
            found.extend(c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS)
    return found


def recipient_tokens(trigger: Trigger, actors: list[Any]) -> list[Any]:
    """Recipient tokens: objects, passive subjects, "with/to/against/on X", complements."""
    found = _noun_recipients(trigger) if trigger.is_noun else _verb_recipients(trigger)
    # "called for sanctions against X", "rejected calls by X": look through a recipient
    # that is itself a thing to whom it concerns or who made it; an act with a doer
    # ("condemned Russia's recognition of X", "the expulsion of diplomats by Moscow") is
    # aimed at its doer, not at those it was done to
    for token in list(found):
        if token not in found:
            continue  # whom an act with a doer was done to
        doers = _act_doers(token)
        if doers:
            done_to = {c.i for c in _prep_objects(token, allow_noun_preps=False)}
            found = [t for t in found if t is not token and t.i not in done_to] + doers
            continue
        found.extend(_prep_objects(token, allow_noun_preps=False))
        if token.pos_ in NOUN_POS:
            found.extend(agents(token))
    excluded = trigger.indices | {t.i for t in actors}
    occasions = cues()["occasion_nouns"]
    out: list[Any] = []
    for token in with_conjuncts(found):
        if token.i in excluded or token in out or _is_amount(token):
            continue
        if token.pos_ in NOUN_POS and lemma(token) in occasions and not token.ent_type_:
            continue
        out.append(token)
    return out


def _act_doers(token: Any) -> list[Any]:
    """The possessor or "by" agent of a noun that names an act ("Russia's recognition",
    "the expulsion by Moscow"); empty for any other noun."""
    if token.pos_ not in NOUN_POS or token.ent_type_ or lemma(token) not in act_nouns():
        return []
    # "last week's strikes by Israel": a time is no possessor
    owners = [c for c in token.children if c.dep_ == "poss" and c.ent_type_ not in ("DATE", "TIME")]
    return owners or agents(token) or _participle_agents(token) or _misattached_agents(token)


def _participle_agents(noun: Any) -> list[Any]:
    """"the strikes carried out by Israel": the agent of the participle on the act noun."""
    doing = cues()["act_participles"]
    return [a for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN" and lemma(c) in doing
            for a in agents(c)]


def _misattached_agents(obj: Any) -> list[Any]:
    """"condemned the strikes by Israel", which the parser reads as "condemned ... by
    Israel": an active verb's "by" names no doer of its own, so a named party there did the
    act its object names."""
    verb = obj.head
    if obj.dep_ != "dobj" or is_passive(verb):
        return []
    return [c for p in verb.children if p.dep_ == "prep" and lemma(p) == "by"
            for c in p.children if c.dep_ == "pobj" and c.ent_type_ in PARTY_ENTITIES]


def _is_amount(token: Any) -> bool:
    """A time or an amount, never an actor: "on Monday", and "two billion euros", whose
    unit the tagger often leaves outside the MONEY entity."""
    if token.ent_type_ in NON_ACTOR_ENTITIES:
        return True
    return any(c.ent_type_ in AMOUNT_ENTITIES for c in token.children if c.dep_ == "nummod")


def phrase_bounds(token: Any) -> tuple[int, int]:
    """Character bounds (in the parse) of the noun phrase headed by ``token``."""
    keep = [token]
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if current.i == token.i and child.dep_ in HEAD_DROP_DEPS:
                continue
            if child.dep_ in SPAN_DROP_DEPS and not (
                child.dep_ == "prep" and lemma(child) in SPAN_KEEP_PREPS
            ):
                continue
            keep.append(child)
            stack.append(child)
    first, last = _own_side_of_governor(token, {t.i for t in keep})
    return first.idx, last.idx + len(last.text)


def _own_side_of_governor(token: Any, kept: set[int]) -> tuple[Any, Any]:
    """First and last kept token, on ``token``'s side of the word that governs it: a noun
    phrase never spans its own verb ("She was killed a week later – one of the bravest
    women" is "She", where the parser hung the appositive on "She")."""
    doc, governor_i = token.doc, token.head.i
    if governor_i != token.i and min(kept) < governor_i < max(kept):
        kept = {i for i in kept if (i < governor_i) == (token.i < governor_i)}
    return doc[min(kept)], doc[max(kept)]
