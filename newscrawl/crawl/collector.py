"""The garbage collector in a crawl's processes: off while they load, seldom while they crawl.

Loading (Scrapy, Twisted and the stages in the crawl's own process; the extraction stack and
its warm-up in the extraction pool's first process) makes hundreds of thousands of objects that
live as long as the process, and the collector's automatic passes walk them again and again for
nothing: 0.1 s of CPU in the pool's first process, about 0.05 s in the crawl's
(docs/benchmarks.md, "Crawl throughput"). :func:`loading` keeps them off; what was loaded is
then frozen (``gc.freeze()``) and out of the collector's sight.

While a crawl runs, Scrapy and Twisted make and drop objects by the dozen for every request
(deferreds, dicts, tuples, coroutines), and at the default threshold (700 more objects made
than dropped) the youngest generation was collected about 490 times in a crawl of 1,810 pages,
and the middle one 44 times, 0.25 s of CPU in all, for about 3,600 objects of cyclic garbage
(the HTTP client's connection factories, one cycle of 50 objects per connection).
:func:`crawling` raises the youngest generation's threshold to :data:`CRAWL_THRESHOLD`: 8
passes, 0.02 s. Cyclic garbage waits longer to be freed, at most that many objects more.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["CRAWL_THRESHOLD", "crawling", "loading"]

# The youngest generation's threshold while a crawl runs (Python's default is 700).
CRAWL_THRESHOLD = 10_000


@contextmanager
def loading() -> Iterator[None]:
    """No automatic collection in the block; the collector as it was afterwards."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def crawling() -> Iterator[None]:
    """What is loaded by now frozen, and the youngest generation collected only every
    :data:`CRAWL_THRESHOLD` objects, for the block; afterwards the threshold as it was and
    the frozen objects back in sight (a process that crawls again: ``schedule``)."""
    thresholds = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(max(CRAWL_THRESHOLD, thresholds[0]), *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
