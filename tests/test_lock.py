"""The crawl lock: exclusive across processes, released when the holder dies."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newscrawl.crawl.lock import CrawlLock, LockHeld

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
