"""The Pipeline: named stages run in order over Documents, batched and streaming.

One failing document never stops a batch: a stage error becomes that document's
``error`` and the document skips the remaining stages.
"""

from __future__ import annotations

import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from .config import Config
from .document import Document
from .errors import CommuniqueError, UsageError
from .registry import Stage, StageSpec, get_stage

log = logging.getLogger(__name__)


class Pipeline:
    """Stages built from a Config; call it on text, or ``pipe`` many Documents."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        self.specs: list[StageSpec] = [get_stage(name) for name in self.config.stages]
        self._check_order()
        self.stages: list[tuple[str, Stage]] = [
            (spec.name, spec.factory(self.config)) for spec in self.specs
        ]
        # CPU seconds each stage used in this process (read by --profile and benchmarks);
        # CPU rather than wall time so that a busy machine does not distort the shares
        self.stage_seconds: defaultdict[str, float] = defaultdict(float)

    def _check_order(self) -> None:
        """Every stage's requirements must be assigned by an earlier stage."""
        available = {"text", "meta"}
        for spec in self.specs:
            missing = [r for r in spec.requires if r not in available]
            if missing:
                raise UsageError(
                    f"stage {spec.name!r} needs {', '.join(missing)}, which no earlier stage "
                    f"assigns; reorder the stages or add one that provides it"
                )
            available.update(spec.assigns)

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def get(self, name: str) -> Stage:
        for stage_name, stage_fn in self.stages:
            if stage_name == name:
                return stage_fn
        raise UsageError(f"this pipeline has no stage {name!r}; it has {self.stage_names}")

    def __call__(self, text: str | Document, **meta: Any) -> Document:
        """Code one article given as text (with optional title, published, source, id)."""
        doc = text if isinstance(text, Document) else make_document(text, **meta)
        return next(self.pipe([doc]))

    def pipe(self, docs: Iterable[Document | str | dict[str, Any]],
             batch_size: int | None = None) -> Iterator[Document]:
        """Code articles lazily, in batches, yielding Documents in input order.

        Each item is a Document, an article's text, or a dict in the JSON Lines shape
        (``text`` plus optional ``id``, ``title``, ``date``/``published``, ``source``,
        ``url``); an item that is none of these yields an error Document (``bad_record``).
        """
        size = batch_size or self.config.batch_size
        iterator = (as_document(item, self.config) for item in docs)
        while batch := list(islice(iterator, size)):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[Document]) -> list[Document]:
        for name, stage_fn in self.stages:
            live = [d for d in batch if d.error is None]
            if not live:
                break
            started = time.process_time()
            if hasattr(stage_fn, "pipe"):
                self._run_batched_stage(name, stage_fn, live)
            else:
                for doc in live:
                    _run_guarded(name, stage_fn, doc)
            self.stage_seconds[name] += time.process_time() - started
        for doc in batch:
            if doc.error is not None:
                _clear_analysis(doc)
            else:
                _assign_event_ids(doc)
        return batch

    def _run_batched_stage(self, name: str, stage_fn: Any, docs: list[Document]) -> None:
        try:
            for _ in stage_fn.pipe(docs):
                pass
        except CommuniqueError as exc:
            log.warning("stage %s failed on a batch (%s); retrying one by one", name, exc)
            for doc in docs:
                _run_guarded(name, stage_fn, doc)
        except Exception:  # noqa: BLE001 - isolate the failing document below
            log.debug("stage %s failed on a batch; retrying one by one", name, exc_info=True)
            for doc in docs:
                _run_guarded(name, stage_fn, doc)


def _run_guarded(name: str, stage_fn: Stage, doc: Document) -> None:
    from .document import Error

    try:
        stage_fn(doc)
    except CommuniqueError as exc:
        doc.error = Error(exc.code, f"{name}: {exc.message}")
    except Exception as exc:  # noqa: BLE001 - one bad article must not stop the batch
        log.debug("stage %s failed on document %s", name, doc.id, exc_info=True)
        doc.error = Error(
            "stage_failed",
            f"{name}: internal error {type(exc).__name__}: {exc}; "
            "please report it with the article (run with --debug for a traceback)",
        )


def _assign_event_ids(doc: Document) -> None:
    """Stable event ids: the same article coded twice gives the same ids."""
    for event in doc.events:
        if not event.id:
            event.id = event.make_id(doc.id)


def _clear_analysis(doc: Document) -> None:
    doc.entities.clear()
    doc.quotes.clear()
    doc.places.clear()
    doc.events.clear()
    doc.segments.clear()
    doc.mentions.clear()
    doc.dateline = None


def as_document(item: Document | str | dict[str, Any], config: Config | None = None) -> Document:
    """A Document for what ``Pipeline.pipe`` accepts (see there)."""
    if isinstance(item, Document):
        return item
    if isinstance(item, str):
        return make_document(item)
    if isinstance(item, dict):
        from .ingest.readers import record_document

        config = config or Config()
        return record_document(item, "<dict>", config.max_article_chars, config.date_order)
    return Document.failed("", "bad_record", f"pipe() takes Documents, article text or dicts "
                           f"with a 'text' key, not {type(item).__name__}")


def make_document(
    text: str,
    *,
    id: str | None = None,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    meta: dict[str, Any] | None = None,
) -> Document:
    """A Document for raw article text (no file format involved)."""
    return Document(
        text=text,
        id=id or "",
        title=title,
        published=published,
        source=source,
        url=url,
        meta=dict(meta or {}),
    )
