"""The places stage (placeholder until implemented)."""

from __future__ import annotations

from ..config import Config
from ..document import Document
from ..registry import stage


class PlaceStage:
    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        return doc


@stage("places", requires=('segments', 'events'), assigns=('places', 'event_locations'))
def make_places_stage(config: Config) -> PlaceStage:
    """The places stage."""
    return PlaceStage(config)
