"""The places stage: place mentions → gazetteer places, the dateline, event locations.

1. The dateline ("MOSCOW, Sept. 18 (Xinhua) --") is resolved from its own text (it lies
   outside the parse) and fills ``doc.dateline.country``.
2. Place mentions (see ``mentions.py``) are resolved (see ``resolve.py``) against the
   article's context: the countries its actors belong to, the unambiguous places it
   names, the dateline, and the qualifiers that follow a place ("Villa Yapacani (Santa
   Cruz)", "Paris, Texas").
3. Each event is located at the most specific place in its clause, else in its sentence,
   else in the paragraph's last earlier sentence naming one, else at the dateline, else
   in the paragraph's next sentence naming one; a country that acts ("China said") never
   locates an event.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from typing import Any

from ..config import Config
from ..document import Dateline, Document, Event, Place
from ..registry import stage
from .gazetteer import Gazetteer, GeoEntry, load_gazetteer
from .locate import GeoContext, choose
from .mentions import cues, find_mentions
from .resolve import Located, as_area, make_place, resolve_mentions
from .unknown import event_windows, refine_location, unknown_places

__all__ = ["Located", "PlaceStage", "locate_event", "make_place", "place_from_lead",
           "resolve_mentions"]
# Places more precise than a country: a story's lead act placed at one of these places the
# acts it tells without a place of their own.
SPECIFIC_FEATURES = frozenset({"city", "admin1", "region"})
# An event its sentence does not place borrows a place from at most this many sentences
# before it (and from the one after it), even inside a paragraph: a text without breaks
# (many web and feature articles) is one long "paragraph", and a place named ten sentences
# back says nothing about where a later act happened.
CARRY_SENTENCES_BEFORE = 2
# The lead act's place is shared by the acts told within this many sentences of it: a
# news story's follow-up; further on, a long article tells other episodes elsewhere.
LEAD_REACH_SENTENCES = 10


def actor_countries(doc: Document, gazetteer: Gazetteer) -> set[str]:
    """ISO3 codes of the countries the article's actors belong to."""
    codes = {e.actor.code for e in doc.entities if e.actor and e.actor.code}
    codes |= {a.code for m in doc.mentions for a in m.actors if a.code}
    return {code for code in codes if gazetteer.country(code) is not None}


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


def _dateline_candidates(found: tuple[GeoEntry, ...]) -> tuple[GeoEntry, ...]:
    """A dateline names a city: "KIEV" is Kyiv, not the oblast GeoNames calls "Kiev"."""
    large = cues()["min_population_for_mislabelled"]
    cities = tuple(c for c in found if c.feature == "city" and c.population >= large)
    return cities or found


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
    hints = [h if h.feature != "city" else as_area(h) for h in hints]
    around = GeoContext(countries=set(context.countries)) if context else GeoContext()
    entry = choose(_dateline_candidates(gazetteer.lookup(parts[0])), around, hints)
    if entry is None:
        return None
    dateline.place, dateline.country = entry.name, entry.country
    start = text.find(parts[0], dateline.start, max(dateline.end, dateline.start + len(parts[0])))
    if start < 0:
        start = dateline.start
    return make_place(text[start : start + len(parts[0])], start, start + len(parts[0]), entry)


def _best_in(located: list[Located], start: int, end: int, anchor: int) -> Located | None:
    """The most specific located place in ``[start, end)`` (nearest the anchor on ties)."""
    inside = [
        item
        for item in located
        if item.mention.role == "location"
        and item.entry.lat is not None
        and start <= item.mention.start
        and item.mention.end <= end
        # a country named as a topic ("the future of Ukraine") does not place an event
        and (item.mention.locative or item.entry.feature != "country")
    ]
    if not inside:
        return None
    # within a chain the earlier member is the narrower unit ("Shwebo district, Sagaing")
    return min(inside, key=lambda r: (-r.entry.specificity, r.rank, abs(r.mention.start - anchor)))


def locate_event(
    event: Event,
    located: list[Located],
    fallback: Place | None,
    paragraph_start: int = -1,
    paragraph_end: int = -1,
) -> dict[str, Any] | None:
    """The event's location: the most specific place in its clause, else its sentence, else
    the paragraph's last earlier sentence naming a place (from ``paragraph_start``), else
    the dateline, else the paragraph's first later sentence naming one (to
    ``paragraph_end``: "Property destruction: On 6 May, in Mei Ma" split from its places).
    """
    evidence = event.evidence
    found = _in_event(event, located)
    if paragraph_start >= 0 and (found is None or found.entry.feature == "admin1"):
        earlier = _last_before(located, paragraph_start, evidence.start)
        if found is None or _inside(earlier, found.entry):
            found = earlier  # "… in Myawaddy (…). During the clash in Kayin state, …"
    if found is None and fallback is not None:
        return fallback.as_location()
    if found is None and paragraph_end > evidence.end:
        found = _first_after(located, evidence.end, paragraph_end)
    return found.to_place().as_location() if found is not None else None


def _inside(place: Located | None, region: GeoEntry) -> bool:
    """True when ``place`` is a town in the first-level region ``region``."""
    return (
        place is not None
        and place.entry.feature == "city"
        and place.entry.country == region.country
        and place.entry.admin1 == region.admin1
    )


def _in_event(event: Event, located: list[Located]) -> Located | None:
    """The most specific place of the event's clause, else of its sentence.

    When the clause names only a country or region ("protests in Ukraine") and the sentence
    names a town in that same country, the town is the more precise answer.
    """
    evidence = event.evidence
    anchor = evidence.trigger_start if evidence.trigger_start >= 0 else evidence.start
    found = None
    for start, end in event_windows(event):
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
    return found


def _first_after(located: list[Located], start: int, end: int) -> Located | None:
    """The most specific place of the first later sentence in ``[start, end)`` naming one."""
    later = [
        r
        for r in located
        if r.mention.role == "location"
        and r.entry.lat is not None
        and start <= r.mention.start
        and r.mention.end <= end
    ]
    if not later:
        return None
    first = min(r.mention.sent_start for r in later)
    return _best_in(later, first, end, first)


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
    return paragraph_bounds(doc, position)[0]


def paragraph_bounds(doc: Document, position: int) -> tuple[int, int]:
    """(start, end) of the parsed paragraph holding ``position`` ((-1, -1) when none does)."""
    for segment in doc.segments:
        if segment.start <= position < segment.end:
            return segment.start, segment.end
    return -1, -1


def carry_window(doc: Document, position: int, sentence_starts: list[int]) -> tuple[int, int]:
    """The stretch around ``position`` an event may borrow a place from: its paragraph,
    cut to ``CARRY_SENTENCES_BEFORE`` sentences before the event's and one after it
    ((-1, -1) when no parsed paragraph holds ``position``)."""
    start, end = paragraph_bounds(doc, position)
    if start < 0:
        return start, end
    at = bisect_right(sentence_starts, position) - 1
    if at >= 0:
        start = max(start, sentence_starts[max(at - CARRY_SENTENCES_BEFORE, 0)])
        if at + 2 < len(sentence_starts):
            end = min(end, sentence_starts[at + 2])
    return start, end


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
        unknown = unknown_places(doc, mentions, located, gazetteer)
        sentence_starts = sorted(offset + sent.start_char for offset, sent in doc.sentences())
        for event in doc.events:
            start, end = carry_window(doc, event.evidence.start, sentence_starts)
            event.location = refine_location(
                event, locate_event(event, located, dateline_place, start, end), unknown,
                gazetteer, context, start)
        place_from_lead(doc.events, sentence_starts)
        return doc


def place_from_lead(events: list[Event], sentence_starts: list[int] | None = None) -> None:
    """An event the text places nowhere, or only in a country, happened where the story's
    lead act did, when that lies in the same country: "Gunmen attacked Madamai village in
    Kaduna state ... Five residents were killed" (both in Madamai)."""
    ordered = sorted(events, key=lambda e: e.evidence.start)
    lead_event = next((e for e in ordered if e.location
                       and e.location.get("feature") in SPECIFIC_FEATURES), None)
    if lead_event is None:
        return
    lead = lead_event.location or {}
    for event in ordered:
        if sentence_starts and _sentences_apart(lead_event, event, sentence_starts) > LEAD_REACH_SENTENCES:
            continue
        here = event.location
        if here is None or (here.get("feature") == "country" and here.get("country") == lead.get("country")
                            and not _area_wide(event, here)):
            event.location = dict(lead)


def _sentences_apart(one: Event, other: Event, sentence_starts: list[int]) -> int:
    return abs(bisect_right(sentence_starts, one.evidence.start)
               - bisect_right(sentence_starts, other.evidence.start))


def _area_wide(event: Event, location: dict[str, Any]) -> bool:
    """The event's sentence spreads it over the country: "rallies across Bolivia"."""
    name = re.escape(str(location.get("text") or ""))
    return bool(name) and re.search(rf"\b(?:{_area_wide_words()})\s+(?:the\s+)?{name}",
                                    event.evidence.text, re.IGNORECASE) is not None


@cache
def _area_wide_words() -> str:
    return "|".join(re.escape(w) for w in cues()["area_wide_words"])


@stage("places", requires=("segments", "entities", "mentions", "events", "dateline"),
       assigns=("places", "event_locations", "dateline"))
def make_places_stage(config: Config) -> PlaceStage:
    """Places from the gazetteer, the dateline's country, and each event's location."""
    return PlaceStage(config)
