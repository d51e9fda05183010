"""The command line: a thin layer over importable functions.

Commands are loaded lazily (each lives in its own module) so that ``communique --help``
is instant and no command pays for another's imports.
"""

from __future__ import annotations

import importlib
import logging
import sys

import click

from ..errors import CommuniqueError, UsageError

COMMANDS: dict[str, tuple[str, str]] = {
    "code": ("communique.cli.code", "code"),
    "events": ("communique.cli.query", "events"),
    "export": ("communique.cli.query", "export"),
    "counts": ("communique.cli.counts", "counts"),
    "actor": ("communique.cli.actor", "actor"),
    "kb": ("communique.cli.actor", "kb"),
    "dict": ("communique.cli.actor", "dict_group"),
    "evaluate": ("communique.cli.evaluate", "evaluate"),
    "serve": ("communique.cli.serve", "serve"),
    "stages": ("communique.cli.code", "stages"),
    "watch": ("communique.cli.watch", "watch"),
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


def main(argv: list[str] | None = None) -> int:
    """Console entry point: one-line errors, no traceback unless --debug is given.

    Exit codes: 0 success, 1 failure (every input failed, a store or config error),
    2 misuse (bad option or argument), 130 interrupted.
    """
    args = sys.argv[1:] if argv is None else argv
    try:
        code = cli.main(args=args, prog_name="communique", standalone_mode=False)
    except click.UsageError as exc:
        _fail(_usage_line(exc), 2)
    except click.ClickException as exc:
        _fail(f"communique: {exc.format_message()}", exc.exit_code)
    except (KeyboardInterrupt, click.Abort):
        _fail("communique: interrupted", 130)
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (e.g. `| head`): nothing left to say
        sys.exit(1)
    except UsageError as exc:
        _fail(f"communique: {exc.message}", 2)
    except CommuniqueError as exc:
        _reraise_if("--debug" in args)
        _fail(f"communique: {exc.message}", 1)
    except Exception as exc:  # noqa: BLE001 - the user sees one line, --debug shows more
        _reraise_if("--debug" in args)
        _fail(f"communique: internal error {type(exc).__name__}: {exc} (rerun with --debug "
              "for a traceback and please report it)", 1)
    if isinstance(code, int) and code != 0:
        sys.exit(code)
    return 0


def _usage_line(exc: click.UsageError) -> str:
    """Click's usage error as one line naming the command and where to find help."""
    where = exc.ctx.command_path if exc.ctx is not None else "communique"
    return f"{where}: {exc.format_message()} (see '{where} --help')"


def _fail(message: str, exit_code: int) -> None:
    click.echo(message, err=True)
    sys.exit(exit_code)


def _reraise_if(debug: bool) -> None:
    if debug:
        raise  # noqa: PLE0704 - called from an except block: shows the original traceback


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
