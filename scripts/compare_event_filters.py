"""Measure the rules with and without the learned event check (the table of docs/learned.md).

Codes the four event suites once, fits the sparse model (and, with --embeddings, the
MiniLM embedding model: needs the ``learned`` extra) on the examples the training script
wrote, and prints tune and check numbers for each threshold as a Markdown table.
Tune numbers of running-news and non-political are cross-fitted (compare.py).

Example:
    PYTHONPATH=src python scripts/train_event_filter.py --out /tmp/m.json --examples /tmp/ex.jsonl
    PYTHONPATH=src python scripts/compare_event_filters.py --examples /tmp/ex.jsonl --embeddings
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from communique.resources import load_data
from communique.train import compare
from communique.train.event_filter import FitSettings, read_examples

COLUMNS = [("running-news", "precision"), ("running-news", "recall"), ("running-news", "f1"),
           ("non-political", "false_alarm_rate"), ("plover-gsr", "f1"),
           ("acled", "precision"), ("acled", "recall")]


def _row(label: str, threshold: float | None, measured: dict[str, Any]) -> str:
    cells = [label, "–" if threshold is None else f"{threshold:.1f}"]
    for suite, measure in COLUMNS:
        cells += [f"{measured[suite][half][measure]:.3f}" for half in ("tune", "check")]
    return "| " + " | ".join(cells) + " |"


def _header() -> str:
    names = [f"{s} {m} {h}" for s, m in COLUMNS for h in ("tune", "check")]
    return "| variant | threshold | " + " | ".join(names) + " |\n|" + "---|" * (len(names) + 2)


@click.command()
@click.option("--shared", type=click.Path(exists=True, file_okay=False), default="../shared",
              show_default=True, help="The shared data folder (holds data/).")
@click.option("--examples", type=click.Path(exists=True, dir_okay=False), required=True,
              help="Labelled examples written by train_event_filter.py --examples.")
@click.option("--thresholds", default="0.1,0.2,0.3,0.5", show_default=True,
              help="Comma-separated thresholds to measure.")
@click.option("--embeddings", is_flag=True, help="Also measure the MiniLM embedding variant.")
def main(shared: str, examples: str, thresholds: str, embeddings: bool) -> None:
    """Print the measured table (tune and check halves) as Markdown.

    Example: PYTHONPATH=src python scripts/compare_event_filters.py --examples /tmp/ex.jsonl
    """
    built = read_examples(Path(examples))
    settings = FitSettings(**load_data("train", "event_filter.yaml")["fit"])
    cuts = [float(t) for t in thresholds.split(",")]
    suites = compare.code_suites(Path(shared))
    click.echo(_header())
    for threshold, measured in compare.sweep(suites, None, cuts):
        click.echo(_row("rules", threshold, measured))
    scorers = [("sparse", compare.sparse_scorer(built, settings))]
    if embeddings:
        from communique.train.embeddings import embedding_scorer

        scorers.append(("MiniLM", embedding_scorer(built, suites, settings)))
    for label, scorer in scorers:
        for threshold, measured in compare.sweep(suites, scorer, cuts)[1:]:
            click.echo(_row(label, threshold, measured))


if __name__ == "__main__":
    main()
