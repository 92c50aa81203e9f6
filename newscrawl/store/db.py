"""The :class:`Store`: one SQLite connection to the corpus, opened, migrated and closed here.

Its methods come from the modules of the callers they serve:

- :mod:`newscrawl.store.crawl`: the crawl's writes and lookups (batched writes, runs, pages,
  articles, the MinHash index, what to fetch);
- :mod:`newscrawl.store.repair`: what a crawl killed by an older version left half-written,
  found and repaired when the next crawl starts;
- :mod:`newscrawl.store.corpus`: the analysts' reads (runs, articles, clusters, export, report);
- :mod:`newscrawl.store.search`: full-text search;
- :mod:`newscrawl.store.status`: how the crawls are doing (``newscrawl status``);
- :mod:`newscrawl.store.coverage`: the discovery evidence (channel polls, discoveries);

with the schema and its migrations in :mod:`newscrawl.store.schema` and the SQL built from
filters in :mod:`newscrawl.store.sql`. The database runs in WAL mode with foreign keys on, so
Datasette and ``newscrawl search`` can read while a crawl writes.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from newscrawl.judge.query import paired
from newscrawl.settings import default
from newscrawl.store.corpus import CorpusMixin
from newscrawl.store.coverage import CoverageMixin
from newscrawl.store.crawl import CrawlMixin
from newscrawl.store.facets import lone_characters
from newscrawl.store.repair import RepairMixin
from newscrawl.store.schema import PAIRED_SCHEMA, PARTED_SCHEMA, SCHEMA_VERSION, migrate, schema_version
from newscrawl.store.search import SearchMixin
from newscrawl.store.sqliteutils import sqlite_utils
from newscrawl.store.status import StatusMixin
from newscrawl.words import joined

__all__ = ["Store", "StoreError"]


class StoreError(Exception):
    """A database the user pointed at cannot be used (unwritable, corrupt, too new)."""


class Store(CrawlMixin, RepairMixin, CorpusMixin, SearchMixin, StatusMixin, CoverageMixin):
    """The article database. Open with :meth:`Store.open`."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        batch_size: int = default("NEWSCRAWL_BATCH_SIZE"),
        batch_seconds: float = default("NEWSCRAWL_BATCH_SECONDS"),
    ) -> None:
        self.conn = conn
        self.path = path
        self.db = sqlite_utils.Database(conn)
        self.batch_size = batch_size
        self.batch_seconds = batch_seconds
        self._pending = 0
        self._batch_started = time.monotonic()
        self._in_page = False

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        readonly: bool = False,
        create: bool = True,
        batch_size: int = default("NEWSCRAWL_BATCH_SIZE"),
        batch_seconds: float = default("NEWSCRAWL_BATCH_SECONDS"),
    ) -> Store:
        """Open (and create or migrate) the database at ``path``; :class:`StoreError` if unusable."""
        path = Path(path)
        exists = path.exists()
        _check_path(path, exists, creating=create and not readonly)
        try:
            if readonly:
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            else:
                conn = sqlite3.connect(str(path), check_same_thread=False)
            conn.execute("PRAGMA foreign_keys = ON")
            version = schema_version(conn)
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
            try:
                store.migrate()
            except sqlite3.Error as exc:  # a full disk, most likely
                conn.close()
                raise StoreError(f"{path}: cannot write the database ({exc})") from None
        return store

    def migrate(self) -> None:
        """Apply every migration newer than the database's ``user_version``."""
        migrate(self.db)

    @property
    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        return schema_version(self.conn)

    @property
    def _local_day(self) -> bool:
        """True when the database has ``published_day`` (schema 5; an older one opened read-only
        has not): the date filters and day columns then use the outlet's own day."""
        return self.schema_version >= 5

    def _indexed_query(self, fts_query: str) -> str:
        """``fts_query`` (from :func:`newscrawl.judge.query.to_fts5`) as this database's index reads
        it. From schema 11 the index holds a run of Chinese, Japanese or Thai characters as its
        overlapping pairs: the query's phrases of their characters become phrases of pairs
        (:func:`newscrawl.judge.query.paired`), and a search of one character alone the search of
        its token among the facets (:func:`newscrawl.store.facets.lone_characters`). Schema 10
        holds each character as a word, as the query has them. An index older than schema 10 (a
        database opened read-only, not migrated) holds each run as one word: the query's phrases
        of their characters are joined again there (``"移 民 局"`` → ``"移民局"``), which finds a
        whole run, as the search did before."""
        version = self.schema_version
        if version >= PAIRED_SCHEMA:
            return lone_characters(paired(fts_query))
        return fts_query if version >= PARTED_SCHEMA else joined(fts_query)

    def limit_pages(self, max_pages: int) -> None:
        """Let the database grow to at most ``max_pages`` pages (SQLite's ``max_page_count``).

        Writes past the limit fail with "database or disk is full", as on a full disk.
        """
        self.conn.execute(f"PRAGMA max_page_count = {int(max_pages)}")

    def close(self) -> None:
        """Commit and close."""
        try:
            self.flush()
        finally:
            self.conn.close()


def _check_path(path: Path, exists: bool, *, creating: bool) -> None:
    """:class:`StoreError` when ``path`` is not a file, or is missing and may not (or cannot) be created."""
    if exists and not path.is_file():
        raise StoreError(f"{path}: is not a file; give --db a path to a .db file")
    if exists:
        return
    if not creating:
        raise StoreError(f"{path}: no such database; run `newscrawl crawl --db {path}` first")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: cannot create the database, {path.parent} is not an existing directory")
