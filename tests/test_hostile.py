"""A crawl of the hostile web (tests/hostile.py) ends, stores the good articles and is harmed by nothing.

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

import pytest
from hostile import (
    BY_NAME,
    CHARSET_WORDS,
    ENDPOINTS,
    GOOD,
    HUGE_FEED_ITEMS,
    LINK_LOCAL,
    SITEMAP_MAX_DEPTH,
    HostileWeb,
)
from smallweb import crawl

from newscrawl.crawl.fixture_web import RequestRecord

pytestmark = pytest.mark.slow  # one crawl in a subprocess, 10 to 30 s

BOUND_SECONDS = 60  # the whole crawl; no endpoint may hold it longer
PEAK_RSS_MB = 1536
SETTINGS = (
    "DOWNLOAD_TIMEOUT=5", "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_ENABLED=False", "RETRY_TIMES=0",
    "CONCURRENT_REQUESTS=32", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "NEWSCRAWL_EXTRACT_WORKERS=1",
    "NEWSCRAWL_RETRY_MAX_WAIT=1",
)
REDIRECT_MAX_TIMES = 5  # newscrawl's setting


@dataclass
class HostileCrawl:
    web: HostileWeb
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

    def requests(self, path: str, server: str = "hostile") -> list[RequestRecord]:
        return self.web.requests_for(lambda r: r.outlet == server and r.path == path)


def _crawled(tmp: Path, **web_options: bool) -> Iterator[HostileCrawl]:
    """The hostile web served and crawled once into ``tmp``."""
    with HostileWeb(tmp / "web", **web_options) as web:
        started = time.monotonic()
        result = crawl(web.sources_path, tmp / "news.db", "--topic", str(web.topic_path),
                       settings=SETTINGS, check=False, timeout=2 * BOUND_SECONDS)
        seconds = time.monotonic() - started
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        yield HostileCrawl(web, tmp / "news.db", result.returncode, result.stderr, seconds, peak)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileCrawl]:
    yield from _crawled(tmp_path_factory.mktemp("hostile"))


# -- the crawl as a whole ------------------------------------------------------------------------


def test_the_crawl_ends_within_the_bound_and_finishes(hostile: HostileCrawl) -> None:
    assert hostile.seconds < BOUND_SECONDS
    assert hostile.returncode == 0, hostile.stderr[-3000:]
    assert [r["status"] for r in hostile.rows("SELECT status FROM crawl_runs")] == ["finished"]


def test_no_traceback_on_stderr(hostile: HostileCrawl) -> None:
    assert "Traceback" not in hostile.stderr, hostile.stderr[-3000:]


def test_the_good_articles_are_stored(hostile: HostileCrawl) -> None:
    stored = {r["url"] for r in hostile.rows("SELECT url FROM articles")}
    assert {hostile.web.url(path) for path in GOOD} <= stored


def test_the_bombs_do_not_blow_up_memory(hostile: HostileCrawl) -> None:
    assert hostile.peak_rss_mb < PEAK_RSS_MB


# -- every attack leaves a row that says what happened ----------------------------------------------

@pytest.mark.parametrize("name", [e.name for e in ENDPOINTS])
def test_every_attack_has_a_pages_row_with_a_reason(hostile: HostileCrawl, name: str) -> None:
    endpoint = BY_NAME[name]
    assert hostile.requests(endpoint.path), f"the crawl never asked for {endpoint.path}"
    row = hostile.page(hostile.web.url(endpoint.path))
    assert row is not None, f"no pages row for {endpoint.name} ({endpoint.attack})"
    if row["verdict"] != "article":
        reason = (row["reason"] or "").strip()
        assert reason and not reason.endswith(":"), f"{endpoint.name}: reason {row['reason']!r}"


# -- scope: nothing private is reached ------------------------------------------------------------


@pytest.mark.parametrize("name", [
    "article-to-private", "feed-to-private", "sitemap-to-private", "start-to-private",
])
def test_a_redirect_to_another_loopback_address_is_not_followed(hostile: HostileCrawl, name: str) -> None:
    source = name.split("-to-")[0]
    assert not hostile.requests(f"/from-{source}", server="bystander")


def test_the_private_address_server_was_never_hit(hostile: HostileCrawl) -> None:
    assert hostile.web.requests_for("bystander") == []


def test_no_answer_from_a_link_local_address_is_archived(hostile: HostileCrawl) -> None:
    for row in hostile.rows("SELECT * FROM pages WHERE url LIKE 'http://169.254.%'"):
        assert row["status"] is None and row["warc_file"] is None, dict(row)
    # The outlet's own 302 naming it is archived (its Location header); no answer *from* it is.
    assert f"WARC-Target-URI: {LINK_LOCAL}".encode() not in _warc_bytes(hostile.db)


# -- XXE and XML bombs --------------------------------------------------------------------------


def _passwd_markers() -> list[bytes]:
    try:
        lines = [line for line in Path("/etc/passwd").read_text().splitlines() if line.count(":") >= 6]
    except OSError:
        pytest.skip("no /etc/passwd to look for")
    markers = []
    for line in lines[:2]:
        head = ":".join(line.split(":")[:4])  # root:x:0:0
        markers += [head.encode(), head.replace(":", "%3A").encode(), head.replace(":", "%3a").encode()]
    return markers


def _warc_bytes(db: Path) -> bytes:
    data = b""
    for path in sorted((db.parent / "warc").glob("*.warc.gz")):
        with gzip.open(path) as fh:
            data += fh.read()
    return data


def test_etc_passwd_is_nowhere_in_the_database_the_archive_or_the_requests(hostile: HostileCrawl) -> None:
    markers = _passwd_markers()
    conn = sqlite3.connect(f"file:{hostile.db}?mode=ro", uri=True)
    dump = "\n".join(conn.iterdump()).encode()
    conn.close()
    warc = _warc_bytes(hostile.db)
    asked = "\n".join(r.path for r in hostile.web.requests).encode()
    for marker in markers:
        assert marker not in dump
        assert marker not in warc
        assert marker not in asked


def test_entities_are_not_expanded_into_links(hostile: HostileCrawl) -> None:
    asked = [r.path for r in hostile.web.requests]
    assert not [p for p in asked if "lollol" in p or "root" in p]


# -- hostile content ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["latin1-as-utf8", "utf8-as-latin1"])
def test_a_page_that_lies_about_its_charset_is_stored_readable(hostile: HostileCrawl, name: str) -> None:
    rows = hostile.rows("SELECT text FROM articles WHERE fetched_url = ?",
                        hostile.web.url(BY_NAME[name].path))
    assert rows, f"{name} was not stored"
    text = rows[0]["text"]
    assert "\ufffd" not in text and "Ã" not in text, text[:200]
    assert all(word in text for word in CHARSET_WORDS), text[:200]


def test_a_huge_feed_is_capped(hostile: HostileCrawl) -> None:
    row = hostile.page(hostile.web.url(BY_NAME["huge-feed"].path))
    if row is None or row["status"] != 200:
        pytest.skip(f"the huge feed was not read, nothing to check: {row and row['reason']}")
    stats = json.loads(hostile.rows("SELECT stats FROM crawl_runs")[0]["stats"])
    # The huge feed's entries are held out by the outlet's article pattern: every entry the
    # crawl took was counted there.
    assert stats["skipped"].get("pattern", 0) < HUGE_FEED_ITEMS, stats["skipped"]


def test_a_self_referencing_sitemap_index_is_read_a_bounded_number_of_times(hostile: HostileCrawl) -> None:
    assert 1 <= len(hostile.requests(BY_NAME["self-index"].path)) <= SITEMAP_MAX_DEPTH + 1


def test_a_self_referencing_sitemap_index_is_read_once(hostile: HostileCrawl) -> None:
    assert len(hostile.requests(BY_NAME["self-index"].path)) == 1


def test_a_redirect_loop_is_left_at_once(hostile: HostileCrawl) -> None:
    loop = [r for r in hostile.web.requests if "/loop-" in r.path]
    assert len(loop) <= 3, [r.path for r in loop]


def test_an_endless_redirect_chain_is_left_after_the_redirect_limit(hostile: HostileCrawl) -> None:
    chain = [r for r in hostile.web.requests if "/chain-" in r.path]
    assert len(chain) <= REDIRECT_MAX_TIMES + 1, [r.path for r in chain]


# -- the same web, its outlet listed by its homepage alone ------------------------------------------
# Its feeds (announced by the homepage) and sitemaps (named by its robots.txt) are the crawl's
# to find: the attacks, the bystander's and a link-local address among them.


@pytest.fixture(scope="module")
def by_homepage(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileCrawl]:
    yield from _crawled(tmp_path_factory.mktemp("hostile-homepage"), by_homepage=True)


def test_found_feeds_and_sitemaps_of_a_hostile_site_leave_the_crawl_bounded_and_in_scope(
        by_homepage: HostileCrawl) -> None:
    crawl_ = by_homepage
    assert crawl_.seconds < BOUND_SECONDS
    assert crawl_.returncode == 0 and "Traceback" not in crawl_.stderr, crawl_.stderr[-3000:]
    assert [r["status"] for r in crawl_.rows("SELECT status FROM crawl_runs")] == ["finished"]
    stored = {r["url"] for r in crawl_.rows("SELECT url FROM articles")}
    assert {crawl_.web.url(path) for path in GOOD} <= stored
    assert crawl_.web.requests_for("bystander") == []
    assert crawl_.peak_rss_mb < PEAK_RSS_MB
    # every sitemap its robots.txt names on the site is read, once; the self-listing index too
    for endpoint in ENDPOINTS:
        if endpoint.via == "sitemap":
            assert len(crawl_.requests(endpoint.path)) == 1, endpoint.name
    # five announced feeds at most, the first ones on the site
    feeds = [e.path for e in ENDPOINTS if e.via == "feed"]
    asked = [path for path in [*feeds, "/feed.rss"] if crawl_.requests(path)]
    assert asked == feeds[:5], asked
    stats = json.loads(crawl_.rows("SELECT stats FROM crawl_runs")[0]["stats"])
    assert stats["skipped"]["robots_sitemap_offsite"] == 2
    assert stats["skipped"]["announced_feed_offsite"] == 2
