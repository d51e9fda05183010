"""The embedded event store (DuckDB), its queries, exports and cross-article de-duplication."""

from .db import DEFAULT_PATH, Store, open_store

__all__ = ["DEFAULT_PATH", "Store", "open_store"]
