"""Bytes to text: UTF-8 first, then a detected legacy encoding (flagged), never a crash.

What is repaired, and why (the output ``text`` is the repaired text, so every offset
stays consistent with it):

- a UTF-8 byte-order mark is dropped; UTF-16/32 files with a BOM are decoded as such;
- invalid UTF-8 is decoded in the encoding charset-normalizer detects
  (flag ``legacy_encoding:<name>``);
- NUL and other C0/C1 control characters except tab and newline are removed
  (flag ``control_characters_removed``); ``\\r\\n`` and ``\\r`` become ``\\n``;
- bidirectional embedding/override/isolate controls and zero-width spaces are removed
  (flag ``invisible_controls_removed``): they can disguise text ("Trojan Source") and
  split words for the parser. Zero-width (non-)joiners are kept: scripts need them.

JSON Lines records are NOT cleaned (``clean_text`` is not applied to them) so that gold
offsets into a record's ``text`` keep lining up; ``invisible_controls`` only reports them.
"""

from __future__ import annotations

import codecs
import re

from ..errors import EncodingError

_C0_C1 = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")
# More than this share of NUL or control bytes means a binary file, not text.
BINARY_SHARE = 0.05
SNIFF_BYTES = 8192
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decoded, cleaned text and flags describing what was repaired."""
    text, flags = decode_only(data, name)
    cleaned, clean_flags = clean_text(text)
    return cleaned, flags + clean_flags


def decode_only(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decoded text (no cleaning) and a ``legacy_encoding`` flag when it was not UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_with(data, encoding, name), (
                [] if encoding == "utf-8-sig" else [f"encoding:{encoding}"]
            )
    if looks_binary(data):
        raise EncodingError(f"{name}: looks like a binary file, not article text", code="binary")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, name)
        return text, [f"legacy_encoding:{encoding}"]


def looks_binary(data: bytes) -> bool:
    """NUL or control bytes make up more than a small share of the first few kilobytes."""
    head = data[:SNIFF_BYTES]
    if not head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 and b != 27)
    return controls / len(head) > BINARY_SHARE


def clean_text(text: str) -> tuple[str, list[str]]:
    """Text without control or invisible formatting characters, newlines normalised."""
    flags = []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned = _C0_C1.sub("", text)
    if cleaned != text:
        flags.append("control_characters_removed")
    visible = _INVISIBLE.sub("", cleaned)
    if visible != cleaned:
        flags.append("invisible_controls_removed")
    return visible, flags


def invisible_controls(text: str) -> bool:
    """Whether text holds control, bidi or zero-width characters (reported, not removed)."""
    return bool(_INVISIBLE.search(text) or _C0_C1.search(text))


def _decode_with(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise EncodingError(
            f"{name}: starts like {encoding} but is not valid {encoding}: {exc.reason}"
        ) from exc


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise EncodingError(f"{name}: not text in any known encoding (binary file?)", code="binary")
    return str(best), best.encoding
