"""A writer process for the concurrency and fault tests: adds fake articles to a store.

usage: python writer_script.py DB COUNT [TEXT_BYTES] [FSIZE_LIMIT]
Prints "started" once the store is open, then one line per article added; on a StoreError
prints "store-error: <message>" and exits 3.
"""

from __future__ import annotations

import resource
import signal
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fakes import make_doc, make_event  # noqa: E402

from communique.errors import StoreError  # noqa: E402
from communique.store import open_store  # noqa: E402


def main() -> int:
    db, count = sys.argv[1], int(sys.argv[2])
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    if len(sys.argv) > 4:  # simulate a full disk: writes past this size fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = int(sys.argv[4])
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    try:
        with open_store(db, publish_every=0.2) as store:
            print("started", flush=True)
            for i in range(count):
                text = f"article {i} " + "x" * size
                store.add(make_doc(f"w{i}", make_event(), make_event("SUPPORT"), text=text))
                print(f"added w{i}", flush=True)
    except StoreError as exc:
        print(f"store-error: {exc.message}", flush=True)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
