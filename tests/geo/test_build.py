from communique.geo.build import link_admin1, weighted_centre


def test_subdivisions_link_by_core_name_then_by_closest_spelling():
    subs = {"YE-HU": ["Al Ḩudaydah"], "AF-KNR": ["Kunaṟ"], "AF-BAM": ["Bāmyān"]}
    geonames = {"08": "Muhafazat al Hudaydah", "34": "Konar", "05": "Bamian", "99": "Zabul"}
    assert link_admin1(subs, geonames) == {"YE-HU": "08", "AF-KNR": "34", "AF-BAM": "05"}


def test_unlike_names_stay_unlinked():
    assert link_admin1({"AT-9": ["Wien"]}, {"09": "Vienna"}) == {}


def test_weighted_centre_leans_to_people_and_survives_the_antimeridian():
    lat, lon = weighted_centre([(0.0, 0.0, 10_000), (0.0, 10.0, 100)])
    assert lat == 0.0 or abs(lat) < 1e-9
    assert 0.0 < lon < 5.0  # nearer the larger town
    _, lon = weighted_centre([(-17.0, 179.5, 1000), (-17.0, -179.5, 1000)])
    assert abs(abs(lon) - 180.0) < 1.0  # Fiji stays in the Pacific
