"""The SQLite corpus: schema, migrations and every read and write (the only module that speaks SQL).

The database runs in WAL mode with foreign keys on, so Datasette and ``newscrawl search`` can
read while a crawl writes. Writes are batched: a transaction stays open for up to
``batch_size`` writes or ``batch_seconds`` and is committed then, on :meth:`Store.flush` and
on :meth:`Store.close`. A crawl killed mid-batch loses only the uncommitted pages, which are
simply fetched again next time (URLs are unique, so nothing is ever stored twice).
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from newscrawl.items import ARTICLE, ERROR, Article, FetchedPage
from newscrawl.judge.query import fts5_all
from newscrawl.store.facets import article_facets, filter_expression

SCHEMA_VERSION = 3

# Most matching articles BM25 ranks in one search (see Store.search); and BM25 with title hits
# weighted 10 to 1 (the facets column, filter tokens only, weighs nothing).
RANK_WINDOW = 2000
_BM25 = "bm25(articles_fts, 10.0, 1.0, 0.0)"
# Widest span of article ids that one pass over a search's matches covers (see Store._matching).
_ID_SPAN = 100_000


KNOWN_TABLES = frozenset(
    {"outlets", "articles", "pages", "crawl_runs", "article_versions", "article_minhash", "minhash_bands"}
)


class StoreError(Exception):
    """A database the user pointed at cannot be used (unwritable, corrupt, too new)."""


def utcnow() -> datetime:
    """The current time, aware, in UTC, to the second."""
    return datetime.now(UTC).replace(microsecond=0)


def iso(value: datetime | None) -> str | None:
    """ISO 8601 in UTC (``2026-01-28T14:05:00+00:00``) or None."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat()


def _create_v1(db: sqlite_utils.Database) -> None:
    db["outlets"].create(
        {
            "slug": str, "name": str, "domain": str, "homepage": str, "country": str,
            "language": str, "kind": str, "timezone": str, "verified": int,
            "feeds": str, "sitemaps": str,
        },
        pk="slug",
    )
    db["crawl_runs"].create(
        {
            "id": int, "started_at": str, "finished_at": str, "command": str,
            "topic": str, "status": str, "stats": str,
        },
        pk="id",
    )
    db["articles"].create(
        {
            "id": int, "url": str, "outlet": str, "title": str, "authors": str,
            "published_at": str, "modified_at": str, "date_source": str, "language": str,
            "description": str, "text": str, "word_count": int, "text_hash": str,
            "cluster_id": int, "topics": str, "fetched_url": str, "first_seen_at": str,
            "last_seen_at": str, "crawl_run_id": int,
        },
        pk="id",
        not_null={"url", "outlet"},
        foreign_keys=[("outlet", "outlets", "slug"), ("crawl_run_id", "crawl_runs", "id")],
    )
    db["articles"].create_index(["url"], unique=True)
    for column in ("text_hash", "outlet", "published_at", "cluster_id"):
        db["articles"].create_index([column])
    db["article_versions"].create(
        {
            "id": int, "article_id": int, "seen_at": str, "title": str, "text": str,
            "text_hash": str, "crawl_run_id": int,
        },
        pk="id",
        foreign_keys=[("article_id", "articles", "id"), ("crawl_run_id", "crawl_runs", "id")],
    )
    db["article_versions"].create_index(["article_id"])
    db["pages"].create(
        {
            "url": str, "outlet": str, "final_url": str, "status": int, "verdict": str,
            "reason": str, "article_id": int, "content_type": str, "discovered_via": str,
            "etag": str, "last_modified": str, "fetched_at": str, "crawl_run_id": int,
            "warc_file": str, "warc_offset": int,
        },
        pk="url",
        foreign_keys=[
            ("outlet", "outlets", "slug"),
            ("article_id", "articles", "id"),
            ("crawl_run_id", "crawl_runs", "id"),
        ],
    )
    db["pages"].create_index(["crawl_run_id", "verdict"])
    db["articles"].enable_fts(
        ["title", "text"], fts_version="FTS5", create_triggers=True, tokenize="porter unicode61"
    )


def _add_minhash_v2(db: sqlite_utils.Database) -> None:
    """Near-duplicate index: one MinHash signature per article and its LSH band keys."""
    db["article_minhash"].create(
        {"article_id": int, "signature": bytes},
        pk="article_id",
        foreign_keys=[("article_id", "articles", "id")],
    )
    db.execute(
        "CREATE TABLE minhash_bands (band INTEGER NOT NULL, key INTEGER NOT NULL, "
        "article_id INTEGER NOT NULL REFERENCES articles(id), PRIMARY KEY (band, key, article_id)) "
        "WITHOUT ROWID"
    )


def _facets_of(outlet: str | None, language: str | None, published_at: str | None, topics: Any) -> str:
    """The ``facets`` value of an article (``topics``: JSON text or a dict of topic slug -> match)."""
    if isinstance(topics, str):
        try:
            topics = json.loads(topics)
        except ValueError:
            topics = None
    return article_facets(outlet, language, published_at, topics if isinstance(topics, dict) else {})


# Columns whose change re-indexes an article.
_INDEXED_COLUMNS = ("title", "text", "facets")


def _facet_fts_v3(db: sqlite_utils.Database) -> None:
    """Search filters in the full-text index: ``articles.facets`` (see :mod:`newscrawl.store.facets`).

    Adds and fills the column, then recreates ``articles_fts`` over title, text and facets
    with triggers that re-index an article only when one of those changes (not on
    ``last_seen_at`` or ``cluster_id`` updates), and rebuilds the index.
    """
    db.execute("ALTER TABLE articles ADD COLUMN facets TEXT")
    rows = db.execute("SELECT id, outlet, language, published_at, topics FROM articles")
    while batch := rows.fetchmany(5000):
        db.conn.executemany(
            "UPDATE articles SET facets = ? WHERE id = ?",
            [(_facets_of(outlet, language, published, topics), article_id)
             for article_id, outlet, language, published, topics in batch],
        )
    for (name,) in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'articles'"
    ).fetchall():
        db.execute(f"DROP TRIGGER [{name}]")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    columns = ", ".join(_INDEXED_COLUMNS)
    db.execute(
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({columns}, content='articles', content_rowid='id', "
        "tokenize='porter unicode61')"
    )
    new = ", ".join(f"new.{c}" for c in _INDEXED_COLUMNS)
    old = ", ".join(f"old.{c}" for c in _INDEXED_COLUMNS)
    insert = f"INSERT INTO articles_fts (rowid, {columns}) VALUES (new.id, {new});"
    delete = f"INSERT INTO articles_fts (articles_fts, rowid, {columns}) VALUES ('delete', old.id, {old});"
    db.execute(f"CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN {insert} END")
    db.execute(f"CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN {delete} END")
    db.execute(
        f"CREATE TRIGGER articles_au AFTER UPDATE OF {columns} ON articles BEGIN {delete} {insert} END"
    )
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


# Each migration brings the schema from version N-1 to N.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _create_v1, 2: _add_minhash_v2, 3: _facet_fts_v3,
}


class Store:
    """The article database. Open with :meth:`Store.open`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        batch_size: int = 50,
        batch_seconds: float = 2.0,
    ) -> None:
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._pending = 0
        self._batch_started = time.monotonic()

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        create: bool = True,
        batch_size: int = 50,
        batch_seconds: float = 2.0,
    ) -> Store:
        """Open (and create or migrate) the database at ``path``; :class:`StoreError` if unusable."""
        path = Path(path)
        exists = path.exists()
        if exists and not path.is_file():
            raise StoreError(f"{path}: is not a file; give --db a path to a .db file")
        if not exists:
            if readonly or not create:
                raise StoreError(f"{path}: no such database; run `newscrawl crawl --db {path}` first")
            parent = path.parent
            if not parent.is_dir():
                raise StoreError(
                    f"{path}: cannot create the database, {parent} is not an existing directory"
                )
        try:
            if readonly:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            else:
                conn = sqlite3.connect(str(path), check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if not readonly:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA busy_timeout = 10000")
        except sqlite3.DatabaseError as exc:
            if not exists and path.exists():
                path.unlink()
            raise StoreError(f"{path}: cannot open as a SQLite database ({exc})") from None
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{path}: schema version {version} is newer than this newscrawl "
                f"({SCHEMA_VERSION}); upgrade newscrawl"
            )
        if version == 0 and tables and not readonly:
            conn.close()
            raise StoreError(f"{path}: is a SQLite database but not a newscrawl one; use another --db")
        store = cls(conn, path, batch_size=batch_size, batch_seconds=batch_seconds)
        if not readonly:
            store.migrate()
        return store

    def migrate(self) -> None:
        """Apply every migration newer than the database's ``user_version``."""
        version = self.conn.execute("PRAGMA user_version").fetchone()[0]
        for target in sorted(v for v in MIGRATIONS if v > version):
            with self.conn:
                MIGRATIONS[target](self.db)
                self.conn.execute(f"PRAGMA user_version = {target}")

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    # -- transactions ----------------------------------------------------------------------

    def _wrote(self) -> None:
        self._pending += 1
        elapsed = time.monotonic() - self._batch_started
        if self._pending >= self.batch_size or elapsed >= self.batch_seconds:
            self.flush()

    def flush(self) -> None:
        """Commit the open batch."""
        self.conn.commit()
        self._pending = 0
        self._batch_started = time.monotonic()

    def close(self) -> None:
        """Commit and close."""
        try:
            self.flush()
        finally:
            self.conn.close()

    # -- outlets and runs --------------------------------------------------------------------

    def upsert_outlets(self, rows: Iterable[dict[str, Any]]) -> None:
        """Insert or update outlet rows (``Outlet.to_row()`` dicts)."""
        with self.conn:
            self.db["outlets"].upsert_all(list(rows), pk="slug")

    def mark_interrupted_runs(self) -> int:
        """Runs still 'running' when a new one starts (under the crawl lock) were killed."""
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

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        """Mark a run finished with its status and statistics."""
        self.flush()
        with self.conn:
            self.conn.execute(
                "UPDATE crawl_runs SET finished_at = ?, status = ?, stats = ? WHERE id = ?",
                (iso(utcnow()), status, json.dumps(stats, default=str, sort_keys=True), run_id),
            )

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        """The latest crawl runs, newest first, with ``stats`` decoded."""
        rows = self.conn.execute(
            "SELECT id, started_at, finished_at, command, topic, status, stats "
            "FROM crawl_runs ORDER BY id DESC LIMIT ?",
            (limit,),
        ).fetchall()
        keys = ("id", "started_at", "finished_at", "command", "topic", "status", "stats")
        runs = [dict(zip(keys, row, strict=True)) for row in rows]
        for run in runs:
            run["stats"] = json.loads(run["stats"]) if run["stats"] else {}
        return runs

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
        fetched again; other 4xx are final.
        """
        row = self.conn.execute(
            "SELECT verdict, status FROM pages WHERE url = ?", (url,)
        ).fetchone()
        if row is not None:
            verdict, status = row
            if verdict != ERROR:
                return True
            return status is not None and 400 <= status < 500 and status != 429
        return self.article_by_url(url) is not None

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

    def pages_to_revisit(self, window_days: float, after_hours: float) -> list[dict[str, Any]]:
        """Article pages young enough to be re-fetched (stealth edits) and not fetched lately.

        Young: published (or, undated, first seen) within ``window_days``; lately: within
        ``after_hours``. Returns url, outlet, article_id.
        """
        if window_days <= 0:
            return []
        now = utcnow()
        cursor = self.conn.execute(
            "SELECT p.url, p.outlet, p.article_id FROM pages p JOIN articles a ON a.id = p.article_id "
            "WHERE p.verdict = 'article' AND coalesce(a.published_at, a.first_seen_at) >= ? "
            "AND p.fetched_at <= ? ORDER BY p.fetched_at",
            (iso(now - timedelta(days=window_days)), iso(now - timedelta(hours=after_hours))),
        )
        return [dict(zip(("url", "outlet", "article_id"), row, strict=True)) for row in cursor]

    def pages_to_retry(self) -> list[dict[str, Any]]:
        """Pages that failed in a way worth another try: 5xx, 429, or no response at all."""
        cursor = self.conn.execute(
            "SELECT url, outlet FROM pages WHERE verdict = 'error' AND discovered_via NOT IN "
            "('feed', 'sitemap') AND (status IS NULL OR status >= 500 OR status = 429)"
        )
        return [dict(zip(("url", "outlet"), row, strict=True)) for row in cursor]

    def archived_pages(self, outlets: Iterable[str]) -> list[dict[str, Any]]:
        """Fetched pages with a WARC copy, for re-extraction (not feeds, sitemaps or errors)."""
        slugs = list(outlets)
        marks = ", ".join("?" for _ in slugs)
        cursor = self.conn.execute(
            "SELECT url, outlet, warc_file, warc_offset FROM pages WHERE warc_file IS NOT NULL "
            "AND verdict IN ('article', 'off-topic', 'not-article', 'duplicate') "
            "AND discovered_via NOT IN ('feed', 'sitemap') AND status BETWEEN 200 AND 299 "
            f"AND outlet IN ({marks}) ORDER BY fetched_at",
            slugs,
        )
        return [dict(zip(("url", "outlet", "warc_file", "warc_offset"), r, strict=True)) for r in cursor]

    # -- articles ---------------------------------------------------------------------------

    def article_by_url(self, url: str) -> dict[str, Any] | None:
        """The stored article with this canonical URL, as a dict, or None."""
        return self._one(
            "SELECT id, outlet, cluster_id, text_hash, fetched_url, title FROM articles WHERE url = ?", url
        )

    def article_by_hash(self, text_hash: str) -> list[dict[str, Any]]:
        """Stored articles whose normalized text hash is ``text_hash``, oldest first."""
        rows = self.conn.execute(
            "SELECT id, outlet, cluster_id, url FROM articles WHERE text_hash = ? ORDER BY id",
            (text_hash,),
        ).fetchall()
        return [dict(zip(("id", "outlet", "cluster_id", "url"), r, strict=True)) for r in rows]

    def _one(self, sql: str, *params: Any) -> dict[str, Any] | None:
        cursor = self.conn.execute(sql, params)
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row, strict=True))

    def insert_article(self, article: Article, run_id: int | None) -> int:
        """Insert a new article (inside the open batch) and return its id."""
        now = iso(utcnow())
        cursor = self.conn.execute(
            "INSERT INTO articles (url, outlet, title, authors, published_at, modified_at, "
            "date_source, language, description, text, word_count, text_hash, cluster_id, "
            "topics, fetched_url, first_seen_at, last_seen_at, crawl_run_id, facets) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article.url, article.outlet, article.title, json.dumps(article.authors),
                iso(article.published_at), iso(article.modified_at), article.date_source,
                article.language, article.description, article.text, article.word_count,
                article.text_hash, article.cluster_id, json.dumps(article.topics),
                article.fetched_url, now, now, run_id,
                _facets_of(article.outlet, article.language, iso(article.published_at), article.topics),
            ),
        )
        article_id = int(cursor.lastrowid)
        if article.cluster_id is None:
            self.conn.execute("UPDATE articles SET cluster_id = ? WHERE id = ?", (article_id, article_id))
            article.cluster_id = article_id
        self._wrote()
        return article_id

    def add_minhash(self, article_id: int, signature: bytes, band_keys: list[int]) -> None:
        """Index an article's MinHash signature under its LSH band keys."""
        self.conn.execute(
            "INSERT OR REPLACE INTO article_minhash (article_id, signature) VALUES (?, ?)",
            (article_id, signature),
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO minhash_bands (band, key, article_id) VALUES (?, ?, ?)",
            [(band, key, article_id) for band, key in enumerate(band_keys)],
        )
        self._wrote()

    def near_duplicate_candidates(self, band_keys: list[int]) -> list[dict[str, Any]]:
        """Articles sharing at least one LSH band key, with their signatures, oldest first."""
        if not band_keys:
            return []
        values = ", ".join("(?, ?)" for _ in band_keys)
        params = [v for band, key in enumerate(band_keys) for v in (band, key)]
        # A join on the band keys uses minhash_bands' primary key; `(band, key) IN (VALUES ...)`
        # made SQLite scan the whole table (0.6 s a lookup at 1M articles; this: ~0.02 ms).
        cursor = self.conn.execute(
            f"WITH q(band, key) AS (VALUES {values}) "
            "SELECT a.id, a.outlet, a.cluster_id, a.url, m.signature FROM articles a "
            "JOIN article_minhash m ON m.article_id = a.id WHERE a.id IN ("
            "SELECT b.article_id FROM q JOIN minhash_bands b ON b.band = q.band AND b.key = q.key"
            ") ORDER BY a.id",
            params,
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

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
        current = self._one("SELECT outlet, published_at FROM articles WHERE id = ?", article_id) or {}
        published = iso(article.published_at) or current.get("published_at")
        self.conn.execute(
            "UPDATE articles SET title = ?, authors = ?, published_at = coalesce(?, published_at), "
            "modified_at = coalesce(?, modified_at), date_source = coalesce(?, date_source), "
            "language = ?, description = ?, text = ?, word_count = ?, text_hash = ?, topics = ?, "
            "last_seen_at = ?, facets = ? WHERE id = ?",
            (
                article.title, json.dumps(article.authors), iso(article.published_at),
                iso(article.modified_at), article.date_source if article.published_at else None,
                article.language, article.description, article.text, article.word_count,
                article.text_hash, json.dumps(article.topics), now,
                _facets_of(current.get("outlet"), article.language, published, article.topics), article_id,
            ),
        )
        self._wrote()

    def move_article_page(self, article_id: int, old_url: str, new_url: str) -> None:
        """Make ``new_url`` (the canonical page) the article's page; ``old_url`` becomes a duplicate."""
        self.conn.execute("UPDATE articles SET fetched_url = ? WHERE id = ?", (new_url, article_id))
        self.conn.execute(
            "UPDATE pages SET verdict = 'duplicate', reason = ? WHERE url = ? AND article_id = ?",
            (f"same canonical URL as article {article_id} ({new_url})", old_url, article_id),
        )
        self._wrote()

    def touch_article(self, article_id: int) -> None:
        """Record that an already stored article was seen again."""
        self.conn.execute(
            "UPDATE articles SET last_seen_at = ? WHERE id = ?", (iso(utcnow()), article_id)
        )
        self._wrote()

    # -- pages ------------------------------------------------------------------------------

    def record_page(self, page: FetchedPage, run_id: int | None) -> None:
        """Write the fetch-log row of a page (and of the URLs that redirected to it)."""
        fetched_at = iso(page.fetched_at)
        content_type = page.headers.get("content-type")
        row = (
            page.url, page.outlet, page.final_url, page.status, page.verdict, page.reason,
            page.article_id, content_type, page.discovered_via, page.headers.get("etag"),
            page.headers.get("last-modified"), fetched_at, run_id, page.warc_file, page.warc_offset,
        )
        self.conn.execute(
            "INSERT INTO pages (url, outlet, final_url, status, verdict, reason, article_id, "
            "content_type, discovered_via, etag, last_modified, fetched_at, crawl_run_id, "
            "warc_file, warc_offset) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(url) DO UPDATE SET outlet = excluded.outlet, "
            "final_url = excluded.final_url, status = excluded.status, "
            "verdict = excluded.verdict, reason = excluded.reason, "
            "article_id = excluded.article_id, content_type = excluded.content_type, "
            "discovered_via = excluded.discovered_via, etag = excluded.etag, "
            "last_modified = excluded.last_modified, fetched_at = excluded.fetched_at, "
            "crawl_run_id = excluded.crawl_run_id, warc_file = excluded.warc_file, "
            "warc_offset = excluded.warc_offset",
            row,
        )
        self._wrote()

    # -- reads for users ----------------------------------------------------------------------

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
        cursor = self.conn.execute(sql, tuple(params))
        names = [d[0] for d in cursor.description]
        for row in cursor:
            yield dict(zip(names, row, strict=True))

    def latest_articles(self, limit: int = 10) -> list[dict[str, Any]]:
        """The most recently published articles: id, outlet, published_at, title, cluster_id."""
        cursor = self.conn.execute(
            "SELECT id, outlet, published_at, date_source, title, cluster_id FROM articles "
            "ORDER BY published_at IS NULL, published_at DESC, id DESC LIMIT ?",
            (limit,),
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

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

        ``since``/``until`` (ISO dates) filter on each copy's published_at (first_seen_at when
        undated); ``topic`` keeps copies that matched that topic slug.
        """
        where, params = self._copy_filters(outlets, topic, since, until)
        cursor = self.conn.execute(
            "SELECT a.cluster_id AS cluster_id, count(*) AS size, "
            "group_concat(DISTINCT a.outlet) AS outlets, min(a.first_seen_at) AS first_seen_at, "
            "f.outlet AS first_outlet, f.url AS first_url, f.title AS title, "
            "(SELECT count(*) FROM pages p WHERE p.verdict = 'duplicate' AND p.article_id IN "
            " (SELECT id FROM articles WHERE cluster_id = a.cluster_id)) AS duplicate_urls "
            f"FROM articles a JOIN articles f ON f.id = a.cluster_id WHERE {where} "
            "GROUP BY a.cluster_id HAVING count(*) >= ? ORDER BY size DESC, first_seen_at LIMIT ?",
            [*params, min_size, limit],
        )
        names = [d[0] for d in cursor.description]
        rows = [dict(zip(names, row, strict=True)) for row in cursor]
        for row in rows:
            row["outlets"] = sorted((row["outlets"] or "").split(","))
        return rows

    def article(self, article_id: int) -> dict[str, Any] | None:
        """One article row with JSON columns decoded, its copies and its other URLs."""
        row = self._one("SELECT * FROM articles WHERE id = ?", article_id)
        if row is None:
            return None
        row["authors"] = json.loads(row["authors"] or "[]")
        row["topics"] = json.loads(row["topics"] or "{}")
        row["copies"] = [
            dict(zip(("id", "outlet", "url", "first_seen_at"), r, strict=True))
            for r in self.conn.execute(
                "SELECT id, outlet, url, first_seen_at FROM articles WHERE cluster_id = ? AND id != ? "
                "ORDER BY id", (row["cluster_id"], article_id))
        ]
        row["other_urls"] = [
            url for (url,) in self.conn.execute(
                "SELECT url FROM pages WHERE article_id = ? AND url != ? ORDER BY fetched_at",
                (article_id, row["fetched_url"] or row["url"]))
        ]
        return row

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Earlier versions of an article, oldest first."""
        cursor = self.conn.execute(
            "SELECT id, seen_at, title, text, crawl_run_id FROM article_versions "
            "WHERE article_id = ? ORDER BY id", (article_id,))
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def pages_by_verdict(self, run_id: int | None = None) -> dict[str, int]:
        """Pages per verdict, for one run or all."""
        sql = "SELECT verdict, count(*) FROM pages"
        params: tuple = ()
        if run_id is not None:
            sql += " WHERE crawl_run_id = ?"
            params = (run_id,)
        return dict(self.conn.execute(sql + " GROUP BY verdict", params).fetchall())

    # -- export reads ---------------------------------------------------------------------
    # For ``newscrawl export`` (newscrawl/export.py). The filters mean what they mean in
    # :meth:`search`: ``since``/``until`` are inclusive ISO days on published_at (undated
    # articles are left out), ``topic`` a slug in the article's topics JSON, ``fts_query`` an
    # expression from :func:`newscrawl.outputs.search.to_fts5`.

    # Export field -> SQL over ``articles a`` and ``outlets o``; ``copies`` is added by export_rows.
    EXPORT_COLUMNS: dict[str, str] = {
        "id": "a.id", "url": "a.url", "outlet": "a.outlet", "outlet_name": "o.name",
        "title": "a.title", "authors": "a.authors", "published_at": "a.published_at",
        "modified_at": "a.modified_at", "date_source": "a.date_source", "language": "a.language",
        "description": "a.description", "text": "a.text", "word_count": "a.word_count",
        "cluster_id": "coalesce(a.cluster_id, a.id)", "copies": "", "topics": "a.topics",
        "text_hash": "a.text_hash", "fetched_url": "a.fetched_url", "first_seen_at": "a.first_seen_at",
        "last_seen_at": "a.last_seen_at", "crawl_run_id": "a.crawl_run_id",
    }

    @staticmethod
    def _article_filters(
        alias: str, *, fts_query: str | None, outlets: Iterable[str], since: str | None,
        until: str | None, topic: str | None, language: str | None, one_row: bool = False,
    ) -> tuple[str, list[Any]]:
        """The WHERE clause (over table alias ``alias``) and parameters of the filters that
        ``search`` and ``export`` share (published days, not first-seen, for since/until).

        ``one_row``: for a correlated subquery, which checks a few rows; the full-text match is
        then asked for that row's id (an IN list there would be evaluated again for every row).
        """
        where, params = ["1 = 1"], []
        # One row (a cluster's copies): unary + keeps SQLite on the cluster_id index.
        col = f"+{alias}" if one_row else alias
        slugs = list(outlets)
        if slugs:
            where.append(f"{col}.outlet IN ({', '.join('?' for _ in slugs)})")
            params += slugs
        if since:
            where.append(f"{col}.published_at >= ?")
            params.append(since)
        if until:
            where.append(f"{col}.published_at < date(?, '+1 day')")
            params.append(until)
        if topic:
            where.append(f"json_extract({alias}.topics, '$.' || json_quote(?)) IS NOT NULL")
            params.append(topic)
        if language:
            where.append(f"lower({alias}.language) = lower(?)")
            params.append(language)
        if fts_query and one_row:
            where.append("EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? "
                         f"AND articles_fts.rowid = {alias}.id)")
            params.append(fts_query)
        elif fts_query:
            where.append(f"{alias}.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
            params.append(fts_query)
        return " AND ".join(where), params

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
        :attr:`EXPORT_COLUMNS`; JSON columns (authors, topics) come as stored text. Without
        ``include_duplicates`` a syndication cluster gives one row: its earliest-stored copy
        that passes the filters (normally the original). ``copies`` is how many of the
        cluster's articles pass the filters. A malformed ``fts_query`` raises
        :class:`newscrawl.outputs.search.SearchQueryError` (before the first batch).
        """
        from newscrawl.judge.query import SearchQueryError

        columns = list(columns)
        unknown = [c for c in columns if c not in self.EXPORT_COLUMNS]
        if unknown:
            raise ValueError(f"unknown export columns {unknown}")
        filters = {"fts_query": fts_query, "outlets": list(outlets), "since": since, "until": until,
                   "topic": topic, "language": language}
        where, params = self._article_filters("f", **filters)
        if params:  # the ids, in order, from the indexes; then each row once (no sort of whole rows)
            where = f"a.id IN (SELECT f.id FROM articles f WHERE {where})"
        other, other_params = self._article_filters("b", **filters, one_row=True)
        select, select_params = [], []
        for column in columns:
            if column == "copies":
                # ``a`` passes the filters itself; count the cluster's other copies that do.
                select.append(
                    "CASE WHEN a.cluster_id IS NULL THEN 1 ELSE 1 + (SELECT count(*) FROM articles b "
                    f"WHERE b.cluster_id = a.cluster_id AND b.id != a.id AND {other}) END")
                select_params += other_params
            else:
                select.append(self.EXPORT_COLUMNS[column])
        if not include_duplicates:
            where += (" AND (a.cluster_id IS NULL OR NOT EXISTS (SELECT 1 FROM articles b "
                      f"WHERE b.cluster_id = a.cluster_id AND b.id < a.id AND {other}))")
            params += other_params
        sql = (f"SELECT {', '.join(select)} FROM articles a LEFT JOIN outlets o ON o.slug = a.outlet "
               f"WHERE {where} ORDER BY a.id")
        try:
            cursor = self.conn.execute(sql, [*select_params, *params])
            batch = cursor.fetchmany(batch_size)
        except sqlite3.OperationalError as exc:
            if fts_query and any(s in str(exc) for s in ("fts5", "MATCH", "unterminated string",
                                                          "no such column", "unknown special query")):
                raise SearchQueryError(f"cannot search for {fts_query!r}: {exc}") from None
            raise
        try:
            while batch:
                yield batch
                batch = cursor.fetchmany(batch_size)
        finally:
            cursor.close()

    def outlet_rows(self, slugs: Iterable[str]) -> list[dict[str, Any]]:
        """Outlet rows (all columns) for these slugs, in slug order; unknown slugs are skipped."""
        wanted = sorted(set(slugs))
        if not wanted:
            return []
        cursor = self.conn.execute(
            f"SELECT * FROM outlets WHERE slug IN ({', '.join('?' for _ in wanted)}) ORDER BY slug", wanted)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def runs_by_id(self, run_ids: Iterable[int]) -> list[dict[str, Any]]:
        """Crawl runs with these ids, oldest first, ``stats`` decoded."""
        wanted = sorted({int(r) for r in run_ids})
        if not wanted:
            return []
        cursor = self.conn.execute(
            "SELECT id, started_at, finished_at, command, topic, status, stats FROM crawl_runs "
            f"WHERE id IN ({', '.join('?' for _ in wanted)}) ORDER BY id", wanted)
        names = [d[0] for d in cursor.description]
        runs = [dict(zip(names, row, strict=True)) for row in cursor]
        for run in runs:
            run["stats"] = json.loads(run["stats"]) if run["stats"] else {}
        return runs

    # -- report reads -----------------------------------------------------------------------
    # Aggregates for ``newscrawl report``. Every method takes the same filters as
    # :meth:`clusters`: ``outlets`` (slugs), ``topic`` (slug the article matched), ``since`` and
    # ``until`` (ISO days, inclusive, on published_at, or first_seen_at when undated).

    _TOPICS_JSON = "CASE WHEN json_valid(a.topics) THEN a.topics ELSE '{}' END"

    @staticmethod
    def _copy_filters(
        outlets: Iterable[str] = (), topic: str | None = None, since: str | None = None,
        until: str | None = None,
    ) -> tuple[str, list[Any]]:
        """SQL condition on articles ``a`` and its parameters for these filters (see :meth:`clusters`)."""
        where, params = ["1 = 1"], []
        slugs = list(outlets)
        if slugs:
            where.append(f"a.outlet IN ({', '.join('?' for _ in slugs)})")
            params += slugs
        if topic:
            where.append("json_extract(a.topics, '$.' || json_quote(?)) IS NOT NULL")
            params.append(topic)
        if since:
            where.append("coalesce(a.published_at, a.first_seen_at) >= ?")
            params.append(since)
        if until:
            where.append("coalesce(a.published_at, a.first_seen_at) < date(?, '+1 day')")
            params.append(until)
        return " AND ".join(where), params

    def _report_rows(self, sql: str, params: list[Any]) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def report_overview(self, **filters: Any) -> dict[str, Any]:
        """articles, dated, outlets (distinct), first_published, last_published (ISO UTC)."""
        where, params = self._copy_filters(**filters)
        return self._report_rows(
            "SELECT count(*) AS articles, count(a.published_at) AS dated, "
            "count(DISTINCT a.outlet) AS outlets, min(a.published_at) AS first_published, "
            f"max(a.published_at) AS last_published FROM articles a WHERE {where}", params)[0]

    def report_day_outlet_counts(self, **filters: Any) -> list[dict[str, Any]]:
        """Dated articles per UTC publication day and outlet: day, outlet, articles."""
        where, params = self._copy_filters(**filters)
        return self._report_rows(
            "SELECT substr(a.published_at, 1, 10) AS day, a.outlet AS outlet, count(*) AS articles "
            f"FROM articles a WHERE a.published_at IS NOT NULL AND {where} "
            "GROUP BY day, a.outlet ORDER BY day, a.outlet", params)

    def report_outlets(self, **filters: Any) -> list[dict[str, Any]]:
        """Articles per outlet, most first: outlet, name, articles, dated, first/last_published."""
        where, params = self._copy_filters(**filters)
        return self._report_rows(
            "SELECT a.outlet AS outlet, o.name AS name, count(*) AS articles, "
            "count(a.published_at) AS dated, min(a.published_at) AS first_published, "
            "max(a.published_at) AS last_published FROM articles a "
            f"LEFT JOIN outlets o ON o.slug = a.outlet WHERE {where} "
            "GROUP BY a.outlet ORDER BY articles DESC, a.outlet", params)

    def report_topic_terms(self, **filters: Any) -> list[dict[str, Any]]:
        """Matched topic terms per UTC publication day (dated articles only).

        Rows: day, topic, term (as written in the query), articles (that matched it),
        hits (its occurrences in their titles and texts). With ``topic``, that topic's terms only.
        """
        where, params = self._copy_filters(**filters)
        only = ""
        if filters.get("topic"):
            only = " AND t.key = ?"
            params.append(filters["topic"])
        return self._report_rows(
            "SELECT substr(a.published_at, 1, 10) AS day, t.key AS topic, m.key AS term, "
            "count(*) AS articles, sum(m.value) AS hits "
            f"FROM articles a, json_each({self._TOPICS_JSON}) t, json_each(t.value, '$.terms') m "
            f"WHERE a.published_at IS NOT NULL AND t.type = 'object' AND {where}{only} "
            "GROUP BY day, t.key, m.key ORDER BY day, t.key, m.key", params)

    def report_date_sources(self, **filters: Any) -> dict[str | None, int]:
        """Articles per ``date_source`` value (e.g. ``jsonld``, ``text+htmldate``).

        Undated articles count under None; dated ones without a recorded source under ``unknown``.
        """
        where, params = self._copy_filters(**filters)
        return dict(self.conn.execute(
            "SELECT CASE WHEN a.published_at IS NULL THEN NULL "
            "ELSE coalesce(nullif(a.date_source, ''), 'unknown') END AS source, count(*) "
            f"FROM articles a WHERE {where} GROUP BY source ORDER BY 2 DESC, 1", params).fetchall())

    def report_topic_slugs(self) -> list[str]:
        """Every topic slug some stored article matched, sorted."""
        return [slug for (slug,) in self.conn.execute(
            f"SELECT DISTINCT t.key FROM articles a, json_each({self._TOPICS_JSON}) t ORDER BY 1")]

    # -- full-text search -------------------------------------------------------------------

    def search(
        self,
        fts_query: str,
        *,
        outlets: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        language: str | None = None,
        include_duplicates: bool = False,
        limit: int = 20,
        rank_window: int | None = RANK_WINDOW,
    ) -> SearchResults:
        """Articles matching an FTS5 expression (from :func:`newscrawl.outputs.search.to_fts5`), best first.

        Rows: id, outlet, outlet_name, published_at, title, url, snippet, rank, cluster_id,
        copies. ``rank`` is BM25 with title hits weighted 10 to 1 (lower is better);
        ``snippet`` is about 24 words of the text with the matches between
        ``search.MARK_START`` and ``search.MARK_END``. ``since``/``until`` are ISO days
        (inclusive) on published_at, so undated articles are left out. Without
        ``include_duplicates`` a syndication cluster gives one row, its best-ranked copy;
        ``copies`` is how many of the cluster's articles match (and pass the filters).

        The filters narrow the match inside the full-text index (the ``facets`` column, see
        :mod:`newscrawl.store.facets`). BM25 ranks at most the newest ``rank_window`` matching
        articles (by id: the order they were stored); when more match, the result's
        ``complete`` is False. ``rank_window=None`` ranks every match, however slow.
        A malformed expression raises
        :class:`newscrawl.outputs.search.SearchQueryError`.
        """
        from newscrawl.judge.query import SearchQueryError

        if not fts_query.strip():
            raise SearchQueryError("the search is empty: type a word to search for")
        slugs = list(outlets)
        # one_row: unary + keeps SQLite from scanning the outlet or date index instead of looking up ids.
        filters, params = self._article_filters("a", fts_query=None, outlets=slugs, since=since, until=until,
                                                topic=topic, language=language, one_row=True)
        try:
            match = self._match_expression(fts_query, slugs, since, until, topic, language)
            # The newest matches (FTS5 walks its index backwards and stops there), ranked by BM25.
            most = -1 if rank_window is None else rank_window + 1  # -1: no limit
            rows = self.conn.execute(
                f"SELECT rowid, {_BM25} FROM articles_fts WHERE articles_fts MATCH ? "
                "ORDER BY rowid DESC LIMIT ?", (match, most)).fetchall()
            complete = rank_window is None or len(rows) <= rank_window
            candidates = dict(rows[:rank_window])
            ranked = sorted(candidates.items(), key=lambda item: (item[1], item[0]))
            # Articles are read in batches, to check filters and clusters, until ``limit`` rows.
            chosen: dict[int, tuple[float, int]] = {}  # id -> (rank, cluster)
            seen: set[int] = set()
            for start in range(0, len(ranked), 256):
                if len(chosen) >= limit:
                    break
                batch = ranked[start:start + 256]
                cluster_of = dict(self.conn.execute(
                    f"SELECT a.id, coalesce(a.cluster_id, a.id) FROM articles a "
                    f"WHERE a.id IN ({', '.join('?' for _ in batch)}) AND {filters}",
                    [article_id for article_id, _ in batch] + params))
                for article_id, rank in batch:
                    cluster = cluster_of.get(article_id)
                    if cluster is None or (cluster in seen and not include_duplicates):
                        continue
                    seen.add(cluster)
                    chosen[article_id] = (rank, cluster)
                    if len(chosen) >= limit:
                        break
            if not chosen:
                return SearchResults([], complete=complete, ranked=len(candidates))
            ids, clusters = list(chosen), sorted(seen)
            members = self.conn.execute(
                f"SELECT a.id, a.cluster_id FROM articles a WHERE a.cluster_id IN "
                f"({', '.join('?' for _ in clusters)}) AND {filters}", [*clusters, *params]).fetchall()
            matching = self._matching(match, [article_id for article_id, _ in members])
            copies = Counter(cluster for article_id, cluster in members if article_id in matching)
            snippets = self._snippets(match, ids)
            cursor = self.conn.execute(
                "SELECT a.id, a.outlet, o.name, a.published_at, a.title, a.url, a.cluster_id "
                "FROM articles a LEFT JOIN outlets o ON o.slug = a.outlet "
                f"WHERE a.id IN ({', '.join('?' for _ in ids)})", ids)
            found = {row[0]: row for row in cursor if row[0] in snippets}
        except sqlite3.OperationalError as exc:
            expression_errors = ("fts5", "no such column", "unterminated string", "unknown special query",
                                 "expected integer", "MATCH")
            if not any(s in str(exc) for s in expression_errors):
                raise
            raise SearchQueryError(f"cannot search for {fts_query!r}: {exc}") from None
        keys = ("id", "outlet", "outlet_name", "published_at", "title", "url")
        return SearchResults(
            [
                {**dict(zip(keys, found[article_id][:-1], strict=True)), "snippet": snippets[article_id],
                 "rank": rank, "cluster_id": found[article_id][-1], "copies": copies.get(cluster, 1)}
                for article_id, (rank, cluster) in chosen.items()
                if article_id in found  # an article a crawl changed meanwhile may no longer match
            ],
            complete=complete,
            ranked=len(candidates),
        )

    def _matching(self, match: str, ids: list[int]) -> set[int]:
        """The ones of ``ids`` that the MATCH expression matches.

        One pass over the matches between the smallest and the largest id when that span is
        narrow, else one lookup per id. (Each lookup re-runs the expression, and a prefix
        term costs milliseconds to set up.)
        """
        if not ids:
            return set()
        low, high = min(ids), max(ids)
        if high - low <= _ID_SPAN:
            found = self.conn.execute(
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
                (match, low, high))
        else:
            found = self.conn.execute(
                "SELECT a.id FROM articles a CROSS JOIN articles_fts ON articles_fts.rowid = a.id "
                f"WHERE a.id IN ({', '.join('?' for _ in ids)}) AND articles_fts MATCH ?", [*ids, match])
        return {rowid for (rowid,) in found} & set(ids)

    def _snippets(self, match: str, ids: list[int]) -> dict[int, str]:
        """id -> about 24 words of the text around the matches, for those of ``ids`` that match."""
        from newscrawl.outputs.search import MARK_END, MARK_START

        snippet = f"snippet(articles_fts, 1, '{MARK_START}', '{MARK_END}', ' … ', 24)"
        wanted = ", ".join(str(int(i)) for i in ids)
        low, high = min(ids), max(ids)
        if high - low <= _ID_SPAN:
            cursor = self.conn.execute(
                f"SELECT rowid, CASE WHEN rowid IN ({wanted}) THEN {snippet} END FROM articles_fts "
                "WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?", (match, low, high))
        else:
            cursor = self.conn.execute(
                f"SELECT a.id, {snippet} FROM articles a CROSS JOIN articles_fts "
                f"ON articles_fts.rowid = a.id WHERE a.id IN ({wanted}) AND articles_fts MATCH ?", (match,))
        return {rowid: text for rowid, text in cursor if text is not None}

    def _match_expression(
        self, fts_query: str, outlets: list[str], since: str | None, until: str | None,
        topic: str | None, language: str | None,
    ) -> str:
        """The FTS5 MATCH expression of a search: the query AND the filters' facet tokens.

        No column filter is needed: facet tokens cannot match words (see
        :mod:`newscrawl.store.facets`), and filters are checked again on the article rows. (A
        column filter would double the cost of BM25's document-frequency pass.) A database
        from before schema 3 has no facets: the query is used as it is.
        """
        if self.schema_version < 3:
            return fts_query
        days = None
        if since or until:
            # Two statements: SQLite answers a lone min() or max() from the index, both at once by a scan.
            low = self.conn.execute("SELECT substr(min(published_at), 1, 10) FROM articles").fetchone()[0]
            high = self.conn.execute("SELECT substr(max(published_at), 1, 10) FROM articles").fetchone()[0]
            if low is None:
                days = (date.max, date.min)  # nothing dated: an empty range
            else:
                first, last = date.fromisoformat(low), date.fromisoformat(high)
                days = (max(first, date.fromisoformat(since)) if since else first,
                        min(last, date.fromisoformat(until)) if until else last)
        facet_filter = filter_expression(outlets=outlets, language=language, topic=topic, days=days)
        return fts5_all(fts_query, facet_filter)


class SearchResults(list):
    """The rows of :meth:`Store.search`, with how the ranking was done.

    ``complete``: BM25 ranked every matching article (else only the newest ``ranked``).
    """

    def __init__(self, rows: Iterable[dict[str, Any]], *, complete: bool, ranked: int) -> None:
        super().__init__(rows)
        self.complete = complete
        self.ranked = ranked


def crawl_store(crawler: Any) -> Store:
    """The one :class:`Store` of a running crawl, shared by its spider (reads) and pipelines.

    Opened on first use from the crawler's ``NEWSCRAWL_DB`` setting and kept on the crawler;
    the store pipeline closes it when the spider closes.
    """
    store = getattr(crawler, "newscrawl_store", None)
    if store is None:
        settings = crawler.settings
        store = Store.open(
            settings.get("NEWSCRAWL_DB"),
            batch_size=settings.getint("NEWSCRAWL_BATCH_SIZE", 50),
            batch_seconds=settings.getfloat("NEWSCRAWL_BATCH_SECONDS", 2.0),
        )
        crawler.newscrawl_store = store
    return store


__all__ = [
    "ARTICLE", "RANK_WINDOW", "SCHEMA_VERSION", "SearchResults", "Store", "StoreError", "crawl_store", "iso",
    "utcnow",
]
