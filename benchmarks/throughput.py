"""Throughput of the whole pipeline against a bare spaCy parse of the same texts.

Prints articles/s and words/s for 1 and 2 workers, the ratio to a bare ``nlp.pipe`` with
the same spaCy pipeline in the same run, and peak RSS per worker process.

    python benchmarks/throughput.py --shared ../shared --articles 300
"""

from __future__ import annotations

import argparse
import json
import resource
import threading
import time
from collections import deque
from pathlib import Path

import psutil

from communique import Config, make_document
from communique.api import load
from communique.distributed.local import code_with_pool
from communique.nlp.spacy_stage import load_spacy


def sample_articles(shared: Path, count: int) -> list[dict]:
    """Half Reuters (dateline + body), half Guardian, the first ``count`` with text."""
    news = shared / "data" / "news"
    reuters, guardian = [], []
    with (news / "reuters21578.jsonl").open() as handle:
        for line in handle:
            rec = json.loads(line)
            if rec.get("body") and len(reuters) < count // 2:
                text = f"{rec.get('dateline') or ''} {rec['body']}".strip()
                reuters.append({"id": f"reuters-{rec['newid']}", "text": text, "date": rec.get("date")})
    with (news / "guardian_world_sample.jsonl").open() as handle:
        for line in handle:
            rec = json.loads(line)
            if len(guardian) < count - len(reuters):
                guardian.append({"id": rec["id"], "text": rec["text"], "date": rec.get("date")})
    return reuters + guardian


def documents(articles: list[dict]) -> list:
    return [make_document(a["text"], id=a["id"], published=(a.get("date") or "")[:10] or None)
            for a in articles]


class ChildMemory:
    """Samples the peak RSS of this process's children (the pool's workers)."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.2):
            for child in me.children(recursive=True):
                try:
                    self.peak = max(self.peak, child.memory_info().rss)
                except psutil.Error:
                    continue

    def __enter__(self) -> ChildMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def consume(iterator) -> None:
    """Run an iterator to the end without keeping its items (memory stays flat)."""
    deque(iterator, maxlen=0)


def timed(label: str, run, n_articles: int, n_words: int) -> float:
    start = time.perf_counter()
    run()
    seconds = time.perf_counter() - start
    print(f"{label:34} {n_articles / seconds:8.1f} articles/s {n_words / seconds:10.0f} words/s"
          f" ({seconds:.1f} s)")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--articles", default=300, type=int)
    args = parser.parse_args()
    if not (args.shared / "data" / "news").is_dir():
        print(f"no news data under {args.shared}/data/news: nothing to measure")
        return
    articles = sample_articles(args.shared, args.articles)
    n, words = len(articles), sum(len(a["text"].split()) for a in articles)
    config = Config()
    pipeline, nlp = load(config), load_spacy(config.spacy_model)
    pipeline(make_document("Warm-up sentence in Paris."))
    print(f"{n} articles, {words} words (Reuters + Guardian); stages: {pipeline.stage_names}")
    bare = timed("bare spaCy nlp.pipe", lambda: consume(nlp.pipe(a["text"] for a in articles)), n, words)
    one = timed("communique, 1 worker", lambda: consume(pipeline.pipe(documents(articles))), n, words)
    rss_one = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    with ChildMemory() as memory:
        two = timed("communique, 2 workers", lambda: consume(code_with_pool(documents(articles), config, 2)), n, words)
    print(f"pipeline / bare parse speed (1 worker): {bare / one:.2f}x  (goal >= 0.8x)")
    print(f"2 workers / 1 worker speed-up:          {one / two:.2f}x  (goal >= 1.7x)")
    print(f"peak RSS, 1-worker process:             {rss_one / 2**20:.0f} MiB")
    print(f"peak RSS per worker (2 workers):        {memory.peak / 2**20:.0f} MiB  (goal <= 1024)")


if __name__ == "__main__":
    main()
