"""Train the learned event check (``communique.events.learned``) from the shared data.

Codes the training sources with the rule pipeline, labels every coded event (the sources and
rules are in ``communique.train.event_filter``), fits the logistic regression and writes the
model file the stage ``event_filter_learned`` reads. Deterministic: the same data and code
give the same weights. Takes a few minutes on two cores.

Example:
    PYTHONPATH=src python scripts/train_event_filter.py --shared ../shared \
        --out src/communique/events/data/event_filter.json
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from communique.train import event_filter as ef


@click.command()
@click.option("--shared", type=click.Path(exists=True, file_okay=False), default="../shared",
              show_default=True, help="The shared data folder (holds data/).")
@click.option("--out", type=click.Path(dir_okay=False), required=True,
              help="Where to write the model (JSON).")
@click.option("--examples", type=click.Path(dir_okay=False),
              help="Also write the labelled examples here (JSON Lines), for inspection.")
def main(shared: str, out: str, examples: str | None) -> None:
    """Build the labelled examples, fit the model and write it.

    Example: PYTHONPATH=src python scripts/train_event_filter.py --out /tmp/event_filter.json
    """
    built = ef.build_examples(Path(shared))
    if examples:
        ef.write_examples(built, Path(examples))
    model = ef.train(built)
    Path(out).write_text(json.dumps(model.to_dict(), indent=0, sort_keys=True) + "\n",
                         encoding="utf-8")
    click.echo(f"{len(model.weights)} weights from {model.meta['examples']} examples "
               f"({model.meta['by_source']}) written to {out}")


if __name__ == "__main__":
    main()
