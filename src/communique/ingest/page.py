"""Web-page furniture in article text: buttons, links, labels, headings, cut-off tails.

Text copied from web pages keeps lines that are not the article: "Share this article",
"Read more", "Image caption,", credit lines, headlines of related articles in the middle
of the text, and a last sentence cut off where an excerpt ends ("Further consultations
am"). The structure stage excludes them so that no event is coded from them. A line
break between two lines of one block (a headline over its first paragraph) is a
sentence boundary: recorded as an excluded ``line_break`` so that the parser never
joins the two lines into one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..resources import load_data
from .dateline import agencies

# A line that ends a sentence, a quotation or a parenthesis.
ENDS_SENTENCE = re.compile(r"[.!?:;\"\u201d\u2019')\]]\s*$")
SENTENCE_BREAK = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=\S)")
PAGE_LINE_MAX = 200
LINK_MAX = 140
LINE = re.compile(r"[^\n]+")
BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
# A headline line is at most this share of its block's widest line.
HEADLINE_WIDTH = 0.75
HEADING_MAX_WORDS = 16
# A body paragraph (where the article proper begins) has at least this many words.
BODY_MIN_WORDS = 6
# a line of at most this many words between the headline and the body is a picture's label
LABEL_MAX_WORDS = 4
# A cut-off tail this short holds no whole clause ("Further consultations am"); a longer one
# usually states its event before the cut ("... after Zelensky met with Biden last De") and
# is kept.
FRAGMENT_MAX_WORDS = 8

Span = tuple[int, int, str]


@dataclass(frozen=True)
class PagePatterns:
    """Compiled ``page_lines``, ``caption_labels`` and ``link_endings`` (furniture.yaml)."""

    lines: re.Pattern[str]
    caption_labels: re.Pattern[str]
    link_endings: re.Pattern[str]
    continuation_words: frozenset[str]


@cache
def page_patterns() -> PagePatterns:
    data = load_data("ingest", "furniture.yaml")
    names = "|".join(re.escape(n) for n in sorted(agencies(), key=len, reverse=True))

    def alternation(key: str) -> str:
        return "|".join(f"(?:{p.replace('{agencies}', names)})" for p in data[key])

    return PagePatterns(
        lines=re.compile(rf"(?:{alternation('page_lines')})\s*", re.IGNORECASE),
        caption_labels=re.compile(rf"(?:{alternation('caption_labels')})\s*", re.IGNORECASE),
        link_endings=re.compile(alternation("link_endings")),
        continuation_words=frozenset(str(w).lower() for w in data["continuation_words"]),
    )


def page_line_kind(line: str) -> str | None:
    """``page`` for a button, label or credit line, ``link`` for a related-article link."""
    patterns = page_patterns()
    if len(line) <= PAGE_LINE_MAX and patterns.lines.fullmatch(line):
        return "page"
    if len(line) <= LINK_MAX and patterns.link_endings.search(line) \
            and not SENTENCE_BREAK.search(line):
        return "link"  # a headline cut short: one phrase, no sentence inside
    return None


def page_lines(text: str) -> list[Span]:
    """Every line of ``text`` that is a button, label, credit or related-article link, and
    the line after a caption label."""
    patterns = page_patterns()
    found: list[Span] = []
    after_label = False
    for line in LINE.finditer(text):
        content = line.group(0).strip()
        if not content:
            continue
        start = line.start() + line.group(0).index(content)
        kind = "caption" if after_label else page_line_kind(content)
        after_label = bool(patterns.caption_labels.fullmatch(content))
        if kind is not None:
            found.append((start, start + len(content), kind))
    return found


def blank_out(text: str, spans: list[Span]) -> str:
    """``text`` with the spans replaced by spaces (offsets and line breaks unchanged)."""
    chars = list(text)
    for start, end, _ in spans:
        chars[start:end] = [" " if ch != "\n" else ch for ch in text[start:end]]
    return "".join(chars)


def headings_and_tail(text: str, body: list[tuple[int, int]]) -> list[Span]:
    """Lines with no sentence end inside the body (subheadings, links to other articles)
    are ``heading``; an unfinished last paragraph loses a short unfinished tail (``fragment``)."""
    first = next((i for i, (s, e) in enumerate(body) if _is_body_paragraph(text[s:e])), None)
    if first is None:
        return []
    found: list[Span] = []
    for (start, end), (after, _) in zip(body[first + 1 : -1], body[first + 2 :], strict=True):
        if _is_heading(text[start:end], text[after:after + 1]):
            found.append((start, end, "heading"))
    # between the headline and the first body paragraph, a label of a few words is the lead
    # picture's caption ("Protests in Lima"), not a second headline
    found.extend((start, end, "caption") for start, end in body[1:first]
                 if len(text[start:end].split()) <= LABEL_MAX_WORDS
                 and not ENDS_SENTENCE.search(text[start:end]))
    tail = _unfinished_tail(text, *body[-1])
    if tail is not None and (tail[0] > body[-1][0] or len(body) > 1) \
            and len(text[tail[0]:tail[1]].split()) < FRAGMENT_MAX_WORDS:
        found.append((*tail, "fragment"))
    return found


def _is_heading(line: str, next_char: str) -> bool:
    """A short line with no sentence end, not continued on the next line."""
    return (len(line.split()) <= HEADING_MAX_WORDS and not ENDS_SENTENCE.search(line)
            and not line.rstrip().endswith(",") and not next_char.islower())


def _is_body_paragraph(paragraph: str) -> bool:
    return bool(ENDS_SENTENCE.search(paragraph)) and len(paragraph.split()) >= BODY_MIN_WORDS


def _unfinished_tail(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The words after the last sentence end of a paragraph that stops mid-sentence."""
    paragraph = text[start:end]
    if ENDS_SENTENCE.search(paragraph) or page_patterns().link_endings.search(paragraph):
        return None
    breaks = list(SENTENCE_BREAK.finditer(paragraph))
    return (start + breaks[-1].end(), end) if breaks else (start, end)


def line_breaks(text: str, pieces: list[tuple[int, int]]) -> list[Span]:
    """The single line breaks between consecutive paragraphs of one block of lines, and
    after a headline on the first line of a block ("Rebels seize town\nRebels seized ...")."""
    found: list[Span] = []
    for (_, end), (start, _) in zip(pieces, pieces[1:], strict=False):
        if text.count("\n", end, start) == 1:
            found.append((end, start, "line_break"))
    for block in BLOCK.finditer(text):
        lines = list(LINE.finditer(text, block.start(), block.end()))
        if len(lines) > 1 and not _wrapped(lines[1:]) and _is_headline_over(
                lines[0].group(0), lines[1].group(0), max(len(m.group(0)) for m in lines)):
            span = (lines[0].end(), lines[1].start(), "line_break")
            if span not in found:
                found.append(span)
    return found


def _wrapped(lines: list[re.Match[str]]) -> bool:
    """Most lines but the last stop mid-sentence: hard-wrapped text, not one line each."""
    inner = [m.group(0) for m in lines[:-1]]
    return sum(1 for line in inner if not ENDS_SENTENCE.search(line)) * 2 > len(inner)


def _is_headline_over(first: str, second: str, widest: int) -> bool:
    """A first line with no sentence end, clearly shorter than the block's wrap width,
    over a line that starts a sentence: a headline, not a hard-wrapped line."""
    words = first.split()
    return (not ENDS_SENTENCE.search(first) and len(first.strip()) <= HEADLINE_WIDTH * widest
            and second.lstrip()[:1].isupper()
            and words[-1].lower() not in page_patterns().continuation_words)
