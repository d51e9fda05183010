"""Constructions that say who acts and whom an act is aimed at, beyond subject and object.

- "arrived at the invitation of X": a visit hosted by X (not a request by anyone);
- "with the help of X, Y recaptured": X helps Y; X is not whom the act is aimed at;
- "rockets were fired from X at Y": X is where the attack came from, its doer's side;
- "gunmen, suspected to be members of X", "gunmen who belong to X": the group X acts.

The words are data: ``constructions`` in ``events/data/cues.yaml``.
"""

from __future__ import annotations

from typing import Any

from .lexicon import cues
from .matching import Trigger, lemma


def _table() -> dict[str, Any]:
    return cues()["constructions"]


def invitation_host(trigger: Trigger) -> list[Any] | None:
    """For "at the invitation of X", X's tokens (the host); None for any other trigger."""
    head, table = trigger.head, _table()["invitation"]
    if not trigger.is_noun or lemma(head) not in table["nouns"]:
        return None
    if head.dep_ != "pobj" or lemma(head.head) not in table["preps"]:
        return None
    return [c for p in head.children if p.dep_ == "prep" and lemma(p) == "of"
            for c in p.children if c.dep_ == "pobj"]


def invited_verb(trigger: Trigger) -> Any:
    """The verb the invitation phrase hangs on ("arrived", "is visiting")."""
    return trigger.head.head.head


def _under_helping_phrase(token: Any) -> bool:
    """Whether ``token`` is, or sits inside, "with the help/support/backing of ..."."""
    helping = _table()["helping_nouns"]
    current = token
    for _ in range(4):
        if current.pos_ in ("NOUN", "PROPN") and lemma(current) in helping \
                and current.dep_ == "pobj" and lemma(current.head) == "with":
            return True
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def without_helpers(tokens: list[Any]) -> list[Any]:
    """Recipient tokens less those that name a helper of the act."""
    return [t for t in tokens if not _under_helping_phrase(t)]


def origin_tokens(trigger: Trigger) -> list[Any]:
    """"fired from X", "expelled from X": where the act came from (its doers' side)."""
    table = _table()["origin"]
    allowed = _table()["attack_setting"]["nouns"] if trigger.is_noun else table["verbs"]
    if lemma(trigger.head) not in allowed:  # "an attack from Gaza", "rockets fired from X"
        return []
    return [c for p in trigger.head.children if p.dep_ == "prep" and lemma(p) in table["preps"]
            for c in p.children if c.dep_ == "pobj"]


def attack_agents(trigger: Trigger) -> list[Any]:
    """Who attacked, for a casualty told without its doer: "soldiers were killed in an attack
    by guerrillas", "in an attack blamed on jihadists", "in an encounter with security
    forces"."""
    table = _table()["attack_setting"]
    if trigger.is_noun or lemma(trigger.head) not in table["verbs"]:
        return []
    found: list[Any] = []
    for prep in (c for c in trigger.head.children if c.dep_ == "prep" and lemma(c) in table["preps"]):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and lemma(c) in table["nouns"]):
            found.extend(_doers_of(noun, table["doer_preps"]))
    return found


def _doers_of(noun: Any, doer_preps: list[str]) -> list[Any]:
    """"an attack by X", "a clash with X", "an attack blamed on X" (an acl's "on")."""
    found = [c for p in noun.children if p.dep_ in ("prep", "agent") and lemma(p) in doer_preps
             for c in p.children if c.dep_ == "pobj"]
    for clause in (c for c in noun.children if c.dep_ == "acl"):
        found.extend(c for p in clause.children if p.dep_ in ("prep", "agent")
                     and lemma(p) in ("on", "by") for c in p.children if c.dep_ == "pobj")
    return found


def _names_membership(pobj: Any) -> bool:
    """"members of X", "belong to X", "linked to X", "loyal to X", "affiliated with X"."""
    table = _table()["membership"]
    prep = pobj.head
    if pobj.dep_ != "pobj" or lemma(prep) not in table["preps"]:
        return False
    return lemma(prep.head) in table["nouns"] or lemma(prep.head) in table["verbs"]


def described_groups(token: Any) -> list[Any]:
    """Where a generic noun is said to belong to a group, that group's tokens: in its
    appositions, participle and relative clauses ("gunmen, suspected to be members of Boko
    Haram", "militants who belong to al-Shabaab", "fighters linked to ISIS")."""
    if token.ent_type_ in ("PERSON", "ORG", "NORP"):
        return []  # a named actor is who it is, whatever its relative clause says
    return [t for child in token.children if child.dep_ in ("appos", "acl", "relcl")
            for t in child.subtree if _names_membership(t)]
