"""Hypothesis-generated query strings never make the API answer 5xx."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PATHS = ["/api/events", "/api/stories", "/api/dyad", "/api/actors", "/api/quotes", "/api/stats", "/api/events/x",
         "/events/x", "/api/articles/x", "/articles/x", "/"]
NAMES = st.sampled_from(["actor", "recipient", "type", "since", "until", "limit", "offset", "a", "b",
                         "speaker", "token", "x"]) | st.text(max_size=10)
VALUES = (st.text(max_size=40) | st.integers(-10**20, 10**20).map(str)
          | st.sampled_from(["CHN", "2023-09-18", "CONSULT", "500", "1e3", "NaN", "'; DROP TABLE events;--"]))


def _check(client, path, pairs, tail):
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    if path.endswith("/x"):
        path = path[:-1] + quote(tail, safe="") if tail else path
    response = client.get(f"{path}?{query}")
    assert response.status_code < 500, (path, query, response.text[:200])


REQUESTS = dict(path=st.sampled_from(PATHS), pairs=st.lists(st.tuples(NAMES, VALUES), max_size=6),
                tail=st.text(max_size=20))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(**REQUESTS)
def test_random_queries_never_5xx(client, path, pairs, tail):
    _check(client, path, pairs, tail)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(**REQUESTS)
def test_random_queries_never_5xx_on_duckdb(store_client, path, pairs, tail):
    _check(store_client, path, pairs, tail)
