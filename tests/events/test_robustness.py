"""The coder on arbitrary text: never fails, offsets always valid; user trigger files."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.config import Config
from communique.events.coder import EventCoder

WORDS = ["Russia", "attacked", "the", "police", "arrested", "protesters", "and", "met", "with",
         "China", "said", "will", "not", "talks", "in", "Kyiv", "after", "clashes", "who",
         "urged", "to", "release", "sanctions", "on", "Iran", ",", "."]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_any_word_salad_codes_cleanly(code_text, words: list[str]) -> None:
    doc = code_text(" ".join(words))
    assert doc.error is None
    for event in doc.events:
        assert doc.text[event.evidence.start:event.evidence.end] == event.evidence.text
        assert doc.text[event.evidence.trigger_start:event.evidence.trigger_end] == event.evidence.trigger
        assert 0.0 <= event.confidence <= 1.0


def test_user_trigger_file_and_confidence_floor(code_text, tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text('- {cameo: "141", mode: demo, verbs: [flashmob]}\n', encoding="utf-8")
    base = code_text("Students flashmobbed the ministry.")
    coder = EventCoder(Config(trigger_files=(str(extra),)))
    for event in base.events:
        assert event.event_type != "PROTEST" or event.evidence.trigger != "flashmobbed"
    assert coder.lexicon.verbs.get("flashmob")
    strict = EventCoder(Config(settings={"events.min_confidence": 0.99}))
    doc = code_text("Gunmen attacked a village.")
    assert strict(doc).events == []
