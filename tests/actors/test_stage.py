"""The actors stage on short texts and on the Xinhua example."""

from __future__ import annotations


def _mention(doc, text):
    return next(m for m in doc.mentions if m.text == text)


def test_titled_name_is_one_mention(actors_only):
    doc = actors_only("Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov "
                      "in Moscow. Wang said the talks were useful.", published="2023-09-18")
    wang = _mention(doc, "Chinese Foreign Minister Wang Yi")
    assert wang.name == "Wang Yi" and wang.actors[0].cameo == "CHNGOV"
    lavrov = _mention(doc, "Russian Foreign Minister Sergei Lavrov")
    assert lavrov.actors[0].cameo == "RUSGOV"
    later = next(m for m in doc.mentions if m.text == "Wang" and m.start > wang.end)
    assert later.name == "Wang Yi" and later.actors[0].cameo == "CHNGOV"


def test_capital_as_subject_is_the_government(actors_only):
    doc = actors_only("Beijing said on Monday that it opposed the sanctions.")
    beijing = _mention(doc, "Beijing")
    assert beijing.kind == "metonym" and beijing.actors[0].cameo == "CHNGOV"


def test_capital_as_a_place_has_no_sector(actors_only):
    doc = actors_only("The ministers met in Beijing on Monday.")
    beijing = _mention(doc, "Beijing")
    assert beijing.actors[0].code == "CHN" and beijing.actors[0].sector is None


def test_city_in_the_name_of_a_thing_is_no_actor(actors_only):
    doc = actors_only("Kyiv and Moscow backed the Minsk agreements and the Astana talks.")
    assert {m.text for m in doc.mentions} == {"Kyiv", "Moscow"}


def test_capital_subject_before_a_role_word_verb(actors_only):
    # "press" is also a role word (the press): the subject stays a mention of its own
    doc = actors_only("The decision means Ankara can press ahead with the operation.")
    assert _mention(doc, "Ankara").actors[0].code == "TUR"


def test_a_weapon_takes_no_country_from_where_it_strikes(actors_only):
    doc = actors_only("A missile hit a building in Kyiv. Russian drones attacked Odesa.")
    assert _mention(doc, "A missile").actors[0].code is None
    assert _mention(doc, "Russian drones").actors[0].cameo == "RUSMIL"


def test_both_sides_of_a_border_are_no_parties(actors_only):
    doc = actors_only("Iraq and Syria share a long border. Fighters hide on both sides of the border.")
    assert not [m for m in doc.mentions if m.text == "both sides"]


def test_a_pair_that_acts_is_of_countries_that_acted(actors_only):
    doc = actors_only("Moscow has worked with Turkey, as Ankara focused on a buffer zone inside Syria. "
                      "The two countries worked closely. Fighters moved across Iraq and Syria, "
                      "blurring the border between the two countries.")
    pairs = [m for m in doc.mentions if m.text.lower() == "the two countries"]
    assert {a.code for a in pairs[0].actors} == {"RUS", "TUR"}
    assert {a.code for a in pairs[1].actors} == {"IRQ", "SYR"}


def test_he_said_goes_to_the_salient_speaker(actors_only):
    doc = actors_only("Russian Foreign Minister Sergei Lavrov said that Chinese President Xi Jinping "
                      "had visited Russia. The visit was a success, he said.", published="2023-09-18")
    he = _mention(doc, "he")
    assert he.kind == "pronoun" and he.name == "Sergei Lavrov"


def test_two_sides_are_the_two_countries(actors_only):
    doc = actors_only("Japan and South Korea held talks in Tokyo. The two sides agreed to meet again.")
    pair = _mention(doc, "The two sides")
    assert sorted(a.code for a in pair.actors) == ["JPN", "KOR"]


def test_nominal_takes_the_dateline_country(actors_only):
    doc = actors_only("KABUL, March 3 (Reuters) - Police fired tear gas at protesters on Sunday.")
    police = _mention(doc, "Police")
    assert (police.actors[0].code, police.actors[0].sector) == ("AFG", "COP")


def test_entities_carry_offsets_canonical_names_and_actors(actors_only):
    text = "The Shanghai Cooperation Organisation and NATO issued statements."
    doc = actors_only(text)
    for entity in doc.entities:
        assert text[entity.start : entity.end] == entity.text
    sco = next(e for e in doc.entities if "Shanghai" in e.text)
    assert sco.canonical == "Shanghai Cooperation Organization" and sco.actor.code == "IGO"


def test_xinhua_acceptance(xinhua_doc):
    doc = xinhua_doc
    cameo_of = {m.text: m.actors[0].cameo for m in doc.mentions if m.actors}
    assert cameo_of["Chinese Foreign Minister Wang Yi"] == "CHNGOV"
    assert cameo_of["Russian Foreign Minister Sergei Lavrov"] == "RUSGOV"
    assert cameo_of["The Russian side"] == "RUSGOV"
    names = {m.text: m.name for m in doc.mentions if m.kind in ("name", "pronoun")}
    assert names["Wang"] == "Wang Yi" and names["Lavrov"] == "Sergei Lavrov"
    pronouns = [m for m in doc.mentions if m.kind == "pronoun"]
    assert pronouns and all(m.name in ("Wang Yi", "Sergei Lavrov") for m in pronouns)
    pairs = [m for m in doc.mentions if m.text.lower() == "the two sides"]
    assert pairs and all(sorted(a.code for a in m.actors) == ["CHN", "RUS"] for m in pairs)
    canon = {e.canonical: e for e in doc.entities if e.actor}
    assert canon["BRICS"].actor.code == "IGO" and canon["BRICS"].label == "ORG"
    assert canon["Shanghai Cooperation Organization"].actor.code == "IGO"


def test_appositive_role_gives_an_unknown_person_an_actor(actors_only):
    doc = actors_only("A new UN special envoy, Geir Pedersen, has arrived.")
    envoy = _mention(doc, "UN special envoy")
    assert envoy.actors[0].code == "UNO"
    pedersen = _mention(doc, "Geir Pedersen")
    assert pedersen.actors[0].code == "UNO"


def test_acronym_is_not_a_surname(actors_only):
    doc = actors_only("The UN said Kim Jong Un met officials.", published="2021-01-01")
    assert _mention(doc, "Kim Jong Un").actors[0].cameo == "PRKGOV"
    assert all(m.name != "Kim Jong-un" for m in doc.mentions if m.text == "UN")


def test_a_short_form_the_article_defines_means_its_name(actors_only):
    doc = actors_only("Fighters of the Rapid Support Forces (RSF) shelled El Fasher on Saturday. "
                      "The RSF denied the reports.")
    later = [m for m in doc.mentions if m.text == "RSF"][-1]
    assert later.actors[0].code == "SDN"


def test_an_undefined_short_form_keeps_its_lexicon_meaning(actors_only):
    doc = actors_only("RSF condemned the arrest of two reporters in Khartoum.")
    assert _mention(doc, "RSF").actors[0].code == "NGO"


def test_a_surname_that_is_also_a_place_is_the_person_named_before(actors_only):
    doc = actors_only("Bolivian presidential candidate Carlos Mesa rejected the audit on Monday. "
                      "Mesa said the count was flawed.")
    later = [m for m in doc.mentions if m.text == "Mesa"][-1]
    assert later.name == "Carlos Mesa" and later.actors[0].code == "BOL"


def test_a_definite_plural_of_one_office_names_the_two_holders(actors_only):
    doc = actors_only("Japanese Foreign Minister Yoko Kamikawa met South Korean Foreign Minister "
                      "Cho Tae Yul in Rio de Janeiro. The foreign ministers agreed to cooperate.")
    pair = _mention(doc, "The foreign ministers")
    assert sorted(a.code for a in pair.actors) == ["JPN", "KOR"]
