"""Workers and a real Dask cluster give output identical to a one-process run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique import Config, make_document
from communique.runner import code_stream

TEXTS = [
    "WASHINGTON, March 6 - The United States imposed sanctions on Iran on Tuesday.",
    "MOSCOW, Sept. 18 (Xinhua) -- Chinese Foreign Minister Wang Yi met Russian Foreign Minister Sergei Lavrov.",
    "Police arrested 20 protesters in Nairobi on Monday, officials said.",
    "Rebels attacked an army base near Goma, killing five soldiers.",
    "The European Union praised Japan's decision to increase aid to Ukraine.",
]


def _docs():
    return [make_document(t, id=f"a{i}", published="2023-09-19") for i, t in enumerate(TEXTS)]


def _dicts(docs):
    return [d.to_dict() for d in docs]


@pytest.fixture(scope="module")
def single_run():
    return _dicts(code_stream(_docs(), Config()))


def test_two_workers_match_one(single_run):
    assert _dicts(code_stream(_docs(), Config(), workers=2)) == single_run


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def dask_cluster():
    bin_dir = Path(sys.executable).parent
    dask = bin_dir / "dask"
    if not dask.exists():
        pytest.skip("dask command not installed in this environment")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    procs = [subprocess.Popen([str(dask), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, env=env)]
    time.sleep(2)
    for _ in range(2):
        procs.append(subprocess.Popen([str(dask), "worker", address, "--nworkers", "1",
                                       "--nthreads", "1", "--no-dashboard", "--host", "127.0.0.1"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
    try:
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            proc.wait(timeout=30)


def test_dask_cluster_matches_local(single_run, dask_cluster):
    assert _dicts(code_stream(_docs(), Config(), scheduler=dask_cluster)) == single_run
