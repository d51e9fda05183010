"""The actor_context stage: who and whom read from the whole article (sentences written here)."""

from __future__ import annotations

import pytest

from communique.document import Actor, Document, Event, Evidence
from communique.events.context import fill_countries, split_joint_act


def _codes(actors: list[Actor]) -> list[str | None]:
    return [a.code for a in actors]


def _events(doc: Document, event_type: str) -> list[Event]:
    return [e for e in doc.events if e.event_type == event_type]


def test_unnamed_group_takes_the_country_where_it_acted(code_text) -> None:
    doc = code_text("Gunmen attacked a village in Kaduna state, Nigeria, on Sunday, "
                    "killing five residents.", published="2024-05-06")
    attack = _events(doc, "ASSAULT")[0]
    assert "NGA" in _codes(attack.actor)


def test_a_group_that_names_its_country_keeps_it(code_text) -> None:
    doc = code_text("Russian soldiers shelled a village in Kharkiv region on Monday.",
                    published="2024-05-07")
    attack = _events(doc, "ASSAULT")[0]
    assert _codes(attack.actor) == ["RUS"]


def test_joint_act_is_coded_first_party_to_the_others(code_text) -> None:
    doc = code_text("Japan and South Korea agreed on Wednesday to keep working together "
                    "on regional security.", published="2024-02-21")
    agree = _events(doc, "AGREE")[0]
    assert _codes(agree.actor) == ["JPN"] and _codes(agree.recipient) == ["KOR"]


def test_condemning_an_attack_is_aimed_at_the_attackers(code_text) -> None:
    doc = code_text("Russian forces shelled the city of Kharkiv on Monday, killing three people. "
                    "Ukraine's foreign ministry condemned the attack as a war crime.",
                    published="2024-05-07")
    accuse = _events(doc, "ACCUSE")[0]
    assert _codes(accuse.actor) == ["UKR"] and _codes(accuse.recipient) == ["RUS"]


def _event(event_type: str, actor: list[Actor], recipient: list[Actor] | None = None,
           location: dict | None = None) -> Event:
    return Event(event_type=event_type, cameo=None, evidence=Evidence("", 0, 0, ""),
                 actor=actor, recipient=recipient or [], location=location)


def test_fill_uses_the_event_place_before_the_article_country() -> None:
    event = _event("ASSAULT", [Actor(text="gunmen", sector="UAF")],
                   [Actor(text="police", code="KEN", sector="COP")],
                   location={"name": "Garissa", "country": "KEN"})
    fill_countries(event, fallback="SOM")
    assert _codes(event.actor) == ["KEN"] and event.actor[0].sector == "UAF"
    unplaced = _event("ASSAULT", [Actor(text="gunmen", sector="UAF")])
    fill_countries(unplaced, fallback=None)
    assert _codes(unplaced.actor) == [None]


def test_things_are_never_parties() -> None:
    event = _event("ACCUSE", [Actor(text="a statement"), Actor(text="Mesa")],
                   [Actor(text="the first time"), Actor(text="3 rockets")],
                   location={"name": "La Paz", "country": "BOL"})
    fill_countries(event, fallback=None)
    assert [a.text for a in event.actor] == ["Mesa"] and _codes(event.actor) == ["BOL"]
    assert event.recipient == []


def test_split_leaves_one_country_pairs_and_recipients_alone() -> None:
    same = _event("CONSULT", [Actor(text="a", code="FRA"), Actor(text="b", code="FRA")])
    split_joint_act(same)
    assert same.recipient == []
    aimed = _event("AGREE", [Actor(text="a", code="FRA"), Actor(text="b", code="DEU")],
                   [Actor(text="c", code="UKR")])
    split_joint_act(aimed)
    assert _codes(aimed.actor) == ["FRA", "DEU"] and _codes(aimed.recipient) == ["UKR"]


def test_a_visit_at_someones_invitation_is_hosted_by_them(code_text) -> None:
    doc = code_text("Japanese Foreign Minister Yoko Kamikawa arrived in Kathmandu on Monday at the "
                    "invitation of Nepal's Deputy Prime Minister Narayan Kaji Shrestha.",
                    published="2024-05-08")
    assert not _events(doc, "REQUEST")
    visit = _events(doc, "CONSULT")[0]
    assert visit.cameo == "042" and _codes(visit.actor) == ["JPN"] and _codes(visit.recipient) == ["NPL"]


def test_a_helper_is_not_whom_the_act_is_aimed_at(code_text) -> None:
    doc = code_text("With the help of France, Mali's army recaptured the town of Kidal on Tuesday.",
                    published="2024-05-08")
    event = doc.events[0]
    assert _codes(event.actor) == ["MLI"] and "FRA" not in _codes(event.recipient)


def test_where_rockets_were_fired_from_is_the_attackers_side(code_text) -> None:
    doc = code_text("Three rockets were fired from the Gaza Strip at southern Israel on Sunday.",
                    published="2024-05-08")
    attack = _events(doc, "ASSAULT")[0]
    assert _codes(attack.actor) == ["PSE"] and _codes(attack.recipient) == ["ISR"]


def test_a_group_named_in_an_apposition_or_relative_clause_acts(code_text) -> None:
    for text in ("Gunmen, suspected to be members of Boko Haram, launched an attack on a "
                 "village in Borno state on Saturday.",
                 "Gunmen who belong to Boko Haram attacked a market in Maiduguri on Friday."):
        attack = _events(code_text(text, published="2024-05-08"), "ASSAULT")[0]
        assert [(a.code, a.sector) for a in attack.actor] == [("NGA", "REB")]


def test_a_place_inside_the_target_phrase_is_not_a_recipient(code_text) -> None:
    doc = code_text("South Sudanese rebels attacked a UN base in Juba on Sunday.",
                    published="2024-05-08")
    attack = _events(doc, "ASSAULT")[0]
    assert _codes(attack.actor) == ["SSD"] and _codes(attack.recipient) == ["UNO"]


def test_passive_with_and_without_by(code_text) -> None:
    with_by = _events(code_text("A Ukrainian village was shelled by Russian forces on Monday.",
                                published="2024-05-08"), "ASSAULT")[0]
    assert _codes(with_by.actor) == ["RUS"] and _codes(with_by.recipient) == ["UKR"]
    without = _events(code_text("Two Kenyan police officers were killed in Garissa on Monday.",
                                published="2024-05-08"), "ASSAULT")[0]
    assert without.actor == [] and _codes(without.recipient) == ["KEN"]


def test_a_report_date_dates_a_past_act_it_reports(code_text) -> None:
    doc = code_text("Officials said on Sunday that gunmen had attacked a village in Kaduna state.",
                    published="2024-05-08")
    attack = _events(doc, "ASSAULT")[0]
    assert attack.date == "2024-05-05"


def test_a_casualty_told_without_its_doer_takes_the_attacker_of_its_setting(code_text) -> None:
    cases = {
        "At least four soldiers were killed on Tuesday in an attack blamed on jihadists in "
        "northern Burkina Faso.": "BFA",
        "Two militants were killed in an encounter with Indian security forces in Anantnag "
        "district on Tuesday.": "IND",
        "Five soldiers were killed in an attack by guerrillas from the National Liberation "
        "Army in Arauquita, Colombia.": "COL",
    }
    for text, country in cases.items():
        attack = _events(code_text(text, published="2024-05-08"), "ASSAULT")[0]
        assert country in _codes(attack.actor), text


def test_expelled_from_a_country_is_expelled_by_it(code_text) -> None:
    doc = code_text("Twenty-three Russian diplomats were expelled from the UK on Wednesday.",
                    published="2024-05-08")
    sanction = _events(doc, "SANCTION")[0]
    assert _codes(sanction.actor) == ["GBR"] and _codes(sanction.recipient) == ["RUS"]


def test_a_visit_with_no_named_host_is_hosted_where_it_happened() -> None:
    from communique.events.context import host_of_visit

    visit = _event("CONSULT", [Actor(text="Biden", code="USA", sector="GOV")],
                   location={"name": "Kyiv", "text": "Kiev", "country": "UKR"})
    visit.cameo = "042"
    host_of_visit(visit)
    assert _codes(visit.recipient) == ["UKR"] and visit.recipient[0].text == "Kiev"
    at_home = _event("CONSULT", [Actor(text="Biden", code="USA")],
                     location={"name": "Washington", "country": "USA"})
    at_home.cameo = "042"
    host_of_visit(at_home)
    assert at_home.recipient == []


def test_a_response_to_an_act_is_aimed_at_its_doer_not_its_object(code_text) -> None:
    doc = code_text("Ukraine condemned Russia's recognition of the two breakaway regions on Monday.",
                    published="2024-05-08")
    accuse = _events(doc, "ACCUSE")[0]
    assert _codes(accuse.actor) == ["UKR"] and _codes(accuse.recipient) == ["RUS"]


@pytest.mark.parametrize("text", [
    "Iran condemned the strikes by Israel on Tuesday.",
    "Iran condemned the air strikes carried out by Israel.",
    "Iran condemned last week's strikes by Israel on Damascus.",
])
def test_a_condemned_attack_is_aimed_at_its_doer(code_text, text: str) -> None:
    accuse = _events(code_text(text, published="2024-05-08"), "ACCUSE")[0]
    assert _codes(accuse.actor) == ["IRN"] and _codes(accuse.recipient) == ["ISR"]


def test_a_body_named_by_its_kind_is_the_body_named_before(code_text) -> None:
    doc = code_text("The European Union demanded the release of political prisoners on Monday. "
                    "The bloc also asked Ortega to allow human rights groups into Nicaragua.",
                    published="2024-05-08")
    asked = [e for e in _events(doc, "REQUEST") if e.evidence.trigger == "asked"][0]
    assert _codes(asked.actor) == ["EUR"] and asked.actor[0].text == "The bloc"


def test_a_participle_done_by_someone_is_theirs_not_its_nouns(code_text) -> None:
    doc = code_text("About 100 of the schoolgirls abducted by Boko Haram from the town of Chibok "
                    "in 2014 remain in captivity.", published="2024-05-08")
    abduction = _events(doc, "ASSAULT")[0]
    assert [(a.code, a.sector) for a in abduction.actor] == [("NGA", "REB")]


def test_a_leader_condemning_his_own_countrys_rebels_aims_at_them(code_text) -> None:
    doc = code_text("Colombian rebels attacked an army base in Arauca on Sunday, killing five "
                    "soldiers. President Ivan Duque condemned the attack.", published="2021-09-13")
    accuse = _events(doc, "ACCUSE")[0]
    assert [(a.code, a.sector) for a in accuse.recipient] == [("COL", "REB")]


def test_an_attack_from_somewhere_came_from_its_doers_side(code_text) -> None:
    doc = code_text("An attack from the Gaza Strip hit southern Israel on Sunday.",
                    published="2024-05-08")
    attack = _events(doc, "ASSAULT")[0]
    assert _codes(attack.actor) == ["PSE"] and _codes(attack.recipient) == ["ISR"]


def test_a_domestic_act_with_no_target_is_aimed_at_its_country() -> None:
    from communique.events.context import aim_domestic_act

    rally = _event("PROTEST", [Actor(text="opposition supporters", code="UGA", sector="OPP")],
                   location={"name": "Kampala", "country": "UGA"})
    aim_domestic_act(rally, fallback=None)
    assert _codes(rally.recipient) == ["UGA"]
    abroad = _event("ASSAULT", [Actor(text="Israeli jets", code="ISR", sector="MIL")],
                    location={"name": "Beirut", "country": "LBN"})
    aim_domestic_act(abroad, fallback=None)
    assert abroad.recipient == []
    talks = _event("CONSULT", [Actor(text="the ministers", code="UGA")],
                   location={"name": "Kampala", "country": "UGA"})
    aim_domestic_act(talks, fallback="UGA")
    assert talks.recipient == []


def test_a_raid_at_home_with_no_named_target_is_aimed_at_the_country(code_text) -> None:
    doc = code_text("Pakistani security forces carried out a raid in the Khyber district "
                    "of Pakistan on Tuesday.", published="2025-02-26")
    raid = [e for e in doc.events if e.event_type in ("ASSAULT", "COERCE")][0]
    assert _codes(raid.actor) == ["PAK"] and _codes(raid.recipient) == ["PAK"]
