"""The trigger lexicon and the embedding-code tables (data files)."""

from __future__ import annotations

import pytest

from communique.errors import DataFileError
from communique.events.lexicon import compile_lexicon, embedded_code, embedding_codes, lexicon
from communique.events.ontology import ontology
from communique.resources import load_data


def _senses():
    lex = lexicon()
    yield from (s for senses in lex.verbs.values() for s in senses)
    yield from (s for senses in lex.nouns.values() for s in senses)
    yield from (s for phrases in lex.phrases.values() for _, s in phrases)


def test_every_trigger_code_exists_and_has_a_plover_type() -> None:
    onto = ontology()
    for sense in _senses():
        if sense.blocks:
            continue
        assert sense.cameo in onto.cameo
        assert sense.plover in onto.plover
        if sense.mode is not None:
            assert sense.mode in onto.plover[sense.plover].modes, sense


def test_lexicon_covers_every_cameo_root_and_plover_type() -> None:
    senses = [s for s in _senses() if not s.blocks]
    assert {s.cameo[:2] for s in senses} == {f"{i:02d}" for i in range(1, 21)}
    assert {s.plover for s in senses} == set(ontology().plover)


@pytest.mark.parametrize("word", ["talk", "visit", "airstrike", "sanction", "crackdown", "ceasefire"])
def test_required_nominal_triggers(word: str) -> None:
    assert word in lexicon().nouns


@pytest.mark.parametrize("phrase", [("call", "on"), ("take", "to", "the", "street"), ("open", "fire"),
                                    ("sit", "-", "in")])
def test_required_multiword_triggers(phrase: tuple[str, ...]) -> None:
    assert phrase in {p for p, _ in lexicon().phrases.get(phrase[0], ())}


@pytest.mark.parametrize("verb", ["shell", "abduct", "detain", "expel", "pledge", "sign", "withdraw",
                                  "release", "meet", "praise", "condemn", "reject", "threaten",
                                  "protest", "arrest", "urge", "accuse"])
def test_required_verbs(verb: str) -> None:
    assert verb in lexicon().verbs


def test_embedding_tables_name_real_codes() -> None:
    onto = ontology()
    for table in embedding_codes().values():
        for key, code in table.items():
            assert code is None or code in onto.cameo, (key, code)


def test_embedded_code_uses_the_longest_prefix() -> None:
    assert embedded_code("intent", "073") == "0333"
    assert embedded_code("intent", "0841") == "0353"
    assert embedded_code("threaten", "1723") == "1323"
    assert embedded_code("threaten", "999") == "130"
    assert embedded_code("intent", "036") is None


def test_user_entries_compile_and_bad_phrases_are_refused() -> None:
    lex = compile_lexicon([{"cameo": "141", "verbs": ["sit-down"], "nouns": ["flashmob"]}])
    assert "flashmob" in lex.nouns and ("sit", "-", "down") in {p for p, _ in lex.phrases["sit"]}
    with pytest.raises(DataFileError):
        compile_lexicon([{"cameo": "020", "phrases": [["call", True]]}])


def test_cues_file_has_the_lists_the_coder_reads() -> None:
    cues = load_data("events", "cues.yaml")
    for key in ("future_aux", "recipient_preps", "modes", "contexts", "constructions"):
        assert cues[key]


def test_one_speech_verb_file_serves_quotes_events_and_coreference() -> None:
    from communique.actors import coref
    from communique.events.lexicon import cues
    from communique.nlp.speech import speech_verbs
    from communique.quotes.lexicon import cue_lexicon

    shared = speech_verbs()
    assert cue_lexicon().speech_verbs == shared["speech_verbs"]
    assert cues()["speech_verbs"] == shared["reported_speech"]
    assert "say" in shared["salient_speakers"] and not hasattr(coref, "SPEECH_LEMMAS")
    # a speech verb that is an act of its own is no reported-speech boundary
    assert "urge" in shared["speech_verbs"] and "urge" not in shared["reported_speech"]
