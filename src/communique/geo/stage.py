"""The places stage: place mentions → gazetteer places, the dateline, event locations.

1. The dateline ("MOSCOW, Sept. 18 (Xinhua) --") is resolved from its own text (it lies
   outside the parse) and fills ``doc.dateline.country``.
2. Place mentions (see ``mentions.py``) are resolved against the article's context: the
   countries its actors belong to, the unambiguous places it names, the dateline, and the
   qualifier that follows a place ("Villa Yapacani (Santa Cruz)", "Paris, Texas").
3. Each event is located at the most specific place in its clause, else in its sentence,
   else at the dateline; a country that acts ("China said") never locates an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..document import Dateline, Document, Event, Place
from ..registry import stage
from ..resources import load_data
from .gazetteer import Gazetteer, GeoEntry, load_gazetteer
from .locate import GeoContext, choose, plausible
from .mentions import PlaceMention, cues, find_mentions, lookup

# Contract features: anything else the gazetteer knows (seas, continents) is a "region".
CONTRACT_FEATURES = frozenset({"city", "country", "region", "admin1"})


@dataclass(slots=True)
class Located:
    """A mention and the place it was resolved to; ``qualifier`` marks "(Santa Cruz)"."""

    mention: PlaceMention
    entry: GeoEntry
    qualifier: bool = False

    def to_place(self) -> Place:
        return make_place(self.mention.text, self.mention.start, self.mention.end, self.entry)


def make_place(text: str, start: int, end: int, entry: GeoEntry) -> Place:
    """The output Place for a resolved span."""
    feature = entry.feature if entry.feature in CONTRACT_FEATURES else "region"
    return Place(
        text=text,
        start=start,
        end=end,
        name=entry.name,
        country=entry.country,
        lat=entry.lat,
        lon=entry.lon,
        geonameid=entry.geonameid,
        feature=feature,
    )


def _qualifier_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_data("geo", "cues.yaml")["qualifier_words"])
    return re.compile(rf"^\s*(?:(?:{words})\s*)?[(,]\s*$", re.IGNORECASE)


def qualifier_groups(text: str, mentions: list[PlaceMention]) -> list[list[int]]:
    """Indices of mentions chained by "X (Y, Z)" / "X, Y" into groups, head first."""
    pattern = _qualifier_pattern()
    groups: list[list[int]] = []
    for i, mention in enumerate(mentions):
        if groups and pattern.match(text[mentions[groups[-1][-1]].end : mention.start]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def actor_countries(doc: Document, gazetteer: Gazetteer) -> set[str]:
    """ISO3 codes of the countries the article's actors belong to."""
    codes = {e.actor.code for e in doc.entities if e.actor and e.actor.code}
    codes |= {a.code for m in doc.mentions for a in m.actors if a.code}
    return {code for code in codes if gazetteer.country(code) is not None}


def seed_context(candidates: list[tuple[GeoEntry, ...]], context: GeoContext) -> None:
    """Widen the context with the countries, regions and large cities the article names."""
    large = cues()["min_population_for_mislabelled"]
    for found in candidates:
        best = choose(found, GeoContext())
        if (
            best is not None
            and best.primary
            and (best.feature != "city" or best.population >= large)
        ):
            context.add(best)


def _in_parens(text: str, head: PlaceMention, member: PlaceMention) -> bool:
    between = text[head.end : member.start]
    return between.count("(") > between.count(")")


def _hints_for(
    text: str,
    mention: PlaceMention,
    resolved: list[tuple[Located, list[GeoEntry]]],
    gazetteer: Gazetteer,
) -> tuple[list[GeoEntry], list[GeoEntry]]:
    """(strong, weak) hints from the qualifiers after ``mention``.

    Strong: a region or country, or anything in parentheses ("(Mansehra, KPK)"): it fixes
    the country. Weak: a city after a comma, which may be a list ("Paris, London"), so it
    only lends its country.
    """
    strong: list[GeoEntry] = []
    weak: list[GeoEntry] = []
    for located, readings in resolved:
        if located.entry.feature != "city" or _in_parens(text, mention, located.mention):
            strong.extend(readings)
        else:
            weak.extend(
                c for c in (gazetteer.country(r.country) for r in readings if r.country) if c
            )
    return strong, weak


def resolve_group(
    text: str,
    group: list[PlaceMention],
    found: list[tuple[GeoEntry, ...]],
    context: GeoContext,
    gazetteer: Gazetteer,
) -> list[Located]:
    """Resolve a qualifier chain from its end: each member is a hint for the ones before it."""
    resolved: list[tuple[Located, list[GeoEntry]]] = []
    for i in range(len(group) - 1, -1, -1):
        strong, weak = _hints_for(text, group[i], resolved, gazetteer)
        candidates = found[i]
        if strong:  # the qualifier names the country: a namesake elsewhere is not meant
            countries = {h.country for h in strong}
            candidates = tuple(c for c in candidates if c.country in countries)
        readings = plausible(candidates, context, strong + weak)
        if not readings:
            continue
        mention = group[i]
        if i > 0 and group[0].role == "location":
            mention.role = "location"  # "Moscow, Russia": the qualifier is a place too
        resolved.insert(0, (Located(mention, readings[0], qualifier=i > 0), readings))
    return [located for located, _ in resolved]


def resolve_mentions(
    text: str, mentions: list[PlaceMention], gazetteer: Gazetteer, context: GeoContext
) -> list[Located]:
    """Resolve every mention that the gazetteer knows."""
    found = [lookup(gazetteer, m.text) for m in mentions]
    seed_context(found, context)
    located: list[Located] = []
    for group in qualifier_groups(text, mentions):
        located.extend(
            resolve_group(
                text, [mentions[i] for i in group], [found[i] for i in group], context, gazetteer
            )
        )
    return located


def resolve_dateline(dateline: Dateline, text: str, gazetteer: Gazetteer) -> Place | None:
    """Resolve "MOSCOW" / "Kyiv, Ukraine" and normalise the dateline; the Place or None."""
    parts = [p.strip() for p in (dateline.place or "").split(",") if p.strip()]
    if not parts:
        return None
    hints = [h for h in (choose(gazetteer.lookup(p), GeoContext()) for p in parts[1:]) if h]
    # A dateline names a well-known place: population and its own qualifier decide.
    entry = choose(gazetteer.lookup(parts[0]), GeoContext(), hints)
    if entry is None:
        return None
    dateline.place, dateline.country = entry.name, entry.country
    start = text.find(parts[0], dateline.start, max(dateline.end, dateline.start + len(parts[0])))
    if start < 0:
        start = dateline.start
    return make_place(text[start : start + len(parts[0])], start, start + len(parts[0]), entry)


def _windows(event: Event) -> list[tuple[int, int]]:
    windows = []
    if event.clause_start >= 0 and event.clause_end > event.clause_start:
        windows.append((event.clause_start, event.clause_end))
    windows.append((event.evidence.start, event.evidence.end))
    return windows


def locate_event(
    event: Event, located: list[Located], fallback: Place | None
) -> dict[str, Any] | None:
    """The event's location: the most specific place in its clause, sentence, or dateline."""
    anchor = (
        event.evidence.trigger_start if event.evidence.trigger_start >= 0 else event.evidence.start
    )
    for start, end in _windows(event):
        inside = [
            item
            for item in located
            if item.mention.role == "location"
            and item.entry.lat is not None
            and start <= item.mention.start
            and item.mention.end <= end
        ]
        if inside:
            best = min(
                inside,
                key=lambda r: (-r.entry.specificity, r.qualifier, abs(r.mention.start - anchor)),
            )
            return best.to_place().as_location()
    return fallback.as_location() if fallback is not None else None


class PlaceStage:
    """Resolves places, the dateline and event locations (see the module docstring)."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        if not doc.ok:
            return doc
        gazetteer = load_gazetteer()
        context = GeoContext(countries=actor_countries(doc, gazetteer))
        dateline_place = None
        if doc.dateline is not None:
            dateline_place = resolve_dateline(doc.dateline, doc.text, gazetteer)
            if dateline_place is not None:
                context.dateline_country = dateline_place.country
        mentions = find_mentions(doc, gazetteer)
        located = resolve_mentions(doc.text, mentions, gazetteer, context)
        places = [item.to_place() for item in located if item.mention.role == "location"]
        if dateline_place is not None:
            places.insert(0, dateline_place)
        doc.places = places
        for event in doc.events:
            event.location = locate_event(event, located, dateline_place)
        return doc


@stage("places", requires=("segments", "events"), assigns=("places", "event_locations"))
def make_places_stage(config: Config) -> PlaceStage:
    """Places from the gazetteer, the dateline's country, and each event's location."""
    return PlaceStage(config)
