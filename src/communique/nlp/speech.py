"""The verbs that report speech (``nlp/data/speech_verbs.yaml``), one list for three stages."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType

from ..errors import DataFileError
from ..resources import load_data

LISTS = ("speech_verbs", "reported_speech", "salient_speakers")


@cache
def speech_verbs() -> Mapping[str, frozenset[str]]:
    """``speech_verbs`` (quotes), ``reported_speech`` (events), ``salient_speakers`` (actors)."""
    raw = load_data("nlp", "speech_verbs.yaml")
    missing = [name for name in LISTS if not isinstance(raw.get(name), list)]
    if missing:
        raise DataFileError(f"nlp/data/speech_verbs.yaml lacks {', '.join(missing)}; reinstall communique")
    return MappingProxyType({name: frozenset(str(v).lower() for v in raw[name]) for name in LISTS})
