"""``communique.to_frame``: events, actors and quotes as pandas or Arrow tables."""

from __future__ import annotations

import pytest

import communique
from communique.errors import UsageError
from communique.frames import ACTOR_COLUMNS, EVENT_COLUMNS, QUOTE_COLUMNS
from communique.store import open_store

from .store.fakes import make_doc, make_event


@pytest.fixture
def docs():
    return [make_doc("a", make_event(), make_event("SUPPORT", "RUS", "CHN", cameo="051")),
            make_doc("b", make_event(date="2023-09-19"), text="Another article.")]


def test_documents_to_arrow_and_pandas(docs):
    events = communique.to_frame(docs, "events", backend="arrow")
    assert events.column_names == list(EVENT_COLUMNS) and events.num_rows == 3
    assert events.column("actor").to_pylist()[:2] == ["CHNGOV", "RUSGOV"]
    pandas = pytest.importorskip("pandas")  # the optional extra communique[pandas]
    frame = communique.to_frame(docs)
    assert isinstance(frame, pandas.DataFrame) and len(frame) == 3
    assert list(communique.to_frame(docs, "actors").columns) == list(ACTOR_COLUMNS)
    quotes = communique.to_frame([d.to_dict() for d in docs], "quotes", backend="arrow")
    assert quotes.column_names == list(QUOTE_COLUMNS) and quotes.num_rows == 2


def test_store_gives_the_same_columns(docs, tmp_path):
    with open_store(tmp_path / "s.duckdb") as store:
        store.add_many(docs)
    with open_store(tmp_path / "s.duckdb", read_only=True) as store:
        events = communique.to_frame(store, "events", backend="arrow")
        actors = communique.to_frame(store, "actors", backend="arrow")
    assert events.column_names == list(EVENT_COLUMNS) and events.num_rows == 3
    assert all(events.column("story_id").to_pylist())
    assert actors.num_rows == 6


def test_empty_input_and_bad_arguments():
    assert communique.to_frame([], "quotes", backend="arrow").num_rows == 0
    with pytest.raises(UsageError, match="table must be"):
        communique.to_frame([], "places")
    with pytest.raises(UsageError, match="backend"):
        communique.to_frame([], backend="polars")
