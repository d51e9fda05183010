"""Property tests of the store against a model: idempotence by id and by text, round trips."""

from __future__ import annotations

import tempfile
from pathlib import Path

from fakes import make_doc, make_event
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communique.store import open_store

EVENT = st.builds(
    make_event,
    st.sampled_from(["CONSULT", "ACCUSE", "SUPPORT", "ASSAULT"]),
    st.sampled_from(["CHN", "RUS", "USA", "UKR"]),
    st.sampled_from(["CHN", "RUS", None]),
    date=st.sampled_from(["2023-09-18", "2023-03", None]),
)
# Texts from a small pool so that copies under other ids occur often; any Unicode inside
TEXT = st.sampled_from(["Wang Yi met Lavrov.", "Kyiv — «Zelensky» said.", "北京 said.", "x\u200by"])
DOC = st.tuples(st.sampled_from("abcdefg"), TEXT, st.lists(EVENT, max_size=3))


def _expected(docs: list[tuple[str, str, list]]) -> tuple[int, int, set[str]]:
    """What the store should hold: an article is new unless its id or its text is known."""
    ids: set[str] = set()
    texts: set[str] = set()
    articles = events = 0
    for doc_id, text, doc_events in docs:
        if doc_id in ids:
            continue
        ids.add(doc_id)
        if text in texts:
            continue  # a copy: recorded under its id, adds no rows
        texts.add(text)
        articles += 1
        events += len(doc_events)
    return articles, events, ids


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(DOC, max_size=8), st.integers(1, 4))
def test_store_matches_the_model_in_any_batching(docs, batch_size) -> None:
    articles, events, ids = _expected(docs)
    built = [make_doc(doc_id, *doc_events, text=text) for doc_id, text, doc_events in docs]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "p.duckdb"
        with open_store(path) as store:
            for start in range(0, len(built), batch_size):
                store.add_many(built[start:start + batch_size])
            assert store.add_many(built) == 0  # everything again: nothing new
        with open_store(path, read_only=True) as store:
            assert store.stats()["articles"] == articles
            assert store.count_events() == events
            assert all(store.contains(doc_id) for doc_id in ids)
            for row in store.events(limit=500):
                assert row["event_type"] in {"CONSULT", "ACCUSE", "SUPPORT", "ASSAULT"}
