"""Following feeds over time: the feed list, the cycle interval and the loop around cycles."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import UsageError
from .http import Fetcher
from .watch import Coder, FeedReport, Watcher

DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
UNIT_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(text: str) -> float:
    """``90``, ``90s``, ``15m``, ``1h``, ``1d`` to seconds (at least one second)."""
    found = DURATION.match(str(text).lower())
    if not found or float(found.group(1)) < 1 and found.group(2) in ("", "s"):
        raise UsageError(f"--every must be a duration such as 90s, 15m or 1h, not {text!r}")
    return float(found.group(1)) * UNIT_SECONDS[found.group(2)]


def read_feed_list(sources: Iterable[str]) -> list[str]:
    """Feed URLs from the arguments: each is a URL or a file with one URL a line (blank
    lines and ``#`` comments skipped). Order kept, duplicates dropped."""
    urls: list[str] = []
    for source in sources:
        if re.match(r"^https?://", source, re.IGNORECASE):
            urls.append(source.strip())
            continue
        path = Path(source)
        if not path.is_file():
            raise UsageError(f"{source}: neither an http(s) feed URL nor a file listing feeds")
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise UsageError(f"{source}: cannot read the feed list ({exc})") from exc
        for number, line in enumerate(lines, start=1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            if not re.match(r"^https?://", line, re.IGNORECASE):
                raise UsageError(f"{source}:{number}: not an http(s) URL: {line[:80]!r}")
            urls.append(line)
    if not urls:
        raise UsageError("no feeds given: pass feed URLs or a file listing them")
    return list(dict.fromkeys(urls))


def follow(db: str | Path, feeds: list[str], *, every: float, once: bool,
           report: Callable[[list[FeedReport]], None], fetcher: Fetcher | None = None,
           code: Coder | None = None, sleep: Callable[[float], None] = time.sleep,
           **store_options: Any) -> int:
    """Run watch cycles into the store at ``db`` (opened live, so ``communique serve`` reads
    it as it grows) until interrupted, or once; returns the number of cycles run."""
    from ..store.db import open_store

    Path(db).parent.mkdir(parents=True, exist_ok=True)
    cycles = 0
    with open_store(db, live=True, **store_options) as store:
        watcher = Watcher(store, feeds, fetcher=fetcher, code=code)
        try:
            while True:
                started = time.monotonic()
                report(watcher.run_cycle())
                cycles += 1
                if once:
                    return cycles
                sleep(max(0.0, every - (time.monotonic() - started)))
        finally:
            watcher.fetcher.close()
