"""Every command has help with an example; the README's commands exist; exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from communique.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_has_help_with_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


def test_readme_commands_exist():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for command in ("make run", "make test"):
        assert command in readme
        assert f"\n{command.split()[1]}:" in makefile


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "communique", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "code" in out.stdout


def test_missing_input_is_an_error_document(tmp_path):
    result = CliRunner().invoke(cli, ["code", str(tmp_path / "missing.txt"), "--no-store"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout.splitlines()[0])
    assert doc["error"]["code"] == "not_found"


def test_misuse_exits_2_with_one_line():
    out = subprocess.run([sys.executable, "-m", "communique", "code", "--format", "parquet", "x"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_unknown_option_exits_2():
    result = CliRunner().invoke(cli, ["code", "--bogus"])
    assert result.exit_code == 2


def test_resume_skips_stored_articles(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps({"id": f"n{i}", "text": f"Police arrested {i} men in Lagos."})
                             for i in range(3)) + "\n")
    db = str(tmp_path / "s.duckdb")
    first = CliRunner().invoke(cli, ["code", str(src), "--db", db, "--quiet"])
    assert first.exit_code == 0 and len(first.stdout.splitlines()) == 3
    again = CliRunner().invoke(cli, ["code", str(src), "--db", db, "--resume", "--quiet"])
    assert again.exit_code == 0 and again.stdout == ""


def test_parquet_output(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text("Rebels attacked an army base near Goma on Monday.")
    out = tmp_path / "pq"
    result = CliRunner().invoke(cli, ["code", str(src), "--no-store", "--format", "parquet",
                                      "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    import duckdb

    rows = duckdb.sql(f"SELECT id FROM read_parquet('{out}/documents/*.parquet')").fetchall()
    assert rows == [("a",)]
