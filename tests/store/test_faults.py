"""Faults: a full disk, a read-only folder, a corrupted file, a writer killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from fakes import make_doc, make_event

from communique.errors import StoreCorruptError, StoreError
from communique.store import open_store

WRITER = Path(__file__).parent / "writer_script.py"


def run_writer(db: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(WRITER), str(db), *args], capture_output=True,
                          text=True, timeout=120)


def test_full_disk_gives_a_store_error_and_an_intact_store(db_path):
    run_writer(db_path, "3")  # a small healthy store first
    limit = db_path.stat().st_size + 600_000
    result = run_writer(db_path, "200", "20000", str(limit))
    assert result.returncode == 3, result.stderr
    assert "store-error:" in result.stdout and "disk" in result.stdout
    added = sum(line.startswith("added") for line in result.stdout.splitlines())
    with open_store(db_path) as store:  # reopens, replays what was committed
        stats = store.stats()
        assert stats["events"] == 2 * stats["articles"]  # no half article
        assert 3 <= stats["articles"] <= 3 + added + 1
        assert store.add(make_doc("after", make_event())) is True


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder_gives_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(StoreError, match="read-only"):
            open_store(folder / "events.duckdb")
    finally:
        folder.chmod(0o700)


def test_read_only_folder_check(tmp_path, monkeypatch):
    """The same check as above, made testable as root by faking the permission answer."""
    monkeypatch.setattr(os, "access", lambda path, mode: False)
    with pytest.raises(StoreError, match="read-only"):
        open_store(tmp_path / "events.duckdb")


def test_a_file_that_is_not_a_database_is_reported_by_name(tmp_path):
    path = tmp_path / "events.duckdb"
    path.write_bytes(b"this is not a database" * 500)
    before = path.read_bytes()
    for read_only in (False, True):
        with pytest.raises(StoreCorruptError, match=str(path)):
            with open_store(path, read_only=read_only) as store:
                store.stats()
    assert path.read_bytes() == before  # never overwritten


def test_damaged_blocks_are_reported_not_silently_dropped(db_path):
    with open_store(db_path) as store:
        for i in range(50):
            store.add(make_doc(f"d{i}", make_event(), text=f"text {i} " + "y" * 3000))
    db_path.with_name(db_path.name + ".snapshot").unlink()
    data = bytearray(db_path.read_bytes())
    data[20_000:60_000] = b"\xff" * 40_000
    db_path.write_bytes(bytes(data))
    with pytest.raises(StoreCorruptError, match=str(db_path)):
        with open_store(db_path, read_only=True) as store:
            store.events(limit=1000)
            store.article("d1")


def test_sigkill_mid_write_leaves_whole_articles_only(db_path):
    proc = subprocess.Popen([sys.executable, str(WRITER), str(db_path), "100000"],
                            stdout=subprocess.PIPE, text=True)
    lines = [proc.stdout.readline() for _ in range(40)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert lines[0].strip() == "started"
    with open_store(db_path) as store:
        stats = store.stats()
        assert stats["articles"] >= 39 and stats["events"] == 2 * stats["articles"]
        assert store.add(make_doc("w0", make_event(), text="article 0 ")) is False


def test_write_failure_inside_a_transaction_rolls_back(db_path, monkeypatch):
    with open_store(db_path) as store:
        store.add(make_doc("ok", make_event()))
        from communique.store import rows

        def broken(*args, **kwargs):
            raise duckdb.IOException("IO Error: No space left on device")

        monkeypatch.setattr(rows, "quote_rows", broken)
        with pytest.raises(StoreError, match="free disk space"):
            store.add(make_doc("bad", make_event()))
        monkeypatch.undo()
        assert not store.contains("bad") and store.stats()["articles"] == 1
