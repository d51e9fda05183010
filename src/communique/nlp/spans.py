"""Finding the parse behind a stretch of the document: its segment, and the token heading it."""

from __future__ import annotations

from typing import Any

from ..document import Segment


def segment_holding(segments: list[Segment], position: int) -> Segment | None:
    """The parsed segment holding the document offset ``position``, or None."""
    for segment in segments:
        if segment.parse is not None and segment.start <= position < segment.end:
            return segment
    return None


def token_at(parse: Any, offset: int, start: int, end: int) -> Any:
    """The syntactic head of the tokens covering ``[start, end)`` (document offsets of a parse
    that starts at ``offset``), or None."""
    span = parse.char_span(start - offset, max(end, start + 1) - offset, alignment_mode="expand")
    return span.root if span is not None and len(span) else None
