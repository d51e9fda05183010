"""Event filters shared by every read path (CLI, Python API, HTTP API), validated once.

Each filter takes one value or several (a list, or commas: ``"ASSAULT,COERCE"``,
``"3,4"``, ``"United States, nato"``); values of one filter are alternatives (OR),
different filters must all hold (AND). Actor values are codes or names in any case (see
``actors/typed.py``). Hostile values become a ``UsageError`` (an HTTP 4xx) before any
SQL runs, and every value reaches SQL as a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from ..errors import UsageError
from ..resources import load_data

MAX_VALUES = 20
# A changed article stored again (``communique watch``) supersedes its old version, whose
# events then leave every query.
CURRENT_ONLY = "{alias}.article_id NOT IN (SELECT article_id FROM superseded)"


def split_values(value: Any) -> list[str]:
    """One value, a list, or comma-separated text -> stripped non-blank strings."""
    from ..actors.typed import split_values as split

    return split(value if value is None or isinstance(value, (str, list, tuple)) else str(value))


def check_event_types(value: Any) -> tuple[str, ...]:
    """PLOVER types (any case), e.g. ``"ASSAULT,COERCE"``."""
    known = load_data("events", "plover.json")["event_types"]
    types: list[str] = []
    for item in _limited(split_values(value), "type"):
        event_type = item.upper()
        if event_type not in known:
            raise UsageError(f"unknown event type {item[:40]!r}; choose from {', '.join(known)}")
        if event_type not in types:
            types.append(event_type)
    return tuple(types)


def check_quads(value: Any) -> tuple[int, ...]:
    """Quad classes: numbers 1-4 or names (``conflict`` = 3,4; see ``store/data/quads.yaml``)."""
    names = load_data("store", "quads.yaml")["quads"]
    quads: set[int] = set()
    for item in _limited(split_values(value), "quad"):
        key = item.lower().replace("_", "-").replace(" ", "-")
        if key in {"1", "2", "3", "4"}:
            quads.add(int(key))
        elif key in names:
            quads.update(int(q) for q in names[key])
        else:
            raise UsageError(f"unknown quad class {item[:40]!r}; give 1-4 or one of "
                             f"{', '.join(names)}")
    return tuple(sorted(quads))


def check_date(value: str | date | None, what: str) -> str | None:
    """An ISO date (``YYYY-MM-DD``, or a datetime whose date part is one), else UsageError."""
    if value is None or value == "":
        return None
    text = str(value).strip()
    try:
        if len(text) > 32 or (len(text) > 10 and text[10] not in "T "):
            raise ValueError(text)
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise UsageError(f"{what} must be an ISO date (YYYY-MM-DD), not {text[:40]!r}") from None


def check_since_id(value: Any) -> int | None:
    """An ingest number (``ingest_id`` of an event already seen), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise UsageError(f"since_id must be a whole number >= 0, not {value!r}")
    return value


def check_timestamp(value: str | datetime | None, what: str) -> str | None:
    """An ISO timestamp (or date), as naive UTC for DuckDB."""
    if value is None or value == "":
        return None
    text = value.isoformat() if isinstance(value, datetime) else str(value)
    try:
        if len(text) > 40:
            raise ValueError(text)
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{what} must be an ISO timestamp such as 2026-01-31T12:00:00, "
                         f"not {text[:40]!r}") from None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment.isoformat(sep=" ")


def _limited(values: list[str], what: str) -> list[str]:
    if len(values) > MAX_VALUES:
        raise UsageError(f"{what}: at most {MAX_VALUES} values, not {len(values)}")
    return values


@dataclass(frozen=True)
class EventFilter:
    """Validated event filters, rendered as a WHERE clause with parameters."""

    actors: tuple[Any, ...] = ()       # ActorRef
    recipients: tuple[Any, ...] = ()   # ActorRef
    event_types: tuple[str, ...] = ()
    quads: tuple[int, ...] = ()
    since: str | None = None
    until: str | None = None
    asserted: bool = False             # leave out negated and hypothetical events
    since_id: int | None = None        # only events stored after this ingest number
    ingested_since: str | None = None  # only events stored at or after this time

    @classmethod
    def build(cls, *, actor: Any = None, recipient: Any = None, event_type: Any = None,
              quad: Any = None, since: Any = None, until: Any = None,
              asserted: bool = False, since_id: Any = None,
              ingested_since: Any = None) -> EventFilter:
        from ..actors.typed import actor_refs

        flt = cls(actor_refs(actor, "actor"), actor_refs(recipient, "recipient"),
                  check_event_types(event_type), check_quads(quad),
                  check_date(since, "since"), check_date(until, "until"), asserted,
                  check_since_id(since_id), check_timestamp(ingested_since, "ingested_since"))
        if flt.since and flt.until and flt.since > flt.until:
            raise UsageError("since must not be after until")
        return flt

    @property
    def polling(self) -> bool:
        """Asked for what arrived after a point: answer in arrival order."""
        return self.since_id is not None or self.ingested_since is not None

    def where(self, alias: str = "e") -> tuple[str, list[Any]]:
        clauses: list[str] = [CURRENT_ONLY.format(alias=alias)]
        params: list[Any] = []
        for role, refs in (("actor", self.actors), ("recipient", self.recipients)):
            if refs:
                options = [actor_clause(alias, role, ref, params) for ref in refs]
                clauses.append("(" + " OR ".join(options) + ")")
        for column, values in (("event_type", self.event_types), ("quad", self.quads)):
            if values:
                clauses.append(f"{alias}.{column} IN ({', '.join('?' for _ in values)})")
                params += list(values)
        if self.since:
            clauses.append(f"{alias}.date_end >= CAST(? AS DATE)")
            params.append(self.since)
        if self.until:
            clauses.append(f"{alias}.date_start <= CAST(? AS DATE)")
            params.append(self.until)
        if self.asserted:
            clauses.append(f"NOT {alias}.negated AND NOT {alias}.hypothetical")
        if self.since_id is not None:
            clauses.append(f"{alias}.ingest_id > ?")
            params.append(self.since_id)
        if self.ingested_since:
            clauses.append(f"{alias}.article_id IN (SELECT id FROM articles "
                           "WHERE added_at >= CAST(? AS TIMESTAMP))")
            params.append(self.ingested_since)
        return " WHERE " + " AND ".join(clauses), params

    def describe(self) -> dict[str, Any]:
        """The filters as plain data (for answers that echo what was counted)."""
        return {"actor": [str(r) for r in self.actors], "recipient": [str(r) for r in self.recipients],
                "type": list(self.event_types), "quad": list(self.quads),
                "since": self.since, "until": self.until}


def actor_clause(alias: str, role: str, ref: Any, params: list[Any]) -> str:
    """An event whose ``role`` includes the code, or (for a named ref) an actor of that name."""
    if ref.name:
        params += [role, ref.name]
        return (f"EXISTS (SELECT 1 FROM actors x WHERE x.event_id = {alias}.id AND "
                "x.role = ? AND lower(x.name) = lower(?))")
    params += [ref.code, ref.code]
    return f"(list_contains({alias}.{role}_codes, ?) OR list_contains({alias}.{role}_cameos, ?))"
