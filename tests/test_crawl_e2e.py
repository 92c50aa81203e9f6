"""End to end: crawl the fixture web (data/demo-web) for real and check the database row by row.

The fixture web is served on 127.0.0.1 by :class:`newscrawl.crawl.fixture_web.FixtureWeb`; the
crawl runs as the user runs it, ``newscrawl crawl`` in a subprocess (a Twisted reactor
cannot be restarted, so each crawl needs its own process). The first crawl is the session's
(``crawled`` in conftest.py, read by the export, report and Datasette tests too).
``data/demo-web/expected.toml`` says what must become of every URL.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tomllib
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from smallweb import QUICK, ROOT, crawl

from newscrawl.config import load_sources
from newscrawl.crawl.fixture_web import FixtureWeb, RequestRecord, default_root

pytestmark = pytest.mark.slow  # crawls in subprocesses

EXPECTED = tomllib.loads((default_root() / "expected.toml").read_text())["page"]
LISTING_SUFFIXES = (".rss", ".atom", ".json", ".xml", "robots.txt")


def rows(db: Path, sql: str, *params: object) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


@pytest.fixture(scope="module")
def web(fixture_web: FixtureWeb) -> FixtureWeb:
    return fixture_web


@pytest.fixture(scope="module")
def first_crawl(crawled: Path) -> Path:
    """The session's crawl of the fixture web (conftest.py); a test that crawls again copies it."""
    return crawled


def copy_of(db: Path, target: Path) -> Path:
    source, copy = sqlite3.connect(db), sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    return target


def _pages_by_url(db: Path) -> dict[str, dict]:
    return {row["url"]: row for row in rows(db, "SELECT * FROM pages")}


def _articles_by_id(db: Path) -> dict[int, dict]:
    return {row["id"]: row for row in rows(db, "SELECT * FROM articles")}


@pytest.mark.parametrize("entry", EXPECTED, ids=lambda e: f"{e['outlet']}{e['path']}")
def test_every_page_has_its_expected_outcome(first_crawl: Path, web: FixtureWeb, entry: dict) -> None:
    url = web.url(entry["outlet"], entry["path"])
    pages = _pages_by_url(first_crawl)
    verdict = entry["verdict"]
    if verdict == "not-fetched":
        assert url not in pages, f"{url} should not have been fetched: {pages.get(url)}"
        return
    assert url in pages, f"no pages row for {url}"
    page = pages[url]
    assert page["verdict"] == verdict, f"{url}: {page['verdict']} ({page['reason']}), expected {verdict}"
    if entry.get("reason"):
        assert entry["reason"].lower() in (page["reason"] or "").lower(), page["reason"]
    if verdict != "article":
        return
    article = _articles_by_id(first_crawl)[page["article_id"]]
    assert article["outlet"] == entry["outlet"]
    if "title" in entry:
        assert article["title"] == entry["title"]
    if "language" in entry:
        assert article["language"] == entry["language"]
    if "authors" in entry:
        assert json.loads(article["authors"]) == entry["authors"]
    if "published_at" in entry:
        _check_date(article, entry, web)
    for phrase in entry.get("text_contains", []):
        assert phrase in article["text"], f"{phrase!r} missing from the text of {url}"
    for phrase in entry.get("text_excludes", []):
        assert phrase not in article["text"], f"{phrase!r} should not be in the text of {url}"
    assert json.loads(article["topics"]), "stored articles record their matched topic terms"


def _check_date(article: dict, entry: dict, web: FixtureWeb) -> None:
    expected = entry["published_at"]
    stored = article["published_at"]
    assert stored, f"no published_at for {article['url']}; expected {expected}"
    when = datetime.fromisoformat(stored)
    if len(expected) == 10:  # a date-only page: compare the day in the outlet's zone
        outlet = load_sources(web.sources_path)[entry["outlet"]]
        assert when.astimezone(ZoneInfo(outlet.timezone)).date().isoformat() == expected
    else:
        want = datetime.fromisoformat(expected.replace("Z", "+00:00"))
        assert when == want, f"{article['url']}: published_at {stored}, expected {expected}"


def test_no_unexpected_articles(first_crawl: Path, web: FixtureWeb) -> None:
    expected = {web.url(e["outlet"], e["path"]) for e in EXPECTED if e["verdict"] == "article"}
    stored = {p["url"] for p in rows(first_crawl, "SELECT url FROM pages WHERE verdict = 'article'")}
    assert stored == expected
    assert len(rows(first_crawl, "SELECT id FROM articles")) == len(expected)


def test_clusters_match_the_labels(first_crawl: Path, web: FixtureWeb) -> None:
    pages = _pages_by_url(first_crawl)
    articles = _articles_by_id(first_crawl)
    labels: dict[str, set[int]] = defaultdict(set)
    for entry in EXPECTED:
        if entry["verdict"] == "article":
            page = pages[web.url(entry["outlet"], entry["path"])]
            cluster = articles[page["article_id"]]["cluster_id"]
            labels[entry.get("cluster") or f"alone:{page['article_id']}"].add(cluster)
    assert all(len(clusters) == 1 for clusters in labels.values()), labels
    assert len({next(iter(c)) for c in labels.values()}) == len(labels), "clusters must differ"


def test_every_touched_url_has_a_page_row(
    crawl_of_fixture_web: tuple[Path, list[RequestRecord]], web: FixtureWeb
) -> None:
    first_crawl, requests = crawl_of_fixture_web
    pages = _pages_by_url(first_crawl)
    for record in requests:
        if record.path == "/robots.txt":
            continue
        assert web.url(record.outlet, record.path) in pages, record


def test_run_is_recorded_with_statistics(first_crawl: Path) -> None:
    (run,) = rows(first_crawl, "SELECT * FROM crawl_runs")
    assert run["status"] == "finished" and run["finished_at"]
    stats = json.loads(run["stats"])
    assert stats["articles_new"] == len([e for e in EXPECTED if e["verdict"] == "article"])
    outlets = rows(first_crawl, "SELECT slug, timezone FROM outlets")
    assert len(outlets) >= 4


def test_second_crawl_fetches_no_article_page_again(crawled: Path, web: FixtureWeb, tmp_path: Path) -> None:
    first_crawl = copy_of(crawled, tmp_path / "news.db")
    before = rows(first_crawl, "SELECT count(*) AS n FROM articles")[0]["n"]
    pages_before = rows(first_crawl, "SELECT count(*) AS n FROM pages")[0]["n"]
    web.clear_requests()
    crawl(web.sources_path, first_crawl, settings=QUICK)
    retried = {  # server errors are worth another try; listing pages are read every run
        e["path"] for e in EXPECTED
        if (e["verdict"] == "error" and e.get("reason", "").startswith("5")) or e.get("reread")
    }
    fetched_again = [
        r for r in web.requests
        if r.path != "/robots.txt" and not r.path.endswith(LISTING_SUFFIXES) and r.path not in retried
    ]
    assert fetched_again == []
    listings = [r for r in web.requests if r.path.endswith(LISTING_SUFFIXES) and r.path != "/robots.txt"]
    read_again = {r.path for r in listings if r.status != 304}
    assert listings and all("index" in path for path in read_again), (
        "unchanged feeds and sitemaps answer 304; only sitemap indexes are always read again"
    )
    assert rows(first_crawl, "SELECT count(*) AS n FROM articles")[0]["n"] == before
    assert rows(first_crawl, "SELECT count(*) AS n FROM pages")[0]["n"] == pages_before
    runs = rows(first_crawl, "SELECT * FROM crawl_runs ORDER BY id")
    assert len(runs) == 2 and json.loads(runs[1]["stats"])["articles_new"] == 0


def test_since_skips_older_entries(web: FixtureWeb, tmp_path: Path) -> None:
    db = tmp_path / "since.db"
    crawl(web.sources_path, db, "--since", "2026-01-01", settings=QUICK)
    pages = _pages_by_url(db)
    for entry in EXPECTED:
        expected = entry.get("since_2026", entry["verdict"])
        url = web.url(entry["outlet"], entry["path"])
        if expected == "not-fetched":
            assert url not in pages, url
        else:
            assert pages[url]["verdict"] == expected, (url, pages[url])
    # A later crawl without --since reads the listings in full (no 304 for them) and catches up.
    crawl(web.sources_path, db, settings=QUICK)
    pages = _pages_by_url(db)
    for entry in EXPECTED:
        if entry.get("since_2026") == "not-fetched" and entry["verdict"] != "not-fetched":
            assert pages[web.url(entry["outlet"], entry["path"])]["verdict"] == entry["verdict"]


def test_outlet_filter_and_scrapy_crawl(web: FixtureWeb, tmp_path: Path) -> None:
    """``scrapy crawl news`` from the project directory does the same job for one outlet."""
    slug = sorted(web.outlets)[0]
    db = tmp_path / "scrapy.db"
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings"}
    result = subprocess.run(
        [sys.executable, "-m", "scrapy", "crawl", "news",  # this interpreter's scrapy, not another install's
         "-a", f"sources={web.sources_path}", "-a", f"outlet={slug}", "-s", f"NEWSCRAWL_DB={db}",
         "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0", "-s", "LOG_LEVEL=WARNING"],
        capture_output=True, text=True, timeout=300, cwd=ROOT, env=env,
    )
    assert result.returncode == 0, result.stderr
    outlets = {row["outlet"] for row in rows(db, "SELECT DISTINCT outlet FROM pages")}
    assert outlets == {slug}
    expected = {web.url(slug, e["path"]) for e in EXPECTED
                if e["outlet"] == slug and e["verdict"] == "article"}
    stored = {p["url"] for p in rows(db, "SELECT url FROM pages WHERE verdict = 'article'")}
    assert stored == expected


def test_every_response_is_archived_in_warc(first_crawl: Path) -> None:
    from newscrawl.store.warc import read_response

    fetched = rows(first_crawl, "SELECT url, final_url, status, verdict, warc_file, warc_offset FROM pages "
                                "WHERE status IS NOT NULL")
    assert fetched
    for page in fetched:
        assert page["warc_file"] and page["warc_offset"] is not None, page
        archived = read_response(first_crawl.parent / "warc" / page["warc_file"], page["warc_offset"])
        # The record is for the URL that answered: a redirect's own URL (final_url is where it
        # pointed), else where the fetch ended.
        answered = page["url"] if page["verdict"] == "redirect" else (page["final_url"] or page["url"])
        assert archived.url == answered
        assert archived.status == page["status"]


def test_dupes_lists_the_syndication_cluster(first_crawl: Path, web: FixtureWeb) -> None:
    result = subprocess.run([sys.executable, "-m", "newscrawl.cli", "dupes", "--db", str(first_crawl),
                             "--json"], capture_output=True, text=True, check=True, cwd=ROOT)
    clusters = json.loads(result.stdout)
    wire = [e for e in EXPECTED if e.get("cluster") == "wire-letter"]
    (cluster,) = clusters
    assert cluster["size"] == len(wire)
    assert cluster["outlets"] == sorted({e["outlet"] for e in wire})
    # the first copy is the earliest published: the wire's original, whichever was crawled first
    first = rows(first_crawl, "SELECT id, outlet, url FROM articles WHERE cluster_id = ? "
                 "ORDER BY published_at LIMIT 1", cluster["cluster_id"])[0]
    assert (cluster["first_id"], cluster["first_outlet"], cluster["first_url"]) == (
        first["id"], "wire", first["url"])
    only_ledger = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "dupes", "--db", str(first_crawl), "--json",
         "--outlet", "ledger", "--min-size", "1", "--until", "2026-01-26"],
        capture_output=True, text=True, check=True, cwd=ROOT)
    listed = json.loads(only_ledger.stdout)
    assert listed and all(c["outlets"] == ["ledger"] for c in listed)


def test_search_cli_on_the_crawled_corpus(first_crawl: Path) -> None:
    def search(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "newscrawl.cli", "search", *args, "--db",
                               str(first_crawl)], capture_output=True, text=True, cwd=ROOT)

    hits = json.loads(search('"open letter"', "ICE", "--json").stdout)
    assert hits and all("**" in hit["snippet"] for hit in hits)
    wire = [hit for hit in hits if hit["copies"] > 1]
    assert wire, "the syndicated wire story shows once, with its copies counted"
    ranked_all = search('"open letter"', "ICE", "--json", "--rank-all")
    assert json.loads(ranked_all.stdout) == hits and "Note:" not in ranked_all.stderr
    every = json.loads(search('"open letter"', "ICE", "--json", "--include-duplicates").stdout)
    assert len(every) > len(hits)
    for nasty in ('"unbalanced', "'; DROP TABLE articles; --", "((ICE", "title:ICE", "NEAR(a b)"):
        result = search(nasty, "--json")
        assert result.returncode in (0, 1, 2) and "Traceback" not in result.stderr, (nasty, result.stderr)
    assert rows(first_crawl, "SELECT count(*) AS n FROM articles")[0]["n"] > 0
    csv_out = search("ICE", "--csv", "--limit", "3").stdout
    assert csv_out.splitlines()[0].startswith("id,outlet,outlet_name,published_at,published_day,title")
