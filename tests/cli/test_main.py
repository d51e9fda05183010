"""The entry point: misuse is one line and exit 2, no traceback without --debug, --profile."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from communique.cli import cli, main


def _run_main(args: list[str], capsys) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exited:
        main(args)
    return exited.value.code, capsys.readouterr().err


@pytest.mark.parametrize("args", [
    ["code"],
    ["code", "--bogus", "x.txt"],
    ["no-such-command"],
    ["code", "x.txt", "--workers", "0"],
    ["code", "x.txt", "--format", "xml"],
    ["code", "x.txt", "--resume", "--no-store"],
    ["code", "x.txt", "--profile", "--workers", "2"],
])
def test_misuse_exits_2_with_one_line(args, capsys):
    code, err = _run_main(args, capsys)
    assert code == 2
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err and err.startswith("communique")


def test_internal_error_is_one_line_unless_debug(monkeypatch, capsys):
    def explode(*_args, **_kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("communique.cli.code.load_config", explode)
    code, err = _run_main(["code", "x.txt", "--no-store"], capsys)
    assert code == 1 and "internal error RuntimeError: boom" in err
    assert len(err.strip().splitlines()) == 1
    with pytest.raises(RuntimeError):
        main(["--debug", "code", "x.txt", "--no-store"])


def test_help_and_version_exit_0(capsys):
    assert main(["--help"]) == 0
    assert "Example:" in capsys.readouterr().out
    assert main(["--version"]) == 0


def test_profile_prints_cpu_seconds_per_step(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Police arrested 20 protesters in Nairobi on Monday, officials said.")
    result = CliRunner().invoke(cli, ["code", str(article), "--no-store", "--profile", "--quiet"])
    assert result.exit_code == 0, result.output
    for step in ("nlp", "events", "store", "output"):
        assert f"  {step} " in result.stderr
    assert len(result.stdout.splitlines()) == 1


def test_store_gets_batches_and_output_keeps_input_order():
    from collections import defaultdict

    from communique import make_document
    from communique.cli.code import _BatchWriter

    class Recorder:
        def __init__(self):
            self.batches, self.written = [], []

        def add_many(self, docs):
            self.batches.append([d.id for d in docs])

        def add(self, doc):
            self.written.append(doc.id)

    store, sink = Recorder(), Recorder()
    writer = _BatchWriter(store, sink, defaultdict(float), size=32, seconds=3600)
    for number in range(70):
        writer.add(make_document("Text.", id=f"d{number}"))
    writer.flush()
    assert [len(batch) for batch in store.batches] == [32, 32, 6]
    assert sink.written == [f"d{number}" for number in range(70)]
