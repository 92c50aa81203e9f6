"""Downloader middlewares for politeness: robots.txt Crawl-delay, Retry-After, a robots.txt that fails.

Scrapy obeys robots.txt allow/disallow rules but not ``Crawl-delay``, and retries 429 and 503
at once. These two middlewares close those gaps; both work on Scrapy's per-site download
slot, so a site's pace is set for all its requests, not one. Scrapy also reads the body of a
robots.txt answered with a server error as the file (an error page: no rules, everything
allowed), and allows a site whose robots.txt could not be downloaded at all (a timeout, a
refused connection); :class:`RobotsTxtUnreachableMiddleware` makes both a complete disallow
for the run, as RFC 9309 asks, and the pages it keeps the crawl from say why. And since Scrapy
2.14, of the requests that wait for a site's robots.txt, all but the first are let through
without it; :class:`RobotsTxtMiddleware` (Scrapy's, in its place) holds each to it.

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

import inspect
import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.extensions.throttle import AutoThrottle
from scrapy.http import Request, Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from newscrawl.items import DISALLOWED_FOR_THE_RUN
from newscrawl.settings import read_setting
from newscrawl.spiders.failures import network_reason

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


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, where every request waiting for a site's robots.txt gets it.

    Since Scrapy 2.14 the requests that arrive while a site's robots.txt is downloading await
    one shared Deferred with ``maybe_deferred_to_future``, and Twisted's ``Deferred.asFuture``
    consumes the result it is given: the first request waiting gets the parser, every later
    one ``None``, which Scrapy reads as "no robots.txt" and lets through. Measured with Scrapy
    2.19: of four requests sent at once to a site whose robots.txt says ``Disallow: /``, two
    were allowed (tests/test_middlewares.py). Each waiting request here has a Deferred of its
    own, fired with the same parser.
    """

    if inspect.iscoroutinefunction(ScrapyRobotsTxtMiddleware.robot_parser):  # Scrapy >= 2.14
        async def robot_parser(self, request: Request) -> Any:
            shared = self._parsers.get(urlparse_cached(request).netloc)
            if not isinstance(shared, Deferred):  # read already, or this request asks for it
                return await super().robot_parser(request)
            own: Deferred[Any] = Deferred()

            def pass_on(parser: Any) -> Any:
                own.callback(parser)
                return parser  # for the next request waiting

            shared.addCallback(pass_on)
            return await maybe_deferred_to_future(own)


# What a robots.txt that could not be read reads as: the whole site disallowed.
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
# robots.txt requests not answered, each given a stand-in answer (which Scrapy's downloader
# stats count as a response: the run's status does not).
ROBOTS_UNREACHABLE_STAT = "newscrawl/robots_unreachable"


class RobotsTxtUnreachable(IgnoreRequest):
    """A request refused because its site's robots.txt could not be read (a server or network error).

    Not a rule of the site's: ``reason`` says what the robots.txt met, as ``pages.reason`` records
    it (``robots.txt unreachable (timeout): site disallowed for this run (RFC 9309)``).
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _robots_site(request: Request) -> str | None:
    """The site (netloc) whose robots.txt Scrapy's ``RobotsTxtMiddleware`` asks for with
    ``request`` (or a redirect of it), else None."""
    if not request.meta.get("dont_obey_robotstxt"):
        return None
    first = urlsplit((request.meta.get("redirect_urls") or [request.url])[0])
    return first.netloc if first.path == "/robots.txt" else None


class RobotsTxtUnreachableMiddleware:
    """A robots.txt that cannot be read (a 5xx answer, or a network error) disallows its site.

    RFC 9309 (2.3.1.3, 2.3.1.4): a robots.txt unreachable for a server or network error means
    complete disallow. Scrapy's ``RobotsTxtMiddleware`` parses whatever body comes back (an
    error page has no rules) and allows a site whose robots.txt could not be downloaded, so
    both sites were crawled as if they allowed everything. Here the robots.txt request
    (``dont_obey_robotstxt``, ``/robots.txt``) gets a body disallowing all instead:

    - answered 5xx, after the retries of ``RetryAfterMiddleware`` and Scrapy's
      ``RetryMiddleware`` (which see a response before this middleware);
    - not answered: a timeout, a failed DNS lookup, a refused connection, a response that broke
      off or never came (:func:`~newscrawl.spiders.failures.network_reason`), once Scrapy's
      ``RetryMiddleware`` has given up (it sees an exception first and, while it retries,
      returns the retry, which ends the exception's way through the middlewares). A failed DNS
      lookup or a refused connection counts too: the site's pages would most likely fail the
      same way, but one that got through (the resolver or the server back) would be fetched
      with the site's rules unknown. Other failures (a robots.txt over ``DOWNLOAD_MAXSIZE``,
      say) are left to Scrapy.

    This holds for the rest of the run (Scrapy reads a site's robots.txt once a run); the next
    run asks again, and fetches the pages refused so again (their reason ends with
    :data:`~newscrawl.items.DISALLOWED_FOR_THE_RUN`: ``Store.already_fetched``). Each such site
    is named in one warning and counted (``newscrawl/robots_server_error``,
    ``newscrawl/robots_unreachable``). The site's requests that Scrapy then refuses ("Forbidden
    by robots.txt") are refused again with :class:`RobotsTxtUnreachable`, whose reason says what
    the robots.txt met: the pages' verdict stays ``blocked-by-robots``, but the site forbade
    nothing.
    """

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.reasons: dict[str, str] = {}  # netloc -> why its robots.txt was read as a disallow

    @classmethod
    def from_crawler(cls, crawler: Any) -> RobotsTxtUnreachableMiddleware:
        return cls(crawler)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        site = _robots_site(request)
        if site is None or not 500 <= response.status <= 599:
            return response
        logger.warning("robots.txt of %s answered %d: the site is disallowed for this run (RFC 9309)",
                       site, response.status)
        self.crawler.stats.inc_value("newscrawl/robots_server_error")
        self.reasons[site] = f"robots.txt answered {response.status}: {DISALLOWED_FOR_THE_RUN}"
        return response.replace(body=DISALLOW_ALL)

    def process_exception(self, request: Request, exception: Exception,
                          spider: Any = None) -> Response | None:
        if type(exception) is IgnoreRequest and "robots.txt" in str(exception):
            # Scrapy's RobotsTxtMiddleware refusing a request: say why, if the rule is ours.
            reason = self.reasons.get(urlparse_cached(request).netloc)
            if reason is not None:
                raise RobotsTxtUnreachable(reason) from exception
            return None
        site = _robots_site(request)
        cause = network_reason(Failure(exception)) if site is not None else None
        if cause is None:
            return None
        logger.warning("robots.txt of %s could not be downloaded (%s): the site is disallowed for this "
                       "run (RFC 9309)", site, cause)
        self.crawler.stats.inc_value(ROBOTS_UNREACHABLE_STAT)
        self.reasons[site] = f"robots.txt unreachable ({cause}): {DISALLOWED_FOR_THE_RUN}"
        return Response(request.url, status=200, body=DISALLOW_ALL, request=request,
                        flags=["robots.txt unreachable"])
