"""The store: the SQLite corpus and the raw-response archive (WARC). Only this room speaks SQL.

- ``db``: :class:`Store`, one connection (open, migrate, close), made of the parts below;
- ``schema``: the tables and their migrations;
- ``crawl``: what the crawl writes and looks up;
- ``corpus``: what the analysts read (runs, articles, clusters, export, report);
- ``search``: full-text search;
- ``status``: how the crawls are doing, per outlet (``newscrawl status``);
- ``sql``: the SQL of those reads, built apart from running it;
- ``facets``: search filters as full-text tokens;
- ``warc``: the raw-response archive;
- ``sqliteutils``: sqlite-utils, imported without pandas and numpy.

Callers import from here: ``from newscrawl.store import Store, StoreError``.

The names below are imported when first asked for, not with the package: a module of the
package that needs no database, such as ``warc``, which the extraction workers use to build
each page's WARC record, does not bring sqlite-utils along (about 3.7 MB of resident memory in
each worker; docs/benchmarks.md, "Memory").
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from newscrawl.store.db import Store, StoreError
    from newscrawl.store.schema import SCHEMA_VERSION
    from newscrawl.store.search import RANK_WINDOW, SearchResults

# Each name, and the module of the package it comes from.
_EXPORTS = {"Store": "db", "StoreError": "db", "SCHEMA_VERSION": "schema", "RANK_WINDOW": "search",
            "SearchResults": "search"}

__all__ = ["RANK_WINDOW", "SCHEMA_VERSION", "SearchResults", "Store", "StoreError"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
