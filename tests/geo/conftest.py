"""Geo fixtures: the gazetteer, and a short pipeline (structure → nlp → actors → places)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def gazetteer():
    from communique.geo.gazetteer import load_gazetteer

    return load_gazetteer()


@pytest.fixture(scope="session")
def geocode():
    """Run the stages the places stage needs, then places, on a text (events not required)."""
    import communique.actors.stage  # noqa: F401  (registers the stage)
    import communique.geo.stage  # noqa: F401
    import communique.ingest.structure  # noqa: F401
    import communique.nlp.spacy_stage  # noqa: F401
    from communique import make_document
    from communique.config import Config
    from communique.registry import get_stage

    config = Config()
    stages = [get_stage(n).factory(config) for n in ("structure", "nlp", "actors", "places")]

    def run(text_or_doc, **meta):
        doc = make_document(text_or_doc, **meta) if isinstance(text_or_doc, str) else text_or_doc
        for fn in stages:
            doc = fn(doc)
        return doc

    return run
