"""The analysts' side of the store: reads for ``newscrawl`` commands, export, the datasheet and the report.

Counts and rows of known tables, runs, an article with its copies and versions, syndication
clusters, the export's rows and the report's aggregates. (Full-text search is in
:mod:`newscrawl.store.search`.) The SQL that is built from filters is in
:mod:`newscrawl.store.sql`; here it is run.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newscrawl.store.schema import KNOWN_TABLES
from newscrawl.store.search import fts5_errors_raised_as_query_errors
from newscrawl.store.sql import (
    EXPORT_COLUMNS,
    TOPICS_JSON,
    article_filters,
    clusters_sql,
    export_sql,
    published_day_sql,
)
from newscrawl.store.sqliteutils import sqlite_utils

__all__ = ["ARTICLE_COLUMNS", "CorpusMixin"]


def _with_stats_decoded(runs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    runs = list(runs)
    for run in runs:
        run["stats"] = json.loads(run["stats"]) if run["stats"] else {}
    return runs


def _report_filters(local_day: bool, **filters: Any) -> tuple[str, list[Any]]:
    """The report's filters (outlets, topic, since, until): an undated article counts on its first_seen_at."""
    return article_filters("a", undated_by_first_seen=True, local_day=local_day, **filters)


# The article columns that leave the store (``facets``, the search filter tokens, and the MinHash
# tables stay in it).
ARTICLE_COLUMNS = ("id", "url", "outlet", "title", "authors", "credit", "published_at", "published_local",
                   "published_day", "modified_at", "date_source", "language", "description", "text",
                   "word_count", "text_hash", "cluster_id", "topics", "fetched_url", "first_seen_at",
                   "last_seen_at", "crawl_run_id")


class CorpusMixin:
    """The :class:`~newscrawl.store.Store` methods that read the corpus for its users."""

    conn: sqlite3.Connection
    db: sqlite_utils.Database
    schema_version: int
    _local_day: bool  # the Store's: see :class:`newscrawl.store.db.Store`
    _indexed_query: Callable[[str], str]  # the Store's

    @property
    def _day(self) -> str:
        """SQL of an article ``a``'s day (see :func:`published_day_sql`)."""
        return published_day_sql("a", local_day=self._local_day)

    # -- tables, runs, articles ------------------------------------------------------------

    def count(self, table: str) -> int:
        """Row count of one of the known tables."""
        if table not in KNOWN_TABLES:
            raise ValueError(f"unknown table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def iter_rows(self, sql_table: str, where: str = "", params: Iterable[Any] = ()) -> Iterator[dict]:
        """Rows of a known table as dicts (used by tests and reports)."""
        if sql_table not in KNOWN_TABLES:
            raise ValueError(f"unknown table {sql_table!r}")
        sql = f"SELECT * FROM {sql_table}" + (f" WHERE {where}" if where else "")
        yield from self.db.query(sql, tuple(params))

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest crawl runs, newest first, with ``stats`` decoded."""
        return _with_stats_decoded(self.db.query(
            "SELECT id, started_at, finished_at, command, topic, status, stats "
            "FROM crawl_runs ORDER BY id DESC LIMIT ?", [limit]))

    def runs_by_id(self, run_ids: Iterable[int]) -> list[dict[str, Any]]:
        """Crawl runs with these ids, oldest first, ``stats`` decoded."""
        wanted = sorted({int(r) for r in run_ids})
        if not wanted:
            return []
        return _with_stats_decoded(self.db.query(
            "SELECT id, started_at, finished_at, command, topic, status, stats FROM crawl_runs "
            f"WHERE id IN ({', '.join('?' for _ in wanted)}) ORDER BY id", wanted))

    def outlet_rows(self, slugs: Iterable[str]) -> list[dict[str, Any]]:
        """Outlet rows (all columns) for these slugs, in slug order; unknown slugs are skipped."""
        wanted = sorted(set(slugs))
        if not wanted:
            return []
        return list(self.db.query(
            f"SELECT * FROM outlets WHERE slug IN ({', '.join('?' for _ in wanted)}) ORDER BY slug", wanted))

    def pages_by_verdict(self, run_id: int | None = None) -> dict[str, int]:
        """Pages per verdict, for one run or all."""
        sql = "SELECT verdict, count(*) FROM pages"
        params: tuple = ()
        if run_id is not None:
            sql += " WHERE crawl_run_id = ?"
            params = (run_id,)
        return dict(self.conn.execute(sql + " GROUP BY verdict", params).fetchall())

    def published_range(self) -> tuple[str | None, str | None]:
        """The first and last published_at (ISO UTC); (None, None) when nothing is dated."""
        # Two statements: SQLite answers a lone min() or max() from the index, both at once by a scan.
        first = self.conn.execute("SELECT min(published_at) FROM articles").fetchone()[0]
        last = self.conn.execute("SELECT max(published_at) FROM articles").fetchone()[0]
        return first, last

    def latest_articles(self, limit: int = 10) -> list[dict[str, Any]]:
        """The most recently published articles: id, outlet, published_at, title, cluster_id."""
        return list(self.db.query(
            "SELECT id, outlet, published_at, date_source, title, cluster_id FROM articles "
            "ORDER BY published_at IS NULL, published_at DESC, id DESC LIMIT ?", [limit]))

    def article(self, article_id: int) -> dict[str, Any] | None:
        """One article (:data:`ARTICLE_COLUMNS`, JSON columns decoded), its copies and its other URLs."""
        row = next(self.db.query(f"SELECT {', '.join(ARTICLE_COLUMNS)} FROM articles WHERE id = ?",
                                 [article_id]), None)
        if row is None:
            return None
        row["authors"] = json.loads(row["authors"] or "[]")
        # NULL: stored before bylines were split into people and credit
        row["credit"] = json.loads(row["credit"]) if row.get("credit") is not None else None
        row["topics"] = json.loads(row["topics"] or "{}")
        row["copies"] = list(self.db.query(
            "SELECT id, outlet, url, first_seen_at FROM articles WHERE cluster_id = ? AND id != ? "
            "ORDER BY id", [row["cluster_id"], article_id]))
        row["other_urls"] = [
            url for (url,) in self.conn.execute(
                "SELECT url FROM pages WHERE article_id = ? AND url != ? ORDER BY fetched_at",
                (article_id, row["fetched_url"] or row["url"]))
        ]
        return row

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Earlier versions of an article, oldest first."""
        return list(self.db.query(
            "SELECT id, seen_at, title, text, crawl_run_id FROM article_versions "
            "WHERE article_id = ? ORDER BY id", [article_id]))

    def clusters(
        self,
        *,
        outlets: Iterable[str] = (),
        topic: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_size: int = 2,
        limit: int = 50,
    ) -> list[dict[str, Any]]:
        """Syndication clusters, biggest first: size, outlets, first copy, first seen, title.

        ``since``/``until`` (ISO dates) filter on each copy's own day (first_seen_at when
        undated); ``topic`` keeps copies that matched that topic slug.
        """
        sql, params = clusters_sql(outlets=outlets, topic=topic, since=since, until=until,
                                   min_size=min_size, limit=limit, local_day=self._local_day)
        rows = list(self.db.query(sql, params))
        for row in rows:
            row["outlets"] = sorted((row["outlets"] or "").split(","))
        return rows

    # -- export ----------------------------------------------------------------------------
    # For ``newscrawl export`` (newscrawl/outputs/export.py). The filters mean what they mean
    # in :meth:`search` (see :mod:`newscrawl.store.sql`).

    EXPORT_COLUMNS = EXPORT_COLUMNS

    def export_rows(
        self,
        columns: Iterable[str],
        *,
        fts_query: str | None = None,
        outlets: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        language: str | None = None,
        include_duplicates: bool = False,
        batch_size: int = 2000,
    ) -> Iterator[list[tuple[Any, ...]]]:
        """Articles passing the filters, in id order, as batches of tuples (``columns`` in order).

        Streams: one cursor read with ``fetchmany(batch_size)``. ``columns`` are keys of
        :attr:`EXPORT_COLUMNS`; JSON columns (authors, credit, topics) come as stored text. Without
        ``include_duplicates`` a syndication cluster gives one row: its earliest-stored copy
        that passes the filters (normally the original). ``copies`` is how many of the
        cluster's articles pass the filters. A malformed ``fts_query`` raises
        :class:`newscrawl.judge.query.SearchQueryError` (before the first batch).
        """
        fts_query = fts_query and self._indexed_query(fts_query)
        sql, params = export_sql(list(columns), fts_query=fts_query, outlets=outlets, since=since,
                                 until=until, topic=topic, language=language,
                                 include_duplicates=include_duplicates, local_day=self._local_day)
        with fts5_errors_raised_as_query_errors(fts_query):
            cursor = self.conn.execute(sql, params)
            batch = cursor.fetchmany(batch_size)
        try:
            while batch:
                yield batch
                batch = cursor.fetchmany(batch_size)
        finally:
            cursor.close()

    def export_count(self, *, fts_query: str | None = None, **filters: Any) -> int:
        """How many rows :meth:`export_rows` gives for these filters (a progress bar's total)."""
        fts_query = fts_query and self._indexed_query(fts_query)
        sql, params = export_sql(["id"], fts_query=fts_query, **filters)
        with fts5_errors_raised_as_query_errors(fts_query):
            return self.conn.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    # -- report ----------------------------------------------------------------------------
    # Aggregates for ``newscrawl report``. Every method takes the same filters as
    # :meth:`clusters`: ``outlets`` (slugs), ``topic`` (slug the article matched), ``since`` and
    # ``until`` (ISO days, inclusive, on the outlet's day, or first_seen_at when undated).

    def report_overview(self, **filters: Any) -> dict[str, Any]:
        """articles, stories (syndication clusters: the rows an export without duplicates writes),
        dated, outlets (distinct), first_published, last_published (the first and last publication
        days, each the outlet's own day: :func:`published_day_sql`)."""
        where, params = _report_filters(self._local_day, **filters)
        return next(self.db.query(
            "SELECT count(*) AS articles, count(DISTINCT coalesce(a.cluster_id, a.id)) AS stories, "
            "count(a.published_at) AS dated, "
            f"count(DISTINCT a.outlet) AS outlets, min({self._day}) AS first_published, "
            f"max({self._day}) AS last_published FROM articles a WHERE {where}", params))

    def report_day_outlet_counts(self, **filters: Any) -> list[dict[str, Any]]:
        """Dated articles per publication day (the outlet's own day) and outlet: day, outlet, articles."""
        where, params = _report_filters(self._local_day, **filters)
        return list(self.db.query(
            f"SELECT {self._day} AS day, a.outlet AS outlet, count(*) AS articles "
            f"FROM articles a WHERE a.published_at IS NOT NULL AND {where} "
            "GROUP BY day, a.outlet ORDER BY day, a.outlet", params))

    def report_outlets(self, **filters: Any) -> list[dict[str, Any]]:
        """Articles per outlet, most first: outlet, name, articles, dated, first/last_published."""
        where, params = _report_filters(self._local_day, **filters)
        return list(self.db.query(
            "SELECT a.outlet AS outlet, o.name AS name, count(*) AS articles, "
            f"count(a.published_at) AS dated, min({self._day}) AS first_published, "
            f"max({self._day}) AS last_published FROM articles a "
            f"LEFT JOIN outlets o ON o.slug = a.outlet WHERE {where} "
            "GROUP BY a.outlet ORDER BY articles DESC, a.outlet", params))

    def report_topic_terms(self, **filters: Any) -> list[dict[str, Any]]:
        """Matched topic terms per publication day, the outlet's own day (dated articles only).

        Rows: day, topic, term (as written in the query), articles (that matched it),
        hits (its occurrences in their titles and texts). With ``topic``, that topic's terms only.
        """
        where, params = _report_filters(self._local_day, **filters)
        only = ""
        if filters.get("topic"):
            only = " AND t.key = ?"
            params.append(filters["topic"])
        return list(self.db.query(
            f"SELECT {self._day} AS day, t.key AS topic, m.key AS term, "
            "count(*) AS articles, sum(m.value) AS hits "
            f"FROM articles a, json_each({TOPICS_JSON}) t, json_each(t.value, '$.terms') m "
            f"WHERE a.published_at IS NOT NULL AND t.type = 'object' AND {where}{only} "
            "GROUP BY day, t.key, m.key ORDER BY day, t.key, m.key", params))

    def report_date_sources(self, **filters: Any) -> dict[str | None, int]:
        """Articles per ``date_source`` value (e.g. ``jsonld``, ``text+htmldate``).

        Undated articles count under None; dated ones without a recorded source under ``unknown``.
        """
        where, params = _report_filters(self._local_day, **filters)
        return dict(self.conn.execute(
            "SELECT CASE WHEN a.published_at IS NULL THEN NULL "
            "ELSE coalesce(nullif(a.date_source, ''), 'unknown') END AS source, count(*) "
            f"FROM articles a WHERE {where} GROUP BY source ORDER BY 2 DESC, 1", params).fetchall())

    def report_topic_slugs(self) -> list[str]:
        """Every topic slug some stored article matched, sorted."""
        return [slug for (slug,) in self.conn.execute(
            f"SELECT DISTINCT t.key FROM articles a, json_each({TOPICS_JSON}) t ORDER BY 1")]
