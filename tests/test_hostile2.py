"""A crawl of the second hostile web (tests/hostile2.py) ends, stores the good articles and is
harmed by nothing: no trap holds it, no lying server breaks it, no address trick sends it away.

One crawl per module; each test checks one invariant of it.
"""

from __future__ import annotations

import gzip
import json
import resource
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hostile2 import (
    BY_NAME,
    ENDPOINTS,
    GOOD,
    LISTED_ONLY_BY,
    ROBOTS_STORY,
    SEEDS,
    SITEMAP_PROTOCOL_MAX,
    HostileWeb2,
    last_words,
)
from smallweb import crawl

from newscrawl.crawl.fixture_web import RequestRecord

pytestmark = pytest.mark.slow  # one crawl in a subprocess, 20 to 40 s

BOUND_SECONDS = 60  # the whole crawl; no endpoint may hold it longer
PEAK_RSS_MB = 1536
MAX_COOKIE_BYTES = 8192  # what any request may carry back of what a server set
SETTINGS = (
    "DOWNLOAD_TIMEOUT=5", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "RETRY_TIMES=0",
    "CONCURRENT_REQUESTS=32", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "NEWSCRAWL_EXTRACT_WORKERS=1",
    "NEWSCRAWL_RETRY_MAX_WAIT=1",
)
# What the crawl does not get right yet: (test, endpoint) -> why (strict xfails).
KNOWN: dict[tuple[str, str], str] = {
    ("stored", "deep-nesting"): (
        "libxml2 stops a tree 256 elements deep; lxml's huge_tree lifts that, but extraction then takes "
        "3 s at 1,000 levels and 30 s at 2,500: a fast 'no main text' is kept"),
}


def cases(test: str, names: list[str]) -> list[object]:
    """``names`` as parameters, those in :data:`KNOWN` for ``test`` marked as strict xfails."""
    return [pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN[test, name], strict=True))
            if (test, name) in KNOWN else name for name in names]


@dataclass
class Crawled:
    web: HostileWeb2
    db: Path
    returncode: int
    stderr: str
    seconds: float
    peak_rss_mb: float  # an upper bound: the largest of this test process's children so far

    def rows(self, sql: str, *params: object) -> list[sqlite3.Row]:
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        try:
            return conn.execute(sql, params).fetchall()
        finally:
            conn.close()

    def page(self, url: str) -> sqlite3.Row | None:
        rows = self.rows("SELECT * FROM pages WHERE url = ?", url)
        return rows[0] if rows else None

    def asked(self, prefix: str) -> list[RequestRecord]:
        """The outlet's requests whose path (with its query) starts with ``prefix``."""
        return self.web.requests_for(lambda r: r.outlet == "hostile2" and r.path.startswith(prefix))


@pytest.fixture(scope="module")
def hostile2(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    tmp = tmp_path_factory.mktemp("hostile2")
    with HostileWeb2(tmp / "web") as web:
        started = time.monotonic()
        result = crawl(web.sources_path, tmp / "news.db", "--topic", str(web.topic_path),
                       settings=SETTINGS, check=False, timeout=2 * BOUND_SECONDS)
        seconds = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        yield Crawled(web, tmp / "news.db", result.returncode, result.stderr, seconds, peak)


# -- the crawl as a whole ------------------------------------------------------------------------


def test_the_crawl_ends_within_the_bound_and_finishes(hostile2: Crawled) -> None:
    assert hostile2.seconds < BOUND_SECONDS
    assert hostile2.returncode == 0, hostile2.stderr[-3000:]
    assert [r["status"] for r in hostile2.rows("SELECT status FROM crawl_runs")] == ["finished"]


def test_no_traceback_on_stderr(hostile2: Crawled) -> None:
    assert "Traceback" not in hostile2.stderr, hostile2.stderr[-3000:]


def test_memory_stays_bounded(hostile2: Crawled) -> None:
    assert hostile2.peak_rss_mb < PEAK_RSS_MB


@pytest.mark.parametrize("path", [*GOOD, *LISTED_ONLY_BY])
def test_the_good_articles_are_stored_once_each(hostile2: Crawled, path: str) -> None:
    rows = hostile2.rows("SELECT url FROM articles WHERE fetched_url = ?", hostile2.web.url(path))
    assert len(rows) == 1, f"{path} ({LISTED_ONLY_BY.get(path, 'the feed, sitemap and start page')})"


def test_an_html_robots_txt_is_read_once_and_blocks_nothing(hostile2: Crawled) -> None:
    assert len(hostile2.asked("/robots.txt")) == 1
    assert not hostile2.rows("SELECT url FROM pages WHERE verdict = 'blocked-by-robots' AND url LIKE ?",
                             hostile2.web.base_url + "/%")


# -- every attack: a pages row with a reason, or a bounded number of requests --------------------------


@pytest.mark.parametrize("name", [e.name for e in ENDPOINTS if e.expect != "bounded"])
def test_every_attack_has_a_pages_row_with_a_reason(hostile2: Crawled, name: str) -> None:
    endpoint = BY_NAME[name]
    assert hostile2.asked(endpoint.path), f"the crawl never asked for {endpoint.path}"
    row = hostile2.page(hostile2.web.url(endpoint.path))
    assert row is not None, f"no pages row for {name} ({endpoint.attack})"
    if row["verdict"] != "article":
        reason = (row["reason"] or "").strip()
        assert reason and not reason.endswith(":"), f"{name}: reason {row['reason']!r}"


@pytest.mark.parametrize("name", cases("trap", [e.name for e in ENDPOINTS if e.expect == "bounded"]))
def test_every_trap_is_left_after_a_bounded_number_of_requests(hostile2: Crawled, name: str) -> None:
    endpoint = BY_NAME[name]
    asked = hostile2.asked(endpoint.prefix)
    assert len(asked) <= endpoint.bound, f"{len(asked)} > {endpoint.bound} requests ({endpoint.attack})"


@pytest.mark.parametrize("name", cases("stored", [e.name for e in ENDPOINTS if e.expect == "article"]))
def test_a_good_story_behind_an_attack_is_stored_whole(hostile2: Crawled, name: str) -> None:
    rows = hostile2.rows("SELECT url, fetched_url, text FROM articles WHERE fetched_url LIKE ?",
                         hostile2.web.url(BY_NAME[name].path) + "%")
    assert len(rows) == 1, f"{name} ({BY_NAME[name].attack}): {[r['fetched_url'] for r in rows]}"
    text = rows[0]["text"]
    assert last_words(SEEDS[name]) in text and "\ufffd" not in text and "\x00" not in text, text[:300]


@pytest.mark.parametrize("name", cases("once", ["tracking-dupes"]))
def test_the_story_under_50_addresses_is_fetched_once(hostile2: Crawled, name: str) -> None:
    asked = hostile2.asked(BY_NAME[name].path)
    assert len(asked) == 1, sorted(r.path.rpartition("/")[2] for r in asked)


def test_a_utf16_page_is_stored_readable(hostile2: Crawled) -> None:
    rows = hostile2.rows("SELECT title FROM articles WHERE fetched_url = ?",
                         hostile2.web.url(BY_NAME["utf16-bom"].path))
    assert rows and "señora Núñez" in rows[0]["title"], rows and rows[0]["title"]


def test_an_oversize_sitemap_gives_no_more_than_the_protocol_allows(hostile2: Crawled) -> None:
    stats = json.loads(hostile2.rows("SELECT stats FROM crawl_runs")[0]["stats"])
    assert stats["skipped"].get("pattern", 0) <= SITEMAP_PROTOCOL_MAX, stats["skipped"]


@pytest.mark.parametrize("name", cases("counted", ["long-url"]))
def test_a_link_too_long_to_fetch_is_counted_not_dropped_unseen(hostile2: Crawled, name: str) -> None:
    assert not hostile2.asked(BY_NAME[name].path)
    stats = json.loads(hostile2.rows("SELECT stats FROM crawl_runs")[0]["stats"])
    assert stats["skipped"].get("url_too_long", 0) >= 1, stats["skipped"]


def test_no_request_carries_a_cookie_flood_back(hostile2: Crawled) -> None:
    sizes = [len(value) for r in hostile2.web.requests_for("hostile2")
             for name, value in r.headers if name.lower() == "cookie"]
    assert max(sizes, default=0) <= MAX_COOKIE_BYTES


# -- a robots.txt that fails ----------------------------------------------------------------------


def test_a_robots_txt_answered_503_keeps_the_crawl_off_the_site(hostile2: Crawled) -> None:
    asked = [r.path for r in hostile2.web.requests_for("robots503")]
    assert asked == ["/robots.txt"], asked
    feed = hostile2.page(hostile2.web.robots_urls["robots503"] + "/feed.rss")
    assert feed is not None and feed["verdict"] == "blocked-by-robots", feed and dict(feed)
    assert feed["reason"] == "robots.txt answered 503: site disallowed for this run (RFC 9309)"


def test_a_robots_txt_that_never_answers_keeps_the_crawl_off_the_site(hostile2: Crawled) -> None:
    # RFC 9309 2.3.1.4: unreachable for a network error means complete disallow. The hang costs
    # DOWNLOAD_TIMEOUT once (RETRY_TIMES=0 here), as it did when Scrapy allowed the site.
    asked = [r.path for r in hostile2.web.requests_for("robotshang")]
    assert asked == ["/robots.txt"], asked
    feed = hostile2.page(hostile2.web.robots_urls["robotshang"] + "/feed.rss")
    assert feed is not None and feed["verdict"] == "blocked-by-robots", feed and dict(feed)
    # The timeout, or on a loaded machine the server's own close after MAX_SECONDS (10 s) when
    # Scrapy's DOWNLOAD_TIMEOUT (5 s) fires late: the robots.txt never answered either way.
    causes = ("timeout", "no response (the server closed the connection without answering)")
    assert feed["reason"] in [f"robots.txt unreachable ({cause}): site disallowed for this run (RFC 9309)"
                              for cause in causes], feed["reason"]
    assert not hostile2.rows("SELECT url FROM articles WHERE fetched_url = ?",
                             hostile2.web.robots_urls["robotshang"] + ROBOTS_STORY)


# -- scope: no address trick reaches the bystander or another scheme ----------------------------------


def test_the_bystander_was_never_asked(hostile2: Crawled) -> None:
    assert hostile2.web.requests_for("bystander") == []


def test_no_page_of_another_scheme_or_host_was_fetched(hostile2: Crawled) -> None:
    hosts = {hostile2.web.host, *(urlsplit(url).netloc for url in hostile2.web.robots_urls.values())}
    for row in hostile2.rows("SELECT url FROM pages WHERE status IS NOT NULL"):
        parts = urlsplit(row["url"])
        assert parts.scheme == "http" and parts.netloc in hosts, row["url"]


def test_a_canonical_link_elsewhere_does_not_move_the_article(hostile2: Crawled) -> None:
    rows = hostile2.rows("SELECT url FROM articles WHERE fetched_url = ?",
                         hostile2.web.url(BY_NAME["canonical-private"].path))
    assert rows and urlsplit(rows[0]["url"]).netloc == hostile2.web.host, rows and rows[0]["url"]


def _passwd_markers() -> list[bytes]:
    try:
        lines = [line for line in Path("/etc/passwd").read_text().splitlines() if line.count(":") >= 6]
    except OSError:
        pytest.skip("no /etc/passwd to look for")
    return [":".join(line.split(":")[:4]).encode() for line in lines[:2]]


def test_etc_passwd_is_nowhere_in_the_database_or_the_archive(hostile2: Crawled) -> None:
    conn = sqlite3.connect(f"file:{hostile2.db}?mode=ro", uri=True)
    dump = "\n".join(conn.iterdump()).encode()
    conn.close()
    warc = b""
    for path in sorted((hostile2.db.parent / "warc").glob("*.warc.gz")):
        with gzip.open(path) as fh:
            warc += fh.read()
    for marker in _passwd_markers():
        assert marker not in dump
        assert marker not in warc
