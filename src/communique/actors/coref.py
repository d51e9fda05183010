"""Within-document coreference: later short mentions resolve to earlier full ones.

The state walks a document's mentions in text order and remembers
- every full person name with the actor of its first titled mention ("Chinese Foreign
  Minister Wang Yi" -> later "Wang" is Wang Yi, CHN GOV);
- the salient person (the last one who was the subject of a main or speech verb), for
  "he said";
- the countries in order of mention, for "the two sides";
- the last plural group, for "they".
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..document import Actor, Mention
from ..nlp.speech import speech_verbs

NON_STATE = frozenset({"IGO", "NGO", "MNC", "UNO", "EUR", "ISM", "IMG"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PAIR_GOVERNMENT_WORDS = frozenset({"sides", "governments", "leaders", "ministers", "presidents",
                                   "heads", "parties", "side"})


@dataclass
class Person:
    name: str
    tokens: frozenset[str]
    actor: Actor


@dataclass
class CorefState:
    """What the document has said so far."""

    people: list[Person] = field(default_factory=list)
    salient: Person | None = None
    last_person: Person | None = None
    countries: list[str] = field(default_factory=list)
    acting_countries: list[str] = field(default_factory=list)  # not only named as places
    last_plural: Mention | None = None
    acronyms: dict[str, Actor] = field(default_factory=dict)  # "RSF" -> Rapid Support Forces

    def known_person(self, words: list[str]) -> Person | None:
        """The most recent person whose name contains all of ``words`` (lowercase)."""
        wanted = set(words)
        for person in reversed(self.people):
            if wanted and wanted <= person.tokens:
                return person
        return None

    def known_surname(self, word: str) -> Person | None:
        """The most recent person named in full whose last name is ``word`` ("Mesa" after
        "Carlos Mesa"); never for a name with "of" in it ("Abdullah II of Jordan")."""
        for person in reversed(self.people):
            words = person.name.lower().split()
            if len(words) > 1 and words[-1] == word and "of" not in words:
                return person
        return None

    def register(self, name: str, words: list[str], actor: Actor) -> Person:
        """Remember a full name; an earlier entry with the same name keeps its actor."""
        for person in self.people:
            if person.name == name:
                self.last_person = person
                return person
        person = Person(name, frozenset(words), actor)
        self.people.append(person)
        self.last_person = person
        return person

    def note_countries(self, mention: Mention, as_place: bool = False) -> None:
        """Remember the mention's countries; ``as_place``: only where something happened
        ("in Syria"), which "both countries" may mean but "the two sides" may not."""
        for actor in mention.actors:
            code = actor.code
            if code and code not in NON_STATE and len(code) == 3:
                _move_to_end(self.countries, code)
                if not as_place:
                    _move_to_end(self.acting_countries, code)

    def pair(self, acting: bool = False) -> list[str]:
        """The two most recently mentioned countries, in the order they were mentioned;
        ``acting``: only countries that did or said something, for "the two sides"."""
        found = self.acting_countries if acting else self.countries
        return found[-2:] if len(found) >= 2 else []

    def note_subject(self, person: Person, token: object) -> None:
        """``token`` is the spaCy head token of the person mention."""
        if is_main_subject(token):
            self.salient = person


def is_main_subject(token: object) -> bool:
    """Subject of the sentence's main verb or of a speech verb ("Wang said", "said Wang")."""
    if getattr(token, "dep_", "") not in SUBJECT_DEPS:
        return False
    head = token.head
    return head.dep_ == "ROOT" or head.lemma_.lower() in speech_verbs()["salient_speakers"]


def _move_to_end(codes: list[str], code: str) -> None:
    if code in codes:
        codes.remove(code)
    codes.append(code)


def pair_actors(state: CorefState, text: str, phrase_words: list[str], acts: bool = False) -> list[Actor]:
    """Actors of "the two sides"/"both countries": the two countries just discussed.

    Parties ("the two sides") and pairs that act ("the two countries worked closely") are
    the last two countries that did or said something, not ones only named as places."""
    sector = "GOV" if set(phrase_words) & PAIR_GOVERNMENT_WORDS else None
    return [Actor(text=text, code=code, sector=sector, sectors=[sector] if sector else [])
            for code in state.pair(acting=acts or sector is not None)]


def person_actor(person: Person, text: str) -> Actor:
    return replace(person.actor, text=text, sectors=list(person.actor.sectors))


def pronoun_actors(state: CorefState, text: str, plural: bool) -> tuple[str | None, list[Actor]]:
    """(name, actors) of a pronoun: the salient person, or the last plural group."""
    if plural:
        group = state.last_plural
        return (None, [replace(a, text=text) for a in group.actors]) if group else (None, [])
    person = state.salient or state.last_person
    if person is None:
        return None, []
    if not (person.actor.code or person.actor.sectors):
        return person.name, []  # a known name, but nothing known about who they are
    return person.name, [person_actor(person, text)]
