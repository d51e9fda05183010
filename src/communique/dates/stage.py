"""The dates stage (placeholder until implemented)."""

from __future__ import annotations

from ..config import Config
from ..document import Document
from ..registry import stage


class DateStage:
    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        return doc


@stage("dates", requires=('events', 'dateline'), assigns=('event_dates',))
def make_dates_stage(config: Config) -> DateStage:
    """The dates stage."""
    return DateStage(config)
