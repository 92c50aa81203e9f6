"""End to end: feeds and sitemaps an outlet's own site names, found by the crawl itself.

A small web of its own on ``127.0.0.8`` (one port per outlet, :class:`FixtureWeb`), crawled
with the real ``newscrawl crawl``:

- ``robotsonly`` is configured by its homepage alone (as a start page that links no
  article); its articles are listed only by the sitemap index its robots.txt names
  (``NEWSCRAWL_ROBOTS_SITEMAPS``). The index lists itself too; the robots.txt also names a
  sitemap on another site and a cloud metadata address, neither asked for.
- ``feedonly`` is configured the same way; its articles are listed only by the RSS feed its
  homepage announces (``<link rel="alternate">``, ``NEWSCRAWL_ANNOUNCED_FEEDS``); the page also
  announces a feed on another site and a ``application/json`` record, neither asked for.
- ``sitemaponly`` lists its sitemap alone (no feeds, no start pages): its homepage, which
  announces a feed, is not fetched for it (no request more than before).
- ``listed`` lists its feed and sitemap: its robots.txt and homepage name others, which are
  never asked for (an outlet that lists them behaves as before).
- ``elsewhere`` is no outlet: nothing may be asked of it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from smallweb import HOMEPAGE_WEB_ARTICLES as ARTICLES
from smallweb import QUICK, crawl, write_homepage_only_web

from newscrawl.crawl.fixture_web import FixtureWeb, RequestRecord

pytestmark = pytest.mark.slow  # crawls in subprocesses

HOST = "127.0.0.8"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FixtureWeb]:
    root = tmp_path_factory.mktemp("autodisc-web")
    write_homepage_only_web(root)
    with FixtureWeb(root, host=HOST).start() as served:
        yield served


def _crawl(web: FixtureWeb, db: Path, *settings: str) -> list[RequestRecord]:
    web.clear_requests()
    crawl(web.sources_path, db, settings=[*QUICK, *settings])
    return web.requests_for()


def _stored(db: Path) -> set[str]:
    conn = sqlite3.connect(db)
    try:
        return {row[0] for row in conn.execute("SELECT url FROM articles")}
    finally:
        conn.close()


def _pages(db: Path) -> dict[str, tuple[str, str, str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT url, verdict, reason, discovered_via FROM pages")
        return {row[0]: row[1:] for row in rows}
    finally:
        conn.close()


def _run_stats(db: Path) -> dict:
    conn = sqlite3.connect(db)
    try:
        return json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC").fetchone()[0])
    finally:
        conn.close()


def _asked(requests: list[RequestRecord], slug: str) -> set[str]:
    return {r.path for r in requests if r.outlet == slug}


@pytest.fixture(scope="module")
def crawled(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[RequestRecord]]:
    db = tmp_path_factory.mktemp("autodisc-db") / "news.db"
    return db, _crawl(web, db)


def test_articles_only_a_robots_txt_sitemap_or_an_announced_feed_lists_are_found(
        crawled: tuple[Path, list[RequestRecord]], web: FixtureWeb) -> None:
    db, _ = crawled
    stored = _stored(db)
    expected = {web.url(slug, path) for slug in ("robotsonly", "feedonly", "listed", "sitemaponly")
                for path, (on_topic, found) in ARTICLES[slug].items() if on_topic and found}
    assert expected <= stored, sorted(expected - stored)
    pages = _pages(db)
    index = pages[web.url("robotsonly", "/sitemap_index.xml")]
    assert index[1:] == ("sitemap index with 2 entries", "sitemap")
    assert pages[web.url("robotsonly", "/sitemap-posts.xml")][0] == "not-article"
    assert pages[web.url("feedonly", "/feed.xml")][1:] == ("feed with 2 entries", "feed")
    off_topic = web.url("robotsonly", "/2026/01/22/county-fair.html")
    assert pages[off_topic][0] == "off-topic" and off_topic not in stored


def test_sitemaps_and_feeds_on_other_sites_are_never_asked_for(
        crawled: tuple[Path, list[RequestRecord]]) -> None:
    db, requests = crawled
    assert _asked(requests, "elsewhere") == set()
    assert "/wp-json/wp/v2/pages/2" not in _asked(requests, "feedonly")
    # the other site's sitemap and a cloud metadata address: skipped before any request
    stats = _run_stats(db)
    assert stats["skipped"]["robots_sitemap_offsite"] == 2
    assert stats["skipped"]["announced_feed_offsite"] == 1
    assert stats["discovered"] == {"robots_sitemaps": 1, "announced_feeds": 1}
    assert stats["settings"]["NEWSCRAWL_ROBOTS_SITEMAPS"] is True


def test_the_self_listing_index_and_the_repeated_robots_line_are_read_once(
        crawled: tuple[Path, list[RequestRecord]]) -> None:
    _, requests = crawled
    paths = [r.path for r in requests if r.outlet == "robotsonly"]
    assert paths.count("/sitemap_index.xml") == 1
    assert paths.count("/robots.txt") == 1  # Scrapy's own read: no second request for it


def test_an_outlet_that_lists_its_feeds_and_sitemaps_asks_for_nothing_more(
        crawled: tuple[Path, list[RequestRecord]], web: FixtureWeb) -> None:
    db, requests = crawled
    assert _asked(requests, "listed") == {"/robots.txt", "/", "/feed.xml", "/sitemap.xml",
                                          "/2026/01/20/from-feed.html", "/2026/01/21/from-sitemap.html"}
    assert web.url("listed", "/2026/01/22/only-in-extras.html") not in _stored(db)
    assert _asked(requests, "sitemaponly") == {"/robots.txt", "/sitemap.xml", "/2026/01/20/in-sitemap.html"}


def test_a_second_crawl_asks_for_the_found_sitemaps_and_feeds_conditionally(
        crawled: tuple[Path, list[RequestRecord]], web: FixtureWeb, tmp_path: Path) -> None:
    db, _ = crawled
    again = tmp_path / "again.db"
    sqlite3.connect(db).backup(target := sqlite3.connect(again))
    target.close()
    requests = _crawl(web, again)
    status = {(r.outlet, r.path): r.status for r in requests}
    # the robots.txt is read again (Scrapy's), the index, posts sitemap and feed answer 304
    assert status[("robotsonly", "/sitemap_index.xml")] == 304
    assert status[("robotsonly", "/sitemap-posts.xml")] == 304
    # the start page did not change, so the feed it announced before is asked for again
    assert status[("feedonly", "/")] == 304
    assert status[("feedonly", "/feed.xml")] == 304


def test_with_both_settings_off_those_articles_are_not_found(web: FixtureWeb, tmp_path: Path) -> None:
    db = tmp_path / "off.db"
    requests = _crawl(web, db, "NEWSCRAWL_ROBOTS_SITEMAPS=false", "NEWSCRAWL_ANNOUNCED_FEEDS=false")
    assert _asked(requests, "robotsonly") == {"/robots.txt", "/"}
    assert _asked(requests, "feedonly") == {"/robots.txt", "/"}
    assert _asked(requests, "sitemaponly") == {"/robots.txt", "/sitemap.xml", "/2026/01/20/in-sitemap.html"}
    stored = _stored(db)
    assert not {u for u in stored if u.startswith((web.url("robotsonly"), web.url("feedonly")))}
    listed = {web.url("listed", p) for p in ("/2026/01/20/from-feed.html", "/2026/01/21/from-sitemap.html")}
    assert listed <= stored
