"""``communique evaluate --config``: a pipeline config for the event suites only."""

from __future__ import annotations

from click.testing import CliRunner

from communique.cli import cli

RECORD = ('{"id": "t1", "text": "Police arrested twelve protesters in Nairobi on Tuesday.", '
          '"kind": "flood", "legit_events": []}\n')


def _files(tmp_path, stages: str) -> tuple[str, str]:
    data = tmp_path / "reports.jsonl"
    data.write_text(RECORD, encoding="utf-8")
    config = tmp_path / "learned.yaml"
    config.write_text(f"stages: [{stages}]\n", encoding="utf-8")
    return str(data), str(config)


def test_config_runs_the_suite_with_its_stages(tmp_path) -> None:
    data, config = _files(tmp_path, "structure, nlp, actors, events, event_filter_learned")
    result = CliRunner().invoke(cli, ["evaluate", "non-political", data, "--config", config, "--json"])
    assert result.exit_code == 0, result.output
    assert '"reports": 1' in result.output


def test_config_is_refused_for_suites_that_code_no_events(tmp_path) -> None:
    data, config = _files(tmp_path, "structure, nlp")
    result = CliRunner().invoke(cli, ["evaluate", "actors", data, "--config", config])
    assert result.exit_code != 0
    assert "--config applies to" in str(result.exception)
