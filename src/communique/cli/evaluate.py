"""``communique evaluate SUITE PATH...``."""

from __future__ import annotations

import json
import sys
from typing import Any

import click
from rich.console import Console
from rich.table import Table as RichTable

from ..config import load_config
from ..errors import UsageError
from ..evaluate import SUITES, get_suite
from ..evaluate.report import Report

# suites that code events with the pipeline and so can run a user's stages
CONFIGURABLE = frozenset({"plover-gsr", "acled", "running-news", "non-political"})


@click.command()
@click.argument("suite", type=click.Choice(sorted(SUITES)))
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--misses", type=click.Path(file_okay=False), help="Folder for per-record misses.")
@click.option("--limit", type=int, help="Score only the first N records (quick checks).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="YAML pipeline config (stages, settings) for the event suites "
                   "(plover-gsr, acled, running-news, non-political).")
def evaluate(suite: str, paths: tuple[str, ...], misses: str | None, limit: int | None,
             as_json: bool, config_path: str | None) -> None:
    """Score communique on labelled data, as the evaluation spec defines each suite.

    Suites: plover-gsr, acled, actors, running-news, non-political (one JSONL each);
    polnear (ARTICLES QUOTES); ecbplus (one JSONL). Suites whose dev sets rules are tuned
    on report the tune and check halves (sha256(id) % 2) beside the whole set, and write
    misses of the tune half only.

    Example: communique evaluate plover-gsr ../shared/data/plover_gsr/plover_gsr_dev.jsonl
    """
    options: dict[str, Any] = {"limit": limit}
    if config_path:
        if suite not in CONFIGURABLE:
            raise UsageError(f"--config applies to the suites {', '.join(sorted(CONFIGURABLE))}, "
                             f"not {suite}; drop --config")
        options["config"] = load_config(config_path)
    report = get_suite(suite)(list(paths), **options)
    if misses:
        written = report.write_misses(misses)
        click.echo(f"misses written to {written}", err=True)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        print_report(report)


def print_report(report: Report) -> None:
    # piped output (make eval, CI logs) gets room for the confusion matrix
    console = Console(width=None if sys.stdout.isatty() else 220)
    halves = [h for h in ("tune", "check") if h in report.halves]
    summary = RichTable(title=f"{report.suite}: summary", header_style="bold")
    summary.add_column("measure")
    for column in ("all", *halves) if halves else ("value",):
        summary.add_column(column, justify="right")
    for key, value in report.summary.items():
        values = [value, *[report.halves[h].get(key, "") for h in halves]]
        summary.add_row(key, *[_cell(v) for v in values])
    console.print(summary)
    for table in report.tables:
        rich_table = RichTable(title=table.title, header_style="bold")
        for column in table.columns:
            rich_table.add_column(str(column))
        for row in table.rows:
            rich_table.add_row(*[_cell(v) for v in row])
        console.print(rich_table)
    if halves:
        console.print("misses (--misses) are from the tune half only; never read the check half's")


def _cell(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)
