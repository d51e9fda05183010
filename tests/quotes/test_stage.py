"""The quotes stage end to end: cues, content spans, speakers and their resolution."""

from __future__ import annotations

import pytest

from communique.quotes.lexicon import cue_lexicon


def _by_start(doc):
    return sorted(doc.quotes, key=lambda q: q.start)


def test_lexicon_loads_from_data_file() -> None:
    lexicon = cue_lexicon()
    assert {"say", "tell", "stress", "urge"} <= lexicon.speech_verbs
    assert lexicon.pronouns["he"]["gender"] == "male"


def test_reported_speech_with_that(code_text) -> None:
    doc = code_text("Senator John Smith said on Monday that the bill would pass.")
    (quote,) = doc.quotes
    assert quote.text == "that the bill would pass"
    assert not quote.direct and quote.cue == "said"
    assert quote.speaker.name == "John Smith"


def test_inverted_cue_and_surname(code_text) -> None:
    text = ("Foreign Minister Wang Yi met his counterpart in Moscow.\n\n"
            "The two countries must cooperate more closely, said Wang.")
    (quote,) = code_text(text).quotes
    assert quote.text == "The two countries must cooperate more closely"
    assert quote.speaker.text == "Wang" and quote.speaker.name == "Wang Yi"


def test_split_direct_quote_is_one_attribution(code_text) -> None:
    text = 'Officials met on Monday.\n\n"We are ready to talk," Baker said. "The door is open."'
    (quote,) = code_text(text).quotes
    assert quote.direct
    assert quote.text == '"We are ready to talk," Baker said. "The door is open."'
    assert quote.speaker.text == "Baker"


def test_cue_before_direct_quote(code_text) -> None:
    text = 'Mary Jones told reporters: "We will not give up on this fight."'
    quotes = [q for q in code_text(text).quotes if q.direct]
    assert quotes and quotes[0].speaker.name == "Mary Jones"


def test_pronoun_resolves_to_last_speaker(code_text) -> None:
    text = ("Sergei Lavrov said that Russia was open to talks.\n\n"
            "Russia is willing to work with China, he said.")
    quotes = _by_start(code_text(text))
    assert [q.speaker.name for q in quotes] == ["Sergei Lavrov", "Sergei Lavrov"]
    assert quotes[1].speaker.text == "he"


def test_according_to(code_text) -> None:
    (quote,) = code_text("According to the ministry, the talks will resume next week.").quotes
    assert quote.cue == "According to"
    assert quote.speaker.text == "the ministry"
    assert quote.text == "the talks will resume next week"


def test_scare_quotes_are_not_statements(code_text) -> None:
    doc = code_text('The plan was called a "bold step" by critics.')
    assert not [q for q in doc.quotes if q.direct]


WANG_OR_LAVROV = [
    ("in the face of rising unilateralism", "Wang Yi"),
    ("As major countries in the world", "Wang Yi"),
    ("Under the strategic guidance of the two heads of state", "Wang Yi"),
    ("A China-Russia relationship featuring", "Wang Yi"),
    ("Chinese President Xi Jinping paid", "Sergei Lavrov"),
    ("Russia is willing to work with China", "Sergei Lavrov"),
    ("Russia and China should further strengthen", "Sergei Lavrov"),
    ("The Russian side, he said", "Sergei Lavrov"),
    ("China is committed to the right approach", "Wang Yi"),
]


@pytest.mark.parametrize(("opening", "speaker"), WANG_OR_LAVROV)
def test_xinhua_statements_have_full_name_speakers(xinhua_doc, opening, speaker) -> None:
    inside = xinhua_doc.text.index(opening) + 5
    hits = [q for q in xinhua_doc.quotes if q.start <= inside < q.end]
    assert hits, f"no quote covers {opening!r}"
    assert hits[0].speaker.name == speaker


def test_quotation_signed_with_a_dash(code_text) -> None:
    text = "Readers wrote in.\n“He cannot answer a single question about the economy.” ― Esther Tapia"
    (quote,) = code_text(text).quotes
    assert quote.direct and quote.cue == "―"
    assert quote.speaker.text == "Esther Tapia"


def test_split_quotation_with_lowercase_second_half(code_text) -> None:
    text = 'Talks went on.\n\n"If you have a portion of them displaced," he said, "you have a crisis."'
    (quote,) = code_text(text).quotes
    assert quote.start == text.index('"If') and quote.end == len(text)


def test_xinhua_quotes_are_only_by_the_two_ministers(xinhua_doc) -> None:
    names = {q.speaker.name for q in xinhua_doc.quotes}
    assert names == {"Wang Yi", "Sergei Lavrov"}
