"""The quotes stage: direct quotations and reported speech, with resolved speakers."""

from __future__ import annotations

from ..config import Config
from ..document import Document, Quote
from ..registry import stage
from .attribute import SpeakerResolver
from .colon import colon_cues
from .detect import Cue, find_cues
from .direct import (
    CLOSING_MARKS,
    MAX_SPLIT_GAP,
    Attribution,
    direct_attributions,
    quoted_share,
    reported_attributions,
)
from .headline import headline_cue
from .lexicon import cue_lexicon
from .marks import QuoteSpan, find_quote_spans, paragraphs

# what may stand right before a quotation that is a statement of its own
STATEMENT_OPENERS = "\n:,.?!;—–-(\"”’'"
# longest stretch between a one-word reply and its cue ('," the governor answered')
MAX_REPLY_CUE = 40


def _standalone_spans(doc: Document, spans: list[QuoteSpan], cues: list[Cue]) -> list[QuoteSpan]:
    """Quotations that are statements in their own right.

    Drops quotations inside the unquoted content of a reported statement ("that ... 'keep
    it under wraps'") and short quoted bits (scare quotes, titles) unless a cue's whole
    content is that quotation.
    """
    minimum = cue_lexicon().min_direct_words
    reported = [(c.content_start, c.content_end) for c in cues
                if c.has_content and quoted_share(c.content_start, c.content_end, spans) < 0.5]
    whole = [(c.content_start, c.content_end) for c in cues
             if c.has_content and quoted_share(c.content_start, c.content_end, spans) >= 0.5]
    kept: list[QuoteSpan] = []
    for index, span in enumerate(spans):
        if doc.is_excluded(span.start, span.end):
            continue
        if any(s <= span.start and span.end <= e for s, e in reported):
            continue
        is_content = any(span.start <= s and e <= span.end for s, e in whole)
        statement = _reads_as_statement(doc.text, span, cues) and (
            span.words(doc.text) >= minimum or _opens_split(doc.text, spans, index)
            or _cue_follows(doc.text, span, cues))
        if is_content or statement or (kept and _continues(doc.text, kept[-1], span)):
            kept.append(span)
    return kept


def _opens_split(text: str, spans: list[QuoteSpan], index: int) -> bool:
    """A one-word first half of a split quotation (`"That," he added, "promises ..."`)."""
    return index + 1 < len(spans) and _continues(text, spans[index], spans[index + 1])


def _continues(text: str, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """The second half of a split quotation: `"If you ...," he said, "you now have ..."`."""
    between = text[previous.end:span.start]
    return "\n" not in between and len(between) <= MAX_SPLIT_GAP and between.rstrip().endswith(",")


def _reads_as_statement(text: str, span: QuoteSpan, cues: list[Cue]) -> bool:
    """A quotation that opens a sentence of its own, not a phrase quoted mid-clause.

    A capitalised quotation right after a verb of saying also counts (`a man yelled "Stay
    there!"`): informal copy drops the comma.
    """
    first = text[span.start + 1:span.end].lstrip(" '\u200b\xa0")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    before = text[:span.start].rstrip(" \t\xa0")
    if not before or before[-1] in STATEMENT_OPENERS:
        return True
    return any(c.speech and c.cue_end == len(before) for c in cues)


def _cue_follows(text: str, span: QuoteSpan, cues: list[Cue]) -> bool:
    """A one-word reply with its cue right after it (`"Denver," he answered.`)."""
    inner = text[span.start:span.end].rstrip(CLOSING_MARKS)
    if not inner or inner[-1] not in ",!?":
        return False
    return any(c.speech and 0 <= c.cue_start - span.end <= MAX_REPLY_CUE
               and not any(mark in text[span.end:c.cue_start] for mark in ".\n\"“”")
               for c in cues)


def find_attributions(doc: Document) -> list[Attribution]:
    """Direct and reported attributions of a parsed document, in text order."""
    spans = find_quote_spans(doc.text)
    quoted = [(s.start, s.end) for s in spans]
    cues = find_cues(doc, quoted)
    cues = sorted(cues + colon_cues(doc, quoted, cues), key=lambda c: c.cue_start)
    headline = headline_cue(doc)
    if headline is not None:
        # a headline's attribution is one reported statement, its quoted words included
        cues = [c for c in cues if not headline.cue_start <= c.cue_start < headline.content_end]
        cues.insert(0, headline)
        spans = [s for s in spans if not headline.content_start <= s.start < headline.content_end]
    standalone = _standalone_spans(doc, spans, cues)
    direct = direct_attributions(doc.text, standalone, cues, paragraphs(doc.text))
    reported = reported_attributions(cues, spans, direct)
    return sorted(direct + reported, key=lambda a: a.start)


def _to_quote(doc: Document, found: Attribution, resolver: SpeakerResolver) -> Quote | None:
    cue = found.cue
    if cue.speaker_start is None or cue.speaker_end is None:
        return None
    speaker = resolver.resolve(cue.speaker_start, cue.speaker_end, cue.antecedent)
    return Quote(text=doc.text[found.start:found.end], start=found.start, end=found.end,
                 direct=found.direct, cue=cue.cue, speaker=speaker)


def quotes_of(doc: Document) -> list[Quote]:
    """The quotes of a parsed document; speakers resolved in the order they are written."""
    attributions = find_attributions(doc)
    resolver = SpeakerResolver(doc)
    by_speaker = sorted(attributions, key=lambda a: a.cue.speaker_start or 0)
    quotes = [q for a in by_speaker if (q := _to_quote(doc, a, resolver)) is not None]
    return sorted(quotes, key=lambda q: (q.start, q.end))


class QuoteStage:
    """Finds quotes with speakers; needs the parse and (optionally) actor mentions."""

    def __init__(self, config: Config) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:
        doc.quotes = quotes_of(doc)
        return doc


@stage("quotes", requires=("segments", "excluded", "entities", "mentions"), assigns=("quotes",))
def make_quotes_stage(config: Config) -> QuoteStage:
    """The quotes stage: direct quotations and reported speech with resolved speakers."""
    return QuoteStage(config)
