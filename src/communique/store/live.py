"""Reads answered by the writing process itself, over a local socket ("live" reads).

DuckDB lets one process open a file for writing and then no other process may open it,
not even read-only. The first way around it (``connection.py``) copies the whole file
after commits, which costs time proportional to the store's size at every publish. A
writer opened with ``live=True`` instead listens on a Unix socket beside the store
(``<db>.sock``) and answers the store's read methods there, from a cursor of its own
connection: a reader sees each batch as soon as it is committed and nothing is copied.

    with open_store("news.duckdb", live=True) as store:   # e.g. inside `communique watch`
        store.add_many(docs)                               # readers see it at COMMIT
    reader = open_reader("news.duckdb")                   # e.g. inside `communique serve`
    reader.events(limit=10)                                # live if a writer listens, else
                                                           # the file (or its snapshot)

The protocol is one JSON line each way per connection: ``{"method", "args", "kwargs"}``
then ``{"result": ...}`` or ``{"error": {"kind", "message"}}``. Only the read methods in
``READ_METHODS`` are served, their arguments are validated by the store as for any caller,
and the socket is made accessible to its owner only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import socketserver
import tempfile
import threading
from functools import partial
from pathlib import Path
from typing import Any

from ..errors import StoreError, UsageError

log = logging.getLogger(__name__)

READ_METHODS = frozenset({"events", "count_events", "counts", "event", "dyad", "actors",
                          "count_actors", "quotes", "count_quotes", "stories", "count_stories",
                          "articles", "article", "stats", "updates", "contains"})
MAX_REQUEST_BYTES = 64 * 1024
MAX_SOCKET_PATH = 100  # AF_UNIX paths are limited to about 108 bytes
CONCURRENT_QUERIES = 8
CLIENT_TIMEOUT_SECONDS = 60.0


def socket_path(db_path: str | Path) -> Path:
    """Where the live writer of ``db_path`` listens: beside the store, or in the temp folder
    (named after the store's absolute path) when that path would be too long for a socket."""
    absolute = Path(os.path.abspath(db_path))
    beside = absolute.with_name(absolute.name + ".sock")
    if len(str(beside)) <= MAX_SOCKET_PATH:
        return beside
    digest = hashlib.sha256(str(absolute).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"communique-{os.getuid()}-{digest}.sock"


class LiveUnavailable(StoreError):
    """No live writer listens for this store (none runs, or it is starting or stopping)."""

    code = "store_not_live"


class _Handler(socketserver.StreamRequestHandler):
    timeout = CLIENT_TIMEOUT_SECONDS  # a client that connects and says nothing is dropped

    def handle(self) -> None:
        try:
            request = self.rfile.readline(MAX_REQUEST_BYTES)
            self.wfile.write(self.server.answer(request))  # type: ignore[attr-defined]
        except OSError:
            pass  # the reader went away or stayed silent: nothing to answer


class _SocketServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    allow_reuse_address = False

    def __init__(self, path: Path, answer: Any) -> None:
        self.answer = answer
        super().__init__(str(path), _Handler)


class LiveServer:
    """Answers other processes' reads for the writer ``store`` until closed."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.path = socket_path(store.path)
        self._slots = threading.BoundedSemaphore(CONCURRENT_QUERIES)
        # this process holds the store's write lock, so a socket left there is stale
        self.path.unlink(missing_ok=True)
        try:
            self._server = _SocketServer(self.path, self.answer)
            os.chmod(self.path, 0o600)
        except OSError as exc:
            raise StoreError(f"cannot listen for readers of {store.path} at {self.path}: "
                             f"{exc}; check that folder is writable") from exc
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        name="communique-live-reads", daemon=True)
        self._thread.start()

    def answer(self, request: bytes) -> bytes:
        """One request line to one reply line."""
        try:
            method, args, kwargs = _parse(request)
            if not self._slots.acquire(timeout=CLIENT_TIMEOUT_SECONDS):
                raise StoreError("the writer is busy answering other readers; retry")
            try:
                reply: dict[str, Any] = {"result": getattr(self.store, method)(*args, **kwargs)}
            finally:
                self._slots.release()
        except UsageError as exc:
            reply = {"error": {"kind": "usage", "message": exc.message}}
        except StoreError as exc:
            reply = {"error": {"kind": "store", "message": exc.message}}
        except (TypeError, ValueError) as exc:  # wrong arguments from a foreign client
            reply = {"error": {"kind": "usage", "message": f"bad request: {exc}"}}
        return json.dumps(reply, default=str, ensure_ascii=False).encode("utf-8") + b"\n"

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        self.path.unlink(missing_ok=True)


def _parse(request: bytes) -> tuple[str, list[Any], dict[str, Any]]:
    try:
        message = json.loads(request)
    except (ValueError, UnicodeDecodeError):
        raise UsageError("bad request: not one JSON line") from None
    if not isinstance(message, dict):
        raise UsageError("bad request: not a JSON object")
    method, args, kwargs = message.get("method"), message.get("args", []), \
        message.get("kwargs", {})
    if method not in READ_METHODS:
        raise UsageError(f"bad request: {str(method)[:40]!r} is not a read method")
    if not isinstance(args, list) or not isinstance(kwargs, dict):
        raise UsageError("bad request: args must be a list and kwargs an object")
    return method, args, kwargs


def call_live(db_path: str | Path, method: str, args: tuple = (), kwargs: dict | None = None,
              timeout: float = CLIENT_TIMEOUT_SECONDS) -> Any:
    """``method(*args, **kwargs)`` answered by the live writer of ``db_path``.

    Raises LiveUnavailable when no writer listens, else what the store raised
    (UsageError, StoreError).
    """
    path = socket_path(db_path)
    request = json.dumps({"method": method, "args": list(args), "kwargs": kwargs or {}},
                         default=str).encode("utf-8") + b"\n"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(timeout)
        try:
            sock.connect(str(path))
        except (FileNotFoundError, ConnectionRefusedError) as exc:
            raise LiveUnavailable(f"no live writer for {db_path}") from exc
        try:
            sock.sendall(request)
            with sock.makefile("rb") as reply_file:
                reply = reply_file.readline()
        except OSError as exc:
            raise StoreError(f"the writer of {db_path} did not answer ({exc}); retry") from exc
    return _result(reply, db_path)


def _result(reply: bytes, db_path: str | Path) -> Any:
    if not reply:
        raise LiveUnavailable(f"the writer of {db_path} closed while answering; retry")
    message = json.loads(reply)
    error = message.get("error")
    if error is None:
        return message.get("result")
    if error.get("kind") == "usage":
        raise UsageError(error.get("message", "bad request"))
    raise StoreError(error.get("message", "store error"))


class StoreReader:
    """A store's read methods, answered by its live writer when one runs, else by reading
    the file (or the snapshot a non-live writer publishes) read-only."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._local: Any = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        if name not in READ_METHODS:
            raise AttributeError(name)
        return partial(self._call, name)

    def _call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return call_live(self.path, method, args, kwargs)
        except LiveUnavailable:
            return getattr(self._local_store(), method)(*args, **kwargs)

    def _local_store(self) -> Any:
        from .db import open_store

        with self._lock:
            if self._local is None:
                self._local = open_store(self.path, read_only=True)
            return self._local

    def check(self) -> None:
        """Fail now, with the store's name, if it cannot be read."""
        self.stats()

    def interrupt(self) -> None:
        """Stop local queries running now (a live writer's queries finish on their own)."""
        if self._local is not None:
            self._local.interrupt()

    def close(self) -> None:
        with self._lock:
            if self._local is not None:
                self._local.close()
                self._local = None

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_reader(path: str | Path) -> StoreReader:
    """Read a store, live from its writer when one listens (``open_store(..., live=True)``)."""
    if not Path(path).exists():
        raise StoreError(f"no store at {path}; create one with: communique code ARTICLES "
                         f"--db {path} (or communique watch FEEDS --db {path})")
    return StoreReader(path)
