"""numpy's OpenBLAS kept to one thread in newscrawl's processes (newscrawl/crawl/blas.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from newscrawl.crawl.blas import BLAS_THREADS_ENV

_THREADS_AFTER_NUMPY = (
    "import os, sys\n"
    "if sys.argv[1] == 'one': from newscrawl.crawl.blas import one_blas_thread; one_blas_thread()\n"
    "import numpy\n"
    "print(len(os.listdir('/proc/self/task')), os.environ.get('OPENBLAS_NUM_THREADS'))\n"
)


def _after_numpy(mode: str, **env: str) -> tuple[int, str]:
    clean = {k: v for k, v in os.environ.items() if k != BLAS_THREADS_ENV}
    out = subprocess.run([sys.executable, "-c", _THREADS_AFTER_NUMPY, mode], env={**clean, **env},
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), out[1]


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads in /proc")
def test_numpy_starts_no_thread_of_its_own() -> None:
    assert _after_numpy("one") == (1, "1")
    if (os.cpu_count() or 1) > 1:  # what it prevents: a thread per core
        assert _after_numpy("default")[0] > 1


def test_the_users_own_choice_stands() -> None:
    assert _after_numpy("one", OPENBLAS_NUM_THREADS="2")[1] == "2"


def test_the_program_sets_it() -> None:
    program = subprocess.run(
        [sys.executable, "-c", "import os, sys; sys.argv = ['newscrawl', '--version']\n"
         "from newscrawl.cli import run\n"
         "try: run()\nexcept SystemExit: print(os.environ.get('OPENBLAS_NUM_THREADS'))"],
        env={k: v for k, v in os.environ.items() if k != BLAS_THREADS_ENV},
        capture_output=True, text=True, check=True).stdout.split()
    assert program[-1] == "1"
