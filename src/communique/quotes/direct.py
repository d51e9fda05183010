"""Direct quotations tied to their cues, and reported statements kept apart from them.

A quotation's cue is the nearest cue outside quotation marks in the same paragraph: right
after it (`"...," Baker said.`) or else right before it (`Limbaugh continued: "..."`).
Quotations of one paragraph that share a cue are one attribution (`"A," he said. "B."`),
spanning from the first opening mark to the last closing mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .detect import Cue
from .lexicon import cue_lexicon
from .marks import QuoteSpan

# longest cue between the halves of a split quotation (', said the party spokesman, ')
MAX_SPLIT_GAP = 120
SENTENCE_BREAK = re.compile(r"[.?!][\s\"”’]")
CLOSING_MARKS = "\"'”’»\u200b"

# a quotation signed with a dash and a name ending the paragraph: '"..." ― Esther Tapia'
SIGNATURE = re.compile(
    r"[ \t\xa0]*(―|—|--)[ \t\xa0]*([A-Z][\w.'’-]*(?:[ \t\xa0]+[A-Z][\w.'’-]*){0,4})[ \t\xa0]*$")


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
    found = [c for c in cues if lo <= c.cue_start < hi and (nearest_last or not c.introduces_only)]
    if not found:
        return None
    return found[-1] if nearest_last else found[0]


def cue_for(text: str, span: QuoteSpan, spans: list[QuoteSpan], cues: list[Cue],
            paras: list[tuple[int, int]]) -> Cue | None:
    """The cue of a quotation: first one after it in its paragraph, else the last one before."""
    end_para = _paragraph_of(span.end - 1, paras)
    signed = SIGNATURE.match(text, span.end, end_para[1])
    if signed:
        return Cue(signed.group(1), signed.start(1), signed.end(1), signed.start(2), signed.end(2),
                   None, None)
    later = [s.start for s in spans if s.start >= span.end]
    after_hi = min([end_para[1], *later])
    found = _cue_in(cues, span.end, after_hi, nearest_last=False)
    if found is not None and not (after_hi < end_para[1]
                                  and _ends_sentence(text, span.start, span.end)):
        return found
    start_para = _paragraph_of(span.start, paras)
    earlier = [s.end for s in spans if s.end <= span.start]
    before_lo = max([start_para[0], *earlier])
    found = _cue_in(cues, before_lo, span.start, nearest_last=True)
    if found is None and before_lo == start_para[0]:
        found = _introducing_cue(text, start_para, cues, paras)
    return found


def _ends_sentence(text: str, start: int, end: int) -> bool:
    """A quotation closing on a full stop: a cue after it opens the next sentence.

    In `"... continue." He added, "And ..."` the cue belongs to the quotation after it.
    """
    return text[start:end].rstrip(CLOSING_MARKS).endswith(".")


def _introducing_cue(text: str, para: tuple[int, int], cues: list[Cue],
                     paras: list[tuple[int, int]]) -> Cue | None:
    """The cue of the paragraph right before, when it ends in a colon ("He said:")."""
    index = paras.index(para) if para in paras else 0
    if index == 0:
        return None
    p_start, p_end = paras[index - 1]
    if not text[p_start:p_end].rstrip().endswith(":"):
        return None
    return _cue_in(cues, p_start, p_end, nearest_last=True)


def direct_attributions(text: str, spans: list[QuoteSpan], cues: list[Cue],
                        paras: list[tuple[int, int]]) -> list[Attribution]:
    """One attribution per cue-sharing run of quotations in a paragraph."""
    outside = [c for c in cues if c.speech and c.speaker_start is not None
               and not _inside_quote(c.cue_start, spans)]
    found: list[Attribution] = []
    starts = {start for start, _ in paras}
    for span in spans:
        cue = cue_for(text, span, spans, outside, paras)
        last = found[-1] if found else None
        if cue is None and last is not None and _continues_speech(text, last, span, starts):
            last.end = span.end  # a further paragraph of the same speaker's quotation
        elif cue is None:
            continue
        elif last is not None and (last.cue is cue or _split_around_cue(text, last, span)
                                   or _same_speaker_again(text, last, cue, span)):
            last.end = span.end
        else:
            found.append(Attribution(span.start, span.end, not _woven_in(text, span), cue))
    return found


def _woven_in(text: str, span: QuoteSpan) -> bool:
    """A mixed quotation: a lower-case fragment carrying on the reporter's own clause.

    `Cruz said Trump "relentlessly attacks us"` reports speech in the reporter's syntax with
    quoted words; PolNeAR annotates it as indirect.
    """
    first = text[span.start + 1:span.end].lstrip(" '\u200b\xa0‘")[:1]
    before = text[:span.start].rstrip(" \t\xa0")[-1:]
    return first.islower() and before.isalpha()


def _split_around_cue(text: str, last: Attribution, span: QuoteSpan) -> bool:
    """The second half of `"A," he said, "B"`: only its cue and commas lie between."""
    between = text[last.end:span.start]
    return (_one_sentence(between) and len(between) <= MAX_SPLIT_GAP
            and between.rstrip().endswith(",") and last.end <= last.cue.cue_start < span.start)


def _one_sentence(between: str) -> bool:
    """No paragraph or sentence break between two quotations ('," she said, adding ... "')."""
    return "\n" not in between and SENTENCE_BREAK.search(between) is None


def _same_speaker_again(text: str, last: Attribution, cue: Cue, span: QuoteSpan) -> bool:
    """A quotation resumed after its speaker's cue in the same paragraph.

    `"A," she said, adding that ... "B."` / `"A," said X, who noted ... "B."`: the cue
    before the second half lies after the first half and names the same speaker (the
    borrowed subject, a pronoun or relative, or the same surname).
    """
    if not _one_sentence(text[last.end:span.start]) or not last.end <= cue.cue_start < span.start:
        return False
    if _ends_sentence(text, last.start, last.end):
        return False  # `"... continue." He added, "..."`: a new sentence, a new attribution
    first, second = last.cue, cue
    if first.speaker_start is None or second.speaker_start is None:
        return False
    if (first.speaker_start, first.speaker_end) == (second.speaker_start, second.speaker_end):
        return True
    words = text[second.speaker_start:second.speaker_end].split()
    earlier = text[first.speaker_start:first.speaker_end].split()
    return bool(words) and (words[-1].lower() in cue_lexicon().pronouns
                            or bool(earlier) and words[-1] == earlier[-1])


def _continues_speech(text: str, last: Attribution, span: QuoteSpan, starts: set[int]) -> bool:
    """A cue-less quotation opening the paragraph right after a direct attribution."""
    if span.start not in starts:
        return False
    between = text[last.end:span.start]
    return between.count("\n") <= 2 and not between.strip(" \t\xa0\n") or _only_cue_left(between)


def _only_cue_left(between: str) -> bool:
    """Only the rest of the cue's own sentence lies between ('," she said.\n')."""
    return "\n" in between and "\n" not in between.rstrip("\n \t\xa0") and len(between) <= MAX_TAIL


# longest tail of a cue sentence after a quotation ('," Viguerie tells Breitbart News.')
MAX_TAIL = 160


def reported_attributions(cues: list[Cue], spans: list[QuoteSpan],
                          direct: list[Attribution]) -> list[Attribution]:
    """Cues with a content that is not already a direct attribution.

    A content that mixes reporting and quoting ("said she expects the campaign 'to ...'")
    is reported speech, as PolNeAR annotates it.
    """
    found = []
    for cue in cues:
        if not cue.has_content or cue.speaker_start is None:
            continue
        start, end = cue.content_start, cue.content_end
        assert start is not None and end is not None
        if _inside_quote(cue.cue_start, spans):
            continue  # speech reported inside a quotation belongs to the quoted speaker
        # a content that is wholly a quotation was taken as a direct attribution above
        if any(overlap(start, end, d.start, d.end) * 2 >= (end - start) for d in direct):
            continue
        found.append(Attribution(start, end, False, cue))
    return found
