"""The shared news corpora (Reuters-21578 and the Guardian sample) as communique input.

Reuters records carry ``newid``/``dateline``/``body``; communique reads JSON Lines with
``id``/``text``, so the dateline is put back in front of the body (where the structure
stage recognises it) and articles without a body fall back to their title.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from communique import make_document
from communique.document import Document


def reuters_records(shared: Path) -> Iterator[dict]:
    """Every Reuters-21578 story as ``{"id", "text", "title", "date"}``, lazily."""
    with (shared / "data" / "news" / "reuters21578.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            body = (rec.get("body") or "").strip()
            text = f"{rec.get('dateline') or ''} {body}".strip() if body else (rec.get("title") or "")
            if text.strip():
                yield {"id": f"reuters-{rec['newid']}", "text": text, "title": rec.get("title"),
                       "date": rec.get("date")}


def guardian_records(shared: Path) -> Iterator[dict]:
    """The Guardian world-news sample as ``{"id", "text", "title", "date"}``."""
    with (shared / "data" / "news" / "guardian_world_sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            rec = json.loads(line)
            yield {"id": rec["id"], "text": rec["text"], "title": rec.get("title"),
                   "date": rec.get("date")}


def sample_articles(shared: Path, count: int) -> list[dict]:
    """A fixed sample: the first ``count // 2`` Reuters stories with a body, then Guardian."""
    reuters = [r for r in reuters_records(shared) if r["text"] != r["title"]]
    sample = reuters[: count // 2]
    sample.extend(islice(guardian_records(shared), count - len(sample)))
    return sample


def documents(articles: list[dict]) -> list[Document]:
    """Fresh Documents for the articles (each run needs its own: stages fill them in)."""
    return [make_document(a["text"], id=a["id"], title=a.get("title"),
                          published=(a.get("date") or "")[:10] or None) for a in articles]


def word_count(articles: list[dict]) -> int:
    return sum(len(a["text"].split()) for a in articles)
