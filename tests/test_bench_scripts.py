"""Every script of bench/ loads: its imports (of newscrawl and of the other scripts) resolve.

The benchmarks are run by hand, not by the suite, so a change of what one script offers another
(``bench/distributed.py`` imported two web builders that ``bench/crawl_throughput.py`` no longer
had) went unseen until someone ran it. One process loads them all, as ``python bench/X.py`` would
(bench/ on the path), without running their ``main``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"

LOAD = """
import importlib.util, sys
sys.path.insert(0, sys.argv[1])
for path in sys.argv[2:]:
    name = "bench_" + path.rsplit("/", 1)[-1][:-3]
    spec = importlib.util.spec_from_file_location(name, path)
    sys.modules[name] = module = importlib.util.module_from_spec(spec)  # dataclasses look it up
    spec.loader.exec_module(module)
"""


def test_every_bench_script_loads() -> None:
    scripts = sorted(str(path) for path in BENCH.glob("*.py"))
    assert len(scripts) >= 15
    done = subprocess.run([sys.executable, "-c", LOAD, str(BENCH), *scripts],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
