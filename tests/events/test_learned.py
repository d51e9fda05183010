"""The learned event check: features, the model file, the opt-in stage (sentences written here)."""

from __future__ import annotations

import json

import pytest

from communique.config import Config
from communique.errors import ConfigError
from communique.events.learned import (
    EventFilterModel,
    LearnedEventFilter,
    event_features,
    load_model,
)
from communique.registry import get_stage

TEXT = "Police arrested twelve protesters outside the parliament in Nairobi on Tuesday."


def test_features_name_the_type_the_trigger_and_its_context(code_text) -> None:
    doc = code_text(TEXT, published="2024-05-08")
    event = next(e for e in doc.events if e.event_type == "COERCE")
    features = event_features(doc, event)
    assert "type:COERCE" in features
    assert "trig:arrested" in features
    assert "after:twelve" in features
    assert "before:<cap>" in features  # "Police": capitalised words stand as a class
    assert any(f.startswith("child:nsubj:") for f in features)


def test_probability_is_the_logistic_of_the_summed_weights() -> None:
    model = EventFilterModel({"bias:1": 0.0, "type:ASSAULT": 2.0}, 0.5, {})
    assert model.probability(["bias:1"]) == pytest.approx(0.5)
    assert model.probability(["bias:1", "type:ASSAULT", "type:ASSAULT"]) == pytest.approx(0.8808, abs=1e-4)
    assert model.probability(["unknown"]) == pytest.approx(0.5)


def test_packaged_model_loads() -> None:
    model = load_model()
    assert 0.0 < model.threshold < 1.0
    assert len(model.weights) > 100
    assert model.meta["examples"] > 0


def _model_file(tmp_path, weights: dict[str, float]) -> str:
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"threshold": 0.5, "meta": {}, "weights": weights}), encoding="utf-8")
    return str(path)


def test_stage_drops_events_the_model_rejects(code_text, tmp_path) -> None:
    doc = code_text(TEXT, published="2024-05-08")
    assert doc.events
    reject = Config(settings={"event_filter.model": _model_file(tmp_path, {"bias:1": -5.0})})
    keep = Config(settings={"event_filter.model": _model_file(tmp_path / "..", {"bias:1": 5.0})})
    kept = LearnedEventFilter(keep)(doc)
    assert kept.events
    assert LearnedEventFilter(reject)(kept).events == []


def test_a_threshold_setting_overrides_the_model_s(tmp_path) -> None:
    config = Config(settings={"event_filter.model": _model_file(tmp_path, {}),
                              "event_filter.threshold": 0.2})
    assert LearnedEventFilter(config).threshold == 0.2


def test_unreadable_model_says_how_to_retrain(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    with pytest.raises(ConfigError, match="train_event_filter"):
        load_model(str(bad))


def test_stage_is_registered_but_not_default() -> None:
    spec = get_stage("event_filter_learned")
    assert spec.requires == ("events", "segments")
    assert "event_filter_learned" not in Config().stages
