"""Who and whom from the article where the clause leaves them open (stage ``actor_context``).

Runs after events have dates and places. Six article-level readings, each general:

1. A person or group the text does not tie to a country ("gunmen", "four soldiers",
   "security forces", "the protesters") belongs to the country where its event happened:
   the event's location, else the one country the article's places lie in, else the
   dateline's country (where the story is reported from). A non-state
   actor is coded with the country where it is based and acts; a group that names its own
   country ("South Sudanese rebels", "Mali's junta") was resolved before and is not touched.
2. A joint act with no recipient ("Japan and South Korea agreed", "Kamikawa and Cho met")
   is coded first party → other parties.
3. A response to an earlier act ("condemned the attack") is aimed at that act's doers.
4. A visit with no named host is hosted by the country it took place in.
5. A body named by its kind ("the bloc", "the alliance") is the latest intergovernmental or
   non-governmental body named before it.
6. A domestic act that names no target ("hundreds gathered for a rally", "the military
   recaptured the base", "forces carried out a strike in the district"), done by a country's
   own people in that country, is aimed at that country: a demonstration at its
   government, a raid or an attack at those who hold the place.

The vocabulary is ``events/data/article_context.yaml``.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from ..config import Config
from ..document import Actor, Document, Event
from ..registry import stage
from ..resources import load_data


@cache
def context_rules() -> dict:
    return load_data("events", "article_context.yaml")


@cache
def _response_pattern() -> re.Pattern[str]:
    rules = context_rules()
    determiners = "|".join(map(re.escape, rules["determiners"]))
    nouns = "|".join(map(re.escape, sorted(rules["act_nouns"], key=len, reverse=True)))
    # "the attack", "this week's attacks", "Saturday's deadly bombing", "(the attack)"
    return re.compile(rf"\b(?:(?:{determiners})|\w+['’]s)\s+(?:[\w-]+\s+){{0,2}}(?:{nouns})\b",
                      re.IGNORECASE)


def article_country(doc: Document) -> str | None:
    """The one country every place the article names lies in, or None when they differ."""
    countries = Counter(p.country for p in doc.places if p.country)
    return next(iter(countries)) if len(countries) == 1 else None


def is_body_noun(word: str) -> bool:
    """Whether a head noun names a body by its kind ("bloc", "alliance")."""
    return word.lower() in context_rules()["body_nouns"]


def _body_noun(actor: Actor) -> bool:
    words = actor.text.lower().split()
    return 0 < len(words) <= 3 and is_body_noun(words[-1])


def resolve_bodies(doc: Document, event: Event) -> None:
    """"The bloc", "the alliance" without a code: the latest body the article named before."""
    codes = set(context_rules()["body_codes"])
    earlier = [a for m in doc.mentions if m.end <= event.evidence.start
               for a in m.actors if a.code in codes]
    if not earlier:
        return
    for role in ("actor", "recipient"):
        parties = getattr(event, role)
        setattr(event, role, [replace(earlier[-1], text=a.text) if not a.code and _body_noun(a)
                              else a for a in parties])


def is_thing(actor: Actor) -> bool:
    """A phrase with no country, no sector and no known name that reads as a common noun
    phrase ("a statement", "the first time", "three rockets"): a thing, never a party."""
    if actor.code or actor.sector or actor.sectors or actor.name or _body_noun(actor):
        return False
    first = actor.text.split(maxsplit=1)[0] if actor.text.strip() else ""
    return not first or first[0].islower() or first[0].isdigit() \
        or first.lower() in context_rules()["thing_openers"]


def _with_country(actors: list[Actor], country: str | None) -> list[Actor]:
    out: list[Actor] = []
    for actor in actors:
        if is_thing(actor):
            continue
        filled = actor if actor.code or country is None else replace(
            actor, code=country, sectors=list(actor.sectors))
        if filled not in out:
            out.append(filled)
    return out


def fill_countries(event: Event, fallback: str | None) -> None:
    """Reading 1: people and groups without a country take the country where the event
    happened; things ("a statement", "the first time") are dropped."""
    country = (event.location or {}).get("country") or fallback
    event.actor = _with_country(event.actor, country)
    event.recipient = _with_country(event.recipient, country)


def split_joint_act(event: Event) -> None:
    """Reading 2: "X and Y met" with no recipient is X → Y."""
    if event.event_type not in context_rules()["symmetric_types"] or event.recipient:
        return
    codes = list(dict.fromkeys(a.code for a in event.actor if a.code))
    if len(codes) < 2:
        return
    event.recipient = [a for a in event.actor if a.code and a.code != codes[0]]
    event.actor = [a for a in event.actor if a.code == codes[0] or not a.code]


def host_of_visit(event: Event) -> None:
    """Reading 4: a visit with no named host ("paid a visit to Kiev") is hosted by the
    country it took place in, when that is not the visitor's own."""
    if event.cameo not in context_rules()["visit_codes"] or event.recipient or not event.location:
        return
    country = event.location.get("country")
    if country and country not in {a.code for a in event.actor}:
        text = event.location.get("text") or event.location.get("name") or country
        event.recipient = [Actor(text=text, code=country)]


def aim_domestic_act(event: Event, fallback: str | None) -> None:
    """Reading 6: a domestic act with no recipient is aimed at the country it happens in."""
    if event.event_type not in context_rules()["domestic_target_types"] or event.recipient:
        return
    country = (event.location or {}).get("country") or fallback
    if country and {a.code for a in event.actor if a.code} == {country}:
        event.recipient = [Actor(text=country, code=country)]


def _responds_to_an_act(doc: Document, event: Event) -> bool:
    if event.event_type not in context_rules()["response_types"] or event.recipient:
        return False
    start = max(event.evidence.trigger_end, event.evidence.start)
    end = event.clause_end if event.clause_end > start else event.evidence.end
    return _response_pattern().search(doc.text, start, end) is not None


def _doers(events: list[Event], index: int) -> list[Actor]:
    acts = context_rules()["act_types"]
    earlier = [e for e in events[:index] if e.event_type in acts and any(a.code for a in e.actor)]
    later = [e for e in events[index + 1:] if e.event_type in acts and any(a.code for a in e.actor)]
    source = earlier[-1] if earlier else (later[0] if later else None)
    return [a for a in source.actor if a.code] if source else []


def aim_responses(doc: Document) -> None:
    """Reading 3: "condemned the attack" is aimed at whoever attacked."""
    for index, event in enumerate(doc.events):
        if _responds_to_an_act(doc, event):
            # by identity, not code: a president condemns his own country's rebels
            speakers = {(a.text, a.code) for a in event.actor}
            event.recipient = [a for a in _doers(doc.events, index)
                               if (a.text, a.code) not in speakers]


class ActorContext:
    """The registered stage: the six readings over a document's events, in text order."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        if not doc.ok or not doc.events:
            return doc
        fallback = article_country(doc) or (doc.dateline.country if doc.dateline else None)
        for event in doc.events:
            resolve_bodies(doc, event)
            fill_countries(event, fallback)
            split_joint_act(event)
            host_of_visit(event)
            aim_domestic_act(event, fallback)
        aim_responses(doc)
        return doc


@stage("actor_context", requires=("events", "event_locations", "places", "mentions", "dateline"),
       assigns=("event_actors",))
def make_actor_context_stage(config: Config) -> ActorContext:
    """Actors' countries, joint acts and responses read from the whole article."""
    return ActorContext(config)
