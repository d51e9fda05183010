"""The parts of `watch`: feed parsing, URL and duration checks, the per-host throttle and
the HTTP limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from communique.errors import FeedError, FetchError, UsageError
from communique.feeds import parse_duration, read_feed_list
from communique.feeds.http import HostThrottle, check_url
from communique.feeds.parse import parse_feed

from .server import Route, atom, rss


def test_rss_and_atom_items_with_dates_and_keys():
    feed = parse_feed(rss("Wire", [{"title": "A", "link": "http://127.0.0.1/a", "guid": "g-a",
                                    "date": "Tue, 02 Dec 2026 23:30:00 -0500"}]), "rss")
    assert feed.title == "Wire"
    assert [(i.key, i.url, i.published) for i in feed.items] == \
        [("g-a", "http://127.0.0.1/a", "2026-12-03")]  # UTC date
    entries = parse_feed(atom("Atom", [{"id": "urn:1", "title": "B", "link": "http://127.0.0.1/b",
                                        "updated": "2026-12-04T10:00:00Z",
                                        "published": "2026-12-01T10:00:00Z"}]), "atom").items
    assert entries[0].key == "urn:1" and entries[0].published == "2026-12-01"


def test_the_fingerprint_changes_with_the_entry_stamp_or_title():
    def item(stamp: str, title: str = "B"):
        return parse_feed(atom("Atom", [{"id": "urn:1", "title": title, "updated": stamp,
                                         "link": "http://127.0.0.1/b"}]), "x").items[0]

    assert item("2026-12-04T10:00:00Z").fingerprint == item("2026-12-04T10:00:00Z").fingerprint
    assert item("2026-12-04T10:00:00Z").fingerprint != item("2026-12-05T10:00:00Z").fingerprint
    assert item("2026-12-04T10:00:00Z").fingerprint != item("2026-12-04T10:00:00Z", "C").fingerprint


def test_entries_without_an_http_link_are_left_out():
    body = rss("W", [{"title": "local", "link": "file:///etc/passwd", "date": "x"},
                     {"title": "web", "link": "https://127.0.0.1/ok", "date": "x"}])
    assert [i.url for i in parse_feed(body, "x").items] == ["https://127.0.0.1/ok"]


def test_not_a_feed_is_refused_and_the_body_is_never_opened_as_a_path(tmp_path):
    with pytest.raises(FeedError, match="not an RSS or Atom feed"):
        parse_feed(b"<html><body>Just a page</body>", "x")
    secret = tmp_path / "feed.xml"
    secret.write_bytes(rss("Local file", []))
    with pytest.raises(FeedError):
        parse_feed(str(secret).encode(), "x")  # bytes naming a file are not read as a file


@given(st.binary(max_size=2000))
def test_any_bytes_give_a_feed_or_a_feed_error(body):
    try:
        feed = parse_feed(body, "x")
    except FeedError:
        return
    assert all(item.url.startswith(("http://", "https://")) for item in feed.items)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "http://", "x",
                                 "http://[::1", "javascript:alert(1)"])
def test_only_http_urls_are_fetched(url):
    with pytest.raises(FetchError):
        check_url(url)


@pytest.mark.parametrize(("text", "seconds"), [("90", 90), ("90s", 90), ("15m", 900),
                                                ("1h", 3600), ("1.5h", 5400), ("1d", 86400)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["0", "0s", "-5m", "15 minutes", "", "m"])
def test_bad_durations(text):
    with pytest.raises(UsageError):
        parse_duration(text)


def test_feed_lists(tmp_path):
    listing = tmp_path / "feeds.txt"
    listing.write_text("# comment\nhttp://127.0.0.1/a.xml  # world\n\nhttp://127.0.0.1/b.xml\n")
    assert read_feed_list(["http://127.0.0.1/b.xml", str(listing)]) == \
        ["http://127.0.0.1/b.xml", "http://127.0.0.1/a.xml"]
    listing.write_text("not a url\n")
    with pytest.raises(UsageError, match=":1: not an http"):
        read_feed_list([str(listing)])


def test_the_throttle_spaces_requests_to_one_host():
    now = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(1.0, clock=lambda: now[0], sleep=sleep)
    throttle.wait("http://a.example/1")
    throttle.wait("http://b.example/1")  # another host: no wait
    now[0] += 0.25
    throttle.wait("http://a.example/2")
    assert slept == [0.75]


def test_conditional_get_and_the_user_agent(site, fetcher):
    site.routes["/feed.xml"] = Route(rss("W", []))
    first = fetcher.get(site.url("/feed.xml"), max_bytes=10_000)
    assert first.status == 200 and first.etag
    again = fetcher.get(site.url("/feed.xml"), max_bytes=10_000, etag=first.etag,
                        last_modified=first.last_modified)
    assert again.status == 304 and site.conditional_hits["/feed.xml"] == 1
    assert any(agent.startswith("communique/") for agent in site.user_agents)


def test_a_redirect_is_followed_and_its_final_url_kept(site, fetcher):
    site.routes["/old"] = Route(status=301, location="/new")
    site.routes["/new"] = Route(b"<p>moved</p>")
    response = fetcher.get(site.url("/old"), max_bytes=10_000)
    assert response.url == site.url("/new") and response.body == b"<p>moved</p>"
