"""The quotes stage: direct quotations and reported speech, with resolved speakers."""

from __future__ import annotations

from ..config import Config
from ..document import Document, Quote
from ..registry import stage
from .attribute import SpeakerResolver
from .detect import Cue, find_cues
from .direct import Attribution, direct_attributions, quoted_share, reported_attributions
from .lexicon import cue_lexicon
from .marks import QuoteSpan, find_quote_spans, paragraphs

# what may stand right before a quotation that is a statement of its own
STATEMENT_OPENERS = "\n:,.?!;—–-("
# longest cue between the halves of a split quotation (', said the party spokesman, ')
MAX_SPLIT_GAP = 120


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
    for span in spans:
        if doc.is_excluded(span.start, span.end):
            continue
        if any(s <= span.start and span.end <= e for s, e in reported):
            continue
        is_content = any(span.start <= s and e <= span.end for s, e in whole)
        statement = span.words(doc.text) >= minimum and _reads_as_statement(doc.text, span)
        if is_content or statement or (kept and _continues(doc.text, kept[-1], span)):
            kept.append(span)
    return kept


def _continues(text: str, previous: QuoteSpan, span: QuoteSpan) -> bool:
    """The second half of a split quotation: `"If you ...," he said, "you now have ..."`."""
    between = text[previous.end:span.start]
    return "\n" not in between and len(between) <= MAX_SPLIT_GAP and between.rstrip().endswith(",")


def _reads_as_statement(text: str, span: QuoteSpan) -> bool:
    """A quotation that opens a sentence of its own, not a phrase quoted mid-clause."""
    first = text[span.start + 1:span.end].lstrip(" '\u200b\xa0")[:1]
    if not (first.isupper() or first.isdigit()):
        return False
    before = text[:span.start].rstrip(" \t\xa0")
    return not before or before[-1] in STATEMENT_OPENERS


def find_attributions(doc: Document) -> list[Attribution]:
    """Direct and reported attributions of a parsed document, in text order."""
    spans = find_quote_spans(doc.text)
    cues = find_cues(doc, [(s.start, s.end) for s in spans])
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


@stage("quotes", requires=("segments", "mentions"), assigns=("quotes",))
def make_quotes_stage(config: Config) -> QuoteStage:
    """The quotes stage: direct quotations and reported speech with resolved speakers."""
    return QuoteStage(config)
