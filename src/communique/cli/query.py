"""``communique events`` and ``communique export``: read the store."""

from __future__ import annotations

import click

from .render import event_rows, print_event_table, write_jsonl


@click.command()
@click.option("--db", type=click.Path(exists=True, dir_okay=False), default="communique.duckdb",
              show_default=True, help="The store to read.")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table",
              show_default=True)
def events(db: str, fmt: str) -> None:
    """Print the events in the store.

    Example: communique events --db communique.duckdb --format jsonl
    """
    from ..store.db import open_store

    with open_store(db, read_only=True) as store:
        records = store.events()
    if fmt == "jsonl":
        for record in records:
            write_jsonl(record)
    else:
        rows = []
        for record in records:
            rows.extend(event_rows(record["article_id"], [record]))
        print_event_table(rows)


@click.command()
@click.option("--db", type=click.Path(exists=True, dir_okay=False), default="communique.duckdb")
@click.option("--format", "fmt", type=click.Choice(["parquet", "plover-jsonl", "gdelt-tsv", "csv"]),
              required=True)
@click.argument("out", type=click.Path())
def export(db: str, fmt: str, out: str) -> None:
    """Export the store's events (Parquet, PLOVER JSON Lines, GDELT-style TSV, CSV).

    Example: communique export --db communique.duckdb --format plover-jsonl events.jsonl
    """
    raise click.UsageError("export is not implemented yet")
