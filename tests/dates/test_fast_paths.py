"""The dates stage's shortcuts give exactly what the plain forms give."""

from __future__ import annotations

from datetime import date

from communique.config import Config
from communique.dates.resolve import resolve_date
from communique.dates.stage import ParsedSegments, date_entities, find_expressions, parse_length
from communique.pipeline import Pipeline, make_document

TEXT = (
    "BEIJING, Sept. 19 (Xinhua) -- Wang Yi met Sergei Lavrov on Monday, two days after "
    "talks on 12 March 2023.\n\nThey will meet again next week and in October."
)


def test_parse_length_and_cached_entities_agree_with_spacy() -> None:
    doc = Pipeline(Config(stages=("structure", "nlp")))(make_document(TEXT, published="2023-09-19"))
    segments = ParsedSegments(doc)
    for segment in doc.segments:
        parse = segment.parse
        assert parse_length(parse) == len(parse.text)
        cached = segments.entities(segment)
        assert cached is segments.entities(segment)
        assert cached == date_entities(parse, segment.start)
        start, end = segment.start, segment.start + len(parse.text)
        assert find_expressions(doc, parse, segment.start, start, end, cached) == find_expressions(
            doc, parse, segment.start, start, end
        )


def test_resolve_date_is_cached_and_unchanged() -> None:
    anchor = date(2023, 9, 19)
    first = resolve_date("on Monday", anchor, "past")
    assert first == ("2023-09-18", "day")
    assert resolve_date("on Monday", anchor, "past") == first
    assert resolve_date("on Monday", anchor, "future") == ("2023-09-25", "day")
