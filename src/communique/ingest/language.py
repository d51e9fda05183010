"""Which language an article is in (py3langid's bundled model: offline, deterministic).

The pipeline's parser and lexicons are English; an article in another language would be
coded as if it were English and yield nothing, silently. The structure stage records the
language in ``meta.language`` and fails such an article with ``unsupported_language``
unless ``Config.any_language`` is set. Settings live in ``ingest/data/languages.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..resources import load_data

DEFAULT_LANGUAGE = "en"


@dataclass(frozen=True, slots=True)
class LanguageGuess:
    """The language of a text (ISO 639-1) and the identifier's probability for it (0.0
    where English was assumed: a short text or an unsure guess)."""

    code: str
    probability: float
    supported: bool


@cache
def _settings() -> dict[str, Any]:
    return dict(load_data("ingest", "languages.yaml"))


@cache
def _identifier() -> Any:
    # imported here: loading the model takes about a second, paid only when first needed
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([str(code) for code in _settings()["candidates"]])
    return identifier


def detect_language(text: str) -> LanguageGuess:
    """The article's language; English where the text is too short or the guess unsure."""
    settings = _settings()
    sample = text[: int(settings["sample_chars"])]
    supported = frozenset(str(code) for code in settings["supported"])
    if sum(ch.isalpha() for ch in sample) < int(settings["min_letters"]):
        return LanguageGuess(DEFAULT_LANGUAGE, 0.0, True)
    code, probability = _identifier().classify(sample)
    if code not in supported and probability < float(settings["min_confidence"]):
        return LanguageGuess(DEFAULT_LANGUAGE, 0.0, True)
    return LanguageGuess(str(code), float(probability), code in supported)
