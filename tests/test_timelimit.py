"""A page's extraction has a time limit (NEWSCRAWL_EXTRACT_TIMEOUT): the page is an error with
the reason, the worker goes on, and the next crawl fetches the page again."""

from __future__ import annotations

import contextlib
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from smallweb import QUICK, article_count, crawl_command

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.crawl.timelimit import TimeLimitExceeded, time_limit


def _spin(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_work_past_the_limit_is_stopped_where_it_is() -> None:
    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match=r"took longer than 0.2 s"), time_limit(0.2):
        _spin(5)
    assert time.monotonic() - start < 2


def test_a_long_regular_expression_match_is_stopped_too() -> None:
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        re.match(r"(a+)+$", "a" * 40 + "b")  # catastrophic backtracking: minutes


def test_the_extractions_own_guards_do_not_swallow_it() -> None:
    """The extraction catches ``Exception`` around trafilatura (odd markup must not stop a
    crawl); the time limit is not one."""
    with pytest.raises(TimeLimitExceeded), time_limit(0.2):
        with contextlib.suppress(Exception):  # what the guards do
            _spin(5)
        _spin(5)  # not reached in time


def test_work_within_the_limit_ends_as_usual_and_leaves_no_timer_behind() -> None:
    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        _spin(0.01)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before
    with time_limit(0):  # no limit
        _spin(0.01)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


@pytest.mark.slow
def test_a_page_past_the_limit_is_an_error_and_the_next_crawl_fetches_it_again(
    fixture_web: FixtureWeb, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    limit = "NEWSCRAWL_EXTRACT_TIMEOUT=0.0001"
    limited = crawl_command(fixture_web.sources_path, db, settings=(*QUICK, limit))
    done = subprocess.run(limited, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    conn = sqlite3.connect(db)
    reasons = dict(conn.execute("SELECT reason, count(*) FROM pages WHERE verdict = 'error' GROUP BY reason"))
    timed_out = "extraction failed: TimeLimitExceeded: took longer than 0.0001 s (NEWSCRAWL_EXTRACT_TIMEOUT)"
    assert reasons.get(timed_out, 0) >= 25  # every HTML page the workers were given
    assert "extraction worker crashed" not in reasons  # the workers went on
    assert article_count(db) == 0
    # their responses are archived all the same
    unarchived = "SELECT count(*) FROM pages WHERE reason = ? AND warc_file IS NULL"
    assert conn.execute(unarchived, (timed_out,)).fetchone()[0] == 0
    conn.close()
    # the feeds answer 304 now; the pages are asked for as failures to retry
    done = subprocess.run(crawl_command(fixture_web.sources_path, db, settings=QUICK),
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and "Traceback" not in done.stderr
    assert article_count(db) == 25
