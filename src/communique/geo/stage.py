"""The places stage: place mentions → gazetteer places, the dateline, event locations.

1. The dateline ("MOSCOW, Sept. 18 (Xinhua) --") is resolved from its own text (it lies
   outside the parse) and fills ``doc.dateline.country``.
2. Place mentions (see ``mentions.py``) are resolved against the article's context: the
   countries its actors belong to, the unambiguous places it names, the dateline, and the
   qualifier that follows a place ("Villa Yapacani (Santa Cruz)", "Paris, Texas").
3. Each event is located at the most specific place in its clause, else in its sentence,
   else in the paragraph's last earlier sentence naming one, else at the dateline; a
   country that acts ("China said") never locates an event.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from ..config import Config
from ..document import Dateline, Document, Event, Place
from ..registry import stage
from ..resources import load_data
from .gazetteer import Gazetteer, GeoEntry, load_gazetteer
from .locate import GeoContext, choose, plausible, score
from .mentions import PlaceMention, cues, find_mentions, lookup

# Contract features: anything else the gazetteer knows (seas, continents) is a "region".
CONTRACT_FEATURES = frozenset({"city", "country", "region", "admin1"})
# A name seeds the article's context only if no namesake in another country scores within
# this many orders of magnitude of population of it.
SEED_MARGIN = 1.0


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
    """Widen the context with the countries, regions and large cities the article names.

    Only unambiguous names count: "San Martin" (Peru? Argentina? El Salvador?) seeds nothing.
    """
    large = cues()["min_population_for_mislabelled"]
    for found in candidates:
        ranked = sorted(((score(c, GeoContext()), c) for c in found), key=lambda p: -p[0])
        if not ranked:
            continue
        top, best = ranked[0]
        if not best.primary or (best.feature == "city" and best.population < large):
            continue
        if all(c.country == best.country or v < top - SEED_MARGIN for v, c in ranked[1:]):
            context.add(best)


def _in_parens(text: str, head: PlaceMention, member: PlaceMention) -> bool:
    between = text[head.end : member.start]
    return between.count("(") > between.count(")")


def _hints_for(
    text: str,
    mention: PlaceMention,
    resolved: list[tuple[Located, list[GeoEntry]]],
) -> tuple[list[GeoEntry], list[GeoEntry]]:
    """(strong, weak) hints from the qualifiers after ``mention``.

    Strong: a region or country, or anything in parentheses ("(Mansehra, KPK)"): it fixes
    the country. Weak: a city after a comma, which may be a list ("Paris, London"), so it
    only lends its country and first-level region.
    """
    strong: list[GeoEntry] = []
    weak: list[GeoEntry] = []
    for located, readings in resolved:
        if located.entry.feature != "city" or _in_parens(text, mention, located.mention):
            strong.extend(readings)
        else:
            weak.extend(_as_area(r) for r in readings if r.country)
    return strong, weak


def _well_known(entry: GeoEntry) -> bool:
    large = cues()["min_population_for_mislabelled"]
    return entry.primary and (entry.feature != "city" or entry.population >= large)


def _as_area(city: GeoEntry) -> GeoEntry:
    """A city qualifier reduced to the region it lies in, without its own position.

    "Pavlivka, Donetsk" means the Pavlivka in Donetsk's region, not the one nearest the
    city; and "Paris, London" must not pull Paris towards London.
    """
    return replace(city, pid=-1, geonameid=None, lat=None, lon=None, feature="admin1")


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
        strong, weak = _hints_for(text, group[i], resolved)
        candidates = found[i]
        if strong:  # the qualifier names the country: a namesake elsewhere is not meant
            countries = {h.country for h in strong}
            kept = tuple(c for c in candidates if c.country in countries)
            # ... unless the name is a well-known place and the qualifier the doubtful one
            candidates = kept or tuple(c for c in candidates if _well_known(c))
        # the qualifier's country counts as the article's for dropping namesakes abroad
        local = replace(
            context,
            place_countries=context.place_countries
            | {h.country for h in strong + weak if h.country},
        )
        readings = plausible(candidates, local, strong + weak)
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
    """Resolve every mention that the gazetteer knows, in two passes.

    The first pass learns the countries of places pinned down by their qualifiers ("San
    Martin, San Salvador" is in El Salvador); the second resolves everything with that
    knowledge, so that "colonia Santa Elena" later in the note stays in El Salvador too.
    """
    found = [lookup(gazetteer, m.text) for m in mentions]
    seed_context(found, context)
    groups = qualifier_groups(text, mentions)
    for _ in range(2):
        located: list[Located] = []
        for group in groups:
            resolved = resolve_group(
                text, [mentions[i] for i in group], [found[i] for i in group], context, gazetteer
            )
            if len(resolved) > 1 and not resolved[0].qualifier:
                context.add(resolved[0].entry)
            located.extend(resolved)
    return located


def _dateline_qualifiers(dateline: Dateline, text: str, place: str) -> list[str]:
    """Region names the raw dateline adds after the place ("SAN MATEO, Calif., March 2 -").

    Only the comma-separated piece right after the place is read, and only when it starts
    with a capital and holds no digit (so "Sept. 18" stays a date).
    """
    raw = text[dateline.start : dateline.end]
    at = raw.lower().find(place.lower())
    if at < 0:
        return []
    pieces = raw[at + len(place) :].split(",")
    piece = pieces[1].strip() if len(pieces) > 2 else ""
    if piece[:1].isupper() and not any(ch.isdigit() for ch in piece):
        return [piece]
    return []


def resolve_dateline(
    dateline: Dateline, text: str, gazetteer: Gazetteer, context: GeoContext | None = None
) -> Place | None:
    """Resolve "MOSCOW" / "Kyiv, Ukraine" and normalise the dateline; the Place or None.

    A dateline names a well-known place: population and its own qualifier decide, helped
    by the countries of the article's actors ("SAN MATEO" in a story about U.S. firms).
    """
    parts = [p.strip() for p in (dateline.place or "").split(",") if p.strip()]
    if not parts:
        return None
    qualifiers = parts[1:] + _dateline_qualifiers(dateline, text, parts[0])
    hints = [h for h in (choose(gazetteer.lookup(p), GeoContext()) for p in qualifiers) if h]
    hints = [h if h.feature != "city" else _as_area(h) for h in hints]
    around = GeoContext(countries=set(context.countries)) if context else GeoContext()
    entry = choose(gazetteer.lookup(parts[0]), around, hints)
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


def _best_in(located: list[Located], start: int, end: int, anchor: int) -> Located | None:
    """The most specific located place in ``[start, end)`` (nearest the anchor on ties)."""
    inside = [
        item
        for item in located
        if item.mention.role == "location"
        and item.entry.lat is not None
        and start <= item.mention.start
        and item.mention.end <= end
    ]
    if not inside:
        return None
    return min(
        inside, key=lambda r: (-r.entry.specificity, r.qualifier, abs(r.mention.start - anchor))
    )


def locate_event(
    event: Event, located: list[Located], fallback: Place | None, paragraph_start: int = -1
) -> dict[str, Any] | None:
    """The event's location: the most specific place in its clause, else its sentence, else
    the paragraph's last earlier sentence naming a place (from ``paragraph_start``), else
    the dateline.

    When the clause names only a country or region ("protests in Ukraine") and the sentence
    names a town in that same country, the town is the more precise answer.
    """
    evidence = event.evidence
    anchor = evidence.trigger_start if evidence.trigger_start >= 0 else evidence.start
    found = None
    for start, end in _windows(event):
        found = _best_in(located, start, end, anchor)
        if found is not None:
            break
    if found is not None and found.entry.feature != "city":
        wider = _best_in(located, evidence.start, evidence.end, anchor)
        if (
            wider is not None
            and wider.entry.specificity > found.entry.specificity
            and wider.entry.country == found.entry.country
        ):
            found = wider
    if found is None and paragraph_start >= 0:
        found = _last_before(located, paragraph_start, evidence.start)
    if found is not None:
        return found.to_place().as_location()
    return fallback.as_location() if fallback is not None else None


def _last_before(located: list[Located], start: int, end: int) -> Located | None:
    """The most specific place of the last earlier sentence of the paragraph naming one.

    "Gunmen attacked a bus in Kaduna. Two people were killed." – the killing happened
    where the story last said it was, which the paragraph says better than the dateline.
    """
    earlier = [
        r
        for r in located
        if r.mention.role == "location"
        and r.entry.lat is not None
        and start <= r.mention.start
        and r.mention.end <= end
    ]
    if not earlier:
        return None
    last = max(r.mention.sent_start for r in earlier)
    return _best_in(earlier, last, end, end)


def paragraph_start(doc: Document, position: int) -> int:
    """Where the parsed paragraph holding ``position`` starts (-1 when none does)."""
    for segment in doc.segments:
        if segment.start <= position < segment.end:
            return segment.start
    return -1


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
            dateline_place = resolve_dateline(doc.dateline, doc.text, gazetteer, context)
            if dateline_place is not None:
                context.dateline_country = dateline_place.country
        mentions = find_mentions(doc, gazetteer)
        located = resolve_mentions(doc.text, mentions, gazetteer, context)
        places = [item.to_place() for item in located if item.mention.role == "location"]
        if dateline_place is not None:
            places.insert(0, dateline_place)
        doc.places = places
        for event in doc.events:
            start = paragraph_start(doc, event.evidence.start)
            event.location = locate_event(event, located, dateline_place, start)
        return doc


@stage("places", requires=("segments", "events"), assigns=("places", "event_locations"))
def make_places_stage(config: Config) -> PlaceStage:
    """Places from the gazetteer, the dateline's country, and each event's location."""
    return PlaceStage(config)
