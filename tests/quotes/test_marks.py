"""Quotation-mark spans from raw text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from communique.quotes.marks import find_quote_spans, paragraphs


def _texts(text: str) -> list[str]:
    return [text[s.start:s.end] for s in find_quote_spans(text)]


def test_curly_split_quote_gives_two_spans() -> None:
    text = "“We are ready,” he said, “to talk.”"
    assert _texts(text) == ["“We are ready,”", "“to talk.”"]


def test_straight_quotes_open_after_space_and_close_after_word() -> None:
    text = 'Baker said: "This is the period of time." Then he left.'
    assert _texts(text) == ['"This is the period of time."']


def test_quote_running_over_paragraphs() -> None:
    text = '"First paragraph of the quote.\n\n"Second paragraph," she said.'
    assert _texts(text) == ['"First paragraph of the quote.\n\n"Second paragraph,"']


def test_unclosed_quote_not_continued_is_dropped() -> None:
    text = '"An unclosed quote\nA plain paragraph.'
    assert _texts(text) == []


def test_apostrophes_are_not_quotes() -> None:
    assert _texts("Clinton’s aides and the workers' union don't agree.") == []


def test_paragraphs_are_lines() -> None:
    assert paragraphs("a\n\nb c\n") == [(0, 1), (3, 6)]


@given(st.text(alphabet='ab "“”\'\n.,', max_size=80))
def test_spans_are_ordered_and_inside_text(text: str) -> None:
    spans = find_quote_spans(text)
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:], strict=False))


def test_two_apostrophes_are_a_double_mark() -> None:
    text = "''This isn't tax reform,'' said Mr. Holtz-Eakin."
    assert _texts(text) == ["''This isn't tax reform,''"]


def test_paragraph_continuation_needs_the_same_kind_of_mark() -> None:
    text = '"An unclosed straight quote\n“Curly one,” she said.'
    assert _texts(text) == ["“Curly one,”"]


def test_closing_curly_mark_opening_a_paragraph_opens_a_quote() -> None:
    text = "Intro.\n”Mr. Trump embodies the legacy of racism.” ― Sonya Herridge"
    assert _texts(text) == ["”Mr. Trump embodies the legacy of racism.”"]


def test_curly_marks_nested_in_a_straight_quote() -> None:
    text = '"The department is not about “Equal Justice” anymore," Ward said.'
    assert _texts(text) == ['"The department is not about “Equal Justice” anymore,"']


def test_straight_opening_closed_by_a_curly_mark() -> None:
    text = '"I was hoping to see more,” Graham said. “So I was disappointed.”'
    assert _texts(text) == ['"I was hoping to see more,”', "“So I was disappointed.”"]
