"""communique: international news to event data, offline.

The public API::

    import communique
    doc = communique.process(text, published="2023-09-19")
    for event in doc.events: ...
    nlp = communique.load()            # a Pipeline
    for doc in nlp.pipe(texts_dicts_or_documents): ...
    communique.to_frame(docs_or_store, "events")   # pandas (optional extra) or arrow
"""

from __future__ import annotations

from .api import code_documents, code_inputs, load, process
from .config import Config, load_config
from .document import (
    SCHEMA_VERSION,
    Actor,
    Dateline,
    Document,
    Entity,
    Event,
    Evidence,
    Place,
    Quote,
    Speaker,
)
from .errors import CommuniqueError
from .frames import to_frame
from .pipeline import Pipeline, make_document
from .registry import registered_stages, stage

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "CommuniqueError",
    "Config",
    "Dateline",
    "Document",
    "Entity",
    "Event",
    "Evidence",
    "Pipeline",
    "Place",
    "Quote",
    "Speaker",
    "__version__",
    "code_documents",
    "code_inputs",
    "load",
    "load_config",
    "make_document",
    "process",
    "registered_stages",
    "stage",
    "to_frame",
]
