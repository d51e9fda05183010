"""The analyst's commands: counts, names in filters, standard output, empty input."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from communique.cli import cli
from communique.cli.code import summary
from communique.ingest.readers import count_articles
from communique.store import open_store

from ..store.fakes import make_doc, make_event


@pytest.fixture
def store_file(tmp_path):
    path = tmp_path / "events.duckdb"
    with open_store(path) as store:
        store.add(make_doc("a", make_event("ASSAULT", "RUS", "UKR", "2024-03-04", cameo="190",
                                           goldstein=-10.0, quad=4),
                           make_event("CONSULT", "USA", "RUS", "2024-03-12")))
    return str(path)


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(cli, list(args), input=input)


def test_counts_formats(store_file, tmp_path):
    table = run("counts", "--db", store_file, "--by", "dyad", "--quad", "conflict")
    assert table.exit_code == 0 and "RUS" in table.stdout and "UKR" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run("counts", "--db", store_file, "--by", "type",
                                               "--period", "month", "--format", "csv").stdout)))
    assert {r["type"]: r["events"] for r in rows} == {"ASSAULT": "1", "CONSULT": "1"}
    body = json.loads(run("counts", "--db", store_file, "--format", "json").stdout)
    assert body["by"] == "dyad" and body["periods"] == ["2024-03-04", "2024-03-11"]
    lines = run("counts", "--db", store_file, "--format", "jsonl", "--actor", "united states")
    assert [json.loads(line)["recipient"] for line in lines.stdout.splitlines()] == ["RUS"]
    out = tmp_path / "series.parquet"
    assert run("counts", "--db", store_file, "--by", "quad", "--format", "parquet",
               "--out", str(out)).exit_code == 0
    assert pq.read_table(out).column_names[:2] == ["period", "quad"]


def test_export_and_counts_to_standard_output(store_file, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("export", "--db", store_file, "--format", "gdelt-tsv", "-")
    assert result.exit_code == 0 and result.stdout.startswith("GLOBALEVENTID\t")
    assert not (tmp_path / "-").exists()
    parquet = CliRunner().invoke(cli, ["counts", "--db", store_file, "--format", "parquet",
                                       "--out", "-"])
    assert parquet.exit_code == 0 and parquet.stdout_bytes[:4] == b"PAR1"


def test_filters_take_names_and_several_values(store_file):
    result = run("events", "--db", store_file, "--type", "ASSAULT,CONSULT", "--actor", "Russia",
                 "--actor", "usa", "--format", "jsonl")
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 2
    unknown = run("events", "--db", store_file, "--actor", "Rusia")
    assert unknown.exit_code != 0 and "did you mean Russia (RUS)" in str(unknown.exception)


def test_actor_command_in_any_case_and_bad_dates():
    nato = run("actor", "nato")
    assert nato.exit_code == 0 and json.loads(nato.stdout)["name"] == "NATO"
    for bad in ("2024-13-01", "last year"):
        result = run("actor", "Nato", "--date", bad)
        assert result.exit_code != 0 and "ISO date" in str(result.exception)
    unknown = run("actor", "xqzzy")
    assert unknown.exit_code == 1 and "unknown actor" in unknown.stderr


def test_empty_standard_input_says_no_articles(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("code", "-", input="  \n\n")
    assert result.exit_code != 0 and "no articles" in str(result.exception)
    assert list(tmp_path.iterdir()) == []


def test_a_test_run_leaves_no_store_behind(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("code", "-", input="Police arrested 12 protesters in Lima on Monday.")
    assert result.exit_code == 0 and json.loads(result.stdout)["events"]
    assert "1 article coded" in result.stderr and list(tmp_path.iterdir()) == []


def test_summary_and_expected_totals(tmp_path):
    assert summary(1, 0) == "1 article coded"
    assert summary(3, 1) == "3 articles: 2 coded, 1 failed"
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n')
    (tmp_path / "b.txt").write_text("z")
    assert count_articles([str(tmp_path)]) == 3
    assert count_articles([str(tmp_path / "a.jsonl"), "-"]) is None
