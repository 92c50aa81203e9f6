"""``newscrawl schedule``: run a crawl command again and again at a fixed interval.

Runs never overlap: the next one starts ``every`` after the previous one *started* (so the
schedule does not drift), or right after it ended when it took longer than that (never a
burst of catch-up runs). The crawl itself holds :class:`newscrawl.crawl.lock.CrawlLock` and exits
with status 3 when another process is crawling into the same database; such a run is
recorded as ``busy``. The other exit statuses name how the run ended
(:mod:`newscrawl.crawl.status`). No Scrapy here.
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from newscrawl.crawl.status import BUSY_EXIT, EXIT_CODES, FAILED, INTERRUPTED

__all__ = ["BUSY_EXIT", "RunOutcome", "format_interval", "parse_interval", "run_schedule"]

# What each exit status of `newscrawl crawl` says, as the schedule reports it.
_STATUS_OF_EXIT = {code: status for status, code in EXIT_CODES.items()} | {0: "ok", BUSY_EXIT: "busy"}
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}
_INTERVAL_RE = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")
_EXAMPLES = "e.g. 90s, 30m, 1h, 1h30m or 2d"
_MAX_SLEEP = 60.0  # sleep in slices so that a changed clock is noticed


def format_interval(interval: timedelta) -> str:
    """``timedelta(hours=1, minutes=30)`` -> ``"1h30m"`` (the inverse of :func:`parse_interval`)."""
    seconds = int(interval.total_seconds())
    parts = []
    for unit, size in _UNITS.items():
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count}{unit}")
    return "".join(parts) or "0s"


def parse_interval(text: str, *, minimum: timedelta = timedelta(minutes=1)) -> timedelta:
    """Parse ``"30m"``, ``"1h"``, ``"90s"``, ``"1h30m"``, ``"2d"`` (units in the order d, h, m, s).

    Raises ValueError with a message fit for the user when the text is not such an interval
    or is shorter than ``minimum``.
    """
    cleaned = re.sub(r"\s+", "", text or "").lower()
    if not cleaned:
        raise ValueError(f"no interval given; write a number with a unit, {_EXAMPLES}")
    if cleaned.startswith("-"):
        raise ValueError(f"{text!r}: the interval must be positive, {_EXAMPLES}")
    match = _INTERVAL_RE.fullmatch(cleaned)
    if not match or not any(match.groups()):
        hint = " (add a unit: s, m, h or d)" if cleaned.isdigit() else ""
        raise ValueError(f"{text!r} is not an interval{hint}; write whole numbers with units, {_EXAMPLES}")
    seconds = sum(int(v) * size for v, size in zip(match.groups(), _UNITS.values(), strict=True) if v)
    interval = timedelta(seconds=seconds)
    if seconds == 0:
        raise ValueError(f"{text!r} is zero; the interval must be at least {format_interval(minimum)}")
    if interval < minimum:
        raise ValueError(f"{text!r} is too short; the interval must be at least {format_interval(minimum)}")
    return interval


@dataclass
class RunOutcome:
    """One run of the scheduled command."""

    started: datetime  # aware UTC
    finished: datetime
    exit_code: int  # negative: killed by that signal
    status: str  # "ok" (exit 0), "failed" (1, 2 and unknown codes), "busy" (3: the database was
    # locked), "interrupted" (4, or killed by a signal), "timeout" (5)
    interrupted: bool = False  # Ctrl-C came during this run: the schedule stops after it

    @property
    def duration(self) -> timedelta:
        return self.finished - self.started


def _status(exit_code: int) -> str:
    if exit_code < 0:
        return INTERRUPTED  # killed by a signal
    return _STATUS_OF_EXIT.get(exit_code, FAILED)


def _run(command: Sequence[str]) -> tuple[int, bool]:
    """Run ``command`` to its end: ``(exit code, interrupted)``.

    Ctrl-C reaches the child too (same process group), so on KeyboardInterrupt the child is
    waited for, letting it finish its shutdown; ``interrupted`` tells the caller to stop.
    """
    proc = subprocess.Popen(list(command))
    interrupted = False
    while True:
        try:
            return proc.wait(), interrupted
        except KeyboardInterrupt:
            interrupted = True


def run_schedule(
    command: Sequence[str],
    every: timedelta,
    *,
    max_runs: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    on_outcome: Callable[[RunOutcome], None] | None = None,
) -> list[RunOutcome]:
    """Run ``command`` now and then every ``every``, until ``max_runs`` runs or Ctrl-C.

    The command's stdout and stderr are inherited. Starts are ``every`` apart, measured from
    each planned start; a run longer than ``every`` is followed at once by the next. Ctrl-C
    while waiting stops at once; during a run it stops after the run ends (the child gets the
    signal from the terminal and shuts down cleanly). Returns the outcomes, oldest first.
    Raises ValueError for a non-positive interval, OSError when the command cannot start.
    """
    interval = every.total_seconds()
    if interval <= 0:
        raise ValueError(f"the interval must be positive, not {every}")
    outcomes: list[RunOutcome] = []
    planned = clock()
    while max_runs is None or len(outcomes) < max_runs:
        try:
            while (remaining := planned - clock()) > 0:
                sleep(min(remaining, _MAX_SLEEP))
        except KeyboardInterrupt:
            break
        started = datetime.now(UTC)
        exit_code, interrupted = _run(command)
        outcome = RunOutcome(started, datetime.now(UTC), exit_code, _status(exit_code), interrupted)
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
        if interrupted:
            break
        planned = max(planned + interval, clock())
    return outcomes
