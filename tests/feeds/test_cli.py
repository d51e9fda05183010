"""`communique watch --once` with the real pipeline, twice, then the API over that store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from communique.cli import cli, main
from communique.store import open_store
from communique.web.app import create_app

from .server import Route, article_page, rss

ARTICLES = {
    1: ["Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov in "
        "Moscow on Monday.", "The two ministers discussed trade and energy."],
    2: ["Police arrested dozens of protesters in Nairobi on Tuesday.",
        "The demonstrators had marched against new taxes."],
}
CHANGED = ARTICLES[2] + ["Later on Tuesday, Kenya's president condemned the protests."]


def feed(site) -> bytes:
    return rss("Test Wire", [{"title": f"Story {n}", "link": site.url(f"/news/{n}"),
                              "date": f"Tue, 0{n} Dec 2026 08:00:00 GMT"} for n in ARTICLES])


def watch_once(site, db) -> str:
    result = CliRunner().invoke(cli, ["watch", site.url("/wire.xml"), "--db", str(db), "--once"])
    assert result.exit_code == 0, result.output
    return result.stderr


def test_watch_once_twice_codes_each_item_once_and_versions_the_changed_one(
        site, tmp_path, pipeline):
    db = tmp_path / "news.duckdb"
    site.routes["/wire.xml"] = Route(feed(site), content_type="application/rss+xml")
    for n, paragraphs in ARTICLES.items():
        site.routes[f"/news/{n}"] = Route(article_page(f"Story {n}", paragraphs))
    assert "2 new" in watch_once(site, db)
    with open_store(db, read_only=True) as store:
        first = store.updates()["last_id"]
        assert store.stats()["articles"] == 2 and first > 0
        assert store.count_events(event_type="CONSULT") >= 1  # Wang Yi met Lavrov

    site.routes["/news/2"] = Route(article_page("Story 2", CHANGED))
    site.routes["/wire.xml"] = Route(feed(site).replace(b"Story 2", b"Story 2 (updated)"))
    report = watch_once(site, db)
    assert "0 new, 1 changed" in report
    assert site.count("/news/1") == 1  # a seen, unchanged item is never fetched again
    with open_store(db, read_only=True) as store:
        assert store.stats()["articles"] == 3
        assert {e["article_id"] for e in store.events(since_id=first)} <= \
            {a["id"] for a in store.articles() if a["id"].endswith("-v2")}

    with TestClient(create_app(db), base_url="http://127.0.0.1") as client:
        arrived = client.get("/api/events", params={"since_id": first}).json()
        assert arrived["total"] == len(arrived["items"]) and arrived["last_id"] >= first
        updates = client.get("/api/updates").json()
        assert updates["feeds"][0]["url"] == site.url("/wire.xml")
        assert updates["feeds"][0]["failures"] == 0
        assert client.get("/api/events", params={"since_id": -1}).status_code == 422
        page = client.get("/").text
        assert 'id="live"' in page and "/static/live.js" in page


@pytest.mark.parametrize("args", [["watch", "http://127.0.0.1:9/x.xml", "--every", "0s"],
                                  ["watch", "no-such-feed-list.txt"],
                                  ["watch", "ftp://127.0.0.1/feed.xml"]])
def test_misuse_exits_2(args, tmp_path):
    with pytest.raises(SystemExit) as stop:
        main([*args, "--db", str(tmp_path / "x.duckdb"), "--once"])
    assert stop.value.code == 2


def test_a_feed_list_file_and_an_unreachable_feed(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("# world news\nhttp://127.0.0.1:9/closed.xml\n\n")
    result = CliRunner().invoke(cli, ["watch", str(listing), "--db", str(tmp_path / "x.duckdb"),
                                      "--once"])
    assert result.exit_code == 0
    assert "feed http://127.0.0.1:9/closed.xml failed" in result.stderr
