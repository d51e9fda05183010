"""An exact, faster stand-in for the pattern matching of spaCy's attribute ruler.

The English models' ``attribute_ruler`` maps tags to parts of speech and morphology with
about 180 one- or two-token patterns. spaCy's general ``Matcher`` tries every pattern at
every token, which costs about a tenth of the whole parse. The patterns only test
equality, ``IN``, ``NOT_IN`` and ``REGEX`` on ``TAG``/``LOWER``/``DEP``/``IS_SPACE``, so
they can be indexed by one tested value and checked on integer columns of the Doc. The
matches found are the same (same order after the ruler's own sort), and the ruler still
applies them itself, so the annotations are identical; a pattern of any other shape leaves
the ruler untouched.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG

# Columns of ``Doc.to_array``, in the order candidates are looked up.
COLUMNS = ("TAG", "LOWER", "DEP", "IS_SPACE")
ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]

# Token rows repeat (same word, tag and dependency): what a row matches is remembered,
# up to this many rows, then forgotten and rebuilt.
MAX_REMEMBERED_ROWS = 200_000

# (column index, test, value): test is "eq", "in", "not_in" or "regex"
Condition = tuple[int, str, Any]
Sequence = tuple[tuple[Condition, ...], ...]
# for one token row: the one-token patterns it matches, the longer ones it may start
RowPlan = tuple[tuple[int, ...], tuple[tuple[int, Sequence], ...]]


class UnsupportedPattern(ValueError):
    """A pattern this matcher cannot reproduce exactly (the ruler keeps its Matcher)."""


def _condition(strings: Any, column: int, spec: Any) -> Condition:
    """One attribute test compiled to integer ids (strings are matched by their hash)."""

    def ids(values: Any) -> frozenset[int]:
        return frozenset(_value_id(strings, column, v) for v in values)

    if not isinstance(spec, dict):
        return column, "eq", _value_id(strings, column, spec)
    if len(spec) != 1:
        raise UnsupportedPattern(f"predicate {spec!r}")
    ((op, value),) = spec.items()
    if op == "IN":
        return column, "in", ids(value)
    if op == "NOT_IN":
        return column, "not_in", ids(value)
    if op == "REGEX" and COLUMNS[column] == "LOWER":
        return column, "regex", re.compile(value)
    raise UnsupportedPattern(f"predicate {spec!r}")


def _value_id(strings: Any, column: int, value: Any) -> int:
    if COLUMNS[column] == "IS_SPACE":
        if not isinstance(value, bool):
            raise UnsupportedPattern(f"IS_SPACE value {value!r}")
        return int(value)
    if not isinstance(value, str):
        raise UnsupportedPattern(f"value {value!r}")
    return strings[value]


def _sequence(strings: Any, tokens: list[dict]) -> Sequence:
    compiled = []
    for token in tokens:
        if not set(token) <= set(COLUMNS):
            raise UnsupportedPattern(f"token pattern {token!r}")
        compiled.append(tuple(_condition(strings, COLUMNS.index(k), v) for k, v in token.items()))
    return tuple(compiled)


def _index_key(first: tuple[Condition, ...]) -> list[tuple[int, int]]:
    """(column, value) keys under which a sequence is a candidate; [] = try everywhere."""
    for column in range(len(COLUMNS)):
        for col, test, value in first:
            if col == column and test == "eq":
                return [(col, value)]
            if col == column and test == "in":
                return [(col, v) for v in value]
    return []


class FastAttributeMatcher:
    """``AttributeRuler.match`` for one ruler's patterns, without spaCy's Matcher."""

    def __init__(self, ruler: Any) -> None:
        self.strings = ruler.vocab.strings
        self.index: defaultdict[tuple[int, int], list[tuple[int, Sequence]]] = defaultdict(list)
        self.everywhere: list[tuple[int, Sequence]] = []
        for attr_id, pattern in enumerate(ruler.patterns):
            for tokens in pattern["patterns"]:
                sequence = _sequence(self.strings, tokens)
                keys = _index_key(sequence[0]) if sequence else None
                if not keys:
                    self.everywhere.append((attr_id, sequence))
                for key in keys or ():
                    self.index[key].append((attr_id, sequence))
        self.match_ids = [self.strings[str(i)] for i in range(len(ruler.patterns))]
        self.plans: dict[tuple[int, ...], RowPlan] = {}

    def __call__(self, doc: Any) -> list[tuple[int, int, int, int]]:
        """``(attr_id, match_id, start, end)`` sorted, as ``AttributeRuler.match`` gives."""
        rows = doc.to_array(ARRAY_ATTRS).tolist() if len(doc) else []
        found: set[tuple[int, int, int]] = set()
        for start, row in enumerate(rows):
            singles, longer = self._plan(row)
            found.update((attr_id, start, start + 1) for attr_id in singles)
            for attr_id, sequence in longer:
                if self._matches(sequence, rows, start):
                    found.add((attr_id, start, start + len(sequence)))
        return sorted((a, self.match_ids[a], s, e) for a, s, e in found)

    def _plan(self, row: list[int]) -> RowPlan:
        key = tuple(row)
        plan = self.plans.get(key)
        if plan is None:
            if len(self.plans) >= MAX_REMEMBERED_ROWS:
                self.plans.clear()
            candidates = [
                (a, s)
                for a, s in self._candidates(row)
                if all(self._holds(condition, row) for condition in s[0])
            ]
            plan = (
                tuple(a for a, s in candidates if len(s) == 1),
                tuple((a, s) for a, s in candidates if len(s) > 1),
            )
            self.plans[key] = plan
        return plan

    def _candidates(self, row: list[int]) -> list[tuple[int, Sequence]]:
        out = list(self.everywhere)
        for column, value in enumerate(row):
            out.extend(self.index.get((column, value), ()))
        return out

    def _matches(self, sequence: Sequence, rows: list[list[int]], start: int) -> bool:
        if start + len(sequence) > len(rows):
            return False
        for offset, conditions in enumerate(sequence):
            row = rows[start + offset]
            if not all(self._holds(condition, row) for condition in conditions):
                return False
        return True

    def _holds(self, condition: Condition, row: list[int]) -> bool:
        column, test, value = condition
        have = row[column]
        if test == "eq":
            return have == value
        if test == "in":
            return have in value
        if test == "not_in":
            return have not in value
        return bool(value.search(self.strings[have]))


def speed_up_attribute_ruler(nlp: Any) -> Callable[[Any], Any] | None:
    """Give the pipeline's attribute ruler the fast matcher; None when it has none or its
    patterns are of a shape the fast matcher cannot reproduce."""
    if "attribute_ruler" not in nlp.pipe_names:
        return None
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        matcher = FastAttributeMatcher(ruler)
    except UnsupportedPattern:
        return None
    ruler.match = matcher
    return matcher
