"""RSS and Atom feeds to items, with feedparser.

feedparser is given the bytes already fetched (wrapped in a file object: given a string or
bytes it would treat them as a URL or a file name to open), so it never fetches anything.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import feedparser

from ..errors import FeedError, FetchError
from .http import check_url

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedItem:
    """One entry: ``key`` is its guid (else its link); ``fingerprint`` changes when the feed
    says the entry changed (its updated or published stamp, or its title)."""

    key: str
    url: str
    title: str | None
    published: str | None
    fingerprint: str


@dataclass(frozen=True)
class Feed:
    title: str | None
    items: list[FeedItem]


def parse_feed(body: bytes, url: str) -> Feed:
    """The feed's title and its items that link to an http(s) page.

    Raises FeedError when the body is not a feed (no entries and a parse error)."""
    parsed = feedparser.parse(io.BytesIO(body))
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        reason = parsed.get("bozo_exception")
        raise FeedError(f"{url}: not an RSS or Atom feed ({_reason(reason)})")
    if parsed.get("bozo"):
        log.warning("%s: the feed is not well-formed (%s); read leniently", url,
                    _reason(parsed.get("bozo_exception")))
    items = [item for item in (_item(entry) for entry in entries) if item is not None]
    title = (parsed.get("feed") or {}).get("title")
    return Feed(title=str(title).strip() or None if title else None, items=items)


def _reason(exc: Any) -> str:
    text = str(exc).splitlines()[0] if exc else "unknown error"
    return text[:200]


def _item(entry: Any) -> FeedItem | None:
    link = str(entry.get("link") or "").strip()
    try:
        check_url(link)
    except FetchError:
        return None  # no usable link: nothing to fetch
    key = str(entry.get("id") or entry.get("guid") or link).strip()[:2000]
    title = entry.get("title")
    # dict.get: feedparser's own get maps a missing "updated" to "published" with a warning
    stamp = dict.get(entry, "updated") or dict.get(entry, "published") or ""
    fingerprint = hashlib.sha256(f"{stamp}\x1f{title or ''}".encode("utf-8", "replace"))
    return FeedItem(key=key, url=link, title=str(title).strip() if title else None,
                    published=_published(entry), fingerprint=fingerprint.hexdigest()[:32])


def _published(entry: Any) -> str | None:
    """The entry's publication date (UTC), ISO ``YYYY-MM-DD``; its update date if no other."""
    stamp = dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(calendar.timegm(stamp), UTC).date().isoformat()
    except (OverflowError, ValueError, TypeError):
        return None
