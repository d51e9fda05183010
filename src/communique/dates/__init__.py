"""Event dates: ``resolve_date`` for one expression, the ``dates`` stage for documents."""

from __future__ import annotations

from .resolve import resolve_date

__all__ = ["resolve_date"]
