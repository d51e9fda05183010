"""The structure stage: wire dateline, source line, bylines and photo captions.

Recognised furniture is recorded in ``Document.excluded`` as ``(start, end, why)`` so
that the parser and the event coder never see it; ``why`` is one of ``dateline``,
``source_line``, ``byline``, ``caption``, and for web-page furniture (page.py) ``page``,
``link``, ``heading``, ``fragment`` and ``line_break``. The dateline becomes ``Document.dateline``
(its ``country`` is left for the places stage) and its agency ``Document.source`` when
the document names none. The patterns live in ``ingest/data/furniture.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ..config import Config
from ..dates.resolve import capitalised_months, parse_iso
from ..dates.resolve import lexicon as date_lexicon
from ..document import Dateline, Document
from ..errors import TooLargeError, UnsupportedLanguageError
from ..registry import stage
from ..resources import load_data
from .dateline import agencies, canonical_agency, parse_dateline
from .language import detect_language
from .page import blank_out, headings_and_tail, line_breaks, page_lines

PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
LINE = re.compile(r"[^\n]+")
# A line that ends a sentence, a quotation, a credit or a heading.
SENTENCE_END = re.compile(r"[.!?:;\"\u201d\u2019')\]]$|^[^a-z]*$")
TIME_OR_FULL_DATE = re.compile(
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b|\b[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\b|\b\d{1,2} [A-Z][a-z]{2,8} \d{4}\b"
)
SOURCE_LINE_MAX = 120
BYLINE_MAX = 200
CAPTION_MAX = 300
# A sentence end inside a paragraph (not an initial or abbreviation such as "Feb.").
SENTENCE_INSIDE = re.compile(r"[a-z]{3,}[.!?][\"'\u201d\u2019]?\s+[A-Z]")
# How many leading body paragraphs may precede the dateline (a title line, a kicker).
DATELINE_SEARCH = 3


@dataclass(frozen=True)
class Furniture:
    """Compiled patterns from ``furniture.yaml``."""

    caption_endings: re.Pattern[str]
    caption_openings: re.Pattern[str]
    caption_markers: re.Pattern[str]
    caption_trailing_date: re.Pattern[str]
    bylines: tuple[re.Pattern[str], ...]
    source_words: frozenset[str]


@cache
def furniture() -> Furniture:
    """The packaged furniture patterns, compiled once."""
    data = load_data("ingest", "furniture.yaml")
    names = "|".join(re.escape(name) for name in sorted(data["agencies"], key=len, reverse=True))
    endings = "|".join(
        f"(?:{p.replace('{agencies}', names)})" for p in data["caption_credit_endings"]
    )
    return Furniture(
        caption_endings=re.compile(rf"(?:{endings})[\s.)]*$"),
        caption_openings=re.compile("|".join(f"(?:{p})" for p in data["caption_openings"])),
        caption_markers=re.compile(
            "|".join(f"(?:{p})" for p in data["caption_position_markers"]), re.IGNORECASE),
        caption_trailing_date=re.compile(
            data["caption_trailing_date"].replace("{month}", f"(?:{capitalised_months()})")),
        bylines=tuple(re.compile(p) for p in data["byline_patterns"]),
        source_words=frozenset(str(w).lower() for w in data["source_line_words"]),
    )


def paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of every paragraph, whitespace trimmed.

    A paragraph is a run of non-blank lines; when its lines each end a sentence (one
    paragraph per line, as many feeds write them) every line is its own paragraph, but
    hard-wrapped text (lines ending mid-sentence) stays whole.
    """
    for hit in PARAGRAPH.finditer(text):
        lines = list(LINE.finditer(text, hit.start(), hit.end()))
        pieces = lines if len(lines) > 1 and not _hard_wrapped(lines) else [hit]
        for piece in pieces:
            chunk = piece.group(0)
            start = piece.start() + len(chunk) - len(chunk.lstrip())
            end = piece.end() - (len(chunk) - len(chunk.rstrip()))
            if end > start:
                yield start, end


def _hard_wrapped(lines: list[re.Match[str]]) -> bool:
    """Most lines but the last stop mid-sentence: the text was wrapped at a width."""
    inner = [m.group(0).rstrip() for m in lines[:-1]]
    open_ended = sum(1 for line in inner if not SENTENCE_END.search(line))
    return open_ended * 2 > len(inner)


def classify(paragraph: str) -> str | None:
    """``caption``, ``source_line`` or ``byline`` when a paragraph is furniture, else None."""
    if is_source_line(paragraph):
        return "source_line"
    if is_byline(paragraph):
        return "byline"
    if is_caption(paragraph):
        return "caption"
    return None


def is_caption(paragraph: str) -> bool:
    """A photo caption: ends with a photo credit, or opens like one and ends with a credit."""
    patterns = furniture()
    if patterns.caption_endings.search(paragraph) or patterns.caption_markers.search(paragraph):
        return True
    if len(paragraph) <= CAPTION_MAX and patterns.caption_trailing_date.search(paragraph) \
            and not SENTENCE_INSIDE.search(paragraph.rstrip(". ")):
        return True
    return bool(patterns.caption_openings.search(paragraph)) and paragraph.rstrip(". ").endswith(
        ")"
    )


def is_byline(paragraph: str) -> bool:
    """``By John Smith``, ``(Reporting by …; Editing by …)``, ``Editor: …``."""
    if len(paragraph) > BYLINE_MAX and not paragraph.lstrip("(").startswith(
        ("Reporting", "Additional")
    ):
        return False
    return any(p.search(paragraph.strip()) for p in furniture().bylines)


def is_source_line(paragraph: str) -> bool:
    """``(Xinhua) 13:22, September 19, 2023`` or ``Source: Xinhua | 2023-09-19 13:22``."""
    if len(paragraph) > SOURCE_LINE_MAX or not TIME_OR_FULL_DATE.search(paragraph):
        return False
    rest = TIME_OR_FULL_DATE.sub(" ", paragraph)
    for name in sorted(agencies(), key=len, reverse=True):
        rest = re.sub(rf"\b{re.escape(name)}\b", " ", rest)
    words = re.findall(r"[A-Za-z][A-Za-z.']*", rest)
    dates = date_lexicon()
    unknown = [
        w
        for w in words
        if w.lower().rstrip(".") not in furniture().source_words
        and w.lower().rstrip(".") not in dates.months
        and w.lower().rstrip(".") not in dates.weekdays
    ]
    return len(unknown) <= 3 and all(w[:1].isupper() for w in unknown)


class StructureStage:
    """Marks wire furniture as excluded and reads the dateline."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        if len(doc.text) > self.config.max_article_chars:
            raise TooLargeError(
                f"the article has {len(doc.text):,} characters, over the limit of "
                f"{self.config.max_article_chars:,}; split it or raise max_article_chars"
            )
        self._check_language(doc)
        body = self._mark_furniture(doc)
        self._read_dateline(doc, body)
        return doc

    def _check_language(self, doc: Document) -> None:
        """``meta.language``; an article not in English fails unless ``any_language``.

        A language the input declares (a JSON Lines ``language`` key) is trusted."""
        declared = doc.meta.get("language")
        if isinstance(declared, str) and declared:
            code, supported = declared.lower(), declared.lower().startswith("en")
        else:
            guess = detect_language(doc.text)
            code, supported = guess.code, guess.supported
            doc.meta["language"] = code
        if not supported and not self.config.any_language:
            raise UnsupportedLanguageError(
                f"the article looks like language {code!r}, and only English is coded; "
                "pass --any-language (Config.any_language) to code it anyway"
            )

    def _mark_furniture(self, doc: Document) -> list[tuple[int, int]]:
        """Exclude furniture paragraphs; return the remaining (body) paragraphs."""
        furniture_lines = page_lines(doc.text)
        doc.excluded.extend(furniture_lines)
        text = blank_out(doc.text, furniture_lines)
        pieces = [(s, e) for s, e in paragraphs(text) if not doc.is_excluded(s, e)]
        body = []
        for start, end in pieces:
            why = classify(doc.text[start:end])
            if why is None:
                body.append((start, end))
            else:
                doc.excluded.append((start, end, why))
                self._source_from_furniture(doc, doc.text[start:end])
        page = headings_and_tail(doc.text, body)
        doc.excluded.extend(page)
        doc.excluded.extend(line_breaks(doc.text, pieces))
        whole = {(s, e) for s, e, _ in page}
        return [p for p in body if p not in whole]

    @staticmethod
    def _source_from_furniture(doc: Document, paragraph: str) -> None:
        if doc.source is not None:
            return
        for name, canonical in agencies().items():
            if re.match(rf"^\(?{re.escape(name)}\)", paragraph.strip()):
                doc.source = canonical
                return

    @staticmethod
    def _read_dateline(doc: Document, body: list[tuple[int, int]]) -> None:
        published = parse_iso(doc.published)
        for start, end in body[:DATELINE_SEARCH]:
            found = parse_dateline(doc.text[start:end], published)
            if found is None:
                continue
            span_end = start + len(doc.text[start : start + found.end].rstrip())
            doc.dateline = Dateline(
                place=found.place,
                country=None,
                date=found.date,
                start=start,
                end=span_end,
                source=found.agency,
            )
            doc.excluded.append((start, span_end, "dateline"))
            if found.qualifier:
                doc.meta.setdefault("dateline_qualifier", found.qualifier)
            if doc.source is None and found.agency:
                doc.source = canonical_agency(found.agency)
            return


@stage("structure", requires=("text",), assigns=("dateline", "excluded", "meta"))
def make_structure_stage(config: Config) -> StructureStage:
    """Dateline, source line, byline and caption detection (kept out of the parser's way)."""
    return StructureStage(config)
