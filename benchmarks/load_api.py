"""Bounded load test of ``GET /api/events`` from a second process, on 127.0.0.1 only.

Starts ``communique serve`` as a subprocess over a store (``--db``, or a synthetic store of
``--synthetic N`` fake articles built here without spaCy), then sends a fixed number of
requests from several threads with a wall-clock limit, and prints requests/s, latency
percentiles and errors.

    python benchmarks/load_api.py --synthetic 2000 --requests 2000 --threads 4
    python benchmarks/load_api.py --db communique.duckdb
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import httpx

from communique.document import Actor, Document, Event, Evidence
from communique.store.db import open_store

CODES = ["CHN", "RUS", "USA", "UKR", "FRA", "IND", "IRN", "ISR"]
TYPES = [("CONSULT", "042", 1.9), ("THREATEN", "138", -7.0), ("AGREE", "057", 8.0),
         ("ASSAULT", "190", -10.0), ("ACCUSE", "112", -2.0)]


def synthetic_store(path: Path, articles: int, seed: int = 7) -> None:
    """A store of fake coded articles (one event each) spread over a year."""
    rng = random.Random(seed)
    with open_store(path) as store:
        for n in range(articles):
            a, b = rng.sample(CODES, 2)
            etype, cameo, goldstein = rng.choice(TYPES)
            day = date(2023, 1, 1) + timedelta(days=rng.randrange(365))
            text = f"{a} and {b}: event {n} of type {etype.lower()} reported on {day}."
            event = Event(event_type=etype, cameo=cameo, goldstein=goldstein, plover_score=goldstein / 2,
                          actor=[Actor(text=a, name=a, code=a, sector="GOV")],
                          recipient=[Actor(text=b, name=b, code=b, sector="GOV")],
                          date=day.isoformat(), date_precision="day", id=f"syn-{n}",
                          evidence=Evidence(text=text, start=0, end=len(text), trigger=etype.lower()))
            doc = Document(text=text, id=f"syn-doc-{n}", published=day.isoformat(), source="synthetic")
            doc.events = [event]
            store.add(doc)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(db: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "communique", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"server exited: {server.stderr.read().decode(errors='replace')}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.terminate()
    raise SystemExit("server did not answer within 30 s")


def random_query(rng: random.Random) -> dict[str, str]:
    """A mix of what the dashboard asks: plain pages, filters, date ranges, deep pages."""
    query: dict[str, str] = {"limit": str(rng.choice([20, 50, 100])), "offset": str(rng.choice([0, 0, 50, 500]))}
    if rng.random() < 0.5:
        query["actor"] = rng.choice(CODES)
    if rng.random() < 0.3:
        query["recipient"] = rng.choice(CODES)
    if rng.random() < 0.3:
        query["type"] = rng.choice(TYPES)[0]
    if rng.random() < 0.3:
        query["since"], query["until"] = "2023-03-01", "2023-06-30"
    return query


def worker(base: str, quota: int, deadline: float, seed: int, latencies: list, statuses: Counter,
           lock: threading.Lock) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=15) as client:
        for _ in range(quota):
            if time.monotonic() > deadline:
                return
            started = time.perf_counter()
            try:
                status = str(client.get("/api/events", params=random_query(rng)).status_code)
            except httpx.HTTPError as exc:
                status = type(exc).__name__
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                statuses[status] += 1


def run_load(base: str, requests: int, threads: int, seconds: float) -> dict:
    latencies: list[float] = []
    statuses: Counter = Counter()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds
    quota = -(-requests // threads)
    pool = [threading.Thread(target=worker, args=(base, quota, deadline, i, latencies, statuses, lock))
            for i in range(threads)]
    started = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - started
    return {"wall": wall, "latencies": sorted(latencies), "statuses": statuses}


def report(result: dict, threads: int) -> None:
    lat = result["latencies"]
    done = len(lat)
    errors = sum(n for status, n in result["statuses"].items() if status != "200")

    def pct(p: float) -> float:
        return lat[min(done - 1, int(p / 100 * done))] * 1000 if done else float("nan")

    print(f"requests: {done} in {result['wall']:.1f} s with {threads} threads "
          f"-> {done / result['wall']:.1f} requests/s")
    print(f"latency ms: p50 {pct(50):.1f}  p90 {pct(90):.1f}  p99 {pct(99):.1f}  "
          f"max {lat[-1] * 1000 if lat else float('nan'):.1f}  mean {statistics.fmean(lat) * 1000 if lat else float('nan'):.1f}")
    print(f"errors: {errors} ({dict(result['statuses'])})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="an existing store (default: a synthetic one)")
    parser.add_argument("--synthetic", type=int, default=2000, help="fake articles when no --db")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=60, help="wall-clock limit")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "load.duckdb"
            synthetic_store(db, args.synthetic)
            print(f"synthetic store: {args.synthetic} articles")
        port = free_port()
        server = start_server(db, port)
        try:
            print(f"server pid {server.pid} on 127.0.0.1:{port}; client pid {os.getpid()}")
            report(run_load(f"http://127.0.0.1:{port}", args.requests, args.threads, args.seconds),
                   args.threads)
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
