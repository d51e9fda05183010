"""A local HTTP server for feed tests (127.0.0.1 only): feeds and pages that behave well
and badly, changeable between requests."""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    delay: float = 0.0                # seconds before answering
    location: str | None = None       # a redirect target
    validators: bool = True           # send ETag and Last-Modified, honour conditional GET
    chunks: int = 1                   # send the body in this many pieces


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    conditional_hits: dict[str, int] = field(default_factory=dict)
    user_agents: set[str] = field(default_factory=set)
    base: str = ""

    def url(self, path: str) -> str:
        return self.base + path

    def count(self, path: str) -> int:
        return self.hits.get(path, 0)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            path = self.path
            site.hits[path] = site.hits.get(path, 0) + 1
            site.user_agents.add(self.headers.get("User-Agent", ""))
            route = site.routes.get(path)
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            time.sleep(route.delay)
            if route.location:
                self.send_response(route.status or 302)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            etag = '"' + hashlib.sha256(route.body).hexdigest()[:16] + '"'
            if route.validators and self.headers.get("If-None-Match") == etag:
                site.conditional_hits[path] = site.conditional_hits.get(path, 0) + 1
                self.send_response(304)
                self.send_header("ETag", etag)
                self.end_headers()
                return
            extra = {"ETag": etag, "Last-Modified": "Mon, 01 Dec 2026 10:00:00 GMT"} \
                if route.validators else {}
            self._send(route.status, route.body, route.content_type, extra, route.chunks)

        def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None,
                  chunks: int = 1) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if chunks == 1:  # else the body ends when the connection closes (HTTP/1.0)
                self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            step = max(1, len(body) // chunks)
            try:
                for start in range(0, len(body), step):
                    self.wfile.write(body[start:start + step])
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (size or time limit): expected

    return Handler


class LocalServer:
    """``with LocalServer() as site: site.routes["/feed.xml"] = Route(...)``"""

    def __init__(self) -> None:
        self.site = Site()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.site))
        self.httpd.daemon_threads = True
        self.site.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self.thread.start()
        return self.site

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


XML_HEAD = '<?xml version="1.0" encoding="utf-8"?>'
RSS_ITEM = ("<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
            "<pubDate>{date}</pubDate></item>")
ATOM_ENTRY = ('<entry><id>{id}</id><title>{title}</title><link href="{link}"/>'
              "<updated>{updated}</updated><published>{published}</published></entry>")


def rss(title: str, items: list[dict]) -> bytes:
    """An RSS 2.0 feed; each item: link, title, date (RFC 822), optional guid."""
    parts = "".join(RSS_ITEM.format(**{"guid": i["link"], **i}) for i in items)
    return (f'{XML_HEAD}<rss version="2.0"><channel><title>{title}</title>'
            f"<link>http://127.0.0.1/</link><description>test</description>{parts}"
            "</channel></rss>").encode()


def atom(title: str, entries: list[dict]) -> bytes:
    """An Atom feed; each entry: id, link, title, updated (ISO), optional published."""
    parts = "".join(ATOM_ENTRY.format(**{"published": e["updated"], **e}) for e in entries)
    return (f'{XML_HEAD}<feed xmlns="http://www.w3.org/2005/Atom"><title>{title}</title>'
            f"<id>urn:test</id><updated>2026-12-01T10:00:00Z</updated>{parts}</feed>").encode()


def article_page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title></head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>(c) Test News</footer>"
            "</body></html>").encode()
