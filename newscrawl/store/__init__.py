"""The store: the SQLite corpus and the raw-response archive (WARC). Only this room speaks SQL.

- ``db``: :class:`Store`, one connection (open, migrate, close), made of the parts below;
- ``schema``: the tables and their migrations;
- ``crawl``: what the crawl writes and looks up;
- ``corpus``: what the analysts read (runs, articles, clusters, export, report);
- ``search``: full-text search;
- ``status``: how the crawls are doing, per outlet (``newscrawl status``);
- ``sql``: the SQL of those reads, built apart from running it;
- ``facets``: search filters as full-text tokens;
- ``warc``: the raw-response archive.

Callers import from here: ``from newscrawl.store import Store, StoreError``.
"""

from newscrawl.store.db import Store, StoreError
from newscrawl.store.schema import SCHEMA_VERSION
from newscrawl.store.search import RANK_WINDOW, SearchResults

__all__ = ["RANK_WINDOW", "SCHEMA_VERSION", "SearchResults", "Store", "StoreError"]
