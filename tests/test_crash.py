"""A crawl killed with SIGKILL loses no article it had stored and stores none twice when resumed."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from smallweb import crawl_command, outlet_table

from newscrawl.crawl.fixture_web import FixtureWeb

pytestmark = pytest.mark.slow  # crawls in subprocesses

ROOT = Path(__file__).resolve().parent.parent
PAGES = 30
WORDS = ("council", "warehouse", "lawyer", "families", "contract", "protest", "engineers",
         "judge", "hearing", "statement", "records", "neighbors", "vigil", "shift", "union")


def _web(root: Path) -> None:
    site = root / "daily"
    locs = []
    for i in range(PAGES):
        rng = random.Random(i)
        body = "".join("<p>ICE detention " + " ".join(rng.choice(WORDS) for _ in range(40)) + ".</p>"
                       for _ in range(4))
        path = f"2026/01/{1 + i % 28:02d}/story-{i}.html"
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(f"<html><head><title>Story {i}</title></head><body><article>"
                                 f"<h1>Story {i}</h1>{body}</article></body></html>")
        locs.append(f"<url><loc>{{{{base:daily}}}}/{path}</loc></url>")
    (site / "sitemap.xml").write_text(
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">' + "".join(locs) + "</urlset>")
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (root / "sources.toml").write_text(outlet_table("daily", sitemaps=["/sitemap.xml"]))


def _command(web: FixtureWeb, db: Path) -> list[str]:
    topic = db.parent / "topic.toml"
    topic.write_text('[topic]\nslug = "t"\nname = "T"\nquery = "=ICE AND detention"\n')
    return crawl_command(web.sources_path, db, "--topic", str(topic), settings=(
        "DOWNLOAD_DELAY=0.15", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS_PER_DOMAIN=1",
        "NEWSCRAWL_BATCH_SIZE=3"))


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
        return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_sigkill_then_resume(tmp_path: Path) -> None:
    _web(tmp_path / "web")
    db = tmp_path / "news.db"
    with FixtureWeb(tmp_path / "web").start() as web:
        crawl = subprocess.Popen(_command(web, db), cwd=ROOT, start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while _count(db) < 6 and time.monotonic() < deadline and crawl.poll() is None:
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
