"""The data model: one Document owns the article text; everything else is a span into it.

The public shape of ``Document.to_dict()`` is the output contract
(``schema_version`` ``SCHEMA_VERSION``); fields whose names start with an underscore or
that are marked ``internal`` below are runtime-only and never serialised.
"""

from __future__ import annotations

import calendar
import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA_VERSION = "2"


def stable_id(text: str, prefix: str = "") -> str:
    """A short, stable identifier derived from text (used when an article has no id)."""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return f"{prefix}{digest}"


def event_id(doc_id: str, position: int, event_type: str | None, cameo: str | None) -> str:
    """The one way event ids are made: the article, where the event's trigger (or, lacking
    one, its evidence) starts, and its code. Coding an article twice gives the same ids, and
    an event merged from several mentions keeps the id of its first mention."""
    return stable_id(f"{doc_id}:{position}:{event_type}:{cameo}", "ev-")


def date_range(value: str | None) -> tuple[date | None, date | None]:
    """First and last day an ISO date of any precision covers ("2023-03" -> March 1..31)."""
    if not value:
        return None, None
    parts = value[:10].split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 3:
            day = date(*numbers)
            return day, day
        if len(numbers) == 2:
            last = calendar.monthrange(numbers[0], numbers[1])[1]
            return date(numbers[0], numbers[1], 1), date(numbers[0], numbers[1], last)
        if len(numbers) == 1:
            return date(numbers[0], 1, 1), date(numbers[0], 12, 31)
    except ValueError:
        return None, None
    return None, None


@dataclass(slots=True)
class Actor:
    """Who: a country (ISO3) or non-state code, and a PLOVER sector."""

    text: str
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    sectors: list[str] = field(default_factory=list)

    @property
    def cameo(self) -> str | None:
        if not self.code:
            return None
        return f"{self.code}{self.sector or ''}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "code": self.code,
            "sector": self.sector,
            "sectors": list(self.sectors),
            "cameo": self.cameo,
        }


@dataclass(slots=True)
class Entity:
    """A named-entity span, with its canonical name and resolved actor if any."""

    text: str
    label: str
    start: int
    end: int
    canonical: str | None = None
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "label": self.label,
            "start": self.start,
            "end": self.end,
            "canonical": self.canonical,
            "actor": self.actor.to_dict() if self.actor else None,
        }


@dataclass(slots=True)
class Mention:
    """Internal: any span that refers to an actor (names, pronouns, "the two sides").

    ``actors`` holds more than one actor for plural mentions ("the two sides").
    """

    text: str
    start: int
    end: int
    kind: str  # "name" | "pronoun" | "nominal" | "title" | "metonym"
    name: str | None = None
    actors: list[Actor] = field(default_factory=list)


@dataclass(slots=True)
class Speaker:
    text: str
    start: int
    end: int
    name: str | None = None
    actor: Actor | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "actor": self.actor.to_dict() if self.actor else None,
        }


@dataclass(slots=True)
class Quote:
    text: str
    start: int
    end: int
    direct: bool
    cue: str | None = None
    speaker: Speaker | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "direct": self.direct,
            "cue": self.cue,
            "speaker": self.speaker.to_dict() if self.speaker else None,
        }


@dataclass(slots=True)
class Place:
    text: str
    start: int
    end: int
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str | None = None  # "city" | "country" | "region" | "admin1"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "feature": self.feature,
        }

    def as_location(self) -> dict[str, Any]:
        """An event's location: the gazetteer's name, and ``text`` as the article wrote it."""
        return {"name": self.name, "text": self.text, "country": self.country,
                "lat": self.lat, "lon": self.lon, "feature": self.feature}


@dataclass(slots=True)
class Dateline:
    place: str | None
    country: str | None
    date: str | None
    start: int
    end: int
    source: str | None = None  # the agency named in it, e.g. "Xinhua"

    def to_dict(self) -> dict[str, Any]:
        return {
            "place": self.place,
            "country": self.country,
            "date": self.date,
            "start": self.start,
            "end": self.end,
        }


@dataclass(slots=True)
class Evidence:
    text: str
    start: int
    end: int
    trigger: str
    trigger_start: int = -1  # internal
    trigger_end: int = -1  # internal

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end, "trigger": self.trigger}


@dataclass(slots=True)
class EventMention:
    """One place in the article that states an event, with what that sentence alone said."""

    evidence: Evidence
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.evidence.to_dict(), "actor": [a.to_dict() for a in self.actor],
                "recipient": [a.to_dict() for a in self.recipient], "date": self.date}


@dataclass(slots=True)
class Event:
    event_type: str
    cameo: str | None
    evidence: Evidence
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    goldstein: float | None = None
    plover_score: float | None = None
    quad: int | None = None
    actor: list[Actor] = field(default_factory=list)
    recipient: list[Actor] = field(default_factory=list)
    date: str | None = None
    date_precision: str | None = None
    location: dict[str, Any] | None = None
    negated: bool = False
    hypothetical: bool = False
    reported_past: bool = False
    confidence: float = 0.5
    id: str = ""
    # every statement of this event in the article, the evidence first (article_events);
    # empty until that stage runs, when the event is its own only mention
    mentions: list[EventMention] = field(default_factory=list)
    # internal: where the clause that governs date/place attachment lies
    clause_start: int = -1
    clause_end: int = -1
    # internal: the date is the event's own (its clause gives it), not one it took from the
    # story (the lead act's day, the dateline, the publication date); set by the dates stage
    date_stated: bool = False

    def clause(self) -> tuple[int, int] | None:
        """Where the clause that governs date and place attachment lies, when the coder drew one."""
        if self.clause_start >= 0 and self.clause_end > self.clause_start:
            return self.clause_start, self.clause_end
        return None

    def names_place(self, location: dict[str, Any] | None) -> bool:
        """Whether the event's own sentence names ``location`` (not the dateline or an
        earlier sentence it was taken from)."""
        sentence = self.evidence.text.casefold()
        return location is not None and any(
            name and str(name).casefold() in sentence
            for name in (location.get("text"), location.get("name")))

    def own_mention(self) -> EventMention:
        """This event as a single mention: its evidence and its own sides and date."""
        return EventMention(self.evidence, list(self.actor), list(self.recipient), self.date)

    def make_id(self, doc_id: str) -> str:
        start = self.evidence.trigger_start
        return event_id(doc_id, start if start >= 0 else self.evidence.start, self.event_type,
                        self.cameo)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "plover_score": self.plover_score,
            "quad": self.quad,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "date": self.date,
            "date_precision": self.date_precision,
            "location": self.location,
            "evidence": self.evidence.to_dict(),
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "reported_past": self.reported_past,
            "confidence": round(self.confidence, 3),
            "mentions": [m.to_dict() for m in self.mentions or [self.own_mention()]],
        }


@dataclass(slots=True)
class Segment:
    """Internal: a stretch of the text handed to the parser, and its parse.

    ``parse`` is a spaCy ``Doc`` whose character 0 is ``start`` in ``Document.text``.
    """

    start: int
    end: int
    parse: Any = None


@dataclass(slots=True)
class Error:
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(slots=True)
class Document:
    """One article and everything communique found in it."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    dateline: Dateline | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: Error | None = None
    # internal, runtime only
    excluded: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, why)
    segments: list[Segment] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)  # e.g. "legacy_encoding:cp1252"

    def __post_init__(self) -> None:
        if not self.id:
            self.id = stable_id(self.text)

    @classmethod
    def failed(cls, id: str, code: str, message: str, **meta: Any) -> Document:
        """A document standing for an input that could not be read."""
        doc = cls(text="", id=id or stable_id(message, "error-"))
        doc.error = Error(code, message)
        doc.meta.update({k: v for k, v in meta.items() if v is not None})
        return doc

    @property
    def ok(self) -> bool:
        return self.error is None

    def span_text(self, start: int, end: int) -> str:
        return self.text[start:end]

    def sentences(self) -> Iterator[tuple[int, Any]]:
        """Yield ``(offset, spacy_sentence_span)`` for each parsed sentence, in order."""
        for segment in self.segments:
            if segment.parse is None:
                continue
            for sent in segment.parse.sents:
                yield segment.start, sent

    def is_excluded(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e, _ in self.excluded)

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """Actor mentions lying inside ``[start, end)``."""
        return [m for m in self.mentions if m.start >= start and m.end <= end]

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The longest actor mention overlapping ``[start, end)``, if any."""
        hits = [m for m in self.mentions if m.start < end and start < m.end]
        return max(hits, key=lambda m: m.end - m.start) if hits else None

    def to_dict(self) -> dict[str, Any]:
        """The output contract; a failed document has no analysis, only its error."""
        failed = self.error is not None
        return {
            "schema_version": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "published": self.published,
            "source": self.source,
            "url": self.url,
            "meta": dict(self.meta),
            "dateline": self.dateline.to_dict() if self.dateline and not failed else None,
            "text": self.text,
            "entities": [] if failed else [e.to_dict() for e in self.entities],
            "quotes": [] if failed else [q.to_dict() for q in self.quotes],
            "places": [] if failed else [p.to_dict() for p in self.places],
            "events": [] if failed else [e.to_dict() for e in self.events],
            "error": self.error.to_dict() if self.error else None,
        }
