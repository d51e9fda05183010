"""The acled suite: the type table, the stratified sample, place and day measures."""

from __future__ import annotations

import pytest

from communique.document import Event, Evidence
from communique.evaluate import get_suite
from communique.evaluate.acled import acceptable_types, haversine_km, sample, score_record


def _event(event_type: str, confidence: float = 0.5, lat: float | None = None,
           lon: float | None = None, date: str | None = None) -> Event:
    return Event(event_type=event_type, cameo=None, evidence=Evidence("", 0, 0, ""),
                 confidence=confidence, date=date,
                 location={"name": "x", "country": None, "lat": lat, "lon": lon} if lat is not None else None)


@pytest.mark.parametrize(("event_type", "sub_type", "expected"), [
    ("Battles", "Armed clash", ("ASSAULT",)),
    ("Explosions/Remote violence", "Grenade", ("ASSAULT",)),
    ("Violence against civilians", "Abduction/forced disappearance", ("ASSAULT",)),
    ("Protests", "Peaceful protest", ("PROTEST",)),
    ("Protests", "Protest with intervention", ("PROTEST", "COERCE", "ASSAULT")),
    ("Riots", "Mob violence", ("ASSAULT", "PROTEST")),
    ("Strategic developments", "Arrests", ("COERCE",)),
    ("Strategic developments", "Agreement", ("AGREE", "COOPERATE")),
    ("Strategic developments", "Other", ()),
])
def test_acceptable_types(event_type: str, sub_type: str, expected: tuple[str, ...]) -> None:
    record = {"event_type": event_type, "sub_event_type": sub_type}
    assert set(acceptable_types(record)) == set(expected)


def test_sample_is_stratified_deterministic_and_skips_unmapped() -> None:
    records = [{"event_id_cnty": f"X{i}", "event_type": "Protests", "sub_event_type": "Peaceful protest",
                "notes": "n"} for i in range(60)]
    records += [{"event_id_cnty": "O1", "event_type": "Strategic developments", "sub_event_type": "Other",
                 "notes": "n"}]
    first = sample(records)
    assert len(first) == 40 and first == sample(list(reversed(records)))


def test_haversine() -> None:
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.2, abs=0.2)


def test_place_and_day_use_the_best_acceptable_event() -> None:
    record = {"event_type": "Battles", "sub_event_type": "Armed clash", "geo_precision": 1,
              "latitude": 50.45, "longitude": 30.52, "time_precision": 1, "event_date": "2022-03-01"}
    events = [_event("ASSAULT", 0.9, 50.5, 30.6, "2022-03-01"), _event("ASSAULT", 0.1, 10, 10, "2021-01-01"),
              _event("PROTEST", 1.0)]
    row = score_record(record, events)
    assert row["found"] and row["correct"] == 2 and row["predicted"] == 3
    assert row["place"] is True and row["day"] is True
    record["geo_precision"] = 3
    assert score_record(record, events)["place"] is None


def test_small_real_sample_has_a_floor(shared_dir) -> None:
    path = shared_dir / "data" / "acled" / "acled_notes_dev.jsonl"
    report = get_suite("acled")([str(path)], limit=40)
    assert report.summary["notes"] == 40
    assert report.summary["recall"] >= 0.6 and report.summary["precision"] >= 0.6
