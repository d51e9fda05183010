"""What a suite returns: headline numbers plus tables, printable and JSON-able."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]]


@dataclass
class Report:
    suite: str
    summary: dict[str, float | int | str] = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)
    misses: list[dict[str, Any]] = field(default_factory=list)
    # summaries of the tune and check halves (suites whose dev sets are tuned on)
    halves: dict[str, dict[str, float | int | str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "summary": self.summary,
            "halves": self.halves,
            "tables": [{"title": t.title, "columns": t.columns, "rows": t.rows} for t in self.tables],
        }

    def write_misses(self, folder: str | Path) -> Path:
        """Write the per-record misses as JSON Lines; returns the file written."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.suite}-misses.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for miss in self.misses:
                out.write(json.dumps(miss, ensure_ascii=False) + "\n")
        return path


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    precision = tp / predicted if predicted else 0.0
    recall = tp / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def read_records(paths: list[str], what: str) -> list[dict[str, Any]]:
    """The JSON Lines records of every path, in order (``what`` names them in errors)."""
    from ..errors import EvaluationError
    from ..resources import read_structured

    records: list[dict[str, Any]] = []
    for path in paths:
        rows = read_structured(path)
        if not isinstance(rows, list):
            raise EvaluationError(f"{path}: expected JSON Lines of {what}")
        records.extend(rows)
    return records
