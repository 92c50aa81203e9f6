"""What people see in a terminal: every table fits 80 columns without cutting a date, and the
progress bar shows counts, rate and time left, with log lines printed above it, not into it."""

from __future__ import annotations

import io
import json
import logging
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console
from rich.text import Text
from scrapy.utils.test import get_crawler
from smallweb import ROOT

from newscrawl.cli import output
from newscrawl.crawl import runner
from newscrawl.discover.sourcecheck import CheckResult
from newscrawl.spiders.base import PAGES_TOTAL_STAT
from newscrawl.store import Store

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
LONG_TITLE = "Tech workers urge their chief executives to cut every tie with ICE after the shootings"


@pytest.fixture
def printed(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """What the CLI's console prints, in a terminal 80 columns wide."""
    buffer = io.StringIO()
    monkeypatch.setattr(output, "console", Console(file=buffer, width=80, color_system=None))
    yield buffer


def _fits(text: str, width: int = 80) -> None:
    for line in text.splitlines():
        assert Text(line).cell_len <= width, line
    assert "…" not in text, text  # nothing cut with an ellipsis


def _run(started: str, finished: str | None, status: str) -> dict:
    return {"id": 12, "started_at": started, "finished_at": finished, "status": status,
            "topic": "ice-tech-workers",
            "command": "newscrawl crawl --outlet techcrunch,theverge --since 2026-01-20",
            "stats": {"pages_fetched": 1234, "articles_new": 321, "articles_changed": 4,
                      "verdicts": {"off-topic": 56, "duplicate": 7, "error": 89,
                                   "blocked-by-robots": 13}}}


def test_runs_fits_80_columns_with_whole_dates(printed: io.StringIO) -> None:
    rows = [_run("2026-12-05T08:43:50+00:00", "2026-12-05T08:55:02+00:00", "finished"),
            _run("2026-12-04T08:43:50+00:00", None, "interrupted")]
    output.print_runs(rows, Path("data/news.db"), "table")
    text = printed.getvalue()
    _fits(text)
    assert "2026-12-05 08:43:50" in text and "2026-12-04 08:43:50" in text
    for header in ("id", "started (UTC)", "status", "fetched", "new", "errors"):
        assert header in text
    assert "interrupted" in text and "1234" in text


def test_runs_shows_more_columns_when_wider(monkeypatch: pytest.MonkeyPatch) -> None:
    buffer = io.StringIO()
    monkeypatch.setattr(output, "console", Console(file=buffer, width=160, color_system=None))
    output.print_runs([_run("2026-12-05T08:43:50+00:00", "2026-12-05T08:55:02+00:00", "finished")],
                      Path("news.db"), "table")
    text = buffer.getvalue()
    assert "11m12s" in text and "off-topic" in text and "ice-tech-workers" in text
    assert "robots" in text and " 13 " in text  # the pages robots.txt kept the crawl from
    _fits(text, 160)


def test_dupes_search_and_latest_fit_80_columns(printed: io.StringIO) -> None:
    output.print_clusters([{
        "cluster_id": 4, "size": 4, "outlets": ["bytewire", "ledger", "prairie", "wire"],
        "first_seen_at": "2026-12-05T08:43:50+00:00", "first_id": 13, "first_outlet": "wire",
        "first_url": "http://wire.example/x", "first_published_at": "2026-01-27T16:40:00+00:00",
        "title": LONG_TITLE, "duplicate_urls": 2}], Path("news.db"), "table")
    output.print_search([{"id": 13, "outlet": "wire", "outlet_name": "Wire", "published_at":
                          "2026-01-27T16:40:00+00:00", "published_day": "2026-01-27", "title": LONG_TITLE,
                          "url": "http://wire.example/x",
                          "snippet": "workers \x02ICE\x03 letter " * 10, "rank": -3.2, "cluster_id": 4,
                          "copies": 4}], "ICE", limit=20, output="table")
    output.print_latest([{"id": 13, "outlet": "bytewire", "published_at": "2026-01-27T16:40:00+00:00",
                          "date_source": "text+htmldate", "title": LONG_TITLE, "cluster_id": 4}])
    text = printed.getvalue()
    _fits(text)
    assert text.count("2026-01-27 16:40") == 2 and "2026-01-27" in text  # dupes, latest; search: the day
    assert "#13 wire" in text


def test_sources_check_and_run_summary_fit_80_columns(printed: io.StringIO) -> None:
    output.print_source_checks([CheckResult(
        "techcrunch", "sitemap", "https://techcrunch.com/sitemap_index.xml?with=a-long-query-string", False,
        None, "timeout after 15s (the server did not answer)", 15.02)], Path("data/sources.toml"),
        only_failed=False, output="table")
    output.print_summary({
        "run_id": 3, "status": "finished", "exit_code": 0, "signal": None, "failure": None,
        "pages_fetched": 40, "pages_archived": 0, "articles_new": 0, "pages_revisited": 5,
        "articles_changed": 1, "versions_kept": 1, "articles_refreshed": 0, "verdicts": {"error": 1},
        "errors": {"http 500 Internal Server Error from an upstream proxy that gave up": 1},
        "articles_in_database": 25, "repaired": {}, "warc_errors": [], "skipped_unknown_outlet": 0,
        "unknown_hosts": [], "gdelt_errors": []})
    text = printed.getvalue()
    _fits(text)
    assert "versions kept" in text and "pages revisited" in text and "FAIL" in text


@pytest.mark.slow
def test_runs_through_the_real_command_at_80_columns(crawled: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "newscrawl.cli", "runs", "--db", str(crawled)],
                            capture_output=True, text=True, cwd=ROOT, env={"COLUMNS": "80", "PATH": ""},
                            check=True)
    _fits(result.stdout)
    (run,) = json.loads(subprocess.run([sys.executable, "-m", "newscrawl.cli", "runs", "--db", str(crawled),
                                        "--json"], capture_output=True, text=True, cwd=ROOT,
                                       check=True).stdout)
    assert run["started_at"][:19].replace("T", " ") in result.stdout


# -- the progress bar -----------------------------------------------------------------------------


def test_progress_shows_total_rate_and_time_left_and_log_lines_go_above_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    buffer = io.StringIO()
    terminal = Console(file=buffer, force_terminal=True, width=100, color_system=None)
    monkeypatch.setattr(runner, "TERMINAL", terminal)
    crawler = get_crawler()
    crawler.stats.open_spider()
    extension = runner.ProgressExtension(crawler)
    crawler.stats.set_value(PAGES_TOTAL_STAT, 40)
    handler = runner._ConsoleHandler(terminal)
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    extension.spider_opened(None)
    try:
        for verdict in ("article", "article", "off-topic"):
            extension.item_scraped(SimpleNamespace(verdict=verdict), None)
        error = "Gave up retrying <GET http://127.0.0.1:8000/broken.html> (failed 3 times): 500"
        handler.emit(logging.makeLogRecord({"levelname": "ERROR", "levelno": 40, "msg": error}))
        extension.progress.refresh()
        shown = ANSI.sub("", buffer.getvalue())
    finally:
        extension.spider_closed(None)
    lines = [line.strip() for line in shown.replace("\r", "\n").splitlines()]
    assert f"ERROR: {error}" in lines, shown  # a line of its own, not run into the bar
    assert any("3/40" in line and "article 2" in line and "off-topic 1" in line for line in lines), shown


def test_export_progress_counts_rows_against_the_total(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawl.outputs.export import ExportFilters

    buffer = io.StringIO()
    monkeypatch.setattr(output, "err_console", Console(file=buffer, force_terminal=True, width=100))
    store = Store.open(tmp_path / "empty.db")
    try:
        with output.row_progress(store, ExportFilters(), shown=True) as advance:
            assert advance is not None
            advance(0)
        with output.row_progress(store, ExportFilters(), shown=False) as advance:
            assert advance is None
    finally:
        store.close()
    assert "0/0" in ANSI.sub("", buffer.getvalue())


@pytest.mark.slow
def test_demo_fits_80_columns_and_its_json_is_alone_on_stdout(tmp_path: Path) -> None:
    env = {"COLUMNS": "80", "PATH": ""}
    table = subprocess.run([sys.executable, "-m", "newscrawl.cli", "demo", "--db", str(tmp_path / "d.db"),
                            "--no-progress"], capture_output=True, text=True, cwd=ROOT, env=env, check=True)
    # the tables fit (a line naming a file or a command to copy is left whole, for the terminal to wrap)
    _fits("\n".join(line for line in table.stdout.splitlines() if line[:1] in "┏┃┡│└┌├"))
    assert "…" not in table.stdout
    assert "crawl run 1" in table.stdout and "articles stored (newest first)" in table.stdout
    assert "2026-01-27 16:40" in table.stdout  # the wire's original, its date whole
    as_json = subprocess.run([sys.executable, "-m", "newscrawl.cli", "demo", "--db", str(tmp_path / "j.db"),
                              "--no-progress", "--json"], capture_output=True, text=True, cwd=ROOT, env=env,
                             check=True)
    summary = json.loads(as_json.stdout)  # nothing else on stdout
    assert summary["status"] == "finished" and summary["articles_new"] == summary["articles_in_database"] > 0
    assert "Serving the demo news web" in as_json.stderr
