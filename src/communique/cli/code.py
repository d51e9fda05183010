"""``communique code`` and ``communique stages``."""

from __future__ import annotations

import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
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
@click.option("--out", "out_dir", type=click.Path(file_okay=False, allow_dash=True),
              help="Folder for --format parquet (documents/ and events/ partitions).")
@click.option("--db", type=click.Path(dir_okay=False),
              help="Embedded store to add the coded articles to (none unless given).")
@click.option("--no-store", is_flag=True, help="Do not write to the store (the default without --db).")
@click.option("--date-order", type=click.Choice(["dmy", "mdy", "ymd"], case_sensitive=False),
              help="Day/month order of numeric publication dates such as 12/03/2024 "
                   "(default dmy, or the config's date_order).")
@click.option("--resume", is_flag=True, help="Skip articles already in --db (restart a killed run).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Local worker processes.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Run on this Dask cluster.")
@click.option("--quiet", is_flag=True, help="No progress bar or summary on standard error.")
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="YAML pipeline config (stages, settings).")
@click.option("--any-language", is_flag=True,
              help="Code articles detected as not English too (by default they fail with "
                   "error unsupported_language).")
@click.option("--profile", is_flag=True,
              help="At the end, print the CPU seconds of each stage, the store and the output "
                   "on standard error (with --workers 1).")
def code(inputs: tuple[str, ...], fmt: str, out_dir: str | None, db: str | None,
         no_store: bool, date_order: str | None, resume: bool, workers: int,
         scheduler: str | None, quiet: bool, config_path: str | None, any_language: bool,
         profile: bool) -> None:
    """Code articles (.txt, .jsonl, .html files, folders, or - for stdin) into events.

    Example: communique code examples/ --format table --db communique.duckdb
    """
    no_store = no_store or db is None
    _check_options(fmt, out_dir, no_store, resume)
    if profile and (workers > 1 or scheduler):
        raise UsageError("--profile measures this process only: use it with --workers 1 "
                         "and no --scheduler")
    config = load_config(config_path, any_language=True if any_language else None)
    from ..ingest.readers import count_articles, read_inputs
    from ..runner import code_stream

    with ExitStack() as stack:
        store = None if no_store else stack.enter_context(_open_store(db))
        sink = _make_sink(fmt, out_dir, resume)
        articles = read_inputs(inputs, date_order=date_order or config.date_order)
        docs = code_stream(articles, config, workers=workers, scheduler=scheduler,
                           skip=_already_done(store, sink) if resume else None)
        costs: defaultdict[str, float] = defaultdict(float)
        expected = None if quiet or resume or not sys.stderr.isatty() else count_articles(inputs)
        total, failed = _drain(_progress(docs, quiet, expected), store, sink, costs, quiet)
        sink.close()
    if profile:
        _print_profile(config, costs)
    if total == 0 and not resume:
        raise UsageError("no articles in the input; give .txt, .jsonl or .html files, a folder, "
                         "or - with text on standard input")
    if not quiet:
        click.echo(f"communique: {summary(total, failed)}", err=True)
    if total and failed == total:
        sys.exit(1)


def summary(total: int, failed: int) -> str:
    """``3 articles: 2 coded, 1 failed`` (``1 article coded`` when nothing failed)."""
    noun = "article" if total == 1 else "articles"
    if not failed:
        return f"{total} {noun} coded"
    return f"{total} {noun}: {total - failed} coded, {failed} failed"


def _check_options(fmt: str, out_dir: str | None, no_store: bool, resume: bool) -> None:
    if fmt == "parquet" and not out_dir:
        raise UsageError("--format parquet needs --out DIR")
    if out_dir == "-":
        raise UsageError("--out is a folder of Parquet partitions and cannot be standard output; "
                         "use --format jsonl to write to standard output")
    if out_dir and fmt != "parquet":
        raise UsageError("--out is only used with --format parquet")
    if resume and no_store and fmt != "parquet":
        raise UsageError("--resume needs the store (--db PATH) or --format parquet")


def _already_done(store: Any, sink: Any) -> Callable[[Document], bool]:
    """What --resume skips: articles in the Parquet output, else articles in the store."""
    if hasattr(sink, "existing_ids"):
        done = sink.existing_ids()
        return lambda doc: doc.error is None and doc.id in done
    return lambda doc: doc.error is None and store.contains(doc.id)


def _drain(docs: Iterator[Document], store: Any, sink: Any,
           costs: defaultdict[str, float], quiet: bool) -> tuple[int, int]:
    """Store and write the coded documents as they come; ``costs`` gets their CPU seconds."""
    total = failed = 0
    writer = _BatchWriter(store, sink, costs)
    for doc in docs:
        total += 1
        if doc.error is not None:
            failed += 1
            if not quiet:  # the JSON says it too, but a person at a terminal reads stderr
                click.echo(f"communique: {_error_line(doc)}", err=True)
        writer.add(doc)
    writer.flush()
    return total, failed


class _BatchWriter:
    """Documents to the store a batch at a time, then to the output, in input order.

    One ``add_many`` call per batch lets the store commit a batch in one transaction
    (per-article commits cost more than coding a short article). A batch is at most
    ``size`` articles or ``seconds`` old, so output still streams; a document reaches the
    output only once it is stored, so after a kill every printed article is in the store.
    """

    def __init__(self, store: Any, sink: Any, costs: defaultdict[str, float],
                 size: int = 32, seconds: float = 2.0) -> None:
        self.store, self.sink, self.costs = store, sink, costs
        self.size, self.seconds = size, seconds
        self.pending: list[Document] = []
        self.oldest = 0.0

    def add(self, doc: Document) -> None:
        if not self.pending:
            self.oldest = time.monotonic()
        self.pending.append(doc)
        if len(self.pending) >= self.size or time.monotonic() - self.oldest >= self.seconds:
            self.flush()

    def flush(self) -> None:
        started = time.process_time()
        if self.store is not None and self.pending:
            if hasattr(self.store, "add_many"):
                self.store.add_many(self.pending)
            else:
                for doc in self.pending:
                    self.store.add(doc)
        stored = time.process_time()
        for doc in self.pending:
            self.sink.add(doc)
        self.costs["store"] += stored - started
        self.costs["output"] += time.process_time() - stored
        self.pending = []


def _error_line(doc: Document) -> str:
    message = doc.error.message if doc.error else ""
    return message if doc.id and message.startswith(doc.id) else f"{doc.id}: {message}"


def _print_profile(config: Any, costs: dict[str, float]) -> None:
    """Per-stage CPU seconds (from the pipeline) plus the store's and the output's."""
    from ..api import load

    rows = {**load(config).stage_seconds, **costs}
    overall = sum(rows.values()) or 1.0
    click.echo("communique: CPU seconds by step", err=True)
    for name, seconds in rows.items():
        click.echo(f"  {name:12} {seconds:8.2f} s {seconds / overall:6.1%}", err=True)


def _progress(docs: Iterator[Document], quiet: bool,
              expected: int | None = None) -> Iterator[Document]:
    """A tqdm bar on stderr (articles, articles/s, and the total and time left when the
    number of articles is known); only on a terminal, after 3 seconds."""
    if quiet or not sys.stderr.isatty():
        return docs
    from tqdm import tqdm

    return iter(tqdm(docs, total=expected, unit=" articles", delay=3, file=sys.stderr,
                     dynamic_ncols=True))


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

    def close(self) -> None:
        print_event_table(self.rows)


def _make_sink(fmt: str, out_dir: str | None, resume: bool) -> Any:
    if fmt == "parquet":
        from ..outputs import ParquetWriter

        return ParquetWriter(out_dir or ".", append=resume)
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
