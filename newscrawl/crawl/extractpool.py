"""The crawl's extraction pool: how it starts, and starting it before the crawl loads Scrapy.

The extract stage (:mod:`newscrawl.pipelines.extract`) runs its pages in a pool of worker
processes. Where ``os.fork`` exists that is a :class:`~newscrawl.crawl.forkpool.ForkPool`
whose first process loads :data:`PRELOAD` (the extraction stack, warmed up) and forks the
workers; elsewhere a ``spawn`` ``ProcessPoolExecutor`` whose workers each import the stack.

**Early start.** A crawl's own process spends about half a second importing Scrapy, Twisted and
the stages before the extract stage opens and starts its pool, and the pool's first process
then spends most of a second loading the stack: one after the other, while every page waits
for the pool. :func:`start_early`, called by whoever is about to run the crawl, starts the pool
at once in a thread, so the two loadings overlap on two cores; the extract stage
:func:`claim`\\ s it when it opens (the same number of workers), and the caller
:func:`discard`\\ s what was not claimed once the crawl is over (a ``kill -9`` of the crawl ends
the workers anyway: they hold the :class:`~newscrawl.crawl.lifeline.Lifeline`). One early pool
at a time, for the crawl about to run in this process. Only where ``os.fork`` exists.

No Scrapy here, and nothing heavy: this module is imported before the crawl loads anything.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from newscrawl.crawl.forkpool import ForkPool
from newscrawl.crawl.lifeline import Lifeline, hold_on
from newscrawl.crawl.malloc import WORKER_MMAP_THRESHOLD, return_freed_memory

__all__ = ["EXTRACT_STAGE", "PRELOAD", "claim", "discard", "in_background", "new_pool", "start_early",
           "start_for_crawl", "start_worker"]

# What the pool's first process loads, warms up and freezes before it forks the workers.
PRELOAD = "newscrawl.pipelines.forkserver"
# The stage that claims the pool, as ITEM_PIPELINES names it.
EXTRACT_STAGE = "newscrawl.pipelines.extract.ExtractPipeline"

_lock = threading.Lock()
_early: tuple[int, Future[Executor], Lifeline] | None = None  # (workers, the pool starting, its line)


def start_worker(line: Connection | None = None) -> None:
    """In each worker, before its first job: leave Ctrl-C to the crawl, which shuts the pool
    down cleanly, and exit when the crawl is gone, however it ended (a :class:`ForkPool` holds
    the line itself)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A fixed mmap threshold (~7 MB less per worker than glibc's moving one), above a page's
    # blocks (crawl/malloc.py: not mapped and faulted in anew for every page).
    return_freed_memory(threshold=WORKER_MMAP_THRESHOLD)
    if line is not None:
        hold_on(line)


def new_pool(workers: int, line: Lifeline, warm_up: Callable[[], object] | None = None) -> Executor:
    """A pool of ``workers`` processes, ready for jobs (blocks while it starts). Where there is
    no ``os.fork``, each worker runs ``warm_up`` (a module-level function: unpickling it imports
    its module, the stack) before this returns."""
    if hasattr(os, "fork"):
        return ForkPool(workers, PRELOAD, line, initializer=start_worker)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=start_worker, initargs=(line.reader,))
    if warm_up is not None:
        for warm in [pool.submit(warm_up) for _ in range(workers)]:
            warm.result()
    return pool


def in_background(make: Callable[[], Executor], name: str) -> Future[Executor]:
    """``make()`` (a pool's start: its first process loads and warms up the extraction stack,
    seconds on a busy machine) run in a daemon thread named ``name``; the future gets the pool,
    or what ``make`` raised."""
    starting: Future[Executor] = Future()

    def start() -> None:
        try:
            starting.set_result(make())
        except BaseException as exc:  # noqa: BLE001 - handed to whoever waits for the pool
            starting.set_exception(exc)

    threading.Thread(target=start, name=name, daemon=True).start()
    return starting


def start_early(workers: int) -> bool:
    """Start a pool of ``workers`` in the background for the crawl about to run in this
    process; whether one was started (not where ``os.fork`` is missing, nor when one is
    already waiting)."""
    global _early
    if not hasattr(os, "fork") or workers < 1:
        return False
    with _lock:
        if _early is not None:
            return False
        line = Lifeline()
        _early = (workers, in_background(lambda: new_pool(workers, line), "newscrawl-pool-early"), line)
    return True


def start_for_crawl(settings: Mapping[str, Any]) -> bool:
    """:func:`start_early` for a crawl run with ``settings`` (the crawl's own, as a plain
    mapping; what it lacks comes from :mod:`newscrawl.settings`): only when its pipelines
    include the extract stage, with as many workers as the stage will ask for. Whether a
    pool was started."""
    from newscrawl import settings as defaults

    if EXTRACT_STAGE not in settings.get("ITEM_PIPELINES", defaults.ITEM_PIPELINES):
        return False
    workers = settings.get("NEWSCRAWL_EXTRACT_WORKERS", defaults.default("NEWSCRAWL_EXTRACT_WORKERS"))
    try:
        return start_early(max(1, int(workers)))
    except (TypeError, ValueError):  # the crawl reports a bad setting itself
        return False


def claim(workers: int) -> tuple[Future[Executor], Lifeline] | None:
    """The pool started early, if it has ``workers`` workers: the caller owns it (and its
    line) from now on. None when there is none or it has another size (it stays, for
    :func:`discard`)."""
    global _early
    with _lock:
        if _early is None or _early[0] != workers:
            return None
        _, starting, line = _early
        _early = None
    return starting, line


def _shut_down(starting: Future[Executor], line: Lifeline) -> None:
    with contextlib.suppress(Exception):
        starting.result().shutdown(wait=True, cancel_futures=True)
    line.close()


def discard() -> None:
    """Shut down the pool started early if nobody claimed it (once it has started, in the
    background: its workers exit at once when told, and the line ends them if this process
    ends first)."""
    global _early
    with _lock:
        if _early is None:
            return
        _, starting, line = _early
        _early = None
    if starting.done():
        _shut_down(starting, line)
    else:
        starting.add_done_callback(lambda done: _shut_down(done, line))
