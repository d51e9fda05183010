"""Store test fixtures: a fresh store path and hand-built documents (no spaCy)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"
