"""Outlets derived from a page's domain, for pages of outlets no sources file lists (no Scrapy).

``newscrawl ingest --any-outlet`` keeps the on-topic articles of every site in a WARC file
(CC-NEWS spans tens of thousands). A page no configured outlet owns belongs to the outlet of
its registered domain (``www.news.example.co.uk`` -> ``example.co.uk``, by the Public Suffix
List through courlan and tld, private suffixes included: ``x.github.io`` stays apart from
``y.github.io``). A configured outlet always wins, and a derived slug never takes the slug of
a configured or already stored outlet of another domain. ``--add-outlets`` then writes the
derived outlets as draft ``sources.toml`` tables, the way ``crawl --urls --add-outlets`` does.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from courlan import extract_domain

from newscrawl.config import Outlet, outlet_for_url
from newscrawl.discover.seeds import CCTLD_HINTS, SeedURL, outlet_for_unknown_host, slug_for_host

__all__ = ["DERIVED_NOTES", "DerivedOutlets", "derived_outlet_row", "draft_table", "registered_domain"]

DERIVED_NOTES = "derived from the domain by `newscrawl ingest --any-outlet`; fill in metadata"


def registered_domain(url: str) -> str | None:
    """The registered domain of an http(s) URL (``example.co.uk``), or ``host[:port]`` when the
    host has none (an IP address, ``localhost``); None for other URLs."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    host = (parts.hostname or "").rstrip(".")
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    domain = extract_domain(url)
    if domain:
        return domain.rstrip(".").lower()
    return f"{host}:{port}" if port else host


def _cctld_hint(domain: str) -> tuple[str, str] | None:
    """(country, language) that a country-code top-level domain tells, if any."""
    host = domain.partition(":")[0]
    if host.replace(".", "").isdigit():
        return None
    return CCTLD_HINTS.get(host.rsplit(".", 1)[-1])


class DerivedOutlets:
    """The outlet of every page: the configured one that owns it, else one per registered domain.

    ``configured``: the sources file's outlets. ``stored``: slug -> domain of the outlets a
    database already has (an earlier run's derived outlets keep their slugs; a stored outlet of
    another domain keeps its slug to itself).
    """

    def __init__(self, configured: Mapping[str, Outlet], stored: Mapping[str, str] | None = None) -> None:
        self.configured = dict(configured)
        self.stored = dict(stored or {})
        self.derived: dict[str, Outlet] = {}  # slug -> outlet
        self._by_domain: dict[str, Outlet] = {}
        self._stored_by_domain = {domain: slug for slug, domain in sorted(self.stored.items()) if domain}

    def outlet_for(self, url: str) -> Outlet | None:
        """The page's outlet; None only for a URL without an http(s) host."""
        owner = outlet_for_url(self.configured, url)
        if owner is not None:
            return owner
        domain = registered_domain(url)
        if domain is None:
            return None
        outlet = self._by_domain.get(domain)
        if outlet is None:
            outlet = self._derive(url, domain)
            self._by_domain[domain] = self.derived[outlet.slug] = outlet
        return outlet

    def _free_slug(self, domain: str) -> str:
        earlier = self._stored_by_domain.get(domain)  # an earlier run's outlet of this domain
        if earlier is not None and earlier not in self.configured and earlier not in self.derived:
            return earlier
        base = slug_for_host(domain)
        for n in range(1, 10_000):
            slug = base if n == 1 else f"{base}-{n}"
            if slug in self.configured or slug in self.derived:
                continue
            if slug not in self.stored or self.stored[slug] == domain:
                return slug
        raise ValueError(f"no free outlet slug for {domain}")  # pragma: no cover

    def _derive(self, url: str, domain: str) -> Outlet:
        table = outlet_for_unknown_host(domain, [SeedURL(url, 0, {})])
        table["notes"] = DERIVED_NOTES
        return Outlet(slug=self._free_slug(domain), **table)


def derived_outlet_row(outlet: Outlet, *, site_name: str | None = None,
                       language: str | None = None) -> dict[str, Any]:
    """The ``outlets`` row of a derived outlet: the name the page gives (``og:site_name``) or the
    domain, the page's language (else the country-code domain's, else unknown), the country a
    country-code domain tells (else unknown); ``derived`` = 1."""
    hint = _cctld_hint(outlet.domain)
    return {
        "slug": outlet.slug,
        "name": (site_name or "").strip() or outlet.domain,
        "domain": outlet.domain,
        "homepage": outlet.homepage,
        "country": hint[0] if hint else None,
        "language": language or (hint[1] if hint else None),
        "kind": None,
        "timezone": outlet.timezone,
        "verified": 0,
        "feeds": "[]",
        "sitemaps": "[]",
        "derived": 1,
    }


def draft_table(row: Mapping[str, Any]) -> dict[str, Any]:
    """A draft ``sources.toml`` table for a stored derived outlet (``ingest --add-outlets``):
    what ``crawl --urls --add-outlets`` writes, with the name and language the pages gave."""
    extra = {"media_name": row["name"] if row.get("name") != row["domain"] else "",
             "language": row.get("language") or ""}
    table = outlet_for_unknown_host(row["domain"], [SeedURL(row["homepage"], 0, extra)])
    table["notes"] = DERIVED_NOTES
    return table

