"""Actor names as people type them in filters and at the command line.

Text in articles is matched with its capitalisation ("US" the country, "us" the pronoun);
a person typing a filter writes "nato", "united states" or "keir starmer". Here a typed
value becomes an ``ActorRef``: a country or CAMEO code ("USA", "CHNGOV", "russian",
"Moscow"), or an organisation or person matched by its canonical name ("NATO", "Keir
Starmer") because its code (IGO, GBR) is shared by many others. Unknown values raise a
``UsageError`` that suggests the closest known names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from ..config import Config
from ..document import Actor
from ..errors import UsageError
from .kb import get_kb, known_codes
from .lexicon import get_lexicon, tokenize
from .resolve import resolve_actor

CODE = re.compile(r"^[A-Z0-9]{3,12}$")
# Entry kinds that stand for a country as a whole: filter by its code.
COUNTRY_KINDS = frozenset({"country", "demonym", "capital", "metonym", "pre", "region"})
NAMED_KINDS = frozenset({"org"})
MAX_VALUES = 20
SHOWABLE = re.compile(r"[^\W\d_][\w .\-]{0,59}")
MAX_CHARS = 200


@dataclass(frozen=True, slots=True)
class ActorRef:
    """What an actor filter matches: a code (country or CAMEO), or a name (with its code)."""

    code: str
    name: str | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code


def split_values(value: str | Iterable[str] | None) -> list[str]:
    """``"USA, RUS"`` or ``["USA", "RUS"]`` -> ``["USA", "RUS"]`` (blanks dropped)."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    parts = [p.strip() for item in items for p in str(item).split(",")]
    return [p for p in parts if p]


def actor_refs(value: str | Iterable[str] | None, what: str = "actor") -> tuple[ActorRef, ...]:
    """Every comma-separated value resolved (codes, names, demonyms; any case)."""
    values = split_values(value)
    if len(values) > MAX_VALUES:
        raise UsageError(f"{what}: at most {MAX_VALUES} values, not {len(values)}")
    refs: list[ActorRef] = []
    for item in values:
        ref = actor_ref(item, what)
        if ref not in refs:
            refs.append(ref)
    return tuple(refs)


def actor_ref(value: str, what: str = "actor") -> ActorRef:
    """One typed value as an ActorRef, or a UsageError naming the closest known names."""
    text = value.strip()
    if not text or len(text) > MAX_CHARS or any(ord(c) < 32 for c in text):
        raise UsageError(f"{what} must be an actor code or name of at most {MAX_CHARS} "
                         "characters")
    code = text.upper()
    if CODE.match(code) and is_known_code(code):
        return ActorRef(code)
    found = _by_name(text)
    if found is not None:
        return found
    raise UsageError(unknown_message(text, what))


def is_known_code(code: str) -> bool:
    """A country-like code (``USA``, ``IGO``) or one followed by sector codes (``USAGOV``)."""
    countries, sectors = known_codes()
    head, rest = code[:3], code[3:]
    if head not in countries or len(rest) % 3:
        return False
    return all(rest[i : i + 3] in sectors for i in range(0, len(rest), 3))


def _by_name(text: str) -> ActorRef | None:
    tokens = tokenize(re.sub(r"^the\s+", "", text, flags=re.IGNORECASE))
    if not tokens:
        return None
    entry = get_lexicon().lookup(tokens, ignore_case=True)
    if entry is not None and entry.code and entry.kind in COUNTRY_KINDS:
        return ActorRef(entry.code)
    if entry is not None and entry.code and entry.kind in NAMED_KINDS:
        return ActorRef(entry.code, entry.name)
    terms = get_kb().person(tuple(t.norm for t in tokens))
    if terms:
        latest = max(terms, key=lambda t: t.start)
        return ActorRef(latest.country, latest.name)
    return None


def unknown_message(text: str, what: str = "actor") -> str:
    """``unknown actor: 'Rusia'; did you mean Russia (RUS), ...?``"""
    close = difflib.get_close_matches(text.lower(), list(_known_names()), n=12, cutoff=0.6)
    by_code: dict[str, str] = {}
    for key in close:  # best match first; one suggestion per code
        shown, code = _known_names()[key]
        by_code.setdefault(code, shown)
    hint = ", ".join(list(by_code.values())[:3])
    advice = f"; did you mean {hint}?" if hint else \
        "; give a country code (USA), a CAMEO code (USAGOV) or a country or organisation name"
    # a value that is not name-like (SQL, markup) is not echoed back to an HTTP caller
    shown = f": {text!r}" if SHOWABLE.fullmatch(text) else " (not a known code or name)"
    return f"unknown {what}{shown}{advice}"


@cache
def _known_names() -> dict[str, tuple[str, str]]:
    """Lower-case names people may type -> (how to show them, code): ("Russia (RUS)", "RUS")."""
    names: dict[str, tuple[str, str]] = {}
    for key, entries in get_lexicon().index.items():
        entry = next((e for e in entries if e.code and e.kind in COUNTRY_KINDS | NAMED_KINDS), None)
        if entry is not None:
            names.setdefault(" ".join(key), (f"{entry.name} ({entry.code})", entry.code))
    for code in known_codes()[0]:
        names.setdefault(code.lower(), (code, code))
    return names


def resolve_typed(text: str, context: str | None = None, date: str | None = None,
                  config: Config | None = None) -> Actor:
    """``resolve_actor`` for text a person typed: any capitalisation ("nato", "keir starmer").

    Article text is read with its case; typed text that yields nothing is read again
    ignoring case (the lexicon does so for text written in capitals).
    """
    actor = resolve_actor(text, context, date, config)
    if _resolved(actor) or text.isupper():
        return actor
    again = resolve_actor(text.upper(), context, date, config)
    if not _resolved(again):
        return actor
    again.text = text
    return again


def _resolved(actor: Actor) -> bool:
    return bool(actor.code or actor.name)
