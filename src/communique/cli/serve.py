"""``communique serve``: the read-only HTTP API and dashboard."""

from __future__ import annotations

import re
from pathlib import Path

import click

from ..errors import UsageError

# Tokens travel in headers, query strings and a cookie: keep them to URL-safe characters.
TOKEN_PATTERN = re.compile(r"[A-Za-z0-9._~\-]{16,256}")


def check_bind(host: str, token: str | None) -> None:
    """Refuse to serve beyond this machine without a token, or with a weak one."""
    from ..web.security import is_loopback

    if token is not None and not TOKEN_PATTERN.fullmatch(token):
        raise UsageError(
            "--token must be 16 to 256 URL-safe characters (letters, digits, . _ ~ -); "
            "make one with: python -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    if not is_loopback(host) and token is None:
        raise UsageError(
            f"refusing to serve on {host} without --token: anyone who can reach it could read "
            "the store. Add --token (or COMMUNIQUE_TOKEN) or bind 127.0.0.1"
        )


@click.command()
@click.option("--db", type=click.Path(dir_okay=False), default="communique.duckdb", show_default=True,
              help="The store written by `communique code --db`.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; anything but loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--token", envvar="COMMUNIQUE_TOKEN", default=None,
              help="Require this bearer token on every request (env COMMUNIQUE_TOKEN).")
def serve(db: str, host: str, port: int, token: str | None) -> None:
    """Serve the HTTP API (/api/...) and the dashboard (/) over a store, read-only.

    Example: communique serve --db communique.duckdb --port 8000
    """
    import uvicorn

    from ..web.app import create_app

    check_bind(host, token)
    if not Path(db).exists():
        raise UsageError(f"no store at {db}: create one with `communique code INPUT --db {db}`")
    from ..store.live import open_reader
    from ..web.security import LOOPBACK_NAMES

    with open_reader(db) as reader:  # a broken store fails here, with its name
        reader.check()
    # without a token only loopback Host headers pass (guards against DNS rebinding)
    hosts = None if token is not None else LOOPBACK_NAMES | {host.lower()}
    app = create_app(db, token=token, allowed_hosts=hosts)
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"communique: serving {db} read-only at http://{shown}:{port}/ "
               f"(API docs at /docs; Ctrl-C stops)", err=True)
    # beyond 64 open connections uvicorn answers 503 at once instead of queueing without bound
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False,
                server_header=False, proxy_headers=False, limit_concurrency=64,
                timeout_keep_alive=5)
