"""End to end on real articles: the Xinhua example as a new user would code it (issue 2)."""

from __future__ import annotations

import pytest

CONFLICT_TYPES = {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def _codes(actors):
    return {a.code for a in actors}


def test_dateline(xinhua_doc):
    d = xinhua_doc.dateline
    assert d is not None
    assert (d.place, d.country, d.date) == ("Moscow", "RUS", "2023-09-18")
    assert xinhua_doc.text[d.start : d.end].startswith("MOSCOW")


def test_header_and_source(xinhua_doc):
    assert xinhua_doc.published == "2023-09-19"
    assert xinhua_doc.title.startswith("Chinese FM calls on China, Russia")
    assert xinhua_doc.source == "Xinhua"


def test_meeting_is_consult_in_moscow(xinhua_doc):
    meetings = [
        e for e in xinhua_doc.events
        if e.event_type == "CONSULT" and {"CHN", "RUS"} <= _codes(e.actor) | _codes(e.recipient)
        and e.date == "2023-09-18"
    ]
    assert meetings, [(e.event_type, e.evidence.trigger) for e in xinhua_doc.events]
    meeting = meetings[0]
    assert meeting.cameo.startswith("04")
    assert meeting.location and meeting.location["name"] == "Moscow"
    assert meeting.location["country"] == "RUS"


def test_lavrov_applauds_position_paper(xinhua_doc):
    support = [
        e for e in xinhua_doc.events
        if e.event_type == "SUPPORT" and "RUS" in _codes(e.actor) and "CHN" in _codes(e.recipient)
    ]
    assert support
    assert support[0].cameo.startswith("05")


def test_both_sides_commend_brics(xinhua_doc):
    brics = [
        e for e in xinhua_doc.events
        if e.event_type == "SUPPORT" and any(a.name == "BRICS" for a in e.recipient)
    ]
    assert brics
    assert {"CHN", "RUS"} <= _codes(brics[0].actor)


def test_xi_march_visit_is_reported_past(xinhua_doc):
    visits = [e for e in xinhua_doc.events if e.date == "2023-03" and e.event_type == "CONSULT"]
    assert visits
    assert visits[0].date_precision == "month"
    assert visits[0].reported_past
    assert "CHN" in _codes(visits[0].actor)


def test_no_conflict_events(xinhua_doc):
    assert not [e.event_type for e in xinhua_doc.events if e.event_type in CONFLICT_TYPES and not e.negated]


def test_every_attributed_statement_has_its_speaker(xinhua_doc):
    quotes = xinhua_doc.quotes
    names = [q.speaker.name if q.speaker else None for q in quotes]
    assert len(quotes) >= 8, names
    assert set(names) <= {"Wang Yi", "Sergei Lavrov"}, names
    by_start = {xinhua_doc.text[q.start : q.start + 40]: q.speaker.name for q in quotes}
    text = xinhua_doc.text

    def speaker_of(fragment: str) -> str | None:
        pos = text.index(fragment)
        for q in quotes:
            if q.start <= pos < q.end:
                return q.speaker.name if q.speaker else None
        return None

    assert speaker_of("in the face of rising unilateralism") == "Wang Yi", by_start
    assert speaker_of("Russia is willing to work with China") == "Sergei Lavrov", by_start
    assert speaker_of("always open to negotiations") == "Sergei Lavrov", by_start
    assert speaker_of("China is committed to the right approach") == "Wang Yi", by_start


def test_offsets_are_slices_of_the_text(xinhua_doc):
    text = xinhua_doc.text
    for e in xinhua_doc.entities:
        assert text[e.start : e.end] == e.text
    for q in xinhua_doc.quotes:
        assert text[q.start : q.end] == q.text
    for p in xinhua_doc.places:
        assert text[p.start : p.end] == p.text
    for ev in xinhua_doc.events:
        assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.text


def test_caption_and_source_line_are_not_coded(xinhua_doc):
    caption_start = xinhua_doc.text.index("Chinese Foreign Minister Wang Yi, also a member")
    caption_end = xinhua_doc.text.index("(Xinhua/Cao Yang)")
    for ev in xinhua_doc.events:
        assert not caption_start <= ev.evidence.start <= caption_end


@pytest.mark.parametrize("field", ["schema_version", "id", "title", "published", "source", "url",
                                   "dateline", "text", "entities", "quotes", "places", "events", "error"])
def test_contract_fields(xinhua_doc, field):
    assert field in xinhua_doc.to_dict()
