"""Actor names as people type them: codes, names, demonyms, organisations, any case."""

from __future__ import annotations

import pytest

from communique.actors.typed import ActorRef, actor_ref, actor_refs, resolve_typed
from communique.errors import UsageError


@pytest.mark.parametrize(("typed", "expected"), [
    ("USA", ActorRef("USA")), ("usa", ActorRef("USA")), ("CHNGOV", ActorRef("CHNGOV")),
    ("United States", ActorRef("USA")), ("the united states", ActorRef("USA")),
    ("Russian", ActorRef("RUS")), ("nato", ActorRef("IGO", "NATO")),
    ("Nato", ActorRef("IGO", "NATO")), ("NATO", ActorRef("IGO", "NATO")),
    ("european union", ActorRef("EUR", "European Union")),
])
def test_typed_values(typed, expected):
    assert actor_ref(typed) == expected


def test_several_values_and_duplicates():
    assert actor_refs("USA, united states,russia") == (ActorRef("USA"), ActorRef("RUS"))
    assert actor_refs(["chn", "CHN"]) == (ActorRef("CHN"),)
    assert actor_refs(None) == ()


@pytest.mark.parametrize("typed", ["XYZ", "Rusia", "CHNXXX", "a" * 300, "bad\x00value"])
def test_unknown_values_are_usage_errors(typed):
    with pytest.raises(UsageError):
        actor_ref(typed)


def test_resolve_typed_ignores_case():
    assert resolve_typed("nato").name == "NATO"
    assert resolve_typed("keir starmer", date="2025-01-10").name == "Keir Starmer"
    assert resolve_typed("keir starmer").text == "keir starmer"
    assert resolve_typed("xqzzy").code is None
