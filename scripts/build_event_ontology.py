"""Transcribe the PLOVER and CAMEO reference tables into communique's package data.

Run once when the reference tables change::

    python scripts/build_event_ontology.py ../shared/reference

It writes ``src/communique/events/data/plover.json`` (the 16 PLOVER event types with quad,
score, modes; contexts; sectors; non-state codes; quad names; legacy labels) and
``src/communique/events/data/cameo.jsonl`` (every CAMEO code with its name, Goldstein
score and PLOVER type/mode/context). These are facts from openeventdata/PLOVER and the
CAMEO 1.1b3 manual; the package never reads ../shared at run time.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "communique" / "events" / "data"
PLOVER_KEYS = ("source", "event_types", "quad_names", "quad_note", "contexts",
               "auxiliary_modes", "sectors", "nonstate_country_codes", "legacy_event_map")


def build_plover(reference: Path) -> None:
    source = json.loads((reference / "plover_ontology.json").read_text(encoding="utf-8"))
    ontology = {key: source[key] for key in PLOVER_KEYS if key in source}
    (OUT / "plover.json").write_text(json.dumps(ontology, indent=1, ensure_ascii=False) + "\n",
                                     encoding="utf-8")


def build_cameo(reference: Path) -> None:
    rows = []
    for line in (reference / "cameo_codes_with_plover.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        rows.append({
            "code": record["cameo_code"],
            "name": record["cameo_name"],
            "goldstein": record["goldstein"],
            "plover_type": record["plover_event"],
            "plover_mode": record.get("plover_mode_current"),
            "plover_context": record.get("plover_context_current") or [],
            "quad": record["plover_quad"],
        })
    fill_gaps(rows)
    with (OUT / "cameo.jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def fill_gaps(rows: list[dict]) -> None:
    """A code listed without name or score (1214) takes its parent's, noted as such."""
    by_code = {row["code"]: row for row in rows}
    for row in rows:
        parent = by_code.get(row["code"][:-1])
        if parent is None:
            continue
        if row["goldstein"] is None:
            row["goldstein"] = parent["goldstein"]
        if not row["name"]:
            row["name"] = f"{parent['name']} (sub-code {row['code']}, unnamed in the reference)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="folder with plover_ontology.json and cameo_codes_with_plover.jsonl")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    build_plover(args.reference)
    build_cameo(args.reference)


if __name__ == "__main__":
    main()
