"""Finding event triggers in a parsed sentence: lexicon lookups on spaCy lemmas."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .lexicon import Evidence, Lexicon, Sense, act_nouns, cues

VERB_POS = frozenset({"VERB"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
TRIGGER_NOUN_POS = frozenset({"NOUN"})
# words inside these named entities are names, not triggers ("Agency for Cooperation")
NAME_ENTITIES = frozenset({"ORG", "PERSON", "GPE", "NORP", "FAC", "LOC", "DATE", "TIME", "EVENT",
                           "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"})
PARTICLE_DEPS = frozenset({"prt", "prep", "dobj", "advmod"})
OBJECT_DEPS = frozenset({"dobj", "nsubjpass", "attr", "dative", "oprd", "obj"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
MODIFIER_DEPS = frozenset({"compound", "amod"})
PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG", "PERSON"})
EVIDENCE_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "advmod", "npadvmod", "nummod", "poss"})
HYPHEN = "-"
# the word of sentence evidence that stands for a score ("7-5 6-4"): names_a_score()
SCORE = "#score"
DOC_LEMMAS = "communique.lemmas"  # Doc.user_data key


@dataclass(slots=True)
class Trigger:
    """A matched trigger: its syntactic head, all its words, and the chosen reading."""

    head: Any  # spaCy Token
    tokens: list[Any]
    sense: Sense

    @property
    def is_noun(self) -> bool:
        return self.head.pos_ in NOUN_POS

    @property
    def indices(self) -> frozenset[int]:
        return frozenset(t.i for t in self.tokens)


def lemma(token: Any) -> str:
    return token.lemma_.lower()


def _with_modifiers(tokens: Iterable[Any]) -> set[str]:
    words: set[str] = set()
    for token in tokens:
        words.add(lemma(token))
        words.update(lemma(c) for c in token.children if c.dep_ in MODIFIER_DEPS)
    return words


def object_lemmas(head: Any) -> set[str]:
    """Lemmas of what the trigger acts on: objects, passive subjects, "of" complements."""
    objects = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    if head.dep_ == "acl" and head.tag_ == "VBN":  # "the crime committed", "aid sent to X"
        objects.append(head.head)
    particles = cues()["particle_preps"]
    for child in head.children:
        if child.dep_ in ("prep", "prt") and lemma(child) in particles:
            objects.extend(c for c in child.children if c.dep_ == "pobj")
    for obj in list(objects):  # "700 kg of medicine", "part of a stronghold"
        objects.extend(c for p in obj.children if p.dep_ == "prep" and lemma(p) == "of"
                       for c in p.children if c.dep_ == "pobj")
    if head.pos_ in NOUN_POS:
        objects.append(head)
        if head.dep_ in OBJECT_DEPS or head.dep_ == "pobj":
            objects.append(head.head)
    expanded = list(objects)
    for obj in objects:
        expanded.extend(obj.conjuncts)
    return _with_modifiers(expanded)


def has_object(head: Any) -> bool:
    deps = {c.dep_ for c in head.children}
    return bool(deps & (OBJECT_DEPS | COMPLEMENT_DEPS)) or head.pos_ in NOUN_POS


def weapon_in_use(head: Any) -> bool:
    """"Rockets hit the town", "fired two missiles": a weapon noun that acts or is used.

    A weapon merely named ("its ballistic missiles", "chemical weapons stockpile") is
    no event.
    """
    if any(c.dep_ == "prep" and lemma(c) in cues()["weapon_target_preps"] for c in head.children):
        return True  # "rockets at Israel", "missiles into Kyiv"
    while head.dep_ == "conj" and head.head.pos_ in NOUN_POS:  # "rockets and mortars hit"
        head = head.head
    if head.dep_ == "pobj" and lemma(head.head) == "of":  # "dozens of rockets hit"
        head = head.head.head
    if head.dep_ == "pobj" and lemma(head.head) in ("on", "over"):  # "stepped on a mine"
        return lemma(head.head.head) in cues()["weapon_met_verbs"]
    verb = lemma(head.head)
    if head.dep_ == "dobj" and verb in cues()["weapon_met_verbs"]:
        return True
    if head.dep_ == "nsubj":
        return verb in cues()["weapon_impact_verbs"]
    # a conjunct hung on the verb is a misparsed object ("dropped X and grenades")
    if head.dep_ in ("dobj", "nsubjpass") or (head.dep_ == "conj" and head.head.pos_ in VERB_POS):
        return verb in cues()["weapon_use_verbs"]
    return False


def _names_cause(token: Any, causes: frozenset[str]) -> bool:
    """"floods", "Hurricane Ian", "a helicopter crash": the noun or a compound before it."""
    if any(c.dep_ == "compound" and c.lower_ in causes for c in token.children):
        return True  # "Hurricane Ian", "Cyclone Idai"
    # a person is somebody even when named like a cause ("Mr Snow said")
    return token.ent_type_ != "PERSON" and (lemma(token) in causes or token.lower_ in causes)


def caused_by_nature(head: Any) -> bool:
    """A verb whose doer is a natural force, disease or accident ("floods killed 20")."""
    if head.pos_ not in VERB_POS:
        return False
    causes = cues()["natural_causes"]
    while head.dep_ == "conj" and head.head.pos_ in VERB_POS and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in head.children):
        head = head.head  # the subject is the first verb's
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children)
    for child in head.children:
        if child.dep_ == "nsubj" and _names_cause(child, causes):
            return True
        if child.dep_ == "agent" or (passive and child.dep_ == "prep" and lemma(child) in cues()["cause_preps"]):
            if any(c.dep_ == "pobj" and _names_cause(c, causes) for c in child.children):
                return True
    return False


def names_someone_as(head: Any) -> bool:
    """"We called our baby Hawar": a naming verb with an object predicate is no event."""
    return (head.pos_ in VERB_POS and lemma(head) in cues()["naming_verbs"]
            and any(c.dep_ == "oprd" and c.ent_type_ not in ("DATE", "TIME") for c in head.children))


def _in_hyphenated_modifier(token: Any) -> bool:
    """"battle-tested fighters", "war-torn Yemen": the noun is part of an adjective."""
    if token.i + 2 >= len(token.doc) or token.nbor(1).text != HYPHEN:
        return False
    return token.nbor(2).tag_ in ("VBN", "VBG", "JJ")


def kinds_of(token: Any) -> set[str]:
    """The kinds (cues.yaml ``kinds``, ``kind_entities``) a word names: "workers", "state"."""
    c = cues()
    words = {lemma(token), token.lower_, token.lower_.removesuffix("s")}  # "United Auto Workers"
    found = {kind for kind, members in c["kinds"].items() if words & set(members)}
    found.update(kind for kind, labels in c["kind_entities"].items() if token.ent_type_ in labels)
    if not found or lemma(token) in c["partitive_nouns"]:  # "dozens of rioters", "members of the union"
        for of in (p for ch in token.children if ch.dep_ == "prep" and lemma(ch) == "of"
                   for p in ch.children if p.dep_ == "pobj"):
            found.update(kinds_of(of))
    return found


def _modifier_words(head: Any) -> set[str]:
    return {w for c in head.children if c.dep_ in EVIDENCE_MODIFIER_DEPS for w in (lemma(c), c.lower_)}


def governing_verb(noun: Any) -> Any | None:
    """The verb whose object an event noun is ("lodged a protest", "launched strikes on")."""
    token = noun.head if noun.dep_ == "conj" and noun.head.pos_ in NOUN_POS else noun
    if token.dep_ in OBJECT_DEPS and token.head.pos_ in ("VERB", "AUX"):
        return token.head
    if token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX"):
        return token.head.head  # "went on strike", "complained in a protest"
    return None


def _doers(head: Any) -> list[Any]:
    """Who does what the trigger says, for evidence: subject, "by" agent, possessor."""
    if head.pos_ in NOUN_POS:
        own = [c for c in head.children if c.dep_ in ("poss", "compound")]
        own += [p for c in head.children if c.dep_ == "prep" and lemma(c) in cues()["agent_preps"]
                for p in c.children if p.dep_ == "pobj"]  # "a strike by 9,000 miners"
        verb = governing_verb(head)
        return own + ([c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else [])
    token = head
    for _ in range(3):
        found = [c for c in token.children if c.dep_ == "nsubj"]
        found += [p for c in token.children if c.dep_ == "agent" for p in c.children]
        if found:
            return found
        if token.dep_ == "pcomp" and token.head.dep_ == "prep":
            token = token.head  # "the tanker ran aground after hitting a tower": the main subject
        elif token.dep_ not in ("conj", "advcl", "prep"):
            return found
        token = token.head
    return []


def _acted_on(head: Any) -> list[Any]:
    found = [c for c in head.children if c.dep_ in OBJECT_DEPS]
    particles = cues()["particle_preps"]
    found += [p for c in head.children if c.dep_ in ("prep", "prt") and lemma(c) in particles
              for p in c.children if p.dep_ == "pobj"]
    return found


def evidence_holds(evidence: Evidence, head: Any) -> bool:
    """Whether any one piece of the evidence that selects a sense is in the syntax."""
    if evidence.modifiers & _modifier_words(head):
        return True
    verb = governing_verb(head) if evidence.governors and head.pos_ in NOUN_POS else None
    if verb is not None and lemma(verb) in evidence.governors:
        return True
    if evidence.preps and any(c.dep_ == "prep" and lemma(c) in evidence.preps for c in head.children):
        return True
    if evidence.subjects and any(kinds_of(t) & evidence.subjects for t in _doers(head)):
        return True
    if evidence.sentence and (any(lemma(t) in evidence.sentence for t in head.sent)
                              or (SCORE in evidence.sentence and names_a_score(head.sent))):
        return True
    if evidence.article and evidence.article & _doc_lemmas(head.doc):
        return True
    if evidence.complements and evidence.complements & complement_words(head):
        return True
    return bool(evidence.objects) and any(kinds_of(t) & evidence.objects for t in _acted_on(head))


def complement_words(verb: Any) -> set[str]:
    """The words of what a verb calls its object, with their modifiers and "of" nouns: "called
    the move [a hostile act]", "labelled the strikes [illegal]", "described the protests as [a
    coup attempt]", "denounced the vote as [a sham]"."""
    if verb.pos_ not in ("VERB", "AUX"):
        return set()
    heads = [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
    heads += [c for c in verb.children if c.dep_ == "dobj"][1:]  # the parser's "branded [X] [a sham]"
    # "said [the expulsions were unacceptable]": what a reported clause calls its subject
    heads += [a for c in verb.children if c.dep_ == "ccomp" and lemma(c) == "be"
              and any(_names_a_deed(s) for s in c.children)
              for a in c.children if a.dep_ in ("attr", "acomp")]
    holders = [verb, *(c for c in verb.children if c.dep_ in ("dobj", "nsubjpass"))]
    heads += [p for h in holders for c in h.children if c.dep_ == "prep" and lemma(c) == "as"
              for p in c.children if p.dep_ == "pobj"]
    words: set[str] = set()
    for head in heads:
        words |= {lemma(head), head.lower_} | _modifier_words(head)
        words |= {lemma(t) for c in head.children if c.dep_ == "conj" for t in (c, *c.children)}
        if head.pos_ in NOUN_POS:  # "a pack of lies", not "unaware of the fraud"
            words |= {lemma(p) for c in head.children if c.dep_ == "prep" and lemma(c) == "of"
                      for p in c.children if p.dep_ == "pobj"}
    return words


def _names_a_deed(subject: Any) -> bool:
    """Whether the subject of "X was unacceptable" is a deed or a party: an act ("the
    expulsions", "blocking roads"), something a named party did ("Trump's comments"), or
    the party ("Hamas is a terrorist group"); not "this", "it" or "the situation"."""
    if subject.dep_ == "csubj":
        return True
    if subject.dep_ != "nsubj" or subject.pos_ not in NOUN_POS:
        return False
    if subject.ent_type_ in PARTY_ENTITIES or lemma(subject) in act_nouns():
        return True
    return any(c.ent_type_ in PARTY_ENTITIES for c in subject.children
               if c.dep_ in ("poss", "compound", "amod"))


def names_a_score(sent: Any) -> bool:
    """"beat Schuettler 7-5 6-4", "were beaten 19-13": two small numbers joined by a hyphen
    (the ``#score`` word of sentence evidence); years ("1997-2003") are too large to be one."""
    return any(t.text == HYPHEN and 0 < t.i - sent.start and t.i + 1 < sent.end
               and _small_number(t.nbor(-1)) and _small_number(t.nbor(1)) for t in sent)


def _small_number(token: Any) -> bool:
    return token.text.isdigit() and len(token.text) <= 2


def _doc_lemmas(doc: Any) -> frozenset[str]:
    """Every lemma of a parse, computed once per parse (``article`` evidence reads it)."""
    if DOC_LEMMAS not in doc.user_data:
        doc.user_data[DOC_LEMMAS] = frozenset(lemma(t) for t in doc)
    return doc.user_data[DOC_LEMMAS]


def _depicts(head: Any) -> bool:
    """"beheading videos", "protest songs", "war films": an event noun that only says what a
    picture, a song or a book is about."""
    depictions = cues()["depiction_nouns"]
    if head.tag_ == "VBG" and head.dep_ in ("xcomp", "amod") \
            and any(c.dep_ == "dobj" and lemma(c) in depictions for c in head.children):
        return True  # the parser's "viewed [beheading videos]" as "viewed beheading [videos]"
    return head.dep_ == "compound" and head.head.pos_ in NOUN_POS and lemma(head.head) in depictions


def _commemorated(head: Any) -> bool:
    """"the anniversary of Germany invading Poland", "in memory of those killed in the
    massacre": an event only remembered on the day."""
    remembered = cues()["commemoration_nouns"]
    token = head
    for _ in range(4):
        if token.dep_ not in ("pobj", "pcomp", "prep", "acl") or token.head.i == token.i:
            return False
        token = token.head
        if token.pos_ in NOUN_POS and lemma(token) in remembered:
            return True
    return False


def choose_sense(senses: Iterable[Sense], head: Any) -> Sense | None:
    """The first reading whose object and argument conditions the syntax meets."""
    if senses and (caused_by_nature(head) or _depicts(head) or _commemorated(head)):
        return None
    # naming someone is no event; calling what someone did a crime is ("called it a lie")
    naming = bool(senses) and names_someone_as(head)
    objects: set[str] | None = None
    for sense in senses:
        if naming and (sense.when is None or not sense.when.complements):
            continue
        if sense.instrument and not weapon_in_use(head):
            continue
        if sense.objects:
            objects = object_lemmas(head) if objects is None else objects
            if not sense.objects & objects:
                continue
        if sense.needs_object and not has_object(head):
            continue
        if sense.when is not None and not evidence_holds(sense.when, head):
            continue
        if sense.unless is not None and evidence_holds(sense.unless, head):
            continue
        return sense
    return None


def _phrase_tokens(sent: Any, start: int, lemmas: tuple[str, ...]) -> list[Any] | None:
    """The tokens of ``sent`` from index ``start`` that spell ``lemmas`` (hyphens skipped)."""
    found = []
    i = start
    for word in lemmas:
        while i < sent.end and sent.doc[i].text == HYPHEN and word != HYPHEN:
            i += 1
        if i >= sent.end:
            return None
        token = sent.doc[i]
        if word not in (lemma(token), token.lower_):
            return None
        found.append(token)
        i += 1
    return found


def _dependent_phrase(token: Any, lemmas: tuple[str, ...]) -> list[Any] | None:
    """A two-word verb phrase split by other words ("called Thursday on Arabs")."""
    if len(lemmas) != 2 or token.pos_ not in VERB_POS:
        return None
    for child in token.children:
        if child.dep_ in PARTICLE_DEPS and child.i > token.i and lemma(child) == lemmas[1] \
                and not _is_time_phrase(child):
            return [token, child]
    return None


def _is_time_phrase(prep: Any) -> bool:
    """"on Monday", "in March": a preposition of time is no particle ("called Putin on Monday")."""
    return any(c.dep_ == "pobj" and (c.ent_type_ in ("DATE", "TIME") or lemma(c) in cues()["time_nouns"])
               for c in prep.children)


def _phrase_head(tokens: list[Any]) -> Any:
    inside = {t.i for t in tokens}
    outside = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    return outside[0] if outside else tokens[0]


def _content_head(head: Any) -> Any:
    """A phrase headed by a preposition or adjective ("on alert") acts through its verb."""
    if head.pos_ not in VERB_POS | NOUN_POS and head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return head


def _match_phrase(sent: Any, token: Any, lex: Lexicon) -> tuple[list[Any], Sense | None] | None:
    candidates = lex.phrases.get(lemma(token)) or lex.phrases.get(token.lower_)
    for lemmas, sense in candidates or ():
        tokens = _phrase_tokens(sent, token.i, lemmas) or _dependent_phrase(token, lemmas)
        if tokens is None:
            continue
        head = _phrase_head(tokens)
        if sense.blocks:  # a blocking phrase with conditions blocks only where they hold
            if (sense.objects or sense.when) and choose_sense((sense,), head) is None:
                continue
            return tokens, None
        if choose_sense((sense,), head) is not None:
            return tokens, sense
    return None


def _single_senses(token: Any, lex: Lexicon) -> tuple[Sense, ...]:
    if token.ent_type_ in NAME_ENTITIES:
        return ()
    if token.pos_ in VERB_POS:
        if token.dep_ == "amod":  # "the besieged enclave", "his hit song": a state, not an act
            return ()
        return lex.verbs.get(lemma(token), ())
    if token.pos_ in TRIGGER_NOUN_POS:
        return lex.nouns.get(lemma(token)) or lex.nouns.get(token.lower_, ())
    return ()


def _is_modifier_noun(token: Any) -> bool:
    """"aid workers", "protest leaders", "battle-tested fighters": a noun modifying another
    noun, or part of a hyphenated adjective, names no event."""
    if token.pos_ in NOUN_POS and _in_hyphenated_modifier(token):
        return True
    return (token.dep_ == "compound" and token.head.pos_ in NOUN_POS
            and lemma(token.head) not in cues()["event_carrier_nouns"])


def find_triggers(sent: Any, lex: Lexicon) -> list[Trigger]:
    """Every trigger in a sentence span; multiword expressions win over single words."""
    triggers: list[Trigger] = []
    used: set[int] = set()
    for token in sent:
        if token.i in used:
            continue
        phrase = _match_phrase(sent, token, lex)
        if phrase is not None:
            tokens, sense = phrase
            used.update(t.i for t in tokens)
            if sense is not None:
                triggers.append(Trigger(_content_head(_phrase_head(tokens)), tokens, sense))
            continue
        if _is_modifier_noun(token):
            continue
        sense = choose_sense(_single_senses(token, lex), token)
        if sense is not None and not sense.blocks:
            used.add(token.i)
            triggers.append(Trigger(token, [token], sense))
    return triggers
