"""``communique actor``, ``communique kb`` and ``communique dict``."""

from __future__ import annotations

import click


@click.command()
@click.argument("text", required=False)
@click.option("--context", help="Sentence or description around the mention.")
@click.option("--date", help="ISO date the mention refers to (picks the office holder).")
@click.option("--batch", type=click.Path(exists=True, dir_okay=False),
              help='JSON Lines of {"id","text","context","date"}; one Actor JSON per line.')
def actor(text: str | None, context: str | None, date: str | None, batch: str | None) -> None:
    """Resolve an actor mention to a country code and PLOVER sector.

    Example: communique actor "Russian Foreign Minister Sergei Lavrov" --date 2023-09-18
    """
    raise click.UsageError("actor resolution is not implemented yet")


@click.group()
def kb() -> None:
    """The office-holder knowledge base.

    Example: communique kb check
    """


@click.group(name="dict")
def dict_group() -> None:
    """Actor dictionaries (import PETRARCH/TABARI formats).

    Example: communique dict import Phoenix.Countries.actors.txt --out my_actors.yaml
    """
