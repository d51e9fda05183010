"""Who a speaker mention stands for: the actors' coreference first, then our own fallback.

The fallback links a surname to the earlier full name ("Wang" → "Wang Yi"), "who" to the
noun it hangs from, and "he"/"she" to the last named speaker of a compatible gender (else
the last person named before it).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..document import Actor, Document, Speaker
from .lexicon import cue_lexicon

PERSON = "PERSON"
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
POSSESSIVE = ("’s", "'s")


@dataclass(frozen=True, slots=True)
class NamedSpan:
    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True, slots=True)
class ResolvedName:
    position: int
    name: str
    gender: str | None


def _strip_possessive(text: str) -> str:
    for ending in POSSESSIVE:
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


def named_spans(doc: Document) -> list[NamedSpan]:
    """Named entities of the parse (PERSON, ORG, GPE, NORP), in text order."""
    spans = []
    for segment in doc.segments:
        if segment.parse is None:
            continue
        for ent in segment.parse.ents:
            if ent.label_ in NAMED_LABELS:
                start = segment.start + ent.start_char
                text = _strip_possessive(ent.text)
                spans.append(NamedSpan(start, start + len(text), text, ent.label_))
    return sorted(spans, key=lambda s: s.start)


class SpeakerResolver:
    """Resolves speaker mentions of one document, in text order."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.lexicon = cue_lexicon()
        self.names = named_spans(doc)
        self.speakers: list[ResolvedName] = []

    def resolve(self, start: int, end: int, antecedent: tuple[int, int] | None = None) -> Speaker:
        """The Speaker for the mention ``[start, end)`` as written."""
        text = self.doc.text[start:end]
        name, actor = self._from_mentions(start, end)
        if name is None:
            name = self._fallback_name(start, end, text, antecedent)
        if actor is None and name is not None:
            actor = self._actor_for(name, start, end)
        if name is not None and text.lower() not in self.lexicon.pronouns:
            self.speakers.append(ResolvedName(start, name, self._gender(name)))
        return Speaker(text=text, start=start, end=end, name=name, actor=actor)

    def _from_mentions(self, start: int, end: int) -> tuple[str | None, Actor | None]:
        mention = self.doc.mention_at(start, end)
        if mention is None or not mention.name:
            return None, None
        actor = mention.actors[0] if len(mention.actors) == 1 else None
        return mention.name, actor

    def _fallback_name(self, start: int, end: int, text: str,
                       antecedent: tuple[int, int] | None) -> str | None:
        pronoun = self.lexicon.pronouns.get(text.lower())
        if pronoun is not None and pronoun.get("relative"):
            if antecedent is None:
                return None
            a_start, a_end = antecedent
            return self._fallback_name(a_start, a_end, self.doc.text[a_start:a_end], None)
        if pronoun is not None:
            return self._pronoun_name(start, pronoun)
        inside = [n for n in self.names if n.start < end and start < n.end]
        if not inside:
            return None
        # spaCy often labels a lone surname ORG: a PERSON name ending in it decides
        best = max(inside, key=lambda n: (n.label == PERSON, n.end - n.start))
        return self._full_name(best)

    def _full_name(self, span: NamedSpan) -> str:
        """The longest earlier PERSON name ending in the same surname ("Wang" → "Wang Yi")."""
        words = span.text.split()
        candidates = [n.text for n in self.names
                      if n.label == PERSON and n.start <= span.start
                      and len(n.text.split()) > len(words) and _shares_name(n.text, words)]
        return max(candidates, key=len, default=span.text)

    def _pronoun_name(self, start: int, pronoun: Any) -> str | None:
        if pronoun.get("number") != "singular" or pronoun.get("organisation"):
            return None
        gender = pronoun.get("gender")
        for earlier in reversed(self.speakers):
            if earlier.position < start and earlier.gender in (None, gender):
                return earlier.name
        people = [n for n in self.names if n.label == PERSON and n.end <= start]
        for person in reversed(people):
            name = self._full_name(person)
            if self._gender(name) in (None, gender):
                return name
        return None

    def _gender(self, name: str) -> str | None:
        """A gender from an honorific written before the surname anywhere ("Mr. Obama")."""
        surname = name.split()[-1]
        text = self.doc.text
        at = text.find(surname)
        while at > 0:
            before = text[max(0, at - 6):at].split()
            if before and before[-1].lower() in self.lexicon.honorifics:
                return self.lexicon.honorifics[before[-1].lower()]
            at = text.find(surname, at + 1)
        return None

    def _actor_for(self, name: str, start: int, end: int) -> Actor | None:
        for entity in self.doc.entities:
            if entity.actor is None:
                continue
            if entity.canonical == name or (entity.start < end and start < entity.end):
                return entity.actor
        return None


def _shares_name(full: str, words: list[str]) -> bool:
    """Whether ``full`` contains the last word of a shorter name ("Mr. Obama" in "Barack Obama")."""
    return bool(words) and words[-1] in full.split()
