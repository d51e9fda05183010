"""Training the learned event check: the fit, the hand labels, the disaster-report test."""

from __future__ import annotations

from communique.train import event_filter as ef


def _example(features: list[str], label: int, source: str = "hand") -> ef.Example:
    return ef.Example(source, "doc", 0, "ASSAULT", "hit", "", label, features)


def test_fit_separates_what_a_feature_tells_apart() -> None:
    examples = [_example(["bias:1", "near:hit|air"], 1) for _ in range(5)]
    examples += [_example(["bias:1", "near:hit|shares"], 0) for _ in range(5)]
    weights = ef.fit(examples, ef.FitSettings(l2=0.1, steps=200))
    assert weights["near:hit|air"] > 0 > weights["near:hit|shares"]


def test_fit_is_deterministic() -> None:
    examples = [_example(["bias:1", f"w:{i % 3}"], i % 2) for i in range(12)]
    assert ef.fit(examples) == ef.fit(examples)


def test_features_seen_once_get_no_weight() -> None:
    examples = [_example(["bias:1", "rare"], 1), _example(["bias:1"], 0)]
    assert "rare" not in ef.fit(examples, ef.FitSettings(min_count=2))


def test_hand_labels_are_binary_and_keyed() -> None:
    labels = ef.hand_labels()
    assert len(labels) >= 300
    assert set(labels.values()) == {0, 1}
    assert all(key.count(":") >= 2 for key in labels)


def test_disaster_reports_are_told_by_their_words() -> None:
    assert ef._is_disaster_report("An earthquake struck the coast; the quake destroyed homes.")
    assert not ef._is_disaster_report("The minister met his counterpart to discuss trade.")
