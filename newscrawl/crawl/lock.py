"""One crawl per database at a time: an advisory lock file beside the database.

``fcntl.flock`` locks belong to the open file, so the operating system releases them when
the process ends, however it ends (even SIGKILL): a stale lock file never blocks a new run.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType


class LockHeld(Exception):
    """Another process is crawling into the same database."""


class CrawlLock:
    """Exclusive, non-blocking lock on ``<db>.lock``; a context manager."""

    def __init__(self, db: Path | str) -> None:
        self.path = Path(f"{db}.lock")
        self._fd: int | None = None

    def acquire(self) -> CrawlLock:
        """Take the lock or raise :class:`LockHeld` naming the holder."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "another process"
            os.close(fd)
            raise LockHeld(
                f"{self.path.with_suffix('')}: a crawl is already running into this database "
                f"({holder}); wait for it to finish or use another --db"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}\n".encode(), 0)
        self._fd = fd
        return self

    def release(self) -> None:
        """Release the lock (the file stays; it is reused next time)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> CrawlLock:
        return self.acquire()

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()


def crawl_alive(db: Path | str) -> bool:
    """Whether the process that last took ``db``'s crawl lock is still alive: the lock file
    names it (``pid N``). False without a file or a pid, or when that process is gone (a
    crawl killed with SIGKILL leaves its run recorded as running). Read only: taking the lock
    to test it could refuse a crawl starting at that moment."""
    try:
        written = Path(f"{db}.lock").read_text(encoding="utf-8", errors="replace").split()
    except OSError:
        return False
    if len(written) < 2 or written[0] != "pid" or not written[1].isdigit():
        return False
    try:
        os.kill(int(written[1]), 0)
    except ProcessLookupError:
        return False
    except OSError:  # alive, another user's
        return True
    return True
