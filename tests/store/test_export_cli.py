"""``communique events`` and ``communique export`` over a small hand-built store."""

from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner
from fakes import make_doc, make_event

from communique.cli import cli
from communique.store import open_store


@pytest.fixture
def store_file(db_path):
    with open_store(db_path) as store:
        store.add(make_doc("a", make_event(), make_event("SUPPORT", "RUS", "CHN", cameo="051")))
        store.add(make_doc("b", make_event(date="2023-09-19"), source="TASS", text="Another."))
    return str(db_path)


def invoke(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result


def test_events_filters_and_formats(store_file):
    lines = invoke("events", "--db", store_file, "--actor", "CHN", "--recipient", "RUS",
                   "--type", "CONSULT", "--format", "jsonl").output.splitlines()
    assert [json.loads(line)["article_id"] for line in lines] == ["a", "b"]
    rows = list(csv.DictReader(invoke("events", "--db", store_file, "--format", "csv",
                                      "--since", "2023-09-19").output.splitlines()))
    assert [row["article_id"] for row in rows] == ["b"]
    assert "CONSULT" in invoke("events", "--db", store_file).output
    stories = invoke("events", "--db", store_file, "--stories", "--format", "jsonl").output
    assert json.loads(stories.splitlines()[0])["num_articles"] == 2


def test_events_rejects_bad_values_without_a_traceback(store_file):
    result = CliRunner().invoke(cli, ["events", "--db", store_file, "--since", "soon"])
    assert result.exit_code != 0 and "ISO date" in str(result.exception)


def test_export_every_format(store_file, tmp_path):
    out = tmp_path / "events.parquet"
    invoke("export", "--db", store_file, "--format", "parquet", str(out))
    assert pq.read_table(out).num_rows == 3

    out = tmp_path / "plover.jsonl"
    invoke("export", "--db", store_file, "--format", "plover-jsonl", str(out))
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert {"id", "date", "actor", "event", "recipient", "quad_code"} <= set(records[0])
    assert records[0]["actor"]["code"] and records[0]["actor"]["entity_text"]

    out = tmp_path / "gdelt.tsv"
    invoke("export", "--db", store_file, "--format", "gdelt-tsv", str(out))
    rows = list(csv.DictReader(out.read_text().splitlines(), delimiter="\t"))
    meeting = next(row for row in rows if row["PLOVER"] == "CONSULT")
    assert meeting["NumArticles"] == "2" and meeting["NumSources"] == "2"
    assert meeting["Actor1CountryCode"] == "CHN" and meeting["EventRootCode"] == "04"
    assert meeting["SQLDATE"] == "20230918" and meeting["ActionGeo_FullName"] == "Moscow"

    out = tmp_path / "events.csv"
    invoke("export", "--db", store_file, "--format", "csv", str(out))
    assert len(out.read_text().splitlines()) == 4
