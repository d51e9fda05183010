"""Tune and check halves: a fixed hash of the id, and the next bit for pre-split sets."""

from __future__ import annotations

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from communique.evaluate.halves import half_of, split_bit, with_halves
from communique.evaluate.report import Report


def test_half_is_the_parity_of_the_sha256_of_the_id() -> None:
    for record_id in ("rn-001", "rn-002", "x", "PLOVER-GSR01-AGREE-0001"):
        parity = int(hashlib.sha256(record_id.encode()).hexdigest(), 16) % 2
        assert half_of(record_id) == ("tune", "check")[parity]


@given(st.lists(st.text(min_size=1), min_size=2, unique=True))
def test_split_bit_separates_any_set_of_distinct_ids(ids: list[str]) -> None:
    bit = split_bit(ids)
    halves = {half_of(i, bit) for i in ids}
    # eight bits of 256 leave two equal-parity ids only by a rare chance; never an error
    assert halves <= {"tune", "check"}


def test_a_set_that_is_already_the_even_half_splits_on_the_next_bit() -> None:
    even = [i for i in map(str, range(200)) if half_of(i) == "tune"]
    assert split_bit(even) == 1
    assert {half_of(i, 1) for i in even} == {"tune", "check"}


def test_with_halves_scores_each_half_and_keeps_tune_misses_only() -> None:
    def build(records: list[str], outputs: list[int]) -> Report:
        report = Report("toy", summary={"n": len(records), "sum": sum(outputs)})
        report.misses = [{"id": r} for r in records]
        return report

    ids = [str(i) for i in range(40)]
    report = with_halves(build, ids, [1] * 40, lambda r: r)
    assert report.summary["n"] == 40
    assert report.halves["tune"]["n"] + report.halves["check"]["n"] == 40
    assert report.misses and all(half_of(m["id"]) == "tune" for m in report.misses)
