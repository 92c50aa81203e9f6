"""The politeness downloader middlewares, built from a crawler and fed handmade responses.

``RetryAfterMiddleware`` retries 429 and 503 after the server's Retry-After (or with
exponential backoff) and slows the whole site down; ``CrawlDelayMiddleware`` keeps a site's
delay at least its robots.txt ``Crawl-delay``. Both act on the site's download slot, so the
tests look at real :class:`scrapy.core.downloader.Slot` objects. ``RobotsTxtUnreachableMiddleware``
reads a robots.txt answered 5xx or not answered at all as a complete disallow, and has the
refusals of Scrapy's ``RobotsTxtMiddleware`` that follow say why; it is tested with Scrapy's
own robots.txt and retry middlewares.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from types import SimpleNamespace

import pytest
from components import project_settings, response, run, with_downloader
from scrapy import Request, Spider, signals
from scrapy.core.downloader.middleware import DownloaderMiddlewareManager
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.settings.default_settings import DOWNLOADER_MIDDLEWARES_BASE
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError, DNSLookupError, TimeoutError
from twisted.web._newclient import ResponseNeverReceived

from newscrawl.spiders.middlewares import (
    DISALLOW_ALL,
    CrawlDelayMiddleware,
    CrawlDelayThrottle,
    RetryAfterMiddleware,
    RobotsTxtMiddleware,
    RobotsTxtUnreachable,
    RobotsTxtUnreachableMiddleware,
)
from newscrawl.spiders.scope import OutOfScope

PAGE = "https://ledger.test/2026/01/27/story.html"


def make_crawler(**settings: object) -> Crawler:
    crawler = get_crawler(Spider, project_settings(**settings))
    crawler.spider = Spider.from_crawler(crawler, name="test")
    return crawler


@pytest.fixture
def crawler() -> Iterator[Crawler]:
    yield make_crawler(RETRY_TIMES=2)


def busy(status: int = 429, retry_after: str | None = None, **meta: object):
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return response(PAGE, status=status, headers=headers, meta=meta)


# -- RetryAfterMiddleware ------------------------------------------------------------------------


def test_retry_after_seconds_hold_the_whole_site(crawler: Crawler) -> None:
    downloader = with_downloader(crawler)
    site, other = downloader.open_slot(PAGE), downloader.open_slot("https://wire.test/")
    middleware = build_from_crawler(RetryAfterMiddleware, crawler)
    answer = busy(429, "30")

    retry = middleware.process_response(answer.request, answer)

    assert isinstance(retry, Request) and retry.url == PAGE
    assert retry.meta["retry_times"] == 1 and retry.dont_filter
    assert (site.delay, site.jitter) == (30.0, 0.0), "the wait is a minimum, without jitter"
    assert (other.delay, other.jitter) == (0.5, 0.5), "other sites keep their pace"
    stats = crawler.stats.get_stats()
    assert stats["newscrawl/retry_after/429"] == 1
    assert stats["retry/count"] == 1 and stats["retry/reason_count/http 429"] == 1


def test_retry_after_http_date_waits_until_then(crawler: Crawler) -> None:
    slot = with_downloader(crawler).open_slot(PAGE)
    middleware = build_from_crawler(RetryAfterMiddleware, crawler)
    answer = busy(503, format_datetime(datetime.now(UTC) + timedelta(seconds=90), usegmt=True))

    assert isinstance(middleware.process_response(answer.request, answer), Request)
    assert 85 <= slot.delay <= 90
    assert crawler.stats.get_value("newscrawl/retry_after/503") == 1


@pytest.mark.parametrize("header", [None, "", "soon", "Tue, 99 Foo 2026"])
def test_without_a_usable_retry_after_the_wait_doubles_with_each_retry(header: str | None) -> None:
    crawler = make_crawler(RETRY_TIMES=5, NEWSCRAWL_RETRY_BACKOFF_BASE=3.0)
    downloader = with_downloader(crawler)
    middleware = build_from_crawler(RetryAfterMiddleware, crawler)
    waits = []
    request = busy(503, header).request
    for _ in range(3):
        downloader.open_slot(PAGE, delay=0.5)
        request = middleware.process_response(request, busy(503, header, **request.meta))
        waits.append(downloader.slots["ledger.test"].delay)
    assert waits == [3.0, 6.0, 12.0]
    assert request.meta["retry_times"] == 3


def test_the_wait_is_capped(crawler: Crawler) -> None:
    slot = with_downloader(crawler).open_slot(PAGE)
    middleware = build_from_crawler(RetryAfterMiddleware, crawler)
    answer = busy(429, "86400")
    middleware.process_response(answer.request, answer)
    assert slot.delay == 120.0  # NEWSCRAWL_RETRY_MAX_WAIT

    capped = make_crawler(NEWSCRAWL_RETRY_MAX_WAIT=10, RETRY_TIMES=5)
    slot = with_downloader(capped).open_slot(PAGE)
    middleware = build_from_crawler(RetryAfterMiddleware, capped)
    answer = busy(503, None, retry_times=4)  # backoff 2 * 2**4 = 32 s
    middleware.process_response(answer.request, answer)
    assert slot.delay == 10.0


def test_a_longer_site_delay_is_kept(crawler: Crawler) -> None:
    slot = with_downloader(crawler).open_slot(PAGE, delay=45.0)
    answer = busy(429, "5")
    build_from_crawler(RetryAfterMiddleware, crawler).process_response(answer.request, answer)
    assert slot.delay == 45.0


def test_after_the_last_retry_the_response_goes_on_and_the_give_up_is_counted(
    crawler: Crawler, caplog: pytest.LogCaptureFixture
) -> None:
    slot = with_downloader(crawler).open_slot(PAGE)
    middleware = build_from_crawler(RetryAfterMiddleware, crawler)
    answer = busy(429, "30", retry_times=2)  # RETRY_TIMES=2: both retries used

    with caplog.at_level(logging.DEBUG):
        result = middleware.process_response(answer.request, answer)

    # The 429 goes on to HttpErrorMiddleware and the spider's errback: pages.reason 'http 429'.
    assert result is answer
    assert slot.delay == 0.5, "no wait is imposed for a request that is not retried"
    stats = crawler.stats.get_stats()
    assert stats["retry/max_reached"] == 1
    assert "newscrawl/retry_after/429" not in stats
    assert any(r.levelno == logging.ERROR and "Gave up retrying" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("status", [200, 304, 404, 500])
def test_other_statuses_pass_through(crawler: Crawler, status: int) -> None:
    slot = with_downloader(crawler).open_slot(PAGE)
    middleware = build_from_crawler(RetryAfterMiddleware, crawler)
    answer = busy(status, "30")
    assert middleware.process_response(answer.request, answer) is answer
    assert slot.delay == 0.5 and not crawler.stats.get_value("retry/count")


def test_dont_retry_is_respected(crawler: Crawler) -> None:
    with_downloader(crawler).open_slot(PAGE)
    middleware = build_from_crawler(RetryAfterMiddleware, crawler)
    answer = busy(429, "30", dont_retry=True)
    assert middleware.process_response(answer.request, answer) is answer


def test_a_site_without_a_slot_is_still_retried(crawler: Crawler) -> None:
    with_downloader(crawler)
    answer = busy(429, "30")
    retry = build_from_crawler(RetryAfterMiddleware, crawler).process_response(answer.request, answer)
    assert isinstance(retry, Request)
    assert crawler.stats.get_value("newscrawl/retry_after/429") == 1


# -- CrawlDelayMiddleware ----------------------------------------------------------------------


def robots_parsed(crawler: Crawler, url: str, robots: str) -> None:
    """Send ``robots_parsed`` as Scrapy's RobotsTxtMiddleware does after reading ``url``."""
    parser = ProtegoRobotParser.from_crawler(crawler, robots.encode("utf-8"))
    crawler.signals.send_catch_log(signals.robots_parsed, robotparser=parser, request=Request(url))


def test_crawl_delay_becomes_the_sites_minimum_delay(crawler: Crawler) -> None:
    downloader = with_downloader(crawler)
    middleware = build_from_crawler(CrawlDelayMiddleware, crawler)
    robots_parsed(crawler, "https://ledger.test/robots.txt", "User-agent: *\nCrawl-delay: 5\n")
    site, other = downloader.open_slot(PAGE), downloader.open_slot("https://wire.test/")

    middleware.process_request(Request(PAGE))
    middleware.process_request(Request("https://wire.test/story.html"))

    assert middleware.delays == {"ledger.test": 5.0}
    assert (site.delay, site.jitter) == (5.0, 0.0)
    assert (other.delay, other.jitter) == (0.5, 0.5)


def test_crawl_delay_is_capped_and_never_lowers_a_delay() -> None:
    crawler = make_crawler(NEWSCRAWL_MAX_CRAWL_DELAY=20)
    downloader = with_downloader(crawler)
    middleware = build_from_crawler(CrawlDelayMiddleware, crawler)
    robots_parsed(crawler, "https://ledger.test/robots.txt", "User-agent: *\nCrawl-delay: 3600\n")
    robots_parsed(crawler, "https://wire.test/robots.txt", "User-agent: *\nCrawl-delay: 1\n")
    ledger, wire = downloader.open_slot(PAGE), downloader.open_slot("https://wire.test/", delay=8.0)

    middleware.process_request(Request(PAGE))
    middleware.process_request(Request("https://wire.test/story.html"))

    assert ledger.delay == 20.0
    assert wire.delay == 8.0


def test_crawl_delay_for_our_user_agent_wins(crawler: Crawler) -> None:
    robots = "User-agent: newscrawl\nCrawl-delay: 7\n\nUser-agent: *\nCrawl-delay: 1\n"
    downloader = with_downloader(crawler)
    middleware = build_from_crawler(CrawlDelayMiddleware, crawler)
    robots_parsed(crawler, "https://ledger.test/robots.txt", robots)
    slot = downloader.open_slot(PAGE)
    middleware.process_request(Request(PAGE))
    assert slot.delay == 7.0


def test_no_crawl_delay_changes_nothing(crawler: Crawler) -> None:
    downloader = with_downloader(crawler)
    middleware = build_from_crawler(CrawlDelayMiddleware, crawler)
    robots_parsed(crawler, "https://ledger.test/robots.txt", "User-agent: *\nDisallow: /private/\n")
    slot = downloader.open_slot(PAGE)
    middleware.process_request(Request(PAGE))
    assert middleware.delays == {}
    assert (slot.delay, slot.jitter) == (0.5, 0.5)


def test_a_request_before_its_slot_exists_is_let_through(crawler: Crawler) -> None:
    with_downloader(crawler)
    middleware = build_from_crawler(CrawlDelayMiddleware, crawler)
    robots_parsed(crawler, "https://ledger.test/robots.txt", "User-agent: *\nCrawl-delay: 5\n")
    assert middleware.process_request(Request(PAGE)) is None


def test_a_slot_made_later_starts_at_the_crawl_delay_without_jitter(crawler: Crawler) -> None:
    downloader = with_downloader(crawler)
    middleware = build_from_crawler(CrawlDelayMiddleware, crawler)
    robots_parsed(crawler, "https://ledger.test/robots.txt", "User-agent: *\nCrawl-delay: 2\n")
    assert middleware.delays == {"ledger.test": 2.0}
    assert downloader.per_slot_settings == {"ledger.test": {"delay": 2.0, "jitter": 0.0}}


def test_a_redirect_to_another_host_is_paced_by_that_hosts_slot(crawler: Crawler) -> None:
    with_downloader(crawler)
    middleware = build_from_crawler(CrawlDelayMiddleware, crawler)
    redirected = Request("https://www.wire.test/story.html", meta={"download_slot": "ledger.test"})
    same_host = Request(PAGE, meta={"download_slot": "ledger.test"})
    middleware.process_request(redirected)
    middleware.process_request(same_host)
    assert "download_slot" not in redirected.meta
    assert same_host.meta["download_slot"] == "ledger.test"


def test_autothrottle_never_lowers_a_site_below_its_crawl_delay() -> None:
    crawler = make_crawler(AUTOTHROTTLE_ENABLED=True, DOWNLOAD_DELAY=0.5)
    downloader = with_downloader(crawler)
    throttle = build_from_crawler(CrawlDelayThrottle, crawler)
    middleware = build_from_crawler(CrawlDelayMiddleware, crawler)
    throttle._spider_opened(crawler.spider)
    robots_parsed(crawler, "https://ledger.test/robots.txt", "User-agent: *\nCrawl-delay: 1\n")
    site, other = downloader.open_slot(PAGE, delay=1.0), downloader.open_slot("https://wire.test/", delay=1.0)

    for url, key in ((PAGE, "ledger.test"), ("https://wire.test/story.html", "wire.test")):
        for _ in range(5):  # fast answers: AutoThrottle lowers the delay towards DOWNLOAD_DELAY
            fast = response(url, meta={"download_slot": key, "download_latency": 0.01})
            crawler.signals.send_catch_log(signals.response_downloaded, response=fast,
                                           request=fast.request, spider=crawler.spider)

    assert site.delay == 1.0, "the Crawl-delay is a floor"
    assert other.delay == 0.5, "a site without one goes down to DOWNLOAD_DELAY"
    assert middleware.delays == {"ledger.test": 1.0}


# -- RobotsTxtUnreachableMiddleware -----------------------------------------------------------------

ROBOTS = "https://ledger.test/robots.txt"
OURS = "newscrawl.spiders.middlewares.RobotsTxtUnreachableMiddleware"


def robots_request(url: str = ROBOTS, **meta: object) -> Request:
    """The request Scrapy's RobotsTxtMiddleware sends for a site's robots.txt."""
    return Request(url, meta={"dont_obey_robotstxt": True, **meta})


def refused_by_scrapy(crawler: Crawler, robots_body: bytes, url: str = PAGE) -> IgnoreRequest:
    """What Scrapy's RobotsTxtMiddleware raises for ``url`` under a robots.txt of ``robots_body``."""
    scrapy_robots = build_from_crawler(ScrapyRobotsTxtMiddleware, crawler)
    parser = ProtegoRobotParser.from_crawler(crawler, robots_body)
    with pytest.raises(IgnoreRequest) as refused:
        scrapy_robots.process_request_2(parser, Request(url))
    return refused.value


def refused_again(middleware: RobotsTxtUnreachableMiddleware, refusal: IgnoreRequest,
                  url: str = PAGE) -> RobotsTxtUnreachable:
    with pytest.raises(RobotsTxtUnreachable) as refused:
        middleware.process_exception(Request(url), refusal)
    return refused.value


@pytest.mark.parametrize("status", [500, 503])
def test_a_robots_txt_answered_with_a_server_error_disallows_the_site(crawler: Crawler, status: int) -> None:
    middleware = build_from_crawler(RobotsTxtUnreachableMiddleware, crawler)
    answer = response(ROBOTS, b"<html><h1>Service unavailable</h1></html>", status=status,
                      meta={"dont_obey_robotstxt": True})
    read = middleware.process_response(answer.request, answer)
    parser = ProtegoRobotParser.from_crawler(crawler, read.body)
    assert not parser.allowed(PAGE, "newscrawl") and not parser.allowed("https://ledger.test/", "newscrawl")
    assert crawler.stats.get_value("newscrawl/robots_server_error") == 1


def test_the_pages_of_a_site_whose_robots_txt_answered_503_say_so(crawler: Crawler) -> None:
    middleware = build_from_crawler(RobotsTxtUnreachableMiddleware, crawler)
    answer = response(ROBOTS, b"busy", status=503, meta={"dont_obey_robotstxt": True})
    read = middleware.process_response(answer.request, answer)
    refused = refused_again(middleware, refused_by_scrapy(crawler, read.body))
    assert refused.reason == "robots.txt answered 503: site disallowed for this run (RFC 9309)"


@pytest.mark.parametrize(("error", "cause"), [
    (DownloadTimeoutError(f"Getting {ROBOTS} took longer than 30.0 seconds."), "timeout"),
    (TimeoutError(), "timeout"),  # Scrapy < 2.14: Twisted's own
    (CannotResolveHostError("ledger.test"), "dns lookup failed"),
    (DNSLookupError("ledger.test"), "dns lookup failed"),
    (DownloadConnectionRefusedError("Connection refused"), "connection refused"),
    (ConnectionRefusedError(), "connection refused"),
    (ResponseDataLossError(), "truncated response (the server sent fewer bytes than Content-Length)"),
    (ResponseNeverReceived([]), "no response (the server closed the connection without answering)"),
])
def test_a_robots_txt_that_cannot_be_downloaded_disallows_the_site_and_its_pages_say_why(
        crawler: Crawler, caplog: pytest.LogCaptureFixture, error: Exception, cause: str) -> None:
    middleware = build_from_crawler(RobotsTxtUnreachableMiddleware, crawler)
    with caplog.at_level(logging.WARNING, logger="newscrawl.spiders.middlewares"):
        read = middleware.process_exception(robots_request(), error)
    parser = ProtegoRobotParser.from_crawler(crawler, read.body)
    assert not parser.allowed(PAGE, "newscrawl") and not parser.allowed("https://ledger.test/", "newscrawl")
    assert crawler.stats.get_value("newscrawl/robots_unreachable") == 1
    [warning] = [r.getMessage() for r in caplog.records]
    assert "ledger.test" in warning and cause in warning, warning
    refused = refused_again(middleware, refused_by_scrapy(crawler, read.body))
    assert refused.reason == f"robots.txt unreachable ({cause}): site disallowed for this run (RFC 9309)"


def test_a_robots_txt_redirected_elsewhere_that_times_out_disallows_the_first_site(crawler: Crawler) -> None:
    # Scrapy's RobotsTxtMiddleware keeps the parser under the site it asked, not the redirect's.
    middleware = build_from_crawler(RobotsTxtUnreachableMiddleware, crawler)
    moved = robots_request("https://cdn.ledger.test/ledger/robots.txt", redirect_urls=[ROBOTS])
    read = middleware.process_exception(moved, DownloadTimeoutError())
    refused = refused_again(middleware, refused_by_scrapy(crawler, read.body))
    assert refused.reason.startswith("robots.txt unreachable (timeout)")


@pytest.mark.parametrize(("request_", "error"), [
    (robots_request(), ValueError("not a network error")),
    (robots_request(), DownloadCancelledError("received response size larger than download max size")),
    (Request(PAGE), DownloadTimeoutError()),  # an article's timeout is its own
    (Request(ROBOTS), DownloadTimeoutError()),  # a robots.txt the spider asked for itself
])
def test_other_failures_are_left_to_scrapy(crawler: Crawler, request_: Request, error: Exception) -> None:
    middleware = build_from_crawler(RobotsTxtUnreachableMiddleware, crawler)
    assert middleware.process_exception(request_, error) is None
    assert middleware.reasons == {} and crawler.stats.get_value("newscrawl/robots_unreachable") is None


def test_a_site_that_forbids_a_page_itself_is_left_to_scrapy(crawler: Crawler) -> None:
    middleware = build_from_crawler(RobotsTxtUnreachableMiddleware, crawler)
    middleware.process_exception(robots_request("https://wire.test/robots.txt"), DownloadTimeoutError())
    refusal = refused_by_scrapy(crawler, b"User-agent: *\nDisallow: /2026/\n")
    assert middleware.process_exception(Request(PAGE), refusal) is None  # Scrapy's refusal goes on
    assert middleware.process_exception(Request(PAGE), OutOfScope("off the outlet")) is None


def test_through_scrapys_middlewares_the_robots_txt_is_retried_before_the_site_is_disallowed() -> None:
    # The robots.txt middleware (Scrapy's, as newscrawl configures it) and Scrapy's
    # RetryMiddleware (550) with ours at its configured priority; process_exception runs from
    # the downloader's side, so the retries come first.
    retry = "scrapy.downloadermiddlewares.retry.RetryMiddleware"
    robots = "newscrawl.spiders.middlewares.RobotsTxtMiddleware"
    configured = project_settings()["DOWNLOADER_MIDDLEWARES"]
    crawler = make_crawler(
        RETRY_TIMES=2, DOWNLOADER_MIDDLEWARES_BASE={retry: DOWNLOADER_MIDDLEWARES_BASE[retry]},
        DOWNLOADER_MIDDLEWARES={robots: configured[robots], OURS: configured[OURS]})
    manager = DownloaderMiddlewareManager.from_crawler(crawler)
    asked: list[str] = []

    async def download(request: Request) -> Response:
        asked.append(request.url)
        raise DownloadTimeoutError(f"Getting {request.url} took longer than 30.0 seconds.")

    async def engine_download(request: Request) -> Response:  # ExecutionEngine.download_async
        result: Response | Request = request
        while isinstance(result, Request):
            result = await manager.download_async(download, result)
        return result

    crawler.engine = SimpleNamespace(download_async=engine_download)  # type: ignore[assignment]
    with pytest.raises(RobotsTxtUnreachable) as refused:
        run(engine_download(Request(PAGE)))
    assert asked == [ROBOTS] * 3, "the robots.txt and its two retries; the page is never asked"
    assert refused.value.reason == "robots.txt unreachable (timeout): site disallowed for this run (RFC 9309)"
    assert crawler.stats.get_value("retry/count") == 2
    assert crawler.stats.get_value("newscrawl/robots_unreachable") == 1


def test_every_request_waiting_for_a_sites_robots_txt_is_held_to_it(crawler: Crawler) -> None:
    # Scrapy 2.19's own RobotsTxtMiddleware lets the third and fourth of these through.
    asked: list[str] = []

    async def download(request: Request) -> Response:
        asked.append(request.url)
        await asyncio.sleep(0.01)
        return Response(request.url, body=DISALLOW_ALL, request=request)

    crawler.engine = SimpleNamespace(download_async=download)  # type: ignore[assignment]
    middleware = build_from_crawler(RobotsTxtMiddleware, crawler)

    async def ask(url: str) -> str:
        try:
            await middleware.process_request(Request(url))
        except IgnoreRequest:
            return "forbidden"
        return "allowed"

    async def at_once() -> list[str]:
        return await asyncio.gather(*(ask(f"{PAGE}?n={n}") for n in range(4)))

    assert run(at_once()) == ["forbidden"] * 4
    assert asked == [ROBOTS], "read once"


@pytest.mark.parametrize(("url", "status", "meta"), [
    (ROBOTS, 404, {"dont_obey_robotstxt": True}),  # no robots.txt: everything allowed
    (ROBOTS, 200, {"dont_obey_robotstxt": True}),
    (PAGE, 503, {}),  # an article's error is its own
    (ROBOTS, 503, {}),  # a robots.txt the spider asked for itself, not Scrapy's robots middleware
])
def test_other_answers_pass_untouched(crawler: Crawler, url: str, status: int, meta: dict) -> None:
    middleware = build_from_crawler(RobotsTxtUnreachableMiddleware, crawler)
    answer = response(url, b"User-agent: *\nAllow: /\n", status=status, meta=meta)
    assert middleware.process_response(answer.request, answer) is answer
