"""The crawl's one :class:`~newscrawl.store.db.Store`, shared by the pipelines and the spiders' middleware.

The store itself knows nothing of Scrapy; this is where a running crawl gets it: opened on
first use from the crawler's ``NEWSCRAWL_DB`` setting and kept on the crawler, so the
dedup and store pipelines and :class:`~newscrawl.spiders.incremental.IncrementalMiddleware`
use one connection. The store pipeline closes it when the spider closes.
"""

from __future__ import annotations

from typing import Any

from newscrawl.settings import read_setting
from newscrawl.store import Store


def crawl_store(crawler: Any) -> Store:
    """The one :class:`Store` of a running crawl (opened on first use, kept on the crawler)."""
    store = getattr(crawler, "newscrawl_store", None)
    if store is None:
        settings = crawler.settings
        store = Store.open(
            read_setting(settings, "NEWSCRAWL_DB"),
            batch_size=read_setting(settings, "NEWSCRAWL_BATCH_SIZE"),
            batch_seconds=read_setting(settings, "NEWSCRAWL_BATCH_SECONDS"),
        )
        if max_pages := read_setting(settings, "NEWSCRAWL_DB_MAX_PAGES"):
            store.limit_pages(max_pages)
        crawler.newscrawl_store = store
    return store
