"""Cluster-wide politeness for a distributed crawl's workers (a downloader middleware).

Each worker's Scrapy paces a site by itself (download slots, AutoThrottle, the robots.txt
Crawl-delay): with N workers a site would get N times the rate. :class:`SiteLeaseMiddleware`
holds every request until the cluster may send it (:class:`~newscrawl.distributed.leases.SiteLeases`):
at most ``CONCURRENT_REQUESTS_PER_DOMAIN`` downloads from a site at once in the whole
cluster, and at least ``DOWNLOAD_DELAY`` (or the site's robots.txt Crawl-delay, up to
``NEWSCRAWL_MAX_CRAWL_DELAY``, as any worker found it) between two of them; a 429 or 503
holds the site for every worker for its Retry-After (or the backoff of
:class:`~newscrawl.spiders.middlewares.RetryAfterMiddleware`). It sits last before the
download, after Scrapy's robots.txt middleware, so a site's robots.txt is read before its
first request.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from typing import Any

import redis
from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached

from newscrawl.distributed.leases import SiteLeases
from newscrawl.settings import read_setting
from newscrawl.spiders.frontier import cluster
from newscrawl.spiders.middlewares import RetryAfterMiddleware, parse_retry_after

logger = logging.getLogger(__name__)

LEASE = "site_lease"  # Request.meta: (host, token) of the lease a request holds


class SiteLeaseMiddleware:
    """Wait for the site's cluster-wide lease before each download; release it after."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        cluster_delay = read_setting(settings, "NEWSCRAWL_CLUSTER_DELAY")
        self.delay = cluster_delay if cluster_delay >= 0 else settings.getfloat("DOWNLOAD_DELAY")
        self.concurrency = settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")
        self.max_crawl_delay = read_setting(settings, "NEWSCRAWL_MAX_CRAWL_DELAY")
        self.backoff = read_setting(settings, "NEWSCRAWL_RETRY_BACKOFF_BASE")
        self.max_wait = read_setting(settings, "NEWSCRAWL_RETRY_MAX_WAIT")
        # A lease outlives the longest download, so only a dead worker's lease expires.
        ttl = settings.getfloat("DOWNLOAD_TIMEOUT") + 30
        this = cluster(crawler)
        self.leases = SiteLeases(this.client, this.keys, ttl)
        self.crawl_delays: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> SiteLeaseMiddleware:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured("not a distributed crawl")
        return cls(crawler)

    def robots_parsed(self, robotparser: Any, request: Request) -> None:
        protego = getattr(robotparser, "rp", None)
        if protego is None or not hasattr(protego, "crawl_delay"):
            return
        settings = self.crawler.settings
        delay = protego.crawl_delay(settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT"))
        if delay:
            host = urlparse_cached(request).hostname or ""
            seconds = min(float(delay), self.max_crawl_delay)
            self.crawl_delays[host] = seconds
            try:
                self.leases.report_crawl_delay(host, seconds)
            except redis.RedisError as exc:
                cluster(self.crawler).lost(exc)

    async def process_request(self, request: Request, spider: Any = None) -> None:
        host = urlparse_cached(request).hostname or ""
        token = uuid.uuid4().hex
        try:
            delay = max(self.delay, self.crawl_delays.get(host, 0.0), self.leases.crawl_delay(host))
            while (wait := self.leases.acquire(host, token, delay, self.concurrency)) > 0:
                self.crawler.stats.inc_value("newscrawl/cluster/site_waits")
                await asyncio.sleep(min(wait, 1.0))
        except redis.RedisError as exc:
            cluster(self.crawler).lost(exc)
            raise IgnoreRequest(f"no site lease: {exc}") from None
        request.meta[LEASE] = (host, token)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        self._release(request)
        if response.status in RetryAfterMiddleware.STATUSES and not request.meta.get("dont_retry"):
            # The site asked us to slow down: every worker waits, not only this one.
            header = response.headers.get("Retry-After")
            wait = parse_retry_after(header.decode("latin-1") if header else None)
            if wait is None:
                wait = self.backoff * (2 ** request.meta.get("retry_times", 0))
            try:
                self.leases.hold(urlparse_cached(request).hostname or "", min(wait, self.max_wait))
            except redis.RedisError as exc:
                cluster(self.crawler).lost(exc)
        return response

    def process_exception(self, request: Request, exception: BaseException, spider: Any = None) -> None:
        self._release(request)

    def _release(self, request: Request) -> None:
        lease = request.meta.pop(LEASE, None)
        if lease is None:
            return
        try:
            self.leases.release(*lease)
        except redis.RedisError as exc:
            cluster(self.crawler).lost(exc)
