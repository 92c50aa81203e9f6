"""`newscrawl reextract`: the archived pages are judged again, offline, articles updated in place."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from smallweb import QUICK, ROOT, crawl, newscrawl_process

from newscrawl.crawl.fixture_web import FixtureWeb


@pytest.mark.slow
def test_reextract_updates_in_place_keeps_versions_and_needs_no_network(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    sources = tmp_path / "sources.toml"
    with FixtureWeb().start() as web:
        shutil.copy(web.sources_path, sources)
        crawl(sources, db, settings=QUICK)
    # the web is gone now: everything below must come from the WARC files
    conn = sqlite3.connect(db)
    (article_id, title), = conn.execute(
        "SELECT id, title FROM articles ORDER BY id LIMIT 1").fetchall()
    conn.execute("UPDATE articles SET title = 'Stale title from an old extractor', credit = NULL "
                 "WHERE id = ?", (article_id,))
    conn.commit()
    articles_before = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    hockey = tmp_path / "hockey.toml"
    hockey.write_text('[topic]\nslug = "hockey"\nname = "Hockey"\nquery = "overtime OR puck OR goalie"\n')

    result = newscrawl_process("reextract", "--sources", str(sources), "--db", str(db), "--no-progress",
                               "--json")
    summary = json.loads(result.stdout)  # what it did: read pages, fetched none, one changed
    assert summary["pages_fetched"] == 0 and summary["pages_archived"] > 0
    assert summary["articles_changed"] == 1 and summary["versions_kept"] == 1
    assert summary["articles_refreshed"] == articles_before - 1 and summary["articles_new"] == 0
    assert "WarcPipeline" not in result.stderr and "WARNING" not in result.stderr, result.stderr
    assert conn.execute("SELECT title FROM articles WHERE id = ?", (article_id,)).fetchone()[0] == title
    # a byline credit unknown before (schema version 6) is read again
    assert conn.execute("SELECT credit FROM articles WHERE id = ?", (article_id,)).fetchone()[0] is not None
    (version,) = conn.execute("SELECT title FROM article_versions WHERE article_id = ?", (article_id,))
    assert version[0] == "Stale title from an old extractor"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == articles_before

    table = newscrawl_process("reextract", "--sources", str(sources), "--db", str(db), "--topic", str(hockey),
                              "--no-progress").stdout
    assert "reextract run" in table and "pages read from WARC files" in table
    assert "pages fetched" not in table
    hockey_pages = conn.execute(
        "SELECT p.verdict FROM pages p JOIN articles a ON a.id = p.article_id "
        "WHERE json_extract(a.topics, '$.hockey') IS NOT NULL AND p.url LIKE '%otters-overtime%'"
    ).fetchall()
    assert hockey_pages == [("article",)], "the hockey recap, off-topic before, is an article now"
    runs = conn.execute("SELECT command, status FROM crawl_runs ORDER BY id").fetchall()
    assert [status for _, status in runs] == ["finished"] * 3
    assert "reextract" in runs[1][0]


@pytest.mark.slow
def test_reextract_without_database_is_a_user_error(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "newscrawl.cli", "reextract", "--db",
                             str(tmp_path / "none.db")], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2 and "no such database" in result.stderr


@pytest.mark.slow
def test_reextract_indexes_a_chinese_text_again_for_search(tmp_path: Path) -> None:
    import cjkweb

    from newscrawl.judge.query import to_fts5
    from newscrawl.store import Store

    db = tmp_path / "news.db"
    sources = tmp_path / "sources.toml"
    with cjkweb.serve() as web:
        shutil.copy(web.sources_path, sources)
        crawl(sources, db, settings=QUICK)
    conn = sqlite3.connect(db)
    (article_id, title, text), = conn.execute(
        "SELECT id, title, text FROM articles WHERE text LIKE '%移民局%' ORDER BY id LIMIT 1").fetchall()
    # as an older extractor might have stored it: another title and text, indexed as they are
    conn.execute("UPDATE articles SET title = 'Stale', text = 'Stale text', fts_title = NULL, "
                 "fts_text = NULL WHERE id = ?", (article_id,))
    conn.commit()

    def found(word: str) -> set[int]:
        store = Store.open(db, readonly=True)
        try:
            return {row["id"] for row in store.search(to_fts5(word), include_duplicates=True, limit=100)}
        finally:
            store.close()

    assert article_id not in found("移民局") and article_id in found("stale")
    summary = json.loads(newscrawl_process("reextract", "--sources", str(sources), "--db", str(db),
                                           "--no-progress", "--json").stdout)
    assert summary["articles_changed"] == 1
    restored = conn.execute("SELECT title, text FROM articles WHERE id = ?", (article_id,)).fetchone()
    assert restored == (title, text)
    assert article_id in found("移民局") and article_id not in found("stale")
    conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
    conn.close()
