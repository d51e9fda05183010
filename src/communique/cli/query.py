"""``communique events`` and ``communique export``: read the store."""

from __future__ import annotations

import csv
import sys
from collections.abc import Callable
from typing import Any

import click

from .render import event_rows, print_event_table, write_jsonl

DB_OPTION = click.option(
    "--db", type=click.Path(dir_okay=False), default="communique.duckdb", show_default=True,
    help="The store to read.")
CSV_COLUMNS = ("id", "article_id", "story_id", "date", "event_type", "mode", "cameo",
               "goldstein", "plover_score", "quad", "actor", "recipient", "location", "trigger",
               "negated", "hypothetical", "published", "source", "title")


def filter_options(command: Callable[..., Any]) -> Callable[..., Any]:
    """The event filters shared by ``events`` and ``counts`` (repeat or use commas)."""
    options = (
        click.option("--actor", multiple=True, help="Actor: a code (CHN, CHNGOV) or a country, "
                     "demonym, organisation or person name in any case; repeat or use commas."),
        click.option("--recipient", multiple=True, help="Recipient, as --actor."),
        click.option("--type", "event_type", multiple=True,
                     help="PLOVER event type(s), e.g. ASSAULT,COERCE."),
        click.option("--quad", multiple=True, help="Quad class(es): 1-4, or verbal-cooperation, "
                     "material-cooperation, verbal-conflict, material-conflict, cooperation (1,2), "
                     "conflict (3,4)."),
        click.option("--since", help="Events on or after this ISO date (YYYY-MM-DD)."),
        click.option("--until", help="Events on or before this ISO date (YYYY-MM-DD)."),
    )
    for option in reversed(options):
        command = option(command)
    return command


def filters_of(actor: tuple[str, ...], recipient: tuple[str, ...], event_type: tuple[str, ...],
               quad: tuple[str, ...], since: str | None, until: str | None) -> dict[str, Any]:
    return {"actor": list(actor), "recipient": list(recipient), "event_type": list(event_type),
            "quad": list(quad), "since": since, "until": until}


@click.command()
@DB_OPTION
@filter_options
@click.option("--limit", type=int, default=100, show_default=True, help="At most this many.")
@click.option("--offset", type=int, default=0, show_default=True, help="Skip this many first.")
@click.option("--stories", is_flag=True, help="De-duplicated story-level events instead.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="table",
              show_default=True)
def events(db: str, actor: tuple[str, ...], recipient: tuple[str, ...],
           event_type: tuple[str, ...], quad: tuple[str, ...], since: str | None,
           until: str | None, limit: int, offset: int, stories: bool, fmt: str) -> None:
    """Print the events in the store, oldest first, filtered.

    Example: communique events --db communique.duckdb --actor "United States" --type ASSAULT,COERCE
    """
    from ..store.live import open_reader

    filters = {**filters_of(actor, recipient, event_type, quad, since, until),
               "limit": limit, "offset": offset}
    with open_reader(db) as store:  # answered by `communique watch` when it runs
        if stories:
            records = store.stories(**filters)
        else:
            records = store.events(**filters, newest_first=False)
    _print(records, fmt, stories)


def _print(records: list[dict], fmt: str, stories: bool) -> None:
    if fmt == "jsonl":
        for record in records:
            write_jsonl(record)
    elif fmt == "csv":
        _write_csv(records)
    else:
        rows = []
        for record in records:
            label = (f"{record['num_articles']} art." if stories else record["article_id"])
            rows.extend(event_rows(label, [record]))
        print_event_table(rows)


def _cameos(actors: list[dict]) -> str:
    return ";".join(a.get("cameo") or a.get("code") or "" for a in actors)


def _write_csv(records: list[dict]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([
            r.get("id"), r.get("article_id"), r.get("story_id"), r.get("date"),
            r.get("event_type"), r.get("mode"), r.get("cameo"), r.get("goldstein"),
            r.get("plover_score"), r.get("quad"), _cameos(r.get("actor") or []),
            _cameos(r.get("recipient") or []), (r.get("location") or {}).get("name"),
            (r.get("evidence") or {}).get("trigger"), r.get("negated"), r.get("hypothetical"),
            r.get("published"), r.get("source"), r.get("title")])


@click.command()
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["parquet", "plover-jsonl", "gdelt-tsv", "csv"]),
              required=True, help="parquet/csv: one row per event mention; plover-jsonl: one "
              "PLOVER record per actor-recipient pair; gdelt-tsv: one row per story.")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True))
def export(db: str, fmt: str, out: str) -> None:
    """Export the store's events (Parquet, PLOVER JSON Lines, GDELT-style TSV, CSV) to OUT,
    or to standard output when OUT is -.

    Example: communique export --db communique.duckdb --format gdelt-tsv events.tsv
    """
    from ..store.db import open_store
    from ..store.export import export as write_export
    from .output import write_via_file

    with open_store(db, read_only=True) as store:
        count = write_via_file(out, lambda path: write_export(store, fmt, path))
    where = "standard output" if out == "-" else out
    click.echo(f"communique: wrote {count} rows to {where}", err=True)
