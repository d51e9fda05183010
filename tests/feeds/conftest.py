"""Feed test fixtures: a local HTTP server, fast fetch settings and a fake coder (no spaCy)."""

from __future__ import annotations

from datetime import datetime

import pytest

from communique.document import Actor, Document, Event, Evidence
from communique.feeds.http import Fetcher, FetchSettings, HostThrottle

from .server import LocalServer


@pytest.fixture
def site():
    with LocalServer() as served:
        yield served


@pytest.fixture
def settings() -> FetchSettings:
    return FetchSettings.default(per_host_interval_seconds=0, read_timeout_seconds=0.5,
                                 total_timeout_seconds=3, max_page_bytes=200_000,
                                 max_feed_bytes=200_000)


@pytest.fixture
def fetcher(settings):
    made = Fetcher(settings, throttle=HostThrottle(0))
    yield made
    made.close()


class FakeCoder:
    """Codes every document into one CONSULT event and remembers which ids it coded."""

    def __init__(self) -> None:
        self.coded: list[str] = []

    def __call__(self, docs: list[Document]) -> list[Document]:
        for doc in docs:
            self.coded.append(doc.id)
            who = Actor(text="Wang Yi", name="Wang Yi", code="CHN", sector="GOV")
            doc.events = [Event(event_type="CONSULT", cameo="040", goldstein=1.0,
                                plover_score=2.5, quad=1, actor=[who], recipient=[],
                                date=doc.published, date_precision="day",
                                evidence=Evidence(text=doc.text[:20], start=0,
                                                  end=min(20, len(doc.text)), trigger="met"),
                                id=f"{doc.id}-ev0")]
        return docs


@pytest.fixture
def coder() -> FakeCoder:
    return FakeCoder()


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 12, 0, 0)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "news.duckdb"
