"""How a date hangs on a trigger in the parse (dates/attach.py), on sentences written here."""

from __future__ import annotations

import pytest

from communique.dates.attach import attachment, clause_tense, in_noun_clause
from communique.nlp.spacy_stage import load_spacy


@pytest.fixture(scope="module")
def parse():
    nlp = load_spacy()
    return lambda text: nlp(text)


def _word(doc, text: str):
    return next(t for t in doc if t.text == text)


@pytest.mark.parametrize(("text", "word", "tense"), [
    ("The ministers will meet in Paris.", "meet", "future"),
    ("The ministers met in Paris.", "met", "past"),
    ("The president plans to visit Kenya.", "visit", "future"),
    ("Rebels are attacking the town.", "attacking", "present"),
])
def test_clause_tense(parse, text: str, word: str, tense: str) -> None:
    doc = parse(text)
    assert clause_tense(_word(doc, word)) == tense


def test_a_date_on_the_trigger_is_closer_than_one_elsewhere(parse) -> None:
    doc = parse("Troops attacked the village on Monday after talks in March.")
    attacked = _word(doc, "attacked")
    assert attachment(_word(doc, "Monday"), attacked) < attachment(_word(doc, "March"), attacked)


def test_a_date_in_a_clause_on_another_noun_is_that_nouns(parse) -> None:
    doc = parse("Kenya backed the pact, which was agreed last year.")
    assert in_noun_clause(_word(doc, "year"), _word(doc, "backed"))
