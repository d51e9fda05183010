from hypothesis import given
from hypothesis import strategies as st

from communique.actors.lexicon import case_of, fold, get_lexicon, phrase_key, plural_forms, tokenize


def test_tokenize_keeps_offsets_and_dotted_acronyms():
    tokens = tokenize("The U.S. envoy, Russia's man", offset=10)
    assert [t.norm for t in tokens] == ["the", "us", "envoy", "russia", "s", "man"]
    assert tokens[1].start == 14 and tokens[1].raw == "U.S."


@given(st.text(max_size=200))
def test_tokenize_offsets_point_into_the_text(text):
    for token in tokenize(text):
        assert text[token.start : token.end] == token.raw


def test_plural_forms():
    assert plural_forms("minister") == ["ministers"]
    assert plural_forms("militia") == ["militias"]
    assert plural_forms("secret police") == ["secret polices"]
    assert plural_forms("authority") == ["authorities"]


def test_case_of():
    assert case_of("US") == "acronym"
    assert case_of("Kremlin") == "proper"
    assert case_of("minister") == "any"


def test_acronyms_need_capitals():
    lex = get_lexicon()
    assert lex.scan(tokenize("tell us more")) == []
    [match] = lex.scan(tokenize("the US said"))
    assert match.entry.code == "USA"


def test_longest_match_wins():
    lex = get_lexicon()
    matches = lex.scan(tokenize("Kurdish-led Syrian Democratic Forces"))
    assert [m.entry.name for m in matches] == ["Syrian Democratic Forces"]
    [role] = lex.scan(tokenize("the defence minister"))
    assert role.entry.sectors == ("GOV", "MIL")


def test_fold_drops_diacritics():
    assert [fold(w) for w in phrase_key("Khürelsükh Élysée")] == ["khurelsukh", "elysee"]
