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


MOSCOW_CITY = GeoEntry(5, 524901, "Moscow", "RUS", "48", 55.75, 37.62, 10_381_222, "city")
MOSCOW_SUBJECT = GeoEntry(6, None, "Moscow", "RUS", "48", 55.7, 37.5, 12_000_000, "admin1")
DONETSK_CITY = GeoEntry(7, 709717, "Donetsk", "UKR", "05", 48.02, 37.8, 901_645, "city")
DONETSK_OBLAST = GeoEntry(8, None, "Donetsk", "UKR", "05", 48.06, 37.77, 6_660_173, "admin1")


def test_a_city_holding_its_subdivision_is_the_bare_name():
    from communique.geo.locate import without_city_states

    assert without_city_states([MOSCOW_SUBJECT, MOSCOW_CITY]) == [MOSCOW_CITY]
    assert DONETSK_OBLAST in without_city_states([DONETSK_OBLAST, DONETSK_CITY])


def test_a_qualifier_names_the_region_not_its_namesake_city():
    from communique.geo.locate import regions_first

    assert regions_first([DONETSK_OBLAST, DONETSK_CITY]) == [DONETSK_OBLAST]
    assert regions_first([PARIS_FR, PARIS_TX]) == [PARIS_FR, PARIS_TX]


def test_a_place_qualified_by_itself_keeps_its_reading():
    # "Bareilly city (Bareilly district)": the qualifier's reading is the town itself
    bareli = GeoEntry(9, 1, "Bareli", "IND", "35", 23.0, 78.23, 34_663, "city")
    bareilly = GeoEntry(10, 2, "Bareilly", "IND", "36", 28.37, 79.42, 745_435, "city")
    assert choose([bareilly, bareli], GeoContext(), hints=[bareilly]) == bareilly
