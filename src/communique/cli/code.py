"""``communique code`` and ``communique stages``."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import click

from ..config import load_config
from ..document import Document
from ..errors import UsageError
from .render import event_rows, print_event_table, write_jsonl


@click.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table", "parquet"]), default="jsonl",
              show_default=True,
              help="JSON Lines documents (the output contract), an event table, or Parquet (--out).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False),
              help="Folder for --format parquet (documents/ and events/ partitions).")
@click.option("--db", type=click.Path(dir_okay=False), default="communique.duckdb",
              show_default=True, help="Embedded store to add the coded articles to.")
@click.option("--no-store", is_flag=True, help="Do not write to the store.")
@click.option("--resume", is_flag=True, help="Skip articles already in --db (restart a killed run).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Local worker processes.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on this Dask cluster.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary on standard error.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="YAML pipeline config (stages, settings).")
def code(inputs: tuple[str, ...], fmt: str, out_dir: str | None, db: str, no_store: bool,
         resume: bool, workers: int, scheduler: str | None, quiet: bool,
         config_path: str | None) -> None:
    """Code articles (.txt, .jsonl, .html files, folders, or - for stdin) into events.

    Example: communique code examples/ --format table --db communique.duckdb
    """
    _check_options(fmt, out_dir, no_store, resume)
    config = load_config(config_path)
    from ..ingest.readers import read_inputs
    from ..runner import code_stream

    with ExitStack() as stack:
        store = None if no_store else stack.enter_context(_open_store(db))
        skip = (lambda doc: doc.error is None and store.contains(doc.id)) if resume else None
        docs = code_stream(read_inputs(inputs), config, workers=workers, scheduler=scheduler,
                           skip=skip)
        sink = _make_sink(fmt, out_dir)
        total, failed = _drain(_progress(docs, quiet), store, sink)
        sink.close()
    if not quiet:
        click.echo(f"communique: {total} articles coded, {failed} failed", err=True)
    if total == 0 and not resume:
        raise UsageError("no input articles found; give .txt, .jsonl or .html files, a folder, or -")
    if total and failed == total:
        sys.exit(1)


def _check_options(fmt: str, out_dir: str | None, no_store: bool, resume: bool) -> None:
    if fmt == "parquet" and not out_dir:
        raise UsageError("--format parquet needs --out DIR")
    if out_dir and fmt != "parquet":
        raise UsageError("--out is only used with --format parquet")
    if resume and no_store:
        raise UsageError("--resume needs the store: drop --no-store")


def _drain(docs: Iterator[Document], store: Any, sink: Any) -> tuple[int, int]:
    total = failed = 0
    for doc in docs:
        total += 1
        failed += doc.error is not None
        if store is not None:
            store.add(doc)
        sink.add(doc)
    return total, failed


def _progress(docs: Iterator[Document], quiet: bool) -> Iterator[Document]:
    """A tqdm bar on stderr (articles, articles/s); only on a terminal, after 3 seconds."""
    if quiet or not sys.stderr.isatty():
        return docs
    from tqdm import tqdm

    return iter(tqdm(docs, unit=" articles", delay=3, file=sys.stderr, dynamic_ncols=True))


class _JsonlSink:
    def add(self, doc: Document) -> None:
        write_jsonl(doc.to_dict())
        sys.stdout.flush()

    def close(self) -> None:
        pass


class _TableSink:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []

    def add(self, doc: Document) -> None:
        self.rows.extend(event_rows(doc.id, [e.to_dict() for e in doc.events]))
        if doc.error:
            click.echo(f"communique: {doc.id}: {doc.error.message}", err=True)

    def close(self) -> None:
        print_event_table(self.rows)


def _make_sink(fmt: str, out_dir: str | None) -> Any:
    if fmt == "parquet":
        from ..outputs import ParquetWriter

        return ParquetWriter(out_dir or ".")
    return _TableSink() if fmt == "table" else _JsonlSink()


def _open_store(db: str) -> Any:
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
