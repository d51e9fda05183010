"""Read-only access to the store for the HTTP API, with a time limit on every query.

The store opened read-only keeps the freshest complete copy of the file attached and gives
each query its own cursor, re-attaching when a writer publishes a newer copy (see
``store/connection.py``), so the API sees articles that a concurrent ``communique code
--db`` run adds. Queries run on a small worker pool: a caller
waits at most ``timeout`` seconds, then gets a 503; the store's ``interrupt()`` (when it has
one) is asked to stop the query, and the bounded pool keeps abandoned queries from piling up.
Answers are kept for ``cache_seconds`` (a dashboard asks the same count and page repeatedly).
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Any

from ..errors import StoreError

StoreOpener = Callable[[str], Any]


class QueryTimeout(StoreError):
    """A store query ran longer than the API's time limit (or every worker was busy)."""

    code = "query_timeout"


def default_opener(path: str) -> Any:
    """The store's reader: answered live by its writer when one listens (``communique
    watch``), else the file or the snapshot a coding run publishes."""
    from ..store.live import open_reader

    return open_reader(path)


class StoreAccess:
    """Runs store methods for the API: ``access.call("events", actor="CHN", limit=50)``."""

    def __init__(self, db_path: str | Path, *, timeout: float, opener: StoreOpener | None = None,
                 workers: int = 4, cache_seconds: float = 0.0, cache_size: int = 512) -> None:
        self.db_path = str(db_path)
        self.timeout = timeout
        self.opener = opener or default_opener
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="communique-query")
        self._slots = threading.BoundedSemaphore(workers)
        self._open_lock = threading.Lock()
        self._store: Any = None
        self.cache_seconds = cache_seconds
        self.cache_size = cache_size
        self._cache: OrderedDict[str, tuple[float, Any]] = OrderedDict()
        self._cache_lock = threading.Lock()

    def call(self, method: str, *args: Any, fresh: bool = False, **kwargs: Any) -> Any:
        """``Store.<method>(*args, **kwargs)`` within the time limit; ``fresh``: never
        from the answer cache (a poller asking again for what arrived).

        Raises the store's own errors (StoreError, UsageError) or QueryTimeout.
        """
        key = repr((method, args, sorted(kwargs.items())))
        cached = None if fresh else self._cached(key)
        if cached is not None:
            return cached
        answer = self._call_with_timeout(method, args, kwargs)
        self._remember(key, answer)
        return answer

    def _cached(self, key: str) -> Any:
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit is None or time.monotonic() - hit[0] > self.cache_seconds:
                return None
            return hit[1]  # shared between requests: the API never mutates answers

    def _remember(self, key: str, answer: Any) -> None:
        if self.cache_seconds <= 0:
            return
        with self._cache_lock:
            self._cache[key] = (time.monotonic(), answer)
            self._cache.move_to_end(key)
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)

    def _call_with_timeout(self, method: str, args: tuple, kwargs: dict[str, Any]) -> Any:
        if not self._slots.acquire(timeout=self.timeout):
            raise QueryTimeout("the server is busy with slow queries: retry in a moment")
        try:
            future = self._pool.submit(self._run, method, args, kwargs)
        except RuntimeError as exc:  # the pool was shut down: the server is stopping
            self._slots.release()
            raise StoreError("the server is shutting down") from exc
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            self._interrupt()
            raise QueryTimeout(
                f"the query took longer than {self.timeout:g} s: narrow the filters") from None

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        store, self._store = self._store, None
        if store is not None:
            store.close()

    def _run(self, method: str, args: tuple, kwargs: dict[str, Any]) -> Any:
        try:
            return getattr(self._current_store(), method)(*args, **kwargs)
        finally:
            self._slots.release()

    def _current_store(self) -> Any:
        with self._open_lock:
            if self._store is None:
                self._store = self.opener(self.db_path)
            return self._store

    def _interrupt(self) -> None:
        interrupt = getattr(self._store, "interrupt", None)
        if callable(interrupt):
            interrupt()
