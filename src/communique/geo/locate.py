"""Choosing among homonymous places: population, the article's countries, and hints.

Each candidate gets a score on a log10-population scale, so that evidence is weighed in
"orders of magnitude of population": a town in a country the article is about gains as much
as a tenfold larger namesake elsewhere; one in the region named next to it ("Villa Yapacani
(Santa Cruz)", "Paris, Texas") gains far more.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .gazetteer import GeoEntry

# Score weights, in orders of magnitude of population (see the module docstring).
ALTERNATE_NAME_PENALTY = 1.5  # matched only an alternate spelling
COUNTRY_CONTEXT_BONUS = 1.5  # candidate's country is one the article names
DATELINE_COUNTRY_BONUS = 1.0
REGION_CONTEXT_BONUS = 2.5  # candidate lies in a first-level region the article names
HINT_COUNTRY_BONUS = 3.0  # "X (Y)" / "X, Y": candidate in Y's country
HINT_REGION_BONUS = 3.0  # ... and in Y itself
HINT_NEAR_KM = 150.0  # ... or this close to Y's position
COUNTRY_FEATURE_BONUS = 1.0  # "Georgia" the country before Georgia the state
# Once the article's countries are known, a candidate elsewhere must score at least this
# (a primary-name town of ~100,000) to be kept: it drops the Japanese "Sanjo" from a
# Tanzanian story but keeps Paris, France in a story about the United States.
OUT_OF_CONTEXT_MIN_SCORE = 5.0
PLAUSIBLE_MARGIN = 0.5  # readings this close to the best are kept as qualifier hints
# A subdivision named like a city inside it that holds this share of its people is, when
# named bare, that city ("Moscow", "Aleppo"; not "Sagaing", whose town is small).
CITY_STATE_SHARE = 0.3
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(slots=True)
class GeoContext:
    """What the article says about where it is: countries, regions, the dateline."""

    countries: set[str] = field(default_factory=set)  # from actors and places
    regions: set[tuple[str, str]] = field(default_factory=set)  # (country, admin1 code)
    dateline_country: str | None = None
    # countries of places the article names outright; unlike actors' countries ("Russian
    # forces shelled …") these say where the story happens
    place_countries: set[str] = field(default_factory=set)

    def add(self, entry: GeoEntry) -> None:
        """Let an unambiguous place widen the context."""
        if entry.country:
            self.countries.add(entry.country)
            self.place_countries.add(entry.country)
        if entry.feature == "admin1" and entry.country and entry.admin1:
            self.regions.add((entry.country, entry.admin1))


def _hint_score(candidate: GeoEntry, hints: Sequence[GeoEntry]) -> float:
    best = 0.0
    for hint in hints:
        if hint.pid == candidate.pid:  # "Bareilly city (Bareilly district)": itself
            return HINT_COUNTRY_BONUS + HINT_REGION_BONUS
        if not hint.country or hint.country != candidate.country:
            continue
        score = HINT_COUNTRY_BONUS
        if hint.admin1 and hint.admin1 == candidate.admin1 and hint.feature != "country":
            score += HINT_REGION_BONUS
        elif _near(candidate, hint):
            score += HINT_REGION_BONUS
        best = max(best, score)
    return best


def _near(a: GeoEntry, b: GeoEntry) -> bool:
    if b.feature == "country" or None in (a.lat, a.lon, b.lat, b.lon):
        return False
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= HINT_NEAR_KM  # type: ignore[arg-type]


def score(candidate: GeoEntry, context: GeoContext, hints: Sequence[GeoEntry] = ()) -> float:
    """How likely ``candidate`` is the place meant, on a log10-population scale."""
    value = math.log10(max(candidate.population, 1))
    if not candidate.primary:
        value -= ALTERNATE_NAME_PENALTY
    if candidate.feature == "country":
        value += COUNTRY_FEATURE_BONUS
    if candidate.country in context.countries:
        value += COUNTRY_CONTEXT_BONUS
    if candidate.country and candidate.country == context.dateline_country:
        value += DATELINE_COUNTRY_BONUS
    if candidate.country and (candidate.country, candidate.admin1 or "") in context.regions:
        if candidate.feature != "admin1":
            value += REGION_CONTEXT_BONUS
    return value + _hint_score(candidate, hints)


def fits_context(candidate: GeoEntry, value: float, context: GeoContext) -> bool:
    """False for a minor namesake abroad once the article's countries are known."""
    known = context.place_countries | ({context.dateline_country} - {None})
    if not known or candidate.country in known:
        return True
    return value >= OUT_OF_CONTEXT_MIN_SCORE or candidate.country is None


def choose(
    candidates: Iterable[GeoEntry], context: GeoContext, hints: Sequence[GeoEntry] = ()
) -> GeoEntry | None:
    """The best candidate (ties go to the more populous), or None when there is none."""
    ranked = plausible(candidates, context, hints)
    return ranked[0] if ranked else None


def plausible(
    candidates: Iterable[GeoEntry], context: GeoContext, hints: Sequence[GeoEntry] = ()
) -> list[GeoEntry]:
    """The best candidate first, then any others scoring within ``PLAUSIBLE_MARGIN`` of it.

    A qualifier that is itself ambiguous ("Punjab": India or Pakistan) passes on all its
    plausible readings, and the place it qualifies settles which one is meant.
    """
    scored = sorted(
        ((score(c, context, hints), c.lat is not None, c.population, c) for c in candidates),
        key=lambda item: item[:3],
        reverse=True,
    )
    scored = [item for item in scored if fits_context(item[3], item[0], context)]
    if not scored:
        return []
    top = scored[0][0]
    return [item[3] for item in scored if item[0] >= top - PLAUSIBLE_MARGIN]


def without_city_states(candidates: list[GeoEntry]) -> list[GeoEntry]:
    """Drop a subdivision whose namesake city among the candidates holds at least
    ``CITY_STATE_SHARE`` of its people: "Moscow" and "Aleppo" are the cities (a following
    "region" or "countryside" has already set the cities aside when the region is meant).
    Meant for names standing alone or heading a qualifier chain: "Formosa (Formosa)" is
    the city in the province."""
    cities: dict[tuple[str | None, str | None], int] = {}
    for c in candidates:
        if c.feature == "city":
            key = (c.country, c.admin1)
            cities[key] = max(cities.get(key, 0), c.population)
    return [
        c
        for c in candidates
        if c.feature != "admin1"
        or cities.get((c.country, c.admin1), 0) < CITY_STATE_SHARE * c.population
    ]


def regions_first(candidates: list[GeoEntry]) -> list[GeoEntry]:
    """Drop a city whose namesake first-level region is among the candidates: a qualifier
    names the area a place lies in, so "Pavlivka, Donetsk" means Donetsk oblast."""
    regions = {(c.country, c.admin1) for c in candidates if c.feature == "admin1"}
    return [c for c in candidates if c.feature != "city" or (c.country, c.admin1) not in regions]


def most_specific(entries: Iterable[tuple[GeoEntry, int]], anchor: int) -> GeoEntry | None:
    """Among (place, offset) pairs, the most specific, nearest to ``anchor`` on ties."""
    ranked = sorted(entries, key=lambda pair: (-pair[0].specificity, abs(pair[1] - anchor)))
    return ranked[0][0] if ranked else None
