"""The dashboard in a real headless browser (Debian chromium driven by playwright).

Skipped when /usr/bin/chromium or playwright is missing. Screenshots go to ``screenshots/``
at the repository root (git-ignored).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

from .fixtures import sample_documents

pytestmark = pytest.mark.browser
CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
TOKEN = "browser-token-0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_server(app):
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the uvicorn test server did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    from communique.store.db import open_store

    path = tmp_path_factory.mktemp("web") / "browser.duckdb"
    with open_store(path) as store:
        for doc in sample_documents():
            store.add(doc)
    return path


@pytest.fixture(scope="module")
def servers(store_path):
    from communique.web.app import create_app

    started = [_start_server(create_app(store_path)),
               _start_server(create_app(store_path, token=TOKEN))]
    yield started[0][2], started[1][2]
    for server, thread, _ in started:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (make browser)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    yield page
    context.close()


def _shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def _assert_clean(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert not [p for p in page.problems if "Content Security Policy" in p], page.problems


def test_dashboard_chart_map_and_table(page, servers):
    base, _ = servers
    page.goto(base + "/")
    page.wait_for_selector("#dyad-chart svg circle.point")
    assert page.locator("#dyad-chart circle.point").count() >= 2
    assert page.locator("#dyad-chart polyline").count() >= 1
    page.wait_for_selector("#map svg circle.place")
    page.wait_for_selector("#events-table tbody tr")
    # the hostile article's evidence is shown as text, not markup
    assert "<script>window.__pwned=1</script>" in page.locator("#events-table").inner_text()
    _shot(page, "dashboard.png")
    _assert_clean(page)


def test_filter_changes_table(page, servers):
    base, _ = servers
    page.goto(base + "/")
    page.wait_for_selector("#events-table tbody tr")
    before = page.locator("#events-table tbody tr").count()
    page.select_option("#f-type", "THREATEN")
    page.click("#event-filters button[type=submit]")
    page.wait_for_function("""() => [...document.querySelectorAll('#events-table tbody tr a.type')]
        .every(a => a.textContent === 'THREATEN')""")
    types = page.locator("#events-table tbody tr a.type").all_inner_texts()
    assert types and set(types) == {"THREATEN"} and len(types) < before
    assert "type=THREATEN" in page.url  # the view can be bookmarked
    _shot(page, "dashboard-filtered.png")
    _assert_clean(page)


def test_view_restored_from_address(page, servers):
    base, _ = servers
    page.goto(base + "/?a=RUS&b=UKR&type=THREATEN")
    page.wait_for_selector("#dyad-chart circle.point")
    assert "RUS → UKR" in page.locator("#dyad-chart .legend").inner_text()
    page.wait_for_function("""() => { const a = [...document.querySelectorAll('#events-table a.type')];
        return a.length > 0 && a.every(x => x.textContent === 'THREATEN'); }""")
    _assert_clean(page)


def test_event_page_highlights_evidence(page, servers):
    base, _ = servers
    page.goto(base + "/events/ev-hostile")
    event = page.request.get(base + "/api/events/ev-hostile").json()
    assert page.locator("mark#evidence").inner_text() == event["evidence"]["text"]
    assert page.locator("mark#evidence mark.trigger").inner_text() == "met"
    assert "<img src=x onerror=" in page.locator("#article-text").inner_text()
    assert page.locator("#article-text img, #article-text script").count() == 0
    _shot(page, "event.png")
    _assert_clean(page)


def test_article_page(page, servers):
    base, _ = servers
    page.goto(base + "/events/ev-hostile")
    page.click("#article-link")
    page.wait_for_selector("#article-events a.type")
    # the trigger word and the quote are marked, each in its own way, not whole sentences
    assert page.locator("#article-text .mark-event").all_inner_texts() == ["met"]
    assert "We will cooperate" in page.locator("#article-text .mark-quote").first.inner_text()
    _shot(page, "article.png")
    _assert_clean(page)


def test_quotes_grouped_by_speaker(page, servers):
    base, _ = servers
    page.goto(base + "/quotes")
    page.wait_for_selector("#quote-groups section.speaker h3")
    assert "Sergei Lavrov <script>" in page.locator("#quote-groups").inner_text()
    _shot(page, "quotes.png")
    _assert_clean(page)


def test_dashboard_period_bars_and_top_dyads(page, servers):
    base, _ = servers
    page.goto(base + "/")
    page.wait_for_selector("#period-chart svg rect.bar")
    counts = page.request.get(base + "/api/counts?by=quad&period=week").json()
    titles = page.eval_on_selector_all("#period-chart rect.bar title", "ts => ts.map(t => t.textContent)")
    slots = {t.split(":")[0] for t in titles}
    assert slots <= set(counts["periods"]) and page.locator("#period-chart polyline").count() == 0
    page.wait_for_selector("#dyads-table tbody tr")
    first = page.locator("#dyads-table tbody tr").first
    assert first.locator("td").first.inner_text() == "RUS"  # conflict dyads by default
    first.click()
    page.wait_for_function("""() => document.querySelector('#dyad-chart .legend') &&
        document.querySelector('#dyad-chart .legend').textContent.includes('RUS → UKR')""")
    page.select_option("#period-grain", "day")
    page.wait_for_function("""() => [...document.querySelectorAll('#period-chart rect.bar title')]
        .some(t => /^\\d{4}-\\d{2}-\\d{2}:/.test(t.textContent))""")
    _shot(page, "dashboard-panels.png")
    _assert_clean(page)


def test_dyad_chart_empty_state_is_a_message(page, servers):
    base, _ = servers
    page.goto(base + "/?a=CHN&b=UKR")
    page.wait_for_function("""() => document.getElementById('dyad-message').textContent
        .includes('No dated events')""")
    assert page.locator("#dyad-chart").is_hidden()
    _assert_clean(page)


def test_quotes_page_speaker_from_address(page, servers):
    base, _ = servers
    page.goto(base + "/quotes?speaker=Lavrov")
    page.wait_for_selector("#quote-groups section.speaker h3")
    assert page.locator("#q-speaker").input_value() == "Lavrov"
    assert "of 1" in page.locator("#quotes-count").inner_text()
    text = page.locator("#quote-groups li .quote").first.inner_text()
    assert not text.startswith(("\"", "\u201c"))  # the page's marks only, via CSS
    assert page.locator("#q-next").is_disabled()
    _shot(page, "quotes-filtered.png")
    _assert_clean(page)


def test_token_server_works_after_token_link(page, servers):
    _, guarded = servers
    assert page.goto(guarded + "/").status == 401
    page.goto(guarded + f"/?token={TOKEN}")
    page.wait_for_selector("#dyad-chart svg circle.point")
    page.wait_for_selector("#events-table tbody tr")
    _assert_clean(page)


def test_dashboard_shows_the_last_update(page, servers):
    base, _ = servers
    page.goto(base + "/")
    page.wait_for_selector("#live-status:has-text('Last update:')")
    status = page.locator("#live-status").inner_text()
    assert "UTC" in status and "0 event(s) arrived since this page was opened" in status
    _assert_clean(page)
