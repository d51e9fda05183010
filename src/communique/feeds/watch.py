"""One watch cycle: fetch each feed, fetch its new or changed items' pages, code them, store.

For each feed (conditional GET: a 304 costs nothing more), each entry is looked up in the
store's ``feed_items`` by guid and by URL. A new entry's page is fetched, its article text
extracted (the HTML reader ``communique code`` uses), dated by the entry's publication date,
coded and stored; an entry seen before is skipped unless the feed says it changed (its
updated stamp or title), in which case its page is fetched again (conditionally) and, if
its text changed, stored as a new version that supersedes the old one. A text already in
the store (from another feed, or stored just before a crash) is recorded without coding.
Articles and the items' state are written in one transaction, so a crash loses at most
the batch being coded. A feed that fails waits (1, 2, 4 ... minutes) and is reported;
the other feeds go on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from ..config import Config
from ..document import Document, stable_id
from ..errors import FetchError, InputError
from ..ingest.readers import read_bytes
from ..store.rows import text_hash
from . import state
from .http import Fetcher, FetchSettings, Response
from .parse import FeedItem, parse_feed
from .state import FeedRecord, ItemRecord

log = logging.getLogger(__name__)

Coder = Callable[[list[Document]], list[Document]]


@dataclass
class FeedReport:
    """What one cycle did with one feed (``status``: ok, not_modified, failed, waiting)."""

    url: str
    status: str
    items: int = 0
    new: int = 0
    versions: int = 0
    copies: int = 0
    events: int = 0
    failed_items: list[str] = field(default_factory=list)
    error: str | None = None
    retry_at: datetime | None = None


@dataclass
class _Page:
    """An entry whose page was fetched: a document to code, or only a new state to keep."""

    record: ItemRecord
    doc: Document | None = None
    supersedes: str | None = None


def utc_now() -> datetime:
    """Naive UTC, as the store's TIMESTAMP columns hold it."""
    return datetime.now(UTC).replace(tzinfo=None)


def pipeline_coder(config: Config | None = None) -> Coder:
    """Codes with the NLP pipeline, loaded on first use (a cycle with nothing new skips it)."""
    loaded: list[Any] = []

    def code(docs: list[Document]) -> list[Document]:
        if not loaded:
            from ..api import load

            loaded.append(load(config))
        return list(loaded[0].pipe(docs))

    return code


class Watcher:
    """Runs watch cycles over ``feeds`` into ``store`` (a writer Store)."""

    def __init__(self, store: Any, feeds: list[str], *, fetcher: Fetcher | None = None,
                 code: Coder | None = None, now: Callable[[], datetime] = utc_now,
                 batch_size: int = 16) -> None:
        self.store = store
        self.feeds = feeds
        self.fetcher = fetcher or Fetcher()
        self.settings: FetchSettings = self.fetcher.settings
        self.code = code or pipeline_coder()
        self.now = now
        self.batch_size = batch_size

    def run_cycle(self) -> list[FeedReport]:
        """One pass over every feed; a failing feed never stops the others."""
        return [self.run_feed(url) for url in self.feeds]

    def run_feed(self, url: str) -> FeedReport:
        with self.store.connection() as con:
            record = state.load_feed(con, url)
        now = self.now()
        if record.next_try is not None and now < record.next_try:
            return FeedReport(url, "waiting", error=record.last_error, retry_at=record.next_try)
        try:
            response = self.fetcher.get(url, max_bytes=self.settings.max_feed_bytes,
                                        etag=record.etag, last_modified=record.last_modified)
            feed = parse_feed(response.body, url) if response.status != 304 else None
        except FetchError as exc:
            return self._feed_failed(record, exc, now)
        report = FeedReport(url, "ok" if feed else "not_modified",
                            items=len(feed.items) if feed else 0)
        title = feed.title if feed and feed.title else record.title
        for chunk in _chunks(self._candidates(url, feed.items if feed else []), self.batch_size):
            self._store_batch(url, title, chunk, report)
        done = replace(record, title=title, etag=response.etag, checked_at=now, ok_at=now,
                       last_modified=response.last_modified, failures=0, next_try=None,
                       last_error=None)
        self.store.add_many([], also=lambda con: state.save(con, feed=done))
        return report

    def _feed_failed(self, record: FeedRecord, exc: FetchError, now: datetime) -> FeedReport:
        failures = record.failures + 1
        wait = min(self.settings.backoff_base_seconds * 2 ** (failures - 1),
                   self.settings.backoff_max_seconds)
        failed = replace(record, checked_at=now, failures=failures,
                         next_try=now + timedelta(seconds=wait), last_error=exc.message)
        self.store.add_many([], also=lambda con: state.save(con, feed=failed))
        log.warning("feed %s failed (%s); next try in %d s", record.url, exc.message, wait)
        return FeedReport(record.url, "failed", error=exc.message, retry_at=failed.next_try)

    # which entries need their page ------------------------------------------------------

    def _candidates(self, feed_url: str,
                    items: list[FeedItem]) -> list[tuple[FeedItem, ItemRecord | None]]:
        """New entries, entries the feed says changed, and earlier failures to retry."""
        with self.store.connection() as con:
            by_key, by_url = state.load_items(con, [i.key for i in items], [i.url for i in items])
            retries = state.failed_items(con, feed_url)
        work: list[tuple[FeedItem, ItemRecord | None]] = []
        seen: set[str] = set()
        for item in items:
            if item.key in seen or item.url in seen:
                continue
            seen.update((item.key, item.url))
            known = by_key.get(item.key)
            if known is None and item.url in by_url:
                continue  # the same page under another guid (or in another feed): seen
            if known is None or known.status == "failed" or (
                    known.status == "stored" and known.fingerprint != item.fingerprint):
                work.append((item, known))
        for record in retries:
            if record.key not in seen and record.url not in seen:
                work.append((FeedItem(record.key, record.url or "", record.title,
                                      record.published, record.fingerprint or ""), record))
        return work

    # fetching, coding and storing a batch ------------------------------------------------

    def _store_batch(self, feed_url: str, feed_title: str | None,
                     chunk: list[tuple[FeedItem, ItemRecord | None]], report: FeedReport) -> None:
        pages = [self._page(feed_url, feed_title, item, known) for item, known in chunk]
        self._drop_stored_texts(pages)
        coded = iter(self.code([p.doc for p in pages if p.doc is not None]))
        records, docs, superseded = [], [], []
        for page in pages:
            if page.doc is not None:
                page.doc = next(coded)
                if page.doc.error is not None:
                    page.record = self._failure(page.record, page.doc.error.message)
                    page.doc = None
            records.append(page.record)
            if page.doc is not None:
                docs.append(page.doc)
                if page.supersedes:
                    superseded.append((page.supersedes, page.doc.id))
        self.store.add_many(docs, also=lambda con: state.save(
            con, items=records, superseded=superseded))
        self._count(pages, report)

    def _page(self, feed_url: str, feed_title: str | None, item: FeedItem,
              known: ItemRecord | None) -> _Page:
        now = self.now()
        base = known or ItemRecord(item.key, feed_url, item.url, item.title, item.published,
                                   "failed", first_seen=now)
        base = base.but(title=item.title or base.title,
                        published=item.published or base.published, updated_at=now)
        current = known is not None and known.status == "stored"
        try:
            response = self.fetcher.get(
                item.url, max_bytes=self.settings.max_page_bytes,
                etag=known.etag if current else None,
                last_modified=known.last_modified if current else None)
            if response.status == 304:
                return _Page(base.but(fingerprint=item.fingerprint))
            doc = page_document(response, item, feed_url, feed_title)
        except (FetchError, InputError) as exc:
            return _Page(self._failure(base, exc.message, stored=current,
                                       fingerprint=item.fingerprint))
        digest = text_hash(doc.text)
        unchanged = base.but(fingerprint=item.fingerprint, etag=response.etag,
                             last_modified=response.last_modified)
        if current and known.text_hash == digest:
            return _Page(unchanged)
        version = known.version + 1 if current else 1
        doc.id = article_id(item.url, version)
        record = unchanged.but(status="stored", article_id=doc.id, version=version,
                               text_hash=digest, attempts=0, last_error=None)
        return _Page(record, doc, known.article_id if current else None)

    def _failure(self, record: ItemRecord, message: str, *, stored: bool = False,
                 fingerprint: str | None = None) -> ItemRecord:
        """A failed page: tried again next cycle, given up after max_item_attempts. An item
        already stored keeps its stored version (and stops re-checking once given up)."""
        attempts = record.attempts + 1
        given_up = attempts >= self.settings.max_item_attempts
        if stored:
            return record.but(attempts=0 if given_up else attempts, last_error=message,
                              fingerprint=fingerprint if given_up else record.fingerprint)
        return record.but(status="gave_up" if given_up else "failed", attempts=attempts,
                          last_error=message)

    def _drop_stored_texts(self, pages: list[_Page]) -> None:
        """Texts already stored (another feed, an earlier run) are recorded, not coded."""
        hashes = [p.record.text_hash for p in pages if p.doc is not None]
        if not hashes:
            return
        with self.store.connection() as con:
            stored = state.stored_hashes(con, hashes)
        for page in pages:
            if page.doc is None:
                continue
            digest = page.record.text_hash
            if digest in stored:
                page.record = page.record.but(status="copy", article_id=stored[digest],
                                              version=max(page.record.version - 1, 0))
                page.doc, page.supersedes = None, None
            else:
                stored[digest] = page.doc.id  # the same text twice in this batch

    @staticmethod
    def _count(pages: list[_Page], report: FeedReport) -> None:
        for page in pages:
            record = page.record
            if page.doc is not None:
                report.events += len(page.doc.events)
                if page.supersedes:
                    report.versions += 1
                else:
                    report.new += 1
            elif record.status == "copy":
                report.copies += 1
            if record.last_error and record.status in ("failed", "gave_up"):
                report.failed_items.append(f"{record.url}: {record.last_error}")


def article_id(url: str, version: int) -> str:
    """An article's id from its URL: the first version ``url-<hash>``, later ones ``-v2``..."""
    base = stable_id(url, "url-")
    return base if version <= 1 else f"{base}-v{version}"


def page_document(response: Response, item: FeedItem, feed_url: str,
                  feed_title: str | None) -> Document:
    """The article in a fetched page, dated and titled by its feed entry."""
    plain = response.content_type.split(";")[0].strip().lower() == "text/plain"
    doc = next(read_bytes(response.body, name=item.url, suffix=".txt" if plain else ".html"))
    if doc.error is not None:
        raise InputError(doc.error.message, code=doc.error.code)
    doc.url = item.url
    doc.published = item.published or doc.published
    doc.title = doc.title or item.title
    doc.source = feed_title or doc.source or urlsplit(item.url).hostname
    doc.meta.update(feed=feed_url, feed_item=item.key, fetched_url=response.url)
    doc.meta.pop("path", None)
    return doc


def _chunks(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]
