"""End to end: ``communique code --db`` killed with SIGKILL mid-run, then rerun."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from communique.store import open_store

ARTICLES = 120
KILL_AFTER = 10
# Only the stages the store needs to see events: keeps the test fast and independent of
# the later stages' development.
CONFIG = "stages: [structure, nlp, actors, events]\n"


def write_articles(path: Path) -> None:
    pairs = [("Russian", "Sergei Lavrov", "Chinese", "Wang Yi", "Moscow"),
             ("French", "Catherine Colonna", "German", "Annalena Baerbock", "Paris")]
    with path.open("w", encoding="utf-8") as out:
        for i in range(ARTICLES):
            a_dem, a_name, b_dem, b_name, city = pairs[i % 2]
            text = (f"{city.upper()}, Sept. 18 - {a_dem} Foreign Minister {a_name} met "
                    f"{b_dem} Foreign Minister {b_name} in {city} on Monday (report {i}). "
                    f"{a_name} praised the talks.")
            out.write(json.dumps({"id": f"n{i}", "date": "2023-09-18", "source": "Wire",
                                  "text": text}) + "\n")


def code_command(tmp_path: Path, db: Path) -> list[str]:
    config = tmp_path / "config.yaml"
    config.write_text(CONFIG, encoding="utf-8")
    return [sys.executable, "-m", "communique", "code", str(tmp_path / "articles.jsonl"),
            "--config", str(config), "--db", str(db), "--format", "jsonl", "--quiet"]


def test_kill_9_during_code_then_rerun_loses_and_doubles_nothing(tmp_path):
    write_articles(tmp_path / "articles.jsonl")
    db = tmp_path / "events.duckdb"
    command = code_command(tmp_path, db)
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    # a document reaches stdout only after the store committed it
    printed = [json.loads(proc.stdout.readline())["id"] for _ in range(KILL_AFTER)]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    with open_store(db, read_only=True) as store:
        stats = store.stats()
        assert all(store.contains(doc_id) for doc_id in printed)  # nothing lost
        assert stats["articles"] < ARTICLES

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    docs = [json.loads(line) for line in rerun.stdout.splitlines()]
    expected_events = sum(len(doc["events"]) for doc in docs)
    with open_store(db, read_only=True) as store:
        stats = store.stats()
        assert stats["articles"] == ARTICLES  # nothing doubled, nothing missing
        assert stats["events"] == expected_events
        assert expected_events > 0
