"""Tune and check halves of a development set (the evaluation spec's split).

Every dev set that rules are tuned on is split by ``sha256(id) % 2``: 0 is the tune half,
whose misses may be read while building, 1 the check half, which is only ever scored. The
gap between the two halves' numbers is how much the rules fit the examples they were read on.

Some shared dev sets are themselves the even half of a larger set (every PLOVER and ACLED dev
id has ``sha256(id) % 2 == 0``; the odd halves are the unseen data). There the spec's split
would leave the check half empty, so the split moves to the next bit of the same hash,
``sha256(id) // 2 % 2``: the lowest bit on which the set's ids differ. The report names the
bit it used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from .report import Report

HALVES = ("tune", "check")
Record = TypeVar("Record")
Output = TypeVar("Output")


def _hash(record_id: Any) -> int:
    return int(hashlib.sha256(str(record_id).encode("utf-8")).hexdigest(), 16)


def half_of(record_id: Any, bit: int = 0) -> str:
    """``"tune"`` or ``"check"``: the half a record with this id belongs to."""
    return HALVES[(_hash(record_id) >> bit) % 2]


def split_bit(ids: Sequence[Any]) -> int:
    """The lowest bit of ``sha256(id)`` on which the ids differ (0 for a set not pre-split)."""
    hashes = [_hash(i) for i in ids]
    for bit in range(8):
        if len({(h >> bit) % 2 for h in hashes}) > 1:
            return bit
    return 0


def with_halves(
    build: Callable[[list[Record], list[Output]], Report],
    records: Sequence[Record],
    outputs: Sequence[Output],
    id_of: Callable[[Record], Any],
) -> Report:
    """The report over all records, with each half's summary and the tune half's misses only.

    ``build`` scores records against their pipeline outputs; it is called once for all
    records and once per half, on outputs already computed (nothing is coded twice).
    """
    report = build(list(records), list(outputs))
    bit = split_bit([id_of(record) for record in records])
    report.summary["halves_split"] = f"sha256(id) // {2 ** bit} % 2" if bit else "sha256(id) % 2"
    for half in HALVES:
        chosen = [i for i, record in enumerate(records) if half_of(id_of(record), bit) == half]
        part = build([records[i] for i in chosen], [outputs[i] for i in chosen])
        report.halves[half] = part.summary
        if half == "tune":
            report.misses = part.misses
    return report
