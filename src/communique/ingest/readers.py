"""Readers: files, folders and standard input to Documents, lazily and in order.

Every input yields at least one Document; an input that cannot be read yields exactly
one Document whose ``error`` says why (codes in ``docs/ingest.md``), and the stream goes
on. Folders are walked lazily, in sorted order; JSON Lines are read line by line.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Config
from ..document import Document, stable_id
from ..errors import CommuniqueError, EmptyInputError, InputError, MissingInputError, TooLargeError
from .decode import decode_bytes, decode_only, invisible_controls, looks_binary
from .pubdate import DEFAULT_ORDER, DateProblem, check_order, parse_published

log = logging.getLogger(__name__)

HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})[ \t]*(.*?)\s*$")
SUFFIXES = frozenset({".txt", ".text", ".jsonl", ".ndjson", ".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
KNOWN_KEYS = frozenset({"id", "text", "title", "date", "published", "source", "url"})
# A UTF-8 character takes at most 4 bytes: a file larger than this cannot fit the limit.
MAX_BYTES_PER_CHAR = 4
# Fewer words than this from the fallback HTML extractor is navigation, not an article.
MIN_FALLBACK_WORDS = 8


def read_inputs(
    inputs: Iterable[str], *, max_article_chars: int | None = None,
    date_order: str = DEFAULT_ORDER,
) -> Iterator[Document]:
    """Documents for every article in the given files, folders or ``-``, in order.

    ``date_order`` (DMY, MDY, YMD) reads numeric publication dates such as 12/03/2024.
    """
    limit = max_article_chars or Config().max_article_chars
    order = check_order(date_order)
    for item in iter_input_files(inputs):
        if isinstance(item, Document):
            yield item
        elif item == "-":
            yield from read_stream(sys.stdin.buffer, name="<stdin>", limit=limit,
                                   date_order=order)
        else:
            yield from read_path(Path(item), limit=limit, date_order=order)


def iter_input_files(inputs: Iterable[str]) -> Iterator[str | Path | Document]:
    """Files of the inputs (folders walked lazily, sorted); ``-`` stands for standard input.

    A folder holding no readable article yields an error Document so that no input is
    silently ignored.
    """
    for item in inputs:
        if item == "-":
            yield "-"
            continue
        path = Path(item)
        if not path.is_dir():
            yield path
            continue
        found = False
        for file in walk_folder(path):
            found = True
            yield file
        if not found:
            yield Document.failed(
                str(path),
                "no_articles",
                f"{path}: the folder holds no .txt, .jsonl or .html files",
                path=str(path),
            )


def count_articles(inputs: Iterable[str], max_bytes: int = 1 << 30) -> int | None:
    """How many documents ``read_inputs`` will yield, when that is cheap to know: None for
    standard input or when the JSON Lines files hold more than ``max_bytes`` in all."""
    total, budget = 0, max_bytes
    for item in iter_input_files(inputs):
        if item == "-":
            return None
        if isinstance(item, Document) or Path(item).suffix.lower() not in JSONL_SUFFIXES:
            total += 1
            continue
        try:
            budget -= Path(item).stat().st_size
            if budget < 0:
                return None
            with Path(item).open("rb") as handle:
                total += max(1, sum(1 for line in handle if line.strip()))
        except OSError:
            total += 1  # read_path yields one error document for it
    return total


def walk_folder(folder: Path) -> Iterator[Path]:
    """Article files under ``folder``, recursively, in sorted order, without listing it all first."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from walk_folder(Path(entry.path))
        elif Path(entry.name).suffix.lower() in SUFFIXES:
            yield Path(entry.path)


def read_path(path: Path, *, limit: int | None = None,
              date_order: str = DEFAULT_ORDER) -> Iterator[Document]:
    """Documents from one file, chosen by its suffix (unknown suffixes are read as text)."""
    limit = limit or Config().max_article_chars
    name, suffix = str(path), path.suffix.lower()
    try:
        if not path.exists():
            raise MissingInputError(f"{path}: no such file or folder; check the path")
        if suffix in JSONL_SUFFIXES:
            with path.open("rb") as handle:
                yield from read_jsonl_lines(handle, name, limit, date_order)
            return
        if path.stat().st_size > limit * MAX_BYTES_PER_CHAR:
            raise TooLargeError(
                f"{path}: the file is larger than the article limit "
                f"({limit:,} characters); split it"
            )
        data = path.read_bytes()
    except CommuniqueError as exc:
        yield Document.failed(name, exc.code, exc.message, path=name)
        return
    except OSError as exc:
        yield Document.failed(
            name,
            "unreadable",
            f"{path}: cannot read ({exc.strerror or exc}); check its permissions",
            path=name,
        )
        return
    yield from read_bytes(data, name=name, suffix=suffix, limit=limit)


def read_stream(stream: BinaryIO, name: str, *, limit: int | None = None,
                date_order: str = DEFAULT_ORDER) -> Iterator[Document]:
    """Standard input: JSON Lines if the first non-blank character is ``{``, else one article.

    Blank input holds no article and yields nothing (the command then says so)."""
    limit = limit or Config().max_article_chars
    head = b""
    for line in stream:
        head += line
        if line.strip():
            break
    if not head.strip():
        return
    if head.lstrip()[:1] == b"{":
        yield from read_jsonl_lines(_chain([head], stream), name, limit, date_order)
        return
    yield from read_bytes(head + stream.read(), name=name, suffix=".txt", limit=limit)


def _chain(first: list[bytes], rest: Iterable[bytes]) -> Iterator[bytes]:
    yield from first
    yield from rest


def read_bytes(
    data: bytes, name: str, suffix: str, *, limit: int | None = None
) -> Iterator[Document]:
    """Documents from the raw bytes of one input."""
    limit = limit or Config().max_article_chars
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl_lines(iter(data.splitlines(keepends=True)), name, limit)
        return
    try:
        doc, flags = _text_or_html_document(data, name, suffix, limit)
    except CommuniqueError as exc:
        yield Document.failed(name, exc.code, exc.message, path=name)
        return
    doc.flags.extend(flags)
    if flags:
        doc.meta["encoding_flags"] = list(flags)
    yield doc


def _text_or_html_document(
    data: bytes, name: str, suffix: str, limit: int
) -> tuple[Document, list[str]]:
    if not data.strip():
        raise EmptyInputError(f"{name}: the file is empty; give it article text")
    text, flags = decode_bytes(data, name)
    if not text.strip():
        raise EmptyInputError(f"{name}: the file holds no text, only blanks or control characters")
    doc = html_document(text, name) if suffix in HTML_SUFFIXES else text_document(text, name)
    check_size(doc.text, name, limit)
    return doc, flags


def check_size(text: str, name: str, limit: int) -> None:
    """Refuse an article longer than the limit (``too_large``)."""
    if len(text) > limit:
        raise TooLargeError(
            f"{name}: the article has {len(text):,} characters, over the limit of "
            f"{limit:,}; split it or raise max_article_chars"
        )


def text_document(text: str, name: str) -> Document:
    """A ``.txt`` article: an optional ``date YYYY-MM-DD Title`` first line, then the text."""
    first_line, _, rest = text.lstrip("\n").partition("\n")
    header = HEADER.match(first_line)
    if header:
        published, title = header.group(1), header.group(2) or None
        body = rest
    else:
        published, title, body = None, None, text
    body = body.strip()
    if not body:
        raise EmptyInputError(f"{name}: the file has a header line but no article text")
    return Document(
        text=body,
        id=Path(name).stem if name != "<stdin>" else "",
        title=title,
        published=published,
        meta={"path": name},
    )


def html_document(html: str, name: str) -> Document:
    """An ``.html`` article: main text, title, date and URL extracted with trafilatura."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, RecursionError, AttributeError) as exc:
        raise InputError(
            f"{name}: the HTML could not be parsed ({type(exc).__name__})", code="bad_html"
        ) from exc
    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not text.strip():
        # lxml gives up on very deep nesting; the stdlib parser has no depth limit
        return _fallback_html_document(html, name)
    meta = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    doc = Document(
        text=meta["text"].strip(),
        id=Path(name).stem,
        title=_str_or_none(meta.get("title")),
        source=_str_or_none(meta.get("sitename") or meta.get("hostname")),
        url=_str_or_none(meta.get("url")),
        meta={"path": name},
    )
    doc.published = published_date(doc, meta.get("date"))
    return doc


def _fallback_html_document(html: str, name: str) -> Document:
    """Visible text of HTML that trafilatura could not use (scripts and styles dropped)."""
    from .html_text import visible_text

    text = visible_text(html)
    if len(text.split()) < MIN_FALLBACK_WORDS:
        raise InputError(f"{name}: no article text found in the HTML", code="no_text")
    doc = Document(text=text, id=Path(name).stem, meta={"path": name})
    doc.flags.append("html_fallback_extraction")
    return doc


def read_jsonl_lines(lines: Iterable[bytes], name: str, limit: int,
                     date_order: str = DEFAULT_ORDER) -> Iterator[Document]:
    """One Document per non-blank line; a bad line yields an error Document for it alone."""
    seen = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen = True
        yield _jsonl_line(raw, name, number, limit, date_order)
    if not seen:
        yield Document.failed(
            name, "empty", f"{name}: the file is empty; give one JSON article per line", path=name
        )


def _jsonl_line(raw: bytes, name: str, number: int, limit: int, date_order: str) -> Document:
    where = f"{name}:{number}"
    if looks_binary(raw.rstrip(b"\r\n")):
        return Document.failed(
            where, "binary", f"{where}: binary data, not a JSON line", path=name, line=number
        )
    try:
        line, flags = decode_only(raw.rstrip(b"\r\n"), where)
    except CommuniqueError as exc:
        return Document.failed(where, exc.code, exc.message, path=name, line=number)
    doc = jsonl_document(line, name, number, limit, date_order)
    if flags and doc.error is None:
        doc.flags.extend(flags)
        doc.meta["encoding_flags"] = list(flags)
    return doc


def jsonl_document(line: str, name: str, number: int, limit: int | None = None,
                   date_order: str = DEFAULT_ORDER) -> Document:
    """One JSON Lines record to a Document (or an error Document naming the line).

    The record's ``text`` is kept exactly as given so that offsets into it line up.
    """
    where = f"{name}:{number}"
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError) as exc:
        reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        return Document.failed(
            where, "bad_json", f"{where}: not valid JSON ({reason})", path=name, line=number
        )
    if not isinstance(record, dict):
        return Document.failed(
            where, "bad_record", f"{where}: each line must be a JSON object", path=name, line=number
        )
    return record_document(record, where, limit, date_order, path=name, line=number)


def record_document(record: dict[str, Any], where: str = "<record>", limit: int | None = None,
                    date_order: str = DEFAULT_ORDER, **context: Any) -> Document:
    """An article given as a JSON Lines record (``text`` plus optional ``id``, ``title``,
    ``date``/``published``, ``source``, ``url``), or an error Document saying what is wrong.

    The record's ``text`` is kept exactly as given so that offsets into it line up.
    """
    text, rid = record.get("text"), _str_or_none(record.get("id")) or ""
    if not isinstance(text, str) or not text.strip():
        return Document.failed(rid or where, "missing_text",
                               f'{where}: the record has no "text" string', **context)
    if len(text) > (limit or Config().max_article_chars):
        return Document.failed(
            rid or where, "too_large", f"{where}: the article has {len(text):,} characters, "
            "over the limit; split it or raise max_article_chars", **context)
    return _record_document(record, text, rid, date_order)


def _record_document(record: dict[str, Any], text: str, rid: str, date_order: str) -> Document:
    meta = {k: v for k, v in record.items() if k not in KNOWN_KEYS}
    raw_date = record.get("published") or record.get("date")
    doc = Document(
        text=text,
        id=rid or stable_id(text),
        title=_str_or_none(record.get("title")),
        source=_str_or_none(record.get("source")),
        url=_str_or_none(record.get("url")),
        meta=meta,
    )
    doc.published = published_date(doc, raw_date, date_order)
    if invisible_controls(text):
        doc.flags.append("invisible_controls_kept")
    return doc


def published_date(doc: Document, raw: Any, date_order: str = DEFAULT_ORDER) -> str | None:
    """The ISO publication date; an unreadable one is a warning in ``meta`` and on the log,
    never a silent null (``meta.unparsed_date`` keeps what was given)."""
    try:
        return parse_published(raw, date_order)
    except DateProblem as exc:
        doc.meta["unparsed_date"] = raw if isinstance(raw, str) else str(raw)
        doc.meta.setdefault("warnings", []).append(str(exc))
        log.warning("%s: %s", doc.id or "article", exc)
        return None


def _str_or_none(value: Any) -> str | None:
    if value is None or value == "" or isinstance(value, (dict, list)):
        return None
    return str(value)
