"""Shared fixtures: the pipeline (built once), the ../shared data (skip when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
XINHUA = SHARED / "examples" / "xinhua_2023-09-19_wang-yi-lavrov.txt"


@pytest.fixture(scope="session")
def pipeline():
    """The default pipeline, loaded once for the whole test session."""
    import communique

    return communique.load()


@pytest.fixture(scope="session")
def code_text(pipeline):
    """Code a text as one article: ``code_text(text, published="2023-09-18")``."""
    from communique import make_document

    def run(text: str, **meta):
        return pipeline(make_document(text, **meta))

    return run


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent")
    return SHARED


@pytest.fixture(scope="session")
def xinhua_doc(pipeline):
    """The Xinhua example coded once (skipped when ../shared is absent)."""
    if not XINHUA.exists():
        pytest.skip("../shared/examples is absent")
    from communique.ingest.readers import read_path

    doc = next(read_path(XINHUA))
    return pipeline(doc)
