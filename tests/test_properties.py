"""Property tests: hostile text and JSON Lines through ingest and the whole pipeline.

Whatever the input, each article gives exactly one well-formed document, and every span
(entities, quotes, speakers, places, event evidence, dateline) lies inside ``text`` and
matches it.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.document import Document
from communique.ingest.readers import read_bytes

HOSTILE = [
    "\x00",
    "\x07",
    "\x1b",
    "\u202e",
    "\u202a",
    "\u2066",
    "\u200b",
    "\u200d",
    "\ufeff",
    "\u2028",
    "\r",
    "\r\n",
    "\n\n",
    "\t",
    "\u00a0",
    "\ud7ff",
    "\U0001f600",
    "é",
    "ß",
    "\u0301",
]
WIRE = [
    "MOSCOW, Sept. 18 (Xinhua) -- ",
    "(Xinhua/Cao Yang)",
    "By John Smith\n\n",
    "(AFP) - ",
    "Xinhua) 13:22, September 19, 2023\n\n",
    "Wang Yi met Sergei Lavrov on Monday. ",
    '"We will fight," he said. ',
    "Police arrested 12 protesters in Lima. ",
    "in March, ",
    "On 8 June 2022, in Villa Yapacani (Santa Cruz), ",
    "China and Russia ",
    "condemned ",
    "the attack ",
    "said ",
    "yesterday",
    "Kyiv, Ukraine \u2014 ",
    "REUTERS/Maxim Shemetov",
]
FRAGMENT = st.one_of(st.sampled_from(HOSTILE), st.sampled_from(WIRE), st.text(max_size=12))
ARTICLE = st.lists(FRAGMENT, max_size=25).map("".join)
RECORD = st.fixed_dictionaries(
    {"id": st.one_of(st.text(max_size=8), st.integers()), "text": ARTICLE},
    optional={
        "date": st.sampled_from(["2023-09-19", "2023-09-19T13:22:00Z", "bad", "", "2023-02-30"]),
        "title": st.text(max_size=10),
        "source": st.sampled_from(["Xinhua", None]),
        "extra": st.integers(),
    },
)
JUNK_LINE = st.text(max_size=30).filter(lambda s: "\n" not in s and "\r" not in s)
LINE = st.one_of(
    RECORD.map(lambda r: json.dumps(r, ensure_ascii=False)), RECORD.map(json.dumps), JUNK_LINE
)
PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_well_formed(doc: Document) -> None:
    """One document's JSON shape and span offsets are sound."""
    out = json.loads(json.dumps(doc.to_dict()))
    assert out["id"] and out["schema_version"]
    if doc.error is not None:
        assert doc.error.code and doc.error.message and out["events"] == []
        return
    text = doc.text
    spans: list[Any] = [*doc.entities, *doc.quotes, *doc.places]
    spans += [q.speaker for q in doc.quotes if q.speaker is not None]
    spans += [e.evidence for e in doc.events]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start : span.end] == span.text
    if doc.dateline is not None:
        assert 0 <= doc.dateline.start <= doc.dateline.end <= len(text)
    for start, end, _ in doc.excluded:
        assert 0 <= start <= end <= len(text)


@PROPERTY
@given(ARTICLE, st.sampled_from([".txt", ".html"]))
def test_any_text_file_gives_one_document(text: str, suffix: str) -> None:
    docs = list(read_bytes(text.encode("utf-8", "surrogatepass"), name=f"a{suffix}", suffix=suffix))
    assert len(docs) == 1
    assert_well_formed(docs[0])


@PROPERTY
@given(st.binary(max_size=300))
def test_any_bytes_give_one_document(data: bytes) -> None:
    docs = list(read_bytes(data, name="b.txt", suffix=".txt"))
    assert len(docs) == 1
    assert_well_formed(docs[0])


@PROPERTY
@given(st.lists(LINE, max_size=6))
def test_any_jsonl_gives_one_document_per_line(lines: list[str]) -> None:
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    docs = list(read_bytes(data, name="c.jsonl", suffix=".jsonl"))
    expected = sum(1 for line in lines if _blank_free(line)) or 1
    assert len(docs) == expected
    for doc in docs:
        assert_well_formed(doc)
    records = [json.loads(line) for line in lines if _blank_free(line) and _is_record(line)]
    texts = [d.text for d in docs if d.error is None]
    assert texts == [r["text"] for r in records if r["text"].strip()]


def _blank_free(line: str) -> bool:
    """Not blank in the reader's sense: ASCII whitespace only counts as blank."""
    return bool(line.encode("utf-8", "surrogatepass").strip())


def _is_record(line: str) -> bool:
    try:
        value = json.loads(line)
    except ValueError:
        return False
    return isinstance(value, dict) and isinstance(value.get("text"), str)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(ARTICLE.map(lambda t: ("txt", t)), LINE.map(lambda line: ("jsonl", line))),
        min_size=1,
        max_size=4,
    )
)
def test_full_pipeline_keeps_one_well_formed_document_per_input(pipeline, inputs) -> None:
    docs = []
    for kind, payload in inputs:
        data = payload.encode("utf-8", "surrogatepass")
        docs.extend(read_bytes(data, name=f"x.{kind}", suffix=f".{kind}"))
    ids = [id(d) for d in docs]
    coded = list(pipeline.pipe(docs))
    assert [id(d) for d in coded] == ids
    for doc in coded:
        assert_well_formed(doc)
