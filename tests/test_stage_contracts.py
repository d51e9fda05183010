"""Each built-in stage reads only what it declares it requires and writes only what it
declares it assigns (registry.py): run on a Document holding only its requirements, reading
anything else fails, and every part it does not assign must come out unchanged."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from communique.document import Document
from communique.registry import BUILTIN_STAGE_MODULES, StageSpec, registered_stages

ARTICLE = (
    "KYIV, March 4 (Reuters) - Ukrainian Foreign Minister Dmytro Kuleba met his Polish "
    "counterpart Radoslaw Sikorski in Kyiv on Monday.\n\n"
    "The talks focused on air defence, Kuleba said.\n\n"
    '"We will not give up," Kuleba told reporters after the meeting.\n\n'
    "Russian forces shelled Kharkiv on Sunday, killing two people, officials said."
)
ALWAYS = ("text", "meta")
AFTER_ALL = "(after the default stages)"  # what ingest gives every document (see Pipeline._check_order)


def _events(doc: Document) -> list[Any]:
    return [{k: v for k, v in e.to_dict().items()
             if k not in ("date", "date_precision", "reported_past", "location", "mentions",
                          "actor", "recipient")}
            for e in doc.events]


# What each declared name means on a Document: the attributes that hold it, and the view
# of them that must not change unless the stage assigns the name.
PARTS: dict[str, tuple[tuple[str, ...], Callable[[Document], Any]]] = {
    "text": (("text",), lambda d: d.text),
    "meta": (("id", "title", "published", "source", "url", "meta"),
             lambda d: (d.id, d.title, d.published, d.source, d.url, d.meta)),
    "dateline": (("dateline",), lambda d: d.dateline and d.dateline.to_dict()),
    "excluded": (("excluded",), lambda d: list(d.excluded)),
    "segments": (("segments",), lambda d: [(s.start, s.end, id(s.parse)) for s in d.segments]),
    "entities": (("entities",), lambda d: [e.to_dict() for e in d.entities]),
    "mentions": (("mentions",), lambda d: [(m.start, m.end, m.kind, m.name,
                                            [a.to_dict() for a in m.actors]) for m in d.mentions]),
    "events": (("events",), _events),
    "event_dates": (("events",), lambda d: [(e.date, e.date_precision, e.reported_past,
                                             e.date_stated) for e in d.events]),
    "event_locations": (("events",), lambda d: [e.location for e in d.events]),
    "event_actors": (("events",), lambda d: [([a.to_dict() for a in e.actor],
                                              [a.to_dict() for a in e.recipient])
                                             for e in d.events]),
    "quotes": (("quotes",), lambda d: [q.to_dict() for q in d.quotes]),
    "places": (("places",), lambda d: [p.to_dict() for p in d.places]),
}
# Parts of a part: a stage that assigns the events list makes their dates and places anew.
WITHIN = {"event_dates": "events", "event_locations": "events", "event_actors": "events"}
GUARDED = frozenset(a for attributes, _ in PARTS.values() for a in attributes)


class GuardedDocument(Document):
    """A Document that notes every part a stage reads without having declared it."""

    def __getattribute__(self, name: str) -> Any:
        state = object.__getattribute__(self, "__dict__")
        allowed = state.get("_allowed")
        if allowed is not None and name in GUARDED and name not in allowed:
            state["_undeclared"].add(name)
        return object.__getattribute__(self, name)


def _allowed(spec: StageSpec) -> frozenset[str]:
    names = (*ALWAYS, *spec.requires, *spec.assigns)
    return frozenset(a for name in names for a in PARTS[name][0])


def holding(full: Document, names: tuple[str, ...]) -> GuardedDocument:
    """A copy of ``full`` with only the parts ``names`` (and the text and metadata)."""
    doc = GuardedDocument(text=full.text, id=full.id, title=full.title,
                          published=full.published, source=full.source, url=full.url,
                          meta=dict(full.meta))
    for name in names:
        for attribute in PARTS[name][0]:
            value = getattr(full, attribute)
            setattr(doc, attribute, value if attribute == "segments" else copy.deepcopy(value))
    return doc


def builtin_stages() -> list[StageSpec]:
    return [spec for spec in registered_stages().values()
            if spec.factory.__module__ in BUILTIN_STAGE_MODULES]


@pytest.fixture(scope="module")
def before_each(pipeline) -> dict[str, Document]:
    """The article as each default stage receives it in the pipeline."""
    from communique import make_document

    doc, states = make_document(ARTICLE, published="2024-03-05", id="contract-article"), {}
    for name, stage_fn in pipeline.stages:
        states[name] = holding(doc, tuple(PARTS))
        stage_fn(doc)
    states[AFTER_ALL] = holding(doc, tuple(PARTS))  # opt-in stages run after the default ones
    return states


def test_every_declared_name_is_known() -> None:
    for spec in builtin_stages():
        assert set(spec.requires) | set(spec.assigns) <= set(PARTS), spec.name


@pytest.mark.parametrize("name", [spec.name for spec in builtin_stages()])
def test_stage_keeps_to_its_declaration(name: str, before_each: dict[str, Document],
                                        pipeline) -> None:
    spec = next(s for s in builtin_stages() if s.name == name)
    doc = holding(before_each.get(name, before_each[AFTER_ALL]), spec.requires)
    before = {part: view(doc) for part, (_, view) in PARTS.items()
              if set(PARTS[part][0]) <= _allowed(spec)}
    doc.__dict__.update(_allowed=_allowed(spec), _undeclared=set())
    spec.factory(pipeline.config)(doc)
    del doc.__dict__["_allowed"]
    assert not doc.__dict__["_undeclared"], f"{name} reads {doc.__dict__['_undeclared']} undeclared"
    assert doc.error is None, doc.error
    changed = {part for part, value in before.items() if PARTS[part][1](doc) != value}
    undeclared = {part for part in changed - set(spec.assigns) if WITHIN.get(part) not in spec.assigns}
    assert not undeclared, f"{name} writes {undeclared} undeclared"
