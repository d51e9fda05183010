"""What each stage of the pipeline costs, against a bare spaCy parse of the same texts.

Prints CPU seconds per communique stage and per spaCy component (CPU time, so a busy
machine does not distort the shares), and with ``--cprofile N`` the N functions outside
spaCy that cost most: where to look for the pipeline's own overhead.

    python benchmarks/stage_costs.py --shared ../shared --articles 100 [--cprofile 25]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import time
from collections import deque
from pathlib import Path

from news import documents, sample_articles, word_count

from communique import Config
from communique.api import load
from communique.nlp.spacy_stage import load_spacy


def spacy_component_seconds(nlp, texts: list[str]) -> dict[str, float]:  # noqa: ANN001
    """CPU seconds of the tokenizer and of each pipeline component, run one after another."""
    seconds: dict[str, float] = {}
    started = time.process_time()
    docs = [nlp.make_doc(text) for text in texts]
    seconds["tokenizer"] = time.process_time() - started
    for name, component in nlp.pipeline:
        started = time.process_time()
        docs = list(component.pipe(docs, batch_size=64))
        seconds[name] = time.process_time() - started
    return seconds


def stage_seconds(config: Config, articles: list[dict]) -> dict[str, float]:
    pipeline = load(config)
    pipeline.stage_seconds.clear()
    deque(pipeline.pipe(documents(articles)), maxlen=0)
    return dict(pipeline.stage_seconds)


def print_table(title: str, seconds: dict[str, float], reference: float) -> None:
    print(f"\n{title} (CPU s; share of the bare spaCy parse)")
    for name, value in seconds.items():
        print(f"  {name:16} {value:7.2f} s  {value / reference:6.1%}")
    total = sum(seconds.values())
    print(f"  {'total':16} {total:7.2f} s  {total / reference:6.1%}")


def profile_outside_spacy(config: Config, articles: list[dict], top: int) -> None:
    """cProfile of a pipeline run, listing the costliest functions not inside spaCy/thinc."""
    profiler = cProfile.Profile()
    pipeline = load(config)
    profiler.enable()
    deque(pipeline.pipe(documents(articles)), maxlen=0)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out).sort_stats("tottime")
    stats.print_stats(r"^(?!.*(spacy|thinc|cymem|preshed)).*$", top)
    print(out.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--articles", default=100, type=int)
    parser.add_argument("--cprofile", default=0, type=int, metavar="N",
                        help="also print the N costliest functions outside spaCy")
    args = parser.parse_args()
    articles = sample_articles(args.shared, args.articles)
    config = Config()
    nlp = load_spacy(config.spacy_model)
    stage_seconds(config, articles[:2])  # loads every stage's data before timing
    print(f"{len(articles)} articles, {word_count(articles)} words; spaCy {nlp.pipe_names}")
    started = time.process_time()
    deque(nlp.pipe(a["text"] for a in articles), maxlen=0)
    bare = time.process_time() - started
    print(f"bare spaCy nlp.pipe: {bare:.2f} CPU s")
    print_table("communique stages", stage_seconds(config, articles), bare)
    print_table("spaCy components", spacy_component_seconds(nlp, [a["text"] for a in articles]),
                bare)
    if args.cprofile:
        profile_outside_spacy(config, articles, args.cprofile)


if __name__ == "__main__":
    main()
