"""The crawl lock: exclusive across processes, released when the holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.crawl.lock import CrawlLock, LockHeld, crawl_alive
from newscrawl.crawl.status import seen_runs

HOLD = (
    "import sys, time; from newscrawl.crawl.lock import CrawlLock; "
    "CrawlLock(sys.argv[1]).acquire(); print('held', flush=True); time.sleep(60)"
)


def test_lock_is_exclusive_and_reusable(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with CrawlLock(db), pytest.raises(LockHeld, match="already running"):
        CrawlLock(db).acquire()
    with CrawlLock(db):
        pass


def test_lock_of_a_killed_process_is_free(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(LockHeld, match=f"pid {holder.pid}"):
        CrawlLock(db).acquire()
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    time.sleep(0.05)
    with CrawlLock(db):
        pass


def test_crawl_alive_reads_the_holders_pid(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    assert not crawl_alive(db)  # no lock file
    with CrawlLock(db):
        assert crawl_alive(db)  # this process
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    assert crawl_alive(db)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    assert not crawl_alive(db)  # its pid is still written, the process gone
    Path(f"{db}.lock").write_text("garbage")
    assert not crawl_alive(db)


def test_a_run_recorded_as_running_with_no_crawl_alive_is_seen_interrupted() -> None:
    rows = [{"id": 2, "status": "running"}, {"id": 1, "status": "finished"}]
    assert seen_runs(rows, alive=True) == rows
    assert [r["status"] for r in seen_runs(rows, alive=False)] == ["interrupted", "finished"]
