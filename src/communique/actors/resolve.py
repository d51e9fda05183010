"""Actor resolution entry points shared by the events and quotes stages (placeholder)."""

from __future__ import annotations

from ..document import Actor, Document


def actors_for_span(doc: Document, start: int, end: int) -> list[Actor]:
    """Actors a text span of ``doc`` refers to (mentions inside it, or the span's own words)."""
    found: list[Actor] = []
    for mention in doc.mentions_in(start, end):
        found.extend(a for a in mention.actors if a not in found)
    return found


def resolve_actor(text: str, context: str | None = None, date: str | None = None) -> Actor:
    """Resolve a free-standing mention ("Russian Foreign Minister Sergei Lavrov")."""
    return Actor(text=text)
