"""The store: the SQLite corpus (schema, the crawl's writes and reads, the analysts' reads) and
the raw-response archive (WARC). Only this room speaks SQL."""

from newscrawl.store.db import RANK_WINDOW, SearchResults, Store, StoreError

__all__ = ["RANK_WINDOW", "SearchResults", "Store", "StoreError"]
