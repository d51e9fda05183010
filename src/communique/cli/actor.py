"""``communique actor``, ``communique kb`` and ``communique dict``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from ..errors import DataFileError


@click.command()
@click.argument("text", required=False)
@click.option("--context", help="Sentence or description around the mention.")
@click.option("--date", help="ISO date (YYYY-MM-DD) the mention refers to (picks the office "
              "holder); default today.")
@click.option("--batch", type=click.Path(exists=True, dir_okay=False),
              help='JSON Lines of {"id","text","context","date"}; one Actor JSON per line.')
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False),
              help="YAML config whose actor_kb_files / actor_dictionary_files add to the built-ins.")
def actor(text: str | None, context: str | None, date: str | None, batch: str | None,
          config_path: str | None) -> None:
    """Resolve an actor mention to a country code and PLOVER sector.

    Example: communique actor "Russian Foreign Minister Sergei Lavrov" --date 2023-09-18
    """
    from ..actors.resolve import resolve_record
    from ..actors.typed import resolve_typed, unknown_message
    from ..config import load_config
    from ..store.filters import check_date

    config = load_config(config_path)
    date = check_date(date, "--date")

    if batch:
        for number, line in enumerate(Path(batch).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFileError(f"{batch}:{number}: not a JSON object ({exc.msg})") from exc
            click.echo(json.dumps(resolve_record(record, config), ensure_ascii=False))
        return
    if not text:
        raise click.UsageError("give a TEXT to resolve or --batch FILE.jsonl")
    found = resolve_typed(text, context, date, config)
    click.echo(json.dumps(found.to_dict(), ensure_ascii=False))
    if not (found.code or found.name or found.sectors):
        click.echo(f"communique: {unknown_message(text)}", err=True)
        raise SystemExit(1)


@click.group()
def kb() -> None:
    """The office-holder knowledge base.

    Example: communique kb check
    """


@kb.command("check")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False))
@click.option("--by-country", is_flag=True,
              help="Also print, for every UN member and observer state, the holder of each office on --date.")
@click.option("--date", help="ISO date for --by-country (default today).")
@click.option("--gaps", "gaps_since", metavar="SINCE",
              help="Also list, per state and office, periods from SINCE to --date longer than "
                   "120 days with no recorded holder; periods in no_office.csv (a state "
                   "without the office) are not listed.")
def kb_check(files: tuple[str, ...], by_country: bool, date: str | None,
             gaps_since: str | None) -> None:
    """Validate the built-in knowledge base, or the given KB FILES (CSV or YAML).

    Checks known country and sector codes, dates in order, and no overlapping terms for
    one office in one country, and counts, per office, the states whose holder on --date
    is known. Exits 1 when there are problems.

    Example: communique kb check --by-country --date 2025-07-01

    Example: communique kb check --gaps 2000-01-01 --date 2025-10-01
    """
    import datetime as dt

    from ..actors.kb import (
        check_no_office,
        check_terms,
        country_coverage,
        coverage,
        coverage_gaps,
        get_kb,
        no_office_periods,
        read_terms,
        states,
    )

    terms = [t for path in files for t in read_terms(path)] if files else get_kb().terms
    problems = check_terms(terms) + ([] if files else check_no_office(no_office_periods()))
    for problem in problems:
        click.echo(problem)
    day = date or dt.date.today().isoformat()
    data = states()
    rows = country_coverage(terms, data["un_members"] + data["observers"], day)
    no_office = () if files else no_office_periods()
    if by_country:
        _echo_coverage_table(rows)
    if gaps_since:
        for gap in coverage_gaps(terms, data["un_members"] + data["observers"],
                                 _gaps_since(gaps_since), day, no_office=no_office):
            click.echo(f"{gap.country}\t{gap.family}\t{gap.start}..{gap.end}")
    counts = coverage(terms)
    click.echo(f"{len(terms)} terms, {counts['people']} people, {counts['countries']} countries: "
               f"{len(problems)} problem(s)", err=True)
    click.echo(f"holder known on {day}, of {len(rows)} states: {_known_counts(rows, no_office, day)}",
               err=True)
    if problems:
        raise SystemExit(1)


def _known_counts(rows: list, no_office: tuple, day: str) -> str:
    """Per office family, the states whose holder on ``day`` is known, and those that had
    no such office then (no_office.csv)."""
    without = {(p.country, p.family) for p in no_office if p.covers(day)}
    parts = []
    for family in rows[0].holders:
        known = sum(r.holders[family] is not None for r in rows)
        absent = sum(r.holders[family] is None and (r.country, family) in without for r in rows)
        parts.append(f"{family} {known}" + (f" (+{absent} without the office)" if absent else ""))
    return ", ".join(parts)


def _gaps_since(text: str) -> str:
    from ..errors import UsageError
    from ..store.filters import check_date

    try:
        return check_date(text, "--gaps") or text
    except UsageError as exc:  # a bad option value is click's usage error (exit 2)
        raise click.BadParameter(str(exc), param_hint="--gaps") from None


def _echo_coverage_table(rows: list) -> None:
    """One tab-separated line per state: the holder of each office family, '-' when none is
    recorded on the date, '(earlier only)' when the KB has only other dates."""
    families = list(rows[0].holders)
    click.echo("\t".join(["country", *families]))
    for row in rows:
        cells = [row.holders[f] or ("(earlier only)" if f in row.recorded else "-") for f in families]
        click.echo("\t".join([row.country, *cells]))


@click.group(name="dict")
def dict_group() -> None:
    """Actor dictionaries (import PETRARCH/TABARI formats).

    Example: communique dict import Phoenix.Countries.actors.txt --out my_actors.yaml
    """


@dict_group.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="Output file, .yaml (full) or .csv (names and codes).")
def dict_import(files: tuple[str, ...], out: str) -> None:
    """Convert PETRARCH/TABARI actor and agent dictionaries to communique's format.

    Load the result with the config setting actor_dictionary_files.

    Example: communique dict import Phoenix.agents.txt --out agents.yaml
    """
    from ..actors.dict_import import import_files, write_result

    result = import_files(files)
    write_result(result, out)
    click.echo(f"{len(result.actors)} actors, {len(result.agents)} agents written to {out} "
               f"({result.skipped} lines skipped)", err=True)
