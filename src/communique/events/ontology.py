"""The PLOVER and CAMEO ontologies, loaded once from the package's data files.

``plover.json`` holds the 16 PLOVER event types (quad, score, modes), contexts, sectors
and non-state codes; ``cameo.jsonl`` every CAMEO code with its name, Goldstein score and
PLOVER type/mode/context. Both are transcribed from openeventdata/PLOVER and the CAMEO
1.1b3 manual by ``scripts/build_event_ontology.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from ..errors import DataFileError
from ..resources import load_data

COOPERATIVE_QUADS = frozenset({1, 2})


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad: int
    score: float
    requires_recipient: bool
    modes: Mapping[str, float | None]  # None: the manual gives the mode no score of its own


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    plover_type: str | None
    plover_mode: str | None
    plover_context: tuple[str, ...]
    quad: int | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass(frozen=True, slots=True)
class Ontology:
    plover: Mapping[str, PloverType]
    cameo: Mapping[str, CameoCode]
    contexts: frozenset[str]
    quad_names: Mapping[int, str]

    def cameo_code(self, code: str) -> CameoCode:
        try:
            return self.cameo[code]
        except KeyError:
            raise DataFileError(f"unknown CAMEO code {code!r}; check events/data files") from None

    def plover_type(self, name: str) -> PloverType:
        try:
            return self.plover[name]
        except KeyError:
            raise DataFileError(f"unknown PLOVER event type {name!r}; check events/data files") from None

    def plover_score(self, event_type: str, mode: str | None) -> float:
        """The mode's PLOVER score where the mode has one, else the type's."""
        ptype = self.plover_type(event_type)
        if mode and ptype.modes.get(mode) is not None:
            return ptype.modes[mode]
        return ptype.score

    def is_cooperative(self, event_type: str) -> bool:
        return self.plover_type(event_type).quad in COOPERATIVE_QUADS


def _score(value: float | None) -> float | None:
    return None if value is None else float(value)


def _plover_types(raw: Mapping) -> dict[str, PloverType]:
    return {
        name: PloverType(
            name=name,
            quad=int(spec["quad"]),
            score=float(spec["score"]),
            requires_recipient=bool(spec.get("requires_recipient")),
            modes=MappingProxyType({m: _score(v.get("score")) for m, v in spec.get("modes", {}).items()}),
        )
        for name, spec in raw.items()
    }


def _cameo_codes(rows: list[dict]) -> dict[str, CameoCode]:
    codes = {}
    for row in rows:
        codes[row["code"]] = CameoCode(
            code=row["code"],
            name=row["name"],
            goldstein=float(row["goldstein"]),
            plover_type=row.get("plover_type"),
            plover_mode=row.get("plover_mode"),
            plover_context=tuple(row.get("plover_context") or ()),
            quad=row.get("quad"),
        )
    return codes


@cache
def ontology() -> Ontology:
    """The PLOVER and CAMEO ontologies (parsed once per process)."""
    raw = load_data("events", "plover.json")
    return Ontology(
        plover=MappingProxyType(_plover_types(raw["event_types"])),
        cameo=MappingProxyType(_cameo_codes(load_data("events", "cameo.jsonl"))),
        contexts=frozenset(raw["contexts"]),
        quad_names=MappingProxyType({int(k): v for k, v in raw["quad_names"].items()}),
    )
