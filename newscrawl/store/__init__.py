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

# sqlite-utils imports pandas and numpy whenever they are installed, only to map
# pandas.Timestamp and numpy's scalar types to column types (newscrawl never inserts one, and
# sqlite3 could not bind one): ~70 MB and ~11 MB of resident memory in every process that opens
# a store, the crawl's included (docs/benchmarks.md, "Memory"). So it is imported here with
# them hidden for that one import (each only when not imported already); both stay importable
# afterwards.
if "sqlite_utils" not in _sys.modules:
    _hidden = [name for name in ("pandas", "numpy") if name not in _sys.modules]
    for _name in _hidden:
        _sys.modules[_name] = None  # type: ignore[assignment]  # `import ...` raises ImportError
    try:
        import sqlite_utils  # noqa: F401
    finally:
        for _name in _hidden:
            del _sys.modules[_name]

from newscrawl.store.db import Store, StoreError  # noqa: E402
from newscrawl.store.schema import SCHEMA_VERSION  # noqa: E402
from newscrawl.store.search import RANK_WINDOW, SearchResults  # noqa: E402

__all__ = ["RANK_WINDOW", "SCHEMA_VERSION", "SearchResults", "Store", "StoreError"]
