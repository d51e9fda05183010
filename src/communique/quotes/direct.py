"""Direct quotations tied to their cues, and reported statements kept apart from them.

A quotation's cue is the nearest cue outside quotation marks in the same paragraph: right
after it (`"...," Baker said.`) or else right before it (`Limbaugh continued: "..."`).
Quotations of one paragraph that share a cue are one attribution (`"A," he said. "B."`),
spanning from the first opening mark to the last closing mark.
"""

from __future__ import annotations

from dataclasses import dataclass

from .detect import Cue
from .marks import QuoteSpan


@dataclass(slots=True)
class Attribution:
    """A statement and its cue, before the speaker is resolved."""

    start: int
    end: int
    direct: bool
    cue: Cue


def overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


def quoted_share(start: int, end: int, spans: list[QuoteSpan]) -> float:
    """How much of ``[start, end)`` lies inside quotation marks."""
    if end <= start:
        return 0.0
    return sum(overlap(start, end, s.start, s.end) for s in spans) / (end - start)


def _inside_quote(position: int, spans: list[QuoteSpan]) -> bool:
    return any(s.start < position < s.end - 1 for s in spans)


def _paragraph_of(position: int, paras: list[tuple[int, int]]) -> tuple[int, int]:
    for start, end in paras:
        if start <= position < end:
            return start, end
    return position, position


def _cue_in(cues: list[Cue], lo: int, hi: int, nearest_last: bool) -> Cue | None:
    found = [c for c in cues if lo <= c.cue_start < hi]
    if not found:
        return None
    return found[-1] if nearest_last else found[0]


def cue_for(span: QuoteSpan, spans: list[QuoteSpan], cues: list[Cue],
            paras: list[tuple[int, int]]) -> Cue | None:
    """The cue of a quotation: first one after it in its paragraph, else the last one before."""
    end_para = _paragraph_of(span.end - 1, paras)
    later = [s.start for s in spans if s.start >= span.end]
    after_hi = min([end_para[1], *later])
    found = _cue_in(cues, span.end, after_hi, nearest_last=False)
    if found is not None:
        return found
    start_para = _paragraph_of(span.start, paras)
    earlier = [s.end for s in spans if s.end <= span.start]
    before_lo = max([start_para[0], *earlier])
    return _cue_in(cues, before_lo, span.start, nearest_last=True)


def direct_attributions(spans: list[QuoteSpan], cues: list[Cue],
                        paras: list[tuple[int, int]]) -> list[Attribution]:
    """One attribution per cue-sharing run of quotations in a paragraph."""
    outside = [c for c in cues if c.speaker_start is not None and not _inside_quote(c.cue_start, spans)]
    found: list[Attribution] = []
    for span in spans:
        cue = cue_for(span, spans, outside, paras)
        if cue is None:
            continue
        last = found[-1] if found else None
        if last is not None and last.cue is cue:
            last.end = span.end
        else:
            found.append(Attribution(span.start, span.end, True, cue))
    return found


def reported_attributions(cues: list[Cue], spans: list[QuoteSpan],
                          direct: list[Attribution]) -> list[Attribution]:
    """Cues whose content is mostly unquoted and not already a direct attribution."""
    found = []
    for cue in cues:
        if not cue.has_content or cue.speaker_start is None:
            continue
        start, end = cue.content_start, cue.content_end
        assert start is not None and end is not None
        if quoted_share(start, end, spans) >= 0.5:
            continue
        if any(overlap(start, end, d.start, d.end) * 2 >= (end - start) for d in direct):
            continue
        found.append(Attribution(start, end, False, cue))
    return found
