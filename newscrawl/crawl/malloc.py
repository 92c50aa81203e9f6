"""glibc's malloc, told to give memory back: for the crawl's long-lived processes.

A crawl moves page after page through its processes (bodies of 100-300 kB, parsed trees),
and glibc's defaults keep what they free: blocks over the mmap threshold are mapped and
unmapped, but the threshold rises as large blocks come and go, after which they grow a heap
that is never shrunk; and each thread that allocates gets an arena of its own (up to eight
per core), each keeping its own freed pages. Measured with ``bench/crawl_throughput.py``
(docs/benchmarks.md, "Memory"): about 7 MB less in each extraction worker with a fixed
threshold, about 15 MB less in the crawl's process with that and two arenas, for the same CPU.

The extraction workers take a higher threshold (:data:`WORKER_MMAP_THRESHOLD`): below the
default, each of a page's transient blocks (its body as received and unpickled, its decoded
text, the prefilter's copies: 0.1-1 MB each) was a mapping of its own, faulted in page by page
and unmapped when freed, for every page (160,000 minor faults in each worker on a crawl of 1,810
pages, 44,000 with the higher threshold, about 7% of the workers' CPU; the same peak memory:
docs/benchmarks.md, "Crawl throughput").

Every function is a no-op where the C library is not glibc.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools

__all__ = ["WORKER_MMAP_THRESHOLD", "return_freed_memory", "trim_heap"]

M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024  # glibc's starting value, kept fixed
# In the extraction workers: a page's blocks come from the heap and are used again.
WORKER_MMAP_THRESHOLD = 1024 * 1024


@functools.cache
def _libc() -> ctypes.CDLL | None:
    # find_library runs `ldconfig -p` in a subprocess: once per process is enough
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def return_freed_memory(arenas: int | None = None, threshold: int = MMAP_THRESHOLD) -> None:
    """Fix the mmap threshold (a block over ``threshold``, 128 kB by default, is its own mapping,
    returned when freed) and, with ``arenas``, cap the number of malloc arenas (call it before
    threads start). Above the default, the heap's free top is kept up to twice the threshold
    (glibc's own rule when it moves the threshold), so a block freed at the top is not given
    back, and faulted in again, at once."""
    libc = _libc()
    with contextlib.suppress(AttributeError):
        if libc is not None:
            libc.mallopt(M_MMAP_THRESHOLD, threshold)
            if threshold > MMAP_THRESHOLD:
                libc.mallopt(M_TRIM_THRESHOLD, 2 * threshold)
            if arenas is not None:
                libc.mallopt(M_ARENA_MAX, arenas)


def trim_heap() -> None:
    """Give the heap's free pages back to the system now (``malloc_trim``)."""
    libc = _libc()
    with contextlib.suppress(AttributeError):
        if libc is not None:
            libc.malloc_trim(0)
