"""newscrawl status: per outlet the last successful fetch, the newest article and the recent
error rate; feeds and sitemaps whose latest fetch failed; the corpus's size; the latest runs."""

from __future__ import annotations

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.console import Console
from smallweb import NEWSCRAWL, QUICK, ROOT, crawl, write_daily_web

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.outputs.status import gather_status, render_status
from newscrawl.store import Store

NOW = datetime(2026, 2, 1, 12, 0, tzinfo=UTC)


def _page(url: str, outlet: str, run: int, status: int | None, verdict: str, via: str = "feed x",
          reason: str | None = None, at: str = "2026-01-30T10:00:00+00:00") -> dict:
    return {"url": url, "outlet": outlet, "status": status, "verdict": verdict, "discovered_via": via,
            "reason": reason, "fetched_at": at, "crawl_run_id": run}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A real database: two outlets, three runs, pages and articles written as a crawl would."""
    store = Store.open(tmp_path / "news.db")
    db = store.db
    db["outlets"].insert_all([{"slug": "ledger", "name": "Ledger"}, {"slug": "quiet", "name": "Quiet"}])
    db["crawl_runs"].insert_all([
        {"id": i, "started_at": f"2026-01-{27 + i}T06:00:00+00:00", "status": "finished",
         "stats": json.dumps({"pages_fetched": 10, "articles_new": 2,
                              "verdicts": {"error": i, "blocked-by-robots": 2 * i}})}
        for i in (1, 2, 3)])
    db["pages"].insert_all([
        # run 1 (not among the latest two): an error that no longer counts
        _page("https://l.example/old", "ledger", 1, 500, "error", reason="http 500"),
        _page("https://l.example/a", "ledger", 2, 200, "article", at="2026-01-31T08:00:00+00:00"),
        _page("https://l.example/b", "ledger", 3, 404, "error", reason="http 404",
              at="2026-01-31T09:00:00+00:00"),
        _page("https://l.example/feed.rss", "ledger", 3, 304, "not-article", via="feed"),
        _page("https://l.example/sitemap.xml", "ledger", 3, 404, "error", via="sitemap",
              reason="sitemap: http 404"),
        _page("https://q.example/feed.rss", "quiet", 1, None, "error", via="feed", reason="feed: timeout"),
    ])
    db["articles"].insert_all([
        {"url": "https://l.example/a", "outlet": "ledger", "published_at": "2026-01-30T16:40:00+00:00",
         "first_seen_at": "2026-01-31T08:00:00+00:00", "cluster_id": 1},
        {"url": "https://l.example/c", "outlet": "ledger", "published_at": None,
         "first_seen_at": "2026-01-29T08:00:00+00:00", "cluster_id": 1},
    ])
    store.conn.commit()
    yield store
    store.close()


def test_outlets_show_the_last_good_fetch_the_newest_article_and_recent_errors(store: Store) -> None:
    found = gather_status(store, database="news.db", recent_runs=2)
    ledger, quiet = found.outlets
    # the 404 of run 3 is later, but the last *successful* fetch was the 304 or the 200
    assert ledger["last_ok_fetch"] == "2026-01-31T08:00:00+00:00"
    assert ledger["newest_published"] == "2026-01-30T16:40:00+00:00" and ledger["articles"] == 2
    # runs 2 and 3: a, b, feed.rss, sitemap.xml -> b and the sitemap failed
    assert (ledger["recent_pages"], ledger["recent_errors"], ledger["recent_error_rate"]) == (4, 2, 0.5)
    assert quiet["last_ok_fetch"] is None and quiet["articles"] == 0 and quiet["recent_error_rate"] is None
    assert found.size["articles"] == 2 and found.size["clusters"] == 1 and found.size["runs"] == 3
    assert [r["id"] for r in found.runs] == [3, 2, 1] and found.runs[0]["errors"] == 3
    assert found.runs[0]["blocked_by_robots"] == 6, "the pages robots.txt kept the run from"


def test_feeds_and_sitemaps_whose_latest_fetch_failed_are_listed(store: Store) -> None:
    failing = gather_status(store, database="news.db").failing_sources
    assert [(r["outlet"], r["kind"], r["url"]) for r in failing] == [
        ("ledger", "sitemap", "https://l.example/sitemap.xml"), ("quiet", "feed", "https://q.example/feed.rss")]
    assert failing[1]["reason"] == "feed: timeout"


def test_the_tables_fit_80_columns_and_never_cut_a_date(store: Store) -> None:
    store.db["pages"].insert(_page("https://l.example/" + "very-long-path/" * 12 + "feed.xml", "ledger", 3,
                                   503, "error", via="feed", reason="feed: http 503 " + "x" * 90))
    console = Console(width=80, record=True, force_terminal=False)
    for part in render_status(gather_status(store, database="news.db"), now=NOW):
        console.print(part)
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    assert "2026-01-31 08:00" in text and "2026-01-30 16:40" in text and "2/4 50%" not in text
    assert "very-long-path" in text and "feeds and sitemaps whose latest fetch failed" in text


@pytest.mark.slow
def test_status_after_a_sitemap_stopped_answering(tmp_path: Path) -> None:
    write_daily_web(tmp_path / "web", 3)
    db = tmp_path / "news.db"
    with FixtureWeb(tmp_path / "web").start() as web:
        crawl(web.sources_path, db, settings=QUICK)
        (tmp_path / "web" / "daily" / "sitemap.xml").unlink()
        crawl(web.sources_path, db, settings=QUICK)
    env = {**os.environ, "COLUMNS": "80"}
    result = subprocess.run([*NEWSCRAWL, "status", "--db", str(db), "--json"], capture_output=True,
                            text=True, cwd=ROOT, env=env, check=True)
    found = json.loads(result.stdout)
    assert [s["kind"] for s in found["failing_sources"]] == ["sitemap"]
    assert found["failing_sources"][0]["status"] == 404
    (daily,) = found["outlets"]
    assert daily["articles"] == 3 and daily["last_ok_fetch"] and daily["recent_errors"] == 1
    assert [r["status"] for r in found["runs"]] == ["finished", "finished"]
    table = subprocess.run([*NEWSCRAWL, "status", "--db", str(db)], capture_output=True, text=True,
                           cwd=ROOT, env=env, check=True).stdout
    assert max(len(line) for line in table.splitlines()) <= 80, table
    assert "feeds and sitemaps whose latest fetch failed" in table and "daily" in table, table
