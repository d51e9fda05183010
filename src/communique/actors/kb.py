"""The dated knowledge base of office holders: who held which office, when.

Rows come from the packaged tables (``builtin_files`` in ``kb_settings.yaml``) plus any
user files named in ``Config.actor_kb_files`` (same columns, CSV or YAML list):
``name, aliases, country, office, sectors, start, end`` where aliases and sectors are
``|``-separated, dates are ISO (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) and an empty end
means the term is ongoing.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache

from ..resources import data_path, load_data, read_structured
from .lexicon import fold, phrase_key

REQUIRED_COLUMNS = ("name", "country", "office", "sectors", "start")
# a person's standing on a date, from ``KnowledgeBase.pick``
IN_OFFICE, FORMER, NOT_YET = "in_office", "former", "not_yet"
# the word after these is a father's name, not a surname ("Mohammed bin Salman")
PATRONYMIC = frozenset({"bin", "ibn", "bint"})


@dataclass(frozen=True, slots=True)
class Term:
    """One person in one office for one period."""

    name: str
    aliases: tuple[str, ...]
    country: str
    office: str
    sectors: tuple[str, ...]
    start: str
    end: str | None
    source: str = ""

    def covers(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


def normalise_date(value: object) -> str | None:
    """An ISO day string; a bare year or month means its first day, for starts and ends
    alike, so that a handover known only to the month ("2012-05") never looks like an
    overlap."""
    text = str(value or "").strip()
    if not text:
        return None
    parts = text.split("-")
    if len(parts) == 1:
        return f"{text}-01-01"
    if len(parts) == 2:
        return f"{text}-01"
    return text[:10]


def _split(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(v).strip() for v in value if str(v).strip())
    return tuple(p.strip() for p in str(value or "").split("|") if p.strip())


def name_key(name: str) -> tuple[str, ...]:
    """A person's name as the KB compares it: lowercase words without diacritics."""
    return tuple(fold(w) for w in phrase_key(name))


def term_from_row(row: dict, source: str = "") -> Term:
    return Term(
        name=str(row["name"]).strip(),
        aliases=_split(row.get("aliases")),
        country=str(row["country"]).strip(),
        office=str(row["office"]).strip(),
        sectors=_split(row["sectors"]),
        start=normalise_date(row["start"]) or "0000-01-01",
        end=normalise_date(row.get("end")),
        source=source,
    )


def read_terms(path: str) -> list[Term]:
    rows = read_structured(path)
    return [term_from_row(row, f"{path}:{i + 2}") for i, row in enumerate(rows or [])]


class KnowledgeBase:
    """Terms indexed by every name form (full names, aliases, surnames)."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = terms
        self.by_name: dict[tuple[str, ...], list[Term]] = defaultdict(list)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        settings = load_data("actors", "kb_settings.yaml")
        self.not_surnames = frozenset(fold(w.lower()) for w in settings["not_surnames"])
        self.name_particles = frozenset(w.lower() for w in settings["name_particles"])
        for term in terms:
            for form in (term.name, *term.aliases):
                key = name_key(form)
                if key and term not in self.by_name[key]:
                    self.by_name[key].append(term)
                # not "un" of "Kim Jong-un", nor a father's name ("Hamad" of "Tamim bin Hamad")
                if len(key) >= 2 and len(key[-1]) >= 3 and key[-2] not in PATRONYMIC:
                    self.by_surname[key[-1]].add(term.name)

    def names(self) -> set[tuple[str, ...]]:
        return set(self.by_name)

    def person(self, key: tuple[str, ...]) -> list[Term]:
        """All terms of the person a full name or alias (as a phrase key) refers to."""
        return self.by_name.get(tuple(fold(w) for w in key), [])

    def surname(self, word: str) -> list[Term]:
        """Terms of the only person with this surname, or nothing when it is ambiguous."""
        word = fold(word)
        people = self.by_surname.get(word, set())
        if len(people) != 1 or word in self.not_surnames:
            return []
        return self.person(name_key(next(iter(people))))

    def single(self, word: str) -> list[Term]:
        """Terms for one word: an explicit one-word alias ("Xi", "Lula") or a unique surname."""
        word = fold(word)
        if word in self.not_surnames:
            return []
        return self.by_name.get((word,)) or self.surname(word)

    @staticmethod
    def pick(terms: list[Term], date: str | None) -> tuple[Term | None, str]:
        """The term that says who the person was on ``date`` (default today), and the
        person's standing then: ``IN_OFFICE``; ``FORMER`` (had left office: ELI); or
        ``NOT_YET`` (before the first recorded term: the country is known, the office is
        not theirs yet, so it gives no sector)."""
        if not terms:
            return None, NOT_YET
        day = date or dt.date.today().isoformat()
        current = [t for t in terms if t.covers(day)]
        if current:
            # the most recently started office is the one the news most likely means
            return max(current, key=lambda t: (t.start, _rank(t))), IN_OFFICE
        past = [t for t in terms if t.end is not None and t.end < day]
        if past:
            return max(past, key=lambda t: t.end or ""), FORMER
        return min(terms, key=lambda t: t.start), NOT_YET


def _rank(term: Term) -> int:
    """Head of state/government outranks ministers when terms overlap."""
    return {"head_of_state": 3, "head_of_government": 2}.get(term.office, 1)


def builtin_files() -> list[str]:
    """The packaged KB tables (``builtin_files`` in ``kb_settings.yaml``; docs/actors.md
    says where each comes from)."""
    names = load_data("actors", "kb_settings.yaml")["builtin_files"]
    return [str(data_path("actors", name)) for name in names]


@cache
def get_kb(extra_files: tuple[str, ...] = ()) -> KnowledgeBase:
    terms = [t for path in builtin_files() for t in read_terms(path)]
    for path in extra_files:
        terms.extend(read_terms(path))
    return KnowledgeBase(terms)


def known_codes() -> tuple[frozenset[str], frozenset[str]]:
    """(country-like codes, sector codes) an actor may carry."""
    import pycountry

    codes = load_data("actors", "codes.yaml")
    countries = {c.alpha_3 for c in pycountry.countries} | set(codes["non_state"]) | set(codes["extra_countries"])
    return frozenset(countries), frozenset(codes["sectors"])


def check_terms(terms: list[Term]) -> list[str]:
    """Problems in a list of terms: unknown codes, dates out of order, and two terms of
    one office in one country that overlap (a handover on the same day is allowed)."""
    countries, sectors = known_codes()
    problems = []
    for t in terms:
        where = f"{t.source or t.name}"
        if t.country not in countries:
            problems.append(f"{where}: unknown country code {t.country!r}")
        for s in t.sectors:
            if s not in sectors:
                problems.append(f"{where}: unknown sector {s!r}")
        if not t.sectors:
            problems.append(f"{where}: no sector")
        if t.end is not None and t.end < t.start:
            problems.append(f"{where}: ends ({t.end}) before it starts ({t.start})")
    problems.extend(_overlaps(terms))
    return problems


def _overlaps(terms: list[Term]) -> list[str]:
    by_office: dict[tuple[str, str], list[Term]] = defaultdict(list)
    for t in terms:
        by_office[(t.country, t.office)].append(t)
    problems = []
    for (country, office), group in sorted(by_office.items()):
        group.sort(key=lambda t: t.start)
        for a, b in zip(group, group[1:], strict=False):
            if a.end is None or a.end > b.start:
                problems.append(f"{country} {office}: {a.name} ({a.start}..{a.end or 'now'}) "
                                f"overlaps {b.name} (from {b.start})")
    return problems


@dataclass(frozen=True, slots=True)
class CountryCoverage:
    """Which office families of one country the KB covers: the holder on the date asked
    about (None when nobody is recorded then) and whether any term exists at all."""

    country: str
    holders: dict[str, str | None]
    recorded: frozenset[str]


def states() -> dict:
    """The UN members, observers, realms and leader offices of ``states.yaml``."""
    return load_data("actors", "states.yaml")


def leader_office(country: str) -> str:
    """The office whose holder leads ``country`` in the KB (realms: the head of government)."""
    data = states()
    if country in data["leader_offices"]:
        return data["leader_offices"][country]
    return "head_of_government" if country in data["realms"] else "head_of_state"


def office_families() -> tuple[dict[str, list[str]], dict[str, str]]:
    """The office families ``kb check`` reports (``coverage_offices`` in kb_settings.yaml),
    and the family of each office in them."""
    families: dict[str, list[str]] = load_data("actors", "kb_settings.yaml")["coverage_offices"]
    return families, {office: family for family, offices in families.items() for office in offices}


def country_coverage(terms: list[Term], countries: list[str], date: str) -> list[CountryCoverage]:
    """Coverage of each country in ``countries`` by office family on ``date``."""
    families, family_of = office_families()
    by_country: dict[str, list[Term]] = defaultdict(list)
    for t in terms:
        if t.office in family_of:
            by_country[t.country].append(t)
    rows = []
    for country in countries:
        held = by_country.get(country, [])
        holders: dict[str, str | None] = dict.fromkeys(families)
        for t in sorted(held, key=lambda t: t.start):
            if t.covers(date):
                holders[family_of[t.office]] = t.name
        rows.append(CountryCoverage(country, holders, frozenset(family_of[t.office] for t in held)))
    return rows


@dataclass(frozen=True, slots=True)
class Gap:
    """A period in which no holder of one office family of one country is recorded."""

    country: str
    family: str
    start: str
    end: str


@dataclass(frozen=True, slots=True)
class NoOffice:
    """A period in which a state had no such office (``no_office.csv``): Zambia has had no
    prime minister since 1991, the Holy See has no defence minister."""

    country: str
    family: str
    start: str
    end: str | None
    note: str

    def covers(self, date: str) -> bool:
        return self.start <= date and (self.end is None or date <= self.end)


@cache
def no_office_periods() -> tuple[NoOffice, ...]:
    """The packaged periods without the office, which ``kb check --gaps`` does not list."""
    rows = load_data("actors", "no_office.csv")
    return tuple(NoOffice(r["country"], r["family"], normalise_date(r["start"]) or "",
                          normalise_date(r.get("end")), r.get("note", "")) for r in rows)


def check_no_office(periods: tuple[NoOffice, ...]) -> list[str]:
    """Problems in ``no_office.csv``: unknown states or office families, bad dates, no note."""
    countries, _ = known_codes()
    families, _ = office_families()
    problems = []
    for p in periods:
        where = f"no_office.csv {p.country} {p.family}"
        if p.country not in countries:
            problems.append(f"{where}: unknown country code {p.country!r}")
        if p.family not in families:
            problems.append(f"{where}: unknown office family (one of {', '.join(families)})")
        if not p.start or (p.end is not None and p.end < p.start):
            problems.append(f"{where}: needs a start before its end")
        if not p.note.strip():
            problems.append(f"{where}: say why in the note column")
    return problems


def coverage_gaps(terms: list[Term], countries: list[str], since: str, until: str,
                  min_days: int = 120, no_office: tuple[NoOffice, ...] = ()) -> list[Gap]:
    """Periods between ``since`` and ``until`` longer than ``min_days`` with no recorded
    holder, per country and office family (realms' heads of state are the British
    monarch's and not listed). Periods in ``no_office`` count as covered."""
    families, family_of = office_families()
    spans: dict[tuple[str, str], list[tuple[date, date]]] = defaultdict(list)
    first, last = date.fromisoformat(since), date.fromisoformat(until)
    for t in terms:
        if t.office in family_of:
            spans[(t.country, family_of[t.office])].append(
                (date.fromisoformat(t.start), date.fromisoformat(t.end) if t.end else last))
    for period in no_office:
        spans[(period.country, period.family)].append(
            (date.fromisoformat(period.start),
             date.fromisoformat(period.end) if period.end else last))
    realms = set(states()["realms"])
    gaps = []
    for country in countries:
        for family in families:
            if family == "head_of_state" and country in realms:
                continue
            cursor = first
            for start, end in sorted(spans.get((country, family), [])) + [(last, last)]:
                if (start - cursor).days > min_days:
                    gaps.append(Gap(country, family, cursor.isoformat(), start.isoformat()))
                cursor = max(cursor, end)
    return gaps


def coverage(terms: list[Term]) -> dict[str, object]:
    """Counts for documentation and tests: people, countries, terms by office."""
    offices: dict[str, int] = defaultdict(int)
    for t in terms:
        offices[t.office] += 1
    return {"terms": len(terms), "people": len({t.name for t in terms}),
            "countries": len({t.country for t in terms}), "offices": dict(offices)}
