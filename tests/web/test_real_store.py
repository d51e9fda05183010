"""The API over the real DuckDB store, including while a writer adds articles."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from fastapi.testclient import TestClient

from communique.store.db import open_store
from communique.web.app import create_app
from communique.web.security import Limits

from .fixtures import HOSTILE


def test_endpoints_over_store(store_client):
    events = store_client.get("/api/events", params={"actor": "RUS", "type": "THREATEN", "limit": 3}).json()
    assert events["total"] == 8 and len(events["items"]) == 3
    assert {e["event_type"] for e in events["items"]} == {"THREATEN"}
    detail = store_client.get("/api/events/ev-hostile").json()
    assert HOSTILE in detail["article"]["text"]
    dyad = store_client.get("/api/dyad", params={"a": "CHN", "b": "RUS"}).json()
    assert {r["direction"] for r in dyad["weekly"]} == {"a->b", "b->a"}
    assert store_client.get("/api/actors").json()["items"]
    assert store_client.get("/api/quotes", params={"speaker": "Lavrov"}).json()["items"]
    assert store_client.get("/api/stats").json()["articles"] == 25
    stories = store_client.get("/api/stories", params={"type": "CONSULT"}).json()["items"]
    assert stories and all(s["event_type"] == "CONSULT" for s in stories)


def test_store_refusals_are_4xx(store_client):
    assert store_client.get("/api/events", params={"type": "NOSUCHTYPE"}).status_code == 422


WRITER = """
import sys, time
from tests.web.fixtures import sample_documents
from communique.store.db import open_store
with open_store(sys.argv[1], publish_every=0) as store:
    for doc in sample_documents()[:5]:
        store.add(doc)
        time.sleep(0.3)
"""


def test_api_serves_while_a_writer_adds(tmp_path):
    """A coding run (another process) writes while the API answers: no errors, news arrives."""
    path = tmp_path / "live.duckdb"
    open_store(path).close()
    root = Path(__file__).resolve().parents[2]
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], cwd=root)
    app = create_app(path, limits=Limits.default(cache_seconds=0))
    totals, statuses = [], set()
    with TestClient(app, base_url="http://127.0.0.1") as client:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and (writer.poll() is None or not totals or totals[-1] < 5):
            response = client.get("/api/events")
            statuses.add(response.status_code)
            if response.status_code == 200:
                totals.append(response.json()["total"])
            time.sleep(0.1)
    assert writer.wait(timeout=30) == 0
    assert statuses == {200} and totals[-1] == 5
    assert totals == sorted(totals)  # readers never see articles disappear
