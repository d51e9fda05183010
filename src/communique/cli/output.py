"""Where a command writes: a file, or standard output when the path is ``-``."""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

STDOUT = "-"


@contextmanager
def text_output(path: str | None) -> Iterator[TextIO]:
    """A text handle for ``path``; ``None`` or ``-`` is standard output (left open)."""
    if path is None or path == STDOUT:
        yield sys.stdout
        sys.stdout.flush()
        return
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        yield handle


def write_via_file(path: str, write: Callable[[Path], int]) -> int:
    """Call ``write(file)``; for ``-`` write to a temporary file and copy it to standard
    output (formats such as Parquet need a seekable file). Returns what ``write`` returns."""
    if path != STDOUT:
        return write(Path(path))
    with tempfile.TemporaryDirectory(prefix="communique-") as folder:
        target = Path(folder) / "out"
        count = write(target)
        with target.open("rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return count
