"""Acceptance on the canonical Xinhua article (skipped when ../shared is absent)."""

from __future__ import annotations

CONFLICT = {"ASSAULT", "COERCE", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "ACCUSE", "REJECT"}


def _codes(actors) -> set[str]:
    return {a.code for a in actors if a.code}


def test_meeting_is_consult_between_china_and_russia(xinhua_doc) -> None:
    consult = [e for e in xinhua_doc.events if e.event_type == "CONSULT" and e.cameo.startswith("04")
               and not e.reported_past]
    assert any({"CHN", "RUS"} <= _codes(e.actor) | _codes(e.recipient) for e in consult)


def test_lavrov_applauds_china(xinhua_doc) -> None:
    support = [e for e in xinhua_doc.events if e.event_type == "SUPPORT" and e.evidence.trigger == "applauded"]
    assert support and support[0].cameo.startswith("05")
    assert "RUS" in _codes(support[0].actor) and "CHN" in _codes(support[0].recipient)


def test_both_sides_commend_brics(xinhua_doc) -> None:
    support = [e for e in xinhua_doc.events if e.evidence.trigger == "commended"]
    assert support and support[0].event_type == "SUPPORT"
    assert any(a.name == "BRICS" or "BRICS" in a.text for a in support[0].recipient)


def test_xi_visit_is_a_reported_past_visit(xinhua_doc) -> None:
    visits = [e for e in xinhua_doc.events if e.event_type == "CONSULT" and e.mode == "visit"]
    assert visits and visits[0].reported_past
    assert "RUS" in _codes(visits[0].recipient)


def test_no_conflict_events(xinhua_doc) -> None:
    assert not [e for e in xinhua_doc.events if e.event_type in CONFLICT]


def test_the_meeting_lists_every_mention_of_it(xinhua_doc) -> None:
    """The meeting is told twice in the body ("while meeting with Lavrov", "the two sides
    also exchanged views"); the photo caption is not coded. One event lists both."""
    meetings = [e for e in xinhua_doc.events if e.event_type == "CONSULT" and not e.reported_past]
    assert len(meetings) == 1
    meeting = meetings[0]
    texts = [m.evidence.text for m in meeting.mentions]
    assert texts == [
        "Wang made the remarks while meeting with Russian Foreign Minister Sergei Lavrov.",
        "The two sides also exchanged views and coordinated positions on the international and "
        "regional issues of common concern.",
    ]
    assert meeting.evidence.trigger == "meeting" and meeting.date == "2023-09-18"
    assert {a.cameo for a in meeting.actor} == {"CHNGOV"}
    assert {a.cameo for a in meeting.recipient} == {"RUSGOV"}
    for mention in meeting.mentions:
        assert xinhua_doc.text[mention.evidence.start:mention.evidence.end] == mention.evidence.text
