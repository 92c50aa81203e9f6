"""How a crawl ends is what it says: ``crawl_runs.status`` and the exit status agree.

Real crawls of a small web on 127.0.0.1, in subprocesses, as a scheduler runs them:
finished (0), failed (1: a full disk, nothing reachable), interrupted (4: SIGTERM), timeout
(5: CLOSESPIDER_TIMEOUT). The status rule itself (:func:`run_status`) is tested directly.
"""

from __future__ import annotations

import errno
import json
import logging
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from components import crawler_with_spider
from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from smallweb import ROOT, assert_user_error, crawl_command, outlet_table, run, write_daily_web
from twisted.python.failure import Failure

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.crawl.runner import _TerminalFormatter
from newscrawl.crawl.schedule import _status
from newscrawl.crawl.status import EXIT_CODES, run_status
from newscrawl.items import FetchedPage
from newscrawl.pipelines.store import StorePipeline
from newscrawl.spiders.news import NewsSpider
from newscrawl.store import Store

PAGES = 30
# Politely slow, so that a signal or a limit lands mid-crawl.
SLOW = ("DOWNLOAD_DELAY=0.15", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
        "RETRY_TIMES=0", "NEWSCRAWL_BATCH_SIZE=3")
QUICK = ("DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "RETRY_TIMES=0")


# -- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("reason", "failure", "unreachable", "status"), [
    ("finished", None, False, "finished"),
    ("shutdown", None, False, "interrupted"),
    ("closespider_timeout", None, False, "timeout"),
    ("closespider_itemcount", None, False, "timeout"),
    ("failed", None, False, "failed"),
    ("finished", "news.db: database or disk is full", False, "failed"),
    ("shutdown", "news.db: database or disk is full", False, "failed"),
    ("finished", None, True, "failed"),
    ("shutdown", None, True, "interrupted"),
    ("cancelled", None, False, "failed"),
])
def test_run_status(reason: str, failure: str | None, unreachable: bool, status: str) -> None:
    assert run_status(reason, failure=failure, nothing_reachable=unreachable) == status


def test_exit_codes_and_what_schedule_calls_them() -> None:
    assert EXIT_CODES == {"finished": 0, "failed": 1, "interrupted": 4, "timeout": 5}
    assert [_status(code) for code in (0, 1, 2, 3, 4, 5, -9)] == [
        "ok", "failed", "failed", "busy", "interrupted", "timeout", "interrupted"]


def test_a_full_disk_under_the_warc_files_fails_the_run_too(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, settings={"NEWSCRAWL_LOCK_HELD": True})
    stage = build_from_crawler(StorePipeline, crawler)
    stage.open_spider()
    page = FetchedPage(url="https://ledger.test/a.html", outlet="ledger", discovered_via="feed",
                       fetched_at=datetime(2026, 1, 28, tzinfo=UTC))
    full = OSError(errno.ENOSPC, "No space left on device")
    crawler.signals.send_catch_log(signals.item_error, item=page, response=None, spider=crawler.spider,
                                   failure=Failure(full))
    with pytest.raises(DropItem):  # later pages are not stored
        stage.process_item(page)
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    ((status, stats),) = _runs(tmp_path / "news.db")
    assert status == "failed"
    assert stats["failure"] == f"{tmp_path / 'news.db'}: [Errno 28] No space left on device"
    assert _count(tmp_path / "news.db", "pages") == 0


def test_an_error_that_is_no_write_error_does_not_fail_the_run(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, settings={"NEWSCRAWL_LOCK_HELD": True})
    stage = build_from_crawler(StorePipeline, crawler)
    stage.open_spider()
    page = FetchedPage(url="https://ledger.test/a.html", outlet="ledger", discovered_via="feed",
                       fetched_at=datetime(2026, 1, 28, tzinfo=UTC))
    crawler.signals.send_catch_log(signals.item_error, item=page, response=None, spider=crawler.spider,
                                   failure=Failure(ValueError("a hostile page")))
    stage.process_item(page)
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    assert [status for status, _ in _runs(tmp_path / "news.db")] == ["finished"]


def test_schedule_names_each_runs_status() -> None:
    from newscrawl.cli.output import console, print_run_outcome
    from newscrawl.crawl.schedule import RunOutcome

    started = datetime(2026, 1, 28, 5, 17, tzinfo=UTC)
    lines = []
    for code in (0, 1, 4, 5):
        with console.capture() as captured:
            print_run_outcome(1, RunOutcome(started, started, code, _status(code)), None)
        lines.append(captured.get().strip())
    assert lines == ["run 1 ok (exit 0) after 0s", "run 1 failed (exit 1) after 0s",
                     "run 1 interrupted (exit 4) after 0s", "run 1 timeout (exit 5) after 0s"]


def test_a_log_file_that_cannot_be_written_is_a_user_error(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(outlet_table("daily", feeds=["/feed.xml"]).replace(
        "{{base:daily}}", "http://127.0.0.9:9").replace("{{host:daily}}", "127.0.0.9"))
    code, output = run("crawl", "--sources", str(sources), "--db", str(tmp_path / "news.db"),
                       "--log-file", str(tmp_path / "no" / "crawl.log"))
    assert_user_error(code, output, "--log-file", "No such file or directory")
    assert list(tmp_path.iterdir()) == [sources]  # nothing written


def test_the_terminal_gets_no_traceback_and_the_log_file_gets_it() -> None:
    try:
        raise ValueError("a hostile page")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, "p", 1, "failed: %s", ("x",), sys.exc_info())
    written = logging.LogRecord("x", logging.ERROR, "p", 1,
                                "Error while reading start requests.\nTraceback (most recent call last):\n"
                                "  File ...\nValueError", (), None)
    terminal = _TerminalFormatter("%(levelname)s: %(message)s")
    assert terminal.format(record) == "ERROR: failed: x"
    assert terminal.format(written) == ("ERROR: Error while reading start requests. "
                                        "(traceback in the log file)")
    assert "Traceback" in logging.Formatter("%(message)s").format(record)  # the same record, whole


# -- real crawls ------------------------------------------------------------------------------




@pytest.fixture
def web(tmp_path: Path):
    write_daily_web(tmp_path / "web", PAGES)
    with FixtureWeb(tmp_path / "web").start() as served:
        yield served


def _command(sources: Path, db: Path, settings: tuple[str, ...], *args: str) -> list[str]:
    topic = db.parent / "topic.toml"
    topic.write_text('[topic]\nslug = "t"\nname = "T"\nquery = "=ICE AND detention"\n')
    return crawl_command(sources, db, "--topic", str(topic), "--workers", "1", *args, settings=settings)


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=180)


def _runs(db: Path) -> list[tuple[str, dict]]:
    conn = sqlite3.connect(db)
    try:
        return [(status, json.loads(stats or "{}"))
                for status, stats in conn.execute("SELECT status, stats FROM crawl_runs ORDER BY id")]
    finally:
        conn.close()


def _count(db: Path, table: str = "articles") -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        try:
            return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def _started(command: list[str], db: Path, articles: int) -> subprocess.Popen[str]:
    """The crawl ``command`` started, once it has stored ``articles`` articles (or ended, or a
    minute passed)."""
    crawl = subprocess.Popen(command, cwd=ROOT, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while _count(db) < articles and time.monotonic() < deadline and crawl.poll() is None:
        time.sleep(0.05)
    return crawl


@pytest.mark.slow
def test_a_crawl_that_runs_to_its_end_finished_exit_0(web: FixtureWeb, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = _run(_command(web.sources_path, db, QUICK))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr
    assert "finished" in result.stdout
    assert [status for status, _ in _runs(db)] == ["finished"]
    assert _count(db) == PAGES
    assert "Spider closed (finished)" in (tmp_path / "news.log").read_text()  # the log beside the db


@pytest.mark.slow
def test_sigterm_mid_crawl_is_interrupted_exit_4(web: FixtureWeb, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    # slower still: on a loaded machine the pool's first answers can come all at once, and the
    # signal must still land before the last page
    slower = (*SLOW, "DOWNLOAD_DELAY=0.4")
    crawl = _started(_command(web.sources_path, db, slower), db, 3)
    crawl.send_signal(signal.SIGTERM)
    stdout, stderr = crawl.communicate(timeout=60)
    assert crawl.returncode == 4, stdout + stderr
    assert "interrupted" in stdout and "SIGTERM" in stdout
    assert "Traceback" not in stderr
    ((status, stats),) = _runs(db)
    assert status == "interrupted" and stats["signal"] == "SIGTERM"
    assert stats["scrapy"]["finish_reason"] == "shutdown"
    assert 3 <= _count(db) < PAGES


@pytest.mark.slow
def test_sighup_is_interrupted_too(web: FixtureWeb, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    crawl = _started(_command(web.sources_path, db, SLOW), db, 1)
    crawl.send_signal(signal.SIGHUP)
    stdout, stderr = crawl.communicate(timeout=60)
    assert crawl.returncode == 4, stdout + stderr
    assert [status for status, _ in _runs(db)] == ["interrupted"]


@pytest.mark.slow
def test_a_crawl_killed_with_sigkill_shows_as_interrupted(web: FixtureWeb, tmp_path: Path) -> None:
    # nothing can record a SIGKILL: the run stays "running" in the database until the next crawl
    # marks it, and `status` and `runs` show it interrupted as soon as its process is gone
    db = tmp_path / "news.db"
    crawl = _started(_command(web.sources_path, db, SLOW), db, 1)
    runs_json = [sys.executable, "-m", "newscrawl.cli", "runs", "--db", str(db), "--json"]
    alive = json.loads(subprocess.run(runs_json, cwd=ROOT, capture_output=True, text=True).stdout)
    assert [r["status"] for r in alive] == ["running"]
    crawl.send_signal(signal.SIGKILL)
    crawl.communicate(timeout=60)
    assert [status for status, _ in _runs(db)] == ["running"]  # as the database has it
    killed = json.loads(subprocess.run(runs_json, cwd=ROOT, capture_output=True, text=True).stdout)
    assert [r["status"] for r in killed] == ["interrupted"]
    status = subprocess.run([sys.executable, "-m", "newscrawl.cli", "status", "--db", str(db), "--json"],
                            cwd=ROOT, capture_output=True, text=True)
    assert [r["status"] for r in json.loads(status.stdout)["runs"]] == ["interrupted"]


@pytest.mark.slow
def test_closespider_timeout_is_timeout_exit_5(web: FixtureWeb, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = _run(_command(web.sources_path, db, (*SLOW, "CLOSESPIDER_TIMEOUT=1.5")))
    assert result.returncode == 5, result.stdout + result.stderr
    assert "timeout" in result.stdout and "Traceback" not in result.stderr
    ((status, stats),) = _runs(db)
    assert status == "timeout" and stats["scrapy"]["finish_reason"] == "closespider_timeout"
    assert _count(db) < PAGES


@pytest.mark.slow
def test_a_full_disk_fails_the_run_at_once_with_one_error_line(web: FixtureWeb, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    Store.open(db).close()  # the empty corpus; let it grow by a few pages only
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]
    result = _run(_command(web.sources_path, db, (*QUICK, "NEWSCRAWL_BATCH_SIZE=3",
                                                      f"NEWSCRAWL_DB_MAX_PAGES={pages + 8}")))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "Error:" in line]
    assert errors == [f"Error: {db}: database or disk is full; the run is marked failed"], result.stderr
    assert result.stderr.count("database or disk is full") == 1, result.stderr  # said once
    ((status, stats),) = _runs(db)
    assert status == "failed"
    assert 0 < _count(db) < PAGES, "it stopped at once, after a few articles"
    # The batch that failed was rolled back whole. (That a batch never splits one page's rows is
    # the store's own promise, tested with the store.)
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    half_written = conn.execute(
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.article_id = a.id)"
        " OR NOT EXISTS (SELECT 1 FROM article_minhash m WHERE m.article_id = a.id)").fetchone()[0]
    assert half_written == 0, "every stored article has its page and MinHash rows"
    assert stats["failure"] == f"{db}: database or disk is full"
    log = (tmp_path / "news.log").read_text()
    assert "Traceback" in log and "database or disk is full" in log  # the log keeps the traceback
    conn.close()

    # With room again the next crawl stores the rest, and leaves the failed run as it was.
    result = _run(_command(web.sources_path, db, QUICK))
    assert result.returncode == 0, result.stderr
    assert [status for status, _ in _runs(db)] == ["failed", "finished"]
    assert _count(db) == PAGES


def test_a_run_that_could_not_record_its_end_is_not_called_finished(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "news.db")
    run_id = store.start_run("newscrawl crawl", "t")
    store.close()  # ... and the disk was full when it ended: still `running`
    store = Store.open(tmp_path / "news.db")
    assert store.mark_interrupted_runs() == 1
    assert store.runs(5)[0]["id"] == run_id and store.runs(5)[0]["status"] == "interrupted"
    store.close()


def test_finish_run_falls_back_to_the_status_alone_when_the_statistics_do_not_fit(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "news.db")
    run_id = store.start_run("newscrawl crawl", "t")
    store.limit_pages(store.conn.execute("PRAGMA page_count").fetchone()[0])
    assert store.finish_run(run_id, "failed", {"big": "x" * 100_000}) is True
    (row,) = [r for r in store.runs(5) if r["id"] == run_id]
    assert row["status"] == "failed" and row["finished_at"] and not row["stats"]
    store.close()


@pytest.mark.slow
def test_nothing_reachable_fails_without_a_traceback(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(
        '[outlets.gone]\nname = "Gone"\nhomepage = "http://nonexistent.invalid/"\n'
        'domain = "nonexistent.invalid"\ncountry = "US"\nlanguage = "en"\nkind = "local"\n'
        'timezone = "UTC"\nfeeds = ["http://nonexistent.invalid/feed.xml"]\n'
        'sitemaps = ["http://nonexistent.invalid/sitemap.xml"]\n'
        'start_pages = ["http://nonexistent.invalid/"]\n')
    db = tmp_path / "news.db"
    result = _run(_command(sources, db, QUICK))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if "Error:" in line]
    assert len(errors) == 1 and "nothing was reachable" in errors[0], result.stderr
    assert errors[0].endswith("the run is marked failed")
    ((status, stats),) = _runs(db)
    assert status == "failed" and stats["failure"].startswith("nothing was reachable")
    # The robots.txt that did not answer disallows the site (RFC 9309) with a stand-in answer,
    # which no server sent: the run is still one where nothing was reachable. Its warning names
    # the cause, on the terminal and in the log file; no traceback is left (Scrapy logged one
    # for a robots.txt it could not download, which is now answered before it sees the error).
    cause = "robots.txt of nonexistent.invalid could not be downloaded (dns lookup failed)"
    assert cause in result.stderr and cause in (tmp_path / "news.log").read_text()
    assert stats["failure"] == ("nothing was reachable: none of 1 requests was answered "
                                "(robots.txt unreachable: 1 site)"), "the robots.txt alone was asked"

    verbose = _run(_command(sources, tmp_path / "again.db", QUICK, "-v"))
    assert verbose.returncode == 1 and "[scrapy.core.engine] INFO" in verbose.stderr  # -v shows INFO
