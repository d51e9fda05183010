"""Normalising place names into lookup keys, and telling which names are worth indexing."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[\u2010-\u2015\-_/]+")
_DROP = re.compile(r"[.'’`ʼ\"]")
_SPACE = re.compile(r"\s+")
_LEADING_THE = re.compile(r"^the\s+")
_REPEATS = re.compile(r"(\w)\1+")
_FINAL_H = re.compile(r"(?<=[aeiou])h$")


def name_key(text: str) -> str:
    """The lookup key of a place name: accents, case, dots, quotes and hyphens ignored.

    "Nagorno-Karabakh", "nagorno karabakh" and "the U.S." style variants meet on one key
    so that the index needs one row per spelling family, not per typography.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    lowered = _DROP.sub("", stripped.casefold())
    spaced = _SPACE.sub(" ", _PUNCT.sub(" ", lowered)).strip()
    return _LEADING_THE.sub("", spaced)


def loose_key(key: str) -> str:
    """A looser form of a lookup key for spellings that differ only in spacing, doubled
    letters or a final "h": "Laas Caanood" / "Laascaanood", "Nassriya" / "Nasriyah"."""
    return _FINAL_H.sub("", _REPEATS.sub(r"\1", key.replace(" ", "")))


def is_latin_name(text: str) -> bool:
    """True for names written in Latin script (what English news prints)."""
    for ch in unicodedata.normalize("NFKD", text):
        if ch.isalpha() and "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True


def worth_indexing(alternate: str) -> bool:
    """Whether a GeoNames alternate name is a plausible spelling in English text.

    Codes (airport, postal), digits and very short strings produce false matches against
    ordinary words far more often than they help.
    """
    if len(alternate) < 3 or any(ch.isdigit() for ch in alternate):
        return False
    if alternate.isupper() and len(alternate) <= 4:
        return False
    if not alternate[0].isupper():
        return False
    return is_latin_name(alternate)
