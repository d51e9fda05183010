"""Whether harm is an event: deaths, injuries, explosions and damage need someone behind them.

"Four people were injured", "a tank at the plant exploded", "the storm destroyed homes"
report harm, not an act: with no one doing it, no weapon used and no attack named, such a
trigger (``needs_agent`` in triggers.yaml) is *agentless*. An agentless event is kept only
in an article that reports an attack (a perpetrator-less casualty sentence belongs to that
attack, "Twelve soldiers were killed" after "militants stormed the base") or that names no disaster or
mishap at all; otherwise it is an earthquake's, a flood's or an accident's and no event.
"""

from __future__ import annotations

from typing import Any

from ..document import Document, Event
from .arguments import actor_tokens, agents, subjects
from .lexicon import Lexicon, Sense, cues
from .matching import PARTY_ENTITIES, Trigger, choose_sense, kinds_of, lemma

ATTACK_TYPES = frozenset({"ASSAULT", "COERCE"})
SOMEONE_KINDS = frozenset({"person", "workers", "state"})


def names_an_attack(sense: Sense) -> bool:
    """An attack or a coercive act that needs no doer to be one ("an attack", "a raid"); a
    closure, a ban or a curfew (cues.yaml harmless_coercion_modes) is none."""
    return _harmful(sense.plover, sense.mode) and not sense.needs_agent


def _harmful(event_type: str | None, mode: str | None) -> bool:
    """An attack or a coercive act other than a closure, a ban or a curfew."""
    return event_type in ATTACK_TYPES and mode not in cues()["harmless_coercion_modes"]


def keep_agentless_in_attacks(events: list[Event], agentless: set[str], doc: Document) -> list[Event]:
    """The events, without the agentless ones when the article reports no attack and names
    a disaster or mishap (a note that only says "a man was killed and his body found" is
    still a killing)."""
    if not agentless or not names_a_mishap(doc):
        return events
    attack = any(_harmful(e.event_type, e.mode) and e.id not in agentless
                 and not e.negated and not e.hypothetical for e in events)
    return events if attack else [e for e in events if e.id not in agentless]


def names_a_mishap(doc: Document) -> bool:
    """Whether the article names a natural cause, an accident or a rescue anywhere."""
    c = cues()
    words = c["natural_causes"] | c["mishap_words"]
    return any(lemma(t) in words or t.lower_ in words for _, sent in doc.sentences() for t in sent)


def has_doer(trigger: Trigger, lex: Lexicon) -> bool:
    """Whether someone, a weapon or an attack does the harm the trigger names."""
    own = trigger.indices
    if _follows_a_mishap(trigger.head):
        return False
    return any(_is_doer(token, lex) for token in _doer_tokens(trigger, lex) if token.i not in own)


def hit_by_a_peaceful_act(trigger: Trigger, lex: Lexicon) -> bool:
    """"A strike by dockers hit ferry services", "results were hit by strikes": an impact
    verb (cues.yaml thing_impact_verbs) whose doer is an act that is no attack tells a loss."""
    head = trigger.head
    if trigger.is_noun or lemma(head) not in cues()["thing_impact_verbs"]:
        return False
    return any(_peaceful_act(t, lex) for t in subjects(head))


def _peaceful_act(token: Any, lex: Lexicon) -> bool:
    sense = choose_sense(lex.nouns.get(lemma(token), ()), token)
    return sense is not None and sense.cameo is not None and not sense.instrument \
        and sense.plover not in ATTACK_TYPES


def _doer_tokens(trigger: Trigger, lex: Lexicon) -> list[Any]:
    head = trigger.head
    if trigger.is_noun:  # "grenade explosions", "the army's destruction of", "a blast by X"
        return [w for w in head.children if w.dep_ == "poss"
                or (w.dep_ == "compound" and _is_weapon(w, lex))] + agents(head)
    doers = [] if _participle(head) else [_antecedent(t) for t in actor_tokens(trigger)]
    # "the convoy struck an IED": a weapon met is a weapon used
    doers += [o for o in head.children if o.dep_ == "dobj" and _is_weapon(o, lex)]
    # "injured when police foiled the protest": the doer of the act that caused the harm
    doers += [t for ch in head.children if ch.dep_ == "advcl"
              for t in ch.children if t.dep_ == "nsubj" and t.pos_ != "PRON"]
    verb = head
    while verb.dep_ == "conj" and not doers:  # "dragged out by four gunmen, shot and killed"
        verb = verb.head
        doers = agents(verb) + [t for t in verb.children if t.dep_ == "nsubj"]
    # "killed in a raid", "wounded by shrapnel": the cause named after the verb
    return doers + [p for ch in head.children if ch.dep_ in ("prep", "agent")
                    and lemma(ch) in cues()["cause_preps"] for p in ch.children if p.dep_ == "pobj"]


def _is_doer(token: Any, lex: Lexicon) -> bool:
    c = cues()
    words = [token, *(w for w in token.children if w.dep_ == "compound")]
    if any(form in c["natural_causes"] for w in words for form in (lemma(w), w.lower_.rstrip("s"))):
        return False  # "floods", "Landslides" (read as a name by the tagger)
    if any(s.needs_agent for s in lex.nouns.get(lemma(token), ())):
        return False  # an explosion is no doer; whoever caused it would be
    if token.pos_ == "PRON":
        return lemma(token) in c["person_pronouns"]
    if token.ent_type_ in PARTY_ENTITIES or _owned_by_someone(token) or kinds_of(token) & SOMEONE_KINDS:
        return True
    if lemma(token) in c["constructions"]["attack_setting"]["nouns"]:
        return True  # "killed in an encounter with security forces"
    # "a bomb exploded", "sanctions hit": a weapon or an act does it
    return any(s.instrument or (s.cameo is not None and not s.needs_agent)
               for w in words for s in lex.nouns.get(lemma(w), ()))


def _follows_a_mishap(head: Any) -> bool:
    """"The jet crashed into a mountain, killing 520", "the bridge collapsed, injuring 12":
    harm that follows a crash or collapse is the accident's, whoever was on board."""
    return head.dep_ in ("advcl", "conj", "xcomp") and lemma(head.head) in cues()["mishap_verbs"]


def _participle(verb: Any) -> bool:
    """"villagers feared killed", "47 people killed in": the noun is whom it happened to."""
    return verb.tag_ == "VBN" and not any(c.dep_ == "aux" and lemma(c) == "have" for c in verb.children)


def _is_weapon(token: Any, lex: Lexicon) -> bool:
    return any(s.instrument for s in lex.nouns.get(lemma(token), ()))


def _owned_by_someone(token: Any) -> bool:
    """"Israeli bulldozers", "bulldozers of the Israeli authorities": a thing someone uses."""
    owners = [c for c in token.children if c.dep_ in ("poss", "amod", "compound")]
    owners += [p for c in token.children if c.dep_ == "prep" and lemma(c) == "of"
               for p in c.subtree if p.dep_ != "prep"]
    return any(o.ent_type_ in ("PERSON", "ORG", "NORP") for o in owners)


def _antecedent(token: Any) -> Any:
    """A relative pronoun stands for the noun its clause modifies ("a quake, which killed")."""
    if lemma(token) in cues()["relative_pronouns"] and token.head.dep_ == "relcl":
        token = token.head.head
    # "the crash of a Boeing 747 which killed 520": the clause tells of the crash
    if token.dep_ == "pobj" and lemma(token.head) == "of" and lemma(token.head.head) in cues()["natural_causes"]:
        return token.head.head
    return token
