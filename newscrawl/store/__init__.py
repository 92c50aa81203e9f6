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

import sys as _sys

# sqlite-utils imports pandas whenever it is installed, only to map pandas.Timestamp to TEXT
# (newscrawl never inserts one): ~70 MB of resident memory in every process that opens a store,
# the crawl's included (docs/benchmarks.md, "Memory"). So it is imported here with pandas
# hidden for that one import; pandas itself stays importable afterwards.
if "sqlite_utils" not in _sys.modules and "pandas" not in _sys.modules:
    _sys.modules["pandas"] = None  # type: ignore[assignment]  # `import pandas` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        del _sys.modules["pandas"]

from newscrawl.store.db import Store, StoreError  # noqa: E402
from newscrawl.store.schema import SCHEMA_VERSION  # noqa: E402
from newscrawl.store.search import RANK_WINDOW, SearchResults  # noqa: E402

__all__ = ["RANK_WINDOW", "SCHEMA_VERSION", "SearchResults", "Store", "StoreError"]
