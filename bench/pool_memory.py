"""The extraction workers' memory, page after page, without a crawl: the crawl's own pool
(``ForkPool`` with the stage's ``PRELOAD`` and worker start) running the stage's job
(``page_job``, as ``bench/crawl_throughput.py``'s catch-all crawl calls it: WARC record,
extraction, dates, MinHash, topic match) over the 181 pages of the extraction corpus, given
the bench's URLs (10 outlets, round robin).

    python bench/pool_memory.py [--pages 4000] [--every 1000] [--workers 2]

Prints, when the pool is up and every ``--every`` pages, each worker's RSS (anonymous and
file-backed) and PSS in MB, and each worker's highest RSS seen (sampled every 50 pages, so
the highest moments of a page are missed: ``crawl_throughput.py`` samples every 0.2 s). The
first process is the one that imported and warmed up the stack and forked the workers; it
exits once they are forked, and the workers are the pool's own children (2026-12-06; before,
it waited for them, and before 2026-12-05's fourth memory pass it was the first worker).
Memory only: the jobs run 8 at a time, as fast as the workers take them.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from crawl_throughput import CATCH_ALL, CORPUS

FIELDS = ("VmRSS", "RssAnon", "RssFile")


def memory(pid: int) -> dict[str, int]:
    """RSS, its anonymous and file-backed parts and PSS of a process, in MB ({} once it is gone)."""
    out: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in FIELDS:
                    out[key] = int(value.split()[0]) // 1024
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            for line in rollup:
                if line.startswith("Pss:"):
                    out["Pss"] = int(line.split()[1]) // 1024
    except OSError:
        return {}
    return out


def row(label: str, pids: list[int], peaks: dict[int, int]) -> str:
    cells = []
    for k, pid in enumerate(pids):
        m = memory(pid)
        name = f"worker {k + 1}"
        cells.append(f"{name} {m.get('VmRSS', 0)} ({m.get('RssAnon', 0)} anon + {m.get('RssFile', 0)} file), "
                     f"PSS {m.get('Pss', 0)}, highest {peaks.get(pid, 0)}")
    return f"| {label:>10} | " + " | ".join(cells) + " |"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=4000)
    parser.add_argument("--every", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    files = sorted((args.corpus / "html").glob("*.html.gz"))
    if not files:
        print(f"Error: no pages in {args.corpus / 'html'}", file=sys.stderr)
        return 2

    from newscrawl.crawl.extractpool import PRELOAD, start_worker
    from newscrawl.crawl.forkpool import ForkPool
    from newscrawl.crawl.lifeline import Lifeline
    from newscrawl.judge.dedup import NearDupSettings
    from newscrawl.judge.prefilter import prefilter_for
    from newscrawl.judge.topics import parse_query
    from newscrawl.pipelines import extract

    bodies = [gzip.decompress(f.read_bytes()) for f in files]
    query, near, now = parse_query(CATCH_ALL), NearDupSettings(), datetime.now(UTC)
    prefilter = prefilter_for(query.root)
    line = Lifeline()  # kept: the workers exit when it is gone
    start = time.perf_counter()
    pool = ForkPool(args.workers, PRELOAD, line, initializer=start_worker)
    pids = pool.pids()
    peaks: dict[int, int] = {}
    print(f"{args.workers} workers up in {time.perf_counter() - start:.1f} s; MB, each worker's RSS "
          f"(anonymous + file-backed), PSS, and its highest RSS so far\n")
    print(row("pool up", pids, peaks))
    pending = []
    for i in range(args.pages):
        outlet, n = i % 10, i // 10
        url = f"http://127.0.0.{31 + outlet}:8080/2026/01/{1 + n % 28:02d}/story-{n}.html"
        job = functools.partial(extract.page_job, (url, 200, {"Content-Type": "text/html"}, now),
                                (query, 80), bodies[n % len(bodies)], url, "America/Chicago",
                                "text/html", near, prefilter, [])
        pending.append(pool.submit(job))
        if len(pending) < 8 and i < args.pages - 1:
            continue
        while pending and (len(pending) >= 8 or i == args.pages - 1):
            pending.pop(0).result()
            done = i + 1 - len(pending)
            if done % 50 == 0:
                for pid in pids:
                    peaks[pid] = max(peaks.get(pid, 0), memory(pid).get("VmRSS", 0))
            if done % args.every == 0 or done == args.pages:
                print(row(f"{done:,}", pids, peaks), flush=True)
    pool.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
