"""The API beside a live writer in another process (as `communique serve` runs beside
`communique watch`): new events show as soon as they are committed, with nothing copied."""

from __future__ import annotations

import subprocess
import sys

from fastapi.testclient import TestClient

from communique.web.app import create_app
from tests.store.live_writer import SRC, TESTS, WRITER


def test_the_api_shows_a_live_writers_new_events_at_once(tmp_path):
    db = tmp_path / "live.duckdb"
    script = WRITER.format(src=SRC, tests=TESTS, db=str(db))
    writer = subprocess.Popen([sys.executable, "-c", script], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
            last = client.get("/api/updates").json()["last_id"]
            assert client.get("/api/events").json()["total"] == 1
            writer.stdin.write("go\n")
            writer.stdin.flush()
            assert writer.stdout.readline().strip() == "added"
            arrived = client.get("/api/events", params={"since_id": last}).json()
            assert [e["article_id"] for e in arrived["items"]] == ["second"]
            assert arrived["last_id"] > last
            assert client.get("/api/events", params={"type": "bogus"}).status_code == 422
        writer.stdin.write("stop\n")
        writer.stdin.flush()
        assert writer.wait(timeout=30) == 0
    finally:
        writer.kill()
