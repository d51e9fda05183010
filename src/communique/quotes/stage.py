"""The quotes stage (placeholder until implemented)."""

from __future__ import annotations

from ..config import Config
from ..document import Document
from ..registry import stage


class QuoteStage:
    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        return doc


@stage("quotes", requires=('segments', 'mentions'), assigns=('quotes',))
def make_quotes_stage(config: Config) -> QuoteStage:
    """The quotes stage."""
    return QuoteStage(config)
