"""The store's write path: articles/s of ``Store.add_many`` and the writer's resident memory.

Builds fake coded articles with realistic counts (about 3 kB of text, 25 entities, 6 events
with one or two actors each, 4 quotes, 5 places; dates spread over a year, 30 countries,
10 event types, so de-duplication finds candidates), adds them in batches of 32 as
``communique code --db`` does, and prints throughput and RSS.

    python benchmarks/store_write.py --articles 2000
    python benchmarks/store_write.py --articles 5000 --rss-every 500
    python benchmarks/store_write.py --articles 2000 --one-by-one   # Store.add per article
    python benchmarks/store_write.py --articles 5000 --memory-mb 0  # no memory cap
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import psutil

from communique.document import Actor, Document, Entity, Event, Evidence, Place, Quote, Speaker
from communique.store import open_store

COUNTRIES = ["CHN", "RUS", "USA", "UKR", "FRA", "DEU", "GBR", "IND", "JPN", "KOR", "PRK",
             "IRN", "ISR", "PSE", "SYR", "TUR", "SAU", "EGY", "BRA", "MEX", "CAN", "AUS",
             "ZAF", "NGA", "KEN", "ETH", "PAK", "AFG", "IDN", "VNM"]
EVENT_TYPES = ["CONSULT", "SUPPORT", "ACCUSE", "REQUEST", "COOPERATE", "AID", "THREATEN",
               "PROTEST", "SANCTION", "ASSAULT"]
WORDS = "minister talks border trade security sanctions meeting agreement troops".split()


def fake_actor(rng: random.Random) -> Actor:
    code = rng.choice(COUNTRIES)
    return Actor(text=f"{code} official", name=f"{code} Minister", code=code, sector="GOV")


def fake_event(rng: random.Random, doc_id: str, seq: int, day: date) -> Event:
    when = day - timedelta(days=rng.randint(0, 2))
    return Event(
        event_type=rng.choice(EVENT_TYPES), cameo="040", goldstein=1.0, plover_score=2.0,
        quad=1, evidence=Evidence(text="The ministers met in the capital.", start=0, end=33,
                                  trigger="met"),
        actor=[fake_actor(rng) for _ in range(rng.randint(1, 2))],
        recipient=[fake_actor(rng)] if rng.random() < 0.8 else [],
        date=when.isoformat(), date_precision="day",
        location={"name": "Capital", "country": rng.choice(COUNTRIES), "lat": 1.0, "lon": 2.0},
        id=f"{doc_id}-ev{seq}")


def fake_document(rng: random.Random, n: int, start: date) -> Document:
    doc_id = f"bench-{n}"
    day = start + timedelta(days=rng.randint(0, 364))
    text = f"Article {n}. " + " ".join(rng.choice(WORDS) for _ in range(420))
    doc = Document(text=text, id=doc_id, title=f"Title {n}", published=day.isoformat(),
                   source=rng.choice(["Xinhua", "TASS", "Reuters", "AP"]),
                   url=f"https://example.org/{n}")
    doc.entities = [Entity("Wang Yi", "PERSON", i * 10, i * 10 + 7, "Wang Yi", fake_actor(rng))
                    for i in range(25)]
    doc.places = [Place("Moscow", i * 20, i * 20 + 6, "Moscow", "RUS", 55.75, 37.62, 524901,
                        "city") for i in range(5)]
    doc.quotes = [Quote("We had good talks about trade.", i * 50, i * 50 + 30, True, "said",
                        Speaker("he", 33, 35, "Wang Yi", fake_actor(rng))) for i in range(4)]
    doc.events = [fake_event(rng, doc_id, i, day) for i in range(6)]
    return doc


def rss_mib() -> float:
    return psutil.Process().memory_info().rss / 2**20


def run(args: argparse.Namespace, db: Path) -> None:
    rng = random.Random(7)
    print(f"RSS before opening the store {rss_mib():.0f} MiB")
    wall = cpu = 0.0
    options = {} if args.memory_mb is None else {"memory_limit_mb": args.memory_mb or None}
    with open_store(db, **options) as store:
        for first in range(0, args.articles, args.batch):
            # built batch by batch, so the RSS seen is the store's, not the test data's
            batch = [fake_document(rng, n, date(2023, 1, 1))
                     for n in range(first, min(first + args.batch, args.articles))]
            started, started_cpu = time.perf_counter(), time.process_time()
            if args.one_by_one:
                for doc in batch:
                    store.add(doc)
            else:
                store.add_many(batch)
            wall += time.perf_counter() - started
            cpu += time.process_time() - started_cpu
            done = first + len(batch)
            if args.rss_every and done % args.rss_every < args.batch:
                print(f"  {done:6d} articles  RSS {rss_mib():6.0f} MiB  "
                      f"{done / wall:7.1f} articles/s so far")
        stats = store.stats()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stored {stats['articles']} articles, {stats['events']} events")
    print(f"add: {wall:.2f} s wall, {cpu:.2f} s CPU -> {args.articles / wall:.1f} articles/s, "
          f"{1000 * wall / args.articles:.2f} ms/article wall, "
          f"{1000 * cpu / args.articles:.2f} ms/article CPU")
    print(f"RSS at end {rss_mib():.0f} MiB, peak {peak:.0f} MiB; "
          f"store file {db.stat().st_size / 2**20:.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--rss-every", type=int, default=0)
    parser.add_argument("--one-by-one", action="store_true")
    parser.add_argument("--memory-mb", type=int, default=None,
                        help="the writer's DuckDB memory cap (0: DuckDB's default, 80%% of RAM)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        run(args, Path(folder) / "bench.duckdb")


if __name__ == "__main__":
    main()
