"""``newscrawl sources check``: do the outlets' feeds, sitemaps and start pages answer and parse?

A diagnostic, not a crawl: each configured URL is fetched once with urllib (a few at a time in
threads), following redirects and obeying robots.txt, and read with the same parsers the
crawl uses (:func:`newscrawl.discover.feeds.parse_feed`, :func:`~newscrawl.discover.feeds.parse_sitemap`).
Sitemap indexes are not followed. For an outlet that lists no sitemaps (or no feeds), the
sitemaps its homepage site's robots.txt names (and the feeds its start pages announce) are
checked too, as the crawl would find them (``CheckResult.found_via``).
Like the crawl, every request (robots.txt and redirects
included) is held to the outlet's domains and to public addresses
(:mod:`newscrawl.discover.scope`): a URL off the outlet's domains or on a non-public IP is
refused before it is sent, and the connected peer is checked before the request goes out, so
a host name resolving to a private address is refused too. Web failures never raise: each
becomes a failed :class:`CheckResult` whose ``detail`` says what went wrong. No Scrapy here.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import re
import socket
import ssl
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree
import lxml.html
from protego import Protego

from newscrawl.config import Outlet
from newscrawl.discover.feeds import (
    MAX_ANNOUNCED_FEEDS,
    DiscoveredLink,
    DiscoveryError,
    announced_feeds,
    maybe_gunzip,
    parse_feed,
    parse_sitemap,
    robots_sitemaps,
    robots_txt_url,
)
from newscrawl.discover.scope import Address, configured_addresses, non_public, url_problem
from newscrawl.settings import default

__all__ = ["KINDS", "CheckResult", "check_outlets", "check_url", "describe_error"]

KINDS = ("feed", "sitemap", "start page")
_CHUNK = 64 * 1024


@dataclass(frozen=True)
class CheckResult:
    """How one feed, sitemap or start page of an outlet answered."""

    outlet: str
    kind: str  # "feed" | "sitemap" | "start page"
    url: str
    ok: bool
    status: int | None  # final HTTP status; None when no response came
    detail: str  # e.g. "RSS feed, 12 entries, newest 2026-01-27", "http 404", "timeout after 15s"
    seconds: float
    # Where the check found a URL the outlet does not list: "robots.txt" (a Sitemap: line) or
    # "announced by URL" (a page's <link rel="alternate">); None for a configured URL.
    found_via: str | None = None


class _Failure(Exception):
    """A check that failed: ``detail`` is the reason, ``status`` the HTTP status if any;
    ``network``: no (complete) answer came, what RFC 9309 calls a network error."""

    def __init__(self, detail: str, status: int | None = None, *, network: bool = False) -> None:
        super().__init__(detail)
        self.detail = detail
        self.status = status
        self.network = network


@dataclass
class _Response:
    url: str  # final URL after redirects
    status: int
    content_type: str | None
    body: bytes


def _mb(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def _seconds(value: float) -> str:
    return f"{value:g}s"


def describe_error(exc: BaseException, timeout: float) -> str:
    """A one-line reason for a network exception (urllib wraps most in ``URLError``)."""
    reason: object = exc
    if isinstance(exc, urllib.error.URLError) and not isinstance(exc, urllib.error.HTTPError):
        reason = exc.reason
    if isinstance(reason, TimeoutError):
        return f"timeout after {_seconds(timeout)}"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(reason, socket.gaierror):
        return f"DNS lookup failed: {reason.strerror or reason}"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"TLS certificate error: {reason.verify_message or reason}"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {reason.reason or reason}"
    if isinstance(reason, http.client.HTTPException):
        return f"bad HTTP response: {type(reason).__name__} {reason}".rstrip()
    if isinstance(reason, OSError):
        return f"network error: {reason.strerror or reason}"
    return f"{type(reason).__name__}: {reason}"


def is_network_error(exc: BaseException) -> bool:
    """Whether ``exc`` means no (complete) answer came: a timeout, a refused or reset connection,
    a failed DNS lookup, a broken HTTP response, another socket error; not a TLS failure."""
    if isinstance(exc, urllib.error.HTTPError):  # an answer, with its status
        return False
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, ssl.SSLError):
        return False
    return isinstance(reason, (OSError, http.client.HTTPException))


# -- robots.txt -------------------------------------------------------------------------------


# What a robots.txt unreachable or answered 5xx reads as.
DISALLOW_ALL = "User-agent: *\nDisallow: /\n"
CRAWL_KEEPS_OFF = "a crawl keeps off the site for its run (RFC 9309)"


class _Robots:
    """robots.txt per origin, fetched once and cached (thread-safe)."""

    def __init__(self, user_agent: str, timeout: float, max_bytes: int) -> None:
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self._parsers: dict[str, Protego | None] = {}
        # origin -> why its robots.txt reads as a disallow of everything (a 5xx, no answer)
        self.unreadable: dict[str, str] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def allowed(self, url: str, outlet: Outlet) -> bool:
        """Whether the user agent may fetch ``url``: a robots.txt that is missing or refused
        (4xx) allows all; one answered with a server error or not answered disallows all, as
        in the crawl (RFC 9309; ``RobotsTxtUnreachableMiddleware``)."""
        if urlsplit(url).path == "/robots.txt":
            return True
        parser = self.parser(url, outlet)
        return parser is None or parser.can_fetch(url, self.user_agent)

    def parser(self, url: str, outlet: Outlet) -> Protego | None:
        """The robots.txt of ``url``'s origin, read once; None when it cannot be read."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            if origin not in self._parsers:
                self._parsers[origin] = self._load(origin, outlet)
        return self._parsers[origin]

    def blocked_reason(self, url: str) -> str:
        """Why ``url``, which :meth:`allowed` refused, is not fetched."""
        parts = urlsplit(url)
        unreadable = self.unreadable.get(f"{parts.scheme}://{parts.netloc}".lower())
        return f"blocked: {unreadable}, {CRAWL_KEEPS_OFF}" if unreadable else "blocked by robots.txt"

    def _load(self, origin: str, outlet: Outlet) -> Protego | None:
        # As the crawl reads it: a robots.txt that is missing, refused or broken restricts
        # nothing; one answered 5xx or not answered (a network error) disallows everything.
        try:
            response = _fetch(origin + "/robots.txt", outlet, user_agent=self.user_agent,
                              timeout=self.timeout, max_bytes=self.max_bytes, robots=None)
            if response.status != 200:
                return None
            return Protego.parse(maybe_gunzip(response.body).decode("utf-8", "replace"))
        except _Failure as exc:
            if exc.status is not None and exc.status >= 500:
                self.unreadable[origin] = f"robots.txt answered {exc.status}"
            elif exc.network:
                self.unreadable[origin] = f"robots.txt unreachable ({exc.detail})"
            else:
                return None
            return Protego.parse(DISALLOW_ALL)
        except Exception:  # noqa: BLE001 - a broken robots.txt must not fail the check
            return None


class _Blocked(Exception):
    """A redirect target that robots.txt disallows."""

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.url = url


class _OutOfScope(OSError):
    """A redirect target or a connected peer out of the outlet's scope."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class _ScopedRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects only within the outlet's scope and to URLs robots.txt allows."""

    def __init__(self, outlet: Outlet, robots: _Robots | None) -> None:
        self.outlet = outlet
        self.robots = robots

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        problem = url_problem(self.outlet, newurl)
        if problem is not None:
            raise _OutOfScope(f"redirects to {newurl}, out of scope: {problem}; not followed")
        if self.robots is not None and not self.robots.allowed(newurl, self.outlet):
            raise _Blocked(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_peer(connection: http.client.HTTPConnection, allowed: set[Address]) -> None:
    """Refuse a connection whose peer is a non-public address the outlet does not name."""
    if connection.sock is None:
        return
    peer = ipaddress.ip_address(connection.sock.getpeername()[0])
    kind = non_public(peer)
    if kind and peer not in allowed:
        connection.close()
        raise _OutOfScope(f"out of scope: {connection.host} is at {peer}, a {kind} address")


class _GuardedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, allowed: set[Address], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def connect(self) -> None:
        super().connect()  # TCP only: nothing is sent before the peer is checked
        _check_peer(self, self.allowed)


class _GuardedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, allowed: set[Address], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def connect(self) -> None:
        super().connect()  # TCP and TLS: the request itself is not sent before the check
        _check_peer(self, self.allowed)


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, allowed: set[Address]) -> None:
        super().__init__()
        self.allowed = allowed

    def http_open(self, req: Any) -> Any:
        if req.has_proxy():  # the peer is the proxy
            return super().http_open(req)
        return self.do_open(functools.partial(_GuardedHTTPConnection, allowed=self.allowed), req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, allowed: set[Address]) -> None:
        super().__init__()
        self.allowed = allowed

    def https_open(self, req: Any) -> Any:
        if req.has_proxy():
            return super().https_open(req)
        return self.do_open(functools.partial(_GuardedHTTPSConnection, allowed=self.allowed), req,
                            context=self._context)


# -- fetching ---------------------------------------------------------------------------------


def _fetch(url: str, outlet: Outlet, *, user_agent: str, timeout: float, max_bytes: int,
           robots: _Robots | None) -> _Response:
    """GET ``url``; raise :class:`_Failure` for anything but a complete 2xx response."""
    problem = url_problem(outlet, url)
    if problem is not None:
        raise _Failure(f"out of scope: {problem}")
    if robots is not None and not robots.allowed(url, outlet):
        raise _Failure(robots.blocked_reason(url))
    allowed = configured_addresses(outlet)
    opener = urllib.request.build_opener(
        _ScopedRedirects(outlet, robots), _GuardedHTTP(allowed), _GuardedHTTPS(allowed))
    request = urllib.request.Request(url, headers={
        "User-Agent": user_agent,
        "Accept-Encoding": "gzip",
        "Accept": "application/rss+xml, application/atom+xml, application/feed+json, "
                  "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5",
    })
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            final = response.geturl()
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _Failure(f"body too large: {_mb(int(length))} (limit {_mb(max_bytes)})",
                               response.status)
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(_CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise _Failure(f"body too large: over {_mb(max_bytes)}", response.status)
                if time.monotonic() > deadline:
                    raise _Failure(f"timeout after {_seconds(timeout)} (body still arriving)",
                                   response.status)
                chunks.append(chunk)
            return _Response(final, response.status, response.headers.get("Content-Type"),
                             b"".join(chunks))
    except _Failure:
        raise
    except _Blocked as exc:
        raise _Failure(f"redirects to {exc.url}, blocked by robots.txt") from None
    except _OutOfScope as exc:
        raise _Failure(exc.detail) from None
    except urllib.error.HTTPError as exc:
        exc.close()
        moved = f" (redirected to {exc.url})" if exc.url and exc.url != url else ""
        if 300 <= exc.code < 400:
            raise _Failure(f"redirect loop or too many redirects (http {exc.code})", exc.code) from None
        raise _Failure(f"http {exc.code}{moved}", exc.code) from None
    except ValueError as exc:  # a URL urllib cannot use
        raise _Failure(f"bad URL: {exc}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, _OutOfScope):
            raise _Failure(exc.reason.detail) from None
        raise _Failure(describe_error(exc, timeout), network=is_network_error(exc)) from None
    except Exception as exc:  # noqa: BLE001 - every other web failure is a result, not a crash
        raise _Failure(describe_error(exc, timeout), network=is_network_error(exc)) from None


# -- reading ----------------------------------------------------------------------------------


def _newest(links: list[DiscoveredLink], tz: str) -> str:
    """``", newest YYYY-MM-DD"`` from the links' date hints, or ``""``."""
    from newscrawl.extract.dates import parse_date

    newest: datetime | None = None
    for link in links:
        for hint in link.date_hints:
            when = parse_date(hint.value, tz)
            if when is not None and (newest is None or when > newest):
                newest = when
    return f", newest {newest.date().isoformat()}" if newest else ""


def _feed_kind(body: bytes, content_type: str | None) -> str:
    if (content_type and "json" in content_type.lower()) or body.lstrip()[:1] == b"{":
        return "JSON Feed"
    head = body[:2048].lower()
    if re.search(rb"<(?:\w+:)?feed[\s>]", head):
        return "Atom feed"
    if re.search(rb"<(?:rss|rdf:rdf)[\s>]", head):
        return "RSS feed"
    return "RSS/Atom feed"


def _read_feed(response: _Response, outlet: Outlet) -> tuple[bool, str]:
    body = maybe_gunzip(response.body)
    kind = _feed_kind(body, response.content_type)
    try:
        links = parse_feed(body, response.url, response.content_type)
    except DiscoveryError:
        # parse_feed rejects a well-formed feed without entries with feedparser's bozo reason.
        if kind != "JSON Feed" and feedparser.parse(body).get("version"):
            return False, f"{kind} with no entries"
        raise
    if not links:
        return False, f"{kind} with no entries"
    return True, f"{kind}, {_count(len(links), 'entry', 'entries')}{_newest(links, outlet.timezone)}"


def _xml_problem(body: bytes) -> str | None:
    """The first XML error the strict parser finds (the sitemap parser recovers from it)."""
    if not body.lstrip().startswith(b"<"):
        return None
    try:
        lxml.etree.fromstring(body, lxml.etree.XMLParser(resolve_entities=False, no_network=True))
    except lxml.etree.XMLSyntaxError as exc:
        return str(exc)
    return None


def _read_sitemap(response: _Response, outlet: Outlet) -> tuple[bool, str]:
    body = maybe_gunzip(response.body)
    sitemap = parse_sitemap(body, response.url)
    problem = _xml_problem(body)
    note = f" (broken XML, read anyway: {problem})" if problem else ""
    if sitemap.kind == "index":
        if not sitemap.links:
            return False, f"sitemap index with no sitemaps{note}"
        return True, f"sitemap index, {_count(len(sitemap.links), 'sitemap')}{note}"
    if not sitemap.links:
        return False, f"urlset with no URLs{note}"
    return True, f"urlset, {_count(len(sitemap.links), 'URL')}{_newest(sitemap.links, outlet.timezone)}{note}"


def _read_page(response: _Response, outlet: Outlet) -> tuple[bool, str]:
    ctype = (response.content_type or "").split(";")[0].strip().lower()
    if ctype and "html" not in ctype:
        return False, f"not HTML: {ctype}"
    body = maybe_gunzip(response.body)
    try:
        doc = lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError) as exc:
        return False, f"not HTML: {exc}"
    base = response.url
    for element in doc.iter("base"):
        if element.get("href"):
            base = urljoin(base, element.get("href").strip())
            break
    links = set()
    for anchor in doc.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:", "tel:")):
            continue
        url = urljoin(base, href).split("#", 1)[0]
        if url.startswith(("http://", "https://")):
            links.add(url)
    if not links:
        return False, "HTML, no links"
    own = sum(1 for url in links if outlet.owns_url(url))
    return True, f"HTML, {_count(len(links), 'link')}, {own} on the outlet's domains"


_READERS = {"feed": _read_feed, "sitemap": _read_sitemap, "start page": _read_page}


def check_url(outlet: Outlet, kind: str, url: str, *, user_agent: str, timeout: float = 15.0,
              max_bytes: int = 10_000_000, robots: _Robots | None = None,
              found_via: str | None = None, pages: dict[str, bytes] | None = None) -> CheckResult:
    """Fetch and read one URL of ``outlet`` as ``kind``; never raises for web failures.
    ``pages``: where a start page's body is kept (for the feeds it announces)."""
    started = time.monotonic()
    status: int | None = None
    try:
        response = _fetch(url, outlet, user_agent=user_agent, timeout=timeout, max_bytes=max_bytes,
                          robots=robots)
        status = response.status
        if pages is not None and kind == "start page":
            pages[url] = maybe_gunzip(response.body)
        ok, detail = _READERS[kind](response, outlet)
        if response.url != url:
            detail += f" (redirected to {response.url})"
    except _Failure as exc:
        ok, detail, status = False, exc.detail, exc.status
    except DiscoveryError as exc:
        ok, detail = False, str(exc)
    except Exception as exc:  # noqa: BLE001 - a diagnostic reports, it does not crash
        ok, detail = False, f"unexpected error: {type(exc).__name__}: {exc}"
    return CheckResult(outlet.slug, kind, url, ok, status, detail, round(time.monotonic() - started, 3),
                       found_via)




def found_channels(outlet: Outlet, pages: Mapping[str, bytes], reader: _Robots) -> list[tuple[str, str, str]]:
    """(kind, URL, found via) of what a crawl would find for an outlet that lists neither sitemaps
    nor feeds (the ``Sitemap:`` lines of its homepage site's robots.txt, read by ``reader``) or no feeds
    (the feeds its start pages announce; ``pages``: their bodies, kept by their checks; a crawl
    also reads the homepage's when it reaches it as a listing). On the outlet's domains only,
    with the crawl's limits."""
    found: list[tuple[str, str, str]] = []
    if not outlet.sitemaps and not outlet.feeds:
        parser = reader.parser(outlet.homepage, outlet)
        named = robots_sitemaps(parser.sitemaps if parser else (), robots_txt_url(outlet.homepage))
        # the crawl's limit (the setting's default: the check reads no crawl settings)
        owned = [url for url in named if outlet.owns_url(url)][: default("NEWSCRAWL_SITEMAP_MAX_CHILDREN")]
        found.extend(("sitemap", url, "robots.txt") for url in owned)
    if not outlet.feeds:
        bodies = {url: pages[url] for url in outlet.start_pages if url in pages}
        feeds: dict[str, str] = {}
        for page, body in bodies.items():
            for url in announced_feeds(body, page):
                if outlet.owns_url(url) and len(feeds) < MAX_ANNOUNCED_FEEDS:
                    feeds.setdefault(url, f"announced by {page}")
        found.extend(("feed", url, via) for url, via in feeds.items())
    return found


def check_outlets(outlets: Mapping[str, Outlet], *, user_agent: str, timeout: float = 15.0,
                  workers: int = 8, obey_robots: bool = True,
                  max_bytes: int = 10_000_000) -> list[CheckResult]:
    """Check every feed, sitemap and start page of ``outlets``, then what a crawl would find on
    the site of an outlet that lists no sitemaps or feeds (:func:`found_channels`).

    Results are sorted by outlet slug, kind (feed, sitemap, start page) and URL.
    """
    jobs: list[tuple[Outlet, str, str]] = []
    for outlet in outlets.values():
        for kind, urls in zip(KINDS, (outlet.feeds, outlet.sitemaps, outlet.start_pages), strict=True):
            jobs.extend((outlet, kind, url) for url in dict.fromkeys(urls))
    reader = _Robots(user_agent, timeout, max_bytes)  # also the one that names sitemaps
    robots = reader if obey_robots else None
    pages: dict[str, bytes] = {}
    fetch = {"user_agent": user_agent, "timeout": timeout, "max_bytes": max_bytes}
    pool = ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="sourcecheck")
    try:
        futures = [pool.submit(check_url, outlet, kind, url, robots=robots, pages=pages, **fetch)
                   for outlet, kind, url in jobs]
        results = [future.result() for future in futures]
        searching = [o for o in outlets.values() if not (o.feeds and o.sitemaps)]
        searched = [pool.submit(found_channels, o, pages, reader) for o in searching]
        futures = [pool.submit(check_url, outlet, kind, url, robots=robots, found_via=via, **fetch)
                   for outlet, search in zip(searching, searched, strict=True)
                   for kind, url, via in search.result()]
        results += [future.result() for future in futures]
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return sorted(results, key=lambda r: (r.outlet, KINDS.index(r.kind), r.url))
