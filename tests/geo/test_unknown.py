"""Places the gazetteer does not hold (geo/unknown.py), on sentences written for the tests."""

from __future__ import annotations

import pytest

from communique.config import DEFAULT_STAGES, Config
from communique.document import Event, Evidence
from communique.geo.locate import GeoContext
from communique.geo.mentions import find_mentions
from communique.geo.resolve import resolve_mentions
from communique.geo.unknown import UnknownPlace, refine_location, unknown_places
from communique.pipeline import Pipeline, make_document


def test_an_unknown_district_names_the_event_at_the_dateline_country(code_text) -> None:
    doc = code_text("KABUL (Reuters) - Taliban fighters attacked a police checkpoint in Qarabolak "
                    "district on Monday, killing four officers, officials said.",
                    published="2024-03-12")
    located = [e.location for e in doc.events if e.event_type == "ASSAULT"]
    assert located and all(loc["text"] == "Qarabolak district" for loc in located)
    assert all((loc["country"], loc["feature"]) == ("AFG", "region") for loc in located)
    assert all(loc["lat"] is not None for loc in located)


def test_a_known_town_of_the_sentence_is_kept(code_text) -> None:
    doc = code_text("Gunmen attacked a market in Kandahar on Monday, killing four people, "
                    "officials in Zorbadi district said.", published="2024-03-12")
    located = [e.location for e in doc.events if e.event_type == "ASSAULT"]
    assert located and all(loc["text"] == "Kandahar" for loc in located)


def test_an_unknown_site_takes_the_position_of_the_known_town_next_to_it(geocode, gazetteer):
    doc = geocode("Militants stormed a police post in Dhuurqaad district near Kismayo on Monday.")
    mentions = find_mentions(doc, gazetteer)
    located = resolve_mentions(doc.text, mentions, gazetteer, GeoContext())
    found = unknown_places(doc, mentions, located, gazetteer)
    base = next(p for p in found if p.text == "Dhuurqaad district")
    kismayo = next(item.entry for item in located if item.mention.text == "Kismayo")
    assert (base.country, base.feature) == ("SOM", "region")
    assert (base.lat, base.lon) == (kismayo.lat, kismayo.lon)


def test_refine_keeps_a_stated_town_and_a_country_elsewhere(gazetteer) -> None:
    text = "Soldiers clashed with rebels in Tashkul district near Paris."
    evidence = Evidence(text, 0, len(text), "clashed", 9, 16)
    event = Event("ASSAULT", "190", evidence)
    place = UnknownPlace("Tashkul district", 32, 48, 0, len(text), "region", "TJK", 38.5, 68.8)
    paris = {"name": "Paris", "text": "Paris", "country": "FRA", "lat": 48.9, "lon": 2.3,
             "feature": "city"}
    assert refine_location(event, paris, [place], gazetteer, GeoContext()) == paris
    france = dict(paris, name="France", text="France", feature="country")
    assert refine_location(event, france, [place], gazetteer, GeoContext()) == france
    nowhere = refine_location(event, None, [place], gazetteer, GeoContext())
    assert nowhere is not None and (nowhere["text"], nowhere["country"]) == ("Tashkul district",
                                                                             "TJK")


def test_a_later_sentence_takes_the_unknown_place_of_the_paragraph() -> None:
    stages = tuple(s for s in DEFAULT_STAGES if s != "article_events")  # one event per sentence
    doc = Pipeline(Config(stages=stages))(make_document(
        "Taliban fighters attacked two police posts in eastern Afghanistan on Monday. "
        "A spokesman for Kunar province said the fighting in Qarabolak district "
        "began at night. The gunfight killed six police officers.", published="2024-03-12"))
    last = [e for e in doc.events if e.evidence.text.startswith("The gunfight")]
    assert last and all(e.location["text"] == "Qarabolak district" for e in last)


@pytest.mark.parametrize("site", ["Mohamed Nur refugee camp", "Abdi Weyne refugee camp"])
def test_a_site_near_a_known_town_is_the_place(code_text, site) -> None:
    doc = code_text(f"Paramilitary fighters shelled the {site} near Kismayo on Monday, killing "
                    "six people.", published="2024-03-12")
    located = [e.location for e in doc.events if e.event_type == "ASSAULT"]
    assert located and all(loc["text"] == site for loc in located)
    assert all((loc["country"], loc["feature"]) == ("SOM", "city") for loc in located)
