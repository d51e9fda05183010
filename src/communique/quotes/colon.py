"""Quotations introduced by a colon, with or without a verb of saying.

`Trump leaned in and boomed: "..."`, `Republican pollster Daron Shaw: "..."` or a paragraph
ending in `Cruz called them on it:` before a quoted paragraph: the colon is the cue, and the
speaker is the subject of the clause before it (the clause's own noun when it has no verb).
"""

from __future__ import annotations

from typing import Any

from .detect import Cue, mention_tokens, span_of, subject_of_clause

OPENING_MARKS = "\"“‘'«„"
# whitespace allowed between a colon and the quotation it introduces (one paragraph break)
GAP = " \t\xa0\u200b\n"
MAX_GAP = 6


def introduces_quotation(text: str, colon: int, quote_starts: set[int]) -> bool:
    """Whether the colon at ``colon`` is followed by a quotation (here or next paragraph)."""
    at = colon + 1
    while at < len(text) and at - colon <= MAX_GAP and text[at] in GAP:
        at += 1
    return at in quote_starts and text[at] in OPENING_MARKS and text[colon + 1:at].count("\n") <= 2


def _clause_heads(prefix: list[Any]) -> list[Any]:
    inside = {t.i for t in prefix}
    return [t for t in prefix if t.head.i not in inside or t.head.i == t.i]


def _speaker_of(prefix: list[Any]) -> Any | None:
    """A name right before the colon ("... pollster Daron Shaw:"), else the clause subject."""
    words = [t for t in prefix if not (t.is_punct or t.is_space)]
    if words and words[-1].pos_ == "PROPN":
        return _name_head(words[-1], prefix)
    heads = [t for t in _clause_heads(prefix) if not (t.is_punct or t.is_space)]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")]
    if verbs:
        return subject_of_clause(verbs[-1])
    return None


def _name_head(token: Any, prefix: list[Any]) -> Any:
    inside = {t.i for t in prefix}
    while token.dep_ in ("compound", "flat") and token.head.i in inside:
        token = token.head
    return token


def colon_cue(offset: int, colon: Any, quoted_at: Any) -> Cue | None:
    """A cue for the quotation the colon token introduces, or None without a speaker."""
    prefix = []
    for token in reversed(colon.doc[colon.sent.start:colon.i]):
        if quoted_at(token) or token.is_quote:
            break
        prefix.insert(0, token)
    speaker = _speaker_of(prefix) if prefix else None
    if speaker is None or quoted_at(speaker):
        return None
    s_start, s_end = span_of(offset, mention_tokens(speaker))
    at = offset + colon.idx
    return Cue(":", at, at + 1, s_start, s_end, None, None, introduces_only=True)


def colon_cues(doc: Any, quoted: list[tuple[int, int]], cues: list[Cue]) -> list[Cue]:
    """Colon cues of a parsed document for quotations no verb cue before them claims."""
    starts = {s for s, _ in quoted}

    def quoted_at(token: Any) -> bool:
        at = offset + token.idx
        return any(s < at < e for s, e in quoted)

    found = []
    for offset, sent in doc.sentences():
        sent_start = offset + sent.start_char
        for token in sent:
            at = offset + token.idx
            if token.text != ":" or quoted_at(token) or not introduces_quotation(doc.text, at, starts):
                continue
            if any(c.speech and sent_start <= c.cue_start < at for c in cues):
                continue  # "X said:" already has its cue
            cue = colon_cue(offset, token, quoted_at)
            if cue is not None:
                found.append(cue)
    return found
