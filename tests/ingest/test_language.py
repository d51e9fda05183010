"""Language identification: non-English articles are flagged, not silently coded."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from communique.cli import cli
from communique.config import Config
from communique.errors import UnsupportedLanguageError
from communique.ingest.language import detect_language
from communique.ingest.structure import StructureStage
from communique.pipeline import Pipeline, make_document

FRENCH = ("Le ministre des Affaires étrangères a rencontré mardi son homologue allemand à "
          "Berlin pour discuter de la guerre et de l'aide humanitaire.")
CHINESE = "中国外交部长周一在莫斯科会见了俄罗斯外长，双方就双边关系和国际局势交换了意见。"
ENGLISH = "The foreign minister met his German counterpart in Berlin on Tuesday to discuss aid."


@pytest.mark.parametrize(("text", "code"), [(FRENCH, "fr"), (CHINESE, "zh"), (ENGLISH, "en")])
def test_detects_the_language(text: str, code: str) -> None:
    guess = detect_language(text)
    assert guess.code == code
    assert guess.supported == (code == "en")


def test_short_or_name_heavy_english_stays_english() -> None:
    assert detect_language("Kidal, Mali").code == "en"
    note = "On 1 June 2022, Mayi Mayi militants killed two civilians in Bibogobobo (Mutambala)."
    assert detect_language(note).code == "en"


@pytest.mark.parametrize("text", [FRENCH, CHINESE])
def test_other_languages_fail_with_the_flag(text: str) -> None:
    doc = make_document(text)
    with pytest.raises(UnsupportedLanguageError):
        StructureStage(Config())(doc)
    assert doc.meta["language"] != "en"


def test_any_language_codes_it_anyway() -> None:
    doc = StructureStage(Config(any_language=True))(make_document(FRENCH))
    assert doc.meta["language"] == "fr" and doc.error is None


def test_a_declared_language_is_trusted() -> None:
    doc = StructureStage(Config())(make_document(FRENCH, meta={"language": "en"}))
    assert doc.meta["language"] == "en"


def test_error_document_in_the_pipeline() -> None:
    doc = Pipeline(Config(stages=("structure",)))(make_document(CHINESE))
    assert doc.error is not None and doc.error.code == "unsupported_language"
    assert doc.meta["language"] == "zh"


def test_cli_flag(tmp_path) -> None:
    src = tmp_path / "fr.txt"
    src.write_text(FRENCH, encoding="utf-8")
    refused = CliRunner().invoke(cli, ["code", str(src), "--no-store", "--quiet"])
    assert json.loads(refused.stdout.splitlines()[0])["error"]["code"] == "unsupported_language"
    coded = CliRunner().invoke(cli, ["code", str(src), "--no-store", "--quiet", "--any-language"])
    out = json.loads(coded.stdout.splitlines()[0])
    assert out["error"] is None and out["meta"]["language"] == "fr"
