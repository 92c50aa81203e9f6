"""A crawl killed with SIGKILL loses no article it had stored, leaves none half-written and
stores none twice when resumed; no process of the killed crawl lives on."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from smallweb import article_count, crawl_command, write_daily_web

from newscrawl.crawl.fixture_web import FixtureWeb

pytestmark = pytest.mark.slow  # crawls in subprocesses

ROOT = Path(__file__).resolve().parent.parent
PAGES = 30




def _command(web: FixtureWeb, db: Path, delay: float = 0.15) -> list[str]:
    topic = db.parent / "topic.toml"
    topic.write_text('[topic]\nslug = "t"\nname = "T"\nquery = "=ICE AND detention"\n')
    return crawl_command(web.sources_path, db, "--topic", str(topic), settings=(
        f"DOWNLOAD_DELAY={delay}", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
        "NEWSCRAWL_BATCH_SIZE=3"))



def test_sigkill_then_resume(tmp_path: Path) -> None:
    write_daily_web(tmp_path / "web", PAGES)
    db = tmp_path / "news.db"
    with FixtureWeb(tmp_path / "web").start() as web:
        crawl = subprocess.Popen(_command(web, db), cwd=ROOT, start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while article_count(db) < 6 and time.monotonic() < deadline and crawl.poll() is None:
            time.sleep(0.05)
        os.killpg(crawl.pid, signal.SIGKILL)
        crawl.wait()
        conn = sqlite3.connect(db)
        kept = dict(conn.execute("SELECT url, id FROM articles").fetchall())
        assert 6 <= len(kept) < PAGES, "killed mid-crawl, with some articles committed"
        result = subprocess.run(_command(web, db), cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    rows = conn.execute("SELECT url, id FROM articles").fetchall()
    assert len(rows) == PAGES and len({url for url, _ in rows}) == PAGES
    assert all(dict(rows)[url] == article_id for url, article_id in kept.items()), "ids are stable"
    statuses = [s for (s,) in conn.execute("SELECT status FROM crawl_runs ORDER BY id")]
    assert statuses == ["interrupted", "finished"]



def test_a_crawl_repairs_what_an_older_version_left_half_written(tmp_path: Path) -> None:
    """An article stored without its page and MinHash rows (a kill between two batch commits,
    as older versions allowed) is removed and fetched again by the next crawl, which says so."""
    write_daily_web(tmp_path / "web", PAGES)
    db = tmp_path / "news.db"
    with FixtureWeb(tmp_path / "web").start() as web:
        subprocess.run(_command(web, db, delay=0), cwd=ROOT, check=True, capture_output=True, timeout=120)
        conn = sqlite3.connect(db)
        with conn:
            url, article_id = conn.execute("SELECT url, id FROM articles ORDER BY id DESC").fetchone()
            conn.execute("UPDATE crawl_runs SET status = 'running', stats = NULL, finished_at = NULL")
            conn.execute("DELETE FROM pages WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM minhash_bands WHERE article_id = ?", (article_id,))
            conn.execute("DELETE FROM article_minhash WHERE article_id = ?", (article_id,))
        result = subprocess.run(_command(web, db, delay=0), cwd=ROOT, capture_output=True, text=True,
                                timeout=120)
    assert result.returncode == 0, result.stderr
    assert "half-written" in result.stdout, result.stdout
    (stats,) = conn.execute("SELECT stats FROM crawl_runs WHERE id = 2").fetchone()
    assert json.loads(stats)["repaired"] == {"articles_without_page": 1, "articles_removed": 1}
    assert conn.execute("SELECT status FROM crawl_runs WHERE id = 1").fetchone() == ("interrupted",)
    page = conn.execute("SELECT verdict, crawl_run_id FROM pages WHERE article_id = ?",
                        (_check_store(db)[url],)).fetchall()
    assert page == [("article", 2)], "fetched and stored anew by the second crawl"
    assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == PAGES

# -- SIGKILL at seeded random moments ----------------------------------------------------------

KILLS = 10
RANDOM_PAGES = 60


def test_sigkill_at_random_moments_leaves_nothing_half_written(tmp_path: Path) -> None:
    """Ten kill -9s of the crawl's own process at random moments (seeded), a restart after each.

    After each kill the database is as the next crawl finds it: every article has its page,
    MinHash and full-text rows, nothing is stored twice, SQLite's and FTS5's integrity checks
    pass and every WARC pointer reads back. No process of the killed crawl (extraction pool
    workers) outlives it by more than 2 s.
    """
    rng = random.Random(13)
    write_daily_web(tmp_path / "web", RANDOM_PAGES)
    db = tmp_path / "news.db"
    leaked: list[str] = []
    kept: dict[str, int] = {}
    live_kills = 0
    with FixtureWeb(tmp_path / "web").start() as web:
        command = _command(web, db, delay=0.25)
        for _ in range(KILLS):
            moment = rng.uniform(1.0, 5.0)
            crawl = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(moment)
            live_kills += crawl.poll() is None
            os.kill(crawl.pid, signal.SIGKILL)  # the crawl's process only, as `kill -9 PID` does
            crawl.wait()
            leaked += _survivors(crawl.pid, grace=2.0)
            articles = _check_store(db)
            assert all(articles.get(url) == article_id for url, article_id in kept.items()), (
                "an article committed before a kill keeps its id")
            kept = articles
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    assert live_kills >= KILLS - 2, "most kills land in a running crawl"
    articles = _check_store(db)
    assert len(articles) == RANDOM_PAGES
    assert all(articles[url] == article_id for url, article_id in kept.items())
    conn = sqlite3.connect(db)
    stats = [s for (s,) in conn.execute("SELECT stats FROM crawl_runs WHERE stats LIKE '%repaired%'")]
    assert stats == [], "nothing was half-written, so nothing needed repair"
    assert not leaked, f"processes outlived the killed crawl: {leaked}"


def _check_store(db: Path) -> dict[str, int]:
    """Check the database as a killed crawl left it; its articles (url: id)."""
    from newscrawl.store.warc import archive_dir, read_response

    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        for what, sql in {
            "without its page": "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM pages p "
                                "WHERE p.article_id = a.id AND p.verdict = 'article')",
            "without its MinHash": "SELECT id FROM articles a WHERE NOT EXISTS "
                                   "(SELECT 1 FROM article_minhash m WHERE m.article_id = a.id)",
            "without its bands": "SELECT id FROM articles a WHERE NOT EXISTS "
                                 "(SELECT 1 FROM minhash_bands b WHERE b.article_id = a.id)",
            "without its full-text row": "SELECT id FROM articles WHERE id NOT IN "
                                         "(SELECT id FROM articles_fts_docsize)",
            "stored twice (URL)": "SELECT url FROM articles GROUP BY url HAVING count(*) > 1",
            "stored twice (fetched URL)": "SELECT fetched_url FROM articles GROUP BY fetched_url "
                                          "HAVING count(*) > 1",
            "stored twice (title)": "SELECT title FROM articles GROUP BY title HAVING count(*) > 1",
        }.items():
            assert conn.execute(sql).fetchall() == [], f"articles {what}"
        docs = conn.execute("SELECT count(*) FROM articles_fts_docsize").fetchone()[0]
        assert docs == conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        for url, final_url, warc_file, offset in conn.execute(
            "SELECT url, final_url, warc_file, warc_offset FROM pages WHERE warc_file IS NOT NULL"
        ).fetchall():
            archived = read_response(archive_dir(db) / warc_file, offset)
            assert archived.url in (url, final_url), (url, archived.url)
        return dict(conn.execute("SELECT url, id FROM articles").fetchall())
    finally:
        conn.close()


def _group(pid: int) -> list[tuple[int, str]]:
    """Live processes in the process group or session of ``pid`` (the crawl's, from /proc): those
    still running code, not those that have exited and are being torn down."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        state, _ppid, pgrp, session = stat.rsplit(")", 1)[1].split()[:4]
        # A zombie has exited; so has a process with no command line left: its address space is
        # gone, it runs no more code and is tearing down (which a loaded machine can stretch
        # past the grace: CI saw one, its /proc/PID/cmdline empty).
        if state != "Z" and cmdline.strip() and pid in (int(pgrp), int(session)):
            found.append((int(entry.name), cmdline.strip()[:80]))
    return found


def _survivors(pid: int, grace: float) -> list[str]:
    """What of the killed crawl still runs ``grace`` seconds after the kill (then killed too)."""
    deadline = time.monotonic() + grace
    while _group(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = _group(pid)
    if left:
        os.killpg(pid, signal.SIGKILL)  # so that the next crawl starts clean
    return [f"{child} {cmdline}" for child, cmdline in left]
