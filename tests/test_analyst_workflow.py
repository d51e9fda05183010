"""The analyst's first question, end to end, on real news (../shared/data/news).

Top conflict dyads per week, one dyad's cooperation/conflict series, exported to Parquet:
three CLI commands, or three API calls, over a store coded from 40 Guardian world articles
and 40 BBC politics articles (the BBC ones have no dates). As in the README.
"""

from __future__ import annotations

import json
import re

import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from communique.cli import cli

pytestmark = [pytest.mark.slow, pytest.mark.shared]
ARTICLES = 40


@pytest.fixture(scope="module")
def news_store(shared_dir, tmp_path_factory):
    news = shared_dir / "data" / "news"
    guardian = (news / "guardian_world_sample.jsonl").read_text(encoding="utf-8").splitlines()
    bbc = [line for line in (news / "bbc_news.jsonl").read_text(encoding="utf-8").splitlines()
           if json.loads(line).get("category") == "politics"]
    folder = tmp_path_factory.mktemp("news")
    corpus = folder / "news.jsonl"
    corpus.write_text("\n".join(guardian[:ARTICLES] + bbc[:ARTICLES]) + "\n", encoding="utf-8")
    db = folder / "news.duckdb"
    result = CliRunner().invoke(cli, ["code", str(corpus), "--db", str(db), "--quiet",
                                      "--format", "table"])
    assert result.exit_code == 0, result.output
    return db


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def test_three_commands(news_store, tmp_path):
    db = str(news_store)
    top = json.loads(run("counts", "--db", db, "--by", "dyad", "--period", "week",
                         "--quad", "conflict", "--top", "5", "--format", "json"))
    assert top["items"] and top["filters"]["quad"] == [3, 4]
    per_week: dict[str, int] = {}
    for item in top["items"]:
        per_week[item["period"]] = per_week.get(item["period"], 0) + 1
        assert item["actor"] and item["recipient"] and item["events"] >= item["stories"] >= 1
    assert max(per_week.values()) <= 5 and set(per_week) <= set(top["periods"])
    series = json.loads(run("counts", "--db", db, "--by", "quad", "--period", "week",
                            "--actor", "United States", "--recipient", "syria", "--format", "json"))
    assert series["items"] and {i["quad"] for i in series["items"]} <= {1, 2, 3, 4}
    out = tmp_path / "usa-syria.parquet"
    run("counts", "--db", db, "--by", "quad", "--period", "week", "--actor", "United States",
        "--recipient", "syria", "--format", "parquet", "--out", str(out))
    table = pq.read_table(out)
    assert table.num_rows == len(series["items"])
    assert table.column("events").to_pylist() == [i["events"] for i in series["items"]]


def test_three_api_calls(news_store):
    from fastapi.testclient import TestClient

    from communique.web.app import create_app

    with TestClient(create_app(news_store), base_url="http://127.0.0.1") as client:
        top = client.get("/api/counts", params={"by": "dyad", "period": "week",
                                                "quad": "conflict", "top": 5}).json()
        series = client.get("/api/counts", params={"by": "quad", "period": "week",
                                                   "actor": "United States",
                                                   "recipient": "Syria"}).json()
        events = client.get("/api/events", params={"actor": "USA", "recipient": "SYR",
                                                    "quad": "3,4", "limit": 500}).json()
    assert top["items"] and series["items"]
    conflict_events = sum(i["events"] for i in series["items"] if i["quad"] in (3, 4))
    assert conflict_events <= events["total"]


def test_bbc_events_are_not_dated_from_stray_numbers(news_store):
    """BBC articles have no dates: no event before 1990 unless its own sentence says so."""
    import duckdb

    with duckdb.connect(str(news_store), read_only=True) as con:
        rows = con.execute("SELECT date, json_extract_string(data, '$.evidence.text') "
                           "FROM events WHERE article_id LIKE 'bbc-%' AND date IS NOT NULL"
                           ).fetchall()
    early = [(day, text) for day, text in rows if int(day[:4]) < 1990]
    for day, text in early:
        assert re.search(rf"\b{day[:4]}\b", text), (day, text)
    assert all(int(day[:4]) >= 1800 for day, _ in rows)
