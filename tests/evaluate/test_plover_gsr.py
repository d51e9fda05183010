"""The plover-gsr suite: scoring definitions on hand-made events, and a small real sample."""

from __future__ import annotations

import pytest

from communique.document import Actor, Event, Evidence
from communique.evaluate import get_suite
from communique.evaluate.codes import gold_codes
from communique.evaluate.plover_gsr import build_report, score_record


def _event(event_type: str, confidence: float = 0.5, actor: str | None = None,
           recipient: str | None = None, negated: bool = False) -> Event:
    return Event(event_type=event_type, cameo=None, evidence=Evidence("", 0, 0, ""),
                 actor=[Actor(text="a", code=actor)] if actor else [],
                 recipient=[Actor(text="r", code=recipient)] if recipient else [],
                 confidence=confidence, negated=negated)


RECORD = {"id": "x", "text": "t", "event_type": "ASSAULT",
          "actor": [{"code": "RUS"}], "recipient": [{"code": "UKR"}]}


def test_score_record_counts_type_and_countries() -> None:
    row = score_record(RECORD, [_event("ASSAULT", 0.9, "RUS", "UKR"), _event("PROTEST", 0.2)])
    assert row == {"found": True, "correct": 1, "predicted": 2, "top": "ASSAULT",
                   "actor": True, "recipient": True, "actor_strict": True, "recipient_strict": True}


def test_actor_may_match_either_role_but_not_strictly() -> None:
    row = score_record(RECORD, [_event("ASSAULT", actor="UKR", recipient="RUS")])
    assert row["actor"] and row["recipient"]
    assert row["actor_strict"] is False and row["recipient_strict"] is False


def test_country_scored_only_when_type_found() -> None:
    row = score_record(RECORD, [_event("PROTEST", actor="RUS")])
    assert row["found"] is False and row["actor"] is None


def test_gold_codes_read_legacy_cameo_countries() -> None:
    assert gold_codes([{"code": "JAP"}, {"code": "IGO"}, {"code": None}]) == {"JPN", "IGO"}


@pytest.mark.parametrize("code", ["UNO", "EUR"])
def test_un_and_eu_bodies_match_gold_igo(code: str) -> None:
    record = dict(RECORD, actor=[{"code": "IGO"}])
    assert score_record(record, [_event("ASSAULT", actor=code)])["actor_strict"] is True


def test_igo_does_not_match_a_gold_eur() -> None:
    record = dict(RECORD, actor=[{"code": "EUR"}])
    assert score_record(record, [_event("ASSAULT", actor="IGO")])["actor"] is False


class _Doc:
    def __init__(self, events: list[Event]) -> None:
        self.events = events


def test_report_precision_recall_and_misses() -> None:
    records = [RECORD, dict(RECORD, id="y", event_type="PROTEST")]
    docs = [_Doc([_event("ASSAULT", actor="RUS", recipient="UKR")]), _Doc([_event("ASSAULT"), _event("ASSAULT", negated=True)])]
    report = build_report(records, docs)
    assert report.summary["precision"] == 0.5 and report.summary["recall"] == 0.5
    assert report.summary["top1_accuracy"] == 0.5
    assert [m["id"] for m in report.misses] == ["y"]
    assert report.tables[0].rows and report.tables[1].title.startswith("confusion")


def test_small_real_sample_has_a_floor(shared_dir) -> None:
    path = shared_dir / "data" / "plover_gsr" / "plover_gsr_dev.jsonl"
    report = get_suite("plover-gsr")([str(path)], limit=40)
    assert report.summary["sentences"] == 40
    assert report.summary["f1"] >= 0.6
