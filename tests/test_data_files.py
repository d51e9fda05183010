"""Every packaged YAML data file loads, and no word list holds a YAML 1.1 boolean.

An unquoted ``on``, ``off``, ``yes`` or ``no`` in a list of words loads as True/False
and silently never matches; quote such words (``"on"``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "communique"
DATA_FILES = sorted(PACKAGE.rglob("data/*.yaml"))


def _booleans_in_lists(value: Any, where: str) -> list[str]:
    if isinstance(value, dict):
        return [b for k, v in value.items() for b in _booleans_in_lists(v, f"{where}.{k}")]
    if isinstance(value, list):
        found = [f"{where}[{i}]" for i, item in enumerate(value) if isinstance(item, bool)]
        return found + [b for i, item in enumerate(value) for b in _booleans_in_lists(item, f"{where}[{i}]")]
    return []


def test_there_are_data_files() -> None:
    assert len(DATA_FILES) >= 10


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_word_lists_hold_no_booleans(path: Path) -> None:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert _booleans_in_lists(loaded, path.name) == []
