"""A corpus-scale run: 20,000 Reuters stories through ``communique code``, killed and resumed.

1. Writes the Reuters stories as communique JSON Lines (``id``/``text``/``title``/``date``).
2. Runs ``communique code FILE --db DB --workers N`` and kills it (SIGKILL, whole process
   group) once ``--kill-at`` documents have come out, as a crash or a lost laptop would.
3. Reruns the same command with ``--resume`` and lets it finish.
4. Checks the store holds every article exactly once, and prints the resident memory of
   the run over time (main process and largest worker) so flatness can be seen.

    python benchmarks/corpus_run.py --shared ../shared --articles 20000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

import psutil
from news import reuters_records


def write_corpus(shared: Path, target: Path, count: int) -> int:
    with target.open("w", encoding="utf-8") as out:
        written = 0
        for record in islice(reuters_records(shared), count):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            written += 1
    return written


def count_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(1 for _ in handle)
    except FileNotFoundError:
        return 0


def tree_rss(proc: psutil.Process) -> tuple[int, int]:
    """RSS of the main process and of its largest child (a worker), in bytes."""
    try:
        main = proc.memory_info().rss
        children = proc.children(recursive=True)
    except psutil.Error:
        return 0, 0
    worker = 0
    for child in children:
        try:
            worker = max(worker, child.memory_info().rss)
        except psutil.Error:
            continue
    return main, worker


def run_phase(label: str, command: list[str], out: Path, log: list[dict], total: int,
              kill_at: int | None, started: float) -> dict:
    """Run one ``communique code`` process, sampling memory; kill it at ``kill_at`` outputs."""
    phase_start = time.perf_counter()
    with out.open("wb") as stdout, out.with_suffix(".stderr").open("wb") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr, start_new_session=True)
        watched = psutil.Process(process.pid)
        killed = False
        while process.poll() is None:
            time.sleep(2)
            done = count_lines(out)
            main, worker = tree_rss(watched)
            log.append({"phase": label, "t": round(time.perf_counter() - started, 1),
                        "done": done, "main_mib": main >> 20, "worker_mib": worker >> 20})
            print(f"[{label}] {log[-1]['t']:7.1f}s {done:6d}/{total} main {main >> 20} MiB, "
                  f"largest worker {worker >> 20} MiB", flush=True)
            if kill_at is not None and done >= kill_at:
                os.killpg(process.pid, signal.SIGKILL)
                killed = True
        process.wait()
    seconds = time.perf_counter() - phase_start
    return {"phase": label, "seconds": round(seconds, 1), "documents_out": count_lines(out),
            "returncode": process.returncode, "killed": killed}


def stored_counts(db: Path) -> tuple[int, int]:
    """(rows, distinct ids) in the store's articles table."""
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        table = "articles" if _has_table(con, "articles") else "documents"
        return con.execute(f"SELECT count(*), count(DISTINCT id) FROM {table}").fetchone()


def _has_table(con, name: str) -> bool:  # noqa: ANN001 - duckdb connection
    return bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                            [name]).fetchone()[0])


def distinct_texts(corpus: Path) -> int:
    with corpus.open(encoding="utf-8") as handle:
        return len({json.loads(line)["text"] for line in handle})


def ids_out(*outputs: Path) -> set[str]:
    seen: set[str] = set()
    for path in outputs:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                try:
                    seen.add(json.loads(line)["id"])
                except json.JSONDecodeError:
                    continue  # the last line of a killed run may be cut short
    return seen


def summarise(log: list[dict]) -> None:
    """Memory in each quarter of the run: flat means the last quarter is like the first."""
    coded = [row for row in log if row["done"] > 0]
    if len(coded) < 4:
        return
    quarter = len(coded) // 4
    for number in range(4):
        part = coded[number * quarter : (number + 1) * quarter] or coded[-1:]
        print(f"  quarter {number + 1}: main max {max(r['main_mib'] for r in part)} MiB, "
              f"largest worker max {max(r['worker_mib'] for r in part)} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default="../shared", type=Path)
    parser.add_argument("--articles", default=20_000, type=int)
    parser.add_argument("--workers", default=2, type=int)
    parser.add_argument("--kill-at", default=None, type=int,
                        help="kill the first run after this many documents (default: half)")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="communique-corpus-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus, db = work / "reuters.jsonl", work / "corpus.duckdb"
    db.unlink(missing_ok=True)
    total = write_corpus(args.shared, corpus, args.articles)
    print(f"{total} Reuters articles in {corpus}; store {db}", flush=True)
    command = [sys.executable, "-m", "communique", "code", str(corpus), "--db", str(db),
               "--workers", str(args.workers), "--quiet"]
    log: list[dict] = []
    started = time.perf_counter()
    first = run_phase("first", command, work / "first.jsonl", log, total,
                      args.kill_at or total // 2, started)
    second = run_phase("resume", [*command, "--resume"], work / "resume.jsonl", log, total,
                       None, started)
    rows, distinct = stored_counts(db)
    (work / "memory.json").write_text(json.dumps(log))
    print(json.dumps({"first": first, "resume": second}, indent=1))
    texts, seen = distinct_texts(corpus), ids_out(work / "first.jsonl", work / "resume.jsonl")
    # the store keeps one copy of a text (wire services repeat stories under new ids), so
    # ``rows`` should equal the distinct texts, and every id must have come out at least once
    print(f"store: {rows} article rows, {distinct} distinct ids; corpus: {total} articles, "
          f"{texts} distinct texts; ids in the output: {len(seen)} "
          f"({'OK' if rows == distinct == texts and len(seen) == total else 'MISMATCH'})")
    print(f"total {time.perf_counter() - started:.0f} s; memory log {work / 'memory.json'}")
    summarise(log)


if __name__ == "__main__":
    main()
