"""The command line: a thin layer over importable functions.

Commands are loaded lazily (each lives in its own module) so that ``communique --help``
is instant and no command pays for another's imports.
"""

from __future__ import annotations

import importlib
import logging
import sys
from typing import Any

import click

from ..errors import CommuniqueError, UsageError

COMMANDS: dict[str, tuple[str, str]] = {
    "code": ("communique.cli.code", "code"),
    "events": ("communique.cli.query", "events"),
    "export": ("communique.cli.query", "export"),
    "actor": ("communique.cli.actor", "actor"),
    "kb": ("communique.cli.actor", "kb"),
    "dict": ("communique.cli.actor", "dict_group"),
    "evaluate": ("communique.cli.evaluate", "evaluate"),
    "serve": ("communique.cli.serve", "serve"),
    "stages": ("communique.cli.code", "stages"),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, attr = COMMANDS[name]
        return getattr(importlib.import_module(module), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="communique")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logs.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """communique: news articles to event data (PLOVER and CAMEO), quotes, dates and places.

    Example: communique code examples/ --format table
    """
    ctx.obj = {"debug": debug}
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="communique: %(levelname)s %(message)s",
        stream=sys.stderr,
    )


def main(argv: list[str] | None = None) -> Any:
    """Console entry point: no traceback reaches the user unless --debug is given."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args
    try:
        return cli.main(args=args, prog_name="communique", standalone_mode=True)
    except UsageError as exc:
        click.echo(f"communique: {exc.message}", err=True)
        sys.exit(2)
    except CommuniqueError as exc:
        if debug:
            raise
        click.echo(f"communique: {exc.message}", err=True)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the user sees one line, --debug shows more
        if debug:
            raise
        click.echo(
            f"communique: internal error {type(exc).__name__}: {exc} (rerun with --debug "
            "for a traceback and please report it)",
            err=True,
        )
        sys.exit(1)
