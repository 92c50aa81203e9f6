"""How the crawls are doing, for ``newscrawl status``: per outlet the last successful fetch, the
newest article and the recent error rate; the feeds and sitemaps that stopped answering; the
corpus's size. The SQL is built in :mod:`newscrawl.store.sql`; here it is run.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from newscrawl.store.sql import corpus_size_sql, failing_sources_sql, outlet_status_sql
from newscrawl.store.sqliteutils import sqlite_utils

__all__ = ["StatusMixin"]


class StatusMixin:
    """The :class:`~newscrawl.store.Store` methods behind ``newscrawl status``."""

    conn: sqlite3.Connection
    db: sqlite_utils.Database

    def outlet_status(self, recent_runs: int = 5) -> list[dict[str, Any]]:
        """One row per outlet (:func:`~newscrawl.store.sql.outlet_status_sql`), by slug."""
        return list(self.db.query(*outlet_status_sql(recent_runs)))

    def failing_sources(self) -> list[dict[str, Any]]:
        """Feeds and sitemaps whose latest fetch failed (:func:`~newscrawl.store.sql.failing_sources_sql`)."""
        return list(self.db.query(*failing_sources_sql()))

    def corpus_size(self) -> dict[str, int]:
        """Articles, syndication clusters (of two or more), pages, outlets, runs, and the
        database's bytes (:func:`~newscrawl.store.sql.corpus_size_sql`)."""
        return next(self.db.query(*corpus_size_sql()))
