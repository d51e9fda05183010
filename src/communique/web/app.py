"""The HTTP API and dashboard: ``create_app(db_path)`` builds the FastAPI application.

Read-only by construction: only GET reaches the routes, the store is opened read-only,
and every query goes through the store's parameterised methods with a time limit.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import StoreError, UsageError
from . import api, pages
from .access import QueryTimeout, StoreAccess, StoreOpener
from .security import LOOPBACK_NAMES, GuardMiddleware, Limits, problem

log = logging.getLogger(__name__)
WEB_DIR = Path(str(resources.files("communique.web")))


def _templates() -> Jinja2Templates:
    # autoescape for every template: article text, titles and names are untrusted
    env = Environment(loader=FileSystemLoader(WEB_DIR / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    return Jinja2Templates(env=env)


def _install_error_handlers(app: FastAPI) -> None:
    """Every error, whoever raises it, in the one shape of ``security.problem``."""

    def answer(status: int, message: str, code: str | None = None,
               params: list | None = None, headers: dict | None = None) -> JSONResponse:
        return JSONResponse(problem(status, message, code, params), status_code=status,
                            headers=headers)

    @app.exception_handler(QueryTimeout)
    def timeout(request: Request, exc: QueryTimeout) -> JSONResponse:
        return answer(503, exc.message, "query_timeout", headers={"retry-after": "5"})

    @app.exception_handler(StoreError)
    def store_error(request: Request, exc: StoreError) -> JSONResponse:
        log.warning("store error on %s: %s", request.url.path, exc.message)
        return answer(503, "the store is unavailable; try again shortly",
                      headers={"retry-after": "5"})

    @app.exception_handler(UsageError)
    def refused(request: Request, exc: UsageError) -> JSONResponse:
        # the store's own validation (e.g. an unknown event type): the caller's mistake
        return answer(422, exc.message[:300])

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return answer(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        # say which parameter is wrong without echoing hostile input back
        params = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")} for e in exc.errors()]
        names = ", ".join(str(p["loc"][-1]) for p in params if p["loc"]) or "the request"
        return answer(422, f"invalid value for {names}", params=params)


def create_app(db_path: str | Path, token: str | None = None, *,
               allowed_hosts: frozenset[str] | None = None, limits: Limits | None = None,
               opener: StoreOpener | None = None) -> FastAPI:
    """The read-only API and dashboard over the store at ``db_path``.

    ``token``: required on every request when given. ``allowed_hosts``: Host headers to
    accept; by default only loopback names when there is no token (DNS-rebinding guard),
    any host when there is one. ``opener``: how to open the store (tests, other backends).
    """
    limits = limits or Limits.default()
    if allowed_hosts is None and token is None:
        allowed_hosts = LOOPBACK_NAMES
    access = StoreAccess(db_path, timeout=limits.query_timeout_seconds, opener=opener,
                         cache_seconds=limits.cache_seconds)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        access.close()

    app = FastAPI(title="communique", version="1",
                  description="Read-only event data coded from news by communique.",
                  docs_url=None, redoc_url=None, lifespan=lifespan)
    app.state.limits = limits
    app.state.access = access
    app.state.templates = _templates()
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    _install_error_handlers(app)
    app.add_middleware(GuardMiddleware, limits=limits, token=token, allowed_hosts=allowed_hosts)
    return app

