"""Request guards for the read-only HTTP API: limits, token, host check, security headers.

One pure-ASGI middleware does all checks before routing, so a hostile request is refused
cheaply (4xx) and never reaches the store. Limits and headers are data files
(``web/data/limits.yaml``, ``web/data/headers.yaml``).
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from ..resources import load_data

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "communique_token"
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1", "[::1]"})
READ_METHODS = frozenset({"GET"})


@dataclass(frozen=True, slots=True)
class Limits:
    """The API's limits (defaults from ``web/data/limits.yaml``)."""

    max_page_size: int
    default_page_size: int
    max_offset: int
    max_url_chars: int
    max_body_bytes: int
    max_text_param_chars: int
    query_timeout_seconds: float
    cache_seconds: float

    @classmethod
    def default(cls, **overrides: Any) -> Limits:
        values = dict(load_data("web", "limits.yaml"))
        values.update(overrides)
        return cls(**values)


def security_headers() -> list[tuple[bytes, bytes]]:
    """The security headers every response carries, as raw ASGI header pairs."""
    headers = load_data("web", "headers.yaml")
    return [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in headers.items()]


def is_loopback(host: str) -> bool:
    """True for a host name or address that only this machine can reach."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers", ()):
        if key == name:
            return value.decode("latin-1")
    return ""


def _host_name(host_header: str) -> str:
    """The host part of a Host header (``[::1]:8000`` -> ``::1``, ``a:80`` -> ``a``)."""
    if host_header.startswith("["):
        return host_header[1 : host_header.find("]")] if "]" in host_header else host_header
    return host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header


def presented_tokens(scope: Scope) -> Iterable[str]:
    """Every token the request carries: bearer header, ``?token=`` and the session cookie."""
    auth = _header(scope, b"authorization")
    if auth[:7].lower() == "bearer ":
        yield auth[7:].strip()
    query = scope.get("query_string", b"").decode("latin-1")
    yield from parse_qs(query).get("token", [])
    cookie = SimpleCookie()
    try:
        cookie.load(_header(scope, b"cookie"))
    except Exception:  # noqa: BLE001 - a malformed cookie header just carries no token
        return
    if TOKEN_COOKIE in cookie:
        yield cookie[TOKEN_COOKIE].value


def token_matches(scope: Scope, token: str) -> bool:
    expected = token.encode("utf-8")
    return any(hmac.compare_digest(t.encode("utf-8"), expected) for t in presented_tokens(scope))


ERROR_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "body_too_large", 414: "url_too_long",
               422: "invalid_parameter", 503: "unavailable"}


def problem(status: int, message: str, code: str | None = None,
            params: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """The one error shape of the whole API: ``{"error": {status, code, message[, params]}}``
    (the same ``error.code``/``error.message`` as a failed document of the output contract)."""
    error: dict[str, Any] = {"status": status, "code": code or ERROR_CODES.get(status, "error"),
                             "message": message}
    if params:
        error["params"] = params
    return {"error": error}


async def send_problem(send: Send, status: int, message: str, extra: list | None = None) -> None:
    """A small JSON error response, sent before any routing happened."""
    body = json.dumps(problem(status, message)).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += security_headers() + (extra or [])
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class GuardMiddleware:
    """Refuses what a read-only API never needs and adds security headers to every answer.

    ``token``: when set, every request must present it (bearer header, ``?token=``, or the
    cookie set on the first page visit with ``?token=``). ``allowed_hosts``: when set, the
    Host header must be one of them (stops DNS-rebinding pages reading a loopback server).
    """

    def __init__(self, app: ASGIApp, *, limits: Limits, token: str | None,
                 allowed_hosts: frozenset[str] | None) -> None:
        self.app = app
        self.limits = limits
        self.token = token
        self.allowed_hosts = allowed_hosts
        self.headers = security_headers()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        refusal = self.refusal(scope)
        if refusal is not None:
            status, message, extra = refusal
            await send_problem(send, status, message, extra)
            return
        await self.app(scope, receive, self._with_headers(scope, send))

    def refusal(self, scope: Scope) -> tuple[int, str, list] | None:
        """Why this request is refused (status, message, extra headers), or None."""
        if scope["method"] not in READ_METHODS:
            return 405, "this API is read-only: use GET", [(b"allow", b"GET")]
        url_chars = len(scope.get("raw_path") or scope["path"]) + len(scope.get("query_string", b""))
        if url_chars > self.limits.max_url_chars:
            return 414, f"URL longer than {self.limits.max_url_chars} characters", []
        if self._body_too_large(scope):
            return 413, f"request body over {self.limits.max_body_bytes} bytes", []
        if self.allowed_hosts is not None:
            host = _host_name(_header(scope, b"host")).lower()
            if host not in self.allowed_hosts:
                return 400, "unexpected Host header: use http://127.0.0.1:PORT/", []
        if self.token is not None and not token_matches(scope, self.token):
            return 401, "a token is required: send 'Authorization: Bearer TOKEN' or ?token=TOKEN", [
                (b"www-authenticate", b"Bearer")]
        return None

    def _body_too_large(self, scope: Scope) -> bool:
        if _header(scope, b"transfer-encoding"):
            return True  # a read-only API has no use for streamed bodies
        length = _header(scope, b"content-length")
        if not length:
            return False
        return not length.isdigit() or int(length) > self.limits.max_body_bytes

    def _with_headers(self, scope: Scope, send: Send) -> Send:
        extra = list(self.headers)
        if scope["path"].startswith("/api/"):
            extra.append((b"cache-control", b"no-store"))
        if self.token is not None and self._token_in_query(scope):
            # the first visit with ?token= leaves a cookie so static files and links work
            cookie = f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
            extra.append((b"set-cookie", cookie.encode("latin-1")))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        return send_with_headers

    def _token_in_query(self, scope: Scope) -> bool:
        query = scope.get("query_string", b"").decode("latin-1")
        return self.token in parse_qs(query).get("token", [])
