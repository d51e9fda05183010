"""``communique code`` and ``communique stages``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..api import code_inputs
from ..config import load_config
from ..errors import UsageError
from .render import event_rows, print_event_table, write_jsonl


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl",
              show_default=True, help="JSON Lines documents (the output contract) or an event table.")
@click.option("--db", type=click.Path(dir_okay=False), default="communique.duckdb",
              show_default=True, help="Embedded store to add the coded articles to.")
@click.option("--no-store", is_flag=True, help="Do not write to the store.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="YAML pipeline config (stages, settings).")
def code(inputs: tuple[str, ...], fmt: str, db: str, no_store: bool, config_path: str | None) -> None:
    """Code articles (.txt, .jsonl, .html files, folders, or - for stdin) into events.

    Example: communique code examples/ --format table --db communique.duckdb
    """
    config = load_config(config_path)
    store = None if no_store else _open_store(db)
    total = failed = 0
    rows: list[list[str]] = []
    try:
        for doc in code_inputs(inputs, config):
            total += 1
            failed += doc.error is not None
            if store is not None:
                store.add(doc)
            record = doc.to_dict()
            if fmt == "jsonl":
                write_jsonl(record)
            else:
                rows.extend(event_rows(doc.id, record["events"]))
                if doc.error:
                    click.echo(f"communique: {doc.id}: {doc.error.message}", err=True)
    finally:
        if store is not None:
            store.close()
    if fmt == "table":
        print_event_table(rows)
        click.echo(f"{total} articles, {len(rows)} events, {failed} failed", err=True)
    if total == 0:
        raise UsageError("no input articles found; give .txt, .jsonl or .html files, a folder, or -")
    if failed == total:
        sys.exit(1)


def _open_store(db: str):  # noqa: ANN202 - Store is imported lazily
    from ..store.db import open_store

    Path(db).parent.mkdir(parents=True, exist_ok=True)
    return open_store(db)


@click.command()
def stages() -> None:
    """List the registered pipeline stages with what each needs and assigns.

    Example: communique stages
    """
    from ..registry import registered_stages

    for name, spec in registered_stages().items():
        click.echo(f"{name:12} needs {', '.join(spec.requires) or '-':28} assigns "
                   f"{', '.join(spec.assigns) or '-':28} {spec.doc}")
