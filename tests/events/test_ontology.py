"""The PLOVER and CAMEO ontologies shipped as package data."""

from __future__ import annotations

import re

import pytest

from communique.errors import DataFileError
from communique.events.ontology import ontology

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_sixteen_plover_types_with_quads_and_scores() -> None:
    onto = ontology()
    assert set(onto.plover) == PLOVER_TYPES
    for ptype in onto.plover.values():
        assert ptype.quad in (1, 2, 3, 4)
        assert isinstance(ptype.score, float)
    assert "visit" in onto.plover["CONSULT"].modes
    assert "aerial" in onto.plover["ASSAULT"].modes
    assert {"military", "diplomatic", "economic", "human_rights"} <= onto.contexts


def test_every_cameo_code_has_name_score_and_a_valid_mapping() -> None:
    onto = ontology()
    assert len(onto.cameo) > 300
    roots = {code[:2] for code in onto.cameo}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    for code, entry in onto.cameo.items():
        assert re.fullmatch(r"\d{2,4}", code)
        assert entry.name
        assert -10.0 <= entry.goldstein <= 10.0
        if entry.plover_type is not None:
            assert entry.plover_type in PLOVER_TYPES
            assert set(entry.plover_context) <= onto.contexts


def test_known_codes() -> None:
    onto = ontology()
    assert onto.cameo_code("042").plover_type == "CONSULT"
    assert onto.cameo_code("042").plover_mode == "visit"
    assert onto.cameo_code("190").goldstein == -10.0
    assert onto.cameo_code("057").plover_type == "SUPPORT"


def test_plover_score_prefers_the_mode() -> None:
    onto = ontology()
    assert onto.plover_score("CONSULT", "visit") == 4.0
    assert onto.plover_score("CONSULT", None) == onto.plover["CONSULT"].score
    assert onto.plover_score("PROTEST", "vandalize") == onto.plover["PROTEST"].score  # mode without a score


def test_unknown_code_is_a_data_error() -> None:
    with pytest.raises(DataFileError):
        ontology().cameo_code("999")


def test_ontology_is_loaded_once() -> None:
    assert ontology() is ontology()
