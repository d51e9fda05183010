"""Attribution cues found in the dependency parse: cue word, speaker span, content span.

A cue is a speech verb ("said", "told", "pointed out"), a cognition verb with a complement
clause ("believes that ..."), or a source preposition ("according to X"). The content of a
reported statement is the verb's complement clause (from "that" on) or, when the cue is
tucked after or inside the statement ("..., Wang said." / "X, he said, is ..."), the
clause around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..document import Document
from .lexicon import CueLexicon, cue_lexicon

SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
# verb forms that borrow the subject of the verb they hang from ("..., adding that ...")
BORROWING = frozenset({"advcl", "xcomp", "conj", "pcomp", "dep"})
EDGE_PUNCT = frozenset(",;:—–-")
TIME_ENTITIES = frozenset({"DATE", "TIME"})  # "said Thursday" names no speaker
MAX_CUE_DISTANCE = 100  # characters from a closing mark to its trailing cue verb
NOT_SUBJECTS = frozenset({"pobj", "compound", "poss", "dobj", "npadvmod"})
FINITE = frozenset({"VBD", "VBZ", "VBP"})  # tags of a verb that has a subject of its own
NAME_PARTS = frozenset({"compound", "flat", "amod", "det", "poss", "nmod", "nummod", "case"})


@dataclass(slots=True)
class Cue:
    """One attribution cue in the text (all offsets are into ``doc.text``)."""

    cue: str
    cue_start: int
    cue_end: int
    speaker_start: int | None
    speaker_end: int | None
    content_start: int | None
    content_end: int | None
    # where the speaker's name can be found when the subject is "who"/"which"
    antecedent: tuple[int, int] | None = None
    # a verb of saying (only these introduce direct quotations)
    speech: bool = True
    # a cue that can only introduce the quotation after it (a colon), never follow one
    introduces_only: bool = False

    @property
    def has_content(self) -> bool:
        return self.content_start is not None and self.content_end is not None


def _char_span(offset: int, tokens: list[Any]) -> tuple[int, int]:
    return offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text)


def _without_aside(tokens: list[Any]) -> list[Any]:
    """Cut a trailing aside set off by a comma: a participle clause (", putting them ...")
    or a non-restrictive relative (", which had been ..."), which is the reporter's, not
    the source's.
    """
    for index in range(1, len(tokens) - 1):
        comma, after = tokens[index], tokens[index + 1]
        if comma.text != "," or after.is_quote:
            continue
        if _aside_root(after) is not None:
            return tokens[:index]
    return tokens


def _aside_root(token: Any) -> Any | None:
    """The head of an aside starting at ``token``: a participle or "which"/"who" clause."""
    if token.tag_ == "VBG" and token.dep_ in ("advcl", "acl", "xcomp"):
        return token
    if token.lower_ in ("which", "who") and token.head.dep_ == "relcl":
        return token.head
    return None


def _trim(tokens: list[Any]) -> list[Any]:
    """Drop punctuation and spaces at either edge (keeping quotation marks)."""
    while tokens and (tokens[0].is_space or tokens[0].text in EDGE_PUNCT or tokens[0].text == "."):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_space or tokens[-1].text in EDGE_PUNCT or tokens[-1].text == "."):
        tokens = tokens[:-1]
    return tokens


def _subject_of(verb: Any) -> Any | None:
    """The verb's subject, or the subject of the verb it hangs from ("adding", "and said")."""
    node = verb
    for _ in range(3):
        subjects = [c for c in node.children if c.dep_ in SUBJECTS]
        if subjects:
            return subjects[0]
        if node.dep_ not in BORROWING or node.head is node:
            return None
        node = node.head
    return None


def mention_tokens(head: Any) -> list[Any]:
    """The speaker as written: the head noun with its name parts and modifiers before it."""
    left = [t for t in head.subtree if t.i < head.i]
    # keep the contiguous run of modifiers right before the head ("Foreign Minister Wang")
    keep: list[Any] = []
    for token in reversed(left):
        if token.is_punct or token.is_space or token.dep_ not in NAME_PARTS and token.head.i != head.i:
            break
        keep.insert(0, token)
    right = []
    for token in head.doc[head.i + 1 : head.right_edge.i + 1]:
        if token.dep_ not in ("flat", "compound") or token.head.i != head.i:
            break
        right.append(token)
    return keep + [head] + right


def _bare_cue(clause: Any, lexicon: CueLexicon) -> bool:
    """A complement that is only "Wang said": a misparse of "..., Wang said"."""
    words = [t for t in clause.subtree if not (t.is_punct or t.is_space)]
    return clause.lemma_ in lexicon.speech_verbs and len(words) <= 3


def _hangs_from_statement(verb: Any, lexicon: CueLexicon) -> bool:
    """A parenthetical or trailing cue ("X, he said, is ..." / "..., Wang said"), or an
    "as" clause naming the source ("As Politico reported, Trump would win")."""
    head = verb.head
    if head.i == verb.i or head.lemma_ in lexicon.speech_verbs:
        return False
    return (verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > head.i)
            or _as_source(verb))


def _as_source(verb: Any) -> bool:
    """ "As X reported/noted, ...": an "as" clause whose verb has no object of its own."""
    children = list(verb.children)
    return (verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children)
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep") for c in children))


def _content_tokens(verb: Any, lexicon: CueLexicon) -> list[Any]:
    """The reported statement of a cue verb, or [] when it has none."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp" and not _bare_cue(c, lexicon)]
    if clauses:
        return _trim(_without_aside(list(clauses[0].subtree)))
    if verb.lemma_ not in lexicon.speech_verbs:
        return _complement_tokens(verb, lexicon) if verb.lemma_ in lexicon.stance_verbs else []
    # "..., Wang said." / "X, he said, is ...": the cue hangs from the statement itself
    if _hangs_from_statement(verb, lexicon):
        own = {t.i for t in verb.subtree}
        return _trim([t for t in verb.head.subtree if t.i not in own])
    return _complement_tokens(verb, lexicon)


def _complement_tokens(verb: Any, lexicon: CueLexicon) -> list[Any]:
    """The objects and complements right of a verb ("called for X", "urged Y to Z")."""
    parts = [c for c in verb.rights if c.dep_ in lexicon.content_dependents
             and (c.dep_ != "prep" or c.lower_ in lexicon.content_prepositions)]
    if verb.lemma_ in lexicon.hearer_verbs and any(c.dep_ != "dobj" for c in parts):
        parts = [c for c in parts if c.dep_ not in ("dobj", "dative")]  # the hearer
    elif verb.lemma_ in lexicon.hearer_verbs:
        return []  # "told reporters": only the hearer, no content
    if not parts:
        return []
    return _trim(_without_aside(list(verb.doc[parts[0].left_edge.i : parts[-1].right_edge.i + 1])))


def _cue_text(verb: Any, lexicon: CueLexicon) -> tuple[str, list[Any]]:
    particles = lexicon.particle_verbs.get(verb.lemma_, frozenset())
    parts = [c for c in verb.children if c.dep_ == "prt" and c.lower_ in particles]
    tokens = [verb] + parts[:1]
    return " ".join(t.text for t in tokens), tokens


def _is_cue_verb(token: Any, lexicon: CueLexicon) -> bool:
    if token.pos_ not in ("VERB", "AUX") or not lexicon.is_cue_lemma(token.lemma_.lower()):
        return False
    if token.lemma_ in lexicon.particle_verbs and token.lemma_ not in lexicon.speech_verbs:
        return any(c.dep_ == "prt" for c in token.children)
    return True


def _quoted(offset: int, token: Any, quoted: list[tuple[int, int]]) -> bool:
    at = offset + token.idx
    return any(s < at < e for s, e in quoted)


def _outside_subject(offset: int, verb: Any, quoted: list[tuple[int, int]]) -> Any | None:
    """A speaker for a cue whose parsed subject lies inside the quotation (a misparse).

    Takes the name right after the verb ('said Mulgrew') or else the first noun between
    the closing mark and the verb ('," Flynn, a top Trump surrogate, said').
    """
    after = [t for t in verb.doc[verb.i + 1:verb.i + 3]
             if t.pos_ in ("PROPN", "PRON") and t.ent_type_ not in TIME_ENTITIES]
    if after and not _quoted(offset, after[0], quoted):
        return after[0]
    before = []
    for token in reversed(verb.doc[max(0, verb.i - 12):verb.i]):
        if _quoted(offset, token, quoted) or token.is_quote:
            break
        before.insert(0, token)
    nouns = [t for t in before if t.pos_ in ("PROPN", "NOUN", "PRON")]
    if not nouns:
        return None
    head = nouns[0]
    while head.head.i < verb.i and head.dep_ in ("compound", "flat") and head.head in before:
        head = head.head
    return head


def _nominal(token: Any) -> bool:
    """A noun, a pronoun, or an adjective standing for a person ("the 46-year-old")."""
    if token.pos_ in ("PROPN", "NOUN", "PRON"):
        return True
    return token.pos_ == "ADJ" and any(c.dep_ == "det" for c in token.children)


def _stranded_subject(offset: int, verb: Any, quoted: list[tuple[int, int]]) -> Any | None:
    """The speaker of a finite speech verb the parser left without a subject.

    The small model often hangs "Romney, the nominee, tweeted: ..." or "a man yelled ..."
    as a clause modifying the noun (the noun is the speaker), or attaches the real subject
    elsewhere; then the nearest noun before the verb outside quotation marks is taken.
    """
    head = verb.head
    if verb.dep_ == "acl" and head.i < verb.i and head.pos_ in ("PROPN", "NOUN", "PRON"):
        return head
    return _nearest_noun(offset, verb, quoted) if _by_quotation(offset, verb, quoted) else None


def _nearest_noun(offset: int, verb: Any, quoted: list[tuple[int, int]]) -> Any | None:
    """The closest head noun before the verb in its sentence, not inside a quotation nor
    the object of a preposition ("a man in the crowd yelled": "man")."""
    for token in reversed(verb.doc[max(verb.sent.start, verb.i - 12):verb.i]):
        if token.is_quote or _quoted(offset, token, quoted):
            return None
        if token.pos_ in ("PROPN", "NOUN", "PRON") and token.dep_ not in NOT_SUBJECTS:
            return token
    return None


def _by_quotation(offset: int, verb: Any, quoted: list[tuple[int, int]]) -> bool:
    """A verb right after a quotation's close (within its sentence) or right before its opening."""
    at = offset + verb.idx
    end = at + len(verb.text)
    sentence_start = offset + verb.sent.start_char
    return any(sentence_start <= e <= at and at - e <= MAX_CUE_DISTANCE or 0 <= s - end <= 3
               for s, e in quoted)


def span_of(offset: int, tokens: list[Any]) -> tuple[int, int]:
    """Character offsets in ``doc.text`` of a run of tokens."""
    return _char_span(offset, tokens)


def subject_of_clause(verb: Any) -> Any | None:
    """The nominal subject of any verb (the noun a misparsed clause hangs from)."""
    subject = _subject_of(verb)
    if subject is None and verb.dep_ == "acl" and verb.head.i < verb.i:
        subject = verb.head
    return subject if subject is not None and _nominal(subject) else None


def _verb_cue(offset: int, verb: Any, lexicon: CueLexicon,
              quoted: list[tuple[int, int]]) -> Cue | None:
    subject = _subject_of(verb)
    if subject is not None and _quoted(offset, subject, quoted) and not _quoted(offset, verb, quoted):
        subject = _outside_subject(offset, verb, quoted)
    elif subject is None and verb.tag_ in FINITE and verb.lemma_ in lexicon.speech_verbs:
        subject = _stranded_subject(offset, verb, quoted)
    if subject is None or not _nominal(subject):
        return None
    quote_only = verb.lemma_ in lexicon.quote_only_verbs
    content = [] if quote_only else _content_tokens(verb, lexicon)
    if verb.lemma_ not in lexicon.speech_verbs and not content:
        return None
    text, cue_tokens = _cue_text(verb, lexicon)
    speaker = mention_tokens(subject)
    s_start, s_end = _char_span(offset, speaker)
    antecedent = None
    if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        antecedent = _char_span(offset, mention_tokens(verb.head))
    c_start, c_end = _char_span(offset, content) if content else (None, None)
    return Cue(text, offset + cue_tokens[0].idx, offset + verb.idx + len(verb.text),
               s_start, s_end, c_start, c_end, antecedent, verb.lemma_ in lexicon.speech_verbs)


def _source_cue(offset: int, token: Any, lexicon: CueLexicon) -> Cue | None:
    """ "according to X, ...": X is the speaker, the clause around it the content."""
    followers = lexicon.source_prepositions.get(token.lower_)
    if not followers:
        return None
    preps = [c for c in token.children if c.lower_ in followers] or (
        [token.nbor()] if token.i + 1 < len(token.doc) and token.nbor().lower_ in followers else [])
    objects = [c for p in preps for c in p.children if c.dep_ == "pobj"]
    if not objects or token.head is token:
        return None
    own = {t.i for t in token.subtree} | {t.i for p in preps for t in p.subtree}
    content = _trim([t for t in token.head.subtree if t.i not in own])
    if not content:
        return None
    speaker = mention_tokens(objects[0])
    s_start, s_end = _char_span(offset, speaker)
    c_start, c_end = _char_span(offset, content)
    return Cue(f"{token.text} {preps[0].text}", offset + token.idx,
               offset + preps[0].idx + len(preps[0].text), s_start, s_end, c_start, c_end)


def find_cues(doc: Document, quoted: list[tuple[int, int]] | None = None) -> list[Cue]:
    """Every attribution cue in the parsed document, in text order.

    ``quoted`` are the quotation spans, so that a speaker is never taken from inside one.
    """
    quoted = quoted or []
    lexicon = cue_lexicon()
    cues = []
    for offset, sent in doc.sentences():
        for token in sent:
            if token.lower_ in lexicon.source_prepositions:
                cue = _source_cue(offset, token, lexicon)
            elif _is_cue_verb(token, lexicon):
                cue = _verb_cue(offset, token, lexicon, quoted)
            else:
                continue
            if cue is not None:
                cues.append(cue)
    return cues
