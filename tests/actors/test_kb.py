import pytest

from communique.actors.kb import (
    FORMER,
    IN_OFFICE,
    NOT_YET,
    KnowledgeBase,
    check_terms,
    country_coverage,
    coverage,
    get_kb,
    leader_office,
    read_terms,
    states,
    term_from_row,
)
from communique.actors.resolve import resolve_actor

G20_AND_P5 = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR",
              "MEX", "RUS", "SAU", "ZAF", "TUR", "GBR", "USA"]
# the 40 other most-reported countries of docs/actors.md ("Knowledge-base coverage")
MOST_REPORTED = ["UKR", "ISR", "PSE", "IRN", "IRQ", "SYR", "AFG", "PAK", "EGY", "ARE", "QAT", "LBN",
                 "JOR", "YEM", "LBY", "SDN", "ETH", "NGA", "KEN", "PRK", "TWN", "VNM", "PHL", "THA",
                 "MMR", "BGD", "POL", "ESP", "NLD", "BEL", "SWE", "NOR", "FIN", "GRC", "HUN", "SRB",
                 "BLR", "VEN", "COL", "CUB"]


def test_builtin_kb_is_valid():
    assert check_terms(get_kb().terms) == []


def test_coverage_counts_documented_in_docs():
    counts = coverage(get_kb().terms)
    assert counts["terms"] >= 6200
    assert counts["people"] >= 5100
    assert counts["countries"] >= 200
    assert counts["offices"]["head_of_state"] >= 820
    assert counts["offices"]["head_of_government"] >= 1270
    assert counts["offices"]["foreign_minister"] >= 1520
    assert counts["offices"]["defence_minister"] >= 1190
    assert counts["offices"]["interior_minister"] >= 1240


# a date the tables are believed complete for (docs/actors.md, "Where the tables come from")
RECENT = "2025-10-01"
ALL_STATES = states()["un_members"] + states()["observers"]


def test_states_are_the_un_members_and_observers():
    assert len(set(states()["un_members"])) == 193
    assert states()["observers"] == ["VAT", "PSE"]


@pytest.mark.parametrize("country", ALL_STATES)
def test_every_states_current_leader_resolves_to_it(country):
    office = leader_office(country)
    [leader] = [t for t in get_kb().terms if t.country == country and t.office == office and t.covers(RECENT)]
    actor = resolve_actor(leader.name, date=RECENT)
    assert actor.code == country, leader.name
    assert "GOV" in leader.sectors and set(leader.sectors) & set(actor.sectors), leader.name


def test_country_coverage_reports_holders_and_gaps():
    rows = {r.country: r for r in country_coverage(get_kb().terms, ["FRA", "AGO", "USA"], RECENT)}
    assert rows["FRA"].holders["head_of_state"] == "Emmanuel Macron"
    assert rows["FRA"].holders["interior_minister"] == "Bruno Retailleau"
    # Angola's prime minister's office was abolished in 2010: recorded, but no holder now
    assert rows["AGO"].holders["head_of_government"] is None
    assert "head_of_government" in rows["AGO"].recorded
    # the United States never had a head of government apart from the president
    assert rows["USA"].holders["head_of_government"] is None
    assert "head_of_government" not in rows["USA"].recorded
    known = sum(r.holders["foreign_minister"] is not None
                for r in country_coverage(get_kb().terms, ALL_STATES, RECENT))
    assert known >= 187


@pytest.mark.parametrize("country", G20_AND_P5)
def test_every_g20_country_has_leaders_and_foreign_ministers(country):
    offices = {t.office for t in get_kb().terms if t.country == country}
    assert offices & {"head_of_state", "head_of_government"}
    assert "foreign_minister" in offices or country in {"CHL"}


@pytest.mark.parametrize("country", G20_AND_P5)
def test_every_g20_country_has_defence_ministers(country):
    assert any(t.country == country and t.office == "defence_minister" for t in get_kb().terms)


@pytest.mark.parametrize("country", MOST_REPORTED)
def test_most_reported_countries_have_leaders_and_foreign_ministers(country):
    offices = {t.office for t in get_kb().terms if t.country == country}
    assert offices & {"head_of_state", "head_of_government"}
    assert "foreign_minister" in offices


def _holder(country: str, office: str, date: str) -> list[str]:
    return [t.name for t in get_kb().terms if t.country == country and t.office == office and t.covers(date)]


@pytest.mark.parametrize("country,office,date,name", [
    ("ESP", "defence_minister", "2020-01-01", "Margarita Robles"),
    ("KOR", "defence_minister", "2021-01-01", "Suh Wook"),
    ("IRN", "defence_minister", "2019-01-01", "Amir Hatami"),
    ("BRA", "defence_minister", "2010-01-01", "Nelson Jobim"),
    ("NLD", "defence_minister", "2023-01-01", "Kajsa Ollongren"),
    ("ITA", "defence_minister", "2015-01-01", "Roberta Pinotti"),
    ("TWN", "head_of_government", "2020-01-01", "Su Tseng-chang"),
    ("PSE", "head_of_government", "2015-01-01", "Rami Hamdallah"),
    ("JOR", "head_of_government", "2019-01-01", "Omar Razzaz"),
    ("GRC", "foreign_minister", "2008-01-01", "Dora Bakoyannis"),
])
def test_known_holders_on_a_date(country, office, date, name):
    assert _holder(country, office, date) == [name]


def test_common_words_are_not_taken_for_surnames():
    kb = get_kb()
    for word in ["young", "green", "lower", "hill", "abdullah", "wagner"]:
        assert kb.single(word) == [], word


def test_a_surname_several_people_share_resolves_to_none_of_them():
    # docs/actors.md, "How names are matched": a single surname resolves only when one person has it
    kb = get_kb()
    for word, people in [("ahern", {"Bertie Ahern", "Dermot Ahern"}),
                         ("gabriel", {"Sigmar Gabriel", "Mariya Gabriel"}),
                         ("hasler", {"Otmar Hasler", "Adrian Hasler", "Dominique Hasler"}),
                         ("dan", {"Carmen Dan", "Nicușor Dan"})]:
        assert people <= kb.by_surname.get(word, set()), word
        assert kb.surname(word) == [] and kb.single(word) == [], word
        assert resolve_actor(word.capitalize(), date=RECENT).code is None, word
    assert resolve_actor("Sigmar Gabriel", date=RECENT).code == "DEU"


def test_main_international_organisations_have_heads():
    offices = {(t.country, t.office) for t in get_kb().terms}
    for key in [("UNO", "secretary_general"), ("IGO", "nato_secretary_general"),
                ("EUR", "commission_president"), ("IGO", "imf_managing_director"),
                ("IGO", "world_bank_president"), ("IGO", "au_commission_chair")]:
        assert key in offices


def _term(**row):
    base = {"name": "A B", "country": "FRA", "office": "head_of_state", "sectors": "GOV", "start": "2000"}
    return term_from_row({**base, **row})


def test_check_finds_overlaps_bad_dates_and_codes():
    terms = [_term(name="A B", start="2000-01-01", end="2005-01-01"),
             _term(name="C D", start="2004-01-01", end=""),
             _term(name="E F", country="XXX", office="x", start="2010", end="2009"),
             _term(name="G H", office="y", sectors="FOO")]
    problems = "\n".join(check_terms(terms))
    assert "overlaps" in problems
    assert "unknown country code 'XXX'" in problems
    assert "ends" in problems
    assert "unknown sector 'FOO'" in problems


def test_same_day_handover_is_not_an_overlap():
    terms = [_term(name="A B", start="2000-01-01", end="2005-01-01"), _term(name="C D", start="2005-01-01")]
    assert check_terms(terms) == []


def test_pick_by_date():
    kb = KnowledgeBase([_term(name="Ann Bxyz", start="2000-01-01", end="2005-01-01")])
    assert kb.pick(kb.person(("ann", "bxyz")), "2003-01-01") == (kb.terms[0], IN_OFFICE)
    assert kb.pick(kb.person(("ann", "bxyz")), "2010-01-01") == (kb.terms[0], FORMER)
    assert kb.pick(kb.person(("ann", "bxyz")), "1995-01-01") == (kb.terms[0], NOT_YET)
    assert kb.surname("bxyz") == kb.terms
    assert kb.single("may") == []


def test_user_kb_file(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,country,office,sectors,start,end\n"
                    "Zed Quux,Quux,NOR,mayor_of_oslo,GOV,2020-01-01,\n", encoding="utf-8")
    [term] = read_terms(str(path))
    assert term.aliases == ("Quux",) and term.end is None
    kb = get_kb((str(path),))
    assert kb.person(("zed", "quux"))[0].country == "NOR"


def test_coverage_gaps_are_the_periods_with_no_holder(tmp_path):
    from communique.actors.kb import coverage_gaps, read_terms

    path = tmp_path / "kb.csv"
    path.write_text("name,aliases,country,office,sectors,start,end\n"
                    "A One,,FRA,foreign_minister,GOV,1999-05-01,2004-01-01\n"
                    "B Two,,FRA,foreign_minister,GOV,2006-01-01,\n"
                    "C Three,,FRA,defence_minister,GOV|MIL,2000-01-01,2000-03-01\n",
                    encoding="utf-8")
    gaps = coverage_gaps(read_terms(str(path)), ["FRA"], "2000-01-01", "2010-01-01")
    found = {(g.family, g.start, g.end) for g in gaps}
    assert ("foreign_minister", "2004-01-01", "2006-01-01") in found
    assert ("defence_minister", "2000-03-01", "2010-01-01") in found
    assert not any(g.family == "foreign_minister" and g.start == "2000-01-01" for g in gaps)
    # a realm's head of state is the British monarch's, never a gap of its own
    assert all(g.family != "head_of_state"
               for g in coverage_gaps([], ["AUS"], "2000-01-01", "2001-01-01"))


def test_periods_without_the_office_are_not_gaps(tmp_path):
    from communique.actors.kb import NoOffice, check_no_office, coverage_gaps, no_office_periods

    none = (NoOffice("FRA", "defence_minister", "1990-01-01", None, "no such ministry"),)
    assert all(g.family != "defence_minister"
               for g in coverage_gaps([], ["FRA"], "2000-01-01", "2010-01-01", no_office=none))
    # the packaged table is valid: known states and families, dates in order, a reason each
    assert check_no_office(no_office_periods()) == []
    assert any(p.country == "USA" and p.family == "head_of_government" for p in no_office_periods())
    bad = (NoOffice("XXX", "king", "2001-01-01", "2000-01-01", ""),)
    assert len(check_no_office(bad)) == 4


def test_kb_check_lists_gaps_and_rejects_a_bad_date():
    from click.testing import CliRunner

    from communique.cli.actor import kb

    result = CliRunner().invoke(kb, ["check", "--gaps", "2000-01-01", "--date", "2025-10-01"])
    assert result.exit_code == 0
    assert any(line.split("\t")[1] == "defence_minister" for line in result.stdout.splitlines()
               if line.count("\t") == 2)
    # periods without the office are no gaps, and the summary counts them apart
    assert not any(line.startswith("USA\thead_of_government") for line in result.stdout.splitlines())
    assert "without the office" in result.stderr
    bad = CliRunner().invoke(kb, ["check", "--gaps", "2000-13-01"])
    assert bad.exit_code == 2
