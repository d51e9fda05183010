"""Server-rendered dashboard pages. Each has a JSON twin under ``/api``.

Templates are rendered with autoescaping on; article text is untrusted, so the evidence
highlight is computed here from offsets and the template only ever sees plain strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..resources import load_data
from .api import find_article, find_event

router = APIRouter(include_in_schema=False)


@dataclass(frozen=True, slots=True)
class Highlight:
    """The article text cut at the evidence span; ``evidence`` is (text, is_trigger) pieces."""

    before: str
    evidence: list[tuple[str, bool]]
    after: str


def highlight(text: str, start: int, end: int, trigger: str | None) -> Highlight:
    """Cut ``text`` at the evidence offsets and mark the trigger's first whole-word use in it.

    Offsets are clamped into the text, so a stale or hostile store cannot make this fail.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return Highlight(text[:start], trigger_pieces(text[start:end], trigger), text[end:])


def trigger_pieces(span: str, trigger: str | None) -> list[tuple[str, bool]]:
    """``span`` as (text, is_trigger) pieces, the trigger's first whole-word use marked."""
    found = re.search(rf"\b{re.escape(trigger)}\b", span, re.IGNORECASE) if trigger else None
    if found is None:
        return [(span, False)] if span else []
    pieces = [(span[: found.start()], False), (found.group(), True), (span[found.end():], False)]
    return [p for p in pieces if p[0]]


@dataclass(frozen=True, slots=True)
class Marked:
    """A stretch of article text: ``kind`` "" (plain), "evidence" or "mention"."""

    kind: str
    pieces: list[tuple[str, bool]]


def mention_marks(text: str, evidence: dict[str, Any],
                  mentions: list[dict[str, Any]]) -> list[Marked]:
    """The article cut at every mention of an event, the evidence marked apart from the
    others; offsets are clamped and overlapping mentions skipped, so stored data is safe."""
    spans = [(_int(evidence.get("start")), _int(evidence.get("end")), evidence.get("trigger"),
              "evidence")]
    spans += [(_int(m.get("start")), _int(m.get("end")), m.get("trigger"), "mention")
              for m in mentions if isinstance(m, dict)]
    marks, at = [], 0
    for start, end, trigger, kind in sorted(spans, key=lambda s: (s[0], s[3] != "evidence")):
        start, end = max(at, min(start, len(text))), max(0, min(end, len(text)))
        if end <= start:
            continue
        if start > at:
            marks.append(Marked("", [(text[at:start], False)]))
        marks.append(Marked(kind, trigger_pieces(text[start:end], str(trigger or "") or None)))
        at = end
    if at < len(text):
        marks.append(Marked("", [(text[at:], False)]))
    return marks


def layered_spans(text: str, layers: dict[str, list[tuple[Any, Any]]]
                  ) -> list[tuple[str, tuple[str, ...]]]:
    """Cut ``text`` into (piece, kinds) where kinds names every layer covering the piece
    ("event", "quote"): overlapping layers stay distinct. Offsets are clamped."""
    size = len(text)
    spans = [(kind, max(0, min(_int(s), size)), max(0, min(_int(e), size)))
             for kind, pairs in layers.items() for s, e in pairs]
    spans = [(kind, s, e) for kind, s, e in spans if e > s]
    cuts = sorted({0, size, *(s for _, s, _ in spans), *(e for _, _, e in spans)})
    pieces: list[tuple[str, tuple[str, ...]]] = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        kinds = tuple(sorted({k for k, s, e in spans if s <= start and end <= e}))
        if pieces and pieces[-1][1] == kinds:
            pieces[-1] = (pieces[-1][0] + text[start:end], kinds)
        else:
            pieces.append((text[start:end], kinds))
    return [p for p in pieces if p[0]]


def trigger_span(text: str, evidence: dict[str, Any]) -> tuple[int, int] | None:
    """Where an event's trigger is: its first whole-word use inside the evidence span."""
    start, end, trigger = _int(evidence.get("start")), _int(evidence.get("end")), evidence.get("trigger")
    if not trigger or end <= start:
        return None
    found = re.search(rf"\b{re.escape(str(trigger))}\b", text[start:end], re.IGNORECASE)
    return (start + found.start(), start + found.end()) if found else None


QUOTE_MARKS = "\"'“”‘’«»"


def quote_text(quote: dict[str, Any]) -> str:
    """A quote's words without the quotation marks around them (the page adds its own);
    marks inside ('as a "volcano"') stay."""
    text = str(quote.get("text") or "").strip()
    if len(text) > 1 and text[0] in QUOTE_MARKS:
        text = text[1:-1] if text[-1] in QUOTE_MARKS else text[1:]
    return text.strip()


def code_pieces(text: str | None) -> list[tuple[str, bool]]:
    """Markdown-style inline code (``x`` or `x`) as (piece, is_code) pairs, for escaping
    templates: the docs page shows code without raw backticks."""
    parts = re.split(r"``(.+?)``|`([^`]+)`", text or "")
    pieces: list[tuple[str, bool]] = []
    for i in range(0, len(parts), 3):
        if parts[i]:
            pieces.append((parts[i], False))
        if i + 1 < len(parts):
            code = parts[i + 1] or parts[i + 2]
            if code:
                pieces.append((code, True))
    return pieces


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    """The dyad chart, the map of event locations and the filterable event table."""
    menus = load_data("web", "dashboard.yaml")
    return _render(request, "index.html", page="dashboard", event_types=menus["event_types"],
                   quad_names={str(k): v for k, v in menus["quad_names"].items()})


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request) -> HTMLResponse:
    """Quotes grouped by speaker (data from /api/quotes)."""
    menus = load_data("web", "dashboard.yaml")
    return _render(request, "quotes.html", page="quotes",
                   pronouns=" ".join(menus["speaker_pronouns"]))


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    """One event: its coding, and the article with every mention of it highlighted."""
    event = find_event(request, event_id)
    if event is None:
        return _render(request, "missing.html", status=404, page="event", what="event")
    article = event.get("article") or {}
    evidence = event.get("evidence") or {}
    mentions = event.get("mentions") if isinstance(event.get("mentions"), list) else []
    marks = mention_marks(str(article.get("text") or ""), evidence, mentions)
    return _render(request, "event.html", page="event", event=event, article=article,
                   marks=marks, mentions=max(1, len(mentions)), link=web_link(article.get("url")))


def web_link(url: Any) -> str | None:
    """The URL if it is safe to put in an href (http or https), else None."""
    if not isinstance(url, str):
        return None
    try:
        return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
    except ValueError:
        return None


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The API's endpoints and parameters, rendered from the OpenAPI schema (works offline)."""
    schema = request.app.openapi()
    endpoints = [
        {"path": path, "summary": op.get("summary", ""),
         "doc": code_pieces(" ".join(op.get("description", "").split())),
         "params": [{**p, "doc": code_pieces(p.get("description") or
                                             (p.get("schema") or {}).get("description"))}
                    for p in op.get("parameters", [])]}
        for path, item in schema["paths"].items() for method, op in item.items() if method == "get"
    ]
    return _render(request, "api_docs.html", page="docs", endpoints=endpoints)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """One article with its events' trigger words and its quotes marked (distinctly), then
    the events and the quotes."""
    article = find_article(request, article_id)
    if article is None:
        return _render(request, "missing.html", status=404, page="article", what="article")
    text = str(article.get("text") or "")
    events = article.get("events") or []
    quotes = article.get("quotes") or []
    triggers = [span for e in events if (span := trigger_span(text, e.get("evidence") or {}))]
    said = [(q.get("start"), q.get("end")) for q in quotes]
    pieces = layered_spans(text, {"event": triggers, "quote": said})
    return _render(request, "article.html", page="article", article=article, events=events,
                   quotes=[{**q, "shown": quote_text(q)} for q in quotes], pieces=pieces,
                   link=web_link(article.get("url")))
