"""glibc's malloc, told to give memory back: for the crawl's long-lived processes.

A crawl moves page after page through its processes (bodies of 100-300 kB, parsed trees),
and glibc's defaults keep what they free: blocks over the mmap threshold are mapped and
unmapped, but the threshold rises as large blocks come and go, after which they grow a heap
that is never shrunk; and each thread that allocates gets an arena of its own (up to eight
per core), each keeping its own freed pages. Measured with ``bench/crawl_throughput.py``
(docs/benchmarks.md, "Memory"): about 7 MB less in each extraction worker with a fixed
threshold, about 15 MB less in the crawl's process with that and two arenas, for the same CPU.

Every function is a no-op where the C library is not glibc.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools

__all__ = ["return_freed_memory", "trim_heap"]

M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024  # glibc's starting value, kept fixed


@functools.cache
def _libc() -> ctypes.CDLL | None:
    # find_library runs `ldconfig -p` in a subprocess: once per process is enough
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def return_freed_memory(arenas: int | None = None) -> None:
    """Fix the mmap threshold (a block over 128 kB is its own mapping, returned when freed) and,
    with ``arenas``, cap the number of malloc arenas (call it before threads start)."""
    libc = _libc()
    with contextlib.suppress(AttributeError):
        if libc is not None:
            libc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)
            if arenas is not None:
                libc.mallopt(M_ARENA_MAX, arenas)


def trim_heap() -> None:
    """Give the heap's free pages back to the system now (``malloc_trim``)."""
    libc = _libc()
    with contextlib.suppress(AttributeError):
        if libc is not None:
            libc.malloc_trim(0)
