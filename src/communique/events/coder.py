"""The events stage (placeholder until implemented)."""

from __future__ import annotations

from ..config import Config
from ..document import Document
from ..registry import stage


class EventCoder:
    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        return doc


@stage("events", requires=('segments', 'mentions'), assigns=('events',))
def make_events_stage(config: Config) -> EventCoder:
    """The events stage."""
    return EventCoder(config)
