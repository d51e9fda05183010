import pytest

from communique.geo.gazetteer import GeoEntry
from communique.geo.locate import GeoContext, choose, haversine_km, most_specific

PARIS_FR = GeoEntry(1, 2988507, "Paris", "FRA", "11", 48.85, 2.35, 2_138_551, "city")
PARIS_TX = GeoEntry(2, 4717560, "Paris", "USA", "TX", 33.66, -95.56, 24_782, "city")
TEXAS = GeoEntry(3, None, "Texas", "USA", "TX", 31.1, -97.6, 25_000_000, "admin1")
FRANCE = GeoEntry(4, 3017382, "France", "FRA", None, 46.5, 2.5, 67_000_000, "country")


def test_population_decides_without_context():
    assert choose([PARIS_TX, PARIS_FR], GeoContext()) == PARIS_FR


def test_a_texas_story_means_paris_texas():
    context = GeoContext()
    context.add(TEXAS)
    assert choose([PARIS_FR, PARIS_TX], context) == PARIS_TX


def test_a_us_story_alone_still_means_paris_france():
    assert choose([PARIS_FR, PARIS_TX], GeoContext(countries={"USA"})) == PARIS_FR


def test_a_qualifier_hint_decides():
    assert choose([PARIS_FR, PARIS_TX], GeoContext(), hints=[TEXAS]) == PARIS_TX


def test_no_candidates():
    assert choose([], GeoContext()) is None


def test_haversine():
    assert haversine_km(0, 0, 0, 0) == 0
    assert haversine_km(55.75, 37.62, 59.94, 30.31) == pytest.approx(634, abs=5)


def test_most_specific_prefers_town_over_country():
    assert most_specific([(FRANCE, 10), (PARIS_FR, 30)], anchor=12) == PARIS_FR
    assert most_specific([], anchor=0) is None
