"""A time limit on a piece of work in a process's main thread: an extraction worker's page.

Extraction can run for minutes on a rare page (trafilatura's issues #704, a page of a million
table rows, and #189, justext on a page of many paragraphs), and a crawl left alone for weeks
must not wait for it: with every worker on such pages the crawl stops moving, and the next
scheduled crawl finds the database still locked. :func:`time_limit` raises
:class:`TimeLimitExceeded` in the work once ``seconds`` of wall time have passed (``SIGALRM``
from an interval timer: Python runs the handler between bytecodes and inside long regular
expression matches, so the work stops where it is and the worker takes the next page). The
extract stage records such a page as an error with the reason, and its response is archived
as any failed page's.

Only in the main thread where ``signal.setitimer`` exists (POSIX); elsewhere, and for
``seconds`` of 0 or less, no limit.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator

__all__ = ["TimeLimitExceeded", "time_limit"]


class TimeLimitExceeded(BaseException):
    """The work ran past its time limit. A ``BaseException``, as ``KeyboardInterrupt``: the
    extraction's own guards (``except Exception``: a page's odd markup must not stop a crawl)
    must not swallow it and go on."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`TimeLimitExceeded` in the body once it has run ``seconds`` (wall time)."""
    main = threading.current_thread() is threading.main_thread()
    if seconds <= 0 or not hasattr(signal, "setitimer") or not main:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise TimeLimitExceeded(f"took longer than {seconds:g} s (NEWSCRAWL_EXTRACT_TIMEOUT)")

    previous = signal.signal(signal.SIGALRM, expired)
    # once: a timer that fired again could end the worker outside the work (in the finally
    # below, before the timer is cleared, or after it)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
