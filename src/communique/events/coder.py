"""The events stage: dependency-based triggers coded in PLOVER and CAMEO.

For each parsed sentence: find triggers (lexicon.py, matching.py), drop those that are
the content of another trigger ("rejected a proposal for talks" is one REJECT event),
read actor and recipient phrases from the syntax (arguments.py), decide whether the
event happened (modality.py), recode promised/threatened/demanded/refused events with
CAMEO's intent codes, and keep one event per (type, actors, recipients) in a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from ..actors.lexicon import is_place_named_thing
from ..actors.resolve import actors_for_span
from ..config import Config
from ..document import Actor, Document, Event, Evidence
from ..registry import stage
from .arguments import (
    actor_tokens,
    clause_verb,
    governor,
    phrase_bounds,
    recipient_tokens,
    subjects,
    with_conjuncts,
)
from .constructions import (
    attack_agents,
    described_groups,
    invitation_host,
    invited_verb,
    origin_tokens,
    without_helpers,
)
from .context import is_body_noun
from .describe import describe
from .eventness import has_doer, hit_by_a_peaceful_act, keep_agentless_in_attacks, names_an_attack
from .lexicon import Lexicon, cues, embedded_code, lexicon
from .matching import Trigger, find_triggers, lemma
from .modality import Modality, modality, speaker_tokens
from .ontology import Ontology, ontology

SIBLING_DEPS = frozenset({"conj", "parataxis"})
INDEPENDENT_DEPS = frozenset({"relcl", "acl"})
MAX_CLIMB = 10
VERBAL_CONFLICT = frozenset({"REQUEST", "ACCUSE", "REJECT", "THREATEN"})


@dataclass(slots=True)
class Coding:
    """A trigger's code as it stands after embedding and modality are applied."""

    cameo: str
    event_type: str
    mode: str | None
    hypothetical: bool = False
    negated: bool = False


class EventCoder:
    """Codes the events of a parsed Document (the registered stage ``events``)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.lexicon: Lexicon = lexicon(tuple(config.trigger_files))
        self.ontology: Ontology = ontology()
        self.min_confidence = float(config.get("events.min_confidence", 0.0))

    def __call__(self, doc: Document) -> Document:
        if not doc.ok:
            return doc
        events: list[Event] = []
        agentless: set[str] = set()
        for offset, sent in doc.sentences():
            start = offset + sent.start_char
            if doc.is_excluded(start, offset + sent.end_char):
                continue
            events.extend(self.code_sentence(doc, offset, sent, agentless))
        events = keep_agentless_in_attacks(events, agentless, doc)
        doc.events = [e for e in events if e.confidence >= self.min_confidence]
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            yield self(doc)

    def code_sentence(self, doc: Document, offset: int, sent: Any,
                      agentless: set[str] | None = None) -> list[Event]:
        """Events of one sentence, one per (type, actors, recipients); the ids of harm
        events with no doer are added to ``agentless``."""
        triggers = find_triggers(sent, self.lexicon)
        by_index = owners(triggers)
        dominators = {id(t): dominator(t, by_index) for t in triggers}
        heads = [t for t in triggers if dominators[id(t)] is None]
        # the sentence's main events; background ones ("after clashes", relative
        # clauses) are coded only when the sentence has nothing else and are verbs
        main = [t for t in heads if not is_background(t)] or [t for t in heads if not t.is_noun]
        best: dict[tuple, Event] = {}
        attack_named = any(names_an_attack(t.sense) for t in triggers)
        for trigger in main:
            inner = next((t for t in triggers if dominators[id(t)] is trigger), None)
            event = self.code_trigger(doc, offset, sent, trigger, inner)
            if event is None:
                continue
            if agentless is not None and trigger.sense.needs_agent and not attack_named \
                    and not has_doer(trigger, self.lexicon):
                agentless.add(event.id)
            key = (event.event_type, (event.cameo or "")[:3], _actor_key(event.actor), _actor_key(event.recipient))
            if key not in best or best[key].confidence < event.confidence:
                best[key] = event
        return sorted(best.values(), key=lambda e: e.evidence.trigger_start)

    def code_trigger(self, doc: Document, offset: int, sent: Any, trigger: Trigger,
                     inner: Trigger | None) -> Event | None:
        host = invitation_host(trigger)
        if host is not None:
            return self.code_invited_visit(doc, offset, sent, trigger, host)
        verb = clause_verb(trigger)
        mood = modality(trigger, verb)
        actor_toks = actor_tokens(trigger)
        recipient_toks = without_helpers(recipient_tokens(trigger, actor_toks))
        coding = self.embed(trigger, inner)
        coding = self.apply_modality(coding, mood, trigger)
        origin = origin_tokens(trigger)
        recipient_toks = [t for t in recipient_toks if t not in origin]
        actor_toks = actor_toks or origin or attack_agents(trigger)
        if coding.event_type == "REQUEST" and mood.obligation and mood.speech_verb is not None \
                and trigger.sense.plover != "REQUEST":
            recipient_toks, actor_toks = actor_toks, speaker_tokens(mood.speech_verb)
        actors = self.actors(doc, offset, actor_toks)
        if not any(a.code or a.sectors for a in actors) and \
                _struck_by_a_thing(trigger, inner, actor_toks, self.lexicon):
            return None
        if (inner is None or not _acts_through(trigger, inner)) and hit_by_a_peaceful_act(trigger, self.lexicon):
            return None  # "the strike by dockers hit ferry services" (no "sanctions hit X": SANCTION)
        if mood.speech_verb is not None and _unresolved_pronouns(actor_toks, actors):
            # "Iraq said it would allow ...": the reported subject is the speaker
            actors = self.actors(doc, offset, speaker_tokens(mood.speech_verb)) or actors
        recipients = self.recipients(doc, offset, recipient_toks, inner, actor_toks, actors)
        if mood.obligation and mood.speech_verb is not None and coding.event_type == "REQUEST" \
                and _shares_code(actors, recipients):
            coding = self._recode(coding, "intent", "AGREE")
            recipients = []
        return self.build(doc, offset, sent, trigger, verb, coding, mood, actors, recipients)

    def recipients(self, doc: Document, offset: int, tokens: list[Any], inner: Trigger | None,
                   actor_toks: list[Any], actors: list[Actor]) -> list[Actor]:
        """Whom the act is aimed at: its own objects, else those of the act it governs
        ("pledged two billion euros in aid for Sudan": the sum is no party, the aid's is).
        Where some are countries or bodies, the things acted on are not recipients."""
        own = [a for a in self.actors(doc, offset, tokens) if a not in actors] if tokens else []
        if inner is not None and not any(a.code for a in own):
            content = [a for a in self.actors(doc, offset, recipient_tokens(inner, actor_toks))
                       if a not in actors]
            if not tokens or any(a.code for a in content):
                own = content
        return [a for a in own if a.code] if any(a.code for a in own) else own

    def code_invited_visit(self, doc: Document, offset: int, sent: Any, trigger: Trigger,
                           host: list[Any]) -> Event:
        """"X arrived at the invitation of Y": X visits Y (CAMEO 042), nobody requests."""
        verb = invited_verb(trigger)
        cameo = cues()["constructions"]["invitation"]["cameo"]
        code = self.ontology.cameo_code(cameo)
        visit = Trigger(verb, [verb], replace(trigger.sense, cameo=cameo, plover=code.plover_type,
                                             mode=code.plover_mode))
        mood = modality(visit, verb)
        coding = Coding(cameo, code.plover_type, code.plover_mode)
        coding.negated, coding.hypothetical = mood.negated, mood.planned or mood.in_condition
        actors = self.actors(doc, offset, with_conjuncts(subjects(verb)))
        recipients = [a for a in self.actors(doc, offset, with_conjuncts(host)) if a not in actors]
        return self.build(doc, offset, sent, visit, verb, coding, mood, actors, recipients)

    def embed(self, trigger: Trigger, inner: Trigger | None) -> Coding:
        """The trigger's own code, refined by the event it promises/threatens/demands/refuses."""
        sense = trigger.sense
        coding = Coding(sense.cameo or "", sense.plover or "", sense.mode)
        if inner is None or inner.sense.cameo is None:
            return coding
        inner_coding = Coding(inner.sense.cameo, inner.sense.plover or "", inner.sense.mode)
        if _acts_through(trigger, inner):  # "airstrikes hit X", "sanctions hit X"
            return inner_coding
        if sense.intent:
            if self._cooperative(inner_coding.event_type):
                return self._recode(inner_coding, "intent", "AGREE")
            return self._recode(inner_coding, "threaten", "THREATEN")
        table = {"REQUEST": "request", "REJECT": "reject", "THREATEN": "threaten"}.get(sense.plover or "")
        if table is None:
            return coding
        recoded = self._recode(inner_coding, table, sense.plover or "")
        return recoded if recoded.cameo else coding

    def apply_modality(self, coding: Coding, mood: Modality, trigger: Trigger) -> Coding:
        """Future, intended and conditional events become intents or threats (CAMEO 03x/13x)."""
        coding.negated = mood.negated
        speech_obligation = mood.obligation and mood.speech_verb is not None
        if coding.event_type in VERBAL_CONFLICT or (trigger.sense.intent and not speech_obligation):
            coding.hypothetical = mood.purpose or mood.in_condition
            return coding
        if speech_obligation:
            return self._recode(coding, "request", "REQUEST")
        if mood.intent or (mood.possible and mood.conditional):
            if self._cooperative(coding.event_type):
                if mood.negated:
                    recoded = self._recode(coding, "reject", "REJECT")
                    recoded.negated = False
                    return recoded
                return self._recode(coding, "intent", "AGREE")
            if not mood.negated:
                return self._recode(coding, "threaten", "THREATEN")
            coding.hypothetical = True
            return coding
        coding.hypothetical = (mood.possible or mood.obligation or mood.in_condition or mood.planned
                               or mood.purpose)
        return coding

    def _cooperative(self, event_type: str) -> bool:
        return bool(event_type) and self.ontology.is_cooperative(event_type)

    def _recode(self, coding: Coding, table: str, event_type: str) -> Coding:
        code = embedded_code(table, coding.cameo)
        if code is None:  # already coded as such
            return Coding(coding.cameo, coding.event_type, coding.mode, negated=coding.negated)
        mode = self.ontology.cameo_code(code).plover_mode
        return Coding(code, event_type, mode, negated=coding.negated)

    def actors(self, doc: Document, offset: int, tokens: list[Any]) -> list[Actor]:
        found: list[Actor] = []
        for token in tokens:
            if token.pos_ == "PRON" and lemma(token) in cues()["relative_pronouns"]:
                continue
            start, end = phrase_bounds(token)
            start, end = offset + start, offset + end
            resolved = actors_for_span(doc, start, end)
            # "gunmen, suspected to be members of X": the group said to act
            resolved = self.actors(doc, offset, described_groups(token)) or resolved
            if not resolved and (_names_someone(token) or is_body_noun(lemma(token))):
                resolved = [Actor(text=doc.text[start:end])]
            found.extend(a for a in _people_over_places(resolved) if a not in found)
        return found

    def build(self, doc: Document, offset: int, sent: Any, trigger: Trigger, verb: Any,
              coding: Coding, mood: Modality, actors: list[Actor], recipients: list[Actor]) -> Event:
        sent_start = offset + sent.start_char
        first, last = min(trigger.tokens, key=lambda t: t.i), max(trigger.tokens, key=lambda t: t.i)
        t_start, t_end = offset + first.idx, offset + last.idx + len(last.text)
        cameo = self.ontology.cameo_code(coding.cameo)
        mode, context = describe(coding.event_type, coding.mode, cameo.plover_context, sent, verb)
        event = Event(
            event_type=coding.event_type,
            cameo=cameo.code,
            evidence=Evidence(text=doc.text[sent_start:offset + sent.end_char], start=sent_start,
                              end=offset + sent.end_char, trigger=doc.text[t_start:t_end],
                              trigger_start=t_start, trigger_end=t_end),
            mode=mode,
            context=context,
            goldstein=cameo.goldstein,
            plover_score=self.ontology.plover_score(coding.event_type, mode),
            quad=self.ontology.plover_type(coding.event_type).quad,
            actor=actors,
            recipient=recipients,
            negated=coding.negated,
            hypothetical=coding.hypothetical,
            # a future or intended event inside "X said" is not a past event being reported
            reported_past=(mood.speech_verb is not None and (mood.past or _has_date(verb))
                           and not (mood.intent or coding.hypothetical)),
            confidence=self.confidence(trigger, coding, actors, recipients),
        )
        event.clause_start, event.clause_end = (offset + i for i in clause_bounds(verb))
        event.id = event.make_id(doc.id)
        return event

    def confidence(self, trigger: Trigger, coding: Coding, actors: list[Actor],
                   recipients: list[Actor]) -> float:
        """The trigger's prior, scaled by how complete the syntactic match was."""
        score = 0.55
        if actors:
            score += 0.3 if any(a.code for a in actors) else 0.15
        if recipients or not self.ontology.plover_type(coding.event_type).requires_recipient:
            score += 0.15
        return round(min(1.0, trigger.sense.confidence * score / 0.85), 3)


def _people_over_places(actors: list[Actor]) -> list[Actor]:
    """In one phrase that names people and a bare place ("a UN base in Juba", "protesters in
    Nairobi"), the place says where they are: the people are the actor."""
    people = [a for a in actors if a.sectors or a.sector]
    return people if people and len(people) < len(actors) else actors

def _names_someone(token: Any) -> bool:
    """An unresolved phrase is kept as an actor only when it names someone ("John Smith",
    "the Hamdan Group"); things and common nouns ("tear gas", "the measures") and named
    things ("the Geneva Protocol", "the Astana talks") are dropped."""
    if is_place_named_thing(token):
        return False
    if token.dep_ in ("compound", "nmod") and is_place_named_thing(token.head):
        return False  # "Brussels" of "the Brussels conference" is part of its name
    return any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
               for t in token.subtree if t.dep_ not in ("prep", "relcl", "acl")
               and t.head.dep_ not in ("prep",))


def clause_bounds(verb: Any) -> tuple[int, int]:
    """Character span of the verb's own clause: its subtree without coordinated clauses.

    "X praised Y and said Z would host talks in May": "in May" belongs to "host", not to
    "praised", so the conjunct's subtree is left out.
    """
    excluded = {t.i for child in verb.children if child.dep_ in SIBLING_DEPS
                and child.pos_ in ("VERB", "AUX") for t in child.subtree}
    excluded |= {c.i for c in verb.children if c.dep_ == "cc"}
    doc = verb.doc
    first = last = verb.i
    while first > verb.left_edge.i and first - 1 not in excluded:
        first -= 1
    while last < verb.right_edge.i and last + 1 not in excluded:
        last += 1
    return doc[first].idx, doc[last].idx + len(doc[last].text)


DOING_EVENTS = frozenset({"ASSAULT", "COERCE", "SANCTION", "AID", "PROTEST"})


def _struck_by_a_thing(trigger: Trigger, inner: Trigger | None, actor_toks: list[Any],
                       lex: Lexicon) -> bool:
    """"The end of the bubble hit it hard": a verb of ``thing_impact_verbs`` whose doer is
    a common noun that is neither someone nor a weapon or an attack is no event."""
    if trigger.is_noun or lemma(trigger.head) not in cues()["thing_impact_verbs"]:
        return False
    if inner is not None and (_acts_through(trigger, inner) or (
            inner.head in actor_toks and inner.sense.plover in DOING_EVENTS)):
        return False  # "airstrikes hit X", "hit by shelling": an attack does it
    if inner is not None and inner.sense.instrument and inner.head.head.i == trigger.head.i \
            and inner.head.dep_ == "dobj":
        return False  # "the convoy hit a mine": a weapon met is a weapon used
    words = [w for t in actor_toks for w in (t, *(c for c in t.children if c.dep_ == "compound"))]
    weapons = any(sense.instrument for w in words for sense in lex.nouns.get(lemma(w), ()))
    return bool(actor_toks) and not weapons and all(t.pos_ == "NOUN" for t in actor_toks)


def _acts_through(verb: Trigger, subject: Trigger) -> bool:
    """An impact verb ("hit", "strike") whose subject is an event or weapon noun tells
    that noun's event: "Russian airstrikes hit Idlib" is an air strike, not a beating."""
    return (not verb.is_noun and subject.is_noun and subject.head.dep_ == "nsubj"
            and subject.head.head.i == verb.head.i
            and lemma(verb.head) in cues()["weapon_impact_verbs"])


def owners(triggers: list[Trigger]) -> dict[int, Trigger]:
    """Token index -> the trigger it belongs to; a light verb belongs to its event noun."""
    by_index = {i: t for t in triggers for i in t.indices}
    for trigger in triggers:
        verb = governor(trigger.head) if trigger.is_noun else None
        if verb is not None and verb.i not in by_index and not _through_trigger(trigger.head, verb, by_index):
            by_index[verb.i] = trigger
    return by_index


def _through_trigger(noun: Any, verb: Any, by_index: dict[int, Trigger]) -> bool:
    """"Kenya is opposed to mediation": a verb reached through another trigger ("opposed")
    belongs to that trigger, not to the noun below it."""
    token = noun.head
    while token.i != verb.i and token.head.i != token.i:
        if token.i in by_index:
            return True
        token = token.head
    return False


def is_background(trigger: Trigger) -> bool:
    """An event told as background: in a relative clause, "after ...", "since ..."."""
    c = cues()
    token = trigger.head
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i:
            return False
        if token.dep_ in INDEPENDENT_DEPS:
            return True
        if token.dep_ == "advcl" and any(lemma(m) in c["temporal_marks"] for m in token.children
                                         if m.dep_ in ("mark", "prep", "advmod")):
            return True
        if token.dep_ in ("pobj", "pcomp") and lemma(token.head) in c["background_preps"]:
            return True
        token = token.head
    return False


def dominator(trigger: Trigger, by_index: dict[int, Trigger]) -> Trigger | None:
    """The trigger whose content this one is ("called for sanctions": sanctions -> call)."""
    token, sibling = trigger.head, False
    temporal = cues()["temporal_marks"]
    for _ in range(MAX_CLIMB):
        if token.head.i == token.i or token.dep_ in INDEPENDENT_DEPS:
            return None
        if token.dep_ == "advcl" and any(lemma(c) in temporal for c in token.children
                                          if c.dep_ in ("mark", "prep", "advmod")):
            return None
        sibling = token.dep_ in SIBLING_DEPS
        token = token.head
        owner = by_index.get(token.i)
        if owner is not None and owner is not trigger and not sibling:
            return owner
    return None


def _actor_key(actors: list[Actor]) -> tuple[str, ...]:
    return tuple(sorted((a.code or a.text).lower() for a in actors))


def _unresolved_pronouns(tokens: list[Any], actors: list[Actor]) -> bool:
    return bool(tokens) and all(t.pos_ == "PRON" for t in tokens) and not any(a.code for a in actors)


def _shares_code(actors: list[Actor], recipients: list[Actor]) -> bool:
    """Whether a speaker is among those who "should" act (then it states an intent)."""
    # "Lavrov said Russia should ...": the speaker's own country, or the speaker's own kind
    return any(a.code and a.code == r.code and (not r.sector or r.sector == a.sector)
               for a in actors for r in recipients)


def _has_date(verb: Any) -> bool:
    """An explicit time on the clause ("in March, Xi paid a visit")."""
    return any(t.ent_type_ == "DATE" for c in verb.children if c.dep_ in ("prep", "npadvmod")
               for t in c.subtree)


@stage("events", requires=("segments", "excluded", "mentions", "dateline"), assigns=("events",))
def make_events_stage(config: Config) -> EventCoder:
    """Code events in PLOVER and CAMEO from the dependency parse."""
    return EventCoder(config)
