"""Quotation-mark spans found in the raw text (the parser never sees paragraph joins).

A span runs from its opening mark to its closing mark, both included, as news
annotation (PolNeAR) marks direct quotes. A quotation left open at the end of a paragraph
continues when the next paragraph opens with a quotation mark (the newspaper convention
for a quotation running over several paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“«„"
DOUBLE_CLOSE = "”»"
DOUBLE_EITHER = '"'
SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
SINGLE_EITHER = "'"
# characters after which a straight quote opens rather than closes
OPENING_CONTEXT = " \t\n\xa0([{—–-/"
LINE = re.compile(r"[^\n]+")
TWO_APOSTROPHES = "''"
NEUTRAL = "\u200b"


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """A quotation: ``[start, end)`` includes both marks; ``paragraph`` is where it opens."""

    start: int
    end: int
    paragraph: int

    def words(self, text: str) -> int:
        return len(text[self.start : self.end].split())


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each non-blank line (news text puts one paragraph per line)."""
    spans = []
    for match in LINE.finditer(text):
        if match.group().strip():
            spans.append((match.start(), match.end()))
    return spans


def _is_opening(text: str, pos: int, para_start: int) -> bool:
    char = text[pos]
    if char in DOUBLE_OPEN or char in SINGLE_OPEN:
        return True
    if char in DOUBLE_CLOSE or char in SINGLE_CLOSE:
        return _misused_close(text, pos, para_start)
    return pos == para_start or text[pos - 1] in OPENING_CONTEXT


def _misused_close(text: str, pos: int, para_start: int) -> bool:
    """A closing double mark typed where an opening one belongs (a paragraph opening ”Mr.)."""
    after = text[pos + 1:pos + 2]
    return text[pos] in DOUBLE_CLOSE and pos == para_start and after.isalnum()


def _mark_positions(text: str, start: int, end: int, kinds: str) -> list[int]:
    return [i for i in range(start, end) if text[i] in kinds]


def _single_marks(text: str, start: int, end: int) -> list[int]:
    """Single quotation marks that are not apostrophes inside or after a word."""
    marks = []
    for i in _mark_positions(text, start, end, SINGLE_OPEN + SINGLE_CLOSE + SINGLE_EITHER):
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if before.isalnum() and after.isalnum():
            continue  # don't, Clinton’s
        if _is_opening(text, i, start) and after.isspace():
            continue
        marks.append(i)
    return marks


def _marks_of(text: str, start: int, end: int) -> list[int]:
    doubles = _mark_positions(text, start, end, DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_EITHER)
    return doubles if doubles else _single_marks(text, start, end)


def _opens_with_quote(text: str, start: int, open_mark: str) -> bool:
    """Whether a paragraph continues a quotation opened with ``open_mark`` (same style)."""
    first = text[start:start + 1]
    for family in (DOUBLE_OPEN, DOUBLE_EITHER, SINGLE_OPEN, SINGLE_EITHER):
        if open_mark in family:
            return bool(first) and first in family
    return False


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Every quotation in ``text``, in order, including multi-paragraph ones.

    Two apostrophes (``''``, a typewriter convention some papers keep) count as one
    straight double mark.
    """
    if TWO_APOSTROPHES not in text:
        return _scan(text)
    # same length, so offsets hold: the second apostrophe becomes a neutral character
    scanned = _scan(text.replace(TWO_APOSTROPHES, '"' + NEUTRAL))
    return [QuoteSpan(s.start, s.end + 1, s.paragraph) if text[s.end - 1:s.end + 1] == TWO_APOSTROPHES
            else s for s in scanned]


def _nested_curly(text: str, open_at: int, pos: int, para_end: int) -> bool:
    """A curly pair inside a straight-quoted quotation that closes later in the paragraph.

    `"The Department isn't about “Equal Justice” anymore."`: the inner marks are a quotation
    within the quotation, not its end; a lone `”` after `"` (mixed typing) closes it.
    """
    if text[open_at] != DOUBLE_EITHER or text[pos] == DOUBLE_EITHER:
        return False
    if text[pos] in DOUBLE_CLOSE:  # closes an inner “...” opened since, else the quotation
        inside = text[open_at:pos]
        return sum(inside.count(m) for m in DOUBLE_OPEN) > sum(inside.count(m) for m in DOUBLE_CLOSE)
    closing = min((text.find(m, pos + 1, para_end) for m in DOUBLE_CLOSE
                   if text.find(m, pos + 1, para_end) >= 0), default=-1)
    return closing >= 0 and DOUBLE_EITHER in text[closing + 1:para_end]


def _scan(text: str) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    paras = paragraphs(text)
    open_at: int | None = None
    open_para = 0
    for index, (p_start, p_end) in enumerate(paras):
        if open_at is not None and not _opens_with_quote(text, p_start, text[open_at]):
            open_at = None  # an unclosed quotation not continued: ignore it
        for pos in _marks_of(text, p_start, p_end):
            opening = _is_opening(text, pos, p_start)
            if open_at is not None and _nested_curly(text, open_at, pos, p_end):
                continue
            if open_at is None:
                if opening:
                    open_at, open_para = pos, index
            elif opening and pos == p_start and open_para != index:
                continue  # the continuation mark of a multi-paragraph quotation
            elif opening and text[pos - 1].isspace():
                open_at, open_para = pos, index  # the earlier mark was never closed
            else:
                spans.append(QuoteSpan(open_at, pos + 1, open_para))
                open_at = None
    return spans
