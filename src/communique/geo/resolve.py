"""Resolving place mentions to gazetteer places, qualifier chain by qualifier chain.

A chain is a place and the names that qualify it: "Villa Yapacani (Santa Cruz)", "Pavlivka,
Donetsk", "Tabayin town of Tabayin township (Shwebo district, Sagaing region)". It is
resolved from its end, each member a hint for the ones before it; the article's context
(the countries of its actors, the unambiguous places it names, the dateline) weighs in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..document import Place
from ..resources import load_data
from .gazetteer import Gazetteer, GeoEntry
from .locate import GeoContext, plausible, regions_first, score, without_city_states
from .mentions import PlaceMention, cues, lookup_mention

# Contract features: anything else the gazetteer knows (seas, continents) is a "region".
CONTRACT_FEATURES = frozenset({"city", "country", "region", "admin1"})
# A name seeds the article's context only if no namesake in another country scores within
# this many orders of magnitude of population of it.
SEED_MARGIN = 1.0
_ASIDE = re.compile(r"\s*[(\[][^()\[\]]*[)\]]")
_LIST_END = re.compile(r"^\s*,?\s*(?:and|or)\s+$")


@dataclass(slots=True)
class Located:
    """A mention and the place it was resolved to; ``qualifier`` marks "(Santa Cruz)"."""

    mention: PlaceMention
    entry: GeoEntry
    qualifier: bool = False
    rank: int = 0  # position in its qualifier chain: "Pauk (Pakokku district, Magway)" → 0, 1, 2

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
    # "X (Y)", "X district, Y", and "X town in Y" / "X village of Y township"
    return re.compile(
        rf"^(?:\s*(?:(?:{words})\s*)?[(,]\s*|\s+(?:{words})\s+(?:in|of)\s+(?:the\s+)?)$",
        re.IGNORECASE,
    )


def qualifier_groups(text: str, mentions: list[PlaceMention]) -> list[list[int]]:
    """Indices of mentions chained by "X (Y, Z)" / "X, Y" into groups, head first.

    A comma chain that ends in "and"/"or" is a list: its members become groups of their own.
    """
    pattern = _qualifier_pattern()
    groups: list[list[int]] = []
    for i, mention in enumerate(mentions):
        # an aside naming no place does not break the chain: "Hays (coded to district
        # level) (Al Hudaydah)"
        between = _ASIDE.sub(
            "", text[mentions[groups[-1][-1]].end : mention.start] if groups else ""
        )
        if groups and pattern.match(between):
            groups[-1].append(i)
        elif groups and _LIST_END.match(between) and _only_commas(text, mentions, groups[-1]):
            # "in Washington, Moscow and Damascus" is a list, not Washington in Moscow
            members = groups.pop()
            groups.extend([j] for j in members)
            groups.append([i])
        else:
            groups.append([i])
    return groups


def _only_commas(text: str, mentions: list[PlaceMention], group: list[int]) -> bool:
    """True when a chain's members are joined by bare commas ("Egypt, Libya")."""
    return all(
        text[mentions[a].end : mentions[b].start].strip() == ","
        for a, b in zip(group, group[1:], strict=False)
    )


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
            weak.extend(as_area(r) for r in readings if r.country)
    return strong, weak


def _well_known(entry: GeoEntry) -> bool:
    large = cues()["min_population_for_mislabelled"]
    return entry.primary and (entry.feature != "city" or entry.population >= large)


def as_area(city: GeoEntry) -> GeoEntry:
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
        # bare or heading a chain "Aleppo" is the city; as a qualifier, the governorate
        candidates = tuple(
            regions_first(list(found[i])) if i else without_city_states(list(found[i]))
        )
        if strong:  # the qualifier names the country: a namesake elsewhere is not meant
            strong, candidates = _narrow(candidates, strong, found[i + 1 :], context)
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
        resolved.insert(0, (Located(mention, readings[0], i > 0, i), readings))
    return _agree_with_head(text, [located for located, _ in resolved], found, group)


def _narrow(
    candidates: tuple[GeoEntry, ...],
    strong: list[GeoEntry],
    qualifiers: list[tuple[GeoEntry, ...]],
    context: GeoContext,
) -> tuple[list[GeoEntry], tuple[GeoEntry, ...]]:
    """(hints, candidates) once a qualifier has named the country.

    The candidates in the qualifier's country, else in the country of another reading of
    it ("Al Hazm district (Al Jawf)"). Failing both, one of the two names is not what the
    gazetteer thinks: the head wins when it lies in a country the article is about
    ("Sitrah (Capital)" in a story about Bahrain), or when it is well known and the qualifier
    only a town; otherwise the head is an unknown place ("Saida town in Ar Raqqa
    countryside") and is dropped, leaving the qualifier to locate the event.
    """
    countries = {h.country for h in strong}
    kept = tuple(c for c in candidates if c.country in countries)
    if kept:
        return strong, _in_named_region(kept, strong)
    hints, kept = _other_readings(candidates, qualifiers)
    if kept:
        return hints, kept
    kept = tuple(c for c in candidates if c.country in context.countries)
    if kept:
        return [], kept
    if all(h.feature == "city" for h in strong):
        return strong, tuple(c for c in candidates if _well_known(c))
    return strong, ()


def _in_named_region(
    candidates: tuple[GeoEntry, ...], strong: list[GeoEntry]
) -> tuple[GeoEntry, ...]:
    """The towns in the first-level region a qualifier names, when it names one and the
    town's name is common: "Pavlivka, Donetsk" is not the Pavlivka 600 km away in another
    oblast but an unknown village, and the region then locates it. Regions and
    well-known cities are kept ("Kyiv (Ukraine)", "Moscow, Moscow Oblast")."""
    regions = {(h.country, h.admin1) for h in strong if h.feature == "admin1" and h.admin1}
    if not regions:
        return candidates
    return tuple(
        c
        for c in candidates
        if c.feature != "city" or (c.country, c.admin1) in regions or _well_known(c)
    )


def _other_readings(
    candidates: tuple[GeoEntry, ...], qualifiers: list[tuple[GeoEntry, ...]]
) -> tuple[list[GeoEntry], tuple[GeoEntry, ...]]:
    """(hints, kept candidates) from every reading of the qualifiers, not just the likeliest.

    A town the gazetteer knows in only one country ("Al Hazm", Yemen) says which of its
    qualifier's namesakes ("Al Jawf": Saudi Arabia or Yemen) is meant.
    """
    readings = [r for found in qualifiers for r in found if r.feature != "city" and r.country]
    countries = {r.country for r in readings}
    kept = tuple(c for c in candidates if c.country in countries)
    return [r for r in readings if r.country in {c.country for c in kept}], kept


def _agree_with_head(
    text: str,
    located: list[Located],
    found: list[tuple[GeoEntry, ...]],
    group: list[PlaceMention],
) -> list[Located]:
    """Move qualifiers to their reading in the head's country, or drop them when they have
    none there.

    A town after a comma may be the next item of a list ("Paris, London"): it is left alone
    unless parenthesised.
    """
    if len(located) < 2 or located[0].qualifier:
        return located
    head = located[0].entry
    by_mention = {id(m): i for i, m in enumerate(group)}
    kept = [located[0]]
    for item in located[1:]:
        strong = item.entry.feature != "city" or _in_parens(text, group[0], item.mention)
        if item.entry.country == head.country or not strong:
            kept.append(item)
            continue
        same = [c for c in found[by_mention[id(item.mention)]] if c.country == head.country]
        if same:  # else a qualifier the head contradicts: "Sitrah (Capital)" is not Caracas
            item.entry = max(same, key=lambda c: (c.admin1 == head.admin1, c.population))
            kept.append(item)
    return kept


def resolve_mentions(
    text: str, mentions: list[PlaceMention], gazetteer: Gazetteer, context: GeoContext
) -> list[Located]:
    """Resolve every mention that the gazetteer knows, in two passes.

    The first pass learns the countries of places pinned down by their qualifiers ("San
    Martin, San Salvador" is in El Salvador); the second resolves everything with that
    knowledge, so that "colonia Santa Elena" later in the note stays in El Salvador too.
    """
    found = [lookup_mention(gazetteer, text, m) for m in mentions]
    groups = qualifier_groups(text, mentions)
    # a qualified name is settled by its qualifier, so it must not vouch for itself
    heads = {group[0] for group in groups if len(group) > 1}
    seed_context([f for i, f in enumerate(found) if i not in heads], context)
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
