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


def chunked(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
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


def code_with_pool(
    docs: Iterable[Document], config: Config, workers: int, chunk_size: int = 16
) -> Iterator[Document]:
    """Code documents on ``workers`` local processes, yielding them in input order."""
    context = get_context("spawn")  # fork would copy a half-initialised parser state
    window = workers * 3
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_warm_up,
                             initargs=(config,)) as pool:
        pending: deque[Future[list[Document]]] = deque()
        for chunk in chunked(docs, chunk_size):
            pending.append(pool.submit(code_chunk, chunk, config))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
