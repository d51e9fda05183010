"""The JSON API (``/api/...``): read-only views of the store, every parameter validated.

Every dashboard page has its JSON twin here. Parameters are checked by FastAPI against
tight patterns and ranges before the store sees them (a bad one gets 422), and the store
only ever receives them as bound parameters.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from .access import StoreAccess
from .security import Limits

router = APIRouter(prefix="/api", tags=["api"])

# Actors are codes (CHN, IGO, CHNGOV) or names in any case ("United States", "nato"), several
# joined by commas; the store resolves them. PLOVER types and quad classes are words and
# digits, several joined by commas; ids are the store's opaque hashes.
ACTOR_PATTERN = r"^[^\x00-\x1f<>{}\[\]\\]{1,200}$"
TYPE_PATTERN = r"^[A-Za-z_, ]{2,200}$"
QUAD_PATTERN = r"^[A-Za-z0-9_, \-]{1,100}$"
ID_PATTERN = r"^[A-Za-z0-9_.:\-]{1,128}$"

Code = Annotated[str | None, Query(pattern=ACTOR_PATTERN, description=(
    "Actor: a code (`CHN`, `CHNGOV`) or a country, demonym, organisation or person name in "
    "any case (`United States`, `nato`); several joined by commas"))]
EventType = Annotated[str | None, Query(alias="type", pattern=TYPE_PATTERN,
                                        description="PLOVER type(s), e.g. `ASSAULT,COERCE`")]
Quad = Annotated[str | None, Query(pattern=QUAD_PATTERN, description=(
    "Quad class(es): `1`-`4`, or `conflict` (3,4), `cooperation` (1,2), `verbal-conflict`…"))]
Day = Annotated[date | None, Query(description="ISO date, e.g. 2023-09-18")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip (capped by the server)")]


def _access(request: Request) -> StoreAccess:
    return request.app.state.access


def _limits(request: Request) -> Limits:
    return request.app.state.limits


def _page(request: Request, limit: int | None, offset: int) -> tuple[int, int]:
    """Clamp a page to the server's caps (a too-large page is refused, not silently cut)."""
    limits = _limits(request)
    limit = limits.default_page_size if limit is None else limit
    if limit > limits.max_page_size:
        raise HTTPException(422, f"limit must be at most {limits.max_page_size}")
    if offset > limits.max_offset:
        raise HTTPException(422, f"offset must be at most {limits.max_offset}")
    return limit, offset


def _period(since: date | None, until: date | None) -> dict[str, str | None]:
    if since and until and since > until:
        raise HTTPException(422, "since must not be after until")
    return {"since": since.isoformat() if since else None,
            "until": until.isoformat() if until else None}


def event_filters(actor: Code = None, recipient: Code = None, event_type: EventType = None,
                  quad: Quad = None, since: Day = None, until: Day = None) -> dict[str, Any]:
    """The event filters every event endpoint takes, as store keyword arguments."""
    return {"actor": actor, "recipient": recipient, "event_type": event_type, "quad": quad,
            **_period(since, until)}


Filters = Annotated[dict[str, Any], Depends(event_filters)]
PageSize = Annotated[int | None, Query(ge=1, description="Page size (at most 500)")]


def _listing(request: Request, method: str, limit: int | None, offset: int, *,
             fresh: bool = False, **filters: Any) -> dict[str, Any]:
    """A page of ``method``'s items with the ``total`` its ``count_`` twin gives
    (``fresh``: never from the answer cache)."""
    limit, offset = _page(request, limit, offset)
    access = _access(request)
    total = access.call(f"count_{method}", fresh=fresh, **filters)
    items = access.call(method, limit=limit, offset=offset, fresh=fresh, **filters)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


SinceId = Annotated[int | None, Query(ge=0, le=2**62, description=(
    "Only events stored after the event with this `ingest_id`, oldest first (poll with the "
    "answer's `last_id`)"))]
IngestedSince = Annotated[datetime | None, Query(description=(
    "Only events stored at or after this time (UTC), oldest first"))]


@router.get("/events", summary="Events, filtered and paginated")
def list_events(request: Request, filters: Filters, limit: PageSize = None,
                offset: Offset = 0, since_id: SinceId = None,
                ingested_since: IngestedSince = None) -> dict[str, Any]:
    """Events as in the output contract, plus `article_id`, `published`, `source`, `title`,
    `ingest_id` and `ingested_at`. With `since_id` or `ingested_since`, `last_id` is the
    largest `ingest_id` in the page (or `since_id`): ask `since_id=last_id` next time."""
    arrival = _arrival(since_id, ingested_since)
    # polling must see what was just stored, and is cheap: never from the cache
    answer = _listing(request, "events", limit, offset, fresh=bool(arrival), **filters,
                      **arrival)
    if arrival:
        answer["last_id"] = max((e.get("ingest_id") or 0 for e in answer["items"]),
                                default=since_id or 0)
    return answer


def _arrival(since_id: int | None, ingested_since: datetime | None) -> dict[str, Any]:
    """Polling filters, passed on only when given (stores without them still serve)."""
    arrival: dict[str, Any] = {}
    if since_id is not None:
        arrival["since_id"] = since_id
    if ingested_since is not None:
        arrival["ingested_since"] = ingested_since.isoformat()
    return arrival


@router.get("/stories", summary="De-duplicated events: one per story, with its mentions")
def list_stories(
    request: Request,
    filters: Filters,
    min_articles: Annotated[int, Query(ge=1, le=1000, description="Reported by at least this many articles")] = 1,
    limit: PageSize = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Story-level events with `num_mentions`, `num_articles`, `num_sources` and `mentions`."""
    return _listing(request, "stories", limit, offset, min_articles=min_articles, **filters)


@router.get("/counts", summary="Event and story counts, Goldstein sum and mean, by key and period")
def counts(
    request: Request,
    filters: Filters,
    by: Annotated[str, Query(pattern=r"^(dyad|actor|recipient|type|quad|cameo-root)$",
                             description="`dyad`, `actor`, `recipient` (country codes), `type`, "
                                         "`quad` or `cameo-root`")] = "dyad",
    period: Annotated[str, Query(pattern=r"^(day|week|month|year|all)$",
                                 description="`day`, `week` (from Monday), `month`, `year` or `all`")] = "week",
    top: Annotated[int | None, Query(ge=1, le=500, description="The N largest groups of each period")] = None,
    limit: Annotated[int | None, Query(ge=1, description="Rows (at most 500)")] = None,
) -> dict[str, Any]:
    """`items` of `period`, the group's keys, `events`, `stories`, `goldstein_sum` and
    `goldstein_mean`; `periods` lists every period from the first to the last (empty ones
    count zero); `skipped` counts matching events that are undated or span several periods.
    Negated and hypothetical events are left out."""
    limit, _ = _page(request, limit, 0)
    return _access(request).call("counts", by, period, top=top, limit=limit, **filters)


@router.get("/events/{event_id}", summary="One event with its evidence and article")
def get_event(request: Request, event_id: str) -> dict[str, Any]:
    """The event, with `article` = {id, title, published, source, url, text}."""
    return _found(find_event(request, event_id), "event")


def _found(item: dict[str, Any] | None, kind: str) -> dict[str, Any]:
    if item is None:
        raise HTTPException(404, f"no such {kind}")
    return item


def find_event(request: Request, event_id: str) -> dict[str, Any] | None:
    """The event with this id, or None (also for ids no store could hold)."""
    if not re.fullmatch(ID_PATTERN, event_id):
        return None
    return _access(request).call("event", event_id)


@router.get("/articles/{article_id}", summary="One article with its entities, events and quotes")
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The stored article as an output-contract document."""
    return _found(find_article(request, article_id), "article")


def find_article(request: Request, article_id: str) -> dict[str, Any] | None:
    if not re.fullmatch(ID_PATTERN, article_id):
        return None
    return _access(request).call("article", article_id)


@router.get("/dyad", summary="Relations between two actors over time, both directions")
def dyad(
    request: Request,
    a: Annotated[str, Query(pattern=ACTOR_PATTERN, description="First actor, e.g. `CHN` or `China`")],
    b: Annotated[str, Query(pattern=ACTOR_PATTERN, description="Second actor, e.g. `RUS`")],
    since: Day = None,
    until: Day = None,
) -> dict[str, Any]:
    """Per-day and per-week event counts, mean Goldstein and mean PLOVER score, a->b and b->a."""
    return _access(request).call("dyad", a, b, **_period(since, until))


@router.get("/actors", summary="Actors by number of events")
def actors(
    request: Request,
    limit: PageSize = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Actors with `code`, `sector`, `cameo`, the most used `name` and their number of `events`."""
    return _listing(request, "actors", limit, offset)


@router.get("/quotes", summary="Quotes with their speakers")
def quotes(
    request: Request,
    speaker: Annotated[str | None, Query(min_length=1, description="Speaker name (part of it)")] = None,
    limit: PageSize = None,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Quotes as in the output contract plus `article_id`; the dashboard groups them by speaker."""
    return _listing(request, "quotes", limit, offset, speaker=_clean_text(request, speaker))


@router.get("/stats", summary="Counts of articles, events, quotes and the date range")
def stats(request: Request) -> dict[str, Any]:
    return _access(request).call("stats")


@router.get("/updates", summary="The last update: newest ingest_id and time, feeds' health")
def updates(request: Request) -> dict[str, Any]:
    """`last_id` (poll `/api/events?since_id=`), `last_ingested_at` and, for each feed
    followed by `communique watch`, when it was checked, its failures and last error."""
    return _access(request).call("updates")


def _clean_text(request: Request, value: str | None) -> str | None:
    """A free-text filter: bounded length, no control characters (NULs upset drivers)."""
    if value is None:
        return None
    if len(value) > _limits(request).max_text_param_chars:
        raise HTTPException(422, "text filter too long")
    if any(ord(ch) < 32 or 0xD800 <= ord(ch) <= 0xDFFF for ch in value):
        raise HTTPException(422, "text filter contains control characters")
    return value.strip() or None
