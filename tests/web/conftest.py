"""Web test fixtures: an app over an in-memory store (fast), and helpers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from communique.web.app import create_app

from .fixtures import MemoryStore, sample_documents


@pytest.fixture(scope="session")
def documents():
    return sample_documents()


@pytest.fixture()
def memory_app(documents):
    return create_app("memory", opener=lambda path: MemoryStore(documents))


@pytest.fixture()
def client(memory_app):
    with TestClient(memory_app, base_url="http://127.0.0.1") as c:
        yield c


@pytest.fixture(scope="session")
def store_client(tmp_path_factory, documents):
    """The app over a real DuckDB store holding ``documents``."""
    from communique.store.db import open_store

    path = tmp_path_factory.mktemp("web-store") / "api.duckdb"
    with open_store(path) as store:
        for doc in documents:
            store.add(doc)
    with TestClient(create_app(path), base_url="http://127.0.0.1") as c:
        yield c
