"""Parquet output survives a kill: complete partitions only, and --resume continues it."""

from __future__ import annotations

import json

import duckdb
import pytest
from click.testing import CliRunner

from communique import make_document
from communique.cli import cli
from communique.errors import UsageError
from communique.outputs import ParquetWriter


def _docs(count: int):
    return [make_document(f"Talks number {i} opened in Geneva.", id=f"d{i}") for i in range(count)]


def test_append_continues_after_the_last_complete_partition(tmp_path):
    killed = ParquetWriter(tmp_path, rows_per_partition=2)
    for doc in _docs(5):
        killed.add(doc)  # never closed: d4 is lost with the process, as in a kill
    (tmp_path / "events" / "part-00002.parquet").write_bytes(b"half-written partition")
    resumed = ParquetWriter(tmp_path, rows_per_partition=2, append=True)
    assert resumed.partition == 2
    assert resumed.existing_ids() == {"d0", "d1", "d2", "d3"}
    assert not (tmp_path / "events" / "part-00002.parquet").exists()


def test_a_second_run_without_resume_refuses_the_folder(tmp_path):
    writer = ParquetWriter(tmp_path)
    writer.add(_docs(1)[0])
    writer.close()
    with pytest.raises(UsageError):
        ParquetWriter(tmp_path)


def test_cli_resume_with_parquet_output(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": f"Police arrested {i} men in Lagos."})
                           + "\n" for i in range(3)))
    out = tmp_path / "pq"
    args = ["code", str(src), "--no-store", "--format", "parquet", "--out", str(out), "--quiet"]
    assert CliRunner().invoke(cli, args).exit_code == 0
    again = CliRunner().invoke(cli, [*args, "--resume"])
    assert again.exit_code == 0, again.output
    rows = duckdb.sql(f"SELECT id FROM read_parquet('{out}/documents/*.parquet') ORDER BY id")
    assert rows.fetchall() == [("n0",), ("n1",), ("n2",)]
