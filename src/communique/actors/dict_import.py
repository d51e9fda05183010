"""Import PETRARCH/TABARI actor and agent dictionaries into communique's own format.

Actor files hold blocks: a name line (``NAME_WITH_UNDERSCORES_``, maybe with a code on the
same line), ``+ALIAS`` lines, and code lines ``[USAGOV]`` or date-restricted
``[USAGOV >20090120]`` / ``[AFGGOV 331108-730717]``. Agent files hold
``WORD {PLURAL} [~SEC]`` lines. ``#`` starts a comment. The reader is tolerant: a line it
cannot read is counted and skipped, never fatal.

The output (YAML or CSV) is what ``Config.actor_dictionary_files`` loads::

    actors: [{name, aliases, code, sectors, periods: [{start, end, sectors}]}]
    agents: [{name, aliases, sectors}]
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError
from ..resources import load_data

NON_STATE_CODES = frozenset({"IGO", "NGO", "MNC", "UNO", "EUR", "ISM", "IMG"})
CODE_BLOCK = re.compile(r"\[([^\]]*)\]")
DATE_RANGE = re.compile(r"^(?P<op>[<>])?(?P<a>\d{6,8})(?:-(?P<b>\d{6,8}))?$")


@dataclass
class DictRecord:
    name: str
    aliases: list[str] = field(default_factory=list)
    codes: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # code, start, end
    agent: bool = False


@dataclass
class ImportResult:
    actors: list[dict[str, Any]] = field(default_factory=list)
    agents: list[dict[str, Any]] = field(default_factory=list)
    skipped: int = 0


def petrarch_phrase(token: str) -> str:
    """``UNITED_STATES_`` -> ``United States`` style text for matching (case kept simple)."""
    words = token.strip().strip("_").replace("_", " ").split()
    return " ".join(w if (len(w) <= 3 and w.isupper()) or "." in w else w.capitalize() for w in words)


def expand_date(raw: str, *, end: bool = False) -> str | None:
    """PETRARCH dates: ``YYMMDD`` (19xx from 30 up) or ``YYYYMMDD`` -> ISO."""
    if len(raw) == 6:
        century = "19" if int(raw[:2]) >= 30 else "20"
        raw = century + raw
    if len(raw) != 8 or not raw.isdigit():
        return None
    return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"


def parse_code(block: str) -> tuple[str, str | None, str | None] | None:
    """``USAGOV >20090120`` -> ("USAGOV", "2009-01-20", None); ``---`` -> None."""
    parts = block.split()
    if not parts or not re.fullmatch(r"~?[A-Z]{3,}", parts[0]):
        return None
    start = end = None
    if len(parts) > 1 and (m := DATE_RANGE.match(parts[1])):
        if m["op"] == ">":
            start = expand_date(m["a"])
        elif m["op"] == "<":
            end = expand_date(m["a"], end=True)
        else:
            start, end = expand_date(m["a"]), expand_date(m["b"] or "", end=True)
    return parts[0], start, end


def read_dictionary(lines: Iterable[str]) -> tuple[list[DictRecord], int]:
    """Records and the number of lines skipped."""
    records: list[DictRecord] = []
    skipped = 0
    current: DictRecord | None = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if "!" in line or "=" in line:  # substitution sets are not supported
            skipped += 1
            continue
        body = CODE_BLOCK.sub(" ", line)
        codes = [c for c in (parse_code(b) for b in CODE_BLOCK.findall(line)) if c]
        text = re.sub(r"\{[^}]*\}", " ", body).strip()
        if line.lstrip().startswith("+") and current is not None:
            current.aliases.append(petrarch_phrase(text.lstrip("+")))
        elif text and not line[:1].isspace():
            current = DictRecord(petrarch_phrase(text))
            records.append(current)
        elif current is None or not codes:
            skipped += 1
            continue
        if codes and current is not None:
            current.codes.extend(codes)
            current.agent = current.agent or codes[0][0].startswith("~")
    return [r for r in records if r.codes], skipped


def split_cameo(code: str) -> tuple[str | None, list[str]]:
    """``USAGOV`` -> ("USA", ["GOV"]); ``IGOUNO`` -> ("UNO", []); ``~MIL`` -> (None, ["MIL"])."""
    table = load_data("actors", "cameo_sectors.yaml")
    if code.startswith("~"):
        return None, _sectors(code[1:], table)
    head, rest = code[:3], code[3:]
    if head == "IGO" and rest[:3] in ("UNO", "EUR"):
        head, rest = rest[:3], rest[3:]
    if head not in NON_STATE_CODES and not _is_country(head):
        return None, _sectors(code, table)  # a sector-only code such as "MED" (media)
    return head, _sectors(rest, table)


def _is_country(code: str) -> bool:
    import pycountry

    return code == "XKX" or pycountry.countries.get(alpha_3=code) is not None


def _sectors(rest: str, table: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for i in range(0, len(rest) - 2, 3):
        chunk = rest[i : i + 3]
        sector = table["map"].get(chunk, chunk if chunk in table["plover"] else None)
        if sector and sector not in out:
            out.append(sector)
    return out


def to_rows(records: list[DictRecord]) -> ImportResult:
    result = ImportResult()
    for rec in records:
        if rec.agent:
            sectors = [s for c, _, _ in rec.codes for s in split_cameo(c)[1]]
            result.agents.append({"name": rec.name, "aliases": rec.aliases, "sectors": list(dict.fromkeys(sectors))})
            continue
        # the open-ended (latest) code is the one in force today
        latest = max(rec.codes, key=lambda c: (c[2] is None, c[2] or "", c[1] or ""))
        code, sectors = split_cameo(latest[0])
        periods = [{"start": s or "0001-01-01", "end": e, "sectors": split_cameo(c)[1]}
                   for c, s, e in rec.codes if s or e]
        result.actors.append({"name": rec.name, "aliases": rec.aliases, "code": code,
                              "sectors": sectors, "periods": periods})
    return result


def import_files(paths: Iterable[str | Path]) -> ImportResult:
    total = ImportResult()
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as handle:
            records, skipped = read_dictionary(handle)
        part = to_rows(records)
        total.actors += part.actors
        total.agents += part.agents
        total.skipped += skipped
    return total


def write_result(result: ImportResult, out: str | Path) -> None:
    """YAML keeps everything; CSV keeps one row per name (periods dropped)."""
    out = Path(out)
    if out.suffix in (".yaml", ".yml"):
        out.write_text(yaml.safe_dump({"actors": result.actors, "agents": result.agents},
                                      allow_unicode=True, sort_keys=False), encoding="utf-8")
        return
    if out.suffix != ".csv":
        raise UsageError(f"--out must end in .yaml or .csv, not {out.suffix!r}")
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "aliases", "code", "sectors"])
        for row in _csv_rows(result):
            writer.writerow(row)


def _csv_rows(result: ImportResult) -> Iterator[list[str]]:
    for a in result.actors:
        yield [a["name"], "|".join(a["aliases"]), a["code"] or "", "|".join(a["sectors"])]
    for a in result.agents:
        yield [a["name"], "|".join(a["aliases"]), "", "|".join(a["sectors"])]
