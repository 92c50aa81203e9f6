"""A story's day is the outlet's day, everywhere: extraction, the stages, the store, search,
facets, export, the report and the datasheet.

The story: published at 11:30 p.m. on January 24, 2026 in Chicago (America/Chicago, UTC-6),
which is 05:30 UTC on January 25. A journalist looking for "January 24" must find it there.
"""

from __future__ import annotations

import json
import sqlite3
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import sqlite_utils
from components import close, crawler_with_spider, outlet, run, topic
from scrapy import signals
from scrapy.utils.misc import build_from_crawler

from newscrawl.extract.article import extract_article
from newscrawl.items import ARTICLE, Article, FetchedPage
from newscrawl.outputs.dataset import ExportFilters
from newscrawl.outputs.export import datasheet_paths, export_articles
from newscrawl.outputs.report import ReportFilters, gather_report
from newscrawl.pipelines.dates import DatesPipeline
from newscrawl.pipelines.extract import ExtractPipeline
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.topic import TopicPipeline
from newscrawl.spiders.news import NewsSpider
from newscrawl.store import Store
from newscrawl.store.facets import MARK
from newscrawl.store.schema import MIGRATIONS, SCHEMA_VERSION

URL = "https://ledger.test/news/raid-letter.html"
LATE = "Published January 24, 2026 at 11:30 p.m. CST"
BODY = " ".join(
    "Immigration and Customs Enforcement officers detained workers on Saturday night, and tech "
    f"employees signed an open letter asking their companies to end ICE contracts ({n})."
    for n in range(6)
)


def page_html(dateline: str = LATE) -> str:
    return (f'<html lang="en"><head><title>Workers sign an open letter</title></head><body><article>'
            f"<h1>Workers sign an open letter</h1><p class='byline'>{dateline}</p>"
            f"<p>{BODY}</p></article></body></html>")


def test_extract_article_returns_the_pages_own_time_and_day() -> None:
    art = extract_article(page_html(), URL, default_tz="America/Chicago")
    assert art is not None
    assert art.published_at == "2026-01-25T05:30:00+00:00"  # the instant, in UTC
    assert art.published_local == "2026-01-24T23:30:00-06:00"  # as the page wrote it
    assert art.published_day == "2026-01-24"  # the outlet's day
    assert art.to_dict()["published_day"] == "2026-01-24"


def test_a_naive_time_takes_the_outlets_zone_and_a_bare_day_stays_a_day() -> None:
    naive = extract_article(page_html("Posted 2026-01-24 23:30"), URL, default_tz="America/Chicago")
    assert (naive.published_local, naive.published_day) == ("2026-01-24T23:30:00-06:00", "2026-01-24")
    bare = extract_article(page_html("January 24, 2026"), URL, default_tz="America/Chicago")
    assert (bare.published_local, bare.published_day) == ("2026-01-24", "2026-01-24")


def _crawl_one_story(tmp_path: Path, **topic_keys: str) -> FetchedPage:
    """The real stages, one after the other, for the late story of a Chicago outlet."""
    crawler = crawler_with_spider(NewsSpider, tmp_path, [outlet("ledger", timezone="America/Chicago")],
                                  topic=topic(tmp_path / "t.toml", **topic_keys))
    try:
        extract = build_from_crawler(ExtractPipeline, crawler)
        extract.pool = ThreadPoolExecutor(1)
        page = FetchedPage(url=URL, outlet="ledger", discovered_via="feed", status=200,
                           fetched_at=datetime(2026, 1, 25, 6, 0, tzinfo=UTC), final_url=URL,
                           headers={"content-type": "text/html; charset=utf-8"},
                           body=page_html().encode())
        page = run(extract.process_item(page))
        extract.close_spider()
        build_from_crawler(DatesPipeline, crawler).process_item(page)
        build_from_crawler(TopicPipeline, crawler).process_item(page)
        page.article.minhash = np.arange(128, dtype=np.uint64)
        store = build_from_crawler(StorePipeline, crawler)
        store.open_spider()
        store.process_item(page)
        store.close_spider()
        crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider, reason="finished")
    finally:
        close(crawler)
    return page


@pytest.fixture
def stored(tmp_path: Path) -> Path:
    page = _crawl_one_story(tmp_path, since='"2026-01-20"', until='"2026-01-24"')
    assert page.verdict == ARTICLE, page.reason  # inside a topic window that ends on the 24th
    return tmp_path / "news.db"


def test_the_store_keeps_the_local_time_beside_the_utc_instant(stored: Path) -> None:
    conn = sqlite3.connect(stored)
    try:
        row = conn.execute(
            "SELECT published_at, published_local, published_day, facets FROM articles").fetchone()
    finally:
        conn.close()
    assert row[:3] == ("2026-01-25T05:30:00+00:00", "2026-01-24T23:30:00-06:00", "2026-01-24")
    assert f"{MARK}d20260124" in row[3] and f"{MARK}d20260125" not in row[3]


def test_search_finds_the_story_under_its_local_day(stored: Path) -> None:
    store = Store.open(stored, readonly=True)
    try:
        found = store.search("letter", since="2026-01-24", until="2026-01-24")
        assert [r["url"] for r in found] == [URL]
        assert store.search("letter", since="2026-01-25", until="2026-01-25") == []
        assert store.search("letter", until="2026-01-24") != []
    finally:
        store.close()


def test_export_and_its_datasheet_use_the_local_day(stored: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    store = Store.open(stored, readonly=True)
    try:
        fields = ["url", "published_at", "published_local", "published_day"]
        export_articles(store, out, fmt="jsonl", fields=fields,
                        filters=ExportFilters(since="2026-01-24", until="2026-01-24"))
        empty = tmp_path / "none.jsonl"
        export_articles(store, empty, fmt="jsonl", fields=["url"],
                        filters=ExportFilters(since="2026-01-25", until="2026-01-25"))
    finally:
        store.close()
    (row,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert row == {"url": URL, "published_at": "2026-01-25T05:30:00+00:00",
                   "published_local": "2026-01-24T23:30:00-06:00", "published_day": "2026-01-24"}
    assert empty.read_text(encoding="utf-8") == ""
    sheet = json.loads(datasheet_paths(out)[1].read_text(encoding="utf-8"))
    assert sheet["contents"]["first_published"] == sheet["contents"]["last_published"] == "2026-01-24"
    assert sheet["contents"]["per_month"] == {"2026-01": 1}
    assert "2026-01-24 to 2026-01-24" in datasheet_paths(out)[0].read_text(encoding="utf-8")


def test_the_report_bins_the_story_on_its_local_day(stored: Path) -> None:
    store = Store.open(stored, readonly=True)
    try:
        data = gather_report(store, ReportFilters(), database=str(stored))
        assert data.bin == "day" and data.periods == ["2026-01-24"]
        assert store.report_day_outlet_counts() == [{"day": "2026-01-24", "outlet": "ledger", "articles": 1}]
        assert store.report_overview(until="2026-01-24")["articles"] == 1
        assert store.report_overview(since="2026-01-25")["articles"] == 0
    finally:
        store.close()


def test_the_topic_window_is_the_outlets_day(tmp_path: Path) -> None:
    page = _crawl_one_story(tmp_path, since='"2026-01-25"')
    assert page.reason == "published 2026-01-24 before the topic window (2026-01-25)"


# -- migration 5 ---------------------------------------------------------------------------------


def _version_4_database(path: Path) -> None:
    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    for version in (1, 2, 3, 4):
        MIGRATIONS[version](db)
    conn.execute("PRAGMA user_version = 4")
    conn.execute("INSERT INTO outlets (slug, name, timezone) VALUES ('ledger', 'Ledger', 'America/Chicago'), "
                 "('wire', 'Wire', NULL)")
    for i, (outlet_slug, published) in enumerate([
        ("ledger", "2026-01-25T05:30:00+00:00"),  # 23:30 in Chicago on the 24th
        ("wire", "2026-01-25T05:30:00+00:00"),  # no known zone
        ("ledger", None),  # undated
        ("gone", "2026-01-25T05:30:00+00:00"),  # an outlet no longer in the table
        ("ledger", "2026-01-20T18:00:00+00:00"),  # noon in Chicago: the same day (facets kept)
    ], 1):
        conn.execute("INSERT INTO articles (id, url, outlet, title, text, published_at, topics) "
                     "VALUES (?, ?, ?, 'Workers sign a letter', 'an open letter', ?, '{}')",
                     (i, f"https://x.test/{i}", outlet_slug, published))
    from newscrawl.store.facets import stored_facets

    # facets as versions 3 and 4 made them, from the UTC published_at
    for i, outlet_slug, language, published in conn.execute(
            "SELECT id, outlet, language, published_at FROM articles").fetchall():
        conn.execute("UPDATE articles SET facets = ? WHERE id = ?",
                     (stored_facets(outlet_slug, language, published, "{}"), i))
    conn.commit()
    conn.close()


def test_a_version_4_database_gains_the_local_day_from_the_outlets_zone(tmp_path: Path) -> None:
    path = tmp_path / "v4.db"
    _version_4_database(path)
    old = Store.open(path, readonly=True)  # not migrated: still searchable on the UTC day
    try:
        assert old.schema_version == 4
        assert len(old.search("letter", since="2026-01-25", until="2026-01-25")) == 3
        assert len(old.search("letter", since="2026-01-20", until="2026-01-20")) == 1
    finally:
        old.close()
    store = Store.open(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        rows = store.conn.execute(
            "SELECT id, published_local, published_day FROM articles ORDER BY id").fetchall()
        assert rows == [(1, "2026-01-24T23:30:00-06:00", "2026-01-24"), (2, None, None), (3, None, None),
                        (4, None, None), (5, "2026-01-20T12:00:00-06:00", "2026-01-20")]
        assert [r["id"] for r in store.search("letter", since="2026-01-20", until="2026-01-20")] == [5]
        # the migrated facets and the filters both use the outlet's day; no zone: the UTC day
        assert [r["id"] for r in store.search("letter", since="2026-01-24", until="2026-01-24")] == [1]
        assert sorted(r["id"] for r in store.search("letter", since="2026-01-25")) == [2, 4]
        assert store.report_day_outlet_counts() == [
            {"day": "2026-01-20", "outlet": "ledger", "articles": 1},
            {"day": "2026-01-24", "outlet": "ledger", "articles": 1},
            {"day": "2026-01-25", "outlet": "gone", "articles": 1},
            {"day": "2026-01-25", "outlet": "wire", "articles": 1}]
    finally:
        store.close()


def test_a_stored_article_keeps_its_dates_when_a_revisit_shows_none(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "news.db", create=True)
    try:
        store.upsert_outlets([outlet("ledger", timezone="America/Chicago").to_row()])
        first = Article(url=URL, outlet="ledger", title="t", text="an open letter",
                        published_at=datetime(2026, 1, 25, 5, 30, tzinfo=UTC),
                        published_local="2026-01-24T23:30:00-06:00", published_day="2026-01-24")
        article_id = store.insert_article(first, None)
        store.update_article(article_id, Article(url=URL, outlet="ledger", title="t2", text="changed"), None)
        store.flush()
        row = store.conn.execute("SELECT published_at, published_local, published_day, facets FROM articles"
                                 ).fetchone()
    finally:
        store.close()
    assert row[:3] == ("2026-01-25T05:30:00+00:00", "2026-01-24T23:30:00-06:00", "2026-01-24")
    assert f"{MARK}d20260124" in row[3]
