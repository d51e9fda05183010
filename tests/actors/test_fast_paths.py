"""The actors stage's indexes give exactly what the plain (slower) forms give."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from communique.actors.lexicon import Lexicon, Match, Token, get_lexicon, tokenize
from communique.actors.stage import _MentionIndex, _ParseIndex
from communique.config import Config
from communique.document import Document, Mention
from communique.pipeline import Pipeline, make_document

WORDS = ["the", "Russian", "Foreign", "Minister", "United", "Nations", "Security", "Council",
         "US", "us", "officials", "said", "and", "two", "sides", "of", "Syrian", "Democratic",
         "Forces", "police", "in", "Baghdad", "Prime", "minister", "Beijing", "."]


def naive_scan(lex: Lexicon, tokens: list[Token], ignore_case: bool = False) -> list[Match]:
    """The scan as first written: every window up to the longest phrase, longest first."""
    found: list[Match] = []
    i = 0
    while i < len(tokens):
        for size in range(min(lex.max_len, len(tokens) - i), 0, -1):
            entry = lex.lookup(tokens[i : i + size], ignore_case)
            if entry is not None:
                found.append(Match(tokens[i].start, tokens[i + size - 1].end, entry, i, i + size - 1))
                i += size
                break
        else:
            i += 1
    return found


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.booleans())
def test_scan_matches_the_naive_scan(words: list[str], ignore_case: bool) -> None:
    lex = get_lexicon()
    tokens = tokenize(" ".join(words))
    assert lex.scan(tokens, ignore_case) == naive_scan(lex, tokens, ignore_case)


def test_longest_from_covers_every_phrase() -> None:
    lex = get_lexicon()
    for key in list(lex.index)[:5000]:
        assert lex.longest_from[key[0]] >= len(key)


spans = st.tuples(st.integers(0, 60), st.integers(1, 15)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(spans, max_size=20), spans)
def test_mention_index_matches_document_mention_at(bounds: list[tuple[int, int]],
                                                    query: tuple[int, int]) -> None:
    doc = Document(text="x" * 80)
    doc.mentions = sorted((Mention("x", s, e, "name") for s, e in bounds),
                          key=lambda m: (m.start, -m.end))
    assert _MentionIndex(doc.mentions).at(*query) is doc.mention_at(*query)


@pytest.fixture(scope="module")
def parsed() -> Document:
    text = ("Chinese Foreign Minister Wang Yi met Sergei Lavrov in Moscow on Monday. "
            "The two sides discussed Ukraine, the United Nations and the BRICS summit in "
            "South Africa. Lavrov said Russia and China would meet again in Beijing in October.")
    return Pipeline(Config(stages=("structure", "nlp")))(make_document(text))


def test_parse_index_reads_sentences_and_entities_as_spacy_does(parsed: Document) -> None:
    for segment in parsed.segments:
        index = _ParseIndex(segment.parse)
        assert index.starts == [t.idx for t in segment.parse]
        assert index.lengths == [len(t.text) for t in segment.parse]
        for sent in segment.parse.sents:
            assert index.text[sent.start_char : sent.end_char] == sent.text
            assert index.entities_in(sent) == [(e.start_char, e.end_char, e.label_) for e in sent.ents]
