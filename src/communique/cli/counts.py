"""``communique counts``: events, stories and Goldstein scores by key and period."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any, TextIO

import click

from ..errors import UsageError
from .query import DB_OPTION, filter_options, filters_of

VALUE_COLUMNS = ("events", "stories", "goldstein_sum", "goldstein_mean")


@click.command()
@DB_OPTION
@click.option("--by", type=click.Choice(["dyad", "actor", "recipient", "type", "quad",
                                         "cameo-root"]), default="dyad", show_default=True,
              help="What to count by (dyad, actor and recipient use country codes).")
@click.option("--period", type=click.Choice(["day", "week", "month", "year", "all"]),
              default="week", show_default=True, help="Time bucket (weeks start on Monday).")
@filter_options
@click.option("--top", type=click.IntRange(min=1), help="Keep the N largest groups of each period.")
@click.option("--limit", type=click.IntRange(1, 10_000), default=1000, show_default=True,
              help="At most this many rows.")
@click.option("--include-unasserted", is_flag=True,
              help="Also count negated and hypothetical events.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl", "parquet"]),
              default="table", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              show_default=True, help="Output file; - is standard output.")
def counts(db: str, by: str, period: str, actor: tuple[str, ...], recipient: tuple[str, ...],
           event_type: tuple[str, ...], quad: tuple[str, ...], since: str | None,
           until: str | None, top: int | None, limit: int, include_unasserted: bool, fmt: str,
           out: str) -> None:
    """Count events (mentions), stories (de-duplicated) and Goldstein sum and mean by
    dyad, actor, recipient, type, quad class or CAMEO root code, per period.

    Example: communique counts --db communique.duckdb --by dyad --period week --quad conflict --top 5
    """
    from ..store.db import open_store

    with open_store(db, read_only=True) as store:
        result = store.counts(by, period, top=top, limit=limit,
                              include_unasserted=include_unasserted,
                              **filters_of(actor, recipient, event_type, quad, since, until))
    write_counts(result, fmt, out)
    if result["skipped"]:
        click.echo(f"communique: {result['skipped']} matching event(s) left out: undated or "
                   f"dated more coarsely than one {period}", err=True)


def write_counts(result: dict[str, Any], fmt: str, out: str) -> None:
    """The rows as a table, CSV, one JSON object, JSON Lines or Parquet (to a file or ``-``)."""
    from .output import text_output, write_via_file

    if fmt == "parquet":
        write_via_file(out, lambda path: _parquet(result, path))
        return
    if fmt == "table" and out != "-":
        raise UsageError("--format table is for the terminal; use csv, json, jsonl or parquet "
                         "with --out FILE")
    with text_output(out) as handle:
        if fmt == "json":
            handle.write(json.dumps(result, ensure_ascii=False) + "\n")
        elif fmt == "jsonl":
            for item in result["items"]:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            _csv(result, handle)
        else:
            _table(result)


def columns(result: dict[str, Any]) -> list[str]:
    first = result["items"][0] if result["items"] else {}
    keys = [k for k in first if k not in VALUE_COLUMNS and k != "period"]
    return ["period", *keys, *VALUE_COLUMNS]


def _csv(result: dict[str, Any], handle: TextIO) -> None:
    writer = csv.writer(handle)
    names = columns(result)
    writer.writerow(names)
    for item in result["items"]:
        writer.writerow(["" if item.get(n) is None else item.get(n) for n in names])


def _parquet(result: dict[str, Any], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = columns(result)
    table = pa.Table.from_pylist([{n: item.get(n) for n in names} for item in result["items"]])
    if not result["items"]:
        table = pa.table({n: pa.array([], pa.string()) for n in names})
    pq.write_table(table, path)
    return table.num_rows


def _table(result: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold")
    names = columns(result)
    for name in names:
        table.add_column(name, justify="right" if name in VALUE_COLUMNS else "left")
    for item in result["items"]:
        table.add_row(*("-" if item.get(n) is None else str(item.get(n)) for n in names))
    Console(file=sys.stdout, width=None if sys.stdout.isatty() else 160).print(table)
