"""The events stage on constructed sentences: one construction per test."""

from __future__ import annotations

import pytest


def _events(code_text, text: str, **kw):
    return code_text(text, **kw).events


def _one(code_text, text: str, event_type: str):
    found = [e for e in _events(code_text, text) if e.event_type == event_type]
    assert found, f"no {event_type} in {text!r}: {[e.event_type for e in _events(code_text, text)]}"
    return found[0]


def _of_types(code_text, text: str, *event_types: str) -> list:
    return [e for e in _events(code_text, text) if e.event_type in event_types]


def _codes(actors) -> set[str]:
    return {a.code for a in actors if a.code}


@pytest.mark.parametrize(("text", "event_type", "cameo_root"), [
    ("The Chinese foreign minister met his Russian counterpart in Moscow on Monday.", "CONSULT", "04"),
    ("Germany and France held talks in Berlin.", "CONSULT", "04"),
    ("Japan and India signed a trade agreement on Tuesday.", "SUPPORT", "05"),
    ("The minister praised Kenya's efforts to curb corruption.", "SUPPORT", "05"),
    ("The United Nations urged Myanmar to release political prisoners.", "REQUEST", ("02", "10")),
    ("Pakistan condemned the Indian government.", "ACCUSE", "11"),
    ("Iran rejected the European proposal.", "REJECT", "12"),
    ("Thousands of farmers took to the streets of Paris.", "PROTEST", "14"),
    ("Russian forces shelled the city of Kharkiv.", "ASSAULT", "19"),
    ("Police arrested twelve opposition activists in Minsk.", "COERCE", "17"),
    ("The European Union imposed sanctions on Belarus.", "SANCTION", "16"),
    ("Gunmen abducted three aid workers in Mali.", "ASSAULT", "18"),
    ("Soldiers opened fire on the crowd.", "ASSAULT", "19"),
])
def test_core_triggers(code_text, text: str, event_type: str, cameo_root: str | tuple[str, ...]) -> None:
    event = _one(code_text, text, event_type)
    assert event.cameo.startswith(cameo_root)
    assert event.goldstein is not None and event.quad in (1, 2, 3, 4)
    assert event.plover_score is not None


def test_visit_mode_and_recipient(code_text) -> None:
    event = _one(code_text, "French President Emmanuel Macron visited China last week.", "CONSULT")
    assert event.mode == "visit" and event.cameo == "042"
    assert "CHN" in _codes(event.recipient)


def test_passive_agent_is_the_actor(code_text) -> None:
    event = _one(code_text, "The village was attacked by Russian troops.", "ASSAULT")
    assert "RUS" in _codes(event.actor)
    assert not _codes(event.recipient) & {"RUS"}


def test_compound_actors_stay_in_one_event(code_text) -> None:
    events = [e for e in _events(code_text, "Egypt and Jordan condemned Israel.") if e.event_type == "ACCUSE"]
    assert len(events) == 1
    assert {"EGY", "JOR"} <= _codes(events[0].actor)
    assert "ISR" in _codes(events[0].recipient)


def test_coordinated_verbs_inherit_the_subject(code_text) -> None:
    events = _events(code_text, "Turkey met Greek officials and signed a maritime agreement.")
    types = {e.event_type: e for e in events}
    assert "CONSULT" in types and "SUPPORT" in types
    assert "TUR" in _codes(types["SUPPORT"].actor)


def test_reported_speech_codes_the_reported_event(code_text) -> None:
    events = _events(code_text, "The ministry said Syrian troops attacked Turkish positions.")
    assault = [e for e in events if e.event_type == "ASSAULT"]
    assert assault and "SYR" in _codes(assault[0].actor)
    assert all(e.evidence.trigger.lower() != "said" for e in events)


def test_speech_verbs_are_not_events(code_text) -> None:
    assert _events(code_text, "The spokesman said the weather was fine.") == []


def test_negation(code_text) -> None:
    event = _one(code_text, "Israel did not attack Lebanon.", "ASSAULT")
    assert event.negated


def test_threat_to_act_is_one_threaten_event(code_text) -> None:
    events = _events(code_text, "Iran threatened to attack American bases.")
    assert [e.event_type for e in events] == ["THREATEN"]
    assert events[0].cameo.startswith("13")


def test_pledge_to_provide_aid_is_an_intent_code(code_text) -> None:
    event = _one(code_text, "Japan pledged to provide humanitarian aid to Ukraine.", "AGREE")
    assert event.cameo.startswith("033")


def test_future_cooperation_is_an_intent_to_meet(code_text) -> None:
    event = _one(code_text, "The Indian prime minister will visit Washington next month.", "AGREE")
    assert event.cameo == "036"


def test_conditional_event_is_hypothetical(code_text) -> None:
    events = _events(code_text, "Protesters said they could attack the police station.")
    assert all(e.hypothetical or e.event_type == "THREATEN" for e in events if e.event_type == "ASSAULT")


def test_reported_past_event(code_text) -> None:
    event = _one(code_text, "Lavrov said that in March, Xi paid a visit to Russia.", "CONSULT")
    assert event.reported_past
    assert "RUS" in _codes(event.recipient)


def test_nominal_event_with_light_verb(code_text) -> None:
    event = _one(code_text, "Israeli warplanes carried out airstrikes on Gaza.", "ASSAULT")
    assert event.mode == "aerial"
    assert "ISR" in _codes(event.actor)


def test_nominal_attack_on_by(code_text) -> None:
    event = _one(code_text, "The attack on the convoy by Taliban fighters killed five.", "ASSAULT")
    assert event.actor


def test_evidence_offsets_point_into_the_text(code_text) -> None:
    doc = code_text("Officials said on Monday that protesters blocked roads in Lima.")
    for event in doc.events:
        ev = event.evidence
        assert doc.text[ev.start:ev.end] == ev.text
        assert doc.text[ev.trigger_start:ev.trigger_end] == ev.trigger
        assert event.clause_start <= ev.trigger_start < ev.trigger_end <= event.clause_end
        assert 0.0 < event.confidence <= 1.0


def test_no_duplicate_events_per_sentence(code_text) -> None:
    events = _events(code_text, "Russia attacked and bombed Ukrainian towns.")
    keys = [(e.event_type, tuple(a.text for a in e.actor), tuple(a.text for a in e.recipient)) for e in events]
    assert len(keys) == len(set(keys))


def test_content_of_a_rejection_is_not_an_event(code_text) -> None:
    events = _events(code_text, "Pakistan rejected an offer from Afghanistan for direct talks.")
    assert [e.event_type for e in events] == ["REJECT"]


def test_protest_modes(code_text) -> None:
    assert _one(code_text, "Workers went on strike in Lagos.", "PROTEST").mode == "strike"
    assert _one(code_text, "Prisoners rioted at the jail.", "PROTEST").mode == "riot"


@pytest.mark.parametrize("text", [
    "North Korea has expanded its ballistic missile programme and its missiles worry Japan.",
    "Syria's chemical weapons stockpile was destroyed under international supervision.",
    "The United States will send more missiles to Ukraine.",
])
def test_weapons_merely_named_are_no_assault(code_text, text: str) -> None:
    assert "ASSAULT" not in {e.event_type for e in _events(code_text, text)}


@pytest.mark.parametrize(("text", "cameo"), [
    ("Hamas fired dozens of rockets at Israel on Monday.", "194"),
    ("Militants threw grenades at a checkpoint in Kashmir.", "183"),
    ("Russia used chemical weapons against Ukrainian troops.", "2041"),
    ("On 6 May, Russian forces missiles at Pokrovske.", "194"),
])
def test_weapons_in_use_are_assault(code_text, text: str, cameo: str) -> None:
    assert _one(code_text, text, "ASSAULT").cameo == cameo


@pytest.mark.parametrize("text", [
    "Donors pledged two billion euros in aid for Sudan at a conference in Paris.",
    "Japan agreed to provide loans to Kenya at a summit in Brussels.",
])
def test_venue_and_amount_are_no_recipients(code_text, text: str) -> None:
    event = _events(code_text, text)[0]
    codes = _codes(event.recipient)
    assert not codes & {"FRA", "BEL"}
    assert all(a.code for a in event.recipient), [a.text for a in event.recipient]


def test_a_place_in_a_treaty_name_is_no_recipient(code_text) -> None:
    geneva = _one(code_text, "After the war, France and other major nations signed the Geneva "
                             "Protocol.", "SUPPORT")
    assert not geneva.recipient
    assert all(a.sector != "MIL" for a in geneva.actor)  # "major" is no military rank here
    iran = _events(code_text, "Trump withdrew from the Iran nuclear deal in May.")[0]
    assert "IRN" in _codes(iran.recipient)  # a country in the name is a party


@pytest.mark.parametrize("text", [
    "Floods killed 20 people in Kerala on Monday.",
    "Three soldiers were killed in a helicopter crash.",
    "Hurricane Ian hit Florida last week.",
    "Covid-19 has killed 3 million people worldwide.",
    "A drought has killed crops across the region.",
])
def test_nature_disease_and_accidents_are_nobodys_act(code_text, text: str) -> None:
    assert not _of_types(code_text, text, "ASSAULT", "COERCE")


def test_a_person_named_like_a_cause_still_acts(code_text) -> None:
    _one(code_text, "Mr Snow applauded Ireland's tax cuts.", "SUPPORT")


@pytest.mark.parametrize(("text", "event_type", "cameo", "recipient"), [
    ("Russian airstrikes hit Idlib on Monday.", "ASSAULT", "195", "SYR"),
    ("Western sanctions hit Russia's economy hard.", "SANCTION", "163", "RUS"),
])
def test_impact_verb_tells_its_subjects_event(code_text, text, event_type, cameo, recipient) -> None:
    event = _one(code_text, text, event_type)
    assert event.cameo == cameo and recipient in _codes(event.recipient)


@pytest.mark.parametrize("text", [
    "The ministry did not respond to a request for comment.",
    "The senator was asked whether the troops would stay.",
    "Trump's plan has met a mixed response in Europe.",
    "There is now talk of a ceasefire.",
])
def test_newsroom_idioms_are_no_events(code_text, text: str) -> None:
    assert not _of_types(code_text, text, "REQUEST", "CONSULT")


@pytest.mark.parametrize("text", [
    "Critics called the move a betrayal.",
    "Her child can receive proper medical care.",
    "The rebels committed atrocities.",
    "Isis controlled an area the size of Wales.",
])
def test_other_senses_of_event_verbs_are_no_events(code_text, text: str) -> None:
    assert not _events(code_text, text)


def test_receiving_a_delegation_is_hosting_it(code_text) -> None:
    event = _one(code_text, "Putin received the Turkish delegation in Moscow.", "CONSULT")
    assert event.cameo == "043" and "TUR" in _codes(event.recipient)


def test_a_time_phrase_is_no_particle(code_text) -> None:
    event = _one(code_text, "Obama called Putin on Monday.", "CONSULT")
    assert event.cameo == "041" and "RUS" in _codes(event.recipient)


@pytest.mark.parametrize("text", [
    "Turkey lacks the capacity to suppress the rebels in eastern Syria.",
    "If the journalist was killed in the raid, it would have been hard to prove.",
    "The minister is weighing a trip to Beijing.",
    "The bloc is mulling new sanctions on Iran.",
])
def test_abilities_and_conditions_are_hypothetical(code_text, text: str) -> None:
    events = _events(code_text, text)
    assert events and all(e.hypothetical for e in events)


def test_an_act_continued_takes_the_mood_of_continuing(code_text) -> None:
    assert _one(code_text, "Russia will continue attacking the power grid of Ukraine.", "THREATEN")
    assert _one(code_text, "Israel continued striking Gaza on Monday.", "ASSAULT")


def test_an_act_done_is_not_hypothetical(code_text) -> None:
    event = _one(code_text, "Russia launched an invasion of Ukraine.", "ASSAULT")
    assert not event.hypothetical


def test_illness_named_like_an_attack_is_no_event(code_text) -> None:
    assert not _events(code_text, "She has suffered from panic attacks since then.")


def test_on_the_day_is_a_time_not_a_call_on(code_text) -> None:
    event = _one(code_text, "Rashida called him on the day she left.", "CONSULT")
    assert event.cameo == "041"


@pytest.mark.parametrize("text", [
    "She recites his hit song at every concert.",
    "Kotey's alleged role in the plot was revealed on Friday.",
])
def test_participles_describing_a_noun_are_no_events(code_text, text: str) -> None:
    assert not _of_types(code_text, text, "ASSAULT", "ACCUSE")


@pytest.mark.parametrize(("text", "expected"), [
    ("The end of the tech bubble hit the firm hard.", False),
    ("Sales in Sweden have been hit by demand for cheap brands.", False),
    ("Rebels hit a military convoy near Goma.", True),
    ("A bullet hit our window.", True),
])
def test_an_impact_verb_needs_someone_or_a_weapon(code_text, text: str, expected: bool) -> None:
    assert bool(_of_types(code_text, text, "ASSAULT")) is expected


def test_a_plea_in_court_is_no_appeal(code_text) -> None:
    assert not _events(code_text, "Mr Ebbers has pleaded not guilty to charges of fraud.")


def test_hit_by_a_named_weapon_is_an_attack(code_text) -> None:
    _one(code_text, "The fighter was hit by an RPG round fired by militants.", "ASSAULT")


def test_a_sum_in_aid_is_given_by_whoever_announces_it(code_text) -> None:
    aid = _one(code_text, "Japan announced $200 million in new aid to the Philippines on Friday.",
               "AID")
    assert _codes(aid.actor) == {"JPN"} and _codes(aid.recipient) == {"PHL"}


def test_talks_with_someone_are_held_by_whom_the_clause_is_about(code_text) -> None:
    talks = _one(code_text, "Following the talks with the President of Kenya, the Ugandan "
                            "president ordered his ministers to prepare a treaty.", "CONSULT")
    assert "UGA" in _codes(talks.actor) and _codes(talks.recipient) == {"KEN"}


@pytest.mark.parametrize("text", [
    "Kenya is opposed to French mediation in the talks with Uganda.",  # parsed as acomp
    "Kenya was opposed to French mediation in the dispute.",
])
def test_stance_passive_subject_is_the_actor(code_text, text: str) -> None:
    event = _one(code_text, text, "REJECT")
    assert _codes(event.actor) == {"KEN"}
    assert _codes(event.recipient) == {"FRA"}

