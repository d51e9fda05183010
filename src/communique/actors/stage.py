"""The actors stage (placeholder until implemented)."""

from __future__ import annotations

from ..config import Config
from ..document import Document
from ..registry import stage


class ActorStage:
    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        return doc


@stage("actors", requires=('segments',), assigns=('entities', 'mentions'))
def make_actors_stage(config: Config) -> ActorStage:
    """The actors stage."""
    return ActorStage(config)
