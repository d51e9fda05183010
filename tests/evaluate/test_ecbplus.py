"""The ecbplus suite: gold chains, B-cubed, and a small scored sample."""

from __future__ import annotations

import pytest

from communique.evaluate.ecbplus import b_cubed, gold_clusters, run, story_groups


def doc(doc_id: str, topic: str, mentions: list[tuple[str, str]], relations: list[dict]) -> dict:
    return {"doc_id": doc_id, "topic": topic, "sentences": [["x"]],
            "mentions": [{"m_id": m, "type": t, "sent": 0, "tok": [0], "text": m}
                         for m, t in mentions],
            "relations": relations}


def test_gold_joins_cross_and_intra_document_chains_of_event_mentions():
    docs = [
        doc("d1", "1", [("1", "ACTION_OCCURRENCE"), ("2", "ACTION_OCCURRENCE"),
                        ("3", "HUMAN_PART_PER")],
            [{"type": "CROSS_DOC_COREF", "note": "A", "r_id": "r1", "sources": ["1", "3"]},
             {"type": "INTRA_DOC_COREF", "note": None, "r_id": "r2", "sources": ["1", "2"]}]),
        doc("d2", "1", [("9", "NEG_ACTION_OCCURRENCE"), ("8", "ACTION_STATE")],
            [{"type": "CROSS_DOC_COREF", "note": "A", "r_id": "r3", "sources": ["9"]}]),
    ]
    gold = gold_clusters(docs)
    assert set(gold) == {("d1", "1"), ("d1", "2"), ("d2", "9"), ("d2", "8")}  # events only
    assert gold[("d1", "1")] == gold[("d1", "2")] == gold[("d2", "9")]
    assert gold[("d2", "8")] != gold[("d1", "1")]


def test_b_cubed_matches_a_worked_example():
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    singletons = b_cubed({k: k for k in gold}, gold)
    assert singletons[:2] == pytest.approx((1.0, (1 / 3 * 3 + 1) / 4))
    precision, recall, f1 = b_cubed({"a": 1, "b": 1, "c": 2, "d": 2}, gold)
    # a,b: P=1 R=2/3; c: P=1/2 R=1/3; d: P=1/2 R=1
    assert precision == pytest.approx((1 + 1 + 0.5 + 0.5) / 4)
    assert recall == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert f1 == pytest.approx(2 * precision * recall / (precision + recall))
    assert b_cubed(gold, gold) == (1.0, 1.0, 1.0)


def test_story_groups_keep_dissimilar_documents_apart():
    vectors = {"a": {"quake": 1.0}, "b": {"quake": 1.0}, "c": {"election": 1.0}}
    groups = story_groups(vectors, threshold=0.2)
    assert groups["a"] == groups["b"] != groups["c"]


def test_scores_a_small_sample_above_a_floor(shared_dir):
    path = shared_dir / "data" / "ecbplus" / "ecbplus_dev_odd_topics.jsonl"
    report = run([str(path)], limit=40)
    assert report.summary["event_mentions"] > 100
    assert report.summary["lemma_b3_f1"] > 0.5
    assert report.summary["lemma+docs_b3_f1"] > 0.6
