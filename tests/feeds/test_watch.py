"""`watch` cycles against a local HTTP server: new items coded once, failures reported and
retried, changed articles versioned, state kept in the store across restarts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from communique.feeds.watch import Watcher, article_id
from communique.store import open_store

from .server import Route, article_page, atom, rss

PARAGRAPHS = ["Chinese Foreign Minister Wang Yi met his Russian counterpart in Moscow on "
              "Monday to discuss trade, energy and regional security.",
              "The two ministers agreed to meet again before the end of the year, officials "
              "said after the talks, which lasted more than three hours."]


def page(n: int, extra: str = "") -> Route:
    return Route(article_page(f"Story {n}", [f"Story number {n}. {p} {extra}" for p in PARAGRAPHS]))


def world_feed(site) -> bytes:
    items = [{"title": f"Story {n}", "link": site.url(f"/news/{n}"),
              "date": f"Mon, 0{n} Dec 2026 08:00:00 GMT"} for n in (1, 2)]
    items += [{"title": name, "link": site.url(f"/bad/{name}"),
               "date": "Mon, 01 Dec 2026 08:00:00 GMT"}
              for name in ("slow", "missing", "broken", "loop", "huge", "trickle")]
    return rss("World", items)


def changing_feed(site, stamp: str) -> bytes:
    return atom("Changes", [{"id": "urn:story:9", "title": "Talks in Moscow",
                             "link": site.url("/news/9"), "updated": stamp,
                             "published": "2026-12-03T09:00:00Z"}])


@pytest.fixture
def newsroom(site):
    site.routes["/world.xml"] = Route(world_feed(site), content_type="application/rss+xml")
    site.routes["/changes.xml"] = Route(changing_feed(site, "2026-12-03T09:00:00Z"),
                                        content_type="application/atom+xml")
    site.routes["/repeat.xml"] = Route(rss("Repeats", [
        {"title": "Story 1 again", "link": site.url("/news/1"), "guid": "other-guid-1",
         "date": "Mon, 01 Dec 2026 08:00:00 GMT"},
        {"title": "Story 2", "link": site.url("/news/2"), "date": "Mon, 02 Dec 2026 08:00:00 GMT"}]))
    site.routes["/invalid.xml"] = Route(b"<rss><channel><title>Broken & <<< not xml",
                                        content_type="application/rss+xml")
    for n in (1, 2, 9):
        site.routes[f"/news/{n}"] = page(n)
    site.routes["/bad/slow"] = Route(article_page("Slow", PARAGRAPHS), delay=2.0)
    site.routes["/bad/broken"] = Route(b"oops", status=500)
    site.routes["/bad/loop"] = Route(status=302, location="/bad/loop")
    site.routes["/bad/huge"] = Route(b"<p>" + b"x" * 300_000 + b"</p>")
    site.routes["/bad/trickle"] = Route(b"<p>" + b"y " * 150_000 + b"</p>", chunks=50)
    return site


def feeds(site) -> list[str]:
    return [site.url(p) for p in ("/world.xml", "/invalid.xml", "/changes.xml", "/repeat.xml")]


def run(db_path, site, fetcher, coder, clock) -> list:
    with open_store(db_path, live=True) as store:
        return Watcher(store, feeds(site), fetcher=fetcher, code=coder, now=clock).run_cycle()


def test_two_cycles_code_each_item_once_and_version_the_changed_one(
        newsroom, db_path, fetcher, coder, clock):
    first = {r.url: r for r in run(db_path, newsroom, fetcher, coder, clock)}
    url9 = newsroom.url("/news/9")
    assert sorted(coder.coded) == sorted(article_id(newsroom.url(f"/news/{n}"), 1)
                                         for n in (1, 2, 9))
    world = first[newsroom.url("/world.xml")]
    assert (world.status, world.items, world.new) == ("ok", 8, 2)
    reasons = " ".join(world.failed_items)
    for expected in ("no answer within", "HTTP 404", "HTTP 500", "redirects", "over the limit",
                     "not read further"):
        assert expected in reasons
    assert first[newsroom.url("/invalid.xml")].status == "failed"
    assert first[newsroom.url("/repeat.xml")].new == 0  # old items under another guid: seen
    assert newsroom.count("/news/1") == 1

    # the article changes, and its feed entry says so
    newsroom.routes["/news/9"] = page(9, "Later, the ministers signed a treaty on energy.")
    newsroom.routes["/changes.xml"].body = changing_feed(newsroom, "2026-12-04T10:00:00Z")
    coder.coded.clear()
    second = {r.url: r for r in run(db_path, newsroom, fetcher, coder, clock)}

    assert coder.coded == [article_id(url9, 2)]
    assert second[newsroom.url("/world.xml")].status == "not_modified"  # conditional GET: 304
    assert second[newsroom.url("/changes.xml")].versions == 1
    assert second[newsroom.url("/invalid.xml")].status == "waiting"
    assert newsroom.count("/news/1") == newsroom.count("/news/2") == 1
    assert newsroom.count("/bad/broken") == 2  # a failed page is tried again
    assert any("communique/" in agent for agent in newsroom.user_agents)

    with open_store(db_path, read_only=True) as store:
        ids = {e["article_id"] for e in store.events(limit=100)}
        assert article_id(url9, 2) in ids and article_id(url9, 1) not in ids
        assert store.count_events() == 3
        assert store.article(article_id(url9, 1)) is not None  # the old version is kept
        stored = store.article(article_id(newsroom.url("/news/2"), 1))
        assert stored["published"] == "2026-12-02"  # the feed item's date
        assert stored["source"] == "World" and stored["url"] == newsroom.url("/news/2")
        assert "Story number 2" in stored["text"] and "Home" not in stored["text"]


def test_a_failing_feed_backs_off_and_is_retried_later(newsroom, db_path, fetcher, coder, clock):
    run(db_path, newsroom, fetcher, coder, clock)
    assert newsroom.count("/invalid.xml") == 1
    clock.now += timedelta(seconds=30)
    run(db_path, newsroom, fetcher, coder, clock)
    assert newsroom.count("/invalid.xml") == 1  # still waiting (1 minute after one failure)
    clock.now += timedelta(minutes=2)
    reports = {r.url: r for r in run(db_path, newsroom, fetcher, coder, clock)}
    assert newsroom.count("/invalid.xml") == 2
    failed = reports[newsroom.url("/invalid.xml")]
    assert failed.status == "failed" and failed.retry_at - clock.now == timedelta(minutes=2)
    with open_store(db_path, read_only=True) as store:
        health = {f["url"]: f for f in store.updates()["feeds"]}
    assert health[newsroom.url("/invalid.xml")]["failures"] == 2
    assert health[newsroom.url("/world.xml")]["failures"] == 0


def test_pages_failing_too_often_are_given_up(newsroom, db_path, fetcher, coder, clock):
    for _ in range(4):
        newsroom.routes["/world.xml"].body += b" "  # a changed feed each time: no 304
        run(db_path, newsroom, fetcher, coder, clock)
    assert newsroom.count("/bad/broken") == 3  # max_item_attempts


class Crash(Exception):
    pass


def test_a_restart_after_a_crash_recodes_nothing(newsroom, db_path, fetcher, coder, clock):
    calls = []

    def crashing(docs):
        calls.append(len(docs))
        if len(calls) == 2:
            raise Crash()
        return coder(docs)

    with open_store(db_path, live=True) as store:
        watcher = Watcher(store, feeds(newsroom)[:1], fetcher=fetcher, code=crashing,
                          now=clock, batch_size=1)
        with pytest.raises(Crash):
            watcher.run_cycle()
    assert len(coder.coded) == 1
    first = coder.coded[0]
    run(db_path, newsroom, fetcher, coder, clock)
    assert coder.coded.count(first) == 1 and len(coder.coded) == 3  # 1, 2 and 9 once each


def test_a_text_already_stored_is_not_coded_again(newsroom, db_path, fetcher, coder, clock):
    newsroom.routes["/news/2"] = newsroom.routes["/news/1"]  # two URLs, one text
    reports = run(db_path, newsroom, fetcher, coder, clock)
    assert len(coder.coded) == 2  # stories 1 and 9
    assert sum(r.copies for r in reports) == 1
