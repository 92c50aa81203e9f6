"""The crawl's extraction pool started early (newscrawl/crawl/extractpool.py): claimed by the
extract stage of the crawl that follows, or shut down when nobody claims it."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from smallweb import QUICK, crawl

from newscrawl.crawl import extractpool
from newscrawl.crawl.blas import BLAS_THREADS_ENV
from newscrawl.crawl.fixture_web import FixtureWeb

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the early start needs os.fork")


def _pool_processes() -> list[int]:
    """The extraction pools' processes below this one: a pool's first process (loading, or
    waiting for its workers once it has forked them) and its workers."""
    parents, cmdlines = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            cmdlines[int(entry)] = Path(f"/proc/{entry}/cmdline").read_bytes()
        except OSError:
            continue
        parents[int(entry)] = int(stat[1])

    def below_us(pid: int) -> bool:
        while pid > 1:
            pid = parents.get(pid, 0)
            if pid == os.getpid():
                return True
        return False

    return [pid for pid, cmdline in cmdlines.items()
            if below_us(pid) and (b"_first_worker" in cmdline or b"os.wait()" in cmdline)]


def _gone(deadline: float = 15.0) -> bool:
    """No pool process below this one, once the pools still starting in the background have
    started (their first process may not exist yet) and been shut down."""
    end = time.monotonic() + deadline
    for thread in threading.enumerate():
        if thread.name in ("newscrawl-pool-early", "newscrawl-pool-start"):
            thread.join(timeout=max(0.0, end - time.monotonic()))
    while _pool_processes():
        if time.monotonic() > end:
            return False
        time.sleep(0.1)
    return True


@pytest.fixture(autouse=True)
def _no_pool_left() -> None:
    # a crawl run in this process by an earlier test discards its pool as it ends (shut down
    # in the background when it was still starting): wait for it, as the checks count pools
    assert _gone(), "a pool started by an earlier test is still running"
    yield
    extractpool.discard()
    assert _gone(), "a pool started early outlived its test"


def test_a_pool_started_early_is_claimed_once_with_its_size() -> None:
    assert extractpool.start_early(2)
    assert not extractpool.start_early(2)  # one at a time
    assert extractpool.claim(1) is None  # another size: not this crawl's pool
    claimed = extractpool.claim(2)
    assert claimed is not None
    assert extractpool.claim(2) is None  # taken
    starting, line = claimed
    pool = starting.result(timeout=120)
    try:
        pids = {pool.submit(os.getpid).result(timeout=60) for _ in range(20)}
        assert os.getpid() not in pids
        assert pids <= set(_pool_processes())  # what the clean-up check below looks for
        # numpy's OpenBLAS kept to one thread in the workers (newscrawl/crawl/blas.py)
        blas_threads = pool.submit(os.getenv, BLAS_THREADS_ENV).result(timeout=60)
        assert blas_threads == os.environ.get(BLAS_THREADS_ENV, "1")
    finally:
        pool.shutdown(wait=True)
        line.close()


def test_a_pool_nobody_claims_is_shut_down_even_while_it_starts() -> None:
    assert extractpool.start_early(1)
    extractpool.discard()  # still loading: shut down once it has started
    assert _gone()
    assert extractpool.claim(1) is None


def test_only_a_crawl_with_the_extract_stage_starts_one() -> None:
    no_extraction = {"ITEM_PIPELINES": {"newscrawl.pipelines.store.StorePipeline": 500}}
    assert not extractpool.start_for_crawl(no_extraction)
    assert not extractpool.start_for_crawl({"NEWSCRAWL_EXTRACT_WORKERS": "many"})  # the crawl says so
    assert not _pool_processes()
    assert extractpool.start_for_crawl({"NEWSCRAWL_EXTRACT_WORKERS": "1"})
    assert extractpool.claim(1) is not None or pytest.fail("not claimable with its size")


@pytest.mark.slow
def test_the_crawl_takes_the_pool_it_started_early(fixture_web: FixtureWeb, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    crawl(fixture_web.sources_path, db, "--workers", "1", settings=QUICK)
    log = db.with_suffix(".log").read_text()
    assert "extraction pool: the one started early, 1 workers" in log
    assert "starting a new one" not in log
