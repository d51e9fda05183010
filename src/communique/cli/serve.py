"""``communique serve``: the read-only HTTP API and dashboard."""

from __future__ import annotations

import click


@click.command()
@click.option("--db", type=click.Path(dir_okay=False), default="communique.duckdb", show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
def serve(db: str, host: str, port: int) -> None:
    """Serve the HTTP API (/api/...) and the dashboard (/) over a store.

    Example: communique serve --db communique.duckdb --port 8000
    """
    raise click.UsageError("serve is not implemented yet")
