import json

from click.testing import CliRunner

from communique.cli.actor import actor, dict_group, kb


def test_actor_command():
    result = CliRunner().invoke(actor, ["Russian Foreign Minister Sergei Lavrov", "--date", "2023-09-18"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {
        "text": "Russian Foreign Minister Sergei Lavrov", "name": "Sergei Lavrov", "code": "RUS",
        "sector": "GOV", "sectors": ["GOV"], "cameo": "RUSGOV"}


def test_actor_batch_keeps_order_and_ids(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": "a", "text": "the Kremlin"}\n\n{"id": "b", "text": "FSB", "context": "Russia", '
                    '"date": "2020-01-01"}\n', encoding="utf-8")
    result = CliRunner().invoke(actor, ["--batch", str(path)])
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["id"], r["cameo"]) for r in lines] == [("a", "RUSGOV"), ("b", "RUSSPY")]


def test_actor_needs_text():
    assert CliRunner().invoke(actor, []).exit_code == 2


def test_kb_check_passes_and_fails(tmp_path):
    assert CliRunner().invoke(kb, ["check"]).exit_code == 0
    bad = tmp_path / "bad.csv"
    bad.write_text("name,aliases,country,office,sectors,start,end\n"
                   "A,,FRA,head_of_state,GOV,2000-01-01,\nB,,FRA,head_of_state,GOV,2001-01-01,\n",
                   encoding="utf-8")
    result = CliRunner().invoke(kb, ["check", str(bad)])
    assert result.exit_code == 1 and "overlaps" in result.output


def test_kb_check_by_country():
    result = CliRunner().invoke(kb, ["check", "--by-country", "--date", "2025-07-01"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split("\t")[:3] == ["country", "head_of_state", "head_of_government"]
    assert len(lines) == 1 + 195
    assert "FRA\tEmmanuel Macron\t" in result.stdout


def test_dict_import_command(tmp_path):
    src = tmp_path / "x.actors.txt"
    src.write_text("FROBNIA_ [NOR]\n+FROB_\n", encoding="utf-8")
    out = tmp_path / "x.yaml"
    result = CliRunner().invoke(dict_group, ["import", str(src), "--out", str(out)])
    assert result.exit_code == 0 and "Frobnia" in out.read_text(encoding="utf-8")


def test_actor_command_reads_the_users_kb_from_config(tmp_path):
    kb_file = tmp_path / "holders.csv"
    kb_file.write_text("name,aliases,country,office,sectors,start,end\n"
                       "Zorba Quintavalle,Quintavalle,ITA,defence_minister,GOV|MIL,2031-01-01,\n",
                       encoding="utf-8")
    config = tmp_path / "config.yaml"
    config.write_text(f"actor_kb_files: [{kb_file}]\n", encoding="utf-8")
    args = ["Zorba Quintavalle", "--date", "2031-06-01"]
    without = json.loads(CliRunner().invoke(actor, args).stdout)
    result = CliRunner().invoke(actor, [*args, "--config", str(config)])
    assert without["code"] is None
    assert json.loads(result.output)["cameo"] == "ITAGOV"
