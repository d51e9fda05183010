"""The actors stage: entities and actor mentions of a parsed document.

Per sentence, in text order, it finds
- person names (spaCy PERSON, plus ORG/GPE names that repeat a known person's name, as the
  small model often labels "Wang" ORG) with the title before them ("Chinese Foreign
  Minister Wang Yi" is one mention, CHN GOV, name "Wang Yi");
- runs of lexicon words: countries, demonyms, capitals used for governments, organisations,
  roles ("the Russian side", "police", "Beijing");
- "the two sides" (the two countries just discussed) and pronouns ("he" -> the salient
  person);
and then labels the spaCy entities with the actors of those mentions.
"""

from __future__ import annotations

import re
from typing import Any

from ..config import Config
from ..document import Actor, Document, Entity, Mention
from ..registry import stage
from . import coref
from .kb import KnowledgeBase, get_kb
from .lexicon import Lexicon, Match, Token, get_lexicon, phrase_key, tokenize
from .resolve import Reading, doc_date, read_words

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Words allowed between the pieces of one title or nominal ("Minister of Defense").
JOINERS = frozenset({"of", "the", "s", "for"})
DETERMINERS = frozenset({"the", "a", "an"})
GAP_PUNCTUATION = re.compile(r"[^\w\s'’]")
LOCATIVES = frozenset({"in", "at", "near", "outside", "across", "inside"})
PLACE_ONLY = frozenset({"capital", "city", "region", "country", "demonym"})


class ActorStage:
    """Builds ``doc.entities`` and ``doc.mentions`` from the parse."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.lexicon: Lexicon = get_lexicon(tuple(config.actor_dictionary_files))
        self.kb: KnowledgeBase = get_kb(tuple(config.actor_kb_files))

    def __call__(self, doc: Document) -> Document:
        if not doc.ok:
            return doc
        run = _DocumentRun(doc, self.lexicon, self.kb)
        for offset, sent in doc.sentences():
            run.sentence(offset, sent)
        doc.mentions = sorted(run.mentions, key=lambda m: (m.start, -m.end))
        doc.entities = run.entities()
        return doc


class _DocumentRun:
    """The state of one document while its sentences are read."""

    def __init__(self, doc: Document, lexicon: Lexicon, kb: KnowledgeBase) -> None:
        self.doc, self.lex, self.kb = doc, lexicon, kb
        self.date = doc_date(doc)
        self.state = coref.CorefState()
        self.mentions: list[Mention] = []
        self.ents: list[tuple[int, int, str]] = []
        self.context_country = _dateline_country(doc, lexicon, kb)
        self.sentence_country: str | None = None

    # ---- one sentence
    def sentence(self, offset: int, sent: Any) -> None:
        base = offset + sent.start_char
        tokens = tokenize(sent.text, base)
        matches = self.lex.scan(tokens)
        self.sentence_country = _located_country(tokens, matches)
        ents = [(offset + e.start_char, offset + e.end_char, e.label_) for e in sent.ents
                if e.label_ in ENTITY_LABELS]
        self.ents.extend(ents)
        names = self._name_spans(tokens, matches, ents)
        used: set[int] = set()
        found: list[tuple[int, str, tuple]] = []
        for first, last in names:
            title_first = self._title_start(tokens, matches, first)
            used.update(range(title_first, last + 1))
            found.append((tokens[title_first].start, "person", (title_first, first, last)))
        for first, last, words in self._pairs(tokens):
            used.update(range(first, last + 1))
            found.append((tokens[first].start, "pair", (first, last, words)))
        for group in self._groups(sent, offset, tokens, matches, used):
            found.append((tokens[group[0]].start, "group", group))
        for i, token in enumerate(tokens):
            if i not in used and token.norm in self.lex.person_pronouns | self.lex.plural_pronouns:
                found.append((token.start, "pronoun", (i,)))
        for _, kind, args in sorted(found, key=lambda f: f[0]):
            getattr(self, f"_add_{kind}")(sent, offset, tokens, matches, *args)

    def _name_spans(self, tokens: list[Token], matches: list[Match],
                    ents: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
        """Token ranges of person names in the sentence."""
        spans: list[tuple[int, int]] = []
        matched = {i for m in matches if m.entry.kind != "role" for i in range(m.first_token, m.last_token + 1)}
        for start, end, label in ents:
            idx = [i for i, t in enumerate(tokens) if t.start >= start and t.end <= end]
            if not idx or label not in NAME_LABELS:
                continue
            while len(idx) > 1 and tokens[idx[-1]].norm == "s":  # "Begum’s": drop the possessive
                idx.pop()
            words = [tokens[i].norm for i in idx]
            if label == "PERSON" and not set(idx) <= matched:
                idx = [i for i in idx if tokens[i].norm not in DETERMINERS]
                spans.append((idx[0], idx[-1]))
            elif set(idx) <= matched:
                continue  # a country or organisation ("UN"), not a surname
            elif self.state.known_person(words) or (len(words) == 1 and self.kb.single(words[0])):
                spans.append((idx[0], idx[-1]))
        return spans

    def _title_start(self, tokens: list[Token], matches: list[Match], first: int) -> int:
        """Extend a name leftwards over adjacent title words ("Russian Foreign Minister")."""
        ends = {m.last_token: m for m in matches}
        i = first
        while True:
            j = i - 1
            while j >= 0 and tokens[j].norm in JOINERS - {"the"}:
                j -= 1
            match = ends.get(j)
            if match is None or match.entry.kind == "city" or not _adjacent(self.doc.text, tokens, j, i):
                return i
            i = match.first_token

    def _pairs(self, tokens: list[Token]) -> list[tuple[int, int, list[str]]]:
        found = []
        for size in (5, 4, 3, 2):
            for i in range(len(tokens) - size + 1):
                words = tuple(t.norm for t in tokens[i : i + size])
                if words in self.lex.pair_nominals and not any(lo <= i <= hi for lo, hi, _ in found):
                    found.append((i, i + size - 1, list(words)))
        return found

    def _groups(self, sent: Any, offset: int, tokens: list[Token], matches: list[Match],
                used: set[int]) -> list[tuple[int, int, list[Match]]]:
        """Runs of adjacent lexicon matches outside names: one nominal each ("UN special
        envoy" too, where the parse attaches "UN" to "envoy")."""
        groups: list[tuple[int, int, list[Match]]] = []
        pronouns = self.lex.person_pronouns | self.lex.plural_pronouns
        for m in matches:
            if m.first_token in used or m.last_token in used:
                continue
            if m.entry.kind == "role" and m.entry.name in pronouns:
                continue
            if groups and (_adjacent(self.doc.text, tokens, groups[-1][1], m.first_token)
                           or self._modifies(sent, offset, tokens, groups[-1][1], m)):
                first, _, members = groups[-1]
                groups[-1] = (first, m.last_token, [*members, m])
            else:
                groups.append((m.first_token, m.last_token, [m]))
        return groups

    def _modifies(self, sent: Any, offset: int, tokens: list[Token], left_last: int, right: Match) -> bool:
        """A word or two of lowercase modifiers between a name and the noun it modifies."""
        between = tokens[left_last + 1 : right.first_token]
        if right.entry.kind != "role" or not 0 < len(between) <= 2 or any(t.raw[:1].isupper() for t in between):
            return False
        if GAP_PUNCTUATION.search(self.doc.text[tokens[left_last].end : tokens[right.first_token].start]):
            return False
        left = _token_at(sent, offset, tokens[left_last].start)
        return left is not None and right.start <= offset + left.head.idx < right.end

    # ---- building mentions
    def _add_person(self, sent: Any, offset: int, tokens: list[Token], matches: list[Match],
                    title_first: int, first: int, last: int) -> None:
        start, end = tokens[title_first].start, tokens[last].end
        words = [t.norm for t in tokens[first : last + 1]]
        name_text = self.doc.text[tokens[first].start : end]
        reading = read_words(self.doc.text[start:end], self.lex, self.kb, self.date)
        known = self.state.known_person(words)
        has_title = title_first < first
        if known and (len(words) == 1 or not has_title):
            person = known
            actor = coref.person_actor(known, self.doc.text[start:end])
            if has_title and reading.sectors:  # a title here still beats the earlier one
                actor.sectors, actor.sector = reading.sectors, reading.sectors[0]
        else:
            name = reading.name if reading.term else name_text
            actor = reading.actor(self.doc.text[start:end])
            if not (actor.code or actor.sectors):
                actor = self._appositive_actor(start, end) or actor
            actor.name = name
            person = self.state.register(name, list(phrase_key(name)) or words, actor)
        self.state.last_person = person
        mention = Mention(self.doc.text[start:end], start, end, "title" if has_title else "name",
                          name=person.name, actors=[actor] if actor.code or actor.sectors else [])
        self._keep(mention)
        head = _token_at(sent, offset, tokens[last].start)
        if head is not None:
            self.state.note_subject(person, head)

    def _appositive_actor(self, start: int, end: int) -> Actor | None:
        """"the UN special envoy, Geir Pedersen": the role just before the comma."""
        if not self.mentions:
            return None
        before = self.mentions[-1]
        if before.kind not in ("nominal", "name") or not before.actors or self.doc.text[before.end : start].strip() != ",":
            return None
        actor = before.actors[0]
        return Actor(self.doc.text[start:end], code=actor.code, sector=actor.sector, sectors=list(actor.sectors))

    def _add_pair(self, sent: Any, offset: int, tokens: list[Token], matches: list[Match],
                  first: int, last: int, words: list[str]) -> None:
        start, end = tokens[first].start, tokens[last].end
        text = self.doc.text[start:end]
        actors = coref.pair_actors(self.state, text, words)
        mention = Mention(text, start, end, "nominal", actors=actors)
        if actors:
            self.mentions.append(mention)
            self.state.last_plural = mention

    def _add_group(self, sent: Any, offset: int, tokens: list[Token], matches: list[Match],
                   first: int, last: int, members: list[Match]) -> None:
        kinds = {m.entry.kind for m in members}
        if first > 0 and tokens[first - 1].norm in DETERMINERS and "role" in kinds:
            first -= 1
        start, end = tokens[first].start, tokens[last].end
        text = self.doc.text[start:end]
        reading = read_words(text, self.lex, self.kb, self.date)
        orgs = [m.entry.name for m in members if m.entry.kind in ("org", "metonym")]
        reading.name = reading.name or (orgs[-1] if orgs else None)
        head = _token_at(sent, offset, tokens[last].start)
        if kinds <= PLACE_ONLY:
            self._add_place_group(text, start, end, reading, kinds, head)
            return
        if head is not None and head.pos_ not in ("NOUN", "PROPN"):
            return  # a role word used as a verb or adjective ("head", "major")
        if kinds == {"role"} and all(m.entry.weak for m in members) \
                and not (self.sentence_country or self.context_country):
            return  # "officials" with no country anywhere says nothing
        kind = "nominal" if "role" in kinds and not kinds & {"org", "metonym"} else "name"
        actor = reading.actor(text)
        if kind == "nominal" and actor.code is None:
            self._fill_from_context(actor, tokens[first].norm in DETERMINERS)
        if actor.code or actor.sectors:
            mention = Mention(text, start, end, kind, name=reading.name, actors=[actor])
            self._keep(mention)
            if head is not None and head.tag_ in ("NNS", "NNPS"):
                self.state.last_plural = mention

    def _add_place_group(self, text: str, start: int, end: int, reading: Reading,
                         kinds: set[str], head: Any) -> None:
        """Countries and capitals: a capital that acts ("Beijing said") is its government."""
        actor = reading.actor(text)
        acts = head is not None and head.dep_ in coref.SUBJECT_DEPS
        if kinds & {"capital", "city"} and not acts:
            actor.sectors, actor.sector = [], None
        if kinds == {"city"} or (kinds == {"region"} and not acts):
            actor.sectors, actor.sector = [], None
        if actor.code:
            self._keep(Mention(text, start, end, "metonym" if "capital" in kinds else "name",
                               name=reading.name, actors=[actor]))

    def _add_pronoun(self, sent: Any, offset: int, tokens: list[Token], matches: list[Match],
                     index: int) -> None:
        token = tokens[index]
        spacy_token = _token_at(sent, offset, token.start)
        if spacy_token is not None and spacy_token.pos_ != "PRON":
            return
        plural = token.norm in self.lex.plural_pronouns
        name, actors = coref.pronoun_actors(self.state, token.raw, plural)
        if actors or name:
            self.mentions.append(Mention(token.raw, token.start, token.end, "pronoun", name=name, actors=actors))

    def _fill_from_context(self, actor: Actor, definite: bool) -> None:
        """A nominal without a country: "the minister" is the last minister mentioned;
        otherwise the dateline's country."""
        if definite:
            for mention in reversed(self.mentions):
                for other in mention.actors:
                    if other.code and other.sector and other.sector == actor.sector:
                        actor.code = other.code
                        return
        actor.code = self.sentence_country or self.context_country

    def _keep(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.state.note_countries(mention)

    # ---- entities
    def entities(self) -> list[Entity]:
        out = []
        for start, end, label in sorted(set(self.ents)):
            mention = self.doc.mention_at(start, end)
            actor = mention.actors[0] if mention and mention.actors else None
            canonical = mention.name if mention and mention.name else None
            if mention and mention.kind in ("title", "name", "pronoun") and mention.name and label != "PERSON" \
                    and self.state.known_person(list(phrase_key(self.doc.text[start:end]))):
                label = "PERSON"
            if mention and mention.kind == "name" and label == "GPE" and _is_organisation(mention, self.lex):
                label = "ORG"
            if mention and mention.kind == "title" and label in ("NORP", "GPE"):
                actor, canonical = self._own_actor(start, end)
            out.append(Entity(self.doc.text[start:end], label, start, end, canonical or self.doc.text[start:end], actor))
        return out

    def _own_actor(self, start: int, end: int) -> tuple[Actor | None, str | None]:
        reading = read_words(self.doc.text[start:end], self.lex, self.kb, self.date)
        if not reading.code:
            return None, None
        return Actor(self.doc.text[start:end], name=reading.name, code=reading.code), reading.name


def _located_country(tokens: list[Token], matches: list[Match]) -> str | None:
    """The country of the first place the sentence locates itself in ("in Baghdad"):
    "protesters" in such a sentence are most likely that country's."""
    for m in matches:
        if m.entry.kind in PLACE_ONLY and m.entry.code and m.first_token > 0 \
                and tokens[m.first_token - 1].norm in LOCATIVES:
            return m.entry.code
    return None


def _is_organisation(mention: Mention, lexicon: Lexicon) -> bool:
    """Whether a name mention is an organisation ("BRICS" is often tagged GPE)."""
    return any(m.entry.kind == "org" for m in lexicon.scan(tokenize(mention.text)))


def _dateline_country(doc: Document, lexicon: Lexicon, kb: KnowledgeBase) -> str | None:
    """The dateline's country (the places stage fills it later; we need it now)."""
    if doc.dateline is None:
        return None
    if doc.dateline.country:
        return doc.dateline.country
    if doc.dateline.place:
        return read_words(doc.dateline.place, lexicon, kb).code
    return None


def _adjacent(text: str, tokens: list[Token], left_last: int, right_first: int) -> bool:
    """Nothing but spaces and joining words ("of the", "'s") between two tokens."""
    between = tokens[left_last + 1 : right_first]
    if len(between) > 2 or any(t.norm not in JOINERS for t in between):
        return False
    gap = text[tokens[left_last].end : tokens[right_first].start]
    return not GAP_PUNCTUATION.search(gap)


def _token_at(sent: Any, offset: int, char: int) -> Any:
    """The spaCy token of ``sent`` starting at document offset ``char``."""
    for token in sent:
        if offset + token.idx <= char < offset + token.idx + len(token.text):
            return token
    return None


@stage("actors", requires=("segments",), assigns=("entities", "mentions"))
def make_actors_stage(config: Config) -> ActorStage:
    """The actors stage: entities, actor mentions and in-document coreference."""
    return ActorStage(config)
