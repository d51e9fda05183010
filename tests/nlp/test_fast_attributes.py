"""The fast attribute-ruler matcher finds exactly what spaCy's Matcher finds."""

from __future__ import annotations

import pytest
import spacy

from communique.nlp.fast_attributes import FastAttributeMatcher, speed_up_attribute_ruler
from communique.nlp.spacy_stage import load_spacy

TEXTS = [
    "MOSCOW, Sept. 18 (Xinhua) -- Chinese Foreign Minister Wang Yi met Sergei Lavrov.",
    "y'all gonna go, ain't it? Let's c'm on, there is gotta be   more.\n It gets got.",
    "Police said that the protesters, whose leaders were arrested, would not leave.",
    "",
    "  \n\n ",
]


@pytest.fixture(scope="module")
def stock():
    return load_spacy(fast_attributes=False)


def test_matches_equal_the_rulers_own(stock) -> None:
    ruler = stock.get_pipe("attribute_ruler")
    fast = FastAttributeMatcher(ruler)
    with stock.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        for doc in stock.pipe(TEXTS):
            assert fast(doc) == ruler.match(doc)


def test_annotations_are_identical_to_stock_spacy(stock) -> None:
    def annotations(nlp):
        return [[(t.pos_, t.tag_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]
                for doc in nlp.pipe(TEXTS)]

    fast = load_spacy()
    assert fast is not stock
    assert annotations(fast) == annotations(stock)


def test_unsupported_patterns_keep_the_matcher() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "very", "OP": "+"}]], {"POS": "ADV"})
    original = ruler.match
    assert speed_up_attribute_ruler(nlp) is None
    assert ruler.match == original
