"""What the extraction pool's first process loads, once, before it forks the workers.

The crawl's extraction pool (:class:`newscrawl.crawl.forkpool.ForkPool`) starts one process
that imports this module, and nothing else imports it; that process then forks the workers
and exits (on Linux; elsewhere it waits for them as a bare interpreter). Every worker starts
with what it holds, shared with the others:

- the extraction stage and its stack (:mod:`newscrawl.pipelines.extract`: trafilatura,
  htmldate, dateparser, lxml, the prefilter);
- the stack warmed up (:func:`newscrawl.extract.preload.warm`: dateparser's locale data and the
  libraries' lazily built state), and one MinHash signature taken, which imports numpy: a
  library imported here is not imported again in each worker, and the pages of its files that
  only importing reads are never read in (and counted as resident memory by) the workers forked
  from here (numpy, imported at each worker's first page instead: about 6 MB of RSS more in
  each forked worker; docs/benchmarks.md, "Memory");
- loaded with the collector's automatic passes off (:mod:`newscrawl.crawl.collector`), then
  all of it moved out of the garbage collector's sight (``gc.freeze()``), so the workers'
  collections never write to those objects, and never copy the pages they share; what the
  loading freed is given back to the system first, so no worker starts with it.

Importing and warming up take seconds on a busy machine, and the process only notices that
the crawl is gone once it has finished: a crawl killed meanwhile would leave it behind. So a
watch ends the process as soon as its parent is gone, until the loading is over; the watch is
joined before any worker is forked. The crawl names itself in the environment
(``POOL_PARENT_ENV``, its process id), so a crawl killed before the watch even started is
noticed too. (The module keeps the name it had when multiprocessing's fork server loaded it:
the bench and the tests find the pool's processes by it.)
"""

from __future__ import annotations

import gc
import os
import threading

from newscrawl.crawl.blas import one_blas_thread
from newscrawl.crawl.collector import loading
from newscrawl.crawl.lifeline import POOL_PARENT_ENV
from newscrawl.crawl.malloc import trim_heap

one_blas_thread()  # before numpy is imported below: its threads would spin in this process


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
    # No automatic collection while loading (crawl/collector.py): one full pass below.
    with loading():
        # The stage, and the stack its job imports when called (not with the stage's module,
        # which the crawl's process imports too).
        import newscrawl.extract.article
        import newscrawl.extract.dates
        import newscrawl.extract.decode
        import newscrawl.judge.dedup
        import newscrawl.pipelines.extract  # noqa: F401
        from newscrawl.extract.preload import warm
        from newscrawl.judge.dedup import NearDupSettings, band_keys, minhash_signature

        warm()
        try:
            _near = NearDupSettings()
            band_keys(minhash_signature("the city council voted on the budget", _near), _near)
        except Exception:  # noqa: BLE001 - warming up only saves memory and time
            pass
finally:
    _done.set()
    _watch.join()  # no thread of this module is left when the workers are forked
gc.collect()  # what loading left behind goes before the rest is frozen and shared
gc.freeze()
trim_heap()  # what was freed goes before the fork, not into every worker
