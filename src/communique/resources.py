"""Loading packaged data files (YAML, JSON, CSV) once, read-only.

Data lives in ``<subpackage>/data/``; loaders are cached so each file is parsed once per
process, and callers get immutable views (tuples, frozensets, MappingProxyType) or copies.
"""

from __future__ import annotations

import csv
import json
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import DataFileError


def data_path(package: str, name: str) -> Path:
    """Filesystem path of a packaged data file, e.g. ``data_path("events", "triggers.yaml")``."""
    path = Path(str(resources.files(f"communique.{package}").joinpath("data", name)))
    if not path.exists():
        raise DataFileError(f"packaged data file {package}/data/{name} is missing; reinstall communique")
    return path


def read_structured(path: str | Path) -> Any:
    """Parse a YAML, JSON, JSONL or CSV file (by extension)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError(f"cannot read data file {path}: {exc}") from exc
    try:
        if path.suffix in (".yaml", ".yml"):
            return yaml.safe_load(text)
        if path.suffix == ".json":
            return json.loads(text)
        if path.suffix == ".jsonl":
            return [json.loads(line) for line in text.splitlines() if line.strip()]
        if path.suffix in (".csv", ".tsv"):
            delimiter = "\t" if path.suffix == ".tsv" else ","
            return list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    except (yaml.YAMLError, json.JSONDecodeError, csv.Error) as exc:
        raise DataFileError(f"data file {path} is malformed: {exc}") from exc
    raise DataFileError(f"data file {path}: unsupported format {path.suffix!r}")


@cache
def load_data(package: str, name: str) -> Any:
    """A packaged data file, parsed once per process. Treat the result as read-only."""
    return read_structured(data_path(package, name))
