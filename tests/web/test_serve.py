"""``communique serve`` as a user runs it: a real process on a random 127.0.0.1 port."""

from __future__ import annotations

import socket
import subprocess
import sys
import time

import httpx


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_process_answers_read_only(tmp_path, documents):
    from communique.store.db import open_store

    path = tmp_path / "serve.duckdb"
    with open_store(path) as store:
        for doc in documents[:5]:
            store.add(doc)
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(path),
                               "--port", str(port)], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stderr.read().decode()
            try:
                stats = httpx.get(base + "/api/stats", timeout=2)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "serve did not start within 60 s"
                time.sleep(0.2)
        assert stats.status_code == 200 and stats.json()["articles"] == 5
        assert "server" not in stats.headers
        assert httpx.post(base + "/api/events").status_code == 405
        assert httpx.get(base + "/api/events", headers={"Host": "evil.example"}).status_code == 400
    finally:
        server.terminate()
        server.wait(timeout=10)
