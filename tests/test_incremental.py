"""IncrementalMiddleware, built from a throwaway crawler over a real temporary store, fed
handmade requests and responses (no server, no subprocess)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from components import with_engine
from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from newscrawl.config import Outlet
from newscrawl.items import ARTICLE, ERROR, NOT_ARTICLE, Article, FetchedPage
from newscrawl.pipelines.crawlstore import crawl_store
from newscrawl.spiders.incremental import IncrementalMiddleware
from newscrawl.spiders.news import NewsSpider
from newscrawl.store.db import Store

SITE = "https://ledger.example"
FEED = f"{SITE}/feed.rss"
KNOWN = f"{SITE}/2026/01/05/known.html"
NEW = f"{SITE}/2026/01/06/new.html"
DOWN = f"{SITE}/2026/01/07/down.html"
GONE = f"{SITE}/2026/01/08/gone.html"
SKIPPED = "newscrawl/skipped/already_fetched"
OUTLET = Outlet(slug="ledger", name="Ledger", homepage=f"{SITE}/", domain="ledger.example",
                feeds=(FEED,))


@pytest.fixture
def crawler(tmp_path: Path) -> Any:
    topic = tmp_path / "topic.toml"
    topic.write_text('[topic]\nslug = "t"\nname = "T"\nquery = "=ICE"\n')
    crawler = get_crawler(NewsSpider, {"NEWSCRAWL_DB": str(tmp_path / "news.db")})
    crawler.spider = NewsSpider.from_crawler(crawler, sources={"ledger": OUTLET}, topic=str(topic))
    yield crawler
    crawl_store(crawler).close()


@pytest.fixture
def middleware(crawler: Any) -> IncrementalMiddleware:
    return build_from_crawler(IncrementalMiddleware, crawler)


@pytest.fixture
def store(crawler: Any) -> Store:
    """The crawl's own store (the connection the middleware reads)."""
    store = crawl_store(crawler)
    store.upsert_outlets([OUTLET.to_row()])
    return store


def _page(url: str, verdict: str, status: int | None = 200, *, via: str = "feed " + FEED,
          etag: str | None = None, fetched_at: datetime | None = None) -> FetchedPage:
    headers = {"etag": etag, "last-modified": "Mon, 05 Jan 2026 10:00:00 GMT"} if etag else {}
    page = FetchedPage(url=url, outlet="ledger", discovered_via=via, status=status,
                       fetched_at=fetched_at or datetime.now(UTC), headers=headers)
    page.decide(verdict, None)
    return page


def _earlier_run(store: Store, *, finished: bool = True) -> int:
    run = store.start_run("test", "t")
    store.record_page(_page(FEED, NOT_ARTICLE, via="feed", etag='"feed-1"'), run)
    store.record_page(_page(KNOWN, ARTICLE, etag='"known-1"'), run)
    store.record_page(_page(DOWN, ERROR, 503), run)
    store.record_page(_page(GONE, ERROR, 404), run)
    if finished:
        store.finish_run(run, "finished", {})
    return run


def _out(middleware: IncrementalMiddleware, response: Response | None, result: Iterable[Any]) -> list:
    return list(middleware.process_spider_output(response, result))


def _start(middleware: IncrementalMiddleware, start: Iterable[Any]) -> list:
    async def source() -> AsyncIterator[Any]:
        for each in start:
            yield each

    async def collect() -> list:
        return [each async for each in middleware.process_start(source())]

    return asyncio.run(collect())


def _feed_response(*urls: str) -> TextResponse:
    items = "".join(f"<item><title>t</title><link>{url}</link></item>" for url in urls)
    body = f'<?xml version="1.0"?><rss version="2.0"><channel><title>L</title>{items}</channel></rss>'
    request = Request(FEED, meta={"outlet": "ledger", "via": "feed", "depth": 0})
    return TextResponse(FEED, body=body.encode(), request=request,
                        headers={"Content-Type": "application/rss+xml"})


# -- skipping pages an earlier run has ----------------------------------------------------------


def test_links_to_recorded_pages_are_dropped_and_counted(crawler: Any, middleware: Any, store: Store) -> None:
    _earlier_run(store)
    links = [Request(url, meta={"skip_if_fetched": True}) for url in (KNOWN, NEW, DOWN, GONE)]
    kept = _out(middleware, _feed_response(), links)
    assert [r.url for r in kept] == [NEW, DOWN], "5xx failures are fetched again, 404s are final"
    assert crawler.stats.get_value(SKIPPED) == 2


def test_a_page_discovered_twice_is_counted_twice(crawler: Any, middleware: Any, store: Store) -> None:
    _earlier_run(store)
    _out(middleware, _feed_response(), [Request(KNOWN, meta={"skip_if_fetched": True})])
    _out(middleware, _feed_response(), [Request(KNOWN, meta={"skip_if_fetched": True})])
    assert crawler.stats.get_value(SKIPPED) == 2


def test_quiet_skip_is_not_counted(crawler: Any, middleware: Any, store: Store) -> None:
    _earlier_run(store)
    assert _out(middleware, _feed_response(), [Request(KNOWN, meta={"skip_if_fetched": "quietly"})]) == []
    assert crawler.stats.get_value(SKIPPED) is None


def test_requests_without_the_flag_and_items_pass_untouched(middleware: Any, store: Store) -> None:
    _earlier_run(store)
    revisit = Request(KNOWN, meta={"refetch_of": 1})
    item = _page(NEW, ARTICLE)
    assert _out(middleware, _feed_response(), [revisit, item]) == [revisit, item]
    assert not revisit.headers


def test_start_requests_go_through_the_same_rules(crawler: Any, middleware: Any, store: Store) -> None:
    _earlier_run(store)
    seeds = [Request(KNOWN, meta={"skip_if_fetched": True}), Request(NEW, meta={"skip_if_fetched": True})]
    assert [r.url for r in _start(middleware, seeds)] == [NEW]
    assert crawler.stats.get_value(SKIPPED) == 1


def test_the_store_is_opened_from_the_crawler_settings(crawler: Any, middleware: Any, tmp_path: Path) -> None:
    assert middleware.store is crawl_store(crawler)
    assert Path(middleware.store.path) == tmp_path / "news.db"


# -- conditional requests -----------------------------------------------------------------------


def test_listing_requests_get_the_validators_of_a_finished_run(middleware: Any, store: Store) -> None:
    _earlier_run(store)
    (request,) = _start(middleware, [Request(FEED, meta={"conditional": "finished-run"})])
    assert request.headers["If-None-Match"] == b'"feed-1"'
    assert request.headers["If-Modified-Since"] == b"Mon, 05 Jan 2026 10:00:00 GMT"


def test_a_killed_run_gives_listings_no_validators_but_gives_revisits(middleware: Any, store: Store) -> None:
    _earlier_run(store, finished=False)
    listing, revisit = _start(middleware, [Request(FEED, meta={"conditional": "finished-run"}),
                                           Request(KNOWN, meta={"conditional": "any-run"})])
    assert not listing.headers
    assert revisit.headers["If-None-Match"] == b'"known-1"'


def test_unknown_pages_get_no_validators(middleware: Any, store: Store) -> None:
    _earlier_run(store)
    (request,) = _start(middleware, [Request(NEW, meta={"conditional": "any-run"})])
    assert not request.headers


# -- what the spider asks: revisits, retries ----------------------------------------------------


def _stored_article(store: Store, run: int, url: str, published: datetime, fetched: datetime) -> int:
    article_id = store.insert_article(Article(url=url, outlet="ledger", title="T", text="ICE text",
                                              published_at=published, text_hash="h" + url), run)
    page = _page(url, ARTICLE, etag=f'"{url[-5:]}"', fetched_at=fetched)
    page.article_id = article_id
    store.record_page(page, run)
    return article_id


def test_revisits_and_retries(middleware: Any, store: Store) -> None:
    run = _earlier_run(store)
    now = datetime.now(UTC)
    young = _stored_article(store, run, f"{SITE}/young", now - timedelta(hours=30), now - timedelta(hours=8))
    _stored_article(store, run, f"{SITE}/old", now - timedelta(days=5), now - timedelta(hours=8))
    _stored_article(store, run, f"{SITE}/just-seen", now - timedelta(hours=30), now - timedelta(hours=1))
    expected = [{"url": f"{SITE}/young", "outlet": "ledger", "article_id": young}]
    assert middleware.revisits(2.0, 6.0) == expected
    assert middleware.revisits(0, 6.0) == [], "NEWSCRAWL_REFETCH_DAYS=0 turns revisits off"
    assert [row["url"] for row in middleware.retries()] == [DOWN]


def test_the_spider_builds_its_frontier_from_the_middleware(
    crawler: Any, middleware: Any, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = _earlier_run(store)
    now = datetime.now(UTC)
    young = _stored_article(store, run, f"{SITE}/young", now - timedelta(hours=3), now - timedelta(hours=8))
    monkeypatch.setattr(crawler, "get_spider_middleware", lambda cls: middleware)
    spider = crawler.spider
    revisit, retry = _start(middleware, spider.frontier_requests())
    assert (revisit.url, revisit.meta["via"]) == (f"{SITE}/young", "refetch")
    assert revisit.meta["refetch_of"] == young
    assert revisit.headers["If-None-Match"] == b'"young"', "a revisit is asked conditionally"
    assert (retry.url, retry.meta["via"]) == (DOWN, "retry")
    assert crawler.stats.get_value(SKIPPED) is None, "explicit revisits and retries are never dropped"


# -- the spider's own output through the middleware ---------------------------------------------


def test_feed_entries_already_recorded_are_not_requested(crawler: Any, middleware: Any, store: Store) -> None:
    _earlier_run(store)
    response = _feed_response(KNOWN, NEW)
    output = _out(middleware, response, crawler.spider.parse_feed(response))
    page, *requests = output
    assert isinstance(page, FetchedPage) and page.reason == "feed with 2 entries"
    assert [r.url for r in requests] == [NEW]
    assert crawler.stats.get_value(SKIPPED) == 1


def test_a_redirect_to_a_recorded_page_is_not_followed_nor_counted(
    crawler: Any, middleware: Any, store: Store
) -> None:
    _earlier_run(store)
    source = f"{SITE}/2026/01/05/known-amp.html"
    request = Request(source, meta={"outlet": "ledger", "via": "feed"})
    for target, followed in ((KNOWN, []), (NEW, [NEW])):
        response = HtmlResponse(source, status=301, headers={"Location": target}, request=request)
        page, *requests = _out(middleware, response, crawler.spider.parse_page(response))
        assert page.verdict == "redirect"
        assert [r.url for r in requests] == followed
    assert crawler.stats.get_value(SKIPPED) is None


# -- listing pages and sitemap indexes: once per run, conditionally, and after a 304 ---------------

SECTION = f"{SITE}/politics/"
TAG = f"{SITE}/tag/ice/"
INDEX = f"{SITE}/sitemap-index.xml"
CHILD = f"{SITE}/sitemaps/2026-01.xml"


def test_a_listing_page_is_asked_once_per_run_and_conditionally(
    crawler: Any, middleware: IncrementalMiddleware, store: Store
) -> None:
    run = store.start_run("test", "t")
    store.record_page(_page(SECTION, NOT_ARTICLE, via="start page", etag='"politics-1"'), run)
    store.finish_run(run, "finished", {})
    with_engine(crawler, [middleware])
    spider = crawler.spider

    first = spider._section_request(SECTION, OUTLET, depth=0)
    again = spider._section_request(SECTION, OUTLET, depth=1)

    assert again is None and crawler.stats.get_value("newscrawl/skipped/listing_seen") == 1
    (request,) = _start(middleware, [first])
    assert request.headers["If-None-Match"] == b'"politics-1"'
    assert 304 in request.meta["handle_httpstatus_list"]


def test_an_unchanged_start_page_asks_again_for_the_listings_it_led_to(
    crawler: Any, middleware: IncrementalMiddleware, store: Store
) -> None:
    run = store.start_run("test", "t")
    store.record_page(_page(TAG, NOT_ARTICLE, via="listing", etag='"tag-1"'), run)
    store.finish_run(run, "finished", {})
    with_engine(crawler, [middleware])
    spider = crawler.spider
    spider.listings_requested.add(SECTION)
    answer = TextResponse(SECTION, status=304, request=Request(
        SECTION, meta={"outlet": "ledger", "via": "start page", "depth": 0},
        headers={"If-None-Match": '"politics-1"'}))

    page, tag = list(spider.parse_listing(answer))

    assert (page.verdict, page.reason, page.headers["etag"]) == (
        NOT_ARTICLE, "listing page not modified (304)", '"politics-1"')
    assert tag.url == TAG and tag.meta["depth"] == 1 and tag.meta["conditional"] == "finished-run"


def test_a_sitemap_index_keeps_its_validators_and_after_a_304_asks_for_its_children(
    crawler: Any, middleware: IncrementalMiddleware, store: Store
) -> None:
    with_engine(crawler, [middleware])
    spider = crawler.spider
    body = ('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{CHILD}</loc></sitemap></sitemapindex>")
    meta = {"outlet": "ledger", "via": "sitemap", "depth": 0}
    read = TextResponse(INDEX, body=body.encode(), headers={"ETag": '"index-1"'},
                        request=Request(INDEX, meta=meta))
    page, child = list(spider.parse_sitemap(read))
    assert page.headers["etag"] == '"index-1"', "every child was followed: asked conditionally next"
    assert child.url == CHILD and child.meta["conditional"] == "finished-run"

    run = store.start_run("test", "t")
    store.record_page(page, run)
    store.record_page(_page(CHILD, NOT_ARTICLE, via="sitemap", etag='"child-1"'), run)
    store.finish_run(run, "finished", {})
    spider.listings_requested = {INDEX}  # the next run
    unchanged = TextResponse(INDEX, status=304, request=Request(INDEX, meta=meta))
    page, child = list(spider.parse_sitemap(unchanged))
    assert page.reason == "sitemap not modified (304)"
    assert child.url == CHILD and child.meta["depth"] == 1
