"""numpy's OpenBLAS kept to one thread, in the processes newscrawl runs.

numpy is imported for MinHash signatures and the prefilter's proof (elementwise work, no
linear algebra). At import, OpenBLAS starts a thread per core, and those threads spin for a
while before they sleep: about 0.1 s of CPU in every process that imports numpy (the crawl's,
at its first near-duplicate candidate; the extraction pool's first process), taken from the
crawl's busy cores (docs/benchmarks.md, "Crawl throughput"). One thread does the same work.
"""

from __future__ import annotations

import os

__all__ = ["BLAS_THREADS_ENV", "one_blas_thread"]

BLAS_THREADS_ENV = "OPENBLAS_NUM_THREADS"


def one_blas_thread() -> None:
    """Tell OpenBLAS to use one thread, unless the user chose a number (call it before numpy
    is imported; processes started from this one inherit it)."""
    os.environ.setdefault(BLAS_THREADS_ENV, "1")
