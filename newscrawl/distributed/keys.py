"""The Redis keys of a distributed crawl, all under one prefix (``newscrawl:``)."""

from __future__ import annotations

from dataclasses import dataclass

PREFIX = "newscrawl"


@dataclass(frozen=True)
class Keys:
    """Names of every key a distributed crawl uses; :meth:`all_patterns` finds them to clear."""

    prefix: str = PREFIX

    def _key(self, name: str) -> str:
        return f"{self.prefix}:{name}"

    @property
    def state(self) -> str:
        """Hash: crawl id, version, phase (``seeding``, ``running``, ``done``), the coordinator."""
        return self._key("state")

    @property
    def config(self) -> str:
        """String: the pickled crawl configuration (outlets, topic, --since, settings)."""
        return self._key("config")

    @property
    def requests(self) -> str:
        """Sorted set of request tokens waiting (score: -priority); the frontier."""
        return self._key("requests")

    @property
    def files(self) -> str:
        """Sorted set of WARC files waiting to be ingested (a distributed ``ingest``)."""
        return self._key("files")

    @property
    def dupefilter(self) -> str:
        """Set of request fingerprints (scrapy-redis' RFPDupeFilter)."""
        return self._key("dupefilter")

    @property
    def fetched(self) -> str:
        """Set of URLs earlier runs have (the store's ``already_fetched``)."""
        return self._key("known:fetched")

    @property
    def validators(self) -> str:
        """Hash URL -> JSON conditional-request headers, from earlier finished runs."""
        return self._key("known:validators")

    @property
    def listings(self) -> str:
        """Hash ``outlet|via`` -> JSON list of the listing pages earlier runs read."""
        return self._key("known:listings")

    @property
    def listings_requested(self) -> str:
        """Set of listing URLs (sitemaps, start and listing pages) asked for in this run."""
        return self._key("listings:requested")

    @property
    def listing_budget(self) -> str:
        """Hash outlet -> listing pages taken from its ``NEWSCRAWL_LISTING_MAX_PAGES`` this run."""
        return self._key("listings:budget")

    @property
    def items(self) -> str:
        """List of pickled pages the workers pushed, for the writer."""
        return self._key("items")

    @property
    def items_taken(self) -> str:
        """List of pages the writer took and has not yet committed."""
        return self._key("items:taken")

    @property
    def workers(self) -> str:
        """Hash worker id -> last heartbeat (server time)."""
        return self._key("workers")

    @property
    def crawl_delays(self) -> str:
        """Hash host -> robots.txt Crawl-delay (seconds) the workers found."""
        return self._key("crawl-delays")

    def site_next(self, host: str) -> str:
        """String: the server time before which no worker may send to ``host``."""
        return self._key(f"site:{host}:next")

    def site_leases(self, host: str) -> str:
        """Sorted set of requests being downloaded from ``host`` (score: lease expiry)."""
        return self._key(f"site:{host}:leases")

    def all_pattern(self) -> str:
        return self._key("*")
