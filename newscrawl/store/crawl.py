"""The crawl's side of the store: what spiders and pipelines write and look up while crawling.

Runs and outlets, the fetch log (``pages``), articles and their MinHash index, and the
lookups that decide what to fetch (already fetched, conditional-request validators, pages to
revisit or retry, archived pages) and whether an article is a duplicate.

Writes are batched: a transaction stays open for up to ``batch_size`` pages or
``batch_seconds`` and is committed then, on :meth:`CrawlMixin.flush` and when the store
closes. One page's rows (its article or the article's new version, the MinHash index, the
page row; the full-text rows follow from triggers) are written inside
:meth:`CrawlMixin.one_page`: a SAVEPOINT in the open batch that counts as one write, so a
commit falls before or after them, never between, and an error rolls them all back. A crawl
killed mid-batch loses only the uncommitted pages, which are simply fetched again next time
(URLs are unique, so nothing is ever stored twice). What older versions left half-written is
found and repaired by :mod:`newscrawl.store.repair` when the next crawl starts.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import PurePath
from typing import Any

from newscrawl.items import BLOCKED_BY_ROBOTS, DISALLOWED_FOR_THE_RUN, ERROR, Article, FetchedPage
from newscrawl.store.facets import character_facets, stored_facets
from newscrawl.store.sqliteutils import sqlite_utils
from newscrawl.words import paired

__all__ = ["CrawlMixin", "iso", "utcnow"]


def utcnow() -> datetime:
    """The current time, aware, in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC (``2026-01-28T14:05:00+00:00``) or None."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat()


def _day_of(article: Article) -> str | None:
    """The article's day for its date facets: the outlet's day, else the UTC day (an article
    made without the dates stage)."""
    return article.published_day or (iso(article.published_at) or "")[:10] or None


def _dicts(cursor: sqlite3.Cursor) -> list[dict[str, Any]]:
    """The rows of ``cursor`` as dicts, for the lookups made for every page.

    (sqlite-utils' ``db.query()``, used everywhere else, runs each statement inside a
    SAVEPOINT: two statements more, which nearly double a lookup such as
    :meth:`CrawlMixin.article_by_url`, 17 -> 30 µs, and would change the lookup times of
    ``near_duplicate_candidates`` in ``docs/benchmarks.md``.)
    """
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


# A page refused because its site's robots.txt could not be read that run (not a final answer).
_ROBOTS_UNREAD = (f"(verdict = '{BLOCKED_BY_ROBOTS}' "
                  f"AND coalesce(reason, '') LIKE '%{DISALLOWED_FOR_THE_RUN}')")


class CrawlMixin:
    """The :class:`~newscrawl.store.Store` methods that the crawl calls."""

    conn: sqlite3.Connection
    db: sqlite_utils.Database
    batch_size: int
    batch_seconds: float
    _pending: int
    _batch_started: float
    _in_page: bool

    # -- batches ---------------------------------------------------------------------------

    def _count_write_and_commit_if_due(self) -> None:
        """Count one write into the open batch; commit it once it is full or old enough.

        Inside :meth:`one_page` nothing is counted: the page counts as one write when it ends.
        """
        if self._in_page:
            return
        self._pending += 1
        elapsed = time.monotonic() - self._batch_started
        if self._pending >= self.batch_size or elapsed >= self.batch_seconds:
            self.flush()

    @contextmanager
    def one_page(self) -> Iterator[None]:
        """Write one page's rows as a unit: all of them are committed, or none.

        The rows go into the open batch inside a SAVEPOINT and count as one write, so the
        batch commits before or after them, never between them; an error rolls them back
        (and the batch stays open with the pages before).
        """
        if self._in_page:
            raise RuntimeError("one_page() does not nest")
        if not self.conn.in_transaction:
            # Without an open transaction, RELEASE would commit: one commit per page.
            self.conn.execute("BEGIN")
        self.conn.execute("SAVEPOINT page")
        self._in_page = True
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK TO page")
                self.conn.execute("RELEASE page")
            # else SQLite rolled the whole batch back itself (it does on a full disk): the
            # savepoint is gone with it, and the error that did it is the one to raise.
            raise
        finally:
            self._in_page = False
        self.conn.execute("RELEASE page")
        self._count_write_and_commit_if_due()

    def flush(self) -> None:
        """Commit the open batch."""
        self.conn.commit()
        self._pending = 0
        self._batch_started = time.monotonic()

    # -- outlets and runs --------------------------------------------------------------------

    def upsert_outlets(self, rows: Iterable[dict[str, Any]]) -> None:
        """Insert or update outlet rows (``Outlet.to_row()`` dicts) of a sources file (so a
        derived outlet the file now lists becomes a configured one)."""
        with self.conn:
            self.db["outlets"].upsert_all([{**row, "derived": 0} for row in rows], pk="slug")

    def record_derived_outlet(self, row: dict[str, Any]) -> None:
        """Add an outlet derived from a domain (:func:`newscrawl.discover.outlets.derived_outlet_row`)
        unless its slug is stored already; a stored derived outlet gains the name and language
        a page gives when it had none. A configured outlet's row is never changed."""
        columns = list(row)
        self.conn.execute(
            f"INSERT OR IGNORE INTO outlets ({', '.join(columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})", [row[c] for c in columns])
        self.conn.execute(
            "UPDATE outlets SET name = CASE WHEN name = domain THEN ? ELSE name END, "
            "language = coalesce(language, ?) WHERE slug = ? AND derived = 1",
            (row["name"], row["language"], row["slug"]))

    def derived_outlets(self, *, with_articles: bool = False) -> list[dict[str, Any]]:
        """Rows of the outlets derived from a domain (only those with an article), in slug order."""
        having = " AND EXISTS (SELECT 1 FROM articles a WHERE a.outlet = o.slug)" if with_articles else ""
        return list(self.db.query(f"SELECT * FROM outlets o WHERE derived = 1{having} ORDER BY slug"))

    def outlet_domains(self) -> dict[str, str]:
        """slug -> domain of every stored outlet."""
        return dict(self.conn.execute("SELECT slug, domain FROM outlets").fetchall())

    def mark_interrupted_runs(self) -> int:
        """Runs still 'running' when a new one starts (under the crawl lock) were killed, or
        could not record their end (a full disk): either way they did not finish."""
        with self.conn:
            cursor = self.conn.execute(
                "UPDATE crawl_runs SET status = 'interrupted' WHERE status = 'running'"
            )
        return cursor.rowcount

    def start_run(self, command: str, topic: str | None) -> int:
        """Record a new crawl run and return its id."""
        with self.conn:
            cursor = self.conn.execute(
                "INSERT INTO crawl_runs (started_at, command, topic, status) VALUES (?, ?, ?, ?)",
                (iso(utcnow()), command, topic, "running"),
            )
        return int(cursor.lastrowid)

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any], *,
                   discard_batch: bool = False) -> bool:
        """Record how a run ended (status, statistics, end time); False when that failed too.

        ``discard_batch``: roll the open batch back instead of committing it (a write in it
        failed, so it may hold part of a page); its pages are fetched again next time. When
        the statistics cannot be written (a full disk), the status alone is tried; when even
        that fails the run stays ``running`` and the next crawl marks it ``interrupted``.
        """
        try:
            if discard_batch:
                self.discard_batch()
            else:
                self.flush()
        except sqlite3.Error:
            self.discard_batch()
        finished_at = iso(utcnow())
        attempts = (
            ("UPDATE crawl_runs SET finished_at = ?, status = ?, stats = ? WHERE id = ?",
             (finished_at, status, json.dumps(stats, default=str, sort_keys=True), run_id)),
            ("UPDATE crawl_runs SET finished_at = ?, status = ? WHERE id = ?", (finished_at, status, run_id)),
        )
        for sql, params in attempts:
            try:
                with self.conn:
                    self.conn.execute(sql, params)
                return True
            except sqlite3.Error:
                continue
        return False

    def discard_batch(self) -> None:
        """Roll back the open batch: nothing of it reaches the database."""
        if self.conn.in_transaction:
            self.conn.rollback()
        self._pending = 0
        self._batch_started = time.monotonic()

    def run_summary(self, run_id: int) -> dict[str, Any]:
        """Counts for one run: pages by verdict, errors by reason, articles new."""
        verdicts = dict(
            self.conn.execute(
                "SELECT verdict, count(*) FROM pages WHERE crawl_run_id = ? GROUP BY verdict",
                (run_id,),
            ).fetchall()
        )
        errors = dict(
            self.conn.execute(
                "SELECT coalesce(reason, 'unknown'), count(*) FROM pages "
                "WHERE crawl_run_id = ? AND verdict = ? GROUP BY reason ORDER BY 2 DESC",
                (run_id, ERROR),
            ).fetchall()
        )
        fetched = self.conn.execute(
            "SELECT count(*) FROM pages WHERE crawl_run_id = ? AND status IS NOT NULL",
            (run_id,),
        ).fetchone()[0]
        new_articles = self.conn.execute(
            "SELECT count(*) FROM articles WHERE crawl_run_id = ?", (run_id,)
        ).fetchone()[0]
        return {
            "pages_recorded": sum(verdicts.values()),
            "pages_fetched": fetched,
            "articles_new": new_articles,
            "verdicts": verdicts,
            "errors": errors,
        }

    # -- frontier ---------------------------------------------------------------------------

    def already_fetched(self, url: str) -> bool:
        """True when ``url`` needs no fetch: it has a final verdict, or is a stored article URL.

        Pages that failed with a server or network error, or 429 Too Many Requests, are
        fetched again; other 4xx are final. So are pages refused by robots.txt, but not those
        refused because the robots.txt itself could not be read (:data:`DISALLOWED_FOR_THE_RUN`).
        """
        # One statement for both look-ups (the page row, else a stored article): asked for
        # every link a crawl finds, 8.9 -> 4.9 µs a new URL.
        verdict, status, reason, has_page, has_article = self.conn.execute(
            "SELECT p.verdict, p.status, p.reason, p.url IS NOT NULL, "
            "EXISTS (SELECT 1 FROM articles WHERE url = ?1) "
            "FROM (SELECT 1) LEFT JOIN pages AS p ON p.url = ?1", (url,)
        ).fetchone()
        if has_page:
            if verdict == BLOCKED_BY_ROBOTS and (reason or "").endswith(DISALLOWED_FOR_THE_RUN):
                return False
            if verdict != ERROR:
                return True
            return status is not None and 400 <= status < 500 and status != 429
        return bool(has_article)

    def already_ingested(self, url: str, warc_file: str, warc_offset: int) -> bool:
        """True when ``url``'s page row came from this very WARC record (same file name, offset).

        An archived response never changes, so reading it again would only record the same
        outcome twice (an archived 503, say, which :meth:`already_fetched` would retry).
        """
        row = self.conn.execute("SELECT warc_file, warc_offset FROM pages WHERE url = ?", (url,)).fetchone()
        if row is None or row[0] is None or row[1] != warc_offset:
            return False
        return PurePath(row[0]).name == PurePath(warc_file).name

    def validators(self, url: str, *, finished_runs_only: bool = False) -> dict[str, str]:
        """Conditional-request headers (If-None-Match, If-Modified-Since) from the last fetch.

        With ``finished_runs_only`` (feeds, sitemaps), only a fetch by a run that finished
        counts: a run killed halfway may not have followed every link the listing gave.
        """
        sql = "SELECT p.etag, p.last_modified FROM pages p"
        if finished_runs_only:
            sql += " JOIN crawl_runs r ON r.id = p.crawl_run_id AND r.status = 'finished'"
        row = self.conn.execute(sql + " WHERE p.url = ?", (url,)).fetchone()
        headers = {}
        if row and row[0]:
            headers["If-None-Match"] = row[0]
        if row and row[1]:
            headers["If-Modified-Since"] = row[1]
        return headers

    def listing_pages(self, outlet: str, discovered_via: str) -> list[str]:
        """URLs of ``outlet``'s listing pages (sitemaps, sections) that earlier runs read, newest first.

        What a listing that now answers 304 Not Modified led to before: its links are
        unchanged, but the sub-listings and child sitemaps behind them may not be.
        """
        return [row[0] for row in self.conn.execute(
            "SELECT url FROM pages WHERE outlet = ? AND discovered_via = ? AND verdict = 'not-article' "
            "ORDER BY fetched_at DESC", (outlet, discovered_via))]

    def fetched_urls(self) -> Iterator[str]:
        """Every URL :meth:`already_fetched` says needs no fetch (for a distributed crawl's workers)."""
        cursor = self.conn.execute(
            f"SELECT url FROM pages WHERE (verdict != ? AND NOT {_ROBOTS_UNREAD}) "
            "OR (status BETWEEN 400 AND 499 AND status != 429) "
            "UNION SELECT url FROM articles", (ERROR,))
        while batch := cursor.fetchmany(5000):
            yield from (row[0] for row in batch)

    def listing_validators(self) -> list[dict[str, Any]]:
        """url, etag, last_modified of listing pages (not articles) fetched by finished runs:
        :meth:`validators` with ``finished_runs_only``, for every listing at once."""
        return _dicts(self.conn.execute(
            "SELECT p.url, p.etag, p.last_modified FROM pages p "
            "JOIN crawl_runs r ON r.id = p.crawl_run_id AND r.status = 'finished' "
            "WHERE p.verdict = 'not-article' AND (p.etag IS NOT NULL OR p.last_modified IS NOT NULL)"))

    def page_delivered(self, delivery_id: str) -> bool:
        """True when a page pushed with this id (distributed crawls) is stored already."""
        return self.conn.execute(
            "SELECT 1 FROM delivered_pages WHERE id = ?", (delivery_id,)).fetchone() is not None

    def record_delivery(self, delivery_id: str, run_id: int | None) -> None:
        """Remember a pushed page as stored (inside :meth:`one_page`, with the page's rows)."""
        self.conn.execute("INSERT OR IGNORE INTO delivered_pages (id, crawl_run_id) VALUES (?, ?)",
                          (delivery_id, run_id))

    def pages_to_revisit(self, window_days: float, after_hours: float) -> list[dict[str, Any]]:
        """Article pages young enough to be re-fetched (stealth edits) and not fetched lately.

        Young: published (or, undated, first seen) within ``window_days``; lately: within
        ``after_hours``. Returns url, outlet, article_id.
        """
        if window_days <= 0:
            return []
        now = utcnow()
        return list(self.db.query(
            "SELECT p.url AS url, p.outlet AS outlet, p.article_id AS article_id "
            "FROM pages p JOIN articles a ON a.id = p.article_id "
            "WHERE p.verdict = 'article' AND coalesce(a.published_at, a.first_seen_at) >= ? "
            "AND p.fetched_at <= ? ORDER BY p.fetched_at",
            (iso(now - timedelta(days=window_days)), iso(now - timedelta(hours=after_hours))),
        ))

    def pages_to_retry(self) -> list[dict[str, Any]]:
        """Pages that failed in a way worth another try: 5xx, 429, or no response at all; or
        a 2xx response whose extraction failed (a worker that crashed or ran past its time
        limit: the page may not be in the feed that named it any more, nor is that feed read
        again when it answers 304); or refused because their site's robots.txt could not be read."""
        return list(self.db.query(
            "SELECT url, outlet FROM pages WHERE discovered_via NOT IN ('feed', 'sitemap') AND "
            "((verdict = 'error' AND (status IS NULL OR status >= 500 OR status = 429 "
            f"OR status BETWEEN 200 AND 299)) OR {_ROBOTS_UNREAD})"
        ))

    def archived_pages(self, outlets: Iterable[str]) -> list[dict[str, Any]]:
        """Fetched pages with a WARC copy, for re-extraction (not feeds, sitemaps or errors)."""
        slugs = list(outlets)
        marks = ", ".join("?" for _ in slugs)
        return list(self.db.query(
            "SELECT url, outlet, warc_file, warc_offset FROM pages WHERE warc_file IS NOT NULL "
            "AND verdict IN ('article', 'off-topic', 'not-article', 'duplicate') "
            "AND discovered_via NOT IN ('feed', 'sitemap') AND status BETWEEN 200 AND 299 "
            f"AND outlet IN ({marks}) ORDER BY fetched_at",
            slugs,
        ))

    # -- articles ---------------------------------------------------------------------------

    def article_by_url(self, url: str) -> dict[str, Any] | None:
        """The stored article with this canonical URL, as a dict, or None."""
        rows = _dicts(self.conn.execute(
            "SELECT id, outlet, cluster_id, text_hash, fetched_url, title FROM articles WHERE url = ?", (url,)
        ))
        return rows[0] if rows else None

    def article_by_hash(self, text_hash: str) -> list[dict[str, Any]]:
        """Stored articles whose normalized text hash is ``text_hash``, oldest first."""
        return _dicts(self.conn.execute(
            "SELECT id, outlet, cluster_id, url FROM articles WHERE text_hash = ? ORDER BY id", (text_hash,)
        ))

    def insert_article(self, article: Article, run_id: int | None) -> int:
        """Insert a new article (inside the open batch) and return its id."""
        now = iso(utcnow())
        cursor = self.conn.execute(
            "INSERT INTO articles (url, outlet, title, authors, credit, published_at, modified_at, "
            "date_source, language, description, text, word_count, text_hash, cluster_id, "
            "topics, fetched_url, first_seen_at, last_seen_at, crawl_run_id, facets, "
            "published_local, published_day, fts_title, fts_text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.url, article.outlet, article.title, json.dumps(article.authors),
                json.dumps(article.credit),
                iso(article.published_at), iso(article.modified_at), article.date_source,
                article.language, article.description, article.text, article.word_count,
                article.text_hash, article.cluster_id, json.dumps(article.topics),
                article.fetched_url, now, now, run_id,
                stored_facets(article.outlet, article.language, _day_of(article), article.topics)
                + character_facets(article.title, article.text),
                article.published_local, article.published_day,
                paired(article.title), paired(article.text),
            ),
        )
        article_id = int(cursor.lastrowid)
        if article.cluster_id is None:
            self.conn.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", (article_id, article_id))
            article.cluster_id = article_id
        elif article.merges:  # the clusters this copy links: one story, one cluster
            marks = ", ".join("?" * len(article.merges))
            self.conn.execute(f"UPDATE articles SET cluster_id = ? WHERE cluster_id IN ({marks})",  # noqa: S608
                              (article.cluster_id, *article.merges))
        self._count_write_and_commit_if_due()
        return article_id

    def add_minhash(self, article_id: int, signature: bytes, band_keys: list[int]) -> None:
        """Index an article's MinHash signature under its LSH band keys."""
        self._index_minhash(article_id, signature, band_keys)
        self._count_write_and_commit_if_due()

    def _index_minhash(self, article_id: int, signature: bytes, band_keys: list[int]) -> None:
        """Write the signature and band-key rows (the repair writes them outside any batch)."""
        self.conn.execute(
            "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)",
            (article_id, signature),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO minhash_bands (band, key, article_id) VALUES (?, ?, ?)",
            [(band, key, article_id) for band, key in enumerate(band_keys)],
        )

    def near_duplicate_candidates(self, band_keys: list[int]) -> list[dict[str, Any]]:
        """Articles sharing at least one LSH band key, with their signatures, oldest first."""
        if not band_keys:
            return []
        values = ", ".join("(?, ?)" for _ in band_keys)
        params = [v for band, key in enumerate(band_keys) for v in (band, key)]
        # A join on the band keys uses minhash_bands' primary key; `(band, key) IN (VALUES ...)`
        # made SQLite scan the whole table (0.6 s a lookup at 1M articles; this: ~0.02 ms).
        return _dicts(self.conn.execute(
            f"WITH q(band, key) AS (VALUES {values}) "
            "SELECT a.id, a.outlet, a.cluster_id, a.url, m.signature FROM articles a "
            "JOIN article_minhash m ON m.article_id = a.id WHERE a.id IN ("
            "SELECT b.article_id FROM q JOIN minhash_bands b ON b.band = q.band AND b.key = q.key"
            ") ORDER BY a.id",
            params,
        ))

    def update_article(
        self, article_id: int, article: Article, run_id: int | None, *, keep_version: bool = True
    ) -> None:
        """Store new content in place; with ``keep_version`` the old title and text become a version."""
        now = iso(utcnow())
        if keep_version:
            self.conn.execute(
                "INSERT INTO article_versions (article_id, seen_at, title, text, text_hash, crawl_run_id) "
                "SELECT id, last_seen_at, title, text, text_hash, crawl_run_id FROM articles WHERE id = ?",
                (article_id,),
            )
        current = next(self.db.query(
            "SELECT outlet, published_at, published_day FROM articles WHERE id = ?", [article_id]),
            None) or {}
        # a page that no longer shows a date keeps the dates stored before (all three together)
        if article.published_at is not None:
            day = _day_of(article)
        else:
            day = current.get("published_day") or (current.get("published_at") or "")[:10] or None
        self.conn.execute(
            "UPDATE articles SET title = ?, authors = ?, credit = ?, "
            "published_at = coalesce(?, published_at), "
            "published_local = CASE WHEN ? IS NULL THEN published_local ELSE ? END, "
            "published_day = CASE WHEN ? IS NULL THEN published_day ELSE ? END, "
            "modified_at = coalesce(?, modified_at), date_source = coalesce(?, date_source), "
            "language = ?, description = ?, text = ?, word_count = ?, text_hash = ?, topics = ?, "
            "last_seen_at = ?, facets = ?, fts_title = ?, fts_text = ? WHERE id = ?",
            (
                article.title, json.dumps(article.authors), json.dumps(article.credit),
                iso(article.published_at),
                iso(article.published_at), article.published_local,
                iso(article.published_at), article.published_day,
                iso(article.modified_at), article.date_source if article.published_at else None,
                article.language, article.description, article.text, article.word_count,
                article.text_hash, json.dumps(article.topics), now,
                stored_facets(current.get("outlet"), article.language, day, article.topics)
                + character_facets(article.title, article.text),
                paired(article.title), paired(article.text), article_id,
            ),
        )
        self._count_write_and_commit_if_due()

    def move_article_page(self, article_id: int, old_url: str, new_url: str) -> None:
        """Make ``new_url`` (the canonical page) the article's page; ``old_url`` becomes a duplicate."""
        self.conn.execute("UPDATE articles SET fetched_url = ? WHERE id = ?", (new_url, article_id))
        self.conn.execute(
            "UPDATE pages SET verdict = 'duplicate', reason = ? WHERE url = ? AND article_id = ?",
            (f"same canonical URL as article {article_id} ({new_url})", old_url, article_id),
        )
        self._count_write_and_commit_if_due()

    def touch_article(self, article_id: int) -> None:
        """Record that an already stored article was seen again."""
        self.conn.execute(
            "UPDATE articles SET last_seen_at = ? WHERE id = ?", (iso(utcnow()), article_id)
        )
        self._count_write_and_commit_if_due()

    # -- pages ------------------------------------------------------------------------------

    def record_page(self, page: FetchedPage, run_id: int | None) -> None:
        """Write the fetch-log row of a page (and of the URLs that redirected to it)."""
        fetched_at = iso(page.fetched_at)
        content_type = page.headers.get("content-type")
        row = (
            page.url, page.outlet, page.final_url, page.status, page.verdict, page.reason,
            page.article_id, content_type, page.discovered_via, page.headers.get("etag"),
            page.headers.get("last-modified"), fetched_at, run_id, page.warc_file, page.warc_offset,
            page.charset, page.charset_declared,
        )
        self.conn.execute(
            "INSERT INTO pages (url, outlet, final_url, status, verdict, reason, article_id, "
            "content_type, discovered_via, etag, last_modified, fetched_at, crawl_run_id, "
            "warc_file, warc_offset, charset, charset_declared) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET outlet = excluded.outlet, "
            "final_url = excluded.final_url, status = excluded.status, "
            "verdict = excluded.verdict, reason = excluded.reason, "
            "article_id = excluded.article_id, content_type = excluded.content_type, "
            "discovered_via = excluded.discovered_via, etag = excluded.etag, "
            "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, "
            "crawl_run_id = excluded.crawl_run_id, warc_file = excluded.warc_file, "
            "warc_offset = excluded.warc_offset, charset = excluded.charset, "
            "charset_declared = excluded.charset_declared",
            row,
        )
        self._count_write_and_commit_if_due()
