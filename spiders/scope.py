"""Every request in scope: a downloader middleware that holds each request to its outlet.

:class:`ScopeMiddleware` sees every request the downloader is asked for: the spiders' own
(feeds, sitemaps, start pages, articles), the redirects Scrapy's ``RedirectMiddleware`` and
``MetaRefreshMiddleware`` make of them (a redirect is a new request that passes through the
downloader middlewares again) and robots.txt requests with their redirects. It sits before
Scrapy's robots.txt middleware, so a request out of scope never even asks for a robots.txt.

The rule (:mod:`newscrawl.discover.scope`): a request of an outlet (``meta["outlet"]``, or
for robots.txt the outlet owning its host) must be on that outlet's domains, and must not go
to a loopback, private, link-local, multicast or other non-public address unless the
outlet's configured domain is that very address. A request the spider makes for no outlet
(the GDELT API) is held to its own host: its redirects may not leave it.

Host names are resolved before the request is sent, in a thread (the reactor never
waits), once per host and crawl; every address they resolve to must be public. Checking
first and refusing before anything is sent is the point: a check of the connected peer
afterwards (``response.ip_address``) would come after the request went out, and a GET to
a cloud metadata address is the harm. The peer is checked afterwards too, as a second line
against a name that answers differently the second time (DNS rebinding): such an answer is
refused, not archived, not followed. The address that was checked is also handed to
Scrapy's DNS cache, so the connection normally goes to it.

A refused request fails with :class:`OutOfScope`; the spider's errback records it as a page
with verdict ``out-of-scope`` and the reason. A robots.txt request has no errback of the
spider, so its refusal is handed to the spider's ``on_error`` through a request scheduled
only to be refused (``meta["scope_refused"]``).
"""

from __future__ import annotations

import asyncio
import logging
import socket
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.resolver import dnscache
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet import defer
from twisted.internet.threads import deferToThread

from newscrawl.config import Outlet, outlet_for_url
from newscrawl.discover.scope import (
    Address,
    addresses_problem,
    configured_addresses,
    in_scope,
    ip_literal,
    non_public,
    url_problem,
)

logger = logging.getLogger(__name__)

REFUSED_META = "scope_refused"
REFUSED_STAT = "newscrawl/refused/out_of_scope"
_DEFAULT_RESOLVER = "scrapy.resolver.CachingThreadedResolver"
# The checks' answers kept per outlet and origin (scheme and host:port) or answering address:
# a few entries per host, emptied when this many are kept (no entry per URL).
CHECKS_KEPT = 4096


class OutOfScope(IgnoreRequest):
    """A request refused because it leaves its outlet's domains or goes to a non-public address."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _getaddrinfo(host: str) -> list[str]:
    return sorted({info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)})


class ScopeMiddleware:
    """Refuses requests that leave their outlet's domains or reach non-public addresses."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self._addresses: dict[str, list[Address]] = {}  # host -> what it resolved to
        # (slug, scheme, netloc) -> (outlet, url_problem's answer, host, host is a name)
        self._origins: dict[tuple[str, str, str], tuple[Outlet, str | None, str, bool]] = {}
        # (slug, peer) -> (outlet, the peer's kind when the outlet may not use it, else None)
        self._peers: dict[tuple[str, Any], tuple[Outlet, str | None]] = {}
        self._pin = (crawler.settings.get("TWISTED_DNS_RESOLVER") == _DEFAULT_RESOLVER
                     and crawler.settings.getbool("DNSCACHE_ENABLED"))
        # A name server that never answers holds a request no longer than Scrapy's own lookups.
        self.dns_timeout = crawler.settings.getfloat("DNS_TIMEOUT")

    @classmethod
    def from_crawler(cls, crawler: Any) -> ScopeMiddleware:
        return cls(crawler)

    # -- which outlet ---------------------------------------------------------------------------

    def outlet_of(self, request: Request) -> Outlet | None:
        """The outlet ``request`` is made for: its ``outlet`` meta, else the owner of its first URL."""
        outlets = getattr(self.crawler.spider, "outlets", None) or {}
        slug = request.meta.get("outlet")
        if slug in outlets:
            return outlets[slug]
        first = _first_url(request)
        owner = outlet_for_url(outlets, first)
        if owner is None:  # the robots.txt of a feed service's host, say
            owner = next((o for o in outlets.values() if in_scope(o, first)), None)
        return owner

    # -- the checks ----------------------------------------------------------------------------

    async def process_request(self, request: Request, spider: Any = None) -> None:
        if request.meta.get(REFUSED_META):
            raise OutOfScope(request.meta[REFUSED_META])
        outlet = self.outlet_of(request)
        if outlet is None:
            problem = _own_host_problem(request)
        else:
            problem, host, named = self._origin_check(outlet, request)
            if problem is None and named:
                addresses = await self.resolve(host)
                if addresses:  # a failed lookup is Scrapy's to report ("dns lookup failed")
                    problem = addresses_problem(outlet, host, addresses)
                    if problem is None:
                        self._pin_address(host, addresses)
        if problem is not None:
            self.refuse(request, outlet, problem)

    def process_response(self, request: Request, response: Response, spider: Any = None) -> Response:
        """Refuse an answer that came from a non-public address after all (DNS rebinding)."""
        peer = getattr(response, "ip_address", None)
        if peer is None or request.meta.get("proxy"):
            return response
        outlet = self.outlet_of(request)
        if outlet is None:
            return response
        kind = self._peer_check(outlet, peer)
        if kind:
            host = urlparse_cached(request).hostname
            self.refuse(request, outlet, f"{host} answered from {peer}, a {kind} address")
        return response

    def _origin_check(self, outlet: Outlet, request: Request) -> tuple[str | None, str, bool]:
        """(:func:`url_problem`'s answer, the host, whether the host is a name to resolve) for
        the request's URL. Both depend on the outlet and the URL's scheme and host:port alone,
        so they are worked out once per origin (parsing the URL and the IP literal, about 25 µs
        a request)."""
        parts = urlparse_cached(request)
        key = (outlet.slug, parts.scheme, parts.netloc)
        kept = self._origins.get(key)
        if kept is not None and kept[0] is outlet:
            return kept[1:]
        host = parts.hostname or ""
        answer = (url_problem(outlet, request.url), host, ip_literal(host) is None)
        if len(self._origins) >= CHECKS_KEPT:
            self._origins.clear()
        self._origins[key] = (outlet, *answer)
        return answer

    def _peer_check(self, outlet: Outlet, peer: Any) -> str | None:
        """The kind of non-public address ``peer`` is when ``outlet`` may not use it, else None;
        once per outlet and address."""
        key = (outlet.slug, peer)
        kept = self._peers.get(key)
        if kept is not None and kept[0] is outlet:
            return kept[1]
        kind = non_public(peer)
        if kind and peer in configured_addresses(outlet):
            kind = None
        if len(self._peers) >= CHECKS_KEPT:
            self._peers.clear()
        self._peers[key] = (outlet, kind)
        return kind

    async def resolve(self, host: str) -> list[Address]:
        """Every address ``host`` resolves to (empty when the lookup fails), looked up once."""
        if host not in self._addresses:
            try:
                try:
                    loop = asyncio.get_running_loop()
                except RuntimeError:  # a reactor without asyncio
                    from twisted.internet import reactor

                    lookup = deferToThread(_getaddrinfo, host)
                    lookup.addTimeout(self.dns_timeout, reactor)
                    found = await maybe_deferred_to_future(lookup)
                else:
                    found = await asyncio.wait_for(
                        loop.run_in_executor(None, _getaddrinfo, host), self.dns_timeout)
            except (OSError, TimeoutError, defer.TimeoutError):
                found = []  # no answer: Scrapy's own lookup reports it
            self._addresses[host] = [a for a in map(ip_literal, found) if a is not None]
        return self._addresses[host]

    def _pin_address(self, host: str, addresses: list[Address]) -> None:
        """Have Scrapy's resolver connect to an address that was checked."""
        ipv4 = [a for a in addresses if a.version == 4]
        if self._pin and ipv4 and dnscache.limit:
            dnscache[host] = str(ipv4[0])

    # -- refusing ------------------------------------------------------------------------------

    def refuse(self, request: Request, outlet: Outlet | None, problem: str) -> None:
        """Count and log the refusal, then raise :class:`OutOfScope` for the request's errback."""
        redirects = request.meta.get("redirect_urls") or []
        if redirects:
            reason = f"redirected to {request.url}, out of scope: {problem}; not followed"
        else:
            reason = f"out of scope: {problem}"
        self.crawler.stats.inc_value(REFUSED_STAT)
        logger.warning("Refused %s: %s", request.url, reason)
        if request.callback is NO_CALLBACK and request.errback is None and outlet is not None:
            self._record_elsewhere(request, outlet, reason)
        raise OutOfScope(reason)

    def _record_elsewhere(self, request: Request, outlet: Outlet, reason: str) -> None:
        """A request of no spider callback (robots.txt): have the spider record the refusal."""
        errback = getattr(self.crawler.spider, "on_error", None)
        try:
            engine = self.crawler.engine
        except RuntimeError:  # no crawl running
            return
        if errback is None or engine is None:
            return
        meta = {
            "outlet": outlet.slug,
            "via": "robots.txt" if _first_url(request).endswith("/robots.txt") else "",
            REFUSED_META: reason,
            "redirect_urls": list(request.meta.get("redirect_urls") or []),
            "dont_obey_robotstxt": True,
        }
        engine.crawl(Request(request.url, callback=NO_CALLBACK, errback=errback,
                             dont_filter=True, priority=1000, meta=meta))


def _first_url(request: Request) -> str:
    return (request.meta.get("redirect_urls") or [request.url])[0]


def _own_host_problem(request: Request) -> str | None:
    """A request made for no outlet may not be redirected off its own host and port."""
    first = urlparse_cached(Request(_first_url(request)))
    here = urlparse_cached(request)
    if (first.hostname, first.port) == (here.hostname, here.port):
        return None
    return f"{here.netloc} is not {first.netloc}, where the request was made"

