"""What keeps the crawl's processes small (docs/benchmarks.md, "Memory"): no process imports
datasketch or scipy for MinHash, none imports pandas through sqlite-utils, and the extraction
workers are forked from a first worker that froze what it imported."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from smallweb import QUICK, crawl, write_daily_web

from newscrawl.crawl import malloc
from newscrawl.crawl.collector import CRAWL_THRESHOLD
from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.pipelines.extract import ExtractPipeline


def _modules_after(code: str, *names: str) -> list[str]:
    probe = f"import sys; {code}; print(sorted(m for m in {names!r} if m in sys.modules))"
    return eval(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                               check=True).stdout)


def test_the_crawls_stages_import_no_datasketch_scipy_or_pandas() -> None:
    code = ("import newscrawl.cli, newscrawl.crawl.runner, newscrawl.spiders.news,"
            " newscrawl.pipelines.extract,"
            " newscrawl.pipelines.dedup, newscrawl.pipelines.store, newscrawl.judge.dedup as d;"
            " d.NearDupSettings().bands")
    assert _modules_after(code, "datasketch", "scipy", "pandas", "pyarrow") == []


def test_the_crawls_process_imports_no_extraction_stack_no_redis_and_no_numpy() -> None:
    # The extraction stack is the workers' (imported by the pool's first process); redis and
    # scrapy-redis are the distributed crawl's; numpy computes MinHash signatures, in the
    # workers (sqlite-utils imports it with the store hiding it). The crawl's process loads its
    # components only.
    code = ("import newscrawl.cli, newscrawl.crawl.runner as r, newscrawl.settings as s;"
            " from scrapy.utils.misc import load_object;"
            " [load_object(c) for d in (s.DOWNLOADER_MIDDLEWARES, s.SPIDER_MIDDLEWARES, s.EXTENSIONS,"
            " s.ITEM_PIPELINES) for c in d]; load_object(s.SCHEDULER); load_object(r.SPIDERS['news'])")
    assert _modules_after(code, "trafilatura", "justext", "htmldate", "dateparser", "redis",
                          "scrapy_redis", "numpy") == []


def test_pandas_and_numpy_stay_importable_after_the_store() -> None:
    code = ("from newscrawl.store import Store; import sqlite_utils, pandas, numpy;"
            " assert sqlite_utils.db.pd is None and sqlite_utils.db.np is None")
    assert _modules_after(code, "pandas", "numpy") == ["numpy", "pandas"]


def test_the_store_leaves_numpy_to_sqlite_utils_when_already_imported() -> None:
    code = ("import numpy; from newscrawl.store import Store; import sqlite_utils;"
            " assert sqlite_utils.db.np is numpy")
    assert _modules_after(code, "numpy") == ["numpy"]


def test_each_module_of_the_store_imports_sqlite_utils_without_pandas_and_numpy() -> None:
    for module in ("db", "schema", "crawl", "corpus", "search", "status"):
        code = f"import newscrawl.store.{module}, sqlite_utils; assert sqlite_utils.db.pd is None"
        assert _modules_after(code, "pandas", "numpy") == [], module


def test_the_extraction_workers_import_no_sqlite_utils() -> None:
    # What the pool's first process imports before it forks the others (pipelines/forkserver.py,
    # without its warm-up): the extract stage builds WARC records with the store's warc module,
    # which needs no database; sqlite-utils (and click, pluggy) would be ~3.7 MB in each worker.
    code = ("import newscrawl.extract.article, newscrawl.extract.dates, newscrawl.extract.decode,"
            " newscrawl.judge.dedup, newscrawl.pipelines.extract, newscrawl.extract.preload")
    assert _modules_after(code, "sqlite_utils", "click", "pluggy", "newscrawl.store.db") == []


def test_the_extraction_workers_import_no_asyncio_twisted_or_sqlite3() -> None:
    # The extract stage's module is the workers' too (its job): what only the stage needs in the
    # crawl's process (asyncio, Twisted for error texts) is imported where the stage uses it, and
    # newscrawl.versions imports sqlite3 only to report versions: 1.5 MB in each worker.
    code = ("import newscrawl.extract.article, newscrawl.extract.dates, newscrawl.extract.decode,"
            " newscrawl.judge.dedup, newscrawl.pipelines.extract, newscrawl.extract.preload")
    assert _modules_after(code, "asyncio", "twisted", "sqlite3") == []


def test_the_crawls_process_imports_no_component_that_a_setting_switches_off(tmp_path: Path) -> None:
    # Cookies and the telnet console are off (newscrawl/settings.py); Scrapy imports every
    # component its lists name, so they are not listed: no tldextract, requests, filelock
    # (cookies, 2.7 MB) or Twisted's conch (telnet) in the crawl's process.
    code = ("from pathlib import Path; from newscrawl.crawl.runner import CrawlRequest, crawl_settings;"
            " from scrapy.utils.conf import build_component_list; from scrapy.utils.misc import load_object;"
            f" s = crawl_settings(CrawlRequest(outlets={{}}, topic=None, db=Path({str(tmp_path / 'n.db')!r}),"
            " progress=False));"
            " [load_object(c) for k in ('DOWNLOADER_MIDDLEWARES', 'SPIDER_MIDDLEWARES', 'EXTENSIONS')"
            " for c in build_component_list(s.getwithbase(k))]")
    assert _modules_after(code, "tldextract", "requests", "filelock", "twisted.conch", "aiohttp") == []


def test_the_crawl_forgets_the_source_lines_read_while_it_was_set_up() -> None:
    import linecache

    from newscrawl.crawl.runner import drop_source_lines

    linecache.getline(json.__file__, 1)  # a file's lines, as inspect.stack() reads them
    linecache.cache["<generated>"] = (5, None, ["x = 1\n"], "<generated>")  # as attrs registers
    try:
        drop_source_lines()
        assert json.__file__ not in linecache.cache
        assert linecache.getline("<generated>", 1) == "x = 1\n"
        assert linecache.getline(json.__file__, 1)  # read again when asked
    finally:
        linecache.cache.pop("<generated>", None)


def _freeze_count() -> int:
    import gc

    return gc.get_freeze_count()


def _collector_on() -> bool:
    import gc

    return gc.isenabled()


def test_workers_start_from_a_frozen_fork_server_and_collect_garbage() -> None:
    # The pool's first process loads with automatic collections off (crawl/collector.py) and
    # freezes what it loaded; the workers it forks start from that, with collections on.
    pipeline = ExtractPipeline(workers=1, min_words=1, near=None)  # type: ignore[arg-type]
    pipeline.open_spider()
    try:
        assert pipeline.pool.submit(_freeze_count).result(timeout=120) > 10_000
        assert pipeline.pool.submit(_collector_on).result(timeout=120) is True
    finally:
        pipeline.close_spider()


def _numpy_imported() -> bool:
    import sys

    return "numpy" in sys.modules


def test_workers_are_forked_with_numpy_imported() -> None:
    # Imported in the pool's first process before the fork (a MinHash signature taken there),
    # not at each worker's first page: the pages of numpy's files that only importing reads are
    # then not resident in the forked workers.
    pipeline = ExtractPipeline(workers=2, min_words=1, near=None)  # type: ignore[arg-type]
    pipeline.open_spider()
    try:
        futures = [pipeline.pool.submit(_numpy_imported) for _ in range(4)]
        assert all(future.result(timeout=120) for future in futures)
    finally:
        pipeline.close_spider()


def test_a_crawl_starts_no_remote_control_server(tmp_path: Path) -> None:
    """Scrapy >= 2.19 would start an HTTP server that runs Python code sent to it, import
    aiohttp for it and leave a job file per crawl in the user's folder: the crawl turns it off
    (``REMOTE_CONTROL_ENABLED`` in newscrawl/settings.py)."""
    write_daily_web(tmp_path / "web", 3)
    jobs = tmp_path / "jobs"
    with FixtureWeb(tmp_path / "web").start() as web:
        result = crawl(web.sources_path, tmp_path / "news.db",
                       settings=(*QUICK, f"REMOTE_CONTROL_JOBS_DIR={jobs}", "LOG_LEVEL=INFO"))
    assert "remote_control" not in result.stderr
    assert not jobs.exists() or not any(jobs.iterdir())


_FAULTS = """
import resource, sys
from newscrawl.crawl import malloc
from newscrawl.crawl.collector import CRAWL_THRESHOLD
{setup}
def faults():
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt
kept = [bytearray(1000) for _ in range(1000)]  # (the heap in use, as a worker's)
before = faults()
for _ in range(200):
    block = bytearray(512 * 1024)  # a page's body, decoded text or copy: filled, then freed
    del block
print(faults() - before)
"""


def _faults_of_blocks(setup: str) -> int:
    done = subprocess.run([sys.executable, "-c", _FAULTS.format(setup=setup)], capture_output=True,
                          text=True, check=True)
    return int(done.stdout)


@pytest.mark.skipif(sys.platform != "linux" or malloc._libc() is None, reason="glibc's mallopt")
def test_an_extraction_worker_takes_a_pages_blocks_from_the_heap_not_from_new_mappings() -> None:
    # Below the workers' threshold every 512 kB block is a mapping of its own, faulted in page
    # by page (128 faults each); in a worker the heap's pages are used again.
    mapped = _faults_of_blocks("malloc.return_freed_memory()")
    worker = _faults_of_blocks("from newscrawl.crawl.extractpool import start_worker; start_worker()")
    assert mapped > 200 * 100
    assert worker < 200 * 10


_PROBE = '''
import gc, json
from scrapy import signals

class Probe:
    """Writes down how many objects the garbage collector was kept from when the spider opened,
    and its youngest generation's threshold."""
    def __init__(self, crawler):
        self.path = crawler.settings.get("PROBE_FILE")
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler)
    def opened(self, spider):
        with open(self.path, "w") as f:
            json.dump([gc.get_freeze_count(), gc.get_threshold()[0]], f)
'''


def test_a_crawl_runs_with_what_it_loaded_out_of_the_collectors_sight(fixture_web: FixtureWeb,
                                                                      tmp_path: Path) -> None:
    # The collector's full passes walk only what the crawl makes, its youngest generation is
    # collected seldom (crawl/collector.py), and the crawl gives back what it froze and the
    # threshold when it ends (a process that crawls again, `schedule`).
    (tmp_path / "freezeprobe.py").write_text(_PROBE)
    probe = tmp_path / "frozen.json"
    sources = str(fixture_web.sources_path)
    script = (f"import gc, sys\nsys.path.insert(0, {str(tmp_path)!r})\n"
              "import newscrawl.cli\n"
              f"sys.argv = ['newscrawl', 'crawl', '--no-progress', '--sources', {sources!r},"
              f" '--db', {str(tmp_path / 'news.db')!r}, '-s', 'PROBE_FILE={probe}',"
              " '-s', 'EXTENSIONS={\"freezeprobe.Probe\": 0}', "
              + ", ".join(f"'-s', {s!r}" for s in QUICK) + "]\n"
              "try:\n    newscrawl.cli.main()\nexcept SystemExit as end:\n"
              "    print('after', gc.get_freeze_count(), gc.get_threshold()[0], end.code)\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert "after 0 700 0" in done.stdout, done.stdout + done.stderr
    frozen, threshold = json.loads(probe.read_text())
    assert frozen > 10_000  # (85,000 objects when written)
    assert threshold == CRAWL_THRESHOLD
