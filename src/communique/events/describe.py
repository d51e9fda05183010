"""PLOVER modes and contexts from the words around an event (cues.yaml)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

from .lexicon import cues
from .ontology import ontology

MAX_CONTEXTS = 3


@cache
def _mode_cues() -> Mapping[str, tuple[tuple[str, frozenset[str]], ...]]:
    raw = cues()["modes"]
    return {etype: tuple((mode, frozenset(words)) for mode, words in modes.items())
            for etype, modes in raw.items()}


@cache
def _context_cues() -> tuple[tuple[str, frozenset[str]], ...]:
    known = ontology().contexts
    return tuple((name, frozenset(words)) for name, words in cues()["contexts"].items()
                 if name in known)


def _lemmas(tokens: Iterable[Any]) -> set[str]:
    return {t.lemma_.lower() for t in tokens} | {t.lower_ for t in tokens}


def mode_for(event_type: str, words: set[str]) -> str | None:
    """The first mode of ``event_type`` whose cue words occur in ``words``."""
    for mode, cue_words in _mode_cues().get(event_type, ()):
        if cue_words & words:
            return mode
    return None


def contexts_for(words: set[str]) -> list[str]:
    return [name for name, cue_words in _context_cues() if cue_words & words]


def describe(event_type: str, mode: str | None, cameo_context: Iterable[str], sent: Any,
             verb: Any) -> tuple[str | None, list[str]]:
    """The event's mode (the trigger's own, else cued by its clause) and contexts."""
    clause_words = _lemmas(verb.subtree)
    valid_modes = ontology().plover_type(event_type).modes
    if mode not in valid_modes:
        mode = None
    mode = mode or mode_for(event_type, clause_words) or mode_for(event_type, _lemmas(sent))
    context = list(dict.fromkeys([*cameo_context, *contexts_for(_lemmas(sent))]))
    return mode, context[:MAX_CONTEXTS]
