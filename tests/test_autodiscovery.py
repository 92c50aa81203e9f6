"""End to end: feeds and sitemaps an outlet's own site names, found by the crawl itself.

A small web of its own on ``127.0.0.8`` (one port per outlet, :class:`FixtureWeb`), crawled
with the real ``newscrawl crawl``:

- ``robotsonly`` is configured by its homepage alone (as a start page that links no
  article); its articles are listed only by the sitemap index its robots.txt names
  (``NEWSCRAWL_ROBOTS_SITEMAPS``). The index lists itself too; the robots.txt also names a
  sitemap on another site, which is never asked for.
- ``feedonly`` is configured the same way; its articles are listed only by the RSS feed its
  homepage announces (``<link rel="alternate">``, ``NEWSCRAWL_ANNOUNCED_FEEDS``); the page also
  announces a feed on another site and a ``application/json`` record, neither asked for.
- ``listed`` lists its feed and sitemap: its robots.txt and homepage name others, which are
  never asked for (an outlet that lists them behaves as before).
- ``elsewhere`` is no outlet: nothing may be asked of it.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from smallweb import QUICK, WORDS, crawl, outlet_table

from newscrawl.crawl.fixture_web import FixtureWeb, RequestRecord

pytestmark = pytest.mark.slow  # crawls in subprocesses

HOST = "127.0.0.8"


def _story(seed: int, title: str, on_topic: bool) -> str:
    rng = random.Random(seed)
    lead = "ICE detention" if on_topic else "The county fair"
    body = "".join(f"<p>{lead} " + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>"
                   for _ in range(4))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>")


def _urlset(slug: str, paths: list[str]) -> str:
    return ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            + "".join(f"<url><loc>{{{{base:{slug}}}}}{p}</loc></url>" for p in paths) + "</urlset>")


def _rss(slug: str, paths: list[str]) -> str:
    items = "".join(f"<item><title>{p}</title><link>{{{{base:{slug}}}}}{p}</link></item>" for p in paths)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{slug}</title>{items}</channel></rss>'


def _home(links: str = "") -> str:
    return (f"<html><head><title>Home</title>{links}</head><body><h1>Home</h1>"
            '<p><a href="/about/">About us</a></p></body></html>')


# outlet -> path -> (on topic?, found by the crawl with the settings on?)
ARTICLES = {
    "robotsonly": {"/2026/01/20/raid-one.html": (True, True), "/2026/01/21/raid-two.html": (True, True),
                   "/2026/01/22/county-fair.html": (False, True)},
    "feedonly": {"/2026/01/20/vigil-one.html": (True, True), "/2026/01/21/vigil-two.html": (True, True)},
    "listed": {"/2026/01/20/from-feed.html": (True, True), "/2026/01/21/from-sitemap.html": (True, True),
               "/2026/01/22/only-in-extras.html": (True, False)},
    "elsewhere": {"/2026/01/20/elsewhere.html": (True, False)},
}


def write_web(root: Path) -> None:
    """The four sites and sources.toml under ``root``."""
    files = {
        "robotsonly/index.html": _home(),
        "robotsonly/robots.txt": ("User-agent: *\nAllow: /\n\n"
                                  "Sitemap: {{base:robotsonly}}/sitemap_index.xml\n"
                                  "Sitemap: {{base:elsewhere}}/sitemap.xml\nSitemap: /sitemap_index.xml\n"),
        "robotsonly/sitemap_index.xml": (
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            "<sitemap><loc>{{base:robotsonly}}/sitemap_index.xml</loc></sitemap>"
            "<sitemap><loc>{{base:robotsonly}}/sitemap-posts.xml</loc></sitemap></sitemapindex>"),
        "robotsonly/sitemap-posts.xml": _urlset("robotsonly", list(ARTICLES["robotsonly"])),
        "feedonly/index.html": _home(
            '<link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml">'
            '<link rel="alternate" type="application/atom+xml" href="{{base:elsewhere}}/feed.atom">'
            '<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/2">'),
        "feedonly/robots.txt": "User-agent: *\nAllow: /\n",
        "feedonly/feed.xml": _rss("feedonly", list(ARTICLES["feedonly"])),
        "listed/index.html": _home(
            '<link rel="alternate" type="application/rss+xml" href="/extra-feed.xml">'),
        "listed/robots.txt": "User-agent: *\nAllow: /\nSitemap: {{base:listed}}/extra-sitemap.xml\n",
        "listed/feed.xml": _rss("listed", ["/2026/01/20/from-feed.html"]),
        "listed/sitemap.xml": _urlset("listed", ["/2026/01/21/from-sitemap.html"]),
        "listed/extra-feed.xml": _rss("listed", ["/2026/01/22/only-in-extras.html"]),
        "listed/extra-sitemap.xml": _urlset("listed", ["/2026/01/22/only-in-extras.html"]),
        "elsewhere/sitemap.xml": _urlset("elsewhere", list(ARTICLES["elsewhere"])),
        "elsewhere/feed.atom": _rss("elsewhere", list(ARTICLES["elsewhere"])),
    }
    for slug, pages in ARTICLES.items():
        for i, (path, (on_topic, _)) in enumerate(pages.items()):
            files[f"{slug}{path}"] = _story(sum(map(ord, slug)) * 10 + i, f"{slug} story {i}", on_topic)
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    (root / "sources.toml").write_text(
        outlet_table("robotsonly", start_pages=["/"])
        + outlet_table("feedonly", start_pages=["/"])
        + outlet_table("listed", feeds=["/feed.xml"], sitemaps=["/sitemap.xml"], start_pages=["/"]))


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FixtureWeb]:
    root = tmp_path_factory.mktemp("autodisc-web")
    write_web(root)
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
    expected = {web.url(slug, path) for slug in ("robotsonly", "feedonly", "listed")
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
    _, requests = crawled
    assert _asked(requests, "elsewhere") == set()
    assert "/wp-json/wp/v2/pages/2" not in _asked(requests, "feedonly")


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
    stored = _stored(db)
    assert not {u for u in stored if u.startswith((web.url("robotsonly"), web.url("feedonly")))}
    listed = {web.url("listed", p) for p in ("/2026/01/20/from-feed.html", "/2026/01/21/from-sitemap.html")}
    assert listed <= stored
