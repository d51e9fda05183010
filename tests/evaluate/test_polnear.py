"""The polnear suite: scoring definitions, and a small real sample with a floor."""

from __future__ import annotations

from communique.document import Quote, Speaker
from communique.evaluate.polnear import gold_attribution, iou, is_right, run


def _gold(**changes):
    record = {"content_spans": [[10, 30], [40, 50]], "speaker_spans": [[32, 36]],
              "is_direct_quote": True}
    record.update(changes)
    return gold_attribution(record)


def _quote(start: int, end: int, s_start: int, s_end: int) -> Quote:
    return Quote("x", start, end, True, "said", Speaker("he", s_start, s_end))


def test_gold_span_is_outer_bounds_of_pieces() -> None:
    gold = _gold()
    assert (gold.start, gold.end, gold.speaker_start, gold.speaker_end) == (10, 50, 32, 36)
    assert gold.direct


def test_gold_without_speaker_or_content_is_not_scored() -> None:
    assert _gold(speaker_spans=[]) is None
    assert _gold(content_spans=[]) is None


def test_iou() -> None:
    assert iou(0, 10, 5, 15) == 5 / 15
    assert iou(0, 10, 10, 20) == 0.0


def test_right_needs_iou_and_speaker_overlap() -> None:
    gold = _gold()
    assert is_right(_quote(10, 45, 30, 33), gold)
    assert not is_right(_quote(10, 45, 36, 40), gold)  # speaker does not overlap
    assert not is_right(_quote(10, 20, 32, 36), gold)  # IoU 0.25


def test_small_dev_sample_scores_above_floor(shared_dir) -> None:
    folder = shared_dir / "data" / "polnear"
    report = run([str(folder / "polnear_dev_articles.jsonl"),
                  str(folder / "polnear_dev_quotes.jsonl")], limit=5)
    assert report.summary["articles"] == 5
    assert report.summary["all_speaker_f1"] >= 0.3
