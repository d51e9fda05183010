def test_cities_countries_regions_and_alternates(gazetteer):
    moscow = gazetteer.lookup("Moscow")[0]
    assert (moscow.name, moscow.country, moscow.feature) == ("Moscow", "RUS", "city")
    assert abs(moscow.lat - 55.75) < 0.05 and abs(moscow.lon - 37.62) < 0.05
    assert gazetteer.lookup("Kiev")[0].name == "Kyiv"  # alternate spelling
    assert {e.country for e in gazetteer.lookup("U.S.") if e.feature == "country"} == {"USA"}
    assert gazetteer.lookup("Donbas")[0].country == "UKR"  # regions.yaml
    assert any(e.feature == "admin1" and e.country == "USA" for e in gazetteer.lookup("Texas"))


def test_unknown_name_and_country_by_code(gazetteer):
    assert gazetteer.lookup("Qwxzzy") == ()
    assert gazetteer.lookup("") == ()
    assert gazetteer.country("FRA").name == "France"
    assert gazetteer.country("IGO") is None
