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
from bisect import bisect_left, bisect_right
from collections import defaultdict
from typing import Any

from spacy.attrs import IDX, LENGTH

from ..config import Config
from ..document import Actor, Document, Entity, Mention
from ..registry import stage
from . import coref
from .kb import KnowledgeBase, get_kb
from .lexicon import Lexicon, Match, Token, get_lexicon, is_place_named_thing, phrase_key, tokenize
from .resolve import NAMING_PLACES, Reading, doc_date, reading_for

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Words allowed between the pieces of one title or nominal ("Minister of Defense").
JOINERS = frozenset({"of", "the", "s", "for"})
DETERMINERS = frozenset({"the", "a", "an"})
GAP_PUNCTUATION = re.compile(r"[^\w\s'’]")
# "the Rapid Support Forces (RSF)", "[RSF]": a short form the article defines for a name
DEFINED_ACRONYM = re.compile(r"\s*[(\[]([A-Z][A-Z0-9-]{1,7})[)\]]")
LOCATIVES = frozenset({"in", "at", "near", "outside", "across", "inside"})
PLACE_ONLY = frozenset({"capital", "city", "region", "country", "demonym"})


class ActorStage:
    """Builds ``doc.entities`` and ``doc.mentions`` from the parse."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.files = (tuple(config.actor_dictionary_files), tuple(config.actor_kb_files))
        self.lexicon: Lexicon = get_lexicon(self.files[0])
        self.kb: KnowledgeBase = get_kb(self.files[1])
        self.pronouns = self.lexicon.person_pronouns | self.lexicon.plural_pronouns
        # first word of each pair nominal -> its lengths, so most tokens are skipped at once
        pair_sizes: defaultdict[str, set[int]] = defaultdict(set)
        for words in self.lexicon.pair_nominals:
            pair_sizes[words[0]].add(len(words))
        self.pair_sizes = {word: frozenset(sizes) for word, sizes in pair_sizes.items()}

    def __call__(self, doc: Document) -> Document:
        if not doc.ok:
            return doc
        run = _DocumentRun(doc, self)
        for offset, sent in doc.sentences():
            run.sentence(offset, sent)
        doc.mentions = sorted(run.mentions, key=lambda m: (m.start, -m.end))
        doc.entities = run.entities()
        return doc


class _DocumentRun:
    """The state of one document while its sentences are read."""

    def __init__(self, doc: Document, actor_stage: ActorStage) -> None:
        self.doc, self.lex, self.kb = doc, actor_stage.lexicon, actor_stage.kb
        self.files, self.pronouns = actor_stage.files, actor_stage.pronouns
        self.pair_sizes = actor_stage.pair_sizes
        self.date = doc_date(doc)
        self.state = coref.CorefState()
        self.mentions: list[Mention] = []
        self.ents: list[tuple[int, int, str]] = []
        self.context_country = _dateline_country(doc, self.files)
        self.sentence_country: str | None = None
        self.parses: dict[int, _ParseIndex] = {}  # by segment offset
        # the current sentence: its parse, segment offset and token range (see _token_at)
        self.parse: _ParseIndex | None = None
        self.offset, self.sent_first, self.sent_end = 0, 0, 0

    def _read(self, text: str) -> Reading:
        """What the words of ``text`` say (cached across documents; a copy to change)."""
        return reading_for(text, self.date, *self.files)

    def _token_at(self, char: int) -> Any:
        """The spaCy token of the current sentence holding document offset ``char``."""
        parse, char = self.parse, char - self.offset
        k = bisect_right(parse.starts, char, self.sent_first, self.sent_end) - 1
        if k >= self.sent_first and char < parse.starts[k] + parse.lengths[k]:
            return parse.doc[k]
        return None

    # ---- one sentence
    def sentence(self, offset: int, sent: Any) -> None:
        if offset not in self.parses:
            self.parses[offset] = _ParseIndex(sent.doc)
        self.parse, self.offset = self.parses[offset], offset
        self.sent_first, self.sent_end = sent.start, sent.end
        tokens = tokenize(self.parse.text[sent.start_char : sent.end_char], offset + sent.start_char)
        matches = self.lex.scan(tokens)
        self.sentence_country = _located_country(tokens, matches)
        ents = [(offset + start, offset + end, label)
                for start, end, label in self.parse.entities_in(sent)
                if label in ENTITY_LABELS]
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
            if i not in used and token.norm in self.pronouns:
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
            # a surname that is also a place ("Mesa", "Paris") is the person once the article
            # has named them in full ("Carlos Mesa … Mesa said")
            if (label == "PERSON" and not set(idx) <= matched) or (
                    len(words) == 1 and self.state.known_surname(words[0])):
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
        found: list[tuple[int, int, list[str]]] = []
        starts = [(i, self.pair_sizes[t.norm]) for i, t in enumerate(tokens) if t.norm in self.pair_sizes]
        for size in (5, 4, 3, 2):
            for i, sizes in starts:
                if size not in sizes or i + size > len(tokens):
                    continue
                words = tuple(t.norm for t in tokens[i : i + size])
                if words in self.lex.pair_nominals and not any(lo <= i <= hi for lo, hi, _ in found):
                    found.append((i, i + size - 1, list(words)))
        return found

    def _groups(self, sent: Any, offset: int, tokens: list[Token], matches: list[Match],
                used: set[int]) -> list[tuple[int, int, list[Match]]]:
        """Runs of adjacent lexicon matches outside names: one nominal each ("UN special
        envoy" too, where the parse attaches "UN" to "envoy")."""
        groups: list[tuple[int, int, list[Match]]] = []
        pronouns = self.pronouns
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
        left = self._token_at(tokens[left_last].start)
        # "Ankara can press ahead": a subject is not a modifier of the verb after it
        return (left is not None and left.dep_ not in coref.SUBJECT_DEPS
                and right.start <= offset + left.head.idx < right.end)

    # ---- building mentions
    def _add_person(self, sent: Any, offset: int, tokens: list[Token], matches: list[Match],
                    title_first: int, first: int, last: int) -> None:
        start, end = tokens[title_first].start, tokens[last].end
        words = [t.norm for t in tokens[first : last + 1]]
        name_text = self.doc.text[tokens[first].start : end]
        reading = self._read(self.doc.text[start:end])
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
        head = self._token_at(tokens[last].start)
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
        if last + 1 < len(tokens) and tokens[last + 1].norm == "of":
            return  # "on both sides of the border" is a place, not two parties
        start, end = tokens[first].start, tokens[last].end
        text = self.doc.text[start:end]
        head = self._token_at(tokens[last].start)
        acts = head is not None and head.dep_ in coref.SUBJECT_DEPS
        actors = coref.pair_actors(self.state, text, words, acts)
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
        reading = self._read(text)
        orgs = [m.entry.name for m in members if m.entry.kind in ("org", "metonym")]
        reading.name = reading.name or (orgs[-1] if orgs else None)
        head = self._token_at(tokens[last].start)
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
        defined = self.state.acronyms.get(text)
        if defined is not None:  # the article's own meaning of a short form beats the lexicon's
            actor = Actor(text, code=defined.code, sector=defined.sector,
                          sectors=list(defined.sectors))
            reading.name = defined.name
        weapons_only = all(m.entry.name in self.lex.weapons for m in members)
        if kind == "nominal" and actor.code is None and not weapons_only:
            self._fill_from_context(actor, tokens[first].norm in DETERMINERS)
        if actor.code or actor.sectors:
            mention = Mention(text, start, end, kind, name=reading.name, actors=[actor])
            self._keep(mention)
            self._note_acronym(end, last - first, actor, reading.name)
            if head is not None and head.tag_ in ("NNS", "NNPS"):
                self.state.last_plural = mention

    def _note_acronym(self, end: int, extra_tokens: int, actor: Actor, name: str | None) -> None:
        """A name of several words followed by "(ABC)" defines ABC for the rest of the article."""
        defined = DEFINED_ACRONYM.match(self.doc.text, end)
        if defined is not None and extra_tokens > 0:
            short = defined.group(1)
            self.state.acronyms[short] = Actor(short, code=actor.code, sector=actor.sector,
                                               sectors=list(actor.sectors), name=name)

    def _add_place_group(self, text: str, start: int, end: int, reading: Reading,
                         kinds: set[str], head: Any) -> None:
        """Countries and capitals: a capital that acts ("Beijing said") is its government."""
        if kinds <= NAMING_PLACES and self._names_a_thing(head):
            return
        actor = reading.actor(text)
        acts = head is not None and head.dep_ in coref.SUBJECT_DEPS
        if kinds & {"capital", "city"} and not acts:
            actor.sectors, actor.sector = [], None
        if kinds == {"city"} or (kinds == {"region"} and not acts):
            actor.sectors, actor.sector = [], None
        if actor.code:
            # "in Syria", "their Syria policy": a country named, not one that acts
            as_place = head is not None and (head.dep_ == "compound" or (
                head.dep_ == "pobj" and head.head.lower_ in LOCATIVES))
            self._keep(Mention(text, start, end, "metonym" if "capital" in kinds else "name",
                               name=reading.name, actors=[actor]), as_place)

    def _names_a_thing(self, head: Any) -> bool:
        """"the Minsk agreements", "the Geneva talks": the city is part of a name."""
        return head is not None and head.dep_ in ("compound", "nmod", "amod") \
            and is_place_named_thing(head.head)

    def _add_pronoun(self, sent: Any, offset: int, tokens: list[Token], matches: list[Match],
                     index: int) -> None:
        token = tokens[index]
        spacy_token = self._token_at(token.start)
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

    def _keep(self, mention: Mention, as_place: bool = False) -> None:
        self.mentions.append(mention)
        self.state.note_countries(mention, as_place)

    # ---- entities
    def entities(self) -> list[Entity]:
        out = []
        mentions = _MentionIndex(self.doc.mentions)
        for start, end, label in sorted(set(self.ents)):
            mention = mentions.at(start, end)
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
        reading = self._read(self.doc.text[start:end])
        if not reading.code:
            return None, None
        return Actor(self.doc.text[start:end], name=reading.name, code=reading.code), reading.name


class _ParseIndex:
    """A parse read once: spaCy builds a sentence's text from its tokens and walks the
    whole document's entity list again for every sentence that asks."""

    def __init__(self, parse: Any) -> None:
        self.doc = parse
        self.text: str = parse.text
        columns = parse.to_array([IDX, LENGTH])
        self.starts: list[int] = columns[:, 0].tolist()
        self.lengths: list[int] = columns[:, 1].tolist()
        self.ents = [(e.start, e.end, e.start_char, e.end_char, e.label_) for e in parse.ents]
        self.ent_starts = [ent[0] for ent in self.ents]

    def entities_in(self, sent: Any) -> list[tuple[int, int, str]]:
        """``(start_char, end_char, label)`` of ``sent.ents``, with its exact rule: from
        the first entity starting in the sentence up to the first one running past it."""
        found: list[tuple[int, int, str]] = []
        for k in range(bisect_left(self.ent_starts, sent.start), len(self.ents)):
            _, end, start_char, end_char, label = self.ents[k]
            if end > sent.end:
                break
            found.append((start_char, end_char, label))
        return found


class _MentionIndex:
    """``Document.mention_at`` over mentions sorted by start, without a full scan."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.starts = [m.start for m in mentions]
        self.longest = max((m.end - m.start for m in mentions), default=0)

    def at(self, start: int, end: int) -> Mention | None:
        """The longest mention overlapping ``[start, end)`` (the first of equals)."""
        lo = bisect_left(self.starts, start - self.longest)
        hits = [m for m in self.mentions[lo : bisect_left(self.starts, end)] if start < m.end]
        return max(hits, key=lambda m: m.end - m.start) if hits else None


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


def _dateline_country(doc: Document, files: tuple[tuple[str, ...], tuple[str, ...]]) -> str | None:
    """The dateline's country (the places stage fills it later; we need it now)."""
    if doc.dateline is None:
        return None
    if doc.dateline.country:
        return doc.dateline.country
    if doc.dateline.place:
        return reading_for(doc.dateline.place, None, *files).code
    return None


def _adjacent(text: str, tokens: list[Token], left_last: int, right_first: int) -> bool:
    """Nothing but spaces and joining words ("of the", "'s") between two tokens."""
    between = tokens[left_last + 1 : right_first]
    if len(between) > 2 or any(t.norm not in JOINERS for t in between):
        return False
    gap = text[tokens[left_last].end : tokens[right_first].start]
    return not GAP_PUNCTUATION.search(gap)


@stage("actors", requires=("segments", "dateline"), assigns=("entities", "mentions"))
def make_actors_stage(config: Config) -> ActorStage:
    """The actors stage: entities, actor mentions and in-document coreference."""
    return ActorStage(config)
