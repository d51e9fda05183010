"""`serve` beside `watch` on a growing store: how soon a new event is visible, how fast the
API answers, and what publishing costs, at 10k, 100k and 1M events.

For each size the script
1. grows a store to that many events with synthetic rows written in bulk by DuckDB SQL
   (10 events per article, 30 countries, 10 PLOVER types, two years of dates);
2. times the previous way of letting readers in: one snapshot publish (checkpoint + copy of
   the whole file, ``store.connection.publish_snapshot``);
3. starts a writer process that runs watch cycles (the ``Watcher`` of ``communique watch``,
   every ``--every`` seconds) on a local feed that gains an article every ``--item-every``
   seconds, coding with the real pipeline (``--coder fake``: one event per article, no
   spaCy), with the store opened live as ``communique watch`` does; it logs each commit;
4. starts ``communique serve`` on that store, and for ``--seconds`` seconds
   - polls the store's reader (``open_reader(db).events(since_id=...)``, what serve calls)
     and the HTTP API (``/api/events?since_id=``) every 50 ms for new events: visibility =
     first seen minus the writer's commit, matched by article id (CLOCK_MONOTONIC is
     system-wide);
   - sends ``--threads`` streams of requests: ``/api/events`` with random filters and
     offsets (so the API's 2-second answer cache rarely helps), ``/api/counts`` (top
     dyads per week or month, over every event) and ``/api/dyad`` with
     random pairs, recording latencies.

    python benchmarks/live_store.py                        # 10k, 100k, 1M events
    python benchmarks/live_store.py --sizes 10000 --seconds 20 --coder fake

Numbers and their reading: docs/scale.md ("Serving a growing store").
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import httpx

COUNTRIES = ["CHN", "RUS", "USA", "UKR", "FRA", "DEU", "GBR", "IND", "JPN", "KOR", "PRK",
             "IRN", "ISR", "PSE", "SYR", "TUR", "SAU", "EGY", "BRA", "MEX", "CAN", "AUS",
             "ZAF", "NGA", "KEN", "ETH", "PAK", "AFG", "IDN", "VNM"]
TYPES = ["CONSULT", "SUPPORT", "ACCUSE", "REQUEST", "COOPERATE", "AID", "THREATEN",
         "PROTEST", "SANCTION", "ASSAULT"]
LEADERS = [("Chinese Foreign Minister Wang Yi", "Russian Foreign Minister Sergei Lavrov", "Moscow"),
           ("French President Emmanuel Macron", "German Chancellor Olaf Scholz", "Berlin"),
           ("Indian Prime Minister Narendra Modi", "Japanese Prime Minister Fumio Kishida", "Tokyo"),
           ("Turkish President Recep Tayyip Erdogan", "Egyptian President Abdel Fattah al-Sisi",
            "Cairo")]
EVENTS_PER_ARTICLE = 10


# 1. a big store, in bulk -------------------------------------------------------------------

def build_store(path: Path, events: int) -> float:
    """A v4 store holding ``events`` synthetic events; returns the seconds it took."""
    from communique.store import open_store

    started = time.perf_counter()
    open_store(path, live=True).close()  # the schema, as communique creates it
    articles = events // EVENTS_PER_ARTICLE
    con = duckdb.connect(str(path))
    con.execute("SET enable_progress_bar = false")
    con.execute(f"CREATE TEMP TABLE c AS SELECT * FROM (VALUES {_values(COUNTRIES)}) t(i, code)")
    con.execute(f"CREATE TEMP TABLE k AS SELECT * FROM (VALUES {_values(TYPES)}) t(i, kind)")
    con.execute(f"""INSERT INTO articles (id, text_hash, title, published, source, url, text,
        dateline, meta, contract_version)
        SELECT 'syn-' || i, md5('syn-' || i), 'Synthetic article ' || i,
               CAST(DATE '2024-01-01' + CAST(i % 730 AS INTEGER) AS VARCHAR),
               'Source ' || (i % 7), 'http://127.0.0.1/syn/' || i,
               'Synthetic article ' || i || '. ' || repeat('Ministers met and talked. ', 12),
               'null', '{{}}', '1'
        FROM range({articles}) r(i)""")
    con.execute(f"""INSERT INTO events (id, article_id, seq, event_type, mode, cameo, goldstein,
        plover_score, quad, date, date_precision, date_start, date_end, actor_codes,
        actor_cameos, recipient_codes, recipient_cameos, location_name, location_country,
        lat, lon, negated, hypothetical, reported_past, confidence, story_id, data)
        SELECT 'syn-ev' || n, 'syn-' || (n // {EVENTS_PER_ARTICLE}), n % {EVENTS_PER_ARTICLE},
          k.kind, NULL, '040', 1.0, 2.0, 1, CAST(d AS VARCHAR), 'day', d, d,
          [a.code], [a.code || 'GOV'], [b.code], [b.code || 'GOV'], 'Capital', b.code, 1.0,
          2.0, false, false, false, 0.8, 'syn-ev' || n,
          to_json({{id: 'syn-ev' || n, event_type: k.kind, mode: NULL, context: [],
            cameo: '040', goldstein: 1.0, plover_score: 2.0, quad: 1,
            actor: [{{text: a.code, name: a.code, code: a.code, sector: 'GOV',
                      cameo: a.code || 'GOV'}}],
            recipient: [{{text: b.code, name: b.code, code: b.code, sector: 'GOV',
                          cameo: b.code || 'GOV'}}],
            date: CAST(d AS VARCHAR), date_precision: 'day',
            location: {{name: 'Capital', country: b.code, lat: 1.0, lon: 2.0}},
            evidence: {{text: 'The ministers met in the capital on Monday.', start: 0,
                        "end": 44, trigger: 'met'}},
            negated: false, hypothetical: false, reported_past: false, confidence: 0.8}})
        FROM (SELECT n, DATE '2024-01-01' + CAST(n % 730 AS INTEGER) AS d,
                     hash(n) % 30 AS ai, hash(n + 7) % 30 AS bi, hash(n + 3) % 10 AS ki
              FROM range({events}) r(n)) s
        JOIN c a ON a.i = s.ai JOIN c b ON b.i = s.bi JOIN k ON k.i = s.ki""")
    con.execute("""INSERT INTO actors SELECT e.id, e.article_id, r.role, 0, r.code, r.code,
        r.code, 'GOV', r.code || 'GOV' FROM events e, LATERAL (VALUES
        ('actor', e.actor_codes[1]), ('recipient', e.recipient_codes[1])) r(role, code)""")
    con.execute("CHECKPOINT")
    con.close()
    return time.perf_counter() - started


def _values(names: list[str]) -> str:
    return ", ".join(f"({i}, '{name}')" for i, name in enumerate(names))


def snapshot_publish_seconds(path: Path) -> float:
    """The previous mechanism: one publish (checkpoint, copy the whole file, rename)."""
    from communique.store.connection import publish_snapshot, snapshot_path

    con = duckdb.connect(str(path))
    started = time.perf_counter()
    publish_snapshot(con, path)
    seconds = time.perf_counter() - started
    con.close()
    snapshot_path(path).unlink(missing_ok=True)
    return seconds


# 2. a feed that keeps growing ----------------------------------------------------------------

class GrowingFeed:
    """A local RSS feed (127.0.0.1) that gains one article every ``every`` seconds."""

    def __init__(self, every: float) -> None:
        self.items: list[tuple[int, bytes]] = []
        self.every = every
        self.stop = threading.Event()
        feed = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 - the http.server API
                body = feed.page(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        threading.Thread(target=self._grow, daemon=True).start()

    def _grow(self) -> None:
        n = 0
        while not self.stop.wait(self.every):
            self.items.append((n, article_html(n)))
            n += 1

    def page(self, path: str) -> bytes:
        if path == "/feed.xml":
            entries = "".join(
                f"<item><title>Story {n}</title><link>{self.base}/a/{n}</link>"
                f"<guid>{self.base}/a/{n}</guid><pubDate>Mon, 02 Dec 2026 08:00:00 GMT</pubDate>"
                "</item>" for n, _ in self.items[-50:])
            return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Bench</title>'
                    f"{entries}</channel></rss>").encode()
        if path.startswith("/a/"):
            n = int(path[3:])
            return self.items[n][1] if n < len(self.items) else b""
        return b""

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()


def article_html(n: int) -> bytes:
    a, b, city = LEADERS[n % len(LEADERS)]
    text = (f"<p>{a} met {b} in {city} on Monday, report number {n}.</p>"
            f"<p>{a.split()[-1]} accused the opposition of blocking the talks.</p>"
            f"<p>Police arrested {n % 50 + 2} protesters outside the ministry.</p>")
    return f"<html><body><article><h1>Story {n}</h1>{text}</article></body></html>".encode()


# 3. the writer: watch cycles, commits logged -------------------------------------------------

def run_writer(db: str, feed_url: str, every: float, coder: str) -> None:
    """Watch cycles into ``db`` until standard input closes; one JSON line per commit."""
    from communique.feeds.http import Fetcher, FetchSettings
    from communique.feeds.watch import Watcher, pipeline_coder
    from communique.store import open_store

    code = pipeline_coder() if coder == "real" else _fake_coder
    if coder == "real":
        code([])  # load the pipeline before the clock starts
        from communique.api import load
        list(load().pipe([]))
    store = open_store(db, live=True)
    plain_add = store.add_many

    def logged_add(docs, **kwargs):
        started = time.monotonic()
        added = plain_add(docs, **kwargs)
        if docs:
            print(json.dumps({"commit": time.monotonic(), "seconds": time.monotonic() - started,
                              "articles": [d.id for d in docs]}), flush=True)
        return added

    store.add_many = logged_add
    fetcher = Fetcher(FetchSettings.default(per_host_interval_seconds=0))
    watcher = Watcher(store, [feed_url], fetcher=fetcher, code=code)
    print(json.dumps({"ready": True}), flush=True)
    stop = threading.Event()
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    while not stop.is_set():
        started = time.monotonic()
        watcher.run_cycle()
        stop.wait(max(0.0, every - (time.monotonic() - started)))
    store.close()


def _fake_coder(docs: list) -> list:
    from communique.document import Actor, Event, Evidence

    for doc in docs:
        who = Actor(text="Wang Yi", name="Wang Yi", code="CHN", sector="GOV")
        doc.events = [Event(event_type="CONSULT", cameo="040", goldstein=1.0, plover_score=2.5,
                            quad=1, actor=[who], recipient=[], date="2026-12-02",
                            date_precision="day", id=f"{doc.id}-ev0",
                            evidence=Evidence(text=doc.text[:20], start=0, end=20,
                                              trigger="met"))]
    return docs


# 4. measuring ------------------------------------------------------------------------------

class Visibility:
    """First time each article's events were seen by a poller."""

    def __init__(self) -> None:
        self.seen: dict[str, float] = {}
        self.lock = threading.Lock()

    def saw(self, items: list[dict]) -> int:
        now = time.monotonic()
        with self.lock:
            for item in items:
                self.seen.setdefault(item["article_id"], now)
        return max((item["ingest_id"] for item in items), default=0)


def poll_reader(db: Path, since: int, out: Visibility, stop: threading.Event) -> None:
    from communique.store.live import open_reader

    reader = open_reader(db)
    while not stop.is_set():
        since = max(since, out.saw(reader.events(since_id=since, limit=500)))
        time.sleep(0.05)
    reader.close()


def poll_api(base: str, since: int, out: Visibility, stop: threading.Event) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        while not stop.is_set():
            answer = client.get("/api/events", params={"since_id": since, "limit": 500}).json()
            since = max(since, out.saw(answer.get("items", [])))
            time.sleep(0.05)


def load(base: str, latencies: dict[str, list[float]], stop: threading.Event, seed: int) -> None:
    rng = random.Random(seed)
    with httpx.Client(base_url=base, timeout=30) as client:
        while not stop.is_set():
            draw = rng.random()
            if draw < 0.6:
                name, path = "events", "/api/events"
                params = {"offset": rng.randrange(0, 2000), "limit": 50}
                if rng.random() < 0.5:
                    params["actor"] = rng.choice(COUNTRIES)
                if rng.random() < 0.3:
                    params["type"] = rng.choice(TYPES)
            elif draw < 0.8:
                name, path = "dyad", "/api/dyad"
                params = {"a": rng.choice(COUNTRIES), "b": rng.choice(COUNTRIES)}
            else:  # the dyad counts an analyst asks first: top dyads per week (the synthetic
                # rows are all of one quad class, so no quad filter: every event is counted)
                name, path = "counts", "/api/counts"
                params = {"by": "dyad", "period": rng.choice(["week", "month"]),
                          "top": rng.randrange(5, 50)}  # varied: the 2-s answer cache rarely helps
            started = time.perf_counter()
            status = client.get(path, params=params).status_code
            latencies.setdefault(name if status == 200 else f"{name} HTTP {status}", []).append(
                time.perf_counter() - started)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(base: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("communique serve did not start")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def measure(db: Path, args: argparse.Namespace) -> dict:
    feed = GrowingFeed(args.item_every)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writer = subprocess.Popen(
        [sys.executable, __file__, "--writer", str(db), feed.base + "/feed.xml",
         "--every", str(args.every), "--coder", args.coder],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    commits: list[dict] = []
    ready = threading.Event()

    def read_log() -> None:
        for line in writer.stdout:
            message = json.loads(line)
            ready.set() if "ready" in message else commits.append(message)

    threading.Thread(target=read_log, daemon=True).start()
    ready.wait(300)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(db),
                               "--port", str(port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base)
        return _run_load(db, base, args, commits)
    finally:
        writer.stdin.close()
        writer.wait(timeout=120)
        server.terminate()
        server.wait(timeout=30)
        feed.close()


def _run_load(db: Path, base: str, args: argparse.Namespace, commits: list[dict]) -> dict:
    from communique.store.live import open_reader

    with open_reader(db) as reader:
        since = reader.updates()["last_id"]
    stop = threading.Event()
    by_reader, by_api = Visibility(), Visibility()
    latencies: dict[str, list[float]] = {}
    threads = [threading.Thread(target=poll_reader, args=(db, since, by_reader, stop)),
               threading.Thread(target=poll_api, args=(base, since, by_api, stop))]
    threads += [threading.Thread(target=load, args=(base, latencies, stop, seed))
                for seed in range(args.threads)]
    for thread in threads:
        thread.start()
    time.sleep(args.seconds)
    stop.set()
    for thread in threads:
        thread.join()
    return summarise(commits, by_reader, by_api, latencies)


def summarise(commits: list[dict], by_reader: Visibility, by_api: Visibility,
              latencies: dict[str, list[float]]) -> dict:
    lags: dict[str, list[float]] = {"reader": [], "api": []}
    for commit in commits:
        for name, seen in (("reader", by_reader.seen), ("api", by_api.seen)):
            times = [seen[a] for a in commit["articles"] if a in seen]
            if times:
                lags[name].append(min(times) - commit["commit"])
    summary = {"commits": len(commits),
               "commit_p50_ms": 1000 * statistics.median(c["seconds"] for c in commits)
               if commits else float("nan")}
    for name, values in lags.items():
        summary[f"visible_{name}_p50_ms"] = 1000 * pct(values, 0.5)
        summary[f"visible_{name}_max_ms"] = 1000 * max(values) if values else float("nan")
    for name, values in sorted(latencies.items()):
        summary[f"{name}_n"] = len(values)
        summary[f"{name}_p50_ms"] = 1000 * pct(values, 0.5)
        summary[f"{name}_p99_ms"] = 1000 * pct(values, 0.99)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--every", type=float, default=1.0, help="watch cycle (seconds)")
    parser.add_argument("--item-every", type=float, default=0.5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--coder", choices=["real", "fake"], default="real")
    parser.add_argument("--writer", nargs=2, metavar=("DB", "FEED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.writer:
        run_writer(args.writer[0], args.writer[1], args.every, args.coder)
        return
    folder = Path(tempfile.mkdtemp(prefix="communique-live-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            db = folder / f"store-{size}.duckdb"
            built = build_store(db, size)
            mib = db.stat().st_size / 2**20
            copy = snapshot_publish_seconds(db)
            print(f"{size:>9,} events: built in {built:.1f} s, {mib:.0f} MiB; "
                  f"one snapshot publish (old way) {copy * 1000:.0f} ms", flush=True)
            result = measure(db, args)
            print("           " + json.dumps({k: round(v, 1) if isinstance(v, float) else v
                                              for k, v in result.items()}), flush=True)
            shutil.rmtree(folder / f"store-{size}.duckdb", ignore_errors=True)
            for leftover in folder.glob(f"store-{size}.duckdb*"):
                leftover.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
