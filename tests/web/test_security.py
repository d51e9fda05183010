"""Guards: read-only methods, size limits, token, Host check, security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from communique.errors import UsageError
from communique.web.app import create_app
from communique.web.security import is_loopback

from .fixtures import MemoryStore

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture()
def token_client(documents):
    app = create_app("m", token=TOKEN, opener=lambda path: MemoryStore(documents))
    with TestClient(app, base_url="http://203.0.113.7") as client:
        yield client


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_writes_are_refused(client, method):
    assert client.request(method, "/api/events").status_code == 405


def test_headers(client):
    response = client.get("/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "access-control-allow-origin" not in response.headers
    cors = client.get("/api/events", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in cors.headers
    assert cors.headers["cache-control"] == "no-store"


def test_size_limits(client):
    assert client.get("/api/events?actor=" + "A" * 5000).status_code == 414
    big = client.request("GET", "/api/events", content=b"x" * 20000)
    assert big.status_code == 413


def test_foreign_host_refused_without_token(client):
    assert client.get("/api/stats", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/stats", headers={"Host": "localhost:8000"}).status_code == 200


def test_token_required_everywhere(token_client):
    for path in ("/", "/api/events", "/static/common.js", "/openapi.json"):
        assert token_client.get(path).status_code == 401, path
    assert token_client.get("/api/events", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = token_client.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200


def test_token_in_query_sets_cookie(token_client):
    first = token_client.get("/", params={"token": TOKEN})
    assert first.status_code == 200 and "HttpOnly" in first.headers["set-cookie"]
    assert token_client.get("/static/common.js").status_code == 200  # the cookie rides along


@pytest.mark.parametrize("host,expected", [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                           ("[::1]", True), ("0.0.0.0", False), ("10.0.0.5", False),
                                           ("example.org", False)])
def test_is_loopback(host, expected):
    assert is_loopback(host) is expected


def test_public_bind_needs_token():
    from communique.cli.serve import check_bind

    with pytest.raises(UsageError):
        check_bind("0.0.0.0", None)
    with pytest.raises(UsageError):
        check_bind("0.0.0.0", "short")
    check_bind("0.0.0.0", TOKEN)
    check_bind("127.0.0.1", None)


def test_serve_cli_refuses_public_bind(tmp_path):
    from communique.cli import main

    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.duckdb")])
    assert exit_info.value.code == 2
