"""Bytes to text: UTF-8 first, then a detected legacy encoding (flagged), never a crash."""

from __future__ import annotations

from ..errors import EncodingError

# Characters that only confuse the parser: NUL and other C0 controls except tab/newline.
_CONTROL = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 0x7F])


def decode_bytes(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decoded text and flags describing what was repaired (legacy encoding, controls)."""
    flags: list[str] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, encoding = _decode_legacy(data, name)
        flags.append(f"legacy_encoding:{encoding}")
    if "\x00" in text[:4096] and text.count("\x00") > len(text) // 10:
        raise EncodingError(f"{name}: looks like a binary file, not article text", code="binary")
    cleaned = text.translate(_CONTROL)
    if cleaned != text:
        flags.append("control_characters_removed")
    return cleaned.replace("\r\n", "\n").replace("\r", "\n"), flags


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise EncodingError(f"{name}: not text in any known encoding (binary file?)", code="binary")
    return str(best), best.encoding
