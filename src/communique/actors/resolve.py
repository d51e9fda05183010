"""Actor resolution of one phrase, and the entry points shared by other stages.

``resolve_actor`` reads a free-standing mention ("Russian Foreign Minister Sergei
Lavrov"); ``actors_for_span`` gives the actors a span of a coded document refers to (the
events and quotes stages call it for subjects and objects).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..config import Config
from ..document import Actor, Document
from .kb import FORMER, NOT_YET, KnowledgeBase, Term, get_kb
from .lexicon import PLACE_KINDS, Lexicon, Match, Token, get_lexicon, tokenize

CODED_KINDS = PLACE_KINDS | {"org", "metonym"}
NAMING_PLACES = frozenset({"capital", "city", "region"})
DETERMINERS = frozenset({"the", "a", "an", "its", "their", "s"})
COORDINATORS = frozenset({"and", "or", "&"})
MAX_NAME_TOKENS = 5


@dataclass
class Reading:
    """What the words of one phrase say about its actor."""

    code: str | None = None
    name: str | None = None
    sectors: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)  # every country/organisation named
    term: Term | None = None
    person_key: tuple[str, ...] | None = None
    former: bool = False
    coordinated: bool = False
    kinds: frozenset[str] = frozenset()  # kinds of the coded words ("country", "city", ...)

    def actor(self, text: str) -> Actor:
        return Actor(text=text, name=self.name, code=self.code,
                     sector=self.sectors[0] if self.sectors else None, sectors=list(self.sectors))


def iso_date(value: str | None) -> str | None:
    """``value`` when it is an ISO date (or datetime), else None."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def find_person(tokens: list[Token], kb: KnowledgeBase, covered: set[int],
                text: str = "") -> tuple[int, int, list[Term]] | None:
    """The longest knowledge-base name among capitalised token runs: (first, last, terms).

    ``text`` (the string ``tokens`` were read from) lets a name that is only the start of
    a hyphenated one ("John Moore-Gillon") be passed over.
    """
    for size in range(min(MAX_NAME_TOKENS, len(tokens)), 1, -1):
        for i in range(len(tokens) - size + 1):
            window = tokens[i : i + size]
            if (window[0].raw[:1].isupper() and not _hyphen_extended(tokens, i, i + size - 1, text)
                    and (terms := kb.person(tuple(t.norm for t in window)))):
                return i, i + size - 1, terms
    for i, token in enumerate(tokens):
        if i in covered or not token.raw[:1].isupper():
            continue
        if not _stands_alone(tokens, covered, i, kb.name_particles) or _hyphen_extended(tokens, i, i, text):
            continue
        if terms := kb.single(token.norm):
            return i, i, terms
    return None


def _hyphen_joined(text: str, left: Token, right: Token) -> bool:
    """Two capitalised tokens written as one hyphenated word ("Moore-Gillon", not "al-Sudani")."""
    return (bool(text) and text[left.end : right.start] in ("-", "\u2010", "\u2011")
            and left.raw[:1].isupper() and right.raw[:1].isupper())


def _hyphen_extended(tokens: list[Token], first: int, last: int, text: str) -> bool:
    """Tokens ``first..last`` are part of a longer hyphenated name ("Moore" of "Moore-Gillon")."""
    before = first > 0 and _hyphen_joined(text, tokens[first - 1], tokens[first])
    after = last + 1 < len(tokens) and _hyphen_joined(text, tokens[last], tokens[last + 1])
    return before or after


def _stands_alone(tokens: list[Token], covered: set[int], i: int, particles: frozenset[str]) -> bool:
    """A lone surname: not part of a longer unknown name ("Juan Carlos Jobet", "Ahmed al-Sudani")."""
    def unknown_name(j: int) -> bool:
        return 0 <= j < len(tokens) and j not in covered and tokens[j].raw[:1].isupper()
    after_particle = i >= 1 and tokens[i - 1].raw in particles and unknown_name(i - 2)
    return not unknown_name(i - 1) and not unknown_name(i + 1) and not after_particle


def _ordered_sectors(matches: list[Match], date: str | None) -> list[str]:
    """Head (rightmost) roles first; generic member nouns ("officials") last."""
    strong: list[tuple[int, tuple[str, ...]]] = []
    weak: list[tuple[int, tuple[str, ...]]] = []
    for m in matches:
        sectors = m.entry.sectors_on(date)
        if sectors and m.entry.kind in ("role", "org", "metonym", "pre"):
            (weak if m.entry.weak else strong).append((m.first_token, sectors))
    ordered: list[str] = []
    for _, sectors in sorted(strong, key=lambda x: -x[0]) + sorted(weak, key=lambda x: -x[0]):
        ordered.extend(s for s in sectors if s not in ordered)
    return ordered


def _is_coordinated(tokens: list[Token], places: list[Match]) -> bool:
    """Two places joined by "and"/"or" ("Hungarian and Romanian officials")."""
    for a, b in zip(places, places[1:], strict=False):
        between = {t.norm for t in tokens[a.last_token + 1 : b.first_token]}
        if between & COORDINATORS and between <= COORDINATORS | {","}:
            return True
    return False


def read_words(text: str, lex: Lexicon, kb: KnowledgeBase, date: str | None = None) -> Reading:
    """Everything the words of ``text`` say: country, sectors, office holder."""
    tokens = tokenize(text)
    matches = lex.scan(tokens, ignore_case=text.isupper())
    reading = Reading()
    covered = {i for m in matches for i in range(m.first_token, m.last_token + 1)}
    person = find_person(tokens, kb, covered, text)
    # a place inside a known name is part of the name, not the actor's country ("Van" in
    # "Alexander Van der Bellen", "Santiago" in "Santiago Peña", "Hassan" in "Samia Suluhu Hassan")
    coded = [m for m in matches if m.entry.kind in CODED_KINDS and m.entry.code
             and not (person and person[0] <= m.first_token and m.last_token <= person[1])]
    _read_codes(reading, tokens, coded)
    reading.former = any(t.norm in lex.elite_modifiers for t in tokens)
    reading.sectors = _ordered_sectors(matches, date)
    if person:
        # words inside a name ("Shia" in "Mohammed Shia al-Sudani", "Bishop" in "Julie
        # Bishop", "Duma" in "Duma Boko") give no sector; a title that opens a known alias
        # ("Ayatollah Ali Khamenei") still does
        outside = [m for m in matches if m.first_token < person[0] or m.first_token > person[1]
                   or (m.first_token == person[0] and m.entry.kind == "role")]
        reading.sectors = _ordered_sectors(outside, date)
        _apply_person(reading, tokens, person, kb, date)
    elif len(matches) == 1 and _whole(tokens, matches[0]):
        _apply_standalone(reading, matches[0].entry)
    if reading.former:
        reading.sectors = ["ELI", *[s for s in reading.sectors if s != "ELI"]]
    return reading


def _read_codes(reading: Reading, tokens: list[Token], coded: list[Match]) -> None:
    """The countries and organisations named, in order; the first is the actor's code."""
    for m in coded:
        if m.entry.code not in reading.codes:
            reading.codes.append(m.entry.code)
    places = [m for m in coded if m.entry.kind in PLACE_KINDS]
    reading.coordinated = _is_coordinated(tokens, places)
    reading.kinds = frozenset(m.entry.kind for m in coded)
    reading.code = coded[0].entry.code if coded else None


def _whole(tokens: list[Token], match: Match) -> bool:
    rest = tokens[: match.first_token] + tokens[match.last_token + 1 :]
    return all(t.norm in DETERMINERS for t in rest)


def _apply_standalone(reading: Reading, entry) -> None:
    """A phrase that is only a place or organisation name."""
    if entry.kind != "role":
        reading.name = entry.name
    if entry.kind == "capital" and not reading.sectors:
        reading.sectors = ["GOV"]  # "Beijing said": the capital stands for the government
    elif entry.kind == "city" and not reading.sectors:
        reading.sectors = ["CVL"]


def _apply_person(reading: Reading, tokens: list[Token], person: tuple[int, int, list[Term]],
                  kb: KnowledgeBase, date: str | None) -> None:
    first, last, terms = person
    term, standing = kb.pick(terms, date)
    if term is None:
        return
    reading.term = term
    reading.name = term.name
    reading.person_key = tuple(t.norm for t in tokens[first : last + 1])
    reading.code = reading.code or term.country
    if not reading.sectors:  # a title in the phrase beats the knowledge base
        # before the first recorded term the office is not the person's yet: no sector
        reading.sectors = {FORMER: ["ELI"], NOT_YET: []}.get(standing, list(term.sectors))


@lru_cache(maxsize=65536)
def _cached_reading(text: str, date: str | None, files: tuple[tuple[str, ...], tuple[str, ...]]) -> Reading:
    return read_words(text, get_lexicon(files[0]), get_kb(files[1]), date)


def reading_for(text: str, date: str | None = None, dictionary_files: tuple[str, ...] = (),
                kb_files: tuple[str, ...] = ()) -> Reading:
    """A cached reading (callers get a copy they may change)."""
    cached = _cached_reading(text, date, (tuple(dictionary_files), tuple(kb_files)))
    return replace(cached, sectors=list(cached.sectors), codes=list(cached.codes))


def resolve_actor(text: str, context: str | None = None, date: str | None = None,
                  config: Config | None = None) -> Actor:
    """Resolve a free-standing mention ("Russian Foreign Minister Sergei Lavrov").

    ``context`` (a sentence or description) supplies the country when the mention has
    none; ``date`` (ISO) picks the office holder and defaults to today; ``config`` adds
    the user's dictionary and knowledge-base files, as in the pipeline.
    """
    day = iso_date(date)
    files = _user_files(config)
    reading = reading_for(text.strip(), day, *files)
    if reading.code is None and context:
        reading.code = reading_for(context, day, *files).code
    return reading.actor(text)


def _user_files(config: Config | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if config is None:
        return (), ()
    return tuple(config.actor_dictionary_files), tuple(config.actor_kb_files)


def doc_date(doc: Document) -> str | None:
    """The date a document's mentions refer to: the dateline's, else publication."""
    return iso_date(doc.dateline.date if doc.dateline else None) or iso_date(doc.published)


def actors_for_span(doc: Document, start: int, end: int) -> list[Actor]:
    """Actors a text span of ``doc`` refers to (mentions inside it, or the span's own words).

    "Senior Hungarian and Romanian officials" gives one actor per country. A bare "police"
    stays without a country here: the ``actor_context`` stage gives it the country where
    its event happened, which the dateline is not always.
    """
    found: list[Actor] = []
    for mention in doc.mentions_in(start, end):
        found.extend(a for a in mention.actors if a not in found)
    if found:
        return found
    text = doc.text[start:end]
    reading = reading_for(text, doc_date(doc))
    if reading.term is None and reading.kinds and reading.kinds <= NAMING_PLACES:
        return []  # a city the actors stage made no mention of names a thing ("the Minsk agreements")
    if reading.coordinated and len(reading.codes) > 1:
        return [replace(reading.actor(text), code=c, name=None) for c in reading.codes]
    if reading.code is None and not reading.sectors:
        return []
    return [reading.actor(text)]


def resolve_record(record: dict, config: Config | None = None) -> dict:
    """One ``--batch`` line: ``{"id","text","context","date"}`` -> Actor JSON with its id."""
    actor = resolve_actor(str(record.get("text") or ""), record.get("context") or None,
                          record.get("date") or None, config)
    return {"id": record.get("id"), **actor.to_dict()}
