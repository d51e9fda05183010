"""Opening the store's DuckDB file for the one writer and for any number of readers.

DuckDB lets one process write a file, and a read-only connection cannot open a file that
another process holds for writing. So the writer *publishes* snapshots: after a checkpoint
it copies the database to ``<db>.snapshot`` under a temporary name and renames it into place
(atomic on POSIX). A reader opens a short-lived read-only connection per query: to the main
file when it is newer than the snapshot and free, otherwise to the snapshot. Readers never
block the writer for longer than one query, and never see a half-written article.
"""

from __future__ import annotations

import logging
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import StoreCorruptError, StoreError

log = logging.getLogger(__name__)

CORRUPTION_MARKERS = ("not a valid duckdb", "corrupt", "checksum", "serializ", "invalid database")
COPY_SNIPPET = "import shutil, sys; shutil.copyfile(sys.argv[1], sys.argv[2])"
DISK_FULL_MARKERS = ("no space", "file too large", "disk full", "quota")
LOCK_MARKERS = ("could not set lock", "conflicting lock", "different configuration")
MAIN_RETRY_SECONDS = 1.0


def snapshot_path(path: Path) -> Path:
    return path.with_name(path.name + ".snapshot")


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def is_lock_error(exc: BaseException) -> bool:
    return any(marker in str(exc).lower() for marker in LOCK_MARKERS)


def is_corruption(exc: BaseException) -> bool:
    if isinstance(exc, duckdb.SerializationException):
        return True
    return any(marker in str(exc).lower() for marker in CORRUPTION_MARKERS)


def store_failure(path: Path, action: str, exc: BaseException) -> StoreError:
    """The StoreError (or StoreCorruptError) to raise for a DuckDB or OS failure."""
    if is_corruption(exc):
        return StoreCorruptError(
            f"store file {path} is corrupted ({_first_line(exc)}); communique left it "
            "untouched: restore it from a backup or move it aside and recode the articles")
    if isinstance(exc, OSError) or any(sign in str(exc).lower() for sign in DISK_FULL_MARKERS):
        return StoreError(f"cannot {action} store {path}: {_first_line(exc)}; free disk space "
                          "or choose another --db (nothing was half-written)")
    return StoreError(f"cannot {action} store {path}: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    """The useful part of a DuckDB message: the original cause of an invalidated database."""
    text = str(exc).strip()
    original = re.search(r'Original error: "(.*)"', text)
    if original:
        return original.group(1)
    return text.splitlines()[0] if text else type(exc).__name__


def _holder(exc: BaseException) -> str:
    match = re.search(r"PID (\d+)", str(exc))
    return f" (process {match.group(1)})" if match else ""


def check_writable(path: Path) -> None:
    """Fail early, with advice, when the store's folder cannot take new files."""
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise StoreError(f"cannot create store {path}: folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise StoreError(f"cannot write store {path}: folder {folder} is read-only; "
                         "choose a writable --db location")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"cannot write store {path}: the file is read-only; "
                         "open it read-only or choose another --db")


def connect_writer(path: Path, lock_timeout: float,
                   memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """The writer's connection, waiting out readers' brief locks up to ``lock_timeout``.

    ``memory_limit`` (e.g. "128MB") caps DuckDB's buffer cache, which otherwise keeps
    growing with the store in a long coding run.
    """
    config = {"memory_limit": memory_limit} if memory_limit else {}
    deadline = time.monotonic() + lock_timeout
    while True:
        try:
            return duckdb.connect(str(path), config=config)
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                raise store_failure(path, "open", exc) from exc
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"store {path} is being written by another process{_holder(exc)}; wait "
                    "for it to finish or choose another --db") from exc
            time.sleep(0.05)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except FileNotFoundError:
        return 0


def _main_is_newer(path: Path) -> bool:
    snap = snapshot_path(path)
    return max(_mtime(path), _mtime(wal_path(path))) > _mtime(snap)


def connect_reader(path: Path, attempts: int = 20) -> duckdb.DuckDBPyConnection:
    """A short-lived read-only connection to the freshest complete copy of the store."""
    if not path.exists():
        raise StoreError(f"no store at {path}; create one with: communique code ARTICLES --db {path}")
    last: BaseException | None = None
    for _ in range(attempts):
        snap = snapshot_path(path)
        target = path if _main_is_newer(path) or not snap.exists() else snap
        try:
            return duckdb.connect(str(target), read_only=True)
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                raise store_failure(target, "read", exc) from exc
            last = exc
        if snap.exists():
            try:
                return duckdb.connect(str(snap), read_only=True)
            except duckdb.Error as exc:
                if not is_lock_error(exc):
                    raise store_failure(snap, "read", exc) from exc
                last = exc
        time.sleep(0.05)
    raise StoreError(f"store {path} is busy being written and has no snapshot yet; "
                     f"retry in a moment ({_first_line(last) if last else 'locked'})")


def _copy_in_child(source: Path, target: Path) -> None:
    """Copy a file from a child process.

    POSIX drops *all* of a process's fcntl locks on a file when it closes any descriptor
    of it, so copying the database from the writer's own process would silently release
    DuckDB's writer lock and let a second writer in.
    """
    subprocess.run([sys.executable, "-c", COPY_SNIPPET, str(source), str(target)],
                   check=True, capture_output=True, timeout=600)


def publish_snapshot(con: duckdb.DuckDBPyConnection, path: Path) -> bool:
    """Checkpoint and publish ``<db>.snapshot`` atomically; False (logged) if the copy failed.

    A failed copy never harms the store itself: readers keep the previous snapshot. A failed
    checkpoint (a full disk) is the store's own failure and raises StoreError.
    """
    try:
        con.execute("CHECKPOINT")
    except duckdb.Error as exc:
        raise store_failure(path, "write to", exc) from exc
    snap = snapshot_path(path)
    tmp = snap.with_name(f"{snap.name}.tmp-{os.getpid()}")
    try:
        _copy_in_child(path, tmp)
        os.replace(tmp, snap)
        return True
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("could not publish a snapshot of %s for readers: %s", path, exc)
        tmp.unlink(missing_ok=True)
        return False


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


class _Generation:
    """One published snapshot, attached read-only to a private in-memory database.

    ATTACH rather than ``duckdb.connect(snapshot)``: DuckDB caches databases by path within
    a process, so connecting again after the writer replaced the snapshot would return the
    old file's database for as long as anything still holds it.
    """

    def __init__(self, snap: Path, identity: tuple[int, int, int] | None) -> None:
        self.identity = identity
        self.users = 0
        self.retired = False
        self.con = duckdb.connect(":memory:")
        try:
            self.con.execute("ATTACH ? AS store (READ_ONLY)", [str(snap)])
        except duckdb.Error:
            self.con.close()
            raise

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self.con.cursor()
        cursor.execute("USE store")
        return cursor


class SnapshotReader:
    """Read connections that reuse one attachment of the snapshot across queries.

    Opening a DuckDB file costs more than most queries, so queries share a connection to the
    published snapshot (each gets its own cursor) until the writer publishes a new one. When
    the main file is newer than the snapshot and no writer holds it (a writer was killed),
    a query gets its own short-lived connection to it, so readers never hold a lock a
    writer needs.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._current: _Generation | None = None
        self._main_locked_until = 0.0

    @contextmanager
    def connection(self) -> Iterator[duckdb.DuckDBPyConnection]:
        snap = snapshot_path(self.path)
        fresh = self._main_for_one_query(snap)
        if fresh is not None:
            try:
                yield fresh
            finally:
                fresh.close()
            return
        generation = self._acquire(snap)
        cursor = generation.cursor()
        try:
            yield cursor
        finally:
            cursor.close()
            self._release(generation)

    def _main_for_one_query(self, snap: Path) -> duckdb.DuckDBPyConnection | None:
        """The main file when it is newer than the snapshot and free; None: use the snapshot.

        A writer holding the file makes each attempt cost an open; after a refusal the
        snapshot is used for ``MAIN_RETRY_SECONDS`` (readers lag a writer anyway).
        """
        if not snap.exists():
            return connect_reader(self.path)
        if time.monotonic() < self._main_locked_until or not _main_is_newer(self.path):
            return None
        try:
            return duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as exc:
            if not is_lock_error(exc):
                raise store_failure(self.path, "read", exc) from exc
            self._main_locked_until = time.monotonic() + MAIN_RETRY_SECONDS
            return None

    def _acquire(self, snap: Path) -> _Generation:
        with self._lock:
            identity = _identity(snap)
            current = self._current
            if current is None or current.identity != identity:
                try:
                    fresh = _Generation(snap, identity)
                except duckdb.Error as exc:
                    raise store_failure(snap, "read", exc) from exc
                if current is not None:
                    current.retired = True
                    self._close_if_idle(current)
                self._current = current = fresh
            current.users += 1
            return current

    def _release(self, generation: _Generation) -> None:
        with self._lock:
            generation.users -= 1
            self._close_if_idle(generation)

    @staticmethod
    def _close_if_idle(generation: _Generation) -> None:
        if generation.retired and generation.users == 0:
            generation.con.close()

    def close(self) -> None:
        with self._lock:
            if self._current is not None:
                self._current.retired = True
                self._close_if_idle(self._current)
                self._current = None
