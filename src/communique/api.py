"""The Python API shared by the CLI and the HTTP API.

>>> import communique
>>> doc = communique.process("MOSCOW, Sept. 18 (Xinhua) -- Wang Yi met Sergei Lavrov.")
>>> [e.event_type for e in doc.events]
['CONSULT']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .config import Config
from .document import Document
from .pipeline import Pipeline, make_document

_PIPELINES: dict[str, Pipeline] = {}


def load(config: Config | None = None) -> Pipeline:
    """The pipeline for a config (default: every built-in stage), built once per process."""
    config = config or Config()
    key = repr(config)
    if key not in _PIPELINES:
        _PIPELINES[key] = Pipeline(config)
    return _PIPELINES[key]


def process(text: str, **meta: Any) -> Document:
    """Code one article's text; ``meta`` may give id, title, published, source, url."""
    return load()(make_document(text, **meta))


def code_documents(docs: Iterable[Document], config: Config | None = None) -> Iterator[Document]:
    """Code Documents lazily, in input order (failed inputs pass through untouched)."""
    return load(config).pipe(docs)


def code_inputs(inputs: Iterable[str], config: Config | None = None) -> Iterator[Document]:
    """Read files, folders or ``-`` and code every article in them, lazily and in order."""
    from .ingest.readers import read_inputs

    return code_documents(read_inputs(inputs), config)
