"""Incremental crawling: what earlier runs in the database decide about this run's requests.

:class:`IncrementalMiddleware` is a spider middleware (``SPIDER_MIDDLEWARES``), built from
the crawler like Scrapy's own components; the spiders never open the store. It reads the
crawl's store (:func:`~newscrawl.pipelines.crawlstore.crawl_store`) and acts on the requests a
spider yields, from ``start()`` or from a callback, as each one leaves the spider, before
the scheduler sees it. Spiders say what a request needs with ``Request.meta`` keys:

``skip_if_fetched``
    ``True`` on an article link: the request is dropped when an earlier run has the page
    (see :meth:`~newscrawl.store.db.Store.already_fetched`) and counted in the stats as
    ``newscrawl/skipped/already_fetched``; ``"quietly"`` drops it without counting (a
    redirect's target). Revisits and retries don't set it, so they are never dropped.
``conditional``
    ``"finished-run"`` (feeds, sitemaps, sitemap indexes, start and listing pages):
    ``If-None-Match``/``If-Modified-Since`` from the last fetch by a run that finished (a
    run killed halfway may not have followed every link the listing gave); ``"any-run"``
    (article revisits): from the last fetch.

A dropped request never reaches the scheduler, so its URL is not marked as seen and an
explicit revisit of the same page later in the run still goes ahead.

The spiders ask the middleware, found with ``crawler.get_spider_middleware``, for the pages
the database wants fetched again (:meth:`~IncrementalMiddleware.revisits`,
:meth:`~IncrementalMiddleware.retries`) and, for WARC input, which pages are already known.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from newscrawl.pipelines.crawlstore import crawl_store
from newscrawl.store.db import Store

SKIP_IF_FETCHED = "skip_if_fetched"
CONDITIONAL = "conditional"
ALREADY_FETCHED_STAT = "newscrawl/skipped/already_fetched"


class IncrementalMiddleware(BaseSpiderMiddleware):
    """Skips pages earlier runs have, makes listing requests conditional, lists pages to refetch."""

    @property
    def store(self) -> Store:
        return crawl_store(self.crawler)

    # -- requests leaving the spider --------------------------------------------------------

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        skip = request.meta.get(SKIP_IF_FETCHED)
        if skip and self.store.already_fetched(request.url):
            if skip is True:
                self.crawler.stats.inc_value(ALREADY_FETCHED_STAT)
            return None
        conditional = request.meta.get(CONDITIONAL)
        if conditional:
            finished = conditional == "finished-run"
            request.headers.update(self.store.validators(request.url, finished_runs_only=finished))
        return request

    # -- asked by the spiders ---------------------------------------------------------------

    def already_fetched(self, url: str) -> bool:
        """True when an earlier run has the page (for input that is not requests: WARC files)."""
        return self.store.already_fetched(url)

    def listing_pages(self, outlet: str, discovered_via: str) -> list[str]:
        """The outlet's listing pages earlier runs read (``discovered_via``: ``"listing"``,
        ``"sitemap"``), newest first: where a listing answering 304 led before."""
        return self.store.listing_pages(outlet, discovered_via)

    def already_ingested(self, url: str, warc_file: str, warc_offset: int) -> bool:
        """True when an earlier run recorded ``url`` from this very WARC record."""
        return self.store.already_ingested(url, warc_file, warc_offset)

    def stored_outlets(self) -> dict[str, str]:
        """slug -> domain of the outlets the database has (derived outlets keep their slugs)."""
        return self.store.outlet_domains()

    def derived_outlets(self) -> list[dict[str, Any]]:
        """The ``outlets`` rows of the outlets ``ingest --any-outlet`` derived from domains."""
        return self.store.derived_outlets()

    def revisits(self, window_days: float, after_hours: float) -> list[dict[str, Any]]:
        """Articles young enough to be fetched again (stealth edits): url, outlet, article_id.

        Young: published (or, undated, first seen) within ``window_days``; not fetched within
        ``after_hours``.
        """
        return self.store.pages_to_revisit(window_days, after_hours)

    def retries(self) -> list[dict[str, Any]]:
        """Pages that failed in a way worth another try (5xx, 429, no response): url, outlet."""
        return self.store.pages_to_retry()

    def archived_pages(self, outlets: Iterable[str]) -> list[dict[str, Any]]:
        """Pages of these outlets with a WARC copy, to re-extract: url, outlet, warc_file, warc_offset."""
        return self.store.archived_pages(outlets)


def incremental_middleware(crawler: Any) -> IncrementalMiddleware:
    """The crawl's :class:`IncrementalMiddleware` (a spider needs it to start)."""
    middleware = crawler.get_spider_middleware(IncrementalMiddleware)
    if middleware is None:
        raise RuntimeError(
            "newscrawl.spiders.incremental.IncrementalMiddleware is not in SPIDER_MIDDLEWARES"
        )
    return middleware
