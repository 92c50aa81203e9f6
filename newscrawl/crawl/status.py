"""How a crawl run ended: its status in ``crawl_runs.status`` and the command's exit status.

One table, read by the store stage (which records the status), the CLI (which exits with the
code) and ``newscrawl schedule`` (which names the code). No Scrapy here: Scrapy's close reason
comes in as a string.

======  ===========  ===========================================================================
 exit    status       meaning
======  ===========  ===========================================================================
 0       finished     the crawl ran to its end (pages that failed on the web side are in ``pages``)
 1       failed       a database write failed (disk full, ...), or nothing was reachable
 2                    a mistake in the input; nothing was written (no run is recorded)
 3                    busy: another crawl holds the database (no run is recorded)
 4       interrupted  stopped by a signal (SIGTERM, SIGINT, SIGHUP), or found dead by the next run
 5       timeout      stopped by a limit: ``CLOSESPIDER_TIMEOUT`` and the other ``CLOSESPIDER_*``
======  ===========  ===========================================================================
"""

from __future__ import annotations

__all__ = [
    "BUSY_EXIT", "EXIT_CODES", "FAILED", "FINISHED", "INTERRUPTED", "RUNNING", "TIMEOUT",
    "USER_ERROR_EXIT", "run_status", "seen_runs",
]

RUNNING = "running"
FINISHED = "finished"
FAILED = "failed"
INTERRUPTED = "interrupted"
TIMEOUT = "timeout"

EXIT_CODES = {FINISHED: 0, FAILED: 1, INTERRUPTED: 4, TIMEOUT: 5}
USER_ERROR_EXIT = 2
BUSY_EXIT = 3

# Scrapy's close reason when the crawl was stopped from outside (a signal): ``engine.stop``.
_SHUTDOWN = "shutdown"


def run_status(reason: str | None, *, failure: str | None = None, nothing_reachable: bool = False) -> str:
    """The status of a run that Scrapy closed with ``reason``.

    ``failure``: a write failed (the store stage's flag); it decides whatever the reason.
    ``nothing_reachable``: every request failed with a network error and none was answered.
    """
    if failure is not None or reason == FAILED:
        return FAILED
    if reason == _SHUTDOWN:
        return INTERRUPTED
    if reason and reason.startswith("closespider_"):
        return TIMEOUT
    if nothing_reachable:
        return FAILED
    if reason in (None, FINISHED):
        return FINISHED
    return FAILED  # "cancelled", "start_error", ...: the crawl did not run as asked


def seen_runs(rows: list[dict], alive: bool) -> list[dict]:
    """Runs (``Store.runs``) as a reader should see them: one still recorded as running while
    no crawl is alive (:func:`newscrawl.crawl.lock.crawl_alive`) was killed, and shows as
    interrupted, what the next crawl will record it as."""
    if alive:
        return rows
    return [{**row, "status": INTERRUPTED} if row.get("status") == RUNNING else row for row in rows]
