"""Fixtures for the actors tests: a light pipeline that stops after the actors stage."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def actors_only():
    """Code a text through structure, nlp and actors only (independent of later stages)."""
    import communique
    from communique import make_document
    from communique.config import Config

    pipeline = communique.load(Config(stages=("structure", "nlp", "actors")))

    def run(text: str, **meta):
        return pipeline(make_document(text, **meta))

    return run
