"""The spiders' callbacks fed handmade responses: which pages and requests each one yields.

The spiders are built as Scrapy builds them (``from_crawler``) over handmade outlets, with
a database in ``tmp_path``; no server and no reactor. Feeds, sitemaps and listing pages
become a page row plus requests; article responses, redirects, 304s and failures become page
rows for the pipelines. (What earlier runs decide about those requests is
IncrementalMiddleware's job, tested in test_incremental.py.)
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from components import close, crawler_with_spider, outlet, response, run, with_engine
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Headers, Response, TextResponse
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.misc import build_from_crawler
from twisted.internet.error import (
    ConnectionDone,
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TimeoutError,
)
from twisted.python.failure import Failure
from twisted.web._newclient import ParseError, ResponseFailed, ResponseNeverReceived
from twisted.web.http import _DataLoss

from newscrawl.discover.feeds import DiscoveredLink
from newscrawl.extract.urls import clean_url
from newscrawl.items import (
    ARTICLE,
    BLOCKED_BY_ROBOTS,
    ERROR,
    NOT_ARTICLE,
    REDIRECT,
    ChannelPoll,
    DateHint,
    FetchedPage,
)
from newscrawl.pipelines.crawlstore import crawl_store
from newscrawl.spiders.incremental import CONDITIONAL, IncrementalMiddleware
from newscrawl.spiders.middlewares import RobotsTxtUnreachable
from newscrawl.spiders.news import REDIRECT_STATUSES, NewsSpider, cleaned_links
from newscrawl.spiders.seeds import SeedSpider
from newscrawl.spiders.warc import WarcSpider
from newscrawl.store.warc import WarcWriter

FEED_URL = "https://ledger.test/feed.rss"
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Ledger</title><link>https://ledger.test/</link>
  <item><title>CEOs respond</title>
    <link>https://ledger.test/2026/02/04/ceos-respond.html?utm_source=rss&amp;utm_medium=feed</link>
    <pubDate>Wed, 04 Feb 2026 06:00:00 -0500</pubDate></item>
  <item><title>The letter</title><link>https://ledger.test/2026/01/27/tech-workers-letter.html</link>
    <pubDate>Tue, 27 Jan 2026 09:05:00 -0500</pubDate></item>
  <item><title>A copy elsewhere</title><link>https://wire.test/2026/01/27/letter.html</link></item>
</channel></rss>"""


def spider(crawler: Crawler) -> NewsSpider:
    return crawler.spider


@pytest.fixture
def crawler(tmp_path: Path) -> Iterator[Crawler]:
    crawler = crawler_with_spider(NewsSpider, tmp_path, [outlet("ledger"), outlet("wire")])
    yield crawler
    close(crawler)


def news_crawler(
    tmp_path: Path, outlets: list | None = None, since: str | None = None, **settings: Any
) -> Crawler:
    """A ``news`` crawler with ``--since`` and settings of its own (close it)."""
    outlets = outlets or [outlet("ledger")]
    return crawler_with_spider(NewsSpider, tmp_path, outlets, settings=settings, since=since)


def split(results: Iterator[Any]) -> tuple[list[FetchedPage], list[Request]]:
    results = list(results)
    assert all(isinstance(r, FetchedPage | Request) for r in results), results
    return [r for r in results if isinstance(r, FetchedPage)], [r for r in results if isinstance(r, Request)]


def feed_response(body: str = FEED, status: int = 200, **kwargs: Any) -> Response:
    return response(FEED_URL, body, status=status, cls=TextResponse,
                    headers={"Content-Type": "application/rss+xml", "ETag": '"v1"'},
                    meta={"outlet": "ledger", "via": "feed", "depth": 0}, **kwargs)


# -- feeds -----------------------------------------------------------------------------------------


def test_a_feed_is_a_page_row_then_requests_for_its_entries(crawler: Crawler) -> None:
    news = spider(crawler)
    (page, *requests) = list(news.parse_feed(feed_response()))
    assert isinstance(page, FetchedPage)
    assert (page.url, page.outlet, page.discovered_via, page.status) == (FEED_URL, "ledger", "feed", 200)
    assert (page.verdict, page.reason) == (NOT_ARTICLE, "feed with 3 entries")
    assert page.headers["content-type"] == "application/rss+xml" and page.headers["etag"] == '"v1"'

    assert [r.url for r in requests] == [
        "https://ledger.test/2026/02/04/ceos-respond.html",  # tracking parameters cleaned off
        "https://ledger.test/2026/01/27/tech-workers-letter.html",
    ]
    first = requests[0]
    assert first.callback == news.parse_page and first.errback == news.on_error
    assert first.meta["outlet"] == "ledger" and first.meta["via"] == f"feed {FEED_URL}"
    assert first.meta["date_hints"] == [DateHint("Wed, 04 Feb 2026 06:00:00 -0500", "feed", "published")]
    assert first.meta["dont_redirect"]
    assert set(first.meta["handle_httpstatus_list"]) == {*REDIRECT_STATUSES, 304}
    # the wire.test entry is another outlet's, and a feed only speaks for its own outlet
    assert crawler.stats.get_value("newscrawl/skipped/offsite") == 1


def test_since_leaves_older_entries_out_and_forgets_the_feeds_etag(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, since="2026-02-01")
    try:
        pages, requests = split(spider(crawler).parse_feed(feed_response()))
    finally:
        close(crawler)
    assert [r.url for r in requests] == ["https://ledger.test/2026/02/04/ceos-respond.html"]
    assert crawler.stats.get_value("newscrawl/skipped/before_since") == 1
    assert "etag" not in pages[0].headers, "a later run without --since must read the whole feed"


def test_article_patterns_pick_the_entries(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, [outlet("ledger", article_patterns=[r"^/2026/01/"])])
    try:
        _, requests = split(spider(crawler).parse_feed(feed_response()))
    finally:
        close(crawler)
    assert [r.url for r in requests] == ["https://ledger.test/2026/01/27/tech-workers-letter.html"]
    assert crawler.stats.get_value("newscrawl/skipped/pattern") == 1


def test_an_entry_longer_than_urllength_limit_is_counted_not_requested(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, URLLENGTH_LIMIT=50)
    try:
        _, requests = split(spider(crawler).parse_feed(feed_response()))
    finally:
        close(crawler)
    assert [r.url for r in requests] == ["https://ledger.test/2026/02/04/ceos-respond.html"]
    assert crawler.stats.get_value("newscrawl/skipped/url_too_long") == 1


def test_a_feed_not_modified_is_one_page_row_keeping_the_validator(crawler: Crawler) -> None:
    answer = response(FEED_URL, status=304, meta={"outlet": "ledger", "via": "feed"},
                      request_headers={"If-None-Match": '"v1"'}, cls=TextResponse)
    (page,) = list(spider(crawler).parse_feed(answer))
    assert (page.status, page.verdict, page.reason) == (304, NOT_ARTICLE, "feed not modified (304)")
    assert page.headers["etag"] == '"v1"', "sent again next time"


def test_an_unreadable_feed_is_an_error(crawler: Crawler) -> None:
    (page,) = list(spider(crawler).parse_feed(feed_response("<html><body>Moved</body></html>")))
    assert page.verdict == ERROR and page.reason.startswith("unreadable feed: ")


@pytest.mark.parametrize(("body", "reason"), [
    ("", "unreadable feed: empty feed (the server sent no content)"),
    ("<html><body>Moved</body></html>", "unreadable feed: not a readable feed: an HTML page, not a feed"),
    ('<rss version="2.0"><channel><item><title>cut', "unreadable feed: not a readable feed: broken XML: "),
])
def test_an_empty_or_malformed_feed_is_a_page_row_naming_the_cause(
    crawler: Crawler, body: str, reason: str
) -> None:
    pages, requests = split(spider(crawler).parse_feed(feed_response(body)))
    (page,) = pages
    assert requests == []
    assert (page.url, page.status, page.verdict) == (FEED_URL, 200, ERROR)
    assert page.reason.startswith(reason) and len(page.reason) > len("unreadable feed: not a readable feed: ")


def test_a_bug_in_reading_a_feed_is_still_a_page_row(
    crawler: Crawler, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any) -> list:
        raise AttributeError("object has no attribute 'version'")

    monkeypatch.setattr("newscrawl.spiders.news.parse_feed", broken)
    with caplog.at_level(logging.ERROR):
        (page,) = list(spider(crawler).parse_feed(feed_response()))
    assert page.verdict == ERROR
    assert page.reason == (
        "unreadable feed: internal error (AttributeError: object has no attribute 'version')")
    assert "Traceback" in caplog.text or "AttributeError" in caplog.text


def huge_feed(count: int) -> str:
    """An RSS feed of ``count`` items, oldest first, dated one minute apart (the last undated)."""
    items = "".join(
        f"<item><link>https://ledger.test/2026/01/27/story-{i}.html</link>"
        + (f"<pubDate>Tue, 27 Jan 2026 {i // 60 % 24:02d}:{i % 60:02d}:00 +0000</pubDate>"
           if i < count - 1 else "")
        + "</item>"
        for i in range(count)
    )
    return f'<rss version="2.0"><channel><title>Huge</title>{items}</channel></rss>'


def test_a_feed_longer_than_the_cap_gives_its_newest_links_and_counts_the_rest(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, NEWSCRAWL_FEED_MAX_LINKS=3)
    try:
        pages, requests = split(spider(crawler).parse_feed(feed_response(huge_feed(10))))
    finally:
        close(crawler)
    assert [r.url.rsplit("/", 1)[1] for r in requests] == ["story-9.html", "story-8.html", "story-7.html"]
    assert pages[0].reason == "feed with 10 entries"
    assert crawler.stats.get_value("newscrawl/skipped/feed_cap") == 7
    assert "etag" not in pages[0].headers, "a later run with a higher cap must read it whole"


def test_the_feed_cap_defaults_to_a_thousand_links(crawler: Crawler) -> None:
    _, requests = split(spider(crawler).parse_feed(feed_response(huge_feed(1200))))
    assert len(requests) == 1000
    assert crawler.stats.get_value("newscrawl/skipped/feed_cap") == 200


# -- sitemaps ----------------------------------------------------------------------------------------


def sitemap_response(body: str, depth: int = 0, url: str = "https://ledger.test/sitemap.xml") -> Response:
    return response(url, body, cls=TextResponse, headers={"Content-Type": "application/xml", "ETag": '"s1"'},
                    meta={"outlet": "ledger", "via": "sitemap", "depth": depth})


def urlset(*entries: tuple[str, str | None]) -> str:
    urls = "".join(f"<url><loc>{loc}</loc>" + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</url>"
                   for loc, mod in entries)
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def index(*locs: str) -> str:
    sitemaps = "".join(f"<sitemap><loc>{loc}</loc><lastmod>{mod}</lastmod></sitemap>" for loc, mod in locs)
    return f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{sitemaps}</sitemapindex>'


def test_a_sitemap_is_read_newest_first(crawler: Crawler) -> None:
    body = urlset(("https://ledger.test/2026/01/20/old.html", "2026-01-20"),
                  ("https://ledger.test/2026/02/01/new.html", "2026-02-01T08:00:00Z"),
                  ("https://ledger.test/2026/01/25/middle.html", "2026-01-25"))
    pages, requests = split(spider(crawler).parse_sitemap(sitemap_response(body)))
    assert [r.url.rsplit("/", 1)[1] for r in requests] == ["new.html", "middle.html", "old.html"]
    assert requests[0].callback == spider(crawler).parse_page
    assert requests[0].meta["date_hints"] == [DateHint("2026-02-01T08:00:00Z", "sitemap", "modified")]
    assert (pages[0].verdict, pages[0].reason) == (NOT_ARTICLE, "sitemap urlset with 3 entries")
    assert pages[0].headers["etag"] == '"s1"'


def test_a_sitemaps_links_are_cleaned_once_for_its_poll_and_its_requests(crawler: Crawler) -> None:
    raw = ["HTTPS://Ledger.TEST:443/2026/01/20/a.html?utm_source=x&b=2&a=1#top",
           "https://ledger.test/2026/01/21/b.html",
           "https://ledger.test/2026/01/22/c.html?fbclid=1",
           "https://wire.test/2026/01/23/elsewhere.html"]
    body = urlset(*((url.replace("&", "&amp;"), None) for url in raw))
    pages, requests = split(spider(crawler).parse_sitemap(sitemap_response(body)))
    wanted = [clean_url(url) for url in raw[:3]]
    assert wanted[0] == "https://ledger.test/2026/01/20/a.html?a=1&b=2"
    assert [r.url for r in requests] == wanted
    assert [url for _, url in pages[0].poll.links] == wanted
    assert crawler.stats.get_value("newscrawl/skipped/offsite") == 1


def test_cleaned_links_replaces_only_the_links_whose_url_changes() -> None:
    hints = (DateHint("2026-01-20", "sitemap", "modified"),)
    clean = DiscoveredLink("https://ledger.test/a.html", "A", hints)
    links = [clean, DiscoveredLink("https://Ledger.test/b.html?utm_medium=x", "B", hints)]
    assert cleaned_links(links) is links
    assert links[0] is clean
    assert links[1] == DiscoveredLink("https://ledger.test/b.html", "B", hints)


@pytest.mark.parametrize("kind", ["sitemap", "feed"])
def test_a_listings_page_row_is_not_held_while_its_links_requests_are_made(
    crawler: Crawler, kind: str
) -> None:
    # Its poll lists every link again: the store writes it and lets go, the callback too.
    import gc
    import weakref

    if kind == "sitemap":
        body = urlset(*((f"https://ledger.test/2026/01/20/story-{i}.html", None) for i in range(3)))
        results = spider(crawler).parse_sitemap(sitemap_response(body))
    else:
        results = spider(crawler).parse_feed(feed_response())
    page = next(results)
    assert isinstance(page, FetchedPage) and len(page.poll.links) >= 2
    row = weakref.ref(page)
    del page
    assert isinstance(next(results), Request)
    gc.collect()
    assert row() is None
    assert all(isinstance(r, Request) for r in results)


def test_a_sitemap_longer_than_the_cap_gives_its_newest_links(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, NEWSCRAWL_SITEMAP_MAX_LINKS=2)
    body = urlset(("https://ledger.test/2026/01/20/old.html", "2026-01-20"),
                  ("https://ledger.test/2026/02/01/new.html", "2026-02-01"),
                  ("https://ledger.test/2026/01/30/undated.html", None))
    try:
        pages, requests = split(spider(crawler).parse_sitemap(sitemap_response(body)))
    finally:
        close(crawler)
    assert [r.url.rsplit("/", 1)[1] for r in requests] == ["undated.html", "new.html"]  # undated first
    assert pages[0].reason == "sitemap urlset with 3 entries"
    assert crawler.stats.get_value("newscrawl/skipped/sitemap_cap") == 1
    assert "etag" not in pages[0].headers, "a later run with a higher cap must read it whole"


def test_a_sitemap_index_asks_for_its_own_outlets_sitemaps(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, since="2026-01-01")
    body = index(("https://ledger.test/sitemaps/2026-01.xml", "2026-01-27"),
                 ("https://ledger.test/sitemaps/2025-11.xml", "2025-11-20"),
                 ("https://cdn.other.test/sitemaps/2026-01.xml", "2026-01-27"))
    try:
        news = spider(crawler)
        pages, requests = split(news.parse_sitemap(sitemap_response(body)))
    finally:
        close(crawler)
    assert (pages[0].verdict, pages[0].reason) == (NOT_ARTICLE, "sitemap index with 3 entries")
    assert "etag" not in pages[0].headers, "an index is always read again"
    (child,) = requests
    assert child.url == "https://ledger.test/sitemaps/2026-01.xml"
    assert child.callback == news.parse_sitemap and child.dont_filter
    assert (child.meta["via"], child.meta["depth"], child.priority) == ("sitemap", 1, 10)


def test_a_sitemap_index_longer_than_the_cap_gives_its_newest_sitemaps(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, NEWSCRAWL_SITEMAP_MAX_CHILDREN=2)
    body = index(("https://ledger.test/sitemaps/2025-11.xml", "2025-11-30"),
                 ("https://ledger.test/sitemaps/2026-01.xml", "2026-01-31"),
                 ("https://ledger.test/sitemaps/2025-12.xml", "2025-12-31"))
    try:
        pages, requests = split(spider(crawler).parse_sitemap(sitemap_response(body)))
    finally:
        close(crawler)
    assert [r.url.rsplit("/", 1)[1] for r in requests] == ["2026-01.xml", "2025-12.xml"]
    assert crawler.stats.get_value("newscrawl/skipped/sitemap_index_cap") == 1
    assert "etag" not in pages[0].headers, "a later run with a higher cap must read it whole"


def test_a_sitemap_index_nested_too_deep_is_not_followed(
    crawler: Crawler, caplog: pytest.LogCaptureFixture
) -> None:
    body = index(("https://ledger.test/sitemaps/deeper.xml", "2026-01-27"))
    with caplog.at_level(logging.WARNING):
        pages, requests = split(spider(crawler).parse_sitemap(sitemap_response(body, depth=3)))
    assert len(pages) == 1 and requests == []
    assert "nested too deep" in caplog.text


def test_an_unreadable_sitemap_is_an_error(crawler: Crawler) -> None:
    (page,) = list(spider(crawler).parse_sitemap(sitemap_response("<rss/>")))
    assert page.verdict == ERROR and page.reason.startswith("unreadable sitemap: ")


@pytest.mark.parametrize(("body", "verdict", "reason"), [
    ("", ERROR, "unreadable sitemap: empty sitemap"),
    ("just some words", ERROR, "unreadable sitemap: neither XML nor a list of URLs"),
    ("<?xml version='1.0'?>", ERROR, "unreadable sitemap: broken XML: no root element"),
    ("<urlset><url><loc>http://[broken/a</loc></url></urlset>", NOT_ARTICLE, "sitemap urlset with 0 entries"),
])
def test_an_empty_or_malformed_sitemap_is_a_page_row_naming_the_cause(
    crawler: Crawler, body: str, verdict: str, reason: str
) -> None:
    pages, requests = split(spider(crawler).parse_sitemap(sitemap_response(body)))
    assert requests == [] and pages[0].status == 200
    assert (pages[0].verdict, pages[0].reason) == (verdict, reason)


# -- listing pages ---------------------------------------------------------------------------------

SECTION = "https://ledger.test/section/technology/"
LISTING = """<html><head><title>Technology</title></head><body>
<nav><a href="/">Home</a> <a href="/section/nation/">Nation</a></nav>
<h2><a href="/2026/01/27/tech-workers-letter.html">Tech workers sign a letter</a></h2>
<h2><a href="https://ledger.test/2026/01/28/ceos-silent-on-ice.html?utm_source=home">CEOs silent</a></h2>
<a href="/calendar/2026/01/">Events this month</a>
<a href="https://wire.test/2026/01/27/letter.html">From the wire</a>
<a rel="next" href="/section/technology/page/2/">Next page</a>
</body></html>"""


def listing_response(depth: int = 0, body: str = LISTING, url: str = SECTION) -> Response:
    return response(url, body, meta={"outlet": "ledger", "via": "start page", "depth": depth})


def test_a_listing_page_follows_articles_sub_listings_and_the_next_page(crawler: Crawler) -> None:
    news = spider(crawler)
    pages, requests = split(news.parse_listing(listing_response()))
    (page,) = pages
    assert (page.url, page.verdict) == (SECTION, NOT_ARTICLE)
    assert page.reason == "listing page with 2 article links"
    by_url = {r.url: r for r in requests}
    assert set(by_url) == {
        "https://ledger.test/2026/01/27/tech-workers-letter.html",
        "https://ledger.test/2026/01/28/ceos-silent-on-ice.html",
        "https://ledger.test/section/nation/",
        "https://ledger.test/",
        "https://ledger.test/section/technology/page/2/",
    }
    article = by_url["https://ledger.test/2026/01/27/tech-workers-letter.html"]
    assert article.callback == news.parse_page and article.meta["via"] == f"listing {SECTION}"
    nation = by_url["https://ledger.test/section/nation/"]
    assert nation.callback == news.parse_listing and nation.meta["depth"] == 1
    assert (nation.meta["via"], nation.priority) == ("listing", 5)
    next_page = by_url["https://ledger.test/section/technology/page/2/"]
    assert next_page.meta["depth"] == 0, "a next page is no level"
    assert crawler.stats.get_value("newscrawl/skipped/trap") == 1


def test_at_the_depth_limit_only_articles_and_next_pages_are_followed(crawler: Crawler) -> None:
    _, requests = split(spider(crawler).parse_listing(listing_response(depth=1)))
    assert {r.url for r in requests} == {
        "https://ledger.test/2026/01/27/tech-workers-letter.html",
        "https://ledger.test/2026/01/28/ceos-silent-on-ice.html",
        "https://ledger.test/section/technology/page/2/",
    }


def test_the_listing_budget_caps_listing_pages_per_outlet(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, NEWSCRAWL_LISTING_MAX_PAGES=2)
    try:
        _, requests = split(spider(crawler).parse_listing(listing_response()))
    finally:
        close(crawler)
    listings = [r for r in requests if r.callback == spider(crawler).parse_listing]
    assert len(listings) == 2 and len(requests) == 4
    assert crawler.stats.get_value("newscrawl/skipped/listing_budget") == 1


def test_a_listing_page_of_a_thousand_links_is_read_to_its_first_few(tmp_path: Path) -> None:
    links = "".join(f'<a href="/2026/01/27/story-number-{i}-of-the-day.html">{i}</a>' for i in range(1000))
    body = f'<html><head><title>Everything</title></head><body>{links}<a rel="next" href="?page=2">Next</a>'
    crawler = news_crawler(tmp_path, NEWSCRAWL_LISTING_MAX_LINKS=10)
    try:
        pages, requests = split(spider(crawler).parse_listing(listing_response(body=body + "</body></html>")))
    finally:
        close(crawler)
    assert [r.url.rsplit("/", 1)[1] for r in requests] == [
        f"story-number-{i}-of-the-day.html" for i in range(10)]
    assert pages[0].reason == "listing page with 10 article links"
    assert crawler.stats.get_value("newscrawl/skipped/listing_cap") == 991
    assert "etag" not in pages[0].headers, "a later run with a higher cap must read it whole"


def test_a_next_page_that_lists_nothing_new_ends_the_walk(crawler: Crawler) -> None:
    news = spider(crawler)
    _, requests = split(news.parse_listing(listing_response()))
    (page_2,) = [r for r in requests if r.url.endswith("/page/2/")]
    again = response(page_2.url, LISTING.replace("page/2/", "page/3/"), meta=page_2.meta)
    _, later = split(news.parse_listing(again))  # the same two stories
    assert not [r for r in later if r.url.endswith("/page/3/")]
    assert crawler.stats.get_value("newscrawl/skipped/next_page_nothing_new") == 1
    one_new = LISTING.replace("page/2/", "page/3/").replace("tech-workers-letter", "a-new-story")
    _, later = split(news.parse_listing(response(page_2.url, one_new, meta=page_2.meta)))
    assert [r for r in later if r.url.endswith("/page/3/")]


def test_a_listing_page_without_article_links_follows_no_next_page(crawler: Crawler) -> None:
    body = '<html><body><p>No stories today.</p><a rel="next" href="/section/technology/page/2/">Older</a>'
    _, requests = split(spider(crawler).parse_listing(listing_response(body=body)))
    assert requests == []


def test_a_listing_page_that_is_not_html_is_an_error(crawler: Crawler) -> None:
    answer = response(SECTION, b"\x00\x01", meta={"outlet": "ledger", "depth": 0}, cls=Response)
    (page,) = list(spider(crawler).parse_listing(answer))
    assert (page.verdict, page.reason) == (ERROR, "listing page is not HTML")


# -- article responses -------------------------------------------------------------------------------

ARTICLE_URL = "https://ledger.test/2026/01/27/tech-workers-letter.html"
HINTS = [DateHint("Tue, 27 Jan 2026 09:05:00 -0500", "feed")]


def article_response(status: int = 200, headers: dict[str, str] | None = None, **meta: Any) -> Response:
    meta = {"outlet": "ledger", "via": f"feed {FEED_URL}", "date_hints": HINTS, **meta}
    return response(ARTICLE_URL, "<html><body><article>Text</article></body></html>", status=status,
                    headers=headers, meta=meta)


def test_an_article_response_goes_to_the_pipelines_undecided(crawler: Crawler) -> None:
    answer = article_response(headers={"Content-Type": "text/html; charset=utf-8", "Last-Modified": "x"})
    (page,) = list(spider(crawler).parse_page(answer))
    assert (page.url, page.final_url, page.status, page.outlet) == (ARTICLE_URL, ARTICLE_URL, 200, "ledger")
    assert page.discovered_via == f"feed {FEED_URL}" and page.date_hints == HINTS
    assert page.headers == {"content-type": "text/html; charset=utf-8", "last-modified": "x"}
    assert page.body == answer.body and not page.decided
    assert page.fetched_at.tzinfo is not None and page.fetched_at <= datetime.now(UTC)


def test_a_redirect_on_site_is_recorded_and_followed(crawler: Crawler) -> None:
    news = spider(crawler)
    pages, requests = split(news.parse_page(article_response(301, {"Location": "/2026/01/27/letter.html"})))
    target = "https://ledger.test/2026/01/27/letter.html"
    (page,) = pages
    assert (page.verdict, page.reason, page.final_url) == (REDIRECT, f"301 to {target}", target)
    (request,) = requests
    assert request.url == target and request.callback == news.parse_page
    assert request.meta["via"] == f"redirect from {ARTICLE_URL}" and request.meta["date_hints"] == HINTS


def test_a_redirect_off_site_is_recorded_not_followed(crawler: Crawler) -> None:
    answer = article_response(302, {"Location": "https://paywall.example/login?next=x"})
    pages, requests = split(spider(crawler).parse_page(answer))
    assert requests == []
    assert pages[0].verdict == REDIRECT
    assert pages[0].reason == "302 to https://paywall.example/login?next=x (off-site, not followed)"


def test_a_redirect_without_location_is_an_error(crawler: Crawler) -> None:
    (page,) = list(spider(crawler).parse_page(article_response(307)))
    assert (page.verdict, page.reason) == (ERROR, "http 307 without Location")


def test_a_refetched_article_not_modified_is_the_stored_article_seen_again(crawler: Crawler) -> None:
    (page,) = list(spider(crawler).parse_page(article_response(304, refetch_of=7)))
    assert (page.verdict, page.article_id, page.revisit) == (ARTICLE, 7, "unchanged")
    assert page.reason == "article not modified (304)"


# -- sitemaps named by robots.txt, feeds announced by pages ----------------------------------------

ROBOTS = """User-agent: *
Disallow: /search
Sitemap: https://ledger.test/news-sitemap.xml
Sitemap: /sitemap.xml
Sitemap: https://www.ledger.test/sitemap.xml
Sitemap: https://sitemaps.example-cdn.test/ledger.xml
Sitemap: https://ledger.test/news-sitemap.xml
"""


def read_robots(crawler: Crawler, body: str = ROBOTS, url: str = ARTICLE_URL) -> None:
    """Scrapy's robots.txt middleware read ``body`` for the site of ``url`` (its signal)."""
    parser = build_from_crawler(ProtegoRobotParser, crawler, body.encode())
    crawler.signals.send_catch_log(signal=signals.robots_parsed, robotparser=parser, request=Request(url))


def test_the_sitemaps_robots_txt_names_come_with_the_next_callback(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, [outlet("ledger", start_pages=("https://ledger.test/",))])
    news = spider(crawler)
    read_robots(crawler)
    _, requests = split(news.parse_page(article_response()))
    sitemaps = [r for r in requests if r.callback == news.parse_sitemap]
    # on the outlet's domains (a subdomain too), resolved, once each, in the file's order
    assert [r.url for r in sitemaps] == ["https://ledger.test/news-sitemap.xml", "https://ledger.test/sitemap.xml",
                                         "https://www.ledger.test/sitemap.xml"]
    first = sitemaps[0]
    assert (first.meta["outlet"], first.meta["via"], first.meta["depth"]) == ("ledger", "sitemap", 0)
    assert first.meta[CONDITIONAL] == "finished-run" and first.errback == news.on_error
    assert crawler.stats.get_value("newscrawl/skipped/robots_sitemap_offsite") == 1
    assert crawler.stats.get_value("newscrawl/discovered/robots_sitemaps") == 3
    # given once: the next callbacks have none, and a sitemap already asked for is not asked again
    assert not split(news.parse_page(article_response()))[1]
    read_robots(crawler, "Sitemap: https://ledger.test/sitemap.xml\n", "http://ledger.test/x")
    assert not [r for r in split(news.parse_page(article_response()))[1] if r.callback == news.parse_sitemap]
    close(crawler)


def test_robots_txt_sitemaps_are_capped_per_outlet_and_also_come_with_a_failure(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, NEWSCRAWL_SITEMAP_MAX_CHILDREN=2)
    news = spider(crawler)
    read_robots(crawler)
    failure = Failure(IgnoreRequest("Forbidden by robots.txt"))
    failure.request = Request(ARTICLE_URL, meta={"outlet": "ledger", "via": "start page"})
    pages, requests = split(news.on_error(failure))
    assert [p.verdict for p in pages] == [BLOCKED_BY_ROBOTS]
    assert [r.url for r in requests] == ["https://ledger.test/news-sitemap.xml", "https://ledger.test/sitemap.xml"]
    assert crawler.stats.get_value("newscrawl/skipped/sitemap_index_cap") == 1
    close(crawler)


def test_an_outlet_that_lists_sitemaps_or_a_crawl_with_the_setting_off_reads_none_from_robots_txt(
        tmp_path: Path) -> None:
    listed = news_crawler(tmp_path, [outlet("ledger", sitemaps=("https://ledger.test/s.xml",))])
    read_robots(listed)
    assert not split(spider(listed).parse_page(article_response()))[1]
    close(listed)
    # nor does one read through its feeds: a robots.txt often names the whole archive's index
    with_feeds = news_crawler(tmp_path, [outlet("ledger", feeds=("https://ledger.test/feed.rss",))])
    read_robots(with_feeds)
    assert not split(spider(with_feeds).parse_page(article_response()))[1]
    close(with_feeds)
    off = news_crawler(tmp_path, NEWSCRAWL_ROBOTS_SITEMAPS=False)
    read_robots(off)
    assert not split(spider(off).parse_page(article_response()))[1]
    close(off)


def test_a_robots_txt_of_no_outlet_gives_no_sitemaps(crawler: Crawler) -> None:
    read_robots(crawler, url="https://elsewhere.test/page.html")
    assert not spider(crawler).robots_sitemaps


HOME = """<html><head><title>The Ledger</title>
<link rel="alternate" type="application/rss+xml" title="All" href="/feed/">
<link rel="alternate" type="application/atom+xml" href="https://ledger.test/feed/atom/">
<link rel="alternate" type="application/feed+json" href="/feed.json">
<link rel="alternate" type="application/json" href="/wp-json/wp/v2/pages/7">
<link rel="alternate" type="application/rss+xml" href="https://feeds.example-cdn.test/ledger">
<link rel="alternate" type="text/html" hreflang="es" href="/es/">
<link rel="alternate" type="application/rss+xml" href="/section/a/feed/">
<link rel="alternate" type="application/rss+xml" href="/section/b/feed/">
<link rel="alternate" type="application/rss+xml" href="/section/c/feed/">
</head><body><a href="/2026/01/27/tech-workers-letter.html">The letter</a></body></html>"""


def test_a_start_page_of_an_outlet_without_feeds_has_its_announced_feeds_followed(tmp_path: Path) -> None:
    crawler = news_crawler(tmp_path, [outlet("ledger", start_pages=("https://ledger.test/",))])
    news = spider(crawler)
    _, requests = split(news.parse_listing(listing_response(body=HOME, url="https://ledger.test/")))
    feeds = [r for r in requests if r.callback == news.parse_feed]
    assert [r.url for r in feeds] == ["https://ledger.test/feed/", "https://ledger.test/feed/atom/",
                                      "https://ledger.test/feed.json", "https://ledger.test/section/a/feed/",
                                      "https://ledger.test/section/b/feed/"]  # five at most
    first = feeds[0]
    assert (first.meta["via"], first.meta["depth"], first.meta[CONDITIONAL]) == ("feed", 0, "finished-run")
    assert crawler.stats.get_value("newscrawl/skipped/announced_feed_offsite") == 1
    assert crawler.stats.get_value("newscrawl/skipped/announced_feed_cap") == 1
    close(crawler)


def test_announced_feeds_are_read_on_start_pages_and_the_homepage_only_of_outlets_without_feeds(
        tmp_path: Path, crawler: Crawler) -> None:
    news = spider(crawler)  # the outlet's homepage, a listing one level down: read
    _, requests = split(news.parse_listing(listing_response(depth=1, body=HOME, url="https://ledger.test/")))
    assert "https://ledger.test/feed/" in {r.url for r in requests}
    # a sub-listing that is not the homepage: not read
    _, requests = split(news.parse_listing(listing_response(depth=1, body=HOME, url=SECTION)))
    assert not [r for r in requests if r.callback == news.parse_feed]
    listed = news_crawler(tmp_path, [outlet("ledger", feeds=(FEED_URL,))])
    _, requests = split(spider(listed).parse_listing(listing_response(body=HOME, url="https://ledger.test/")))
    assert not [r for r in requests if r.callback == spider(listed).parse_feed]
    close(listed)
    off = news_crawler(tmp_path, NEWSCRAWL_ANNOUNCED_FEEDS=False)
    _, requests = split(spider(off).parse_listing(listing_response(body=HOME, url="https://ledger.test/")))
    assert not [r for r in requests if r.callback == spider(off).parse_feed]
    close(off)


# -- failures ------------------------------------------------------------------------------------------


def failed(exception: Exception, via: str = "feed https://ledger.test/feed.rss") -> Failure:
    """A failure as Scrapy hands it to an errback: the request that failed is on it."""
    failure = Failure(exception)
    failure.request = Request(ARTICLE_URL, meta={"outlet": "ledger", "via": via, "date_hints": HINTS})
    return failure


def test_an_http_error_keeps_the_status_headers_and_body(crawler: Crawler) -> None:
    answer = response(ARTICLE_URL, b"busy", status=429, headers={"Retry-After": "30"})
    (page,) = list(spider(crawler).on_error(failed(HttpError(answer, "Ignoring non-200 response"))))
    assert (page.url, page.status, page.verdict, page.reason) == (ARTICLE_URL, 429, ERROR, "http 429")
    assert page.headers == {"retry-after": "30"} and page.body == b"busy" and page.date_hints == HINTS
    assert crawler.stats.get_value("newscrawl/failed/error") == 1


UNREACHABLE = "robots.txt unreachable (timeout): site disallowed for this run (RFC 9309)"


@pytest.mark.parametrize(("exception", "via", "verdict", "reason"), [
    (DNSLookupError("ledger.test"), "feed https://ledger.test/feed.rss", ERROR, "dns lookup failed"),
    (TimeoutError(), "feed https://ledger.test/feed.rss", ERROR, "timeout"),
    (ConnectionRefusedError(), "listing", ERROR, "connection refused"),
    (DNSLookupError("ledger.test"), "feed", ERROR, "feed: dns lookup failed"),
    (TimeoutError(), "sitemap", ERROR, "sitemap: timeout"),
    (IgnoreRequest("Forbidden by robots.txt"), "sitemap", BLOCKED_BY_ROBOTS, "forbidden by robots.txt"),
    # not a rule of the site's: its robots.txt could not be read (spiders/middlewares.py)
    (RobotsTxtUnreachable(UNREACHABLE), "feed", BLOCKED_BY_ROBOTS, UNREACHABLE),
    (ValueError("Cancelling download: max size"), "listing", ERROR, "response too large"),
    (ValueError("odd"), "listing", ERROR, "ValueError: odd"),
])
def test_failures_are_page_rows_with_a_reason(
    crawler: Crawler, exception: Exception, via: str, verdict: str, reason: str
) -> None:
    (page,) = list(spider(crawler).on_error(failed(exception, via)))
    assert (page.status, page.verdict, page.reason) == (None, verdict, reason)
    assert crawler.stats.get_value(f"newscrawl/failed/{verdict}") == 1


def _caused_by(exception: Exception, cause: Exception) -> Exception:
    exception.__cause__ = cause
    return exception


class _Unexplained(Exception):
    """A failure nobody foresaw."""


LOST_BODY = ResponseFailed([Failure(ConnectionDone()), Failure(_DataLoss())])
LOST_CHUNK = ResponseFailed([Failure(_DataLoss("Chunked decoder in 'BODY' state"))])
NO_ANSWER = ResponseNeverReceived([Failure(ConnectionDone())])
NOT_HTTP = ResponseFailed([Failure(ParseError("non-integer status code", b"HI"))])


@pytest.mark.parametrize(("exception", "reason"), [
    (ResponseDataLossError(), "truncated response (the server sent fewer bytes than Content-Length)"),
    (_caused_by(ResponseDataLossError(), LOST_BODY),
     "truncated response (the server sent fewer bytes than Content-Length)"),
    (_caused_by(ResponseDataLossError(), LOST_CHUNK),
     "truncated response (the chunked body ended before its last chunk)"),
    (_caused_by(DownloadFailedError("[<Failure ConnectionDone>]"), NO_ANSWER),
     "no response (the server closed the connection without answering)"),
    (_caused_by(DownloadFailedError("[...]"), NOT_HTTP), "not an HTTP response (non-integer status code)"),
    (ResponseFailed([Failure(ConnectionLost())]),
     "connection lost (the server closed it before the response was complete)"),
    (DownloadTimeoutError("Getting https://ledger.test/ took longer than 180.0 seconds."), "timeout"),
    (DownloadConnectionRefusedError("Connection was refused by other side: 111"), "connection refused"),
    (CannotResolveHostError("DNS lookup failed: no results for hostname lookup: ledger.test."),
     "dns lookup failed"),
    (_Unexplained(), "_Unexplained (A failure nobody foresaw.)"),
    (OSError(), "OSError (Base class for I/O related errors.)"),
])
def test_every_failure_reason_names_its_cause(crawler: Crawler, exception: Exception, reason: str) -> None:
    (page,) = list(spider(crawler).on_error(failed(exception, "listing")))
    assert (page.status, page.verdict, page.reason) == (None, ERROR, reason)


# -- the seeds and warc spiders -------------------------------------------------------------------------


async def _all(items: AsyncIterator[Any]) -> list[Any]:
    return [item async for item in items]


def test_a_seed_list_asks_for_its_outlets_urls_and_counts_the_rest(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds.csv"
    seeds.write_text("url,publish_date,title\n"
                     "https://ledger.test/2026/01/27/tech-workers-letter.html,2026-01-27,The letter\n"
                     "https://www.unknown.example/2026/01/27/story.html,,\n"
                     "https://wire.test/2026/01/28/copy.html?utm_source=x,,\n", encoding="utf-8")
    crawler = crawler_with_spider(SeedSpider, tmp_path, [outlet("ledger"), outlet("wire")], urls=str(seeds))
    try:
        started = run(_all(crawler.spider.start()))
    finally:
        close(crawler)
    requests = [r for r in started if isinstance(r, Request)]
    assert [r.url for r in requests] == ["https://ledger.test/2026/01/27/tech-workers-letter.html",
                                         "https://wire.test/2026/01/28/copy.html"]
    # Each outlet's part of the list is recorded as a read of the "seeds" channel.
    polls = [p for p in started if isinstance(p, ChannelPoll)]
    assert [(p.channel, p.outlet, p.links) for p in polls] == [
        ("seeds", "ledger", [("ledger", "https://ledger.test/2026/01/27/tech-workers-letter.html")]),
        ("seeds", "wire", [("wire", "https://wire.test/2026/01/28/copy.html")])]
    assert requests[0].meta["date_hints"] == [DateHint("2026-01-27", "feed", "published")]
    assert requests[0].meta["via"] == f"seed list {seeds}:2" and requests[0].meta["outlet"] == "ledger"
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/seeds/urls"] == 3
    assert stats["newscrawl/unknown_hosts"] == ["unknown.example"]
    assert stats["newscrawl/skipped/unknown_outlet"] == 1


def test_warc_files_become_pages_for_the_pipelines(tmp_path: Path) -> None:
    fetched_at = datetime(2026, 1, 28, 12, 0, tzinfo=UTC)
    with WarcWriter(tmp_path / "in", prefix="cc-news") as writer:
        for url, status in ((ARTICLE_URL, 200), ("https://ledger.test/gone.html", 404),
                            ("https://unknown.example/story.html", 200)):
            writer.write_response(url, status, {"Content-Type": "text/html"}, b"<html>x</html>", fetched_at)
        archive = tmp_path / "in" / writer.current_file
    truncated = tmp_path / "cut.warc.gz"
    truncated.write_bytes(archive.read_bytes()[:-40])
    crawler = crawler_with_spider(WarcSpider, tmp_path, files=f"{archive},{truncated}")
    with_engine(crawler, [build_from_crawler(IncrementalMiddleware, crawler)])  # asked for pages known
    try:
        started = run(_all(crawler.spider.start()))
    finally:
        close(crawler)
    pages = [p for p in started if isinstance(p, FetchedPage)]
    # Each file is a read of the "warc" channel: its known outlets' URLs and its capture times.
    polls = [p for p in started if isinstance(p, ChannelPoll)]
    assert [(p.channel, p.source, p.outlet) for p in polls] == [("warc", archive.name, None),
                                                                ("warc", truncated.name, None)]
    assert polls[0].links == [("ledger", ARTICLE_URL)]  # the 404 is no listing
    assert polls[0].oldest == polls[0].newest == fetched_at

    first, gone = pages[:2]
    assert (first.url, first.status, first.verdict, first.from_archive) == (ARTICLE_URL, 200, None, True)
    assert first.warc_file == str(archive.resolve()) and first.warc_offset > 0
    assert first.discovered_via == f"warc {archive.name}" and first.fetched_at == fetched_at
    assert (gone.status, gone.verdict, gone.reason) == (404, ERROR, "http 404 (archived)")
    assert len(pages) >= 3, "the truncated copy gives what it can"
    assert all(p.outlet == "ledger" for p in pages)
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/warc_files"] == 2
    assert stats["newscrawl/skipped/unknown_outlet"] >= 1
    assert len(stats["newscrawl/warc_errors"]) == 1 and "cut.warc.gz" in stats["newscrawl/warc_errors"][0]


def test_a_warc_record_ingested_before_is_skipped_whatever_its_outcome(tmp_path: Path) -> None:
    fetched_at = datetime(2026, 1, 28, 12, 0, tzinfo=UTC)
    with WarcWriter(tmp_path / "in", prefix="cc-news") as writer:
        busy = writer.write_response("https://ledger.test/busy.html", 503, {"Content-Type": "text/html"},
                                     b"busy", fetched_at)
        writer.write_response("https://ledger.test/other.html", 503, {"Content-Type": "text/html"},
                              b"busy", fetched_at)
        archive = tmp_path / "in" / writer.current_file
    crawler = crawler_with_spider(WarcSpider, tmp_path, files=str(archive))
    with_engine(crawler, [build_from_crawler(IncrementalMiddleware, crawler)])
    try:
        store = crawl_store(crawler)
        store.upsert_outlets([outlet("ledger").to_row()])
        run_id = store.start_run("newscrawl ingest", None)
        earlier = FetchedPage(url="https://ledger.test/busy.html", outlet="ledger", discovered_via="warc",
                              fetched_at=fetched_at, status=503, warc_file=f"/elsewhere/{archive.name}",
                              warc_offset=busy[1])
        earlier.decide(ERROR, "http 503 (archived)")
        store.record_page(earlier, run_id)
        pages = [p for p in run(_all(crawler.spider.start())) if isinstance(p, FetchedPage)]
    finally:
        close(crawler)
    # the same record (file name and offset) is not recorded again; a 503 fetched live would be retried
    assert [page.url for page in pages] == ["https://ledger.test/other.html"]
    assert crawler.stats.get_value("newscrawl/skipped/already_fetched") == 1


def test_a_pages_headers_are_its_responses_names_lower_cased_with_their_first_value(crawler: Crawler) -> None:
    headers = Headers({"Content-Type": "text/html; charset=utf-8", "ETag": '"abc"', "x-EMPTY": []})
    headers.appendlist("Set-Cookie", "a=1")
    headers.appendlist("set-cookie", "b=2")
    page = response("https://www.ledger.test/story.html", b"<html></html>", meta={"outlet": "ledger"})
    page = page.replace(headers=headers)
    [item] = spider(crawler).parse_page(page)
    assert item.headers == {"content-type": "text/html; charset=utf-8", "etag": '"abc"', "set-cookie": "a=1"}
    # as Scrapy's own reading of the headers gives them
    assert item.headers == {k.decode().lower(): v[0].decode() for k, v in headers.items() if v}


# -- stories split over pages ------------------------------------------------------------------------

STORY_URL = "https://ledger.test/2026/01/27/letter.html"


def story_response(url: str, links: str, status: int = 200, **meta: Any) -> Response:
    body = f"<html><head><title>The letter</title></head><body><p>Text.</p>{links}</body></html>"
    return response(url, body, status=status, headers={"Content-Type": "text/html; charset=utf-8"},
                    meta={"outlet": "ledger", "via": f"feed {FEED_URL}", "date_hints": HINTS, **meta})


def test_a_story_page_waits_for_its_next_pages_which_are_pages_of_their_own(crawler: Crawler) -> None:
    news = spider(crawler)
    pages, (second,) = split(news.parse_page(story_response(
        STORY_URL, '<a class="next" href="/2026/01/27/letter_2.html">Next page</a>')))
    assert pages == []  # page 1 rides in page 2's request
    assert second.url == "https://ledger.test/2026/01/27/letter_2.html" and second.dont_filter
    assert second.callback == news.parse_story_page and second.errback == news.on_story_page_error
    first = second.meta["story"]
    assert first.url == STORY_URL and second.meta["via"] == f"page 2 of {STORY_URL}"

    links = '<a href="/2026/01/27/letter.html">1</a> <a href="/2026/01/27/letter_3.html">3</a>'
    pages, (third,) = split(news.parse_story_page(story_response(second.url, links, **second.meta)))
    assert [(p.url, p.verdict, p.reason) for p in pages] == [
        (second.url, NOT_ARTICLE, f"page 2 of a story split over pages: {STORY_URL}")]
    assert third.url.endswith("letter_3.html") and third.meta["story"] is first

    pages, requests = split(news.parse_story_page(story_response(third.url, "", **third.meta)))
    assert requests == [] and pages[1] is first and not first.decided
    assert [p.url for p in first.story_pages] == [second.url, third.url]
    assert first.story == "story of 3 pages joined"
    assert crawler.stats.get_value("newscrawl/story_pages") == 2


def test_a_story_page_redirected_back_to_page_1_ends_the_story(crawler: Crawler) -> None:
    news = spider(crawler)
    _, (second,) = split(news.parse_page(story_response(
        STORY_URL, '<link rel="next" href="/2026/01/27/letter_2.html">')))
    # page 2 redirected to page 1, which links to page 2 again
    back = story_response(STORY_URL, '<a rel="next" href="/2026/01/27/letter_2.html">Next</a>', **second.meta)
    pages, requests = split(news.parse_story_page(back))
    assert requests == [] and pages[-1] is second.meta["story"]


def test_a_failed_later_page_leaves_page_1_with_what_it_has(crawler: Crawler) -> None:
    news = spider(crawler)
    _, (second,) = split(news.parse_page(story_response(
        STORY_URL, '<a class="next" href="/2026/01/27/letter_2.html">Next</a>')))
    missing = response(second.url, "gone", status=404, meta=second.meta)
    failure = Failure(HttpError(missing))
    failure.request = missing.request
    pages, requests = split(news.on_story_page_error(failure))
    assert requests == [] and [p.verdict for p in pages] == [ERROR, None]
    assert pages[0].discovered_via == f"page 2 of {STORY_URL}"
    assert pages[1].story == "story split over pages: page 2 missing (http 404), 1 joined"


def test_an_article_page_without_a_next_page_goes_on_at_once_and_the_cap_of_1_follows_none(
    tmp_path: Path,
) -> None:
    crawler = news_crawler(tmp_path, NEWSCRAWL_STORY_MAX_PAGES=1)
    try:
        pages, requests = split(spider(crawler).parse_page(story_response(
            STORY_URL, '<a class="next" href="/2026/01/27/letter_2.html">Next</a>')))
    finally:
        close(crawler)
    assert requests == [] and len(pages) == 1 and pages[0].story is None
