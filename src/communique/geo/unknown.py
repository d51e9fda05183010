"""Places the gazetteer does not hold: "Kamdesh district", "the El Salini base", "Markoye".

GeoNames' list of towns of 500+ people has no districts below the first level, no bases or
camps, and few villages, so the place a story names most precisely is often unknown to
the gazetteer and the event falls back to the region, the country or the dateline. Such a
place is still a place: a parser GPE/LOC/FAC entity the gazetteer does not know, or a
capitalised name before a unit word (``qualifier_words``, ``facility_words`` in
``data/cues.yaml``). When an event's clause or sentence names one and the known places
locate the event no better than a region or a country (or not at all), the event keeps
the position the known places gave it and takes the unknown place's name as written
(``refine_location``). Its country is that of the nearest known place of its sentence,
else the event's known location's, else the dateline's, else the one country the event's
actors share, else the one country the article's places lie in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..document import Document, Event
from .gazetteer import Gazetteer
from .locate import GeoContext
from .mentions import PlaceMention, cues, lookup, plausible_name
from .resolve import Located

# Known places at least this precise are left alone: an unknown name never displaces a town.
REFINED_FEATURES = frozenset({"country", "admin1", "region"})


@dataclass(frozen=True, slots=True)
class UnknownPlace:
    """A place name as written, with the country it was read to lie in."""

    text: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    feature: str  # "city" for a settlement or site, "region" for an area
    country: str | None  # of the sentence's nearest known place, when it names one
    lat: float | None = None  # ... and that place's position
    lon: float | None = None


def _unit_words() -> frozenset[str]:
    table = cues()
    return frozenset(table["qualifier_words"]) | frozenset(table.get("facility_words") or ())


def _feature(unit: str | None) -> str:
    """A district or province is an area; a town, a base or a bare name a settlement."""
    if unit is None or unit in cues()["settlement_words"] or unit in (cues().get("facility_words") or ()):
        return "city"
    return "region"


def _unit_after(text: str, end: int) -> str | None:
    rest = text[end : end + 20].split(maxsplit=1)
    word = rest[0].lower().strip(".,;:)") if rest and text[end : end + 1] == " " else None
    return word if word in _unit_words() else None


def _modifiers_before(sent: Any, token: Any) -> int:
    """Index of the first of the lower-case words between a site's name and its word
    ("Zamzam displacement camp" → "displacement"), or the word's own index."""
    first = token.i
    if token.lower_ not in (cues().get("facility_words") or ()):
        return first
    modifiers = set(cues().get("facility_modifiers") or ())
    while first > sent.start and sent.doc[first - 1].lower_ in modifiers:
        first -= 1
    return first


def _named_before_units(doc: Document) -> Iterator[tuple[int, int, int, int, str]]:
    """(start, end, sentence start, sentence end, unit) of capitalised names before a unit
    word: "Kamdesh district", "El Salini base", "Negros Occidental province"."""
    connectors = set(cues()["name_connectors"])
    units = _unit_words()
    for offset, sent in doc.sentences():
        for token in sent:
            if token.lower_ not in units or token.i == sent.start:
                continue
            first = modified = _modifiers_before(sent, token)
            for prior in reversed(sent.doc[sent.start : first]):
                if prior.is_alpha and prior.text[:1].isupper() or (
                        prior.lower_ in connectors and first < token.i):
                    first = prior.i
                else:
                    break
            while first < token.i and not sent.doc[first].text[:1].isupper():
                first += 1
            label = sent.doc[first].ent_type_
            # the small model tags many unknown district names as persons; a person's
            # "camp" or "base" is a faction, though, unless a word says what kind of site
            # it is ("the Zamzam displacement camp")
            if not sent.doc[first].text[:1].isupper() or label in ("NORP", "ORG") or (
                    label == "PERSON" and token.lower_ not in cues()["qualifier_words"]
                    and modified == token.i):
                continue
            start = offset + sent.doc[first].idx
            end = offset + token.idx + len(token.text)
            yield start, end, offset + sent.start_char, offset + sent.end_char, token.lower_


def _candidates(doc: Document, mentions: list[PlaceMention],
                located: list[Located]) -> Iterator[tuple[int, int, int, int, str | None]]:
    known = {id(item.mention) for item in located}
    for m in mentions:
        if id(m) in known or m.role != "location" or not m.locative or m.source != "ner":
            continue
        unit = _unit_after(doc.text, m.end)
        end = m.end + 1 + len(unit) if unit else m.end
        last = m.text.rsplit(maxsplit=1)[-1].lower()
        yield m.start, end, m.sent_start, m.sent_end, unit or (
            last if " " in m.text and last in _unit_words() else None)
    taken = [(item.mention.start, item.mention.end) for item in located]
    for start, end, s_start, s_end, unit in _named_before_units(doc):
        if not any(a < end and start < b for a, b in taken):
            yield start, end, s_start, s_end, unit


def _nearest_known(start: int, sent_start: int, sent_end: int,
                   located: list[Located]) -> Located | None:
    """The sentence's known place nearest ``start`` ("… Airport in Jakarta": Jakarta)."""
    near = [item for item in located if item.mention.role == "location" and item.entry.country
            and sent_start <= item.mention.start < sent_end]
    return min(near, key=lambda item: abs(item.mention.start - start)) if near else None


def unknown_places(doc: Document, mentions: list[PlaceMention], located: list[Located],
                   gazetteer: Gazetteer) -> list[UnknownPlace]:
    """The place names of the text that the gazetteer does not know, in text order."""
    found: dict[int, UnknownPlace] = {}
    for start, end, s_start, s_end, unit in _candidates(doc, mentions, located):
        text = doc.text[start:end]
        name = text[: -len(unit)].strip() if unit and text.lower().endswith(unit) else text
        if start in found and found[start].end >= end:
            continue  # "Abdi Weyne" of the parser inside "Abdi Weyne refugee camp"
        if not plausible_name(name) or lookup(gazetteer, name):
            continue
        near = _nearest_known(start, s_start, s_end, located)
        entry = near.entry if near is not None else None
        found[start] = UnknownPlace(text, start, end, s_start, s_end, _feature(unit),
                                    entry.country if entry else None,
                                    entry.lat if entry else None, entry.lon if entry else None)
    return sorted(found.values(), key=lambda p: p.start)


def story_country(context: GeoContext, event: Event, gazetteer: Gazetteer) -> str | None:
    """Where an event lies when its sentence names no known place: the dateline's country,
    else the one country its actors and recipients share, else the one country the
    article's places lie in."""
    if context.dateline_country:
        return context.dateline_country
    codes = {a.code for a in event.actor + event.recipient if a.code}
    countries = {code for code in codes if gazetteer.country(code) is not None}
    if len(countries) == 1:
        return next(iter(countries))
    return next(iter(context.place_countries)) if len(context.place_countries) == 1 else None


def event_windows(event: Event) -> list[tuple[int, int]]:
    """Where an event's place is looked for first: its clause (when the coder drew one),
    then its sentence."""
    clause = event.clause()
    return ([clause] if clause else []) + [(event.evidence.start, event.evidence.end)]


def _in_event(event: Event, places: list[UnknownPlace]) -> UnknownPlace | None:
    anchor = event.evidence.trigger_start if event.evidence.trigger_start >= 0 else event.evidence.start
    for start, end in event_windows(event):
        inside = [p for p in places if start <= p.start and p.end <= end]
        if inside:
            return min(inside, key=lambda p: abs(p.start - anchor))
    return None


def refine_location(event: Event, location: dict[str, Any] | None, places: list[UnknownPlace],
                    gazetteer: Gazetteer, context: GeoContext,
                    paragraph_start: int = -1) -> dict[str, Any] | None:
    """``location``, or the unknown place the event's clause or sentence names when the
    known places put the event only in a region or country of the same country, somewhere
    its sentence does not name (the dateline, an earlier sentence), or nowhere. Failing
    that, an event placed no better than a region from outside its sentence takes the
    unknown place of the paragraph's last earlier sentence naming one (from
    ``paragraph_start``): "… the fighting in Kamdesh district began overnight. The
    firefight lasted hours."

    The position is that of the known place next to it in its sentence ("… Airport in
    Jakarta"), else the event's known location, else its country's."""
    stated = event.names_place(location)
    site = _site_near(event, places, location) if stated else None
    if location is not None and site is not None and site.country in (None, location.get("country")):
        return {"name": site.text, "text": site.text, "country": location.get("country"),
                "lat": location.get("lat"), "lon": location.get("lon"), "feature": "city"}
    if location is not None and location.get("feature") not in REFINED_FEATURES and stated:
        return location
    place = _in_event(event, places)
    if place is None and not stated and paragraph_start >= 0 and (
            location is None or location.get("feature") in REFINED_FEATURES):
        place = _last_before(places, paragraph_start, event.evidence.start)
    if place is None:
        return location
    country = place.country or (location or {}).get("country") or story_country(
        context, event, gazetteer)
    if country is None or (location is not None and location.get("country") != country):
        return location
    where: dict[str, Any] | None = {"lat": place.lat, "lon": place.lon}
    if place.lat is None:
        where = location if location is not None else _country_position(country, gazetteer)
    if where is None:
        return location
    return {"name": place.text, "text": place.text, "country": country,
            "lat": where.get("lat"), "lon": where.get("lon"), "feature": place.feature}


def _site_near(event: Event, places: list[UnknownPlace],
               location: dict[str, Any] | None) -> UnknownPlace | None:
    """An unknown place of the event's sentence right before "near <the known place>"."""
    name = str((location or {}).get("text") or "")
    if not name:
        return None
    words = "|".join(re.escape(w) for w in cues().get("near_words") or ())
    after = re.compile(rf"\s+(?:{words})\s+(?:the\s+)?(?:(?:town|city|village) of\s+)?"
                       rf"{re.escape(name)}\b")
    evidence = event.evidence
    for place in places:
        if evidence.start <= place.start and place.end <= evidence.end and after.match(
                evidence.text, place.end - evidence.start):
            return place
    return None


def _last_before(places: list[UnknownPlace], start: int, end: int) -> UnknownPlace | None:
    earlier = [p for p in places if start <= p.start and p.end <= end]
    return max(earlier, key=lambda p: p.start) if earlier else None


def _country_position(code: str, gazetteer: Gazetteer) -> dict[str, Any] | None:
    entry = gazetteer.country(code)
    return None if entry is None else {"lat": entry.lat, "lon": entry.lon}
