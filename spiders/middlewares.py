"""Downloader middlewares for politeness: robots.txt Crawl-delay, Retry-After, a robots.txt that fails.

Scrapy obeys robots.txt allow/disallow rules but not ``Crawl-delay``, and retries 429 and 503
at once. These two middlewares close those gaps; both work on Scrapy's per-site download
slot, so a site's pace is set for all its requests, not one. Scrapy also reads the body of a
robots.txt answered with a server error as the file (an error page: no rules, everything
allowed); :class:`RobotsTxtServerErrorMiddleware` makes it a complete disallow, as RFC 9309
asks.

A Crawl-delay is a minimum gap between two requests to the site, and three things in Scrapy
would make it shorter; each is closed here:

- AutoThrottle sets a slot's delay after every response, down to ``DOWNLOAD_DELAY``, and
  the downloader sends the next queued request at once with that delay.
  :class:`CrawlDelayThrottle` (AutoThrottle, never below a site's Crawl-delay) replaces it.
- The downloader forgets a slot idle for a minute and makes a new one with the default
  delay and a random jitter of +-50%. The Crawl-delay is written into the downloader's
  per-slot settings (``DOWNLOAD_SLOTS``), so a new slot starts at it, without jitter.
- A redirect keeps the ``download_slot`` of the request it came from, so a redirect to
  another host would be paced by the first host's slot while that host's own slot sends
  more. :class:`CrawlDelayMiddleware` puts every request in the slot of its own host.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from scrapy import signals
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached

from newscrawl.settings import read_setting

logger = logging.getLogger(__name__)


def _slot(crawler: Any, request: Request) -> Any:
    downloader = crawler.engine.downloader
    key = downloader.get_slot_key(request)
    return downloader.slots.get(key)


def hold_slot(slot: Any, seconds: float) -> None:
    """Make a download slot wait at least ``seconds`` between requests (no random jitter)."""
    if hasattr(slot, "jitter"):
        slot.jitter = 0.0
    else:  # Scrapy < 2.14
        slot.randomize_delay = False
    slot.delay = max(slot.delay, seconds)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


class CrawlDelayMiddleware:
    """Keeps each site's download delay at least its robots.txt ``Crawl-delay``."""

    def __init__(self, crawler: Any, max_delay: float) -> None:
        self.crawler = crawler
        self.max_delay = max_delay
        self.delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> CrawlDelayMiddleware:
        return cls(crawler, read_setting(crawler.settings, "NEWSCRAWL_MAX_CRAWL_DELAY"))

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        protego = getattr(robotparser, "rp", None)
        if protego is None or not hasattr(protego, "crawl_delay"):
            return
        agent = self.crawler.settings.get("ROBOTSTXT_USER_AGENT") or self.crawler.settings.get("USER_AGENT")
        delay = protego.crawl_delay(agent)
        if delay:
            downloader = self.crawler.engine.downloader
            key = downloader.get_slot_key(request)
            wanted = min(float(delay), self.max_delay)
            self.delays[key] = wanted
            # A slot made later for this site (the downloader drops idle ones) starts at the
            # Crawl-delay, without jitter; CrawlDelayThrottle reads it as the site's floor.
            configured = downloader.per_slot_settings.setdefault(key, {})
            configured["delay"] = max(float(configured.get("delay", 0.0)), wanted)
            configured["jitter"] = 0.0
            logger.info("robots.txt asks for a crawl delay of %ss on %s", delay, key)

    def process_request(self, request: Request, spider: Any = None) -> None:
        downloader = self.crawler.engine.downloader
        slot_key = request.meta.get("download_slot")
        if slot_key is not None and slot_key != (urlparse_cached(request).hostname or ""):
            # A redirect to another host: paced by that host's slot, not the first host's.
            del request.meta["download_slot"]
        if not self.delays:
            return
        key = downloader.get_slot_key(request)
        wanted = self.delays.get(key)
        slot = downloader.slots.get(key)
        if wanted and slot is not None:
            hold_slot(slot, wanted)  # Crawl-delay is a minimum, not an average


class CrawlDelayThrottle(AutoThrottle):
    """Scrapy's AutoThrottle that never lowers a site's delay below its configured delay.

    The floor is the site's entry in the downloader's per-slot settings (``DOWNLOAD_SLOTS``),
    where :class:`CrawlDelayMiddleware` writes the robots.txt Crawl-delay. Scrapy's
    AutoThrottle knows only ``DOWNLOAD_DELAY`` as a minimum.
    """

    def _response_downloaded(self, response: Response, request: Request, spider: Any) -> None:
        super()._response_downloaded(response, request, spider)
        key, slot = self._get_slot(request, spider)
        if slot is None:
            return
        floor = self.crawler.engine.downloader.per_slot_settings.get(key, {}).get("delay")
        if floor and slot.delay < float(floor):
            slot.delay = float(floor)


class RetryAfterMiddleware:
    """Retries 429 and 503 after the server's Retry-After, or with exponential backoff.

    The wait is applied to the site's download slot (every request to that site slows
    down, as the server asked), capped at ``NEWSCRAWL_RETRY_MAX_WAIT`` seconds.
    """

    STATUSES = (429, 503)

    def __init__(self, crawler: Any, base: float, max_wait: float) -> None:
        self.crawler = crawler
        self.base = base
        self.max_wait = max_wait

    @classmethod
    def from_crawler(cls, crawler: Any) -> RetryAfterMiddleware:
        settings = crawler.settings
        return cls(
            crawler,
            read_setting(settings, "NEWSCRAWL_RETRY_BACKOFF_BASE"),
            read_setting(settings, "NEWSCRAWL_RETRY_MAX_WAIT"),
        )

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Any:
        if response.status not in self.STATUSES or request.meta.get("dont_retry"):
            return response
        attempt = request.meta.get("retry_times", 0)
        header = response.headers.get("Retry-After")
        wait = parse_retry_after(header.decode("latin-1") if header else None)
        if wait is None:
            wait = self.base * (2**attempt)
        wait = min(wait, self.max_wait)
        retry = get_retry_request(
            request, spider=self.crawler.spider, reason=f"http {response.status}"
        )
        if retry is None:
            return response
        slot = _slot(self.crawler, request)
        if slot is not None:
            hold_slot(slot, wait)
        self.crawler.stats.inc_value(f"newscrawl/retry_after/{response.status}")
        return retry


# What a robots.txt answered with a server error reads as: the whole site disallowed.
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"


class RobotsTxtServerErrorMiddleware:
    """A robots.txt answered with a 5xx status (after Retry-After's retries) disallows the site.

    RFC 9309 (2.3.1.3): a robots.txt unreachable for a server error means complete disallow.
    Scrapy's ``RobotsTxtMiddleware`` parses whatever body comes back, and an error page has no
    rules, so the site was crawled as if it allowed everything. The answer to its robots.txt
    request (``dont_obey_robotstxt``, ``/robots.txt``) gets a body disallowing all instead, for
    the rest of the run (Scrapy reads a site's robots.txt once a run); the next run asks again.
    A robots.txt that cannot be downloaded at all (a timeout, a refused connection) is left to
    Scrapy, which allows the site: its pages' own requests then fail with their reasons.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> RobotsTxtServerErrorMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        if (500 <= response.status <= 599 and request.meta.get("dont_obey_robotstxt")
                and urlparse_cached(request).path == "/robots.txt"):
            logger.warning("robots.txt of %s answered %d: the site is disallowed for this run (RFC 9309)",
                           urlparse_cached(request).netloc, response.status)
            self.crawler.stats.inc_value("newscrawl/robots_server_error")
            return response.replace(body=DISALLOW_ALL)
        return response
