"""Finding place mentions in a parsed Document and telling locations from actors.

Mentions come from spaCy's GPE/LOC/FAC entities; from PERSON/ORG entities that the
gazetteer knows as a country, region or large city (the small model mislabels many
places: "shelled Mariupol" → ORG); and from capitalised names after a locative preposition
("in Villa Yapacani", "the village of Sakoani"), before a unit word ("Orlu LGA") or in the
qualifier after a place ("(Santa Cruz)", ", Erbil"). The word after a name says what it
names ("Sagaing region", "Pakokku district", "the Barrocas neighborhood").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..document import Document
from ..resources import load_data
from .gazetteer import Gazetteer, GeoEntry
from .names import name_key

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
MISLABELLED = frozenset({"PERSON", "ORG", "NORP", "PRODUCT", "EVENT", "WORK_OF_ART"})
_LEADING_THE = re.compile(r"^(?:the|The)\s+")
_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z]+)\b")
_PREVIOUS_WORD = re.compile(r"\b([A-Za-z]+)[ \t]+$")


@dataclass(slots=True)
class PlaceMention:
    """A place name in the text: ``role`` is "location", "actor", "party" (a receiver: "a
    blow to Kyiv") or "modifier"."""

    text: str
    start: int
    end: int
    role: str
    sent_start: int
    sent_end: int
    source: str = "ner"
    # False when the name is the object of a preposition that makes it a topic or a party,
    # not a place ("the support of the United States", "the sovereignty of Nicaragua")
    locative: bool = True


def cues() -> dict[str, Any]:
    """The lexical and syntactic cues (``data/cues.yaml``)."""
    return load_data("geo", "cues.yaml")


def lookup(gazetteer: Gazetteer, text: str) -> tuple[GeoEntry, ...]:
    """Candidates for a name, retried without a trailing qualifier ("Mansa district")."""
    found = gazetteer.lookup(text)
    words = text.split()
    if not found and len(words) > 1 and words[-1].lower() in cues()["qualifier_words"]:
        found = _by_kind(gazetteer.lookup(" ".join(words[:-1])), words[-1].lower())
    if not found and " - " in text:  # "Al-Hasakeh - Al Kallaseh" → Al-Hasakeh
        head = text.split(" - ")[0].strip()
        found = gazetteer.lookup(head) if plausible_name(head) else ()
    elif not found and "-" in text.strip("-"):
        # "Shan-North" → Shan, but "Mayo-Sava" is no Mayo: only a well-known first part
        head = text.split("-")[0].strip()
        found = gazetteer.lookup(head) if _strong(head, gazetteer) else ()
    return found


def _by_kind(found: tuple[GeoEntry, ...], qualifier: str) -> tuple[GeoEntry, ...]:
    """Keep the regions of "Maysan province", the towns of "Amara city" or "Pakokku district"
    (a district is best placed at its namesake seat), when there are any."""
    wanted_city = qualifier not in cues()["admin1_words"]
    kept = tuple(c for c in found if (c.feature == "city") == wanted_city)
    return kept or found


def kind_word(text: str, mention: PlaceMention) -> str | None:
    """The qualifier word right after a mention ("Sagaing region" → "region"), if any."""
    match = _NEXT_WORD.match(text, mention.end)
    word = match.group(1).lower() if match else None
    table = cues()
    return word if word in table["qualifier_words"] or word in table["subcity_words"] else None


def lookup_mention(gazetteer: Gazetteer, text: str, mention: PlaceMention) -> tuple[GeoEntry, ...]:
    """Candidates for a mention, narrowed by the qualifier word that follows it.

    A neighbourhood or street ("the Barrocas neighborhood", "colonia Santa Elena", "Kashmir
    Road") is no town of that name elsewhere: it has no candidates, and the city around it
    locates the event.
    """
    word = kind_word(text, mention)
    before = _PREVIOUS_WORD.search(text[max(0, mention.start - 30) : mention.start])
    if word in cues()["subcity_words"] or (
        before and before.group(1).lower() in cues()["subcity_prefixes"]
    ):
        return ()
    found = lookup(gazetteer, mention.text)
    return _by_kind(found, word) if word and found else found


def plausible_name(text: str) -> bool:
    """Particles ("Al"), acronyms ("KRF") and institutions ("Congress") are no place names."""
    key = name_key(text)
    if len(key) < 3 or key in cues()["particles"] or key in cues()["not_places"]:
        return False
    return not (text.isupper() and len(text) <= 4)


def _country_acronym(text: str, gazetteer: Gazetteer) -> bool:
    """ "UK", "DRC", "UAE": an upper-case short name the gazetteer knows as a country."""
    return text.isupper() and any(c.feature == "country" for c in gazetteer.lookup(text))


def _locative(ent: Any) -> bool:
    """Whether a name may say where something happened: not the object of "of", "about",
    "over" and the like ("the future of Ukraine", "talks about Syria")."""
    token = ent.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head
    return not (token.dep_ == "pobj" and token.head.lower_ in cues()["topic_prepositions"])


def _role(ent: Any) -> str:
    """How a place name is used in its clause, judged from its syntactic head.

    Subjects and possessors are actors ("China said", "Russia's position"), as are objects
    of "with"/"against"; a name modifying a noun ("China-Russia relations") is neither
    actor nor location, except in "Moscow-based" or "Salem district"; everything else is a
    location.
    """
    table = cues()
    token = ent.root
    while token.dep_ == "conj" and token.head is not token:
        token = token.head  # "China and Russia should …": the conjunct shares the role
    if token.dep_ in table["actor_deps"]:
        return "actor"
    if token.dep_ == "pobj" and token.head.lower_ in table["actor_prepositions"]:
        return "actor"
    if _origin(token, table):
        return "modifier"  # "migrants from Ecuador" say where people come from
    if _base_of_actor(token, table):
        return "modifier"  # "the UK-based monitor said": where the speaker sits
    if _addressee(token, table):
        return "party"  # "a blow to Kyiv", "aid to Ukraine": who receives, not where
    if (
        token.dep_ in table["modifier_deps"]
        and token.head.pos_ == "NOUN"
        and _directly_modifies(ent, token.head)
    ):
        # Doc.text rebuilds the whole text on each access: read the next tokens instead
        after = (ent[-1].whitespace_ + ent.doc[ent.end : ent.end + 3].text_with_ws).lower()
        # "Pulwama and Baramulla districts": a unit word in the plural names places too
        if token.head.lemma_.lower() not in table["qualifier_words"] and not after.startswith(
            tuple(table["based_suffixes"])
        ):
            return "modifier"
    return "location"


def _origin(token: Any, table: dict[str, Any]) -> bool:
    """A name after "from" that hangs on a noun: where people or goods come from."""
    preposition = token.head
    return (
        token.dep_ == "pobj"
        and preposition.lower_ in table["origin_prepositions"]
        and preposition.head.pos_ in ("NOUN", "PROPN")
    )


def _base_of_actor(token: Any, table: dict[str, Any]) -> bool:
    """A name in "X-based <noun>" whose noun is (in apposition to, or "of" a noun that is)
    the clause's subject, possessor or agent: "the Syrian Observatory, a UK-based monitor,
    said …", "the president of the New York-based thinktank said …". It says where the
    actor or source sits, not where the act happened; "visited the Jakarta-based
    Secretariat" or "attacked a Kabul-based station" keep their place."""
    based = token.head
    if based is token or based.lower_ not in table["based_words"]:
        return False
    noun = based.head
    for _ in range(8):  # a short climb: appositions, conjuncts and "of" phrases
        if noun.dep_ in ("appos", "conj") and noun.head is not noun:
            noun = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head is not noun.head:
            noun = noun.head.head
        else:
            break
    if noun.dep_ == "pobj" and noun.head.lower_ == "by":
        return True  # the agent of a passive
    # "a Kabul-based journalist was shot": the victim's base may well be the place
    return noun.dep_ in table["actor_deps"] and noun.dep_ != "nsubjpass"


def _addressee(token: Any, table: dict[str, Any]) -> bool:
    """A name after "to" that receives or concerns something ("a blow to Kyiv", "issues
    related to North Korea"), unless "to" follows a word of going or nearness ("a visit to
    Kyiv", "troops sent to Poland", "close to Donetsk") or a "from" ("from Paris to Lyon")."""
    preposition = token.head
    if token.dep_ != "pobj" or preposition.lower_ not in table["addressee_prepositions"]:
        return False
    governor = preposition.head
    if governor is preposition or governor.lemma_.lower() in table["motion_words"]:
        return False
    return not any(child.dep_ == "prep" and child.lower_ == "from" for child in governor.children)


def _directly_modifies(ent: Any, head: Any) -> bool:
    """The name sits right before the noun it modifies ("the Gaza ceasefire"), not across
    punctuation, where the parse of a "Town, Region, …" list is unreliable."""
    return head.i >= ent.end and not any(
        t.is_punct and t.text != "-" for t in ent.doc[ent.end : head.i]
    )


def _strip_article(text: str, start: int) -> tuple[str, int]:
    match = _LEADING_THE.match(text)
    if match:
        return text[match.end() :], start + match.end()
    return text, start


def _mislabelled_place(ent: Any, sent: Any, gazetteer: Gazetteer) -> bool:
    """A PERSON/ORG/NORP entity that is really a place.

    Either the gazetteer knows it under its own name as a country, region or large city,
    or it is followed by a qualifier the gazetteer knows ("Velyka Novosilka, Donetsk").
    """
    if not plausible_name(ent.text):
        return False
    found = lookup(gazetteer, ent.text)
    return _strong(ent.text, gazetteer) or (bool(found) and _qualified(ent, sent, gazetteer))


def _qualified(ent: Any, sent: Any, gazetteer: Gazetteer) -> bool:
    """True when "(" or "," after the entity opens a name the gazetteer knows."""
    if ent.end + 1 >= sent.end or ent.doc[ent.end].text not in ("(", ","):
        return False
    run = name_run(sent, ent.end + 1)
    return _gazetteer_span(run, gazetteer) is not None


def _extended(ent: Any, sent: Any, gazetteer: Gazetteer) -> int:
    """End char of the entity, stretched over "upon Tyne" / "de la Sierra" when known."""
    run = name_run(sent, ent.end, allow_connector_start=True)
    for size in range(len(run), 0, -1):
        end = run[size - 1].idx + len(run[size - 1].text)
        if gazetteer.lookup(ent.doc[ent.start : run[size - 1].i + 1].text):
            return end
    return ent.end_char


def _pieces(ent: Any) -> Iterator[Any]:
    """An entity, or its comma-separated parts ("Chuhuiv, Mykolaiv" tagged as one ORG)."""
    if "," not in ent.text:
        yield ent
        return
    start = ent.start_char
    for part in ent.text.split(","):
        begin = start + len(part) - len(part.lstrip())
        span = ent.doc.char_span(
            begin, start + len(part.rstrip()), label=ent.label_, alignment_mode="contract"
        )
        if span is not None and len(span):
            yield span
        start += len(part) + 1


def _entities_by_sentence(doc: Document) -> Iterator[tuple[int, Any, Any]]:
    """(segment offset, sentence, entity) triples.

    Read from each parse's entity list once: asking every sentence for its ``.ents`` walks
    the whole parse each time, which made long articles slow.
    """
    for segment in doc.segments:
        if segment.parse is None:
            continue
        sents = list(segment.parse.sents)
        starts = [sent.start for sent in sents]
        for ent in segment.parse.ents:
            yield segment.start, sents[bisect_right(starts, ent.start) - 1], ent


def ner_mentions(doc: Document, gazetteer: Gazetteer) -> Iterator[PlaceMention]:
    """Place entities of the parse (and mislabelled ones), with document offsets and role."""
    for offset, sent, whole in _entities_by_sentence(doc):
        for ent in _pieces(whole):
            if ent.label_ not in PLACE_LABELS and not (
                ent.label_ in MISLABELLED and _mislabelled_place(ent, sent, gazetteer)
            ):
                continue
            end = _extended(ent, sent, gazetteer)
            text, start = _strip_article(
                doc.text[offset + ent.start_char : offset + end], offset + ent.start_char
            )
            # judged after the stretch: "Deir" alone is a particle, "Deir ez Zor" a place
            if not plausible_name(text) and not _country_acronym(text, gazetteer):
                continue  # "East", "Al", acronyms other than a country's ("UK", "DRC")
            yield PlaceMention(
                text,
                start,
                start + len(text),
                _role(ent),
                offset + sent.start_char,
                offset + sent.end_char,
                locative=_locative(ent),
            )


def name_run(sent: Any, first: int, allow_connector_start: bool = False) -> list[Any]:
    """Capitalised tokens from token index ``first`` ("de", "al", "upon" allowed inside)."""
    connectors = set(cues()["name_connectors"])
    run: list[Any] = []
    for token in sent.doc[first : sent.end]:
        if token.text[:1].isupper() and token.is_alpha or (run and token.text in ("-", "'")):
            run.append(token)
        elif token.lower_ in connectors and (run or allow_connector_start):
            run.append(token)
        else:
            break
    while run and (run[-1].lower_ in connectors or not run[-1].is_alpha):
        run.pop()
    return run


def _gazetteer_span(run: list[Any], gazetteer: Gazetteer) -> tuple[int, int] | None:
    """The longest prefix of a run of names that the gazetteer knows.

    A strict prefix ("Pang" of "Pang Sit") must be a well-known place ("Baghdad" of
    "Baghdad - Adhamiya"): that some distant hamlet has that name is too weak.
    """
    for size in range(len(run), 0, -1):
        span = run[:size]
        text = " ".join(t.text for t in span)
        if not plausible_name(text):
            continue
        if size == len(run) and lookup(gazetteer, text) or _strong(text, gazetteer):
            return span[0].idx, span[-1].idx + len(span[-1].text)
    return None


def _blocked(sent: Any, start: int, end: int) -> bool:
    """True when the span overlaps an entity that is clearly no place (a date, a nationality),
    or is a strict part of a person's name ("pressure on Vladimir Putin", "George W Bush")."""
    blocking = set(cues()["blocking_labels"])
    return any(
        ent.label_ in blocking and ent.start_char < end and start < ent.end_char
        or ent.label_ == "PERSON" and ent.start_char <= start and end <= ent.end_char
        and end - start < ent.end_char - ent.start_char
        for ent in sent.doc.ents
    )


def _follows_place(position: int, taken: list[PlaceMention]) -> bool:
    """ "(" or "," opens a qualifier only right after a place ("Makhmur, Erbil")."""
    return any(0 <= position - m.end <= 1 for m in taken)


def _opens_qualifier(token: Any, sent: Any, offset: int, taken: list[PlaceMention]) -> bool:
    """ "(" after a place or a name ("Kwande LGA (Benue)"), or "," continuing a place list."""
    if token.text not in ("(", ","):
        return False
    if _follows_place(offset + token.idx, taken):
        return True
    if token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if token.i >= 2 and before.lower_ in cues()["qualifier_words"]:
        place = token.doc[token.i - 2]  # "Al Amadiya district, Duhok"
        if _follows_place(offset + place.idx + len(place.text), taken):
            return True
    if token.text == ",":
        # "(Thayarwady district, Bago-West region)": the list goes on past an unknown name;
        # elsewhere a comma after an unknown name is left to _trailing_region
        return _inside_qualifier(token, sent)
    return before.text[:1].isupper() or before.lower_ in cues()["qualifier_words"]


def _inside_qualifier(token: Any, sent: Any) -> bool:
    """True for a token inside parentheses opened right after a name or qualifier word."""
    for prior in reversed(token.doc[sent.start : token.i]):
        if prior.text == ")":
            return False
        if prior.text == "(":
            before = token.doc[prior.i - 1] if prior.i > 0 else None
            return before is not None and (
                before.text[:1].isupper() or before.lower_ in cues()["qualifier_words"]
            )
    return False


def _trailing_region(sent: Any, token: Any, gazetteer: Gazetteer) -> bool:
    """ ", Donetsk." closing a clause after an unknown name ("captured Starohnativka, Donetsk")
    names the region the place lies in: accept it when it is a well-known place."""
    if token.text != "," or token.i == 0 or not token.doc[token.i - 1].text[:1].isupper():
        return False
    run = name_run(sent, token.i + 1)
    if not run or run[-1].i + 1 >= len(token.doc):
        return bool(run) and _strong(" ".join(t.text for t in run), gazetteer)
    closing = token.doc[run[-1].i + 1].text in (".", ",", ";", ")")
    return closing and _strong(" ".join(t.text for t in run), gazetteer)


def _strong(text: str, gazetteer: Gazetteer) -> bool:
    """Known under its own name as a country, region or large city."""
    minimum = cues()["min_population_for_mislabelled"]
    return plausible_name(text) and any(
        c.primary and (c.feature != "city" or c.population >= minimum)
        for c in lookup(gazetteer, text)
    )


def _locative_of(token: Any) -> bool:
    """ "of" that opens a place: "the village of Sakoani", "north of Nobili"."""
    if token.lower_ != "of" or token.i == 0:
        return False
    before = token.doc[token.i - 1].lower_
    return before in cues()["qualifier_words"] or before in cues()["of_openers"]


def _overlaps(start: int, end: int, mentions: list[PlaceMention]) -> bool:
    return any(m.start < end and start < m.end for m in mentions)


def pattern_mentions(
    doc: Document, gazetteer: Gazetteer, taken: list[PlaceMention]
) -> Iterator[PlaceMention]:
    """Gazetteer names that spaCy did not tag: after "in", "near", "the village of", or a
    place's "(" / ","; and before a unit word ("Orlu LGA")."""
    prepositions = set(cues()["locative_prepositions"])
    for offset, sent in doc.sentences():
        for token in sent:
            if token.i + 1 >= sent.end:
                continue
            if not (
                token.lower_ in prepositions
                or _locative_of(token)
                or _opens_qualifier(token, sent, offset, taken)
                or _trailing_region(sent, token, gazetteer)
            ):
                continue
            run = name_run(sent, token.i + 1)
            span = _gazetteer_span(run, gazetteer) if run else None
            mention = _new_mention(doc, offset, sent, span, taken)
            if mention is not None:
                yield mention
        for token in sent:
            mention = _new_mention(doc, offset, sent, _named_unit(sent, token, gazetteer), taken)
            if mention is not None:
                yield mention


def _new_mention(
    doc: Document, offset: int, sent: Any, span: tuple[int, int] | None, taken: list[PlaceMention]
) -> PlaceMention | None:
    """A mention for a span (chars in the parse) unless it is taken or clearly no place."""
    if span is None:
        return None
    start, end = offset + span[0], offset + span[1]
    if _overlaps(start, end, taken) or _blocked(sent, span[0], span[1]):
        return None
    mention = PlaceMention(
        doc.text[start:end],
        start,
        end,
        "location",
        offset + sent.start_char,
        offset + sent.end_char,
        "gazetteer",
    )
    taken.append(mention)
    return mention


def _named_unit(sent: Any, token: Any, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """The known name right before a qualifier word: "Orlu LGA", "Amadiya district"."""
    if token.lower_ not in cues()["qualifier_words"] or token.i == sent.start:
        return None
    connectors = set(cues()["name_connectors"])
    first = token.i
    for prior in reversed(sent.doc[sent.start : token.i]):
        if prior.is_alpha and prior.text[:1].isupper() or prior.text in ("-", "'"):
            first = prior.i
        elif prior.lower_ not in connectors or first == token.i:
            break
    run = list(sent.doc[first : token.i])
    for size in range(len(run), 0, -1):
        tail = run[-size:]
        if not (tail[0].is_alpha and tail[0].text[:1].isupper()):
            continue  # a name opens on a capital, not on "de" or "-"
        text = sent.doc[tail[0].i : tail[-1].i + 1].text
        if tail[0].ent_type_ == "NORP":
            continue  # "an Arab province" is no town called Arab
        if plausible_name(text) and _known_tail(run, size, text, gazetteer, connectors):
            return tail[0].idx, tail[-1].idx + len(tail[-1].text)
    return None


def _known_tail(
    run: list[Any], size: int, text: str, gazetteer: Gazetteer, connectors: set[str]
) -> bool:
    """Whether the last ``size`` tokens of a name run name a known place.

    The whole run, a tail after a connector ("Speney Adda of Herat city" names Herat), or
    a tail of two or more words known under exactly that spelling ("Hazari Imam Sahib
    district" names Imam Sahib); but "Sar Taung Gyi village" does not name Taunggyi.
    """
    if size == len(run) or run[-size - 1].lower_ in connectors:
        return bool(lookup(gazetteer, text))
    return size >= 2 and bool(gazetteer.lookup(text, loose=False))


def find_mentions(doc: Document, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every place mention of the parsed text, in text order."""
    found = list(ner_mentions(doc, gazetteer))
    taken = list(found)
    found.extend(pattern_mentions(doc, gazetteer, taken))
    return sorted(found, key=lambda m: m.start)
