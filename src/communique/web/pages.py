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
    evidence = text[start:end]
    found = re.search(rf"\b{re.escape(trigger)}\b", evidence, re.IGNORECASE) if trigger else None
    if found is None:
        pieces = [(evidence, False)]
    else:
        pieces = [(evidence[: found.start()], False), (found.group(), True),
                  (evidence[found.end():], False)]
    return Highlight(text[:start], [p for p in pieces if p[0]], text[end:])


def marked_spans(text: str, spans: list[tuple[Any, Any]]) -> list[tuple[str, bool]]:
    """Cut ``text`` into (piece, is_marked) with every span marked; overlaps are merged and
    offsets clamped, so any stored offsets are safe."""
    clamped = sorted((max(0, min(_int(s), len(text))), max(0, min(_int(e), len(text))))
                     for s, e in spans)
    pieces, at = [], 0
    for start, end in clamped:
        start = max(start, at)
        if end <= start:
            continue
        pieces += [(text[at:start], False), (text[start:end], True)]
        at = end
    pieces.append((text[at:], False))
    return [p for p in pieces if p[0]]


def _render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    return templates.TemplateResponse(request, name, context, status_code=status)


@router.get("/", response_class=HTMLResponse)
def dashboard(request: Request) -> HTMLResponse:
    """The dyad chart, the map of event locations and the filterable event table."""
    menus = load_data("web", "dashboard.yaml")
    return _render(request, "index.html", page="dashboard", event_types=menus["event_types"])


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request) -> HTMLResponse:
    """Quotes grouped by speaker (data from /api/quotes)."""
    return _render(request, "quotes.html", page="quotes")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str) -> HTMLResponse:
    """One event: its coding, and the article with the evidence span highlighted."""
    event = find_event(request, event_id)
    if event is None:
        return _render(request, "missing.html", status=404, page="event", what="event")
    article = event.get("article") or {}
    evidence = event.get("evidence") or {}
    marked = highlight(str(article.get("text") or ""), _int(evidence.get("start")),
                       _int(evidence.get("end")), evidence.get("trigger"))
    return _render(request, "event.html", page="event", event=event, article=article,
                   marked=marked, link=web_link(article.get("url")))


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
        {"path": path, "summary": op.get("summary", ""), "doc": op.get("description", ""),
         "params": op.get("parameters", [])}
        for path, item in schema["paths"].items() for method, op in item.items() if method == "get"
    ]
    return _render(request, "api_docs.html", page="docs", endpoints=endpoints)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str) -> HTMLResponse:
    """One article with every event's evidence highlighted, its events and its quotes."""
    article = find_article(request, article_id)
    if article is None:
        return _render(request, "missing.html", status=404, page="article", what="article")
    text = str(article.get("text") or "")
    events = article.get("events") or []
    spans = [((e.get("evidence") or {}).get("start"), (e.get("evidence") or {}).get("end"))
             for e in events]
    return _render(request, "article.html", page="article", article=article, events=events,
                   quotes=article.get("quotes") or [], pieces=marked_spans(text, spans),
                   link=web_link(article.get("url")))
