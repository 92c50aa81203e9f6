"""The SQLite store: schema, WAL, batching, dedup lookups, errors for unusable files."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.items import ARTICLE, BLOCKED_BY_ROBOTS, DISALLOWED_FOR_THE_RUN, ERROR, Article, FetchedPage
from newscrawl.store import SCHEMA_VERSION, Store, StoreError

OUTLET = {
    "slug": "ledger", "name": "Ledger", "domain": "ledger.example", "homepage": "https://ledger.example/",
    "country": "US", "language": "en", "kind": "national", "timezone": "UTC", "verified": 0,
    "feeds": "[]", "sitemaps": "[]",
}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "news.db", batch_size=1000, batch_seconds=3600)
    store.upsert_outlets([OUTLET])
    yield store
    store.close()


def _article(url: str = "https://ledger.example/a", text: str = "Some words here.") -> Article:
    return Article(url=url, outlet="ledger", title="A title", text=text, text_hash="h1",
                   published_at=datetime(2026, 1, 28, 14, 5, tzinfo=UTC))


def _page(url: str, verdict: str | None, status: int | None = 200) -> FetchedPage:
    page = FetchedPage(url=url, outlet="ledger", discovered_via="feed",
                       fetched_at=datetime(2026, 1, 28, tzinfo=UTC), status=status)
    if verdict:
        page.decide(verdict, "because")
    return page


def test_schema_tables_wal_and_version(store: Store) -> None:
    tables = set(store.db.table_names())
    assert {"outlets", "articles", "article_versions", "pages", "crawl_runs", "articles_fts"} <= tables
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_article_insert_fts_and_cluster(store: Store) -> None:
    run = store.start_run("test", "t")
    article_id = store.insert_article(_article(text="Tech workers wrote an open letter"), run)
    row = next(store.iter_rows("articles"))
    assert row["cluster_id"] == article_id
    assert row["published_at"] == "2026-01-28T14:05:00+00:00"
    hits = store.conn.execute(
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'letter'"
    ).fetchall()
    assert hits == [(article_id,)]
    assert store.article_by_url("https://ledger.example/a")["id"] == article_id
    assert [a["id"] for a in store.article_by_hash("h1")] == [article_id]


def test_batch_is_visible_to_other_readers_only_after_flush(store: Store, tmp_path: Path) -> None:
    store.insert_article(_article(), None)
    reader = sqlite3.connect(tmp_path / "news.db")
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 0
    store.flush()
    assert reader.execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_already_fetched_rules(store: Store) -> None:
    run = store.start_run("test", "t")
    store.record_page(_page("https://ledger.example/ok", ARTICLE), run)
    store.record_page(_page("https://ledger.example/gone", ERROR, 404), run)
    store.record_page(_page("https://ledger.example/down", ERROR, 500), run)
    store.record_page(_page("https://ledger.example/timeout", ERROR, None), run)
    assert store.already_fetched("https://ledger.example/ok")
    assert store.already_fetched("https://ledger.example/gone")
    assert not store.already_fetched("https://ledger.example/down")
    assert not store.already_fetched("https://ledger.example/timeout")
    assert not store.already_fetched("https://ledger.example/new")


def test_failed_pages_are_retried_but_final_answers_are_not(store: Store) -> None:
    run = store.start_run("test", "t")
    for path, verdict, status in (("ok", ARTICLE, 200), ("gone", ERROR, 404), ("down", ERROR, 500),
                                  ("busy", ERROR, 429), ("timeout", ERROR, None),
                                  ("extraction-failed", ERROR, 200)):
        page = _page(f"https://ledger.example/{path}", verdict, status)
        page.discovered_via = "link"
        store.record_page(page, run)
    retried = {row["url"].rsplit("/", 1)[1] for row in store.pages_to_retry()}
    assert retried == {"down", "busy", "timeout", "extraction-failed"}


def test_a_page_refused_because_its_robots_txt_could_not_be_read_is_fetched_again(store: Store) -> None:
    """Refused by the site's own robots.txt rules: final. Refused because the robots.txt
    answered 503 or not at all that run (RFC 9309's complete disallow): asked again next run."""
    run = store.start_run("test", "t")
    for path, reason in (("forbidden", "forbidden by robots.txt"),
                         ("unread", f"robots.txt unreachable (timeout): {DISALLOWED_FOR_THE_RUN}"),
                         ("busy", f"robots.txt answered 503: {DISALLOWED_FOR_THE_RUN}")):
        page = FetchedPage(url=f"https://ledger.example/{path}", outlet="ledger", discovered_via="link",
                           fetched_at=datetime(2026, 1, 28, tzinfo=UTC), status=None)
        page.decide(BLOCKED_BY_ROBOTS, reason)
        store.record_page(page, run)
    store.flush()
    assert store.already_fetched("https://ledger.example/forbidden")
    assert not store.already_fetched("https://ledger.example/unread")
    assert not store.already_fetched("https://ledger.example/busy")
    assert set(store.fetched_urls()) == {"https://ledger.example/forbidden"}
    assert {row["url"].rsplit("/", 1)[1] for row in store.pages_to_retry()} == {"unread", "busy"}


def test_already_fetched_asks_the_page_row_first_then_the_stored_articles(store: Store) -> None:
    """The page row decides when there is one (a failed fetch of a stored article's URL is
    fetched again); without one, a stored article with that URL counts as fetched."""
    run = store.start_run("test", "t")
    store.insert_article(_article(url="https://ledger.example/stored"), run)
    store.insert_article(_article(url="https://ledger.example/stored-then-down"), run)
    store.record_page(_page("https://ledger.example/stored-then-down", ERROR, 503), run)
    store.record_page(_page("https://ledger.example/busy", ERROR, 429), run)
    store.record_page(_page("https://ledger.example/off", "off-topic"), run)
    assert store.already_fetched("https://ledger.example/stored")
    assert not store.already_fetched("https://ledger.example/stored-then-down")
    assert not store.already_fetched("https://ledger.example/busy")
    assert store.already_fetched("https://ledger.example/off")
    assert not store.already_fetched("https://ledger.example/elsewhere")


def test_record_page_upserts(store: Store) -> None:
    run = store.start_run("test", "t")
    store.record_page(_page("https://ledger.example/x", ERROR, 500), run)
    store.record_page(_page("https://ledger.example/x", ARTICLE), run)
    rows = list(store.iter_rows("pages"))
    assert len(rows) == 1 and rows[0]["verdict"] == ARTICLE


def test_run_summary_and_runs(store: Store) -> None:
    run = store.start_run("newscrawl crawl", "t")
    store.insert_article(_article(), run)
    store.record_page(_page("https://ledger.example/a", ARTICLE), run)
    store.record_page(_page("https://ledger.example/b", ERROR, 404), run)
    summary = store.run_summary(run)
    assert summary["articles_new"] == 1
    assert summary["verdicts"] == {ARTICLE: 1, ERROR: 1}
    store.finish_run(run, "finished", summary)
    (latest,) = store.runs()
    assert latest["status"] == "finished" and latest["stats"]["articles_new"] == 1


def test_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open as a SQLite database"):
        Store.open(bad)
    assert bad.read_bytes().startswith(b"this is not")


def test_unwritable_location_is_a_clear_error(tmp_path: Path) -> None:
    a_file = tmp_path / "file"
    a_file.write_text("x")
    with pytest.raises(StoreError, match="not an existing directory"):
        Store.open(a_file / "news.db")
    with pytest.raises(StoreError, match="is not a file"):
        Store.open(tmp_path)


def test_foreign_sqlite_database_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)")
    with pytest.raises(StoreError, match="not a newscrawl one"):
        Store.open(other)


def test_newer_schema_refused(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this newscrawl"):
        Store.open(path)


def test_readonly_missing_database(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no such database"):
        Store.open(tmp_path / "missing.db", readonly=True)
    assert not (tmp_path / "missing.db").exists()


def test_minhash_index_finds_candidates(store: Store) -> None:
    article_id = store.insert_article(_article(), None)
    store.add_minhash(article_id, b"\x00" * 16, [11, 22, 33])
    assert [c["id"] for c in store.near_duplicate_candidates([99, 22, 77])] == [article_id]
    assert store.near_duplicate_candidates([1, 2, 3]) == []
    assert store.near_duplicate_candidates([]) == []


def test_version_1_database_is_migrated(tmp_path: Path) -> None:
    from newscrawl.store.schema import MIGRATIONS

    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    import sqlite_utils

    MIGRATIONS[1](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.schema_version == SCHEMA_VERSION
    assert "minhash_bands" in store.db.table_names()
    store.close()


def test_version_3_database_gains_the_page_charset_columns(tmp_path: Path) -> None:
    import sqlite_utils

    from newscrawl.store.schema import MIGRATIONS

    path = tmp_path / "v3.db"
    conn = sqlite3.connect(path)
    for version in (1, 2, 3):
        MIGRATIONS[version](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 3")
    conn.execute("INSERT INTO outlets (slug, name) VALUES ('ledger', 'The Ledger')")
    conn.execute("INSERT INTO pages (url, outlet, status, verdict) VALUES "
                 "('https://ledger.test/old', 'ledger', 200, 'not-article')")
    conn.commit()
    conn.close()
    store = Store.open(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert {"charset", "charset_declared"} <= set(store.db["pages"].columns_dict)
        page = FetchedPage(url="https://ledger.test/new", outlet="ledger", discovered_via="feed",
                           fetched_at=datetime(2026, 1, 28, tzinfo=UTC), status=200,
                           charset="cp1252", charset_declared="utf-8")
        page.decide("not-article", "no main text")
        store.record_page(page, None)
        store.flush()
        rows = store.conn.execute("SELECT url, charset, charset_declared FROM pages ORDER BY url").fetchall()
    finally:
        store.close()
    assert rows == [("https://ledger.test/new", "cp1252", "utf-8"), ("https://ledger.test/old", None, None)]


def test_older_database_gains_the_credit_column_with_null_for_old_articles(tmp_path: Path) -> None:
    import sqlite_utils

    from newscrawl.store.schema import MIGRATIONS

    path = tmp_path / "v5.db"
    conn = sqlite3.connect(path)
    before = sorted(v for v in MIGRATIONS if v < 6)
    for version in before:
        MIGRATIONS[version](sqlite_utils.Database(conn))
    conn.execute(f"PRAGMA user_version = {before[-1]}")
    conn.execute("INSERT INTO outlets (slug, name) VALUES ('ledger', 'The Ledger')")
    conn.execute("INSERT INTO articles (url, outlet, title, authors, text) VALUES "
                 "('https://ledger.example/old', 'ledger', 'Old', '[\"Jo Poe\"]', 'Old text.')")
    conn.commit()
    conn.close()
    store = Store.open(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        new = _article("https://ledger.example/new")
        new.authors, new.credit = ["Jane Roe"], ["Associated Press"]
        new_id = store.insert_article(new, None)
        store.flush()
        old_id = store.conn.execute("SELECT id FROM articles WHERE title = 'Old'").fetchone()[0]
        old, fresh = store.article(old_id), store.article(new_id)
    finally:
        store.close()
    assert old["authors"] == ["Jo Poe"] and old["credit"] is None
    assert fresh["authors"] == ["Jane Roe"] and fresh["credit"] == ["Associated Press"]


def test_runs_left_running_are_marked_interrupted(store: Store) -> None:
    killed = store.start_run("newscrawl crawl", "t")
    assert store.mark_interrupted_runs() == 1
    assert store.runs()[0]["id"] == killed and store.runs()[0]["status"] == "interrupted"


# -- one page's rows, all or none; what older versions left half-written, repaired


def _store_page(store: Store, url: str, run: int | None, text: str = "Some words here.") -> int:
    """One new article page as the store stage writes it: article, MinHash, page row."""
    with store.one_page():
        article_id = store.insert_article(_article(url, text=text), run)
        store.add_minhash(article_id, b"\x00" * 16, [11, 22, 33])
        page = _page(url, ARTICLE)
        page.article_id = article_id
        store.record_page(page, run)
    return article_id


def _count(conn: sqlite3.Connection, table: str) -> int:
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_batch_commits_between_pages_never_inside_one(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "news.db", batch_size=2, batch_seconds=3600)
    store.upsert_outlets([OUTLET])
    reader = sqlite3.connect(tmp_path / "news.db")
    _store_page(store, "https://ledger.example/a", None)  # three writes, counted as one page
    assert _count(reader, "articles") == 0, "the batch of two pages is not full yet"
    _store_page(store, "https://ledger.example/b", None)
    assert [_count(reader, t) for t in ("articles", "article_minhash", "pages")] == [2, 2, 2]
    store.close()


def test_a_page_that_fails_leaves_none_of_its_rows(store: Store) -> None:
    _store_page(store, "https://ledger.example/a", None)
    with pytest.raises(sqlite3.IntegrityError), store.one_page():
        article_id = store.insert_article(_article("https://ledger.example/b"), None)
        store.add_minhash(article_id, b"\x00" * 16, [1, 2, 3])
        store.conn.execute("INSERT INTO pages (url, outlet) VALUES ('x', 'no such outlet')")
    store.flush()
    assert [r["url"] for r in store.db["articles"].rows] == ["https://ledger.example/a"]
    assert _count(store.conn, "article_minhash") == 1 and _count(store.conn, "pages") == 1
    assert store.conn.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == 1


def _half_written(path: Path) -> dict[str, int]:
    """A database as a crawl killed under an older version could leave it; the article ids by name.

    The old store pipeline wrote article, MinHash and page row with a possible commit between
    each, so a kill left articles without a page row, or without their MinHash row too.
    """
    store = Store.open(path)
    store.upsert_outlets([OUTLET])
    earlier = store.start_run("newscrawl crawl", "t")
    _store_page(store, "https://ledger.example/old", earlier)
    store.record_page(_page("https://ledger.example/bare", ERROR, 503), earlier)  # retried later
    store.finish_run(earlier, "finished", {"software": {}})
    killed = store.start_run("newscrawl crawl", "t")
    ids = {"whole": _store_page(store, "https://ledger.example/whole", killed, text="A whole story")}
    ids["bare"] = store.insert_article(_article("https://ledger.example/bare"), killed)  # commit here
    ids["no page"] = store.insert_article(_article("https://ledger.example/no-page"), killed)
    store.add_minhash(ids["no page"], b"\x00" * 16, [44, 55, 66])  # or here
    ids["no minhash"] = store.insert_article(
        _article("https://ledger.example/no-minhash", text="Words enough for a signature"), killed)
    page = _page("https://ledger.example/no-minhash", ARTICLE)
    page.article_id = ids["no minhash"]
    store.record_page(page, killed)
    store.close()  # as the batch commits left it; the run stays 'running'
    return ids


def test_what_a_killed_crawl_left_half_written_is_repaired(tmp_path: Path) -> None:
    from newscrawl.judge.dedup import NearDupSettings, band_keys, minhash_signature, signature_to_bytes

    path = tmp_path / "news.db"
    ids = _half_written(path)
    near = NearDupSettings()
    store = Store.open(path)
    assert store.repair_half_written(near) == {
        "articles_without_page": 2, "articles_removed": 2, "articles_without_minhash": 1}
    articles = {r["url"]: r["id"] for r in store.db["articles"].rows}
    assert sorted(articles.values()) == sorted([1, ids["whole"], ids["no minhash"]])
    for url in ("https://ledger.example/bare", "https://ledger.example/no-page"):
        page = store.db["pages"].get(url)
        assert (page["verdict"], page["status"], page["article_id"]) == (ERROR, None, None)
        assert "half-written" in page["reason"]
        assert not store.already_fetched(url), "the page is fetched again"
        assert url in {row["url"] for row in store.pages_to_retry()}
    signature = minhash_signature("Words enough for a signature", near)
    assert store.db["article_minhash"].get(ids["no minhash"])["signature"] == signature_to_bytes(signature)
    assert store.near_duplicate_candidates(band_keys(signature, near))[0]["id"] == ids["no minhash"]
    assert _count(store.conn, "minhash_bands") == 3 + 3 + len(band_keys(signature, near))
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    store.conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
    assert store.repair_half_written(near) == {}, "each dead run is looked at once"
    store.close()


def test_the_repair_removes_a_chinese_article_from_the_full_text_index(tmp_path: Path) -> None:
    from newscrawl.judge.dedup import NearDupSettings
    from newscrawl.judge.query import to_fts5

    store = Store.open(tmp_path / "news.db")
    store.upsert_outlets([OUTLET])
    earlier = store.start_run("newscrawl crawl", "t")
    kept = _store_page(store, "https://ledger.example/kept", earlier, text="美国移民局称将继续执法。")
    store.finish_run(earlier, "finished", {"software": {}})
    killed = store.start_run("newscrawl crawl", "t")
    store.insert_article(_article("https://ledger.example/half", text="移民局与ICE合作。"), killed)
    store.flush()
    assert {row["id"] for row in store.search(to_fts5("移民局"), include_duplicates=True)} == {kept, kept + 1}
    assert store.repair_half_written(NearDupSettings())["articles_removed"] == 1
    assert [row["id"] for row in store.search(to_fts5("移民局"))] == [kept]
    assert store.search(to_fts5("ICE")) == []
    store.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    store.close()


def test_an_article_others_refer_to_is_kept_and_its_page_fetched_again(tmp_path: Path) -> None:
    from newscrawl.judge.dedup import NearDupSettings

    store = Store.open(tmp_path / "news.db")
    store.upsert_outlets([OUTLET])
    killed = store.start_run("newscrawl crawl", "t")
    first = store.insert_article(_article("https://ledger.example/first"), killed)
    copy = _article("https://ledger.example/copy")
    copy.cluster_id = first  # a syndicated copy in the first one's cluster
    store.insert_article(copy, killed)
    store.flush()
    assert store.repair_half_written(NearDupSettings())["articles_without_page"] == 2
    assert _count(store.conn, "articles") == 1  # the copy: nothing referred to it, removed
    assert store.db["pages"].get("https://ledger.example/first")["article_id"] == first
    store.close()


# -- SQL builders (newscrawl/store/sql.py): the SQL of a read, read and checked without running it


def test_search_sql_takes_the_newest_matches_and_one_more() -> None:
    from newscrawl.store.sql import BM25, search_sql

    sql, params = search_sql('("gaza") AND "\ue000oAB"', rank_window=2000)
    assert sql == (f"SELECT rowid, {BM25} FROM articles_fts WHERE articles_fts MATCH ? "
                   "ORDER BY rowid DESC LIMIT ?")
    assert params == ['("gaza") AND "\ue000oAB"', 2001]
    assert search_sql('"gaza"', rank_window=None)[1] == ['"gaza"', -1]  # -1: no limit


def test_a_filtered_search_matches_the_query_and_the_filter_tokens(store: Store) -> None:
    from newscrawl.store.facets import language_token, outlet_token
    from newscrawl.store.sql import search_sql

    match = store._match_expression('"gaza"', ["ledger"], None, None, None, "EN")
    assert match == f'("gaza") AND ("{outlet_token("ledger")}" AND "{language_token("en")}")'
    assert search_sql(match, rank_window=10)[1] == [match, 11]
    assert store._match_expression('"gaza"', [], None, None, None, None) == '"gaza"'


def test_article_filters_build_one_clause_for_every_filter() -> None:
    from newscrawl.store.sql import article_filters

    assert article_filters("a") == ("1 = 1", [])
    where, params = article_filters("a", outlets=["ap", "bbc"], since="2026-01-01", until="2026-01-31",
                                    topic="ice", language="EN", fts_query='"raid"')
    assert where == (
        "1 = 1 AND a.outlet IN (?, ?) AND coalesce(a.published_day, substr(a.published_at, 1, 10)) >= ? "
        "AND coalesce(a.published_day, substr(a.published_at, 1, 10)) <= ? "
        "AND json_extract(a.topics, '$.' || json_quote(?)) IS NOT NULL AND lower(a.language) = lower(?) "
        "AND a.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)"
    )
    assert params == ["ap", "bbc", "2026-01-01", "2026-01-31", "ice", "EN", '"raid"']


def test_article_filters_for_one_row_and_for_first_seen_days() -> None:
    from newscrawl.store.sql import article_filters

    where, params = article_filters("b", outlets=["ap"], since="2026-01-01", fts_query='"raid"', one_row=True)
    assert where == ("1 = 1 AND +b.outlet IN (?) AND "
                     "+coalesce(b.published_day, substr(b.published_at, 1, 10)) >= ? AND EXISTS ("
                     "SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND articles_fts.rowid = b.id)")
    assert params == ["ap", "2026-01-01", '"raid"']
    where, params = article_filters("a", until="2026-01-31", undated_by_first_seen=True)
    assert where == ("1 = 1 AND coalesce(coalesce(a.published_day, substr(a.published_at, 1, 10)), "
                     "substr(a.first_seen_at, 1, 10)) <= ?")
    assert params == ["2026-01-31"]
    # a database older than schema 5 (read-only, not migrated) has no published_day: the UTC day
    where, _ = article_filters("a", since="2026-01-01", local_day=False)
    assert where == "1 = 1 AND substr(a.published_at, 1, 10) >= ?"


def test_export_sql_keeps_one_copy_per_cluster_unless_asked() -> None:
    from newscrawl.store.sql import export_sql

    sql, params = export_sql(["id", "copies"], outlets=["ap"])
    assert sql.startswith("SELECT a.id, CASE WHEN a.cluster_id IS NULL THEN 1 ELSE 1 + (SELECT count(*)")
    assert "a.id IN (SELECT f.id FROM articles f WHERE 1 = 1 AND f.outlet IN (?))" in sql
    assert "(b.published_at IS NULL, coalesce(b.published_at, ''), coalesce(b.first_seen_at, ''), b.id) < " \
           "(a.published_at IS NULL" in sql and sql.endswith("ORDER BY a.id")
    assert params == ["ap", "ap", "ap"]  # the copies count's, the filter's, the one-copy check's
    sql, params = export_sql(["id"], include_duplicates=True)
    assert sql == ("SELECT a.id FROM articles a LEFT JOIN outlets o ON o.slug = a.outlet "
                   "WHERE 1 = 1 ORDER BY a.id")
    assert params == []
    with pytest.raises(ValueError, match="unknown export columns"):
        export_sql(["id", "nope"])


def test_clusters_sql_filters_copies_by_published_or_first_seen_day() -> None:
    from newscrawl.store.sql import clusters_sql

    sql, params = clusters_sql(topic="ice", since="2026-01-01", min_size=3, limit=5)
    assert ("coalesce(coalesce(a.published_day, substr(a.published_at, 1, 10)), "
            "substr(a.first_seen_at, 1, 10)) >= ?") in sql
    assert "row_number() OVER (PARTITION BY a.cluster_id ORDER BY a.published_at IS NULL" in sql
    assert sql.endswith("WHERE f.place = 1 AND f.size >= ? ORDER BY f.size DESC, "
                        "f.published_at IS NULL, f.published_at, f.cluster_first_seen LIMIT ?")
    assert params == ["2026-01-01", "ice", 3, 5]


def test_matching_and_snippets_sql_scan_a_narrow_id_span_and_look_up_a_wide_one() -> None:
    from newscrawl.store.sql import _ID_SPAN, matching_sql, snippets_sql

    sql, params = matching_sql('"raid"', [5, 3, 9])
    assert "rowid BETWEEN ? AND ?" in sql and params == ['"raid"', 3, 9]
    sql, params = matching_sql('"raid"', [1, _ID_SPAN + 2])
    assert "a.id IN (?, ?)" in sql and params == [1, _ID_SPAN + 2, '"raid"']
    sql, params = snippets_sql('"raid"', [3, 9], start="[", end="]")
    assert "CASE WHEN rowid IN (3, 9) THEN snippet(articles_fts, 1, '[', ']', ' … ', 24) END" in sql
    assert params == ['"raid"', 3, 9]
    sql, _ = snippets_sql('"raid"', [3, 9], start="[", end="]", parted=True)
    assert "THEN 48 ELSE 24 END)" in sql


def test_search_and_export_turn_the_same_fts5_errors_into_query_errors(store: Store) -> None:
    from newscrawl.judge.query import SearchQueryError
    from newscrawl.store.sql import FTS5_ERRORS, is_fts5_error

    assert {"fts5", "no such column", "unterminated string", "unknown special query", "expected integer",
            "MATCH"} == set(FTS5_ERRORS)
    assert is_fts5_error(sqlite3.OperationalError('fts5: syntax error near ""'))
    assert not is_fts5_error(sqlite3.OperationalError("database is locked"))
    for expression in ['NEAR("a" "b", x)', '"a" AND', "nosuchcolumn: a"]:
        with pytest.raises(SearchQueryError, match="cannot search for"):
            store.search(expression)
        with pytest.raises(SearchQueryError, match="cannot search for"):
            list(store.export_rows(["id"], fts_query=expression))


def test_search_results_keep_their_column_order(store: Store) -> None:
    store.insert_article(_article(text="Tech workers wrote an open letter"), None)
    (row,) = store.search('"letter"')
    assert list(row) == ["id", "outlet", "outlet_name", "published_at", "published_day", "title", "url",
                         "snippet", "rank", "cluster_id", "copies"]
    assert row["outlet_name"] == "Ledger" and row["copies"] == 1


def test_a_date_range_is_an_index_search_on_the_outlets_day(store: Store) -> None:
    from newscrawl.store.sql import article_filters

    where, params = article_filters("f", since="2026-01-24", until="2026-01-24")
    plan = " ".join(str(r) for r in store.conn.execute(
        f"EXPLAIN QUERY PLAN SELECT f.id FROM articles f WHERE {where}", params))
    assert "USING INDEX articles_day" in plan
