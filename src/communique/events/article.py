"""The article_events stage: one event per real-world event in an article.

The events stage codes sentence by sentence, so an article that tells one meeting in its
headline, its lead, "the talks" and "the two sides exchanged views" yields that meeting
four times. This stage merges such mentions. Two sentence-level events are merged when they
are *compatible*: the same type family and flags, no CAMEO codes kept apart, actors and
recipients whose countries do not contradict (empty is compatible), dates that overlap and
places that agree; and *linked*: a definite re-mention ("the visit", "Monday's attack"), a
doer that is only a pronoun, the same trigger word, a headline or lead repeated in the body,
or the same dyad on the same day. The vocabulary is ``data/article_events.yaml``.

The merged event keeps its first mention as ``evidence`` and its id, lists every mention,
and takes the best-attested actors, recipients, date and place across them. An event that
no mention gives a party is dropped where it means nothing without one (``names_no_party``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from ..config import Config
from ..document import Actor, Document, Event, date_range
from ..registry import stage
from ..resources import load_data

PRECISION_RANK = {"day": 3, "month": 2, "year": 1}
PLACE_RANK = {"city": 3, "admin1": 2, "region": 2, "country": 1}
EARTH_KM = 6371.0
YEAR_DAYS = 366  # a re-mention dated further away than this names another event
MAX_CLIMB = 8


@dataclass(frozen=True, slots=True)
class MergeRules:
    """``data/article_events.yaml``, compiled."""

    families: dict[str, str]
    distinct_codes: tuple[tuple[str, str], ...]
    symmetric: frozenset[str]
    definite: frozenset[str]
    remention: dict[str, frozenset[str]]
    plurals: frozenset[str]
    pronoun_doers: frozenset[str]
    same_trigger: bool
    lead_sentences: int
    lead_overlap: float
    same_dyad: bool
    anaphoric: frozenset[str]
    additive: frozenset[str]
    time_shift: frozenset[str]
    nearby_types: frozenset[str]
    nearby_sentences: int
    statement_types: frozenset[str]
    one_per_dyad: frozenset[str]
    max_place_km: float
    unattributed_types: frozenset[str]
    partyless_types: frozenset[str]


@cache
def merge_rules() -> MergeRules:
    raw = load_data("events", "article_events.yaml")
    families = {t: "|".join(sorted(group)) for group in raw.get("type_families") or []
                for t in group}
    return MergeRules(
        families=families,
        distinct_codes=tuple((str(a), str(b)) for a, b in raw.get("distinct_codes") or []),
        symmetric=frozenset(raw.get("symmetric_types") or ()),
        definite=frozenset(w.lower() for w in raw.get("definite_words") or ()),
        remention={t: frozenset(w.lower() for w in words)
                   for t, words in (raw.get("remention_nouns") or {}).items()},
        plurals=frozenset(w.lower() for w in raw.get("plural_nouns") or ()),
        pronoun_doers=frozenset(w.lower() for w in raw.get("pronoun_doers") or ()),
        same_trigger=bool(raw.get("same_trigger", True)),
        lead_sentences=int(raw.get("lead_sentences", 2)),
        lead_overlap=float(raw.get("lead_overlap", 0.5)),
        same_dyad=bool(raw.get("same_dyad", True)),
        anaphoric=frozenset(w.lower() for w in raw.get("anaphoric_doer_words") or ()),
        nearby_types=frozenset(raw.get("nearby_types") or ()),
        nearby_sentences=int(raw.get("nearby_sentences", 0)),
        statement_types=frozenset(raw.get("statement_types") or ()),
        additive=frozenset(w.lower() for w in raw.get("additive_words") or ()),
        time_shift=frozenset(w.lower() for w in raw.get("time_shift_words") or ()),
        one_per_dyad=frozenset(raw.get("one_per_dyad_types") or ()),
        max_place_km=float(raw.get("max_place_km", 100)),
        unattributed_types=frozenset(raw.get("unattributed_types") or ()),
        partyless_types=frozenset(raw.get("partyless_types") or ()),
    )


@dataclass(slots=True)
class View:
    """What merging compares about one sentence-level event."""

    event: Event
    family: str
    actors: frozenset[str]
    recipients: frozenset[str]
    actor_cameos: frozenset[str]
    recipient_cameos: frozenset[str]
    dates: tuple[date, date] | None  # None: undated, or only the article's own day
    any_dates: tuple[date, date] | None  # the date as coded, the article's day included
    place: dict[str, Any] | None  # None: no place, or only the dateline's
    place_rank: int
    sentence: int
    lemma: str
    noun: bool
    definite: bool
    pronoun_doer: bool
    additive: bool
    time_shift: bool

    @property
    def participants(self) -> frozenset[str]:
        return self.actors | self.recipients


class ArticleContext:
    """The article-wide facts a View needs: its sentences, their words and tokens."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sentences: list[tuple[int, int]] = []
        self.words: list[frozenset[str]] = []
        self.tokens: dict[int, Any] = {}
        for offset, sent in doc.sentences():
            start, end = offset + sent.start_char, offset + sent.end_char
            if doc.is_excluded(start, end):
                continue
            self.sentences.append((start, end))
            self.words.append(frozenset(t.lemma_.lower() for t in sent
                                        if t.is_alpha and not t.is_stop))
            self.tokens.update({offset + t.idx: t for t in sent})

    def sentence_of(self, position: int) -> int:
        for index, (start, end) in enumerate(self.sentences):
            if start <= position < end:
                return index
        return -1

    def trigger_head(self, event: Event) -> Any:
        """The trigger's head word: "call" of "phone call", "bombings" of "car bombings"
        (a several-word trigger is named by its head, not its first word)."""
        first = self.tokens.get(event.evidence.trigger_start)
        end = event.evidence.trigger_end
        if first is None or end <= event.evidence.trigger_start:
            return first
        offset = event.evidence.trigger_start - first.idx
        span = [t for t in first.doc[first.i:first.sent.end] if offset + t.idx < end]
        inside = {t.i for t in span}
        return next((t for t in span if t.head.i == t.i or t.head.i not in inside), first)

    def view(self, event: Event, rules: MergeRules) -> View:
        trigger = self.trigger_head(event)
        lemma = trigger.lemma_.lower() if trigger is not None else event.evidence.trigger.lower()
        place = event.location if event.names_place(event.location) else None
        return View(
            event=event, family=rules.families.get(event.event_type, event.event_type),
            actors=_codes(event.actor), recipients=_codes(event.recipient),
            actor_cameos=_cameos(event.actor), recipient_cameos=_cameos(event.recipient),
            dates=_dates(event) if event.date_stated else None, any_dates=_dates(event),
            place=place,
            place_rank=PLACE_RANK.get((place or {}).get("feature") or "", 2) if place else 0,
            sentence=self.sentence_of(event.evidence.start), lemma=lemma,
            noun=trigger is not None and trigger.pos_ in ("NOUN", "PROPN"),
            definite=_definite(trigger, event, rules), pronoun_doer=_pronoun_doer(event, rules),
            additive=_marked(trigger, rules.additive), time_shift=_marked(trigger, rules.time_shift))


def _codes(actors: list[Actor]) -> frozenset[str]:
    return frozenset(a.code for a in actors if a.code)


def _cameos(actors: list[Actor]) -> frozenset[str]:
    return frozenset(a.cameo for a in actors if a.cameo)


def _dates(event: Event) -> tuple[date, date] | None:
    """The days the event's date covers."""
    first, last = date_range(event.date)
    return (first, last) if first and last else None


def _definite(trigger: Any, event: Event, rules: MergeRules) -> bool:
    """"the visit", "his talks", "Monday's attack": a re-mention noun made definite."""
    if trigger is None or trigger.pos_ not in ("NOUN", "PROPN"):
        return False
    lemma = trigger.lemma_.lower()
    if lemma not in rules.remention.get(event.event_type, frozenset()):
        return False
    if trigger.tag_ in ("NNS", "NNPS") and lemma not in rules.plurals:
        return False
    return any(child.dep_ in ("det", "poss") and (child.lower_ in rules.definite
                                                  or child.dep_ == "poss" or child.tag_ == "PRP$")
               for child in trigger.children)


def _marked(trigger: Any, words: frozenset[str]) -> bool:
    """Whether the trigger or a word it hangs from is modified by one of ``words``
    ("also agreed", "another attack", "Previously, X said that following the talks")."""
    token = trigger
    for _ in range(MAX_CLIMB):
        if token is None:
            return False
        if any(child.lower_ in words and child.dep_ in ("advmod", "det", "amod")
               for child in token.children):
            return True
        token = None if token.head.i == token.i else token.head
    return False


def _pronoun_doer(event: Event, rules: MergeRules) -> bool:
    return bool(event.actor) and all(not a.code and a.text.lower() in rules.pronoun_doers
                                     for a in event.actor)


# compatibility -----------------------------------------------------------------------------

def compatible(a: View, b: View, rules: MergeRules, loose: bool = False) -> bool:
    """Whether the later mention ``a`` can state the same event as the earlier ``b``:
    nothing they say contradicts.

    ``loose``: the later one points back by itself ("the visit"), so a date it only took
    from the article's day does not count against the earlier one's own date.
    """
    ea, eb = a.event, b.event
    if a.family != b.family or (ea.negated, ea.hypothetical) != (eb.negated, eb.hypothetical):
        return False
    if _kept_apart(ea.cameo or "", eb.cameo or "", rules):
        return False
    dates = (a.dates, b.dates) if loose else (a.any_dates, b.any_dates)
    if loose and (_years_apart(a.dates, b.any_dates) or _years_apart(b.dates, a.any_dates)):
        return False  # "the 1974 pact" names an old agreement, not today's
    return _sides_agree(a, b, rules) and _dates_agree(*dates) and _places_agree(a, b, rules)


def _years_apart(stated: tuple[date, date] | None, other: tuple[date, date] | None) -> bool:
    """A stated date more than a year away from the other mention's (its article day too)."""
    if stated is None or other is None:
        return False
    return (other[0] - stated[1]).days > YEAR_DAYS or (stated[0] - other[1]).days > YEAR_DAYS


def _kept_apart(x: str, y: str, rules: MergeRules) -> bool:
    return any((x.startswith(p) and y.startswith(q)) or (x.startswith(q) and y.startswith(p))
               for p, q in rules.distinct_codes)


def _disjoint(x: frozenset[str], y: frozenset[str]) -> bool:
    return bool(x) and bool(y) and not x & y


def _sides_agree(a: View, b: View, rules: MergeRules) -> bool:
    if a.event.event_type in rules.symmetric:
        pa, pb = a.participants, b.participants
        return not pa or not pb or pa <= pb or pb <= pa
    if _replies(a, b):
        return False
    return not _disjoint(a.actors, b.actors) and not _disjoint(a.recipients, b.recipients)


def _replies(a: View, b: View) -> bool:
    """``a``'s doer is ``b``'s target and not ``b``'s doer: a reply, not the same act."""
    return bool(a.actor_cameos & b.recipient_cameos) and not a.actor_cameos & b.actor_cameos


def _dates_agree(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    if a is None or b is None:
        return True
    return a[0] <= b[1] and b[0] <= a[1]


def _places_agree(a: View, b: View, rules: MergeRules) -> bool:
    pa, pb = a.place, b.place
    if not pa or not pb:
        return True
    if pa.get("country") and pb.get("country") and pa["country"] != pb["country"]:
        return False
    if a.place_rank < 3 or b.place_rank < 3:
        return True  # a country or region holds the town
    return _km(pa, pb) <= rules.max_place_km


def _km(pa: dict[str, Any], pb: dict[str, Any]) -> float:
    try:
        lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in
                                  (pa["lat"], pa["lon"], pb["lat"], pb["lon"]))
    except (KeyError, TypeError, ValueError):
        return 0.0 if (pa.get("name") or "").casefold() == (pb.get("name") or "").casefold() \
            else math.inf
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


# links ---------------------------------------------------------------------------------------

LOOSE, STRICT = "loose", "strict"


def link(later: View, earlier: View, context: ArticleContext, rules: MergeRules) -> str | None:
    """How the later mention points back at the earlier one: LOOSE when it does so by
    itself ("the visit", "it"), so that a date it only took from the article's day cannot
    keep them apart; STRICT for the other links (a repeated headline too: "On Wednesday,
    two more militants were killed" repeats a headline's words about another day); None
    when it does not."""
    if later.time_shift and later.sentence != earlier.sentence:
        return None  # "was later shot and killed": the shift holds for its whole sentence
    if later.definite or later.pronoun_doer:
        return LOOSE
    if later.additive and later.event.event_type not in rules.one_per_dyad:
        return None
    if _repeats_lead(later, earlier, context, rules):
        return STRICT
    if rules.same_trigger and later.noun and earlier.noun and later.lemma == earlier.lemma:
        return STRICT
    if _nearby(later, earlier, rules):
        return STRICT
    if _one_statement(later, earlier, rules):
        return STRICT
    if later.event.event_type in rules.one_per_dyad and later.sentence == earlier.sentence \
            and _same_dyad(later, earlier, rules):
        return STRICT  # "paid a visit to Kyiv and met Zelensky": one meeting of the same sides
    if rules.same_dyad and _anaphoric_doer(later, rules) and _same_dyad(later, earlier, rules):
        return STRICT
    return None


def _repeats_lead(later: View, earlier: View, context: ArticleContext,
                  rules: MergeRules) -> bool:
    if not 0 <= earlier.sentence < rules.lead_sentences or later.sentence <= earlier.sentence:
        return False  # a sentence does not repeat itself: two acts in a lead are two
    x, y = context.words[earlier.sentence], context.words[later.sentence]
    shorter = min(len(x), len(y))
    return shorter > 0 and len(x & y) / shorter >= rules.lead_overlap


def _nearby(later: View, earlier: View, rules: MergeRules) -> bool:
    if later.event.event_type not in rules.nearby_types or earlier.sentence < 0:
        return False
    return 0 <= later.sentence - earlier.sentence <= rules.nearby_sentences


def _one_statement(later: View, earlier: View, rules: MergeRules) -> bool:
    """"Karzai condemned the deaths and accused the Taliban": one speaker's statement."""
    return later.event.event_type in rules.statement_types and later.sentence == earlier.sentence >= 0 \
        and bool(later.actors) and later.actors == earlier.actors


def _anaphoric_doer(view: View, rules: MergeRules) -> bool:
    """"the two sides", "both ministers": doers named by a definite description."""
    actors = view.event.actor
    return bool(actors) and all(not a.name and a.text.split(" ", 1)[0].lower() in rules.anaphoric
                                for a in actors)


def _same_dyad(a: View, b: View, rules: MergeRules) -> bool:
    if a.event.event_type in rules.symmetric:
        return len(a.participants) > 1 and a.participants == b.participants
    return bool(a.actors and a.recipients) and (a.actors, a.recipients) == (b.actors, b.recipients)


# merging -------------------------------------------------------------------------------------

def group_mentions(views: list[View], context: ArticleContext,
                   rules: MergeRules) -> list[list[View]]:
    """Mentions in text order grouped into events; a mention joins the latest event it is
    compatible with (every mention of it) and linked to (any mention of it)."""
    groups: list[list[View]] = []
    for view in sorted(views, key=lambda v: (v.event.evidence.start,
                                             v.event.evidence.trigger_start)):
        target = next((g for g in reversed(groups) if _joins(view, g, context, rules)), None)
        if target is None:
            groups.append([view])
        else:
            target.append(view)
    return groups


def _joins(view: View, group: list[View], context: ArticleContext, rules: MergeRules) -> bool:
    links = {link(view, m, context, rules) for m in group} - {None}
    if not links:
        return False
    return all(compatible(view, m, rules, loose=LOOSE in links) for m in group)


def merge(group: list[View]) -> Event:
    """The group's first mention, listing every mention and the best-attested values."""
    first = group[0].event
    mentions = [v.event.own_mention() for v in group]
    if len(group) > 1:
        _take_sides(first, group)
        dated = [v for v in group if v.dates is not None]
        if dated:
            best = max(dated, key=lambda v: PRECISION_RANK.get(v.event.date_precision or "", 0))
            first.date, first.date_precision = best.event.date, best.event.date_precision
        placed = [v for v in group if v.place is not None]
        if placed:
            first.location = max(placed, key=lambda v: v.place_rank).place
        first.confidence = max(v.event.confidence for v in group)
    first.mentions = mentions
    return first


def _side_score(actors: list[Actor]) -> tuple[int, int, int]:
    return (sum(1 for a in actors if a.code and a.sector), sum(1 for a in actors if a.code),
            len(actors))


def _take_sides(first: Event, group: list[View]) -> None:
    """Actor and recipient of the mention that names them best, the dyad kept together;
    a side it leaves empty is filled from another mention when that adds no one twice."""
    best = max(group, key=lambda v: (_side_score(v.event.actor) > (0, 0, 0)
                                     and _side_score(v.event.recipient) > (0, 0, 0),
                                     _side_score(v.event.actor),
                                     _side_score(v.event.recipient))).event
    actor, recipient = list(best.actor), list(best.recipient)
    for role, chosen, other in (("actor", actor, recipient), ("recipient", recipient, actor)):
        if chosen:
            continue
        # by country and sector: "gunmen (NGA) killed residents (NGA)" is no one twice
        taken = _cameos(other)
        for view in group:
            side = getattr(view.event, role)
            if side and not _cameos(side) & taken and _side_score(side)[1]:
                chosen.extend(side)
                break
    first.actor, first.recipient = actor, recipient


def names_no_party(group: list[View], rules: MergeRules, busy: set[int]) -> bool:
    """Whether no mention of an event names anyone on either side, and the event is one
    that means nothing without its parties: an agreement, a demand, an accusation with no
    one agreeing, demanding or accused ("Hours later, it was ratified", "we agree"). News
    reports attacks, demonstrations, arrests and deployments without their doers
    (``partyless_types``); those stay, unless every mention is an event noun beside an act
    told by a verb, a topic rather than an act ("alleged violations", "the blockades
    resulted in", "their strategic partnership"), for all types but ``unattributed_types``."""
    if any(v.participants or _sectored(v.event) for v in group):
        return False
    kind = group[0].event.event_type
    if kind not in rules.partyless_types:
        return True
    return kind not in rules.unattributed_types and all(v.noun and v.sentence in busy
                                                        for v in group)


def _sectored(event: Event) -> bool:
    return any(a.sector or a.sectors for a in (*event.actor, *event.recipient))


class ArticleEvents:
    """Merges the mentions of each real-world event of a Document (stage ``article_events``)."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.rules = merge_rules()

    def __call__(self, doc: Document) -> Document:
        if not doc.ok or not doc.events:
            return doc
        context = ArticleContext(doc)
        views = [context.view(event, self.rules) for event in doc.events]
        busy = {v.sentence for v in views if not v.noun}
        groups = [g for g in group_mentions(views, context, self.rules)
                  if not names_no_party(g, self.rules, busy)]
        doc.events = sorted((merge(g) for g in groups),
                            key=lambda e: (e.evidence.start, e.evidence.trigger_start))
        return doc



@stage("article_events", requires=("segments", "excluded", "events", "event_dates",
                                   "event_locations", "event_actors"),
       assigns=("events", "event_dates", "event_locations", "event_actors"))
def make_article_events_stage(config: Config) -> ArticleEvents:
    """Merge the mentions of one real-world event in an article into one event."""
    return ArticleEvents(config)
