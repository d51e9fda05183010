"""The article_events stage: one event per real-world event in an article (own sentences)."""

from __future__ import annotations

from communique.document import event_id


def _of_type(doc, event_type: str) -> list:
    return [e for e in doc.events if e.event_type == event_type]


def _triggers(event) -> list[str]:
    return [m.evidence.trigger for m in event.mentions]


def test_a_definite_re_mention_joins_the_event(code_text) -> None:
    doc = code_text("Kenyan President William Ruto met Ugandan President Yoweri Museveni in "
                    "Nairobi on Tuesday. The talks focused on trade, officials said.",
                    published="2024-05-08")
    [meeting] = _of_type(doc, "CONSULT")
    assert _triggers(meeting) == ["met", "talks"]
    assert meeting.evidence.trigger == "met" and meeting.date == "2024-05-07"
    assert {a.code for a in meeting.actor} == {"KEN"} and meeting.recipient


def test_a_second_attack_on_another_day_stays_apart(code_text) -> None:
    doc = code_text("Gunmen attacked a police station in Maiduguri on Monday, killing four "
                    "officers. The gunmen attacked a market in Damaturu on Wednesday.",
                    published="2024-05-09")
    attacks = _of_type(doc, "ASSAULT")
    assert len({e.date for e in attacks}) == len(attacks) >= 2


def test_meetings_of_different_countries_stay_apart(code_text) -> None:
    doc = code_text("French President Emmanuel Macron met German Chancellor Olaf Scholz in "
                    "Paris on Monday. Japanese Prime Minister Fumio Kishida met Indian Prime "
                    "Minister Narendra Modi in Tokyo on Monday.", published="2024-05-07")
    meetings = _of_type(doc, "CONSULT")
    assert len(meetings) == 2 and all(len(e.mentions) == 1 for e in meetings)


def test_a_headline_repeated_in_the_body_is_one_event(code_text) -> None:
    doc = code_text("Opposition leader arrested in Harare\n\n"
                    "Zimbabwean police arrested opposition leader Job Sikhala in Harare, his "
                    "lawyer said.", published="2024-05-06")
    [arrest] = _of_type(doc, "COERCE")
    assert _triggers(arrest) == ["arrested", "arrested"]
    assert arrest.evidence.start == 0  # the headline stays the evidence
    assert {a.cameo for a in arrest.actor} == {"ZWECOP"}  # the body names who did it


def test_an_additional_act_is_not_merged(code_text) -> None:
    doc = code_text("Russia accused Ukraine of shelling Donetsk on Monday. Russia also accused "
                    "Ukraine of attacking a power plant on Monday.", published="2024-05-07")
    assert len(_of_type(doc, "ACCUSE")) == 2


def test_merged_ids_are_stable_and_made_one_way(code_text) -> None:
    text = ("Kenyan President William Ruto met Ugandan President Yoweri Museveni in Nairobi. "
            "The meeting lasted two hours.")
    first = code_text(text, published="2024-05-08", id="art-1")
    again = code_text(text, published="2024-05-08", id="art-1")
    assert [e.id for e in first.events] == [e.id for e in again.events]
    [meeting] = _of_type(first, "CONSULT")
    assert meeting.id == event_id("art-1", meeting.evidence.trigger_start, "CONSULT", meeting.cameo)


def test_every_event_lists_its_mentions_in_the_contract(code_text) -> None:
    out = code_text("Protesters marched through Dakar on Friday.", published="2024-05-11").to_dict()
    assert out["schema_version"] == "2"
    [event] = out["events"]
    [mention] = event["mentions"]
    assert {k: mention[k] for k in ("text", "start", "end", "trigger")} == event["evidence"]
    assert mention["date"] == event["date"]


def test_a_partyless_event_noun_beside_a_reported_act_is_a_topic(code_text) -> None:
    doc = code_text("The ministers of Chile and Peru agreed on Monday to expand trade, an "
                    "important milestone in the strategic partnership between the two countries.",
                    published="2024-05-20")
    assert [e.event_type for e in doc.events] == ["AGREE"]


def test_an_unattributed_attack_beside_another_act_stays(code_text) -> None:
    doc = code_text("The fighting lasted for hours, and the army deployed more troops to the town.",
                    published="2024-05-20")
    assert {"ASSAULT", "MOBILIZE"} <= {e.event_type for e in doc.events}


def test_an_agreement_by_no_one_with_no_one_is_not_coded(code_text) -> None:
    doc = code_text("The treaty was signed in the capital. Hours later, it was ratified.",
                    published="2024-05-20")
    assert doc.events == []


def test_an_attack_by_unnamed_people_on_unnamed_people_is_coded(code_text) -> None:
    doc = code_text("Two bombs exploded at a crowded market on Sunday, killing nine people.",
                    published="2024-05-20")
    assert any(e.event_type == "ASSAULT" for e in doc.events)


def test_one_statement_told_by_two_verbs_is_one_event(code_text) -> None:
    doc = code_text("Kenyan President William Ruto issued a statement on Sunday condemning the "
                    "raid and accusing the Ugandan army of crossing the border.",
                    published="2024-05-06")
    [accusation] = [e for e in _of_type(doc, "ACCUSE") if not e.negated and not e.hypothetical]
    assert len(accusation.mentions) == 2


def test_two_physical_acts_of_one_doer_in_a_sentence_stay_apart(code_text) -> None:
    doc = code_text("Riot police in Kampala broke up the rally on Monday and arrested the "
                    "opposition leader.", published="2024-05-07")
    assert len(_of_type(doc, "COERCE")) == 2


def test_a_time_shift_holds_for_its_whole_sentence(code_text) -> None:
    doc = code_text("Gunmen attacked a checkpoint in Pattani on Monday. A teacher was later "
                    "shot and killed on a road near Yala.", published="2024-05-07")
    later = [e for e in _of_type(doc, "ASSAULT") if "later" in e.evidence.text]
    assert len(later) == 1 and len(later[0].mentions) == 2


def test_a_visit_and_a_meeting_in_one_sentence_are_one_meeting(code_text) -> None:
    doc = code_text("French President Emmanuel Macron paid a visit to Kyiv on Monday and met "
                    "Ukrainian President Volodymyr Zelensky.", published="2024-05-07")
    [meeting] = _of_type(doc, "CONSULT")
    assert len(meeting.mentions) == 2


def test_a_re_mention_dated_years_earlier_names_another_event(code_text) -> None:
    doc = code_text("Israel and Syria reached an agreement to restore calm on the Golan Heights, "
                    "officials said. The 1974 agreement set up a buffer zone there.",
                    published="2024-05-07")
    today = [e for e in _of_type(doc, "AGREE") if "reached" in e.evidence.text]
    assert today and today[0].date == "2024-05-07"


def test_a_several_word_re_mention_is_read_by_its_head(code_text) -> None:
    # "the phone call" re-mentions the talk by its head word "call", not by "phone"
    doc = code_text("Armenian Foreign Minister Ararat Mirzoyan and Azerbaijani Foreign Minister "
                    "Jeyhun Bayramov discussed a peace treaty on Wednesday. Mirzoyan said the "
                    "ministers also talked about the border commission. He told parliament that "
                    "the phone call with Bayramov took place at the initiative of the Azerbaijani "
                    "side.", published="2022-04-13")
    [talk] = _of_type(doc, "CONSULT")
    assert _triggers(talk) == ["discussed", "phone call"]
