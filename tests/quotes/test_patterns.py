"""Attribution patterns beyond "X said": colons, headlines, split and mixed quotations."""

from __future__ import annotations


def _direct(doc):
    return sorted((q for q in doc.quotes if q.direct), key=lambda q: q.start)


def test_mixed_quotation_is_reported_speech(code_text) -> None:
    doc = code_text('Cruz said Trump "relentlessly attacks us and ignores the other candidates."')
    assert not _direct(doc)
    assert any("relentlessly attacks" in q.text and q.speaker.text == "Cruz" for q in doc.quotes)


def test_colon_after_a_clause_without_a_speech_verb(code_text) -> None:
    text = ("Cruz called them on it:\n\n"
            '"The questions asked in this debate illustrate why people distrust the media."')
    (quote,) = _direct(code_text(text))
    assert quote.speaker.text == "Cruz" and quote.cue == ":"


def test_colon_after_a_name(code_text) -> None:
    text = ('The surge does not surprise Republican pollster Daron Shaw: "Lesser-known '
            'candidates have seen the biggest boost in early contests."')
    (quote,) = _direct(code_text(text))
    assert quote.speaker.text.endswith("Daron Shaw")


def test_headline_with_a_source_label(code_text) -> None:
    title = "Graham: Trump's Rhetoric Is Destroying the Party"
    doc = code_text(f"{title}.\n\nThe senator spoke on Monday.", title=title)
    quote = next(q for q in doc.quotes if q.start == 0 or q.speaker.start == 0)
    assert quote.speaker.text == "Graham" and not quote.direct
    assert quote.text == "Trump's Rhetoric Is Destroying the Party"


def test_headline_label_that_names_no_source(code_text) -> None:
    title = "The Latest: Sanders Wins Minnesota Caucuses"
    doc = code_text(f"{title}.\n\nVoters met on Tuesday.", title=title)
    assert not [q for q in doc.quotes if q.speaker.text == "The Latest"]


def test_headline_says(code_text) -> None:
    title = "Hollande Says Trump Makes You Want To Retch"
    doc = code_text(f"{title}.\n\nThe French president spoke in Paris.", title=title)
    quote = next(q for q in doc.quotes if q.speaker.start == 0)
    assert quote.speaker.text == "Hollande" and quote.text == "Trump Makes You Want To Retch"


def test_one_word_first_half_of_a_split_quote(code_text) -> None:
    text = 'Officials met.\n\n"That," he added, "promises to make life a lot more difficult."'
    (quote,) = _direct(code_text(text))
    assert quote.text.startswith('"That,"') and quote.text.endswith('difficult."')


def test_split_quote_keeps_its_cue_despite_a_later_verb(code_text) -> None:
    text = ('He fulminated against the plan - "I love Oreos," he said, "I will never eat them '
            'again" - and vowed to impose a tariff on imports.')
    (quote,) = _direct(code_text(text))
    assert quote.text == '"I love Oreos," he said, "I will never eat them again"'


def test_cue_opening_the_next_sentence_belongs_to_the_next_quote(code_text) -> None:
    text = ('Putin spoke at length.\n\n"No matter what they say, the state is falling apart," '
            'he said in 2012. "Ethnic conflicts continue." He added, "And you want us to '
            'repeat these mistakes?"')
    quotes = _direct(code_text(text))
    assert [q.cue for q in quotes] == ["said", "added"]
    assert quotes[0].text.endswith('continue."')


def test_different_speakers_in_one_paragraph_stay_apart(code_text) -> None:
    text = ('The senators met.\n\n"Look at what you did," Franken said. Silverman responded, '
            '"Thank God they can fix this later."')
    quotes = _direct(code_text(text))
    assert len(quotes) == 2


def test_quote_right_after_a_speech_verb(code_text) -> None:
    text = ("Some in the crowd booed, and when Rubio thanked Miami and said it was great to be "
            "home, a man yelled “Stay there!”")
    (quote,) = _direct(code_text(text))
    assert quote.text == "“Stay there!”" and quote.speaker.text.endswith("man")


def test_one_word_reply(code_text) -> None:
    text = 'Christie gave a one-word answer on the question. "Denver," he answered.'
    (quote,) = _direct(code_text(text))
    assert quote.text == '"Denver,"' and quote.speaker.text == "he"
