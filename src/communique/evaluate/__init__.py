"""Evaluation suites (definitions in the project's evaluation spec).

Each suite is a function ``run(paths, *, misses_dir=None, limit=None, config=None) -> Report``
registered in ``SUITES`` by name and imported lazily.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..errors import UsageError
from .report import Report

SUITES: dict[str, str] = {
    "plover-gsr": "communique.evaluate.plover_gsr:run",
    "acled": "communique.evaluate.acled:run",
    "actors": "communique.evaluate.actors:run",
    "polnear": "communique.evaluate.polnear:run",
    "ecbplus": "communique.evaluate.ecbplus:run",
    "running-news": "communique.evaluate.running_news:run",
    "non-political": "communique.evaluate.non_political:run",
}


def get_suite(name: str) -> Callable[..., Report]:
    """The run function of a suite."""
    if name not in SUITES:
        raise UsageError(f"unknown suite {name!r}; choose one of {', '.join(SUITES)}")
    module, attr = SUITES[name].split(":")
    return getattr(importlib.import_module(module), attr)


__all__ = ["SUITES", "Report", "get_suite"]
