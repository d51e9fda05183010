"""The attribution-cue lexicon (``quotes/data/cues.yaml`` and the shared speech verbs of
``nlp/data/speech_verbs.yaml``), loaded once and frozen."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from ..errors import DataFileError
from ..nlp.speech import speech_verbs
from ..resources import load_data


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Which words cue an attribution, and what speaker pronouns can refer to."""

    speech_verbs: frozenset[str]
    cognition_verbs: frozenset[str]
    particle_verbs: MappingProxyType[str, frozenset[str]]
    source_prepositions: MappingProxyType[str, frozenset[str]]
    hearer_verbs: frozenset[str]
    stance_verbs: frozenset[str]
    quote_only_verbs: frozenset[str]
    content_dependents: frozenset[str]
    content_prepositions: frozenset[str]
    pronouns: MappingProxyType[str, MappingProxyType[str, Any]]
    honorifics: MappingProxyType[str, str]
    min_direct_words: int
    headline_labels: frozenset[str] = frozenset()

    def is_cue_lemma(self, lemma: str) -> bool:
        return (lemma in self.speech_verbs or lemma in self.cognition_verbs
                or lemma in self.stance_verbs)


def _frozen_groups(raw: dict[str, list[str]] | None) -> MappingProxyType[str, frozenset[str]]:
    return MappingProxyType({k: frozenset(v) for k, v in (raw or {}).items()})


@cache
def cue_lexicon() -> CueLexicon:
    """The packaged cue lexicon."""
    raw = load_data("quotes", "cues.yaml")
    try:
        return CueLexicon(
            speech_verbs=speech_verbs()["speech_verbs"],
            cognition_verbs=frozenset(raw["cognition_verbs"]),
            particle_verbs=_frozen_groups(raw.get("particle_verbs")),
            source_prepositions=_frozen_groups(raw.get("source_prepositions")),
            hearer_verbs=frozenset(raw.get("hearer_verbs", ())),
            stance_verbs=frozenset(raw.get("stance_verbs", ())),
            quote_only_verbs=frozenset(raw.get("quote_only_verbs", ())),
            content_dependents=frozenset(raw.get("content_dependents", ())),
            content_prepositions=frozenset(raw.get("content_prepositions", ())),
            pronouns=MappingProxyType(
                {k: MappingProxyType(dict(v)) for k, v in raw.get("pronouns", {}).items()}
            ),
            honorifics=MappingProxyType(dict(raw.get("honorifics", {}))),
            min_direct_words=int(raw.get("min_direct_words", 4)),
            headline_labels=frozenset(w.lower() for w in raw.get("headline_labels", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DataFileError(f"quotes/data/cues.yaml is malformed ({exc}); reinstall communique") from exc
