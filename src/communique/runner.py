"""Coding runs: the same stream of documents on one process, a local pool or a Dask cluster.

Every mode yields documents in input order with identical content, so the choice of
``workers``/``scheduler`` changes speed, never results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from .config import Config
from .document import Document
from .errors import UsageError


def code_stream(
    docs: Iterable[Document],
    config: Config,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    skip: Callable[[Document], bool] | None = None,
) -> Iterator[Document]:
    """Code a stream of documents; documents for which ``skip`` is true are dropped first."""
    if workers < 1:
        raise UsageError("--workers must be 1 or more")
    if skip is not None:
        docs = (doc for doc in docs if not skip(doc))
    if scheduler:
        from .distributed.cluster import code_on_cluster

        return code_on_cluster(docs, config, scheduler)
    if workers > 1:
        from .distributed.local import code_with_pool

        return code_with_pool(docs, config, workers)
    from .api import load

    return load(config).pipe(docs)
