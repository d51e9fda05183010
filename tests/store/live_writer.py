"""A writer process for live-read tests: stores one article, waits, stores another."""

from __future__ import annotations

import textwrap
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")
TESTS = str(Path(__file__).resolve().parent)

# format with src=SRC, tests=TESTS, db=...; the child prints "ready", then "added" after
# the second article once a line arrives on its standard input, and stops at the next line
WRITER = textwrap.dedent("""
    import sys, time
    sys.path[:0] = [{src!r}, {tests!r}]
    from fakes import make_doc, make_event
    from communique.store import open_store
    with open_store({db!r}, live=True) as store:
        store.add(make_doc("first", make_event()))
        print("ready", flush=True)
        sys.stdin.readline()
        store.add(make_doc("second", make_event("ACCUSE"), text="Second article."))
        print("added", flush=True)
        sys.stdin.readline()
""")
