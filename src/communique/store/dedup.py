"""De-duplication across articles: event mentions reporting one real event form a story.

The rule (parameters in ``data/dedup.yaml``): same PLOVER type and flags, dates within a
day, overlapping actor codes (recipients too when both sides name them, either direction
for symmetric types such as meetings), and places that do not contradict each other.
Stories are assigned incrementally when an article is added, so the store never needs a
batch re-clustering pass; the order articles arrive in can therefore matter at the margins.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from ..resources import load_data


@dataclass(frozen=True, slots=True)
class EventKey:
    """What de-duplication compares between two event mentions."""

    event_type: str | None
    date_start: date | None
    date_end: date | None
    actors: frozenset[str]
    recipients: frozenset[str]
    country: str | None = None
    place: str | None = None
    negated: bool = False
    hypothetical: bool = False
    mentions: int = 1  # how many times its article states it (contract 2's ``mentions``)


def rules() -> dict[str, Any]:
    return load_data("store", "dedup.yaml")


def max_day_gap() -> int:
    return int(rules().get("max_day_gap", 1))


def mergeable(key: EventKey) -> bool:
    """Whether a mention carries enough to be matched with others at all."""
    settings = rules()
    if settings.get("require_date", True) and key.date_start is None:
        return False
    return not (settings.get("require_actor", True) and not key.actors)


def _dates_close(a: EventKey, b: EventKey) -> bool:
    if a.date_start is None or b.date_start is None:
        return a.date_start is None and b.date_start is None
    gap = timedelta(days=max_day_gap())
    return a.date_start <= b.date_end + gap and b.date_start <= a.date_end + gap


def _sides_overlap(a: EventKey, b: EventKey) -> bool:
    def direct(x: EventKey, y: EventKey) -> bool:
        recipients_ok = not x.recipients or not y.recipients or bool(x.recipients & y.recipients)
        return bool(x.actors & y.actors) and recipients_ok

    if direct(a, b):
        return True
    if a.event_type in set(rules().get("symmetric_types", ())):
        return bool(a.actors & b.recipients) and bool(a.recipients & b.actors)
    return False


def _places_agree(a: EventKey, b: EventKey) -> bool:
    if a.country and b.country and a.country != b.country:
        return False
    return not (a.place and b.place and a.place.casefold() != b.place.casefold())


def same_event(a: EventKey, b: EventKey) -> bool:
    """True when two mentions can be reports of the same real-world event."""
    if a.event_type != b.event_type or (a.negated, a.hypothetical) != (b.negated, b.hypothetical):
        return False
    if not (mergeable(a) and mergeable(b)):
        return False
    return _dates_close(a, b) and _sides_overlap(a, b) and _places_agree(a, b)


def key_from_event(event: dict[str, Any], date_start: date | None,
                   date_end: date | None) -> EventKey:
    """The key of a contract event dict (dates already resolved to a range)."""
    location = event.get("location") or {}
    return EventKey(
        event_type=event.get("event_type"), date_start=date_start, date_end=date_end,
        actors=frozenset(a["code"] for a in event.get("actor") or [] if a.get("code")),
        recipients=frozenset(a["code"] for a in event.get("recipient") or [] if a.get("code")),
        country=location.get("country"), place=location.get("name"),
        negated=bool(event.get("negated")), hypothetical=bool(event.get("hypothetical")),
        mentions=len(event.get("mentions") or ()) or 1,
    )


def best_story(key: EventKey, candidates: Iterable[tuple[str, EventKey]]) -> str | None:
    """The story a new event joins: the one whose matching events are stated most often
    (each counts with its mentions in its article), if any."""
    votes: dict[str, int] = {}
    for story_id, other in candidates:
        if same_event(key, other):
            votes[story_id] = votes.get(story_id, 0) + other.mentions
    if not votes:
        return None
    return max(sorted(votes), key=lambda story: votes[story])


def cluster(keys: Sequence[EventKey]) -> list[int]:
    """Story index for each key, assigned in order exactly as the store does incrementally."""
    labels: list[int] = []
    for i, key in enumerate(keys):
        candidates = [(str(labels[j]), keys[j]) for j in range(i)]
        found = best_story(key, candidates)
        labels.append(int(found) if found is not None else i)
    return labels
