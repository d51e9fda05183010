from hypothesis import given, settings
from hypothesis import strategies as st

from communique.actors.dict_import import (
    expand_date,
    import_files,
    parse_code,
    read_dictionary,
    split_cameo,
    to_rows,
    write_result,
)
from communique.actors.lexicon import build_lexicon, tokenize

SAMPLE = """\
# a comment
UNITED_STATES_ [USA]
+AMERICA_
+U.S._ # trailing comment
BARACK_OBAMA_
\t[USAELI 040101-090120]
\t[USAGOV >20090120]
UN_SECURITY_COUNCIL_ [IGOUNO]
!PERSON! = MAN, MEN
POLICEMAN {POLICEMEN} [~COP]
\tstray line without a block
"""


def test_read_dictionary_blocks_aliases_and_dates():
    records, skipped = read_dictionary(SAMPLE.splitlines())
    names = [r.name for r in records]
    assert names == ["United States", "Barack Obama", "UN Security Council", "Policeman"]
    assert records[0].aliases == ["America", "U.S."]
    assert records[1].codes == [("USAELI", "2004-01-01", "2009-01-20"), ("USAGOV", "2009-01-20", None)]
    assert records[3].agent
    assert skipped == 2


def test_to_rows_uses_the_latest_code():
    result = to_rows(read_dictionary(SAMPLE.splitlines())[0])
    obama = next(a for a in result.actors if a["name"] == "Barack Obama")
    assert (obama["code"], obama["sectors"]) == ("USA", ["GOV"])
    assert len(obama["periods"]) == 2
    assert result.agents == [{"name": "Policeman", "aliases": [], "sectors": ["COP"]}]


def test_codes_and_dates():
    assert parse_code("---") is None
    assert parse_code("USAGOV <990101") == ("USAGOV", None, "1999-01-01")
    assert expand_date("290101") == "2029-01-01"
    assert expand_date("bad") is None
    assert split_cameo("IGOUNO") == ("UNO", [])
    assert split_cameo("USAGOVMIL") == ("USA", ["GOV", "MIL"])
    assert split_cameo("~MED") == (None, ["JRN"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="AB_ +[]<>-0123456789#{}~\t!=", max_size=40), max_size=20))
def test_reader_never_fails(lines):
    records, skipped = read_dictionary(lines)
    assert skipped >= 0
    to_rows(records)


def test_imported_dictionary_loads_into_the_lexicon(tmp_path):
    src = tmp_path / "mine.actors.txt"
    src.write_text("FROBNIA_ARMED_FORCES_ [NORMIL]\nZORBLAX_ [~REB]\n", encoding="utf-8")
    out = tmp_path / "mine.yaml"
    write_result(import_files([src]), out)
    lex = build_lexicon((str(out),))
    [match] = lex.scan(tokenize("the Frobnia Armed Forces"))
    assert (match.entry.code, match.entry.sectors) == ("NOR", ("MIL",))
    [agent] = lex.scan(tokenize("zorblax"))
    assert agent.entry.sectors == ("REB",)


def test_phoenix_dictionaries(shared_dir, tmp_path):
    folder = shared_dir.parent / "shared" / "dictionaries" / "petrarch"
    if not folder.is_dir():
        folder = shared_dir / "dictionaries" / "petrarch"
    files = [folder / n for n in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                                  "Phoenix.agents.txt")]
    result = import_files(files)
    assert len(result.actors) > 20_000 and len(result.agents) > 1_000
    codes = {a["name"]: a["code"] for a in result.actors}
    assert codes.get("Afghanistan") == "AFG"
    out = tmp_path / "phoenix.csv"
    write_result(result, out)
    assert out.read_text(encoding="utf-8").startswith("name,aliases,code,sectors")
