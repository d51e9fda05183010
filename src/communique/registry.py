"""Stages registered by name, in the spirit of spaCy's factories.

A stage factory takes a ``Config`` and returns a callable ``(Document) -> Document``.
It may also offer ``pipe(Iterable[Document]) -> Iterator[Document]`` for batched work.
Each registration declares what the stage needs on the Document and what it assigns,
so a pipeline can be checked before it runs and a user can swap one stage for another::

    from communique.registry import stage

    @stage("my_events", requires=("segments", "mentions"), assigns=("events",))
    def make_my_events(config):
        def run(doc):
            ...
            return doc
        return run
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from .errors import UsageError

if TYPE_CHECKING:
    from .config import Config
    from .document import Document


class Stage(Protocol):
    def __call__(self, doc: Document) -> Document: ...


StageFactory = Callable[["Config"], Stage]


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    factory: StageFactory
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    doc: str


_STAGES: dict[str, StageSpec] = {}

# Modules whose import registers the built-in stages; imported lazily so that
# `import communique` stays cheap.
BUILTIN_STAGE_MODULES = (
    "communique.ingest.structure",
    "communique.nlp.spacy_stage",
    "communique.actors.stage",
    "communique.events.coder",
    "communique.quotes.stage",
    "communique.dates.stage",
    "communique.geo.stage",
    "communique.events.context",
    "communique.events.habitual",
    "communique.events.article",
    "communique.events.learned",
)


def stage(
    name: str, *, requires: Iterable[str] = (), assigns: Iterable[str] = ()
) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under ``name`` (a later registration replaces it)."""

    def register(factory: StageFactory) -> StageFactory:
        _STAGES[name] = StageSpec(
            name=name,
            factory=factory,
            requires=tuple(requires),
            assigns=tuple(assigns),
            doc=(factory.__doc__ or "").strip().splitlines()[0] if factory.__doc__ else "",
        )
        return factory

    return register


def _load_builtins() -> None:
    import importlib

    for module in BUILTIN_STAGE_MODULES:
        importlib.import_module(module)


def get_stage(name: str) -> StageSpec:
    """The registered stage called ``name``."""
    if name not in _STAGES:
        _load_builtins()
    try:
        return _STAGES[name]
    except KeyError:
        known = ", ".join(sorted(_STAGES))
        raise UsageError(f"unknown stage {name!r}; registered stages: {known}") from None


def registered_stages() -> dict[str, StageSpec]:
    """Every registered stage, built-ins included."""
    _load_builtins()
    return dict(_STAGES)


def run_pipe(stage_fn: Any, docs: Iterable[Document]) -> Iterator[Document]:
    """Run one stage over documents, batched when the stage offers ``pipe``."""
    if hasattr(stage_fn, "pipe"):
        yield from stage_fn.pipe(docs)
    else:
        for doc in docs:
            yield stage_fn(doc)
