"""The trigger lexicon: ``triggers.yaml`` compiled once into lemma dictionaries.

Single words are looked up by lemma and part of speech in a dict; multiword expressions
are grouped by their first lemma and tried longest first, so matching costs one dict
lookup per token.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any

from ..errors import DataFileError
from ..nlp.speech import speech_verbs
from ..resources import load_data, read_structured
from .ontology import Ontology, ontology

DEFAULT_CONFIDENCE = 0.8


@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a trigger word: what event it codes, and when it applies."""

    cameo: str | None  # None: the words are not an event ("press conference")
    plover: str | None
    mode: str | None
    context: tuple[str, ...]
    objects: frozenset[str]
    needs_object: bool
    intent: bool
    confidence: float
    instrument: bool = False  # names a weapon: an event only where the weapon is used
    object_is_recipient: bool = False  # "received the delegation": the object is whom
    # the act needs a doer: "killed", "destroyed", "explosion" with no one, no weapon and no
    # attack behind them are deaths and damage, not events (coder.py: agentless)
    needs_agent: bool = False
    # evidence that selects this reading of a word with several senses: any one decides
    when: Evidence | None = None
    # evidence that rules this reading out even when ``when`` holds: "beat Argentina in the
    # final" is no beating, unless the sentence names police, gunmen or the injured
    unless: Evidence | None = None

    @property
    def blocks(self) -> bool:
        return self.cameo is None


@dataclass(frozen=True, slots=True)
class Evidence:
    """What in the syntax selects one sense of a trigger ("lodged a protest": ACCUSE)."""

    modifiers: frozenset[str] = frozenset()   # adjectives/compounds on the trigger: "air", "general"
    governors: frozenset[str] = frozenset()   # the verb taking the noun: "lodge", "launch"
    preps: frozenset[str] = frozenset()       # prepositions on the trigger: "strikes on Gaza"
    subjects: frozenset[str] = frozenset()    # kinds of doer (cues.yaml kinds): "workers", "state"
    objects: frozenset[str] = frozenset()     # kinds of what is acted on: "person", "place"
    sentence: frozenset[str] = frozenset()    # lemmas anywhere in the sentence: "union", "wage"
    article: frozenset[str] = frozenset()     # lemmas anywhere in the article: "seaman", "picket"
    complements: frozenset[str] = frozenset()  # what a verb calls its object: "called it a lie"


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: Mapping[str, tuple[Sense, ...]]
    nouns: Mapping[str, tuple[Sense, ...]]
    # first lemma -> ((lemmas, sense), ...), longest first
    phrases: Mapping[str, tuple[tuple[tuple[str, ...], Sense], ...]]


def _sense(entry: Mapping[str, Any], onto: Ontology) -> Sense:
    code = entry.get("cameo")
    cameo = onto.cameo_code(str(code)) if code is not None else None
    plover = entry.get("plover") or (cameo.plover_type if cameo else None)
    if cameo is not None and plover is None:
        raise DataFileError(f"trigger entry {entry} has no PLOVER type; add `plover:`")
    mode = entry["mode"] if "mode" in entry else (cameo.plover_mode if cameo else None)
    context = entry.get("context", cameo.plover_context if cameo else ())
    return Sense(
        cameo=cameo.code if cameo else None,
        plover=plover,
        mode=mode,
        context=tuple(context),
        objects=frozenset(str(o).lower() for o in entry.get("objects", ())),
        needs_object=bool(entry.get("needs_object", False)),
        intent=bool(entry.get("intent", False)),
        confidence=float(entry.get("confidence", DEFAULT_CONFIDENCE)),
        instrument=bool(entry.get("instrument", False)),
        object_is_recipient=bool(entry.get("object_is_recipient", False)),
        needs_agent=bool(entry.get("needs_agent", False)),
        when=_evidence(entry.get("when")),
        unless=_evidence(entry.get("unless")),
    )


def _evidence(raw: Any) -> Evidence | None:
    if not raw:
        return None
    if not isinstance(raw, Mapping) or set(raw) - set(Evidence.__slots__):
        raise DataFileError(f"trigger evidence {raw} must map some of {Evidence.__slots__} to word lists")
    return Evidence(**{key: frozenset(str(w).lower() for w in words) for key, words in raw.items()})


def _words(entry: Mapping[str, Any], key: str) -> Iterable[str]:
    return (str(w).lower() for w in entry.get(key) or ())


def compile_lexicon(entries: Iterable[Mapping[str, Any]]) -> Lexicon:
    """Compile trigger entries (the triggers.yaml shape) into lookup dictionaries."""
    onto = ontology()
    verbs: dict[str, list[Sense]] = defaultdict(list)
    nouns: dict[str, list[Sense]] = defaultdict(list)
    phrases: dict[str, list[tuple[tuple[str, ...], Sense]]] = defaultdict(list)
    for entry in entries:
        sense = _sense(entry, onto)
        for table, key in ((verbs, "verbs"), (nouns, "nouns")):
            for word in _words(entry, key):
                if "-" in word:  # the tokenizer splits hyphenated words; the hyphen must be
                    # there: "sit-in" is a protest, "sat in their classroom" is not
                    parts = tuple(word.replace("-", " - ").split())
                    phrases[parts[0]].append((parts, sense))
                table[word].append(sense)
        for phrase in entry.get("phrases") or ():
            if not all(isinstance(w, str) for w in phrase):
                raise DataFileError(f"trigger phrase {phrase} must be words; quote YAML words like \"on\"")
            lemmas = tuple(w.lower() for w in phrase)
            phrases[lemmas[0]].append((lemmas, sense))
    # readings constrained by their object or by evidence are tried first; otherwise file order
    ordered = {w: tuple(sorted(s, key=_unconstrained)) for w, s in verbs.items()}
    ordered_nouns = {w: tuple(sorted(s, key=_unconstrained)) for w, s in nouns.items()}
    ordered_phrases = {w: tuple(sorted(p, key=lambda x: -len(x[0]))) for w, p in phrases.items()}
    return Lexicon(
        verbs=MappingProxyType(ordered),
        nouns=MappingProxyType(ordered_nouns),
        phrases=MappingProxyType(ordered_phrases),
    )


def _unconstrained(sense: Sense) -> bool:
    return not sense.objects and sense.when is None


@cache
def lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The packaged trigger lexicon plus any user trigger files (same YAML shape)."""
    entries = list(load_data("events", "triggers.yaml"))
    for path in extra_files:
        extra = read_structured(path)
        if not isinstance(extra, list):
            raise DataFileError(f"trigger file {path} must be a YAML list of entries")
        entries.extend(extra)
    return compile_lexicon(entries)


@cache
def cues() -> Mapping[str, Any]:
    """Grammatical cue lists (cues.yaml), with word lists as frozensets; ``speech_verbs`` are
    the shared reported-speech verbs (``nlp/data/speech_verbs.yaml``)."""
    raw = load_data("events", "cues.yaml")
    table = {key: frozenset(str(v).lower() for v in value) if isinstance(value, list) else value
             for key, value in raw.items()}
    table["speech_verbs"] = speech_verbs()["reported_speech"]
    return MappingProxyType(table)


@cache
def act_nouns() -> frozenset[str]:
    """Lemmas of nouns that name an act: every noun trigger of the packaged lexicon."""
    return frozenset(lexicon().nouns) | cues()["act_nouns"]


@cache
def embedding_codes() -> Mapping[str, Mapping[str, str | None]]:
    """CAMEO codes for promised / threatened / demanded / refused events."""
    return MappingProxyType(load_data("events", "embedding_codes.yaml"))


def embedded_code(table: str, inner_code: str) -> str | None:
    """The code for ``inner_code`` in an embedding table (longest prefix; None: keep)."""
    codes = embedding_codes()[table]
    for length in range(len(inner_code), 1, -1):
        prefix = inner_code[:length]
        if prefix in codes:
            return codes[prefix]
    return codes["default"]
