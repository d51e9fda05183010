from communique.geo.locate import GeoContext, choose, without_city_states


def test_cities_countries_regions_and_alternates(gazetteer):
    # the federal city shares the name; named bare, "Moscow" is the city
    moscow = choose(without_city_states(list(gazetteer.lookup("Moscow"))), GeoContext())
    assert (moscow.name, moscow.country, moscow.feature) == ("Moscow", "RUS", "city")
    assert abs(moscow.lat - 55.75) < 0.05 and abs(moscow.lon - 37.62) < 0.05
    assert any(e.name == "Kyiv" for e in gazetteer.lookup("Kiev"))  # alternate spelling
    assert {e.country for e in gazetteer.lookup("U.S.") if e.feature == "country"} == {"USA"}
    assert gazetteer.lookup("Donbas")[0].country == "UKR"  # regions.yaml
    assert any(e.feature == "admin1" and e.country == "USA" for e in gazetteer.lookup("Texas"))


def test_unknown_name_and_country_by_code(gazetteer):
    assert gazetteer.lookup("Qwxzzy") == ()
    assert gazetteer.lookup("") == ()
    assert gazetteer.country("FRA").name == "France"
    assert gazetteer.country("IGO") is None


def test_loose_spellings_and_geonames_subdivision_names(gazetteer):
    assert gazetteer.lookup("Laas Caanood")[0].name == "Laascaanood"  # spacing
    assert not gazetteer.lookup("Laas Caanood")[0].primary  # trusted like an alternate
    kunar = [e for e in gazetteer.lookup("Konar") if e.feature == "admin1"]
    assert kunar and kunar[0].country == "AFG" and kunar[0].lat is not None
    narino = [e for e in gazetteer.lookup("Narino") if e.feature == "admin1"][0]
    assert abs(narino.lat - 1.3) < 1.0  # linked by name, not through a namesake town
