"""The ``news`` spider: discover article URLs from outlets' feeds, sitemaps and start pages.

Start pages (section, tag, archive or search pages in ``sources.toml``) are followed to
``NEWSCRAWL_LISTING_DEPTH`` levels of sub-listings plus their next pages, at most
``NEWSCRAWL_LISTING_MAX_PAGES`` listing pages per outlet and run, the first
``NEWSCRAWL_LISTING_MAX_LINKS`` links of each read, next pages only after a page that listed
an article its previous page did not; links are classified
article / listing / other (:mod:`newscrawl.discover.links`) and calendar or faceted traps skipped.

An outlet that lists neither sitemaps nor feeds has the sitemaps its robots.txt names walked
(``NEWSCRAWL_ROBOTS_SITEMAPS``): the robots.txt Scrapy's ``RobotsTxtMiddleware`` reads anyway,
taken from its ``robots_parsed`` signal, so no second request. An outlet that lists no feeds
has the feeds its start pages and homepage announce (``<link rel="alternate">``) followed
(``NEWSCRAWL_ANNOUNCED_FEEDS``), at most :data:`MAX_ANNOUNCED_FEEDS`.

It yields one :class:`~newscrawl.items.FetchedPage` per URL it touched (feeds, sitemaps,
articles, failures, redirects, robots refusals); pipelines decide what each page is and
store it. What earlier runs did (pages to skip, to ask conditionally or to fetch again) comes
from :class:`~newscrawl.spiders.incremental.IncrementalMiddleware`; the spider never reads the
database.

Arguments (``-a name=value`` with ``scrapy crawl``; keyword arguments from the CLI):
``sources`` (path to sources.toml), ``topic`` (path to a topic file), ``outlet``
(comma-separated slugs), ``since`` (YYYY-MM-DD: skip feed and sitemap entries dated earlier).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

import scrapy
from scrapy import signals
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newscrawl.config import Outlet, outlet_for_url
from newscrawl.discover.feeds import (
    MAX_ANNOUNCED_FEEDS,
    DiscoveredLink,
    DiscoveryError,
    announced_feeds,
    parse_feed,
    parse_sitemap,
    robots_sitemaps,
    robots_txt_url,
)
from newscrawl.discover.links import classify_link, is_crawl_trap, pagination_links
from newscrawl.discover.storypages import (
    capped_note,
    joined_note,
    later_page_alone,
    later_page_reason,
    missing_page_note,
    next_page,
)
from newscrawl.extract.dates import parse_date
from newscrawl.extract.urls import clean_url, story_page
from newscrawl.items import (
    ARTICLE,
    BLOCKED_BY_ROBOTS,
    ERROR,
    NOT_ARTICLE,
    OUT_OF_SCOPE,
    REDIRECT,
    ChannelPoll,
    DateHint,
    FetchedPage,
)
from newscrawl.settings import read_setting
from newscrawl.spiders.base import ConfiguredSpider
from newscrawl.spiders.failures import exception_reason, network_reason
from newscrawl.spiders.incremental import CONDITIONAL, SKIP_IF_FETCHED, incremental_middleware
from newscrawl.spiders.middlewares import RobotsTxtUnreachable
from newscrawl.spiders.scope import OutOfScope

REDIRECT_STATUSES = [301, 302, 303, 307, 308]
# Request.meta: the first page of the story a later page's request is for (its FetchedPage,
# with the later pages fetched so far). A distributed crawl's worker keeps such a request in
# its own queue (spiders/frontier.py), so a story is fetched and joined by one process.
STORY = "story"


def channel_poll(
    channel: str, source: str, polled_at: datetime, outlet: Outlet | None,
    links: Iterable[DiscoveredLink], link_date: Any, outlets: dict[str, Outlet] | None = None,
    cleaned: bool = False,
) -> ChannelPoll:
    """One read of a channel: the links of ``outlet`` (or, for a channel over many outlets,
    of whichever of ``outlets`` owns each) that could be articles, cleaned, in listed order,
    and the span of all the listed dates. ``cleaned``: the links' URLs are cleaned already
    (:func:`cleaned_links`)."""
    listed: list[tuple[str, str]] = []
    dates = []
    total = 0
    for link in links:
        total += 1
        when = link_date(link)
        if when.year != datetime.max.year:
            dates.append(when)
        url = link.url if cleaned else clean_url(link.url)
        owner = outlet if outlet is not None else outlet_for_url(outlets or {}, url)
        if owner is not None and owner.owns_url(url) and owner.matches_article_pattern(url):
            listed.append((owner.slug, url))
    return ChannelPoll(channel, source, polled_at, outlet.slug if outlet else None, total,
                       min(dates, default=None), max(dates, default=None), listed)


def cleaned_links(links: list[DiscoveredLink]) -> list[DiscoveredLink]:
    """``links`` with each URL cleaned (:func:`~newscrawl.extract.urls.clean_url`), in place
    (each link replaced in the list, so no second list of a sitemap's links is held).

    A feed's or sitemap's links are read twice, for the channel's poll and for the requests:
    cleaned once here, neither cleans them again (about 13 µs a link; ``clean_url`` gives
    back what it is given when that is clean already, so the URLs are the same)."""
    for i, link in enumerate(links):
        url = clean_url(link.url)
        if url != link.url:
            links[i] = replace(link, url=url)
    return links


def _headers(response: Response) -> dict[str, str]:
    """The response's headers, names lower-cased, the first value of each.

    Read from Scrapy's ``Headers`` as the dict it is (its keys are already normalised, its
    values lists of bytes): its own ``items()`` normalises every key again to look it up,
    2-3 µs a page in the crawl's busiest thread."""
    return {
        key.decode("latin-1").lower(): values[0].decode("latin-1")
        for key, values in dict.items(response.headers)
        if values
    }


def _failure_reason(failure: Failure) -> tuple[int | None, str, str]:
    """(status, verdict, reason) for a failed request; the reason always names the cause."""
    if failure.check(HttpError):
        status = failure.value.response.status
        return status, ERROR, f"http {status}"
    if failure.check(OutOfScope):
        return None, OUT_OF_SCOPE, failure.value.reason
    if failure.check(RobotsTxtUnreachable):  # the site's robots.txt failed: not a rule of the site's
        return None, BLOCKED_BY_ROBOTS, failure.value.reason
    message = str(failure.value)
    if "robots.txt" in message:
        return None, BLOCKED_BY_ROBOTS, "forbidden by robots.txt"
    if "maxsize" in message.lower() or "max size" in message.lower():
        return None, ERROR, "response too large"
    reason = network_reason(failure)
    if reason is not None:
        return None, ERROR, reason
    return None, ERROR, exception_reason(failure.value)


class NewsSpider(ConfiguredSpider):
    """Feeds and sitemaps of every configured outlet -> fetched article pages."""

    name = "news"
    # Reads the outlets' own channels, and so those their sites name (robots.txt sitemaps,
    # announced feeds); a spider given its URLs (seed lists, GDELT) fetches only those.
    reads_outlet_channels = True

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> NewsSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if spider.sitemaps_from_robots:
            crawler.signals.connect(spider.robots_parsed, signal=signals.robots_parsed)
        return spider

    def configure(self, settings: Any) -> None:
        """Load the configuration, then the sitemap limits."""
        super().configure(settings)
        self.max_sitemap_links = read_setting(settings, "NEWSCRAWL_SITEMAP_MAX_LINKS")
        self.max_feed_links = read_setting(settings, "NEWSCRAWL_FEED_MAX_LINKS")
        self.max_sitemap_depth = read_setting(settings, "NEWSCRAWL_SITEMAP_MAX_DEPTH")
        self.max_sitemap_children = read_setting(settings, "NEWSCRAWL_SITEMAP_MAX_CHILDREN")
        self.sitemaps_from_robots = (self.reads_outlet_channels
                                     and read_setting(settings, "NEWSCRAWL_ROBOTS_SITEMAPS"))
        # (outlet slug, sitemap URL) named by a robots.txt, asked for with the next callback's
        # output; how many each outlet was given (at most NEWSCRAWL_SITEMAP_MAX_CHILDREN).
        self.robots_sitemaps: list[tuple[str, str]] = []
        self.robots_sitemaps_given: dict[str, int] = {}
        self.feeds_from_pages = (self.reads_outlet_channels
                                 and read_setting(settings, "NEWSCRAWL_ANNOUNCED_FEEDS"))
        self.announced_feeds_given: dict[str, int] = {}  # per outlet, at most MAX_ANNOUNCED_FEEDS
        self.listing_depth = read_setting(settings, "NEWSCRAWL_LISTING_DEPTH")
        self.listing_budget = read_setting(settings, "NEWSCRAWL_LISTING_MAX_PAGES")
        self.max_listing_links = read_setting(settings, "NEWSCRAWL_LISTING_MAX_LINKS")
        self.listing_pages: dict[str, int] = {}
        self.listings_requested: set[str] = set()  # feeds, sitemaps, start and listing pages
        self.listings_expanded: set[tuple[str, str]] = set()  # (outlet, via) asked again after a 304
        self.refetch_days = read_setting(settings, "NEWSCRAWL_REFETCH_DAYS")
        self.refetch_after_hours = read_setting(settings, "NEWSCRAWL_REFETCH_AFTER_HOURS")
        self.story_max_pages = read_setting(settings, "NEWSCRAWL_STORY_MAX_PAGES")
        # Article redirects are followed by the spider (it records each hop): Scrapy's own limit.
        self.max_redirects = settings.getint("REDIRECT_MAX_TIMES")
        # Scrapy's UrlLengthMiddleware drops a longer request with an INFO line alone: such links
        # are left here, where they are counted (newscrawl/skipped/url_too_long).
        self.max_url_length = settings.getint("URLLENGTH_LIMIT")

    # -- start --------------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for outlet in self.outlets.values():
            for url in outlet.feeds:
                if self._first_request_for(url):
                    yield self._listing_request(url, outlet, "feed", depth=0)
            for url in outlet.sitemaps:
                if self._first_request_for(url):
                    yield self._listing_request(url, outlet, "sitemap", depth=0)
            for url in outlet.start_pages:
                request = self._section_request(url, outlet, depth=0)
                if request is not None:
                    yield request
        for request in self.frontier_requests():
            yield request

    def frontier_requests(self) -> Iterator[scrapy.Request]:
        """Requests the database asks for: young articles to re-check, failures to retry."""
        earlier = incremental_middleware(self.crawler)
        for row in earlier.revisits(self.refetch_days, self.refetch_after_hours):
            outlet = self.outlets.get(row["outlet"])
            if outlet is not None:
                request = self._article_request(row["url"], outlet, "refetch", ())
                request.meta[CONDITIONAL] = "any-run"
                request.meta["refetch_of"] = row["article_id"]
                yield request
        for row in earlier.retries():
            outlet = self.outlets.get(row["outlet"])
            if outlet is not None:
                yield self._article_request(row["url"], outlet, "retry", ())

    # -- sitemaps named by robots.txt ---------------------------------------------------------

    def robots_parsed(self, robotparser: Any, request: scrapy.Request) -> None:
        """Scrapy read a site's robots.txt (before sending ``request``, the first to the site):
        when the site is an outlet's and the outlet lists neither sitemaps nor feeds (a whole
        archive's sitemaps are not added to an outlet read through its feeds), the sitemaps it names
        on the outlet's domains are kept for :meth:`_robots_sitemap_requests`. As an index
        read whole: at most ``NEWSCRAWL_SITEMAP_MAX_CHILDREN`` per outlet."""
        robots_url = robots_txt_url(request.url)
        outlet = outlet_for_url(self.outlets, robots_url)
        named = getattr(getattr(robotparser, "rp", None), "sitemaps", None)  # protego's parser
        if outlet is None or outlet.sitemaps or outlet.feeds or named is None:
            return
        stats = self.crawler.stats
        for url in robots_sitemaps(named, robots_url):
            if not outlet.owns_url(url):
                stats.inc_value("newscrawl/skipped/robots_sitemap_offsite")
                continue
            if self._taken(self.robots_sitemaps_given, outlet.slug, self.max_sitemap_children,
                           "sitemap_index_cap", "robots_sitemaps"):
                self.robots_sitemaps.append((outlet.slug, url))

    def _taken(self, given: dict[str, int], slug: str, cap: int, skipped: str, discovered: str) -> bool:
        """Whether one more channel found on outlet ``slug``'s site is taken: ``given`` counts
        those taken per outlet, at most ``cap``; the run's statistics count both."""
        stats = self.crawler.stats
        if given.get(slug, 0) >= cap:
            stats.inc_value(f"newscrawl/skipped/{skipped}")
            return False
        given[slug] = given.get(slug, 0) + 1
        stats.inc_value(f"newscrawl/discovered/{discovered}")
        return True

    def _robots_sitemap_requests(self) -> Iterator[scrapy.Request]:
        """Requests for the sitemaps robots.txt files named since the last callback: walked as
        configured sitemaps are (depth 0, once per run, conditionally on the last run).

        Yielded from the spider's callbacks, so they pass its spider middlewares (the
        incremental one adds the conditional headers): the robots.txt is read before the
        request that asked for it is sent, so that request's callback or errback comes after.
        """
        if not self.robots_sitemaps:
            return
        found, self.robots_sitemaps = self.robots_sitemaps, []
        for slug, url in found:
            if self._first_request_for(url):
                yield self._listing_request(url, self.outlets[slug], "sitemap", depth=0)

    def _first_request_for(self, url: str) -> bool:
        """True the first time this run asks for listing ``url`` (each is fetched once per run)."""
        if url in self.listings_requested:
            self.crawler.stats.inc_value("newscrawl/skipped/listing_seen")
            return False
        self.listings_requested.add(url)
        return True

    def _listing_request(self, url: str, outlet: Outlet, kind: str, depth: int) -> scrapy.Request:
        callback = self.parse_feed if kind == "feed" else self.parse_sitemap
        return scrapy.Request(
            url,
            callback=callback,
            errback=self.on_error,
            dont_filter=True,
            priority=10,
            meta={"outlet": outlet.slug, "via": kind, "depth": depth, "handle_httpstatus_list": [304],
                  CONDITIONAL: "finished-run"},
        )

    def _section_request(self, url: str, outlet: Outlet, depth: int) -> scrapy.Request | None:
        """A request for a section, tag, archive or search page: once per run, within the
        outlet's budget, conditional on what the last finished run saw."""
        if url in self.listings_requested:
            self.crawler.stats.inc_value("newscrawl/skipped/listing_seen")
            return None
        used = self.listing_pages.get(outlet.slug, 0)
        if used >= self.listing_budget:
            self.crawler.stats.inc_value("newscrawl/skipped/listing_budget")
            return None
        self.listing_pages[outlet.slug] = used + 1
        self.listings_requested.add(url)
        return scrapy.Request(
            url,
            callback=self.parse_listing,
            errback=self.on_error,
            priority=5,
            meta={"outlet": outlet.slug, "via": "start page" if depth == 0 else "listing",
                  "depth": depth, "handle_httpstatus_list": [304], CONDITIONAL: "finished-run"},
        )

    def _known_listings(self, outlet: Outlet, via: str, depth: int) -> Iterator[scrapy.Request]:
        """After a 304: the listings earlier runs reached from this outlet's listings, asked again.

        A listing that did not change links to what it linked to before, but the sub-listings
        or child sitemaps behind those links may have changed; they are asked for
        conditionally, so the unchanged ones cost a 304 each.
        """
        if (outlet.slug, via) in self.listings_expanded:  # the list is the outlet's: once is enough
            return
        self.listings_expanded.add((outlet.slug, via))
        for url in incremental_middleware(self.crawler).listing_pages(outlet.slug, via):
            if via in ("sitemap", "feed"):
                if self._first_request_for(url):
                    yield self._listing_request(url, outlet, via, depth)
            else:
                request = self._section_request(url, outlet, depth)
                if request is not None:
                    yield request

    def parse_listing(self, response: Response) -> Iterator[Any]:
        """Record a section/archive page; follow its article links, sub-listings and next pages."""
        yield from self._robots_sitemap_requests()
        outlet = self.outlets[response.meta["outlet"]]
        depth = response.meta.get("depth", 0)
        page = self._page(response)
        if self._not_modified(response, page, "listing page"):
            page.poll = ChannelPoll("section", page.url, page.fetched_at, outlet.slug)
            # Its article links were followed by the run that saw it last; so were its next
            # pages (newest first: an unchanged first page has unchanged later ones).
            yield page
            if depth < self.listing_depth:
                yield from self._known_listings(outlet, "listing", depth + 1)
            if self._reads_announced_feeds(outlet, response, depth):
                yield from self._known_listings(outlet, "feed", 0)  # what it announced before
            return
        if not isinstance(response, TextResponse):
            page.decide(ERROR, "listing page is not HTML")
            yield page
            return
        stats = self.crawler.stats
        articles = 0
        over_budget = stats.get_value("newscrawl/skipped/listing_budget", 0)
        follow: list[scrapy.Request] = []
        listed: list[DiscoveredLink] = []
        next_pages = set(pagination_links(response.text, response.url, self.max_listing_links))
        # The first links only: reading a link farm's 50,000 would hold the crawl for half a minute.
        anchors = response.xpath(f"(//a[@href])[position() <= {self.max_listing_links}]")
        unread = int(float(response.xpath("count(//a[@href])").get())) - len(anchors)
        if unread > 0:
            stats.inc_value("newscrawl/skipped/listing_cap", unread)
        for anchor in anchors:
            url = clean_url(urljoin(response.url, anchor.attrib["href"].strip()))
            if url in next_pages:
                continue
            trap = is_crawl_trap(url)
            if trap:
                stats.inc_value("newscrawl/skipped/trap")
                continue
            kind = classify_link(url, outlet, anchor_text=" ".join(anchor.css("::text").getall()))
            if kind == "article":
                articles += 1
                link = DiscoveredLink(url)
                listed.append(link)
                follow.extend(self._follow(link, outlet, f"listing {response.url}", cleaned=True))
            elif kind == "listing" and depth < self.listing_depth:
                request = self._section_request(url, outlet, depth + 1)
                if request is not None:
                    follow.append(request)
        # A page that lists no article its previous page did not (an empty day of an endless
        # archive, page N+1 of a listing that repeats itself) ends the walk of its next pages.
        here = frozenset(link.url for link in listed)
        if not here - response.meta.get("listed_before", frozenset()):
            stats.inc_value("newscrawl/skipped/next_page_nothing_new", len(next_pages))
            next_pages.clear()
        for url in sorted(next_pages):
            if outlet.owns_url(url) and not is_crawl_trap(url):
                request = self._section_request(url, outlet, depth)  # a next page: same depth
                if request is not None:
                    request.meta["listed_before"] = here
                    follow.append(request)
        if self._reads_announced_feeds(outlet, response, depth):
            follow.extend(self._announced_feed_requests(outlet, response))
        page.decide(NOT_ARTICLE, f"listing page with {articles} article links")
        page.poll = self._poll("section", page, outlet, listed)
        if stats.get_value("newscrawl/skipped/listing_budget", 0) > over_budget or unread > 0:
            # Some of its listings or links were left: no 304 may hide them next run.
            page.headers.pop("etag", None)
            page.headers.pop("last-modified", None)
        yield page
        yield from follow

    def _reads_announced_feeds(self, outlet: Outlet, response: Response, depth: int) -> bool:
        """True when this listing page's announced feeds are the outlet's: the outlet lists no
        feeds and the page is a start page or its homepage."""
        if not self.feeds_from_pages or outlet.feeds:
            return False
        return depth == 0 or clean_url(response.url) == clean_url(outlet.homepage)

    def _announced_feed_requests(self, outlet: Outlet, response: TextResponse) -> Iterator[scrapy.Request]:
        """Requests for the feeds the page announces on the outlet's domains, walked as
        configured feeds are; at most :data:`MAX_ANNOUNCED_FEEDS` per outlet and run."""
        stats = self.crawler.stats
        for url in announced_feeds(response.text, response.url):
            if not outlet.owns_url(url):
                stats.inc_value("newscrawl/skipped/announced_feed_offsite")
                continue
            if url in self.listings_requested:  # announced by another page too
                continue
            if not self._taken(self.announced_feeds_given, outlet.slug, MAX_ANNOUNCED_FEEDS,
                               "announced_feed_cap", "announced_feeds"):
                continue
            if self._first_request_for(url):
                yield self._listing_request(url, outlet, "feed", depth=0)

    def _not_modified(self, response: Response, page: FetchedPage, what: str) -> bool:
        """True (and the page decided) when the server answered 304 Not Modified."""
        if response.status != 304:
            return False
        for header, name in (("etag", "If-None-Match"), ("last-modified", "If-Modified-Since")):
            sent = response.request.headers.get(name) if response.request else None
            if header not in page.headers and sent:
                page.headers[header] = sent.decode("latin-1")
        page.decide(NOT_ARTICLE, f"{what} not modified (304)")
        return True

    # -- listings -------------------------------------------------------------------------------

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """Record the feed and follow its entries (the newest ``NEWSCRAWL_FEED_MAX_LINKS``)."""
        yield from self._robots_sitemap_requests()
        outlet = self.outlets[response.meta["outlet"]]
        page = self._page(response)
        if self._not_modified(response, page, "feed"):
            page.poll = ChannelPoll("feed", page.url, page.fetched_at, outlet.slug)
            yield page
            return
        try:
            links = parse_feed(response.body, response.url, page.headers.get("content-type"))
        except Exception as exc:
            page.decide(ERROR, f"unreadable feed: {self._discovery_problem(exc, response)}")
            yield page
            return
        page.decide(NOT_ARTICLE, f"feed with {len(links)} entries")
        links = cleaned_links(links)
        page.poll = self._poll("feed", page, outlet, links)
        taken = self._newest(links, self.max_feed_links, "newscrawl/skipped/feed_cap")
        listing = self._listing_and_links(page, taken, outlet, f"feed {response.url}", len(links))
        del page  # the generator holds it only until it is yielded (see _listing_and_links)
        yield from listing

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """Record the sitemap; follow child sitemaps of an index, or the article links."""
        yield from self._robots_sitemap_requests()
        outlet = self.outlets[response.meta["outlet"]]
        depth = response.meta.get("depth", 0)
        page = self._page(response)
        if self._not_modified(response, page, "sitemap"):
            page.poll = ChannelPoll("sitemap", page.url, page.fetched_at, outlet.slug)
            yield page
            if depth < self.max_sitemap_depth:  # an index, maybe: its children may have changed
                yield from self._known_listings(outlet, "sitemap", depth + 1)
            return
        try:
            sitemap = parse_sitemap(response.body, response.url)
        except Exception as exc:
            page.decide(ERROR, f"unreadable sitemap: {self._discovery_problem(exc, response)}")
            yield page
            return
        page.decide(NOT_ARTICLE, f"sitemap {sitemap.kind} with {len(sitemap.links)} entries")
        if sitemap.kind == "index":
            # Asked conditionally too: on a 304, the child sitemaps earlier runs read are asked
            # for again (they change without the index changing). Its validators are kept only
            # when every child was followed.
            if depth >= self.max_sitemap_depth:
                page.headers.pop("etag", None)
                page.headers.pop("last-modified", None)
                yield page
                self.logger.warning("sitemap index %s is nested too deep; not followed", response.url)
                return
            children = []
            listed = self._newest(sitemap.links, self.max_sitemap_children,
                                  "newscrawl/skipped/sitemap_index_cap")
            if len(listed) < len(sitemap.links):  # some left out: read it whole next time
                page.headers.pop("etag", None)
                page.headers.pop("last-modified", None)
            for link in listed:
                if not outlet.owns_url(link.url) or self._too_old(link):
                    page.headers.pop("etag", None)
                    page.headers.pop("last-modified", None)
                elif self._first_request_for(link.url):
                    children.append(self._listing_request(link.url, outlet, "sitemap", depth + 1))
            yield page
            yield from children
            return
        page.poll = self._poll("sitemap", page, outlet, cleaned_links(sitemap.links))
        links = sorted(sitemap.links, key=self._link_date, reverse=True)
        taken = self._newest(links, self.max_sitemap_links, "newscrawl/skipped/sitemap_cap")
        listing = self._listing_and_links(page, taken, outlet, f"sitemap {response.url}", len(links))
        del page, sitemap  # the generator holds the page only until it is yielded
        yield from listing

    def _discovery_problem(self, exc: Exception, response: Response) -> str:
        """The reason a feed or sitemap could not be read; a bug in reading it is logged too."""
        if isinstance(exc, DiscoveryError):
            return str(exc)
        self.logger.error("reading %s failed", response.url, exc_info=exc)
        return f"internal error ({exception_reason(exc)})"

    def _newest(self, links: list[DiscoveredLink], cap: int, stat: str) -> list[DiscoveredLink]:
        """At most ``cap`` links, the newest (undated ones first); the rest counted in ``stat``."""
        if len(links) <= cap:
            return links
        self.crawler.stats.inc_value(stat, len(links) - cap)
        return sorted(links, key=self._link_date, reverse=True)[:cap]

    def _listing_and_links(
        self, page: FetchedPage, links: list[DiscoveredLink], outlet: Outlet, via: str, total: int
    ) -> Iterator[Any]:
        """The listing's page row, then its links' requests (``links`` cleaned by
        :func:`cleaned_links`), each made as Scrapy takes it (a
        sitemap of 50,000 links never holds 50,000 requests in memory at once); the page is
        not held after it is yielded (the caller lets go of it too).

        When some entries were left out (``--since``, the sitemap link cap), the listing's
        ETag and Last-Modified are not kept, so a later run without those limits reads it
        in full instead of getting 304 Not Modified.
        """
        if len(links) < total or any(self._left_out_as_old(link, outlet) for link in links):
            page.headers.pop("etag", None)
            page.headers.pop("last-modified", None)
        yield page
        # Once the page row is on its way, its poll (every link listed, again) is the store's
        # to write and drop: not kept while the links' requests are made.
        del page
        for link in links:
            yield from self._follow(link, outlet, via, cleaned=True)

    def _left_out_as_old(self, link: DiscoveredLink, outlet: Outlet) -> bool:
        """True when :meth:`_follow` leaves the link out for ``--since`` alone."""
        if self.since is None:
            return False
        url = link.url  # cleaned (cleaned_links)
        return outlet.owns_url(url) and outlet.matches_article_pattern(url) and self._too_old(link)

    def _poll(
        self, channel: str, page: FetchedPage, outlet: Outlet, links: list[DiscoveredLink]
    ) -> ChannelPoll:
        """What a read of a channel listed: the outlet's article links in their order and the
        span of their dates (the evidence of ``newscrawl coverage``)."""
        return channel_poll(channel, page.url, page.fetched_at, outlet, links, self._link_date, cleaned=True)

    # -- articles ---------------------------------------------------------------------------------

    def _link_date(self, link: DiscoveredLink) -> datetime:
        for kind in ("published", "modified"):
            for hint in link.date_hints:
                if hint.kind == kind:
                    parsed = parse_date(hint.value)
                    if parsed is not None:
                        return parsed
        return datetime.max.replace(tzinfo=UTC)  # undated links first

    def _too_old(self, link: DiscoveredLink) -> bool:
        """True when ``--since`` is set and the link's date (published, else modified) is older."""
        if self.since is None:
            return False
        when = self._link_date(link)
        return when.year != datetime.max.year and when < self.since

    def _follow(
        self, link: DiscoveredLink, outlet: Outlet, via: str, cleaned: bool = False
    ) -> Iterator[scrapy.Request]:
        """The link's request, unless it is off the outlet, not an article address or too old.
        ``cleaned``: the link's URL is cleaned already."""
        stats = self.crawler.stats
        url = link.url if cleaned else clean_url(link.url)
        if not outlet.owns_url(url):
            stats.inc_value("newscrawl/skipped/offsite")
            return
        if not outlet.matches_article_pattern(url):
            stats.inc_value("newscrawl/skipped/pattern")
            return
        if self._too_old(link):
            stats.inc_value("newscrawl/skipped/before_since")
            return
        if self.max_url_length and len(url) > self.max_url_length:
            stats.inc_value("newscrawl/skipped/url_too_long")
            return
        request = self._article_request(url, outlet, via, link.date_hints)
        request.meta[SKIP_IF_FETCHED] = True  # counted in newscrawl/skipped/already_fetched
        yield request

    def _article_request(
        self, url: str, outlet: Outlet, via: str, hints: Iterable[DateHint]
    ) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_page,
            errback=self.on_error,
            meta={
                "outlet": outlet.slug,
                "via": via,
                "date_hints": list(hints),
                "dont_redirect": True,
                "handle_httpstatus_list": [*REDIRECT_STATUSES, 304],
            },
        )

    def parse_page(self, response: Response) -> Iterator[Any]:
        """Hand an article candidate to the pipelines; record and follow redirects."""
        if self.robots_sitemaps:
            yield from self._robots_sitemap_requests()
        page = self._page(response)
        if response.status in REDIRECT_STATUSES:
            yield from self._redirect(response, page)
            return
        if self._not_modified(response, page, "article"):
            page.verdict = ARTICLE
            page.article_id = response.meta.get("refetch_of")
            page.revisit = "unchanged"
        elif 200 <= response.status < 300:
            request = self._story_page_request(response, page)
            if request is not None:  # page 1 waits for its later pages (parse_story_page)
                yield request
                return
            later_page_alone(page)  # a later page reached by itself (a sitemap lists every page)
        yield page

    # -- stories split over pages ---------------------------------------------------------------

    def _story_page_request(self, response: Response, first: FetchedPage) -> scrapy.Request | None:
        """The request for the next page of the story whose first page is ``first`` and whose
        last page fetched is ``response`` (:mod:`newscrawl.discover.storypages`), or None when
        there is none: no next page, one seen already (a loop), or the story has
        ``NEWSCRAWL_STORY_MAX_PAGES`` pages already (said on the first page's row).

        Politeness is the crawl's own: the request goes through the scheduler, robots.txt and
        the download delay like any other (on a distributed crawl's worker it stays in the
        worker's own queue, and the cluster's site lease paces it: docs/distributed.md). It is
        not filtered as a duplicate (the page may have been asked for from a sitemap too:
        without it, the first page would wait forever)."""
        if not isinstance(response, TextResponse) or not 200 <= response.status < 300:
            return None
        fetched = 1 + len(first.story_pages)
        if self.story_max_pages <= 1:
            return None
        first_url = first.final_url or first.url
        # most first pages: a few byte searches, no parsing
        target = next_page(response.body, response.url, None if fetched == 1 else first_url)
        if target is None:
            return None
        seen = {first_url, *(p.final_url or p.url for p in first.story_pages)}
        if target in seen or story_page(target)[1] != fetched + 1:  # a loop (a page redirected back)
            return None
        if fetched >= self.story_max_pages:
            if fetched > 1:
                first.story = capped_note(fetched)
            return None
        return scrapy.Request(
            target,
            callback=self.parse_story_page,
            errback=self.on_story_page_error,
            dont_filter=True,
            priority=20,  # the first page waits for it
            meta={"outlet": first.outlet, "via": f"page {fetched + 1} of {first.url}",
                  "date_hints": first.date_hints, STORY: first},
        )

    def parse_story_page(self, response: Response) -> Iterator[Any]:
        """A later page of a story: recorded as a page of its own (not an article: its text is
        joined to the first page's), then the next page asked for, or the first page handed to
        the pipelines with all of its pages."""
        first = response.meta[STORY]
        page = self._page(response)
        number = len(first.story_pages) + 2
        page.decide(NOT_ARTICLE, later_page_reason(number, first.url))
        first.story_pages.append(page)
        self.crawler.stats.inc_value("newscrawl/story_pages")
        yield page
        request = self._story_page_request(response, first)
        if request is not None:
            yield request
            return
        first.story = first.story or joined_note(number)
        yield first

    def on_story_page_error(self, failure: Failure) -> Iterator[Any]:
        """A later page of a story that failed (404, timeout, robots.txt): recorded as any
        failure; the first page goes on with the pages it has, and its row says so."""
        yield from self.on_error(failure)
        first = failure.request.meta[STORY]
        number = len(first.story_pages) + 2
        _, _, reason = _failure_reason(failure)
        first.story = missing_page_note(number, reason)
        yield first

    def _redirect(self, response: Response, page: FetchedPage) -> Iterator[Any]:
        outlet = self.outlets[page.outlet]
        location = response.headers.get("Location")
        if not location:
            page.decide(ERROR, f"http {response.status} without Location")
            yield page
            return
        target = clean_url(urljoin(response.url, location.decode("latin-1")))
        page.final_url = target
        if not outlet.owns_url(target):
            page.decide(REDIRECT, f"{response.status} to {target} (off-site, not followed)")
            yield page
            return
        hops = response.meta.get("redirect_hops", 0) + 1
        if hops > self.max_redirects:
            page.decide(ERROR, f"too many redirects (more than REDIRECT_MAX_TIMES = {self.max_redirects})")
            yield page
            return
        page.decide(REDIRECT, f"{response.status} to {target}")
        yield page
        request = self._article_request(target, outlet, f"redirect from {response.url}", page.date_hints)
        request.meta[SKIP_IF_FETCHED] = "quietly"
        request.meta["redirect_hops"] = hops
        yield request

    def on_error(self, failure: Failure) -> Iterator[Any]:
        """Record a failed or refused request; the crawl goes on."""
        yield from self._robots_sitemap_requests()
        request = failure.request
        status, verdict, reason = _failure_reason(failure)
        via = request.meta.get("via", "")
        if via in ("feed", "sitemap") and verdict == ERROR:
            reason = f"{via}: {reason}"
        headers: dict[str, str] = {}
        body = b""
        if failure.check(HttpError):
            headers = _headers(failure.value.response)
            body = failure.value.response.body
        # A request that failed after redirects (refused as out of scope, or past the redirect
        # limit): the row is the URL asked for; final_url is where it led.
        asked = (request.meta.get("redirect_urls") or [request.url])[0]
        page = FetchedPage(
            url=asked,
            final_url=request.url if asked != request.url else None,
            outlet=request.meta["outlet"],
            discovered_via=via,
            fetched_at=datetime.now(UTC),
            status=status,
            headers=headers,
            body=body,
            date_hints=list(request.meta.get("date_hints", [])),
        )
        page.decide(verdict, reason)
        self.crawler.stats.inc_value(f"newscrawl/failed/{verdict}")
        yield page

    def _page(self, response: Response) -> FetchedPage:
        meta = response.meta
        return FetchedPage(
            url=response.request.url if response.request else response.url,
            final_url=response.url,
            response_url=response.url,
            outlet=meta["outlet"],
            discovered_via=meta.get("via", ""),
            fetched_at=datetime.now(UTC),
            status=response.status,
            headers=_headers(response),
            body=response.body,
            date_hints=list(meta.get("date_hints", [])),
        )
