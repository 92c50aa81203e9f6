"""Which addresses a crawl may fetch for an outlet: its own domains, and only public addresses.

Every request of a crawl or of ``newscrawl sources check`` (robots.txt, feeds, sitemaps,
start pages, articles and every redirect between them) is held to the domains of the outlet
it is made for (:meth:`~newscrawl.config.Outlet.owns_url`), plus the hosts of the feeds and
sitemaps configured for it (a feed may live on a feed service). Loopback, private,
link-local, multicast and other non-public addresses are refused, whether the URL names one
(``http://169.254.169.254/``) or a host name resolves to one; the one exception is an outlet
whose configured domain (or configured feed or sitemap host) *is* such an address (the local
test webs serve outlets on ``127.0.0.x``), and then only that address.

Plain functions, no network: the callers resolve host names (the crawl without blocking
its reactor, ``sources check`` in its threads) and hand the addresses in.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Iterable
from urllib.parse import urlsplit

from newscrawl.config import Outlet

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def ip_literal(host: str) -> Address | None:
    """The address when ``host`` is an IP literal (``127.0.0.5``, ``::1``), else None."""
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def non_public(address: Address | str) -> str | None:
    """What kind of non-public address this is (``"loopback"``, ``"link-local"``, ...), or None."""
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    mapped = getattr(ip, "ipv4_mapped", None)
    if mapped is not None:  # ::ffff:127.0.0.1 is 127.0.0.1
        ip = mapped
    for kind, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                       ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return kind
    if not ip.is_global:
        return "non-public"
    return None


_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin(url: str) -> tuple[str, int | None] | None:
    """(host, port) of an http(s) URL, the port filled in for the scheme; None if unusable."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.hostname.rstrip("."), port or _DEFAULT_PORTS[scheme]


@functools.lru_cache(maxsize=1024)
def configured_origins(outlet: Outlet) -> frozenset[tuple[str, int | None]]:
    """(host, port) of the outlet's configured feeds, sitemaps, start pages and homepage."""
    urls = (outlet.homepage, *outlet.feeds, *outlet.sitemaps, *outlet.start_pages)
    return frozenset(origin for origin in map(_origin, urls) if origin is not None)


def in_scope(outlet: Outlet, url: str) -> bool:
    """True when ``url`` is on the outlet's domains or on the host of a URL configured for it."""
    return outlet.owns_url(url) or _origin(url) in configured_origins(outlet)


@functools.lru_cache(maxsize=1024)
def configured_addresses(outlet: Outlet) -> frozenset[Address]:
    """The outlet's domains and configured hosts that are IP addresses: the only non-public
    addresses it may use."""
    hosts = [domain.lower().partition(":")[0].rstrip(".") for domain in outlet.domains]
    hosts += [host for host, _ in configured_origins(outlet)]
    return frozenset(a for a in map(ip_literal, hosts) if a is not None)


def host_of(url: str) -> str:
    """The URL's host name, lower case, without brackets or a trailing dot ("" when it has none)."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return ""


def url_problem(outlet: Outlet, url: str) -> str | None:
    """Why ``url`` is out of ``outlet``'s scope before any lookup, or None.

    Off the outlet's domains, or an IP literal that is not public (unless it is one of the
    outlet's configured domains). A host name still needs :func:`addresses_problem` once
    resolved.
    """
    host = host_of(url)
    if not host:
        return "no host in the URL"
    if not in_scope(outlet, url):
        where = urlsplit(url.strip()).netloc.rpartition("@")[2].lower()
        return f"{where} is not on the outlet's domains ({', '.join(outlet.domains)})"
    address = ip_literal(host)
    if address is not None:
        kind = non_public(address)
        if kind and address not in configured_addresses(outlet):
            return f"{address} is a {kind} address"
    return None


def addresses_problem(outlet: Outlet, host: str, addresses: Iterable[Address | str]) -> str | None:
    """Why a host name resolving to ``addresses`` is out of scope (any one non-public), or None."""
    allowed = configured_addresses(outlet)
    listed = [ipaddress.ip_address(a) if isinstance(a, str) else a for a in addresses]
    if not listed:
        return f"{host} does not resolve"
    for address in listed:
        kind = non_public(address)
        if kind and address not in allowed:
            return f"{host} resolves to {address}, a {kind} address"
    return None
