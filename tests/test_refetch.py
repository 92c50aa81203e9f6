"""Young articles are re-fetched on later runs: stealth edits become versions; 304s cost nothing."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from smallweb import crawl, outlet_table

from newscrawl.crawl.fixture_web import FixtureWeb

ROOT = Path(__file__).resolve().parent.parent
STORY = "/2026/11/24/council-vote.html"


def _page(title: str, extra: str = "") -> str:
    published = (datetime.now(UTC) - timedelta(hours=3)).isoformat()
    body = "".join(
        f"<p>Paragraph {i}: city officials said Immigration and Customs Enforcement officers "
        "detained workers near the plant, and tech employees asked their companies to end ICE "
        "contracts.</p>" for i in range(6)
    )
    return (f'<html><head><title>{title}</title><meta property="article:published_time" '
            f'content="{published}"></head><body><article><h1>{title}</h1>{body}{extra}'
            "</article></body></html>")


def _web(root: Path) -> Path:
    site = root / "daily"
    (site / "2026" / "11" / "24").mkdir(parents=True)
    (site / STORY.lstrip("/")).write_text(_page("Council votes on detention contract"))
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (site / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Daily</title>'
        f"<item><title>Council</title><link>{{{{base:daily}}}}{STORY}</link></item></channel></rss>"
    )
    (root / "sources.toml").write_text(outlet_table("daily", feeds=["/feed.rss"]))
    return site


def _crawl(web: FixtureWeb, db: Path, *args: str) -> dict:
    """Crawl with --json; the run's summary."""
    result = crawl(web.sources_path, db, "--json", *args, settings=(
        "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_START_DELAY=0", "NEWSCRAWL_REFETCH_AFTER_HOURS=0"))
    return json.loads(result.stdout)


@pytest.mark.slow
def test_stealth_edit_becomes_a_version_and_304s_are_cheap(tmp_path: Path) -> None:
    site = _web(tmp_path / "web")
    db = tmp_path / "news.db"
    with FixtureWeb(tmp_path / "web").start() as web:
        _crawl(web, db)
        (site / STORY.lstrip("/")).write_text(
            _page("Council approves detention contract", "<p>Correction: the vote was 7 to 2.</p>"))
        web.clear_requests()
        summary = _crawl(web, db)
        second = {(r.path, r.status) for r in web.requests}
        web.clear_requests()
        _crawl(web, db)
        third = {(r.path, r.status) for r in web.requests}
    # the run's summary says what the re-crawl did: nothing new, one page revisited, changed, kept
    assert summary["articles_new"] == 0 and summary["pages_revisited"] == 1
    assert summary["articles_changed"] == 1 and summary["versions_kept"] == 1
    assert ("/feed.rss", 304) in second, "the unchanged feed is asked conditionally"
    assert (STORY, 200) in second
    assert (STORY, 304) in third and ("/feed.rss", 304) in third
    conn = sqlite3.connect(db)
    (article_id, title, text), = conn.execute("SELECT id, title, text FROM articles").fetchall()
    assert title == "Council approves detention contract" and "Correction" in text
    versions = conn.execute("SELECT article_id, title, text FROM article_versions").fetchall()
    assert len(versions) == 1, "the unchanged third fetch adds no version"
    assert versions[0][0] == article_id and versions[0][1] == "Council votes on detention contract"
    assert "Correction" not in versions[0][2]
    query = "SELECT verdict, reason FROM pages WHERE url LIKE ?"
    verdict, reason = conn.execute(query, (f"%{STORY}",)).fetchone()
    assert verdict == "article" and "304" in reason

    shown = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "show", str(article_id), "--db", str(db), "--versions",
         "--no-text"], capture_output=True, text=True, check=True, cwd=ROOT,
    ).stdout
    assert "1 earlier" in shown
    assert "- title: Council votes on detention contract" in shown
    assert "+ title: Council approves detention contract" in shown
    assert "+Correction: the vote was 7 to 2." in shown.replace("\n", "")
