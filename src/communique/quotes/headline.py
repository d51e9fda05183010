"""Attributions in a headline: `Graham: Trump's Rhetoric Destroying GOP's Chance` and
`Hollande Says Trump 'Makes You Want To Retch'`.

Headlines drop the verb of saying or write it in the present tense before a title-case
clause the parser reads poorly, so they are matched on the text. A headline is the first
paragraph when it repeats the article's title.
"""

from __future__ import annotations

import re

from ..document import Document
from .detect import Cue
from .lexicon import CueLexicon, cue_lexicon
from .marks import paragraphs

KICKER = re.compile(r"(?P<speaker>\S[^:\n]{1,59}?):[ \t\xa0]+(?P<content>\S.*)")
# a headline's closing full stop belongs to the headline, not to the statement
CLOSING_STOP = "."
MAX_SPEAKER_WORDS = 6


def headline_cue(doc: Document) -> Cue | None:
    """The attribution a headline makes, or None when the first paragraph is no headline."""
    paras = paragraphs(doc.text)
    if not paras or not doc.title or not doc.title.strip():
        return None
    start, end = paras[0]
    line = doc.text[start:end]
    if not line.startswith(doc.title.strip()[:40]):
        return None
    lexicon = cue_lexicon()
    return _kicker_cue(line, start, lexicon) or _says_cue(line, start, lexicon)


def _content_end(line: str) -> int:
    stripped = line.rstrip(" \t\xa0")
    return len(stripped) - 1 if stripped.endswith(CLOSING_STOP) else len(stripped)


def _names_a_source(phrase: str, lexicon: CueLexicon) -> bool:
    """A short capitalised phrase that is not a section label ("The Latest", "Watch")."""
    words = phrase.split()
    return (0 < len(words) <= MAX_SPEAKER_WORDS and phrase[:1].isupper()
            and not any(c.isdigit() for c in phrase)
            and phrase.lower() not in lexicon.headline_labels)


def _kicker_cue(line: str, offset: int, lexicon: CueLexicon) -> Cue | None:
    """`Speaker: what they said`."""
    match = KICKER.fullmatch(line)
    if match is None or not _names_a_source(match.group("speaker"), lexicon):
        return None
    s_start, s_end = offset + match.start("speaker"), offset + match.end("speaker")
    return Cue(":", s_end, s_end + 1, s_start, s_end,
               offset + match.start("content"), offset + _content_end(line), speech=False)


def _says_cue(line: str, offset: int, lexicon: CueLexicon) -> Cue | None:
    """`Speaker Says what they said` (a present-tense cue verb in a title-case line)."""
    words = list(re.finditer(r"\S+", line))
    for index, word in enumerate(words[1:MAX_SPEAKER_WORDS + 1], start=1):
        if _present_cue(word.group(), lexicon) and index + 1 < len(words):
            speaker = line[:words[index - 1].end()]
            if not _names_a_source(speaker, lexicon):
                return None
            c_start = words[index + 1].start()
            return Cue(word.group(), offset + word.start(), offset + word.end(), offset,
                       offset + len(speaker), offset + c_start, offset + _content_end(line),
                       speech=False)
    return None


def _present_cue(word: str, lexicon: CueLexicon) -> bool:
    """A capitalised third-person present cue verb ("Says", "Urges", "Denies")."""
    if not word[:1].isupper() or not word.endswith("s"):
        return False
    lower = word.lower()
    stems = {lower[:-1], lower[:-2], lower[:-3] + "y"}
    return any(stem in lexicon.speech_verbs or stem in lexicon.stance_verbs for stem in stems)
