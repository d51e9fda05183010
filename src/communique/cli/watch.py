"""``communique watch``: follow RSS/Atom feeds into the store."""

from __future__ import annotations

import signal

import click

from ..config import load_config


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--db", type=click.Path(dir_okay=False), default="communique.duckdb",
              show_default=True, help="The store to add coded articles to.")
@click.option("--every", default="15m", show_default=True,
              help="Time between the starts of two cycles (90s, 15m, 1h).")
@click.option("--once", is_flag=True, help="Run one cycle and exit (for cron and tests).")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="YAML pipeline config (stages, settings).")
@click.option("--quiet", is_flag=True, help="Report only failures on standard error.")
def watch(feeds: tuple[str, ...], db: str, every: str, once: bool, config_path: str | None,
          quiet: bool) -> None:
    """Follow RSS/Atom FEEDS (URLs, or files listing one URL a line): code each new item's
    page into the store, version changed articles, skip what was seen. State lives in the
    store, so a restarted watch resumes without recoding. `communique serve --db` beside
    it shows new events as each batch is stored.

    Example: communique watch https://example.org/world/rss.xml --db news.duckdb --every 15m
    """
    from ..feeds import follow, parse_duration, read_feed_list
    from ..feeds.watch import pipeline_coder

    seconds = parse_duration(every)
    urls = read_feed_list(feeds)
    coder = pipeline_coder(load_config(config_path))
    # stopped by a service manager (SIGTERM): close the store as Ctrl-C does
    signal.signal(signal.SIGTERM, _interrupt)
    follow(db, urls, every=seconds, once=once, code=coder,
           report=lambda reports: _print(reports, quiet))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _print(reports: list, quiet: bool) -> None:
    """One line per feed on standard error, plus one per failed page."""
    for r in reports:
        if r.status == "failed":
            click.echo(f"communique: feed {r.url} failed: {r.error} (next try "
                       f"{r.retry_at:%Y-%m-%d %H:%M} UTC)", err=True)
        elif r.status == "waiting":
            if not quiet:
                click.echo(f"communique: feed {r.url} waits until {r.retry_at:%Y-%m-%d %H:%M} "
                           f"UTC after failing: {r.error}", err=True)
        elif not quiet:
            click.echo(f"communique: feed {r.url}: {r.status}, {r.items} items, {r.new} new, "
                       f"{r.versions} changed, {r.copies} copies, {r.events} events", err=True)
        for line in r.failed_items:
            click.echo(f"communique: page {line}", err=True)
