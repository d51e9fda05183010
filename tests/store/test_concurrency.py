"""Serving while coding: readers keep answering while another process writes."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique.errors import StoreError
from communique.store import open_store

WRITER = Path(__file__).parent / "writer_script.py"


def start_writer(db: Path, count: int, *extra: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db), str(count), *extra],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "started"
    return proc


def test_readers_keep_serving_while_a_writer_process_adds(db_path):
    writer = start_writer(db_path, 150)
    seen: list[int] = []
    try:
        while writer.poll() is None and len(seen) < 200:
            with open_store(db_path, read_only=True) as store:
                stats = store.stats()
                store.events(limit=5)
            assert stats["events"] == 2 * stats["articles"]  # never half an article
            seen.append(stats["articles"])
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert seen == sorted(seen)  # readers only ever see the store grow
    with open_store(db_path, read_only=True) as store:
        assert store.stats()["articles"] == 150


def test_a_second_writer_is_refused_with_a_clear_error(db_path):
    writer = start_writer(db_path, 100_000)
    try:
        with pytest.raises(StoreError, match="being written by another process"):
            open_store(db_path, lock_timeout=0.5)
    finally:
        writer.kill()
        writer.wait()


def test_writer_waits_out_a_reader_briefly(db_path):
    with open_store(db_path):
        pass
    reader = open_store(db_path, read_only=True)
    started = time.monotonic()
    with open_store(db_path, lock_timeout=5) as store:  # readers hold no lasting lock
        assert store.stats()["articles"] == 0
    assert time.monotonic() - started < 5
    reader.close()


def test_one_read_only_store_serves_many_threads(db_path):
    from concurrent.futures import ThreadPoolExecutor

    from fakes import make_doc, make_event

    with open_store(db_path) as store:
        for i in range(20):
            store.add(make_doc(f"t{i}", make_event(), text=f"text {i}"))
    with open_store(db_path, read_only=True) as store, ThreadPoolExecutor(4) as pool:
        counts = list(pool.map(lambda _: store.count_events(actor="CHN"), range(40)))
        store.interrupt()  # nothing running: a no-op
    assert counts == [20] * 40
