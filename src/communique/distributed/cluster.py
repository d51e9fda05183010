"""Running the same coding job on a Dask distributed cluster.

Partitions of articles are submitted to the cluster in input order; each worker process
loads the pipeline once (``communique.api.load`` caches it per process) and results are
yielded in input order, with a bounded number of partitions in flight.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from ..config import Config
from ..document import Document
from ..errors import UsageError
from .local import chunked, code_chunk


def connect(scheduler: str):  # noqa: ANN201 - distributed.Client, imported lazily
    """A client for the scheduler at ``tcp://HOST:PORT``."""
    from distributed import Client

    try:
        return Client(scheduler, timeout="20s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
            "`dask scheduler` and workers with `dask worker SCHEDULER`"
        ) from exc


def code_on_cluster(
    docs: Iterable[Document], config: Config, scheduler: str, partition_size: int = 32,
    partition_chars: int = 80_000,
) -> Iterator[Document]:
    """Code documents on the cluster at ``scheduler``, yielding them in input order."""
    client = connect(scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = workers * 3
        pending: deque = deque()
        for number, partition in enumerate(chunked(docs, partition_size, partition_chars)):
            # pure=False: identical partitions in two runs must both be coded
            pending.append(client.submit(code_chunk, partition, config, pure=False,
                                         key=f"communique-partition-{number}-{id(pending)}"))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    finally:
        client.close()
