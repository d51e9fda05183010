"""The JSON API over an in-memory store: shapes, filters, pagination, validation."""

from __future__ import annotations

import pytest


def test_events_page_shape(client):
    body = client.get("/api/events", params={"limit": 5}).json()
    assert set(body) == {"total", "limit", "offset", "items"}
    assert body["total"] == 25 and body["limit"] == 5 and len(body["items"]) == 5
    first = body["items"][0]
    for key in ("id", "event_type", "cameo", "goldstein", "actor", "recipient", "evidence", "article_id"):
        assert key in first


def test_events_filters(client):
    body = client.get("/api/events", params={"type": "threaten", "actor": "rus"}).json()
    assert body["total"] > 0
    assert all(e["event_type"] == "THREATEN" for e in body["items"])
    dated = client.get("/api/events", params={"since": "2023-09-05", "until": "2023-09-06"}).json()
    assert dated["items"] and all("2023-09-05" <= e["date"] <= "2023-09-06" for e in dated["items"])


def test_pagination_walks_every_event(client):
    seen = []
    for offset in range(0, 30, 10):
        seen += [e["id"] for e in client.get("/api/events", params={"limit": 10, "offset": offset}).json()["items"]]
    assert len(seen) == len(set(seen)) == 25


def test_event_detail_has_article(client):
    body = client.get("/api/events/ev-hostile").json()
    assert body["article"]["text"].startswith("Sergei Lavrov met")
    assert body["evidence"]["trigger"] == "met"
    assert client.get("/api/events/missing").status_code == 404
    assert client.get("/api/events/" + "x" * 300).status_code == 404


def test_dyad_both_directions(client):
    body = client.get("/api/dyad", params={"a": "chn", "b": "RUS"}).json()
    assert body["a"] == "CHN" and body["b"] == "RUS"
    assert {r["direction"] for r in body["daily"]} == {"a->b", "b->a"}
    assert "week" in body["weekly"][0]


def test_actors_quotes_stats(client):
    assert client.get("/api/actors").json()["items"][0]["code"] in {"RUS", "CHN"}
    quotes = client.get("/api/quotes", params={"speaker": "lavrov"}).json()["items"]
    assert quotes and quotes[0]["speaker"]["text"] == "Lavrov"
    assert client.get("/api/stats").json()["articles"] == 25


@pytest.mark.parametrize("query", [
    "limit=501", "limit=0", "limit=-1", "offset=-5", "offset=99999999", "since=yesterday",
    "since=2023-09-10&until=2023-09-01", "actor=C", "actor=CHN%27%20OR%201%3D1--", "type=%00",
    "limit=1e9", "limit=99999999999999999999999",
])
def test_bad_parameters_are_4xx(client, query):
    response = client.get("/api/events?" + query)
    assert 400 <= response.status_code < 500, (query, response.text)
    assert "OR 1=1" not in response.text  # hostile input is not echoed back


@pytest.mark.parametrize("path", ["/api/dyad", "/api/dyad?a=CHN", "/api/dyad?a=CHN&b=%3Cscript%3E",
                                  "/api/quotes?speaker=%00", "/api/quotes?speaker=" + "x" * 300,
                                  "/api/actors?limit=100000"])
def test_other_endpoints_validate(client, path):
    assert client.get(path).status_code == 422


def test_store_errors_are_503_without_details(documents):
    from fastapi.testclient import TestClient

    from communique.errors import StoreError
    from communique.web.app import create_app

    def broken(path):
        raise StoreError("cannot open store /secret/path: locked")

    with TestClient(create_app("x", opener=broken), base_url="http://127.0.0.1") as client:
        response = client.get("/api/events")
    assert response.status_code == 503 and "/secret/path" not in response.text


def test_slow_query_gets_503_and_is_interrupted():
    import threading

    from fastapi.testclient import TestClient

    from communique.web.app import create_app
    from communique.web.security import Limits

    class SlowStore:
        stop = threading.Event()

        def interrupt(self):
            self.stop.set()

        def count_events(self, **kwargs):
            self.stop.wait(5)
            return 0

        def close(self):
            pass

    app = create_app("x", opener=lambda path: SlowStore(),
                     limits=Limits.default(query_timeout_seconds=0.05))
    with TestClient(app, base_url="http://127.0.0.1") as client:
        response = client.get("/api/events")
    assert response.status_code == 503 and "narrow the filters" in response.text
    assert SlowStore.stop.is_set()


def test_answers_are_cached_briefly():
    from communique.web.access import StoreAccess

    calls = []

    class CountingStore:
        def stats(self):
            calls.append(1)
            return {"articles": len(calls)}

    access = StoreAccess("x", timeout=5, opener=lambda path: CountingStore(), cache_seconds=60)
    assert access.call("stats") == access.call("stats") == {"articles": 1}
    uncached = StoreAccess("x", timeout=5, opener=lambda path: CountingStore(), cache_seconds=0)
    uncached.call("stats")
    uncached.call("stats")
    assert len(calls) == 3


def test_counts_endpoint(store_client):
    body = store_client.get("/api/counts", params={"by": "dyad", "period": "week",
                                                   "quad": "conflict", "top": 1}).json()
    assert body["by"] == "dyad" and body["total"] == len(body["items"]) > 0
    assert {(i["actor"], i["recipient"]) for i in body["items"]} == {("RUS", "UKR")}
    assert body["periods"][0] == body["items"][0]["period"]
    series = store_client.get("/api/counts", params={"by": "quad", "period": "month",
                                                     "actor": "Russia", "recipient": "ukraine"})
    assert series.status_code == 200 and series.json()["items"][0]["quad"] == 4


def test_every_list_has_a_total(store_client):
    for path in ("/api/events", "/api/stories", "/api/quotes", "/api/actors"):
        body = store_client.get(path, params={"limit": 2}).json()
        assert body["total"] >= len(body["items"]), path
    assert store_client.get("/api/events", params={"type": "THREATEN,CONSULT",
                                                   "actor": "russia"}).json()["total"] > 0


@pytest.mark.parametrize(("path", "status"), [
    ("/api/events?actor=Rusia", 422), ("/api/events?limit=0", 422), ("/api/events/nope", 404),
    ("/api/counts?by=country", 422), ("/api/nowhere", 404), ("/api/events?since=2024-13-01", 422),
])
def test_one_error_shape(store_client, path, status):
    response = store_client.get(path)
    assert response.status_code == status
    error = response.json()["error"]
    assert error["status"] == status and error["code"] and isinstance(error["message"], str)
    assert set(response.json()) == {"error"}


def test_guard_errors_have_the_same_shape(client):
    response = client.post("/api/events")
    assert response.status_code == 405 and response.json()["error"]["code"] == "method_not_allowed"
