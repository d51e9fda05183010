"""Local parallelism: a process pool whose workers each load the pipeline once.

Articles travel to workers in chunks; results come back in input order. At most a few
chunks per worker are in flight, so memory stays flat however long the input is.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from multiprocessing import get_context

from ..config import Config
from ..document import Document


def chunked(items: Iterable[Document], size: int,
            max_chars: int | None = None) -> Iterator[list[Document]]:
    """Lists of up to ``size`` documents (and about ``max_chars`` of text), read lazily.

    Bounding the text as well as the count keeps chunks of long articles short, so the
    last chunks of a run do not leave one worker busy while the others idle.
    """
    if max_chars is None:
        iterator = iter(items)
        while chunk := list(islice(iterator, size)):
            yield chunk
        return
    chunk, chars = [], 0
    for doc in items:
        chunk.append(doc)
        chars += len(doc.text)
        if len(chunk) >= size or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def strip_runtime(doc: Document) -> Document:
    """Drop what cannot or need not cross a process boundary (spaCy parses)."""
    doc.segments = []
    return doc


def code_chunk(docs: list[Document], config: Config) -> list[Document]:
    """Code one chunk in this process with its cached pipeline (the worker entry point)."""
    from ..api import load

    return [strip_runtime(doc) for doc in load(config).pipe(docs)]


def _warm_up(config: Config) -> None:
    from ..api import load

    load(config)


def _ready() -> int:
    import os

    return os.getpid()


def open_pool(config: Config, workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes, each with the pipeline for ``config`` loaded."""
    context = get_context("spawn")  # fork would copy a half-initialised parser state
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up,
                               initargs=(config,))


def wait_until_ready(pool: ProcessPoolExecutor, workers: int) -> None:
    """Block until every worker has started and loaded its pipeline (for fair timings)."""
    for future in [pool.submit(_ready) for _ in range(workers)]:
        future.result()


def code_with_pool(
    docs: Iterable[Document], config: Config, workers: int, chunk_size: int = 16,
    pool: ProcessPoolExecutor | None = None, chunk_chars: int = 40_000,
) -> Iterator[Document]:
    """Code documents on ``workers`` local processes, yielding them in input order.

    ``pool`` (from ``open_pool``) lets several runs share warm workers; without it a pool
    is started for this run and shut down at its end.
    """
    if pool is None:
        with open_pool(config, workers) as own_pool:
            yield from _ordered_results(own_pool, docs, config, workers, chunk_size, chunk_chars)
    else:
        yield from _ordered_results(pool, docs, config, workers, chunk_size, chunk_chars)


def _ordered_results(pool: ProcessPoolExecutor, docs: Iterable[Document], config: Config,
                     workers: int, chunk_size: int, chunk_chars: int) -> Iterator[Document]:
    # a few chunks per worker in flight: workers never wait, memory stays bounded
    window = workers * 3
    pending: deque[Future[list[Document]]] = deque()
    for chunk in chunked(docs, chunk_size, chunk_chars):
        pending.append(pool.submit(code_chunk, chunk, config))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()
