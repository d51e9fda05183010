"""Rendering events and documents for the terminal (tables) and for pipes (JSON Lines)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any, TextIO

from rich.console import Console
from rich.table import Table


def _actors(actors: list[dict[str, Any]]) -> str:
    return ", ".join(a.get("cameo") or a.get("code") or a.get("text") or "?" for a in actors) or "-"


def event_rows(doc_id: str, events: Iterable[dict[str, Any]]) -> list[list[str]]:
    rows = []
    for e in events:
        location = (e.get("location") or {}).get("name") or "-"
        flags = "".join(
            flag for flag, on in (("N", e.get("negated")), ("H", e.get("hypothetical")),
                                  ("P", e.get("reported_past"))) if on
        )
        rows.append([
            doc_id, e.get("date") or "-", e["event_type"], e.get("cameo") or "-",
            _actors(e.get("actor", [])), _actors(e.get("recipient", [])), location,
            (e.get("evidence") or {}).get("trigger", ""), flags,
        ])
    return rows


def print_event_table(rows: list[list[str]], out: TextIO | None = None) -> None:
    """A readable table of events (article, date, type, CAMEO, actors, place, trigger)."""
    table = Table(show_lines=False, header_style="bold")
    for name in ("article", "date", "type", "cameo", "actor", "recipient", "where", "trigger", "flags"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*row)
    width = None if (out or sys.stdout).isatty() else 160
    Console(file=out or sys.stdout, width=width).print(table)


def write_jsonl(record: dict[str, Any], out: TextIO | None = None) -> None:
    (out or sys.stdout).write(json.dumps(record, ensure_ascii=False) + "\n")
