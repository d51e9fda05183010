"""Reading gold actor codes against predicted ones (``evaluate/data/gold_actor_codes.yaml``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..document import Event
from ..resources import load_data


def gold_codes(entities: Iterable[dict[str, Any]] | None) -> set[str]:
    """The gold entities' codes, read as the codes communique outputs for the same actors."""
    legacy = load_data("evaluate", "gold_actor_codes.yaml")["gold_to_output"]
    return {legacy.get(e["code"], e["code"]) for e in entities or () if e.get("code")}


def output_codes(events: Iterable[Event], roles: tuple[str, ...] = ("actor", "recipient")) -> set[str]:
    """The codes of the events' actors in ``roles``, with the gold codes each also satisfies."""
    also = load_data("evaluate", "gold_actor_codes.yaml")["output_also_matches"]
    codes = {a.code for e in events for role in roles for a in getattr(e, role) if a.code}
    return codes | {extra for code in codes for extra in also.get(code, ())}
