"""What the extraction pool's fork server loads, once, before it forks any worker.

The crawl's extraction workers are forked from a fork server (``multiprocessing``'s
``forkserver``) that imports this module, and nothing else imports it. Every worker then
starts with what it holds, shared with the others:

- the extraction stage and its stack (:mod:`newscrawl.pipelines.extract`: trafilatura,
  htmldate, dateparser, lxml, numpy, the prefilter);
- the stack warmed up (:func:`newscrawl.extract.preload.warm`: dateparser's locale data and the
  libraries' lazily built state);
- all of it moved out of the garbage collector's sight (``gc.freeze()``), so the workers'
  collections never write to those objects, and never copy the pages they share.

Importing and warming up take seconds on a busy machine, and the fork server only notices
that the crawl is gone once it has finished: a crawl killed meanwhile would leave it (and
multiprocessing's resource tracker) behind. So a watch ends the process as soon as its
parent is gone, until the loading is over; the watch is joined before any worker is forked.
The crawl names itself in the environment (``POOL_PARENT_ENV``, its process id), so a crawl killed before
the watch even started is noticed too.
"""

from __future__ import annotations

import gc
import os
import threading

from newscrawl.crawl.lifeline import POOL_PARENT_ENV


def _end_with_parent(parent: int, done: threading.Event) -> None:
    while True:
        if os.getppid() != parent:  # the crawl is gone (killed while this was loading)
            os._exit(0)
        if done.wait(0.1):
            return


_done = threading.Event()
_parent = int(os.environ.get(POOL_PARENT_ENV) or os.getppid())
_watch = threading.Thread(target=_end_with_parent, args=(_parent, _done), daemon=True)
_watch.start()
try:
    import newscrawl.pipelines.extract  # noqa: F401  the stage, and with it the stack
    from newscrawl.extract.preload import warm

    warm()
finally:
    _done.set()
    _watch.join()  # no thread of this module is left when the fork server forks its workers
gc.freeze()
