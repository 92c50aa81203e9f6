"""The schema of the corpus database and its migrations.

``PRAGMA user_version`` records the schema version. Each migration brings the schema from
version N-1 to N, in one transaction; :meth:`newscrawl.store.Store.open` applies the missing
ones when it opens a database for writing (``docs/database.md`` describes the tables).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newscrawl.store.facets import character_facets, stored_facets
from newscrawl.store.sqliteutils import sqlite_utils
from newscrawl.words import paired, parted

__all__ = [
    "KNOWN_TABLES", "MIGRATIONS", "PAIRED_SCHEMA", "PARTED_SCHEMA", "SCHEMA_VERSION", "migrate",
    "schema_version",
]

SCHEMA_VERSION = 11
# The first version whose full-text index reads Chinese, Japanese and Thai a character at a time.
PARTED_SCHEMA = 10
# The first version whose full-text index reads them in overlapping pairs (newscrawl.words.paired).
PAIRED_SCHEMA = 11

KNOWN_TABLES = frozenset(
    {"outlets", "articles", "pages", "crawl_runs", "article_versions", "article_minhash", "minhash_bands",
     "delivered_pages", "discoveries", "channel_polls"}
)

# Columns whose change re-indexes an article.
_INDEXED_COLUMNS = ("title", "text", "facets")

# What the full-text index reads of an article (schema 10): the title and text as the index
# reads Chinese, Japanese or Thai characters (articles.fts_title, fts_text: parted, each a word,
# in schema 10; paired from schema 11, newscrawl.words.paired) where they have such characters,
# else the title and text themselves; and the facets.
INDEXED_VIEW = "articles_indexed"
_INDEXED_AS = {"title": "coalesce({row}fts_title, {row}title)", "text": "coalesce({row}fts_text, {row}text)",
               "facets": "{row}facets"}


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
            [(stored_facets(outlet, language, published, topics), article_id)
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


def _page_charset_v4(db: sqlite_utils.Database) -> None:
    """``pages.charset`` and ``pages.charset_declared``: how each page's bytes were decoded.

    Pages stored before stay NULL in both (how they were decoded was not recorded).
    """
    db.execute("ALTER TABLE pages ADD COLUMN charset TEXT")
    db.execute("ALTER TABLE pages ADD COLUMN charset_declared TEXT")


def _local_time(published_at: str | None, zone: str | None) -> str | None:
    """A stored UTC time (ISO 8601) in the IANA ``zone``, as ISO 8601 with its offset; None when
    either is missing or unreadable."""
    if not published_at or not zone:
        return None
    try:
        moment = datetime.fromisoformat(published_at)
        return moment.astimezone(ZoneInfo(zone)).isoformat() if moment.tzinfo else None
    except (ValueError, ZoneInfoNotFoundError):
        return None


def _local_day_v5(db: sqlite_utils.Database) -> None:
    """``articles.published_local`` and ``articles.published_day``: the outlet's own time and day.

    Existing dated articles get both from ``published_at`` in their outlet's zone
    (``outlets.timezone``), and their date facets are remade from that day. What the page
    itself wrote (its own offset) was not stored, so it cannot be recovered; an article whose
    outlet has no known zone keeps both NULL (the date filters then fall back to the UTC day).
    """
    db.execute("ALTER TABLE articles ADD COLUMN published_local TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN published_day TEXT")
    rows = db.execute(
        "SELECT a.id, a.outlet, a.language, a.published_at, a.topics, o.timezone FROM articles a "
        "LEFT JOIN outlets o ON o.slug = a.outlet WHERE a.published_at IS NOT NULL")
    while batch := rows.fetchmany(5000):
        same_day, other_day = [], []
        for article_id, outlet, language, published_at, topics, zone in batch:
            local = _local_time(published_at, zone)
            if local is None:
                continue
            day = local[:10]
            if day == published_at[:10]:
                same_day.append((local, day, article_id))
            else:  # only these need new facets, and so a new full-text row
                other_day.append((local, day, stored_facets(outlet, language, day, topics), article_id))
        db.conn.executemany(
            "UPDATE articles SET published_local = ?, published_day = ? WHERE id = ?", same_day)
        db.conn.executemany(
            "UPDATE articles SET published_local = ?, published_day = ?, facets = ? WHERE id = ?", other_day)
    # the day the filters and the report read (store/sql.py published_day_sql), indexed as
    # that very expression so that a date range is an index search
    db.execute("CREATE INDEX articles_day ON articles(coalesce(published_day, substr(published_at, 1, 10)))")


def _article_credit_v6(db: sqlite_utils.Database) -> None:
    """``articles.credit``: the wire services, agencies, outlets, desks and staff credits of
    the byline (a JSON list; ``authors`` holds people only).

    Articles stored before stay NULL (their bylines were not split that way).
    """
    db.execute("ALTER TABLE articles ADD COLUMN credit TEXT")


def _delivered_pages_v7(db: sqlite_utils.Database) -> None:
    """``delivered_pages``: the ids of pages a distributed crawl's workers pushed through Redis and
    the writer stored, recorded in the same transaction as the page, so that a writer killed
    and restarted stores each pushed page exactly once (docs/distributed.md)."""
    db.execute("CREATE TABLE delivered_pages (id TEXT PRIMARY KEY, crawl_run_id INTEGER)")


def _outlet_derived_v8(db: sqlite_utils.Database) -> None:
    """``outlets.derived``: 1 for an outlet whose metadata was derived from its domain
    (``ingest --any-outlet``), 0 for one from ``sources.toml``.

    Outlets stored before stay NULL (they came from a sources file, but that was not recorded).
    """
    db.execute("ALTER TABLE outlets ADD COLUMN derived INTEGER")


def _discovery_evidence_v9(db: sqlite_utils.Database) -> None:
    """``discoveries`` (every channel that listed a URL, and when) and ``channel_polls`` (every
    read of a channel and the window it covered), the evidence of ``newscrawl coverage``.

    Existing databases keep what ``pages.discovered_via`` knew: the one channel that led to
    each fetched URL, at its fetch time, marked ``backfilled`` (the other channels that listed
    it, and the channels' windows, were never recorded and stay unknown). ``outlet`` is no
    foreign key: a WARC file can list an outlet ``ingest --any-outlet`` derives only as its
    pages are stored.
    """
    db.execute(
        "CREATE TABLE discoveries (url TEXT NOT NULL, outlet TEXT, "
        "channel TEXT NOT NULL, source TEXT NOT NULL, first_seen_at TEXT, last_seen_at TEXT, "
        "rank INTEGER, times INTEGER NOT NULL DEFAULT 1, backfilled INTEGER NOT NULL DEFAULT 0, "
        "PRIMARY KEY (url, channel, source))"
    )
    db.execute("CREATE INDEX discoveries_outlet ON discoveries (outlet, channel)")
    db.execute(
        "CREATE TABLE channel_polls (id INTEGER PRIMARY KEY, crawl_run_id INTEGER "
        "REFERENCES crawl_runs(id), outlet TEXT, channel TEXT NOT NULL, "
        "source TEXT NOT NULL, polled_at TEXT NOT NULL, items INTEGER, oldest TEXT, newest TEXT, "
        "status TEXT NOT NULL)"
    )
    db.execute("CREATE INDEX channel_polls_outlet ON channel_polls (outlet, channel)")
    # discovered_via is "<channel> <source>" for feed, sitemap and listing links; the channel
    # names are those of newscrawl.items.CHANNELS.
    db.execute(
        "INSERT OR IGNORE INTO discoveries (url, outlet, channel, source, first_seen_at, "
        "last_seen_at, backfilled) "
        "SELECT url, outlet, CASE substr(discovered_via, 1, instr(discovered_via, ' ') - 1) "
        "WHEN 'listing' THEN 'section' WHEN 'seed' THEN 'seeds' "
        "ELSE substr(discovered_via, 1, instr(discovered_via, ' ') - 1) END, "
        "substr(discovered_via, instr(discovered_via, ' ') + 1), fetched_at, fetched_at, 1 "
        "FROM pages WHERE substr(discovered_via, 1, instr(discovered_via, ' ') - 1) "
        "IN ('feed', 'sitemap', 'listing', 'gdelt', 'seed', 'warc')"
    )


def _parted_fts_v10(db: sqlite_utils.Database) -> None:
    """Chinese, Japanese and Thai words found inside a run of characters: ``articles.fts_title``
    and ``articles.fts_text`` hold the title and text parted (:func:`newscrawl.words.parted`)
    where they have such characters (else NULL), and ``articles_fts`` indexes them instead
    (through the view ``articles_indexed``, its content table, which also gives its snippets).

    Fills both columns, recreates ``articles_fts`` and its triggers over the view and rebuilds
    the index (every article is read again, as in version 3).
    """
    db.execute("ALTER TABLE articles ADD COLUMN fts_title TEXT")
    db.execute("ALTER TABLE articles ADD COLUMN fts_text TEXT")
    for name in ("articles_ai", "articles_ad", "articles_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE IF EXISTS articles_fts")
    rows = db.execute("SELECT id, title, text FROM articles")
    while batch := rows.fetchmany(2000):
        forms = [(parted(title), parted(text), article_id) for article_id, title, text in batch]
        db.conn.executemany("UPDATE articles SET fts_title = ?, fts_text = ? WHERE id = ?",
                            [form for form in forms if form[0] is not None or form[1] is not None])
    columns = ", ".join(_INDEXED_COLUMNS)
    shown = ", ".join(f"{_INDEXED_AS[c].format(row='')} AS {c}" for c in _INDEXED_COLUMNS)
    db.execute(f"CREATE VIEW {INDEXED_VIEW} AS SELECT id, {shown} FROM articles")
    db.execute(
        f"CREATE VIRTUAL TABLE articles_fts USING fts5({columns}, content='{INDEXED_VIEW}', "
        "content_rowid='id', tokenize='porter unicode61')"
    )
    new = ", ".join(_INDEXED_AS[c].format(row="new.") for c in _INDEXED_COLUMNS)
    old = ", ".join(_INDEXED_AS[c].format(row="old.") for c in _INDEXED_COLUMNS)
    insert = f"INSERT INTO articles_fts (rowid, {columns}) VALUES (new.id, {new});"
    delete = f"INSERT INTO articles_fts (articles_fts, rowid, {columns}) VALUES ('delete', old.id, {old});"
    db.execute(f"CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN {insert} END")
    db.execute(f"CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN {delete} END")
    db.execute(
        f"CREATE TRIGGER articles_au AFTER UPDATE OF {columns}, fts_title, fts_text ON articles "
        f"BEGIN {delete} {insert} END"
    )
    db.execute("INSERT INTO articles_fts (articles_fts) VALUES ('rebuild')")


def _paired_fts_v11(db: sqlite_utils.Database) -> None:
    """Chinese, Japanese and Thai indexed in overlapping pairs of characters, as Lucene's CJK
    analyzer does: a phrase of common characters read each character's long position list in
    the index of version 10 (a rare four-character phrase took 915 ms at 100,000 Chinese
    articles). ``fts_title`` and ``fts_text`` are written again (:func:`newscrawl.words.paired`)
    where they are set, and their facets get a token for each of their characters
    (:func:`newscrawl.store.facets.character_facets`: a search of one character alone); the
    triggers re-index those articles, the others are not touched."""
    rows = db.execute("SELECT id, title, text, facets FROM articles "
                      "WHERE fts_title IS NOT NULL OR fts_text IS NOT NULL")
    while batch := rows.fetchmany(2000):
        db.conn.executemany(
            "UPDATE articles SET fts_title = ?, fts_text = ?, facets = ? WHERE id = ?",
            [(paired(title), paired(text), (facets or "") + character_facets(title, text), article_id)
             for article_id, title, text, facets in batch])


# Each migration brings the schema from version N-1 to N.
MIGRATIONS: dict[int, Callable[[sqlite_utils.Database], None]] = {
    1: _create_v1, 2: _add_minhash_v2, 3: _facet_fts_v3, 4: _page_charset_v4, 5: _local_day_v5,
    6: _article_credit_v6, 7: _delivered_pages_v7, 8: _outlet_derived_v8, 9: _discovery_evidence_v9,
    10: _parted_fts_v10, 11: _paired_fts_v11,
}


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version recorded in the database (0: none yet)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(db: sqlite_utils.Database) -> None:
    """Apply every migration newer than the database's ``user_version``, each in its own transaction."""
    version = schema_version(db.conn)
    for target in sorted(v for v in MIGRATIONS if v > version):
        with db.conn:
            MIGRATIONS[target](db)
            db.conn.execute(f"PRAGMA user_version = {target}")
