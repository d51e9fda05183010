"""Streaming: inputs are read lazily and runs hold a bounded number of articles in memory."""

from __future__ import annotations

import json
import tracemalloc
from collections import deque
from collections.abc import Iterator
from itertools import count, islice

from communique import Config, make_document
from communique.ingest.readers import read_inputs
from communique.runner import code_stream

STRUCTURE_ONLY = Config(stages=("structure",))


def _endless_articles() -> Iterator:
    for number in count():
        yield make_document(f"Police arrested {number} men in Lagos on Monday.", id=f"n{number}")


def _write_jsonl(path, lines: int) -> int:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(lines):
            text = f"Officials in Nairobi said talks number {number} would resume. " * 4
            handle.write(json.dumps({"id": f"a{number}", "text": text}) + "\n")
    return path.stat().st_size


def _peak_bytes(path) -> tuple[int, str]:
    """Peak traced memory of coding ``path``, and the last document's id."""
    tracemalloc.start()
    try:
        last = deque(code_stream(read_inputs([str(path)]), STRUCTURE_ONLY), maxlen=1)
        return tracemalloc.get_traced_memory()[1], last[0].id
    finally:
        tracemalloc.stop()


def test_large_jsonl_is_read_line_by_line(tmp_path):
    _write_jsonl(tmp_path / "warm.jsonl", 10)
    _peak_bytes(tmp_path / "warm.jsonl")  # data files and caches load once, outside the count
    _write_jsonl(tmp_path / "small.jsonl", 2_000)
    size = _write_jsonl(tmp_path / "big.jsonl", 20_000)
    small_peak, _ = _peak_bytes(tmp_path / "small.jsonl")
    big_peak, last_id = _peak_bytes(tmp_path / "big.jsonl")
    assert last_id == "a19999"
    # flat: ten times the articles, (nearly) the same peak, far below the file's size
    assert big_peak < 1.5 * small_peak + 256 * 1024, (small_peak, big_peak)
    assert big_peak < size / 4, (big_peak, size)


def test_worker_pool_reads_its_input_lazily():
    """An endless input still gives results: the pool keeps only a few chunks in flight."""
    first = list(islice(code_stream(_endless_articles(), STRUCTURE_ONLY, workers=2), 40))
    assert [doc.id for doc in first] == [f"n{i}" for i in range(40)]


def test_skip_drops_documents_before_coding():
    docs = (make_document(f"Text {i} in Paris.", id=f"d{i}") for i in range(6))
    kept = list(code_stream(docs, STRUCTURE_ONLY, skip=lambda doc: doc.id in {"d1", "d4"}))
    assert [doc.id for doc in kept] == ["d0", "d2", "d3", "d5"]


def test_chunks_are_bounded_by_count_and_text():
    from communique.distributed.local import chunked

    docs = [make_document("x" * length, id=str(i)) for i, length in enumerate([10, 10, 50, 5, 5, 5])]
    sizes = [len(chunk) for chunk in chunked(docs, 4, max_chars=40)]
    assert sizes == [3, 3]
    assert [len(chunk) for chunk in chunked(docs, 4)] == [4, 2]
