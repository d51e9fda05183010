"""Fetching feeds and pages politely and safely: timeouts, capped redirects and sizes, a
User-Agent that names the tool, one request per host per interval, conditional GET.

Every failure becomes a ``FetchError`` whose ``code`` says what went wrong (``timeout``,
``http_error``, ``redirects``, ``too_large``, ``network``, ``bad_url``), so a watcher can
report it and go on with the next feed or page.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, fields
from importlib.metadata import PackageNotFoundError, version
from typing import Any
from urllib.parse import urlsplit

import httpx

from ..errors import FetchError
from ..resources import load_data


@dataclass(frozen=True)
class FetchSettings:
    """Limits of the HTTP client (defaults from ``feeds/data/settings.yaml``)."""

    user_agent: str
    connect_timeout_seconds: float
    read_timeout_seconds: float
    total_timeout_seconds: float
    max_redirects: int
    max_feed_bytes: int
    max_page_bytes: int
    per_host_interval_seconds: float
    backoff_base_seconds: float
    backoff_max_seconds: float
    max_item_attempts: int

    @classmethod
    def default(cls, **overrides: Any) -> FetchSettings:
        values = {f.name: load_data("feeds", "settings.yaml")[f.name] for f in fields(cls)}
        values.update(overrides)
        values["user_agent"] = str(values["user_agent"]).replace("{version}", _version())
        return cls(**values)


def _version() -> str:
    try:
        return version("communique")
    except PackageNotFoundError:
        return "dev"


@dataclass(frozen=True)
class Response:
    """A fetched body (status 200) or "not modified" (status 304, empty body)."""

    status: int
    url: str
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str = ""


class HostThrottle:
    """At most one request start per host per ``interval`` seconds."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self.clock = clock
        self.sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            pause = last + self.interval - self.clock()
            if pause > 0:
                self.sleep(pause)
        self._last[host] = self.clock()


class Fetcher:
    """GETs with the settings' limits; ``transport`` replaces the network (tests)."""

    def __init__(self, settings: FetchSettings | None = None, *,
                 transport: httpx.BaseTransport | None = None,
                 throttle: HostThrottle | None = None) -> None:
        self.settings = settings or FetchSettings.default()
        s = self.settings
        self.throttle = throttle or HostThrottle(s.per_host_interval_seconds)
        timeout = httpx.Timeout(s.read_timeout_seconds, connect=s.connect_timeout_seconds)
        self.client = httpx.Client(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=timeout, follow_redirects=True, max_redirects=s.max_redirects,
            transport=transport, trust_env=False)

    def get(self, url: str, *, max_bytes: int, etag: str | None = None,
            last_modified: str | None = None) -> Response:
        """The body at ``url`` (following redirects), or a 304 when it is unchanged."""
        check_url(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.throttle.wait(url)
        try:
            return self._get(url, headers, max_bytes)
        except httpx.TooManyRedirects:
            raise FetchError(f"{url}: more than {self.settings.max_redirects} redirects "
                             "(a redirect loop?)", code="redirects") from None
        except httpx.TimeoutException:
            raise FetchError(f"{url}: no answer within {self.settings.read_timeout_seconds:g} s",
                             code="timeout") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}", code="network") from None

    def _get(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        started = time.monotonic()
        with self.client.stream("GET", url, headers=headers) as response:
            final = str(response.url)
            if response.status_code == 304:
                return Response(304, final, etag=headers.get("If-None-Match"),
                                last_modified=headers.get("If-Modified-Since"))
            if response.status_code >= 400:
                raise FetchError(f"{url}: HTTP {response.status_code} "
                                 f"{response.reason_phrase}".rstrip(), code="http_error")
            body = self._read_capped(response, url, max_bytes, started)
            return Response(response.status_code, final, body, response.headers.get("etag"),
                            response.headers.get("last-modified"),
                            response.headers.get("content-type", ""))

    def _read_capped(self, response: httpx.Response, url: str, max_bytes: int,
                     started: float) -> bytes:
        """The body, refused as soon as it passes ``max_bytes`` or the total time limit
        (decompressed size counts, so a compressed bomb is stopped too)."""
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"{url}: {int(declared):,} bytes, over the limit of "
                             f"{max_bytes:,}", code="too_large")
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"{url}: more than {max_bytes:,} bytes; not read further",
                                 code="too_large")
            if time.monotonic() - started > self.settings.total_timeout_seconds:
                raise FetchError(f"{url}: still arriving after "
                                 f"{self.settings.total_timeout_seconds:g} s", code="timeout")
            chunks.append(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self.client.close()


def check_url(url: str) -> None:
    """Only absolute http(s) URLs are fetched (never file: or other schemes)."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        host = None
    if not host or parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"{url[:200]}: not an http(s) URL", code="bad_url")
