"""Readers: files, folders and standard input to Documents, lazily and in order.

Every input yields at least one Document; an input that cannot be read yields a
Document whose ``error`` says why, and the stream goes on.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..document import Document, stable_id
from ..errors import CommuniqueError, EmptyInputError, InputError, MissingInputError
from .decode import decode_bytes

HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*(.*?)\s*$")
SUFFIXES = {".txt", ".text", ".jsonl", ".ndjson", ".html", ".htm"}
KNOWN_KEYS = {"id", "text", "title", "date", "published", "source", "url"}


def iter_input_files(inputs: Iterable[str]) -> Iterator[str | Path]:
    """Expand folders (recursively, sorted) into files; ``-`` stands for standard input."""
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
            yield from files
        else:
            yield path


def read_inputs(inputs: Iterable[str]) -> Iterator[Document]:
    """Documents for every article in the given files, folders or ``-``, in order."""
    for item in iter_input_files(inputs):
        if item == "-":
            yield from read_stream(sys.stdin.buffer, name="<stdin>")
        else:
            yield from read_path(Path(item))


def read_path(path: Path) -> Iterator[Document]:
    """Documents from one file, chosen by its suffix (unknown suffixes are read as text)."""
    try:
        if not path.exists():
            raise MissingInputError(f"{path}: no such file or folder")
        data = path.read_bytes()
    except CommuniqueError as exc:
        yield Document.failed(str(path), exc.code, exc.message, path=str(path))
        return
    except OSError as exc:
        yield Document.failed(str(path), "unreadable", f"{path}: cannot read ({exc.strerror or exc})", path=str(path))
        return
    yield from read_bytes(data, name=str(path), suffix=path.suffix.lower())


def read_stream(stream: BinaryIO, name: str) -> Iterator[Document]:
    """Standard input: JSON Lines if the first non-blank character is ``{``, else one text article."""
    data = stream.read()
    first = data.lstrip()[:1]
    yield from read_bytes(data, name=name, suffix=".jsonl" if first == b"{" else ".txt")


def read_bytes(data: bytes, name: str, suffix: str) -> Iterator[Document]:
    """Documents from the raw bytes of one input."""
    if suffix in (".jsonl", ".ndjson"):
        yield from read_jsonl_bytes(data, name)
        return
    try:
        text, flags = decode_bytes(data, name)
        if not text.strip():
            raise EmptyInputError(f"{name}: the file is empty; give it article text")
        doc = html_document(text, name) if suffix in (".html", ".htm") else text_document(text, name)
    except CommuniqueError as exc:
        yield Document.failed(name, exc.code, exc.message, path=name)
        return
    doc.flags.extend(flags)
    if flags:
        doc.meta["encoding_flags"] = list(flags)
    yield doc


def text_document(text: str, name: str) -> Document:
    """A ``.txt`` article: an optional ``date YYYY-MM-DD Title`` first line, then the text."""
    first_line, _, rest = text.partition("\n")
    header = HEADER.match(first_line)
    if header:
        published, title = header.group(1), header.group(2) or None
        body = rest
    else:
        published, title, body = None, None, text
    body = body.strip("\n")
    return Document(text=body, id=Path(name).stem if name != "<stdin>" else "", title=title,
                    published=published, meta={"path": name})


def html_document(html: str, name: str) -> Document:
    """An ``.html`` article: main text, title, date and URL extracted with trafilatura."""
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if extracted is None or not (getattr(extracted, "text", None) or "").strip():
        raise InputError(f"{name}: no article text found in the HTML", code="no_text")
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    return Document(
        text=meta["text"],
        id=Path(name).stem,
        title=meta.get("title"),
        published=(meta.get("date") or None),
        source=meta.get("sitename") or meta.get("hostname"),
        url=meta.get("url"),
        meta={"path": name},
    )


def read_jsonl_bytes(data: bytes, name: str) -> Iterator[Document]:
    """One Document per line; a bad line yields an error Document for that line only."""
    try:
        text, _flags = decode_bytes(data, name)
    except CommuniqueError as exc:
        yield Document.failed(name, exc.code, exc.message, path=name)
        return
    if not text.strip():
        yield Document.failed(name, "empty", f"{name}: the file is empty; give one JSON article per line", path=name)
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield jsonl_document(line, name, number)


def jsonl_document(line: str, name: str, number: int) -> Document:
    """One JSON Lines record to a Document (or an error Document naming the line)."""
    where = f"{name}:{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Document.failed(f"{where}", "bad_json", f"{where}: not valid JSON ({exc.msg})", path=name, line=number)
    if not isinstance(record, dict):
        return Document.failed(where, "bad_record", f"{where}: each line must be a JSON object", path=name, line=number)
    text = record.get("text")
    rid = record.get("id")
    rid = str(rid) if rid is not None else ""
    if not isinstance(text, str) or not text.strip():
        return Document.failed(rid or where, "missing_text", f"{where}: the record has no \"text\" string", path=name, line=number)
    return Document(
        text=text,
        id=rid or stable_id(text),
        title=_str_or_none(record.get("title")),
        published=_date_or_none(record.get("published") or record.get("date")),
        source=_str_or_none(record.get("source")),
        url=_str_or_none(record.get("url")),
        meta={k: v for k, v in record.items() if k not in KNOWN_KEYS},
    )


def _str_or_none(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _date_or_none(value: Any) -> str | None:
    """The ISO date part of a date or datetime string."""
    if not isinstance(value, str):
        return None
    match = re.match(r"\d{4}-\d{2}-\d{2}", value.strip())
    return match.group(0) if match else None
