from hypothesis import given
from hypothesis import strategies as st

from communique.geo.names import is_latin_name, name_key, worth_indexing


def test_name_key_ignores_case_accents_and_punctuation():
    assert name_key("Nagorno-Karabakh") == name_key("nagorno karabakh")
    assert name_key("Villa Yapacaní") == "villa yapacani"
    assert name_key("U.S.") == "us"
    assert name_key("the Gaza Strip") == "gaza strip"


@given(st.text(max_size=40))
def test_name_key_is_idempotent(text):
    assert name_key(name_key(text)) == name_key(text)


def test_alternate_names_worth_indexing():
    assert worth_indexing("Kiev")
    assert not worth_indexing("MOW")  # an airport-style code
    assert not worth_indexing("Москва")  # not Latin script
    assert not worth_indexing("ab")
    assert is_latin_name("Zaporizhzhia")


def test_loose_key_ignores_spacing_doubled_letters_and_a_final_h():
    from communique.geo.names import loose_key

    assert loose_key(name_key("Laas Caanood")) == loose_key(name_key("Laascaanood"))
    assert loose_key(name_key("Asad Abad")) == loose_key(name_key("Asadābād"))
    assert loose_key(name_key("Ar-Raqqa")) == loose_key(name_key("Ar Raqqah"))
    assert loose_key(name_key("Kherson")) != loose_key(name_key("Kharkiv"))


@given(st.text(max_size=40))
def test_loose_key_is_idempotent(text):
    from communique.geo.names import loose_key

    key = loose_key(name_key(text))
    assert loose_key(key) == key
