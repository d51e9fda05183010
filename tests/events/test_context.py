"""The actor_context stage: who and whom read from the whole article (sentences written here)."""

from __future__ import annotations

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
    unplaced = _event("ASSAULT", [Actor(text="gunmen")])
    fill_countries(unplaced, fallback=None)
    assert _codes(unplaced.actor) == [None]


def test_split_leaves_one_country_pairs_and_recipients_alone() -> None:
    same = _event("CONSULT", [Actor(text="a", code="FRA"), Actor(text="b", code="FRA")])
    split_joint_act(same)
    assert same.recipient == []
    aimed = _event("AGREE", [Actor(text="a", code="FRA"), Actor(text="b", code="DEU")],
                   [Actor(text="c", code="UKR")])
    split_joint_act(aimed)
    assert _codes(aimed.actor) == ["FRA", "DEU"] and _codes(aimed.recipient) == ["UKR"]
