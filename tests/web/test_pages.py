"""Server-rendered pages: escaping and the evidence highlight."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from communique.web.pages import code_pieces, highlight, layered_spans, mention_marks, quote_text

from .fixtures import HOSTILE


def test_event_page_escapes_and_highlights(client):
    html = client.get("/events/ev-hostile").text
    assert HOSTILE not in html and "<script>window" not in html
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in html
    assert '<mark id="evidence" class="evidence">Sergei Lavrov <mark class="trigger">met</mark>' in html
    assert 'href="javascript:' not in html


def test_event_page_marks_every_mention(client):
    html = client.get("/events/ev-hostile").text
    assert html.count('<mark id="evidence"') == 1
    assert '<mark class="evidence mention">&#34;We will <mark class="trigger">cooperate</mark>' in html
    assert "<script>window" not in html and "2 in this article" in html


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-20, 90), st.integers(-20, 90)),
                                      min_size=1, max_size=4), st.one_of(st.none(), st.text(max_size=3)))
def test_mention_marks_reassemble_text(text, spans, trigger):
    evidence = {"start": spans[0][0], "end": spans[0][1], "trigger": trigger}
    mentions = [{"start": s, "end": e, "trigger": trigger} for s, e in spans[1:]] + ["junk"]
    marks = mention_marks(text, evidence, mentions)
    assert "".join(t for mark in marks for t, _ in mark.pieces) == text
    assert sum(1 for mark in marks if mark.kind == "evidence") <= 1


def test_pages_load(client):
    for path in ("/", "/quotes", "/docs"):
        response = client.get(path)
        assert response.status_code == 200 and "<script>" not in response.text
    assert client.get("/events/nope").status_code == 404


@given(st.text(max_size=80), st.integers(-50, 150), st.integers(-50, 150), st.one_of(st.none(), st.text(max_size=5)))
def test_highlight_reassembles_text(text, start, end, trigger):
    marked = highlight(text, start, end, trigger)
    assert marked.before + "".join(t for t, _ in marked.evidence) + marked.after == text
    assert sum(1 for _, is_trigger in marked.evidence if is_trigger) <= 1


def test_only_web_urls_become_links():
    from communique.web.pages import web_link

    assert web_link("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JAVASCRIPT:x", "data:text/html,x", None, 5, "http://[::1"):
        assert web_link(bad) is None


def test_scripts_never_use_html_sinks():
    from communique.web.app import WEB_DIR

    for script in (WEB_DIR / "static").glob("*.js"):
        code = "\n".join(line for line in script.read_text().splitlines() if not line.lstrip().startswith("//"))
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
            assert sink not in code, (script.name, sink)


def test_article_page_marks_triggers_and_quotes_distinctly(client):
    html = client.get("/articles/doc-hostile").text
    assert "<script>window" not in html
    assert html.count('<span class="mark-event ">met</span>') == 1  # the trigger, not its sentence
    assert 'class="mark-quote ">We will cooperate' in html
    assert client.get("/articles/doc-missing").status_code == 404
    assert client.get("/api/articles/doc-hostile").json()["events"][0]["id"] == "ev-hostile"


@given(st.text(max_size=60), st.lists(st.tuples(st.integers(-20, 90), st.integers(-20, 90)), max_size=5),
       st.lists(st.tuples(st.integers(-20, 90), st.integers(-20, 90)), max_size=5))
def test_layered_spans_reassemble_text(text, events, quotes):
    pieces = layered_spans(text, {"event": events, "quote": quotes})
    assert "".join(p for p, _ in pieces) == text
    marked = sum(len(p) for p, kinds in pieces if "event" in kinds)
    assert marked <= sum(max(0, min(e, len(text)) - max(0, s)) for s, e in events)


def test_quote_text_has_no_doubled_marks():
    assert quote_text({"text": "\u201cWe will cooperate,\u201d"}) == "We will cooperate,"
    assert quote_text({"text": 'as a "volcano"'}) == 'as a "volcano"'


def test_docs_page_renders_inline_code(client):
    assert code_pieces("Events plus ``article_id`` and `title`.") == [
        ("Events plus ", False), ("article_id", True), (" and ", False), ("title", True),
        (".", False)]
    html = client.get("/docs").text
    assert "``" not in html and "<code>article_id</code>" in html
