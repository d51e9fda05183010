"""The running-news suite: matching, duplicates and slots on hand-made events."""

from __future__ import annotations

import pytest

from communique.document import Actor, Document, Event, Evidence
from communique.evaluate import get_suite
from communique.evaluate.running_news import build_report, gold_events, match, slot_results

TEXT = ("Russia attacked Kyiv on Monday. The attack killed five. "
        "Ukraine condemned the attack. France and Germany met in Paris.")


def _event(event_type: str, sentence: str, actor: str | None = None, recipient: str | None = None,
           **extra) -> Event:
    start = TEXT.index(sentence)
    return Event(event_type=event_type, cameo=None,
                 evidence=Evidence(sentence, start, start + len(sentence), ""),
                 actor=[Actor(text="a", code=actor)] if actor else [],
                 recipient=[Actor(text="r", code=recipient)] if recipient else [], **extra)


def _gold(event_type: str, mentions: list[str], actor: str | None = None,
          recipient: str | None = None, **extra) -> dict:
    return {"event_type": event_type, "mentions": mentions,
            "actor": [{"code": actor}] if actor else [],
            "recipient": [{"code": recipient}] if recipient else [],
            "negated": False, "hypothetical": False, **extra}


RECORD = {"id": "rn-x", "date": "2024-03-12", "text": TEXT, "events": [
    _gold("ASSAULT", ["Russia attacked Kyiv on Monday.", "The attack killed five."], "RUS", "UKR",
          date="2024-03-11", location={"name": "Kyiv", "country": "UKR"}),
    _gold("ACCUSE", ["Ukraine condemned the attack."], "UKR", "RUS"),
    _gold("CONSULT", ["France and Germany met in Paris."], "FRA", "DEU", hypothetical=True),
]}


def test_gold_mentions_are_located_and_unasserted_events_dropped() -> None:
    gold, missing = gold_events(RECORD)
    assert [g.event_type for g in gold] == ["ASSAULT", "ACCUSE"] and missing == 0
    assert gold[0].spans[1] == (TEXT.index("The attack"), TEXT.index("The attack") + 23)


def test_same_type_pairs_first_then_other_types_then_duplicates() -> None:
    gold, _ = gold_events(RECORD)
    predicted = [_event("ASSAULT", "Russia attacked Kyiv on Monday."),
                 _event("ASSAULT", "The attack killed five."),
                 _event("PROTEST", "Ukraine condemned the attack."),
                 _event("CONSULT", "France and Germany met in Paris.")]
    result = match(predicted, gold)
    assert sorted(result.pairs) == [(0, 0), (2, 1)]
    assert result.duplicates == [1] and result.spurious == [3]


def test_a_swapped_dyad_is_wrong_on_both_slots() -> None:
    gold = RECORD["events"][0]
    swapped = slot_results(gold, _event("ASSAULT", "Russia attacked Kyiv on Monday.", "UKR", "RUS"))
    assert swapped["actor"] is False and swapped["recipient"] is False and swapped["dyad"] is False
    right = slot_results(gold, _event("ASSAULT", "Russia attacked Kyiv on Monday.", "RUS", "UKR",
                                      date="2024-03-11",
                                      location={"name": "Kyiv city", "country": "UKR"}))
    assert right == {"actor": True, "recipient": True, "dyad": True, "date": True, "place": True}


def test_report_numbers_follow_the_definitions() -> None:
    doc = Document(text=TEXT, id="rn-x")
    doc.events = [_event("ASSAULT", "Russia attacked Kyiv on Monday.", "RUS", "UKR"),
                  _event("ASSAULT", "The attack killed five."),
                  _event("ACCUSE", "Ukraine condemned the attack.", "UKR", None),
                  _event("REJECT", "France and Germany met in Paris.", negated=True)]
    summary = build_report([RECORD], [doc]).summary
    assert summary["predicted_events"] == 3 and summary["gold_events"] == 2
    assert summary["precision"] == pytest.approx(2 / 3) and summary["recall"] == 1.0
    assert summary["duplicates"] == 1 and summary["mention_precision"] == pytest.approx(2 / 3)
    assert summary["actor_slot"] == 1.0 and summary["recipient_slot"] == 0.5
    assert summary["date"] == 0.0 and summary["place"] == 0.0


@pytest.mark.slow
def test_suite_runs_on_shared_running_news(shared_dir) -> None:
    report = get_suite("running-news")([str(shared_dir / "data/running_news/running_news_dev.jsonl")],
                                       limit=6)
    assert report.summary["articles"] == 6 and report.summary["predicted_events"] > 0
    assert set(report.halves) == {"tune", "check"}


@pytest.mark.slow
def test_non_political_suite_counts_false_alarms(shared_dir) -> None:
    report = get_suite("non-political")([str(shared_dir / "data/running_news/non_political_dev.jsonl")],
                                        limit=6)
    assert report.summary["reports"] == 6
    assert 0.0 <= report.summary["false_alarm_rate"] <= 1.0
