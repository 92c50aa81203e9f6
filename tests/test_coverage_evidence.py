"""The discovery evidence: every channel that listed a URL and when, and what each read of a
channel could have seen (migration 9, the spiders' polls, the store's writes)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils
from components import close, crawler_with_spider, outlet, response
from scrapy.http import TextResponse

from newscrawl.items import ChannelPoll, FetchedPage
from newscrawl.spiders.news import NewsSpider
from newscrawl.store import SCHEMA_VERSION, Store
from newscrawl.store.schema import MIGRATIONS

FEED_URL = "https://ledger.test/feed.rss"
FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Ledger</title><link>https://ledger.test/</link>
  <item><title>CEOs respond</title>
    <link>https://ledger.test/2026/02/04/ceos-respond.html?utm_source=rss</link>
    <pubDate>Wed, 04 Feb 2026 06:00:00 -0500</pubDate></item>
  <item><title>The letter</title><link>https://ledger.test/2026/01/27/tech-workers-letter.html</link>
    <pubDate>Tue, 27 Jan 2026 09:05:00 -0500</pubDate></item>
  <item><title>A copy elsewhere</title><link>https://wire.test/2026/01/27/letter.html</link></item>
</channel></rss>"""


def test_a_version_8_database_keeps_the_one_channel_it_knew(tmp_path: Path) -> None:
    path = tmp_path / "v8.db"
    conn = sqlite3.connect(path)
    for version in sorted(v for v in MIGRATIONS if v <= 8):
        MIGRATIONS[version](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 8")
    conn.execute("INSERT INTO outlets (slug, name) VALUES ('ledger', 'The Ledger')")
    rows = [
        ("https://ledger.test/a", "feed https://ledger.test/feed.rss", "2026-01-02T00:00:00+00:00"),
        ("https://ledger.test/b", "listing https://ledger.test/news/", "2026-01-03T00:00:00+00:00"),
        ("https://ledger.test/feed.rss", "feed", "2026-01-01T00:00:00+00:00"),
        ("https://ledger.test/c", "", "2026-01-03T00:00:00+00:00"),
    ]
    conn.executemany("INSERT INTO pages (url, outlet, status, verdict, discovered_via, fetched_at) "
                     "VALUES (?, 'ledger', 200, 'article', ?, ?)", rows)
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.schema_version == SCHEMA_VERSION
    found = list(store.db.query(
        "SELECT url, channel, source, first_seen_at, rank, backfilled FROM discoveries ORDER BY url"))
    assert found == [
        {"url": "https://ledger.test/a", "channel": "feed", "source": "https://ledger.test/feed.rss",
         "first_seen_at": "2026-01-02T00:00:00+00:00", "rank": None, "backfilled": 1},
        {"url": "https://ledger.test/b", "channel": "section", "source": "https://ledger.test/news/",
         "first_seen_at": "2026-01-03T00:00:00+00:00", "rank": None, "backfilled": 1},
    ]
    assert store.count("channel_polls") == 0  # the windows were never recorded: unknown
    store.close()


def test_every_read_of_a_channel_is_kept_and_every_listing_of_a_url(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "c.db")
    store.upsert_outlets([outlet("ledger").to_row()])
    first = datetime(2026, 2, 1, 12, tzinfo=UTC)
    later = datetime(2026, 2, 2, 12, tzinfo=UTC)
    links = [("ledger", "https://ledger.test/x"), ("ledger", "https://ledger.test/y")]
    store.record_poll(ChannelPoll("feed", FEED_URL, first, "ledger", 2, first, first, links), None)
    store.record_poll(ChannelPoll("feed", FEED_URL, later, "ledger", 2, later, later, links[::-1]), None)
    store.record_poll(ChannelPoll("gdelt", "https://api.test/?q", later, None, 1, first, later,
                                  [("ledger", "https://ledger.test/x")]), None)
    store.record_poll(ChannelPoll("feed", FEED_URL, later, "ledger"), None)  # 304
    store.flush()
    rows = list(store.db.query("SELECT url, channel, first_seen_at, last_seen_at, rank, times "
                               "FROM discoveries ORDER BY url, channel"))
    assert rows == [
        {"url": "https://ledger.test/x", "channel": "feed", "first_seen_at": "2026-02-01T12:00:00+00:00",
         "last_seen_at": "2026-02-02T12:00:00+00:00", "rank": 1, "times": 2},
        {"url": "https://ledger.test/x", "channel": "gdelt", "first_seen_at": "2026-02-02T12:00:00+00:00",
         "last_seen_at": "2026-02-02T12:00:00+00:00", "rank": 1, "times": 1},
        {"url": "https://ledger.test/y", "channel": "feed", "first_seen_at": "2026-02-01T12:00:00+00:00",
         "last_seen_at": "2026-02-02T12:00:00+00:00", "rank": 1, "times": 2},
    ]
    polls = list(store.db.query("SELECT outlet, channel, items, status FROM channel_polls ORDER BY id"))
    assert [p["status"] for p in polls] == ["read", "read", "read", "not modified"]
    assert polls[2]["outlet"] is None and polls[3]["items"] is None
    store.close()


def test_a_feed_read_carries_its_poll_with_the_outlets_links_in_order(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, [outlet("ledger"), outlet("wire")])
    try:
        answer = response(FEED_URL, FEED, cls=TextResponse, headers={"Content-Type": "application/rss+xml"},
                          meta={"outlet": "ledger", "via": "feed", "depth": 0})
        page = next(iter(crawler.spider.parse_feed(answer)))
        assert isinstance(page, FetchedPage)
        poll = page.poll
        assert (poll.channel, poll.source, poll.outlet, poll.items) == ("feed", FEED_URL, "ledger", 3)
        assert poll.links == [  # cleaned; the other outlet's link is not this feed's evidence
            ("ledger", "https://ledger.test/2026/02/04/ceos-respond.html"),
            ("ledger", "https://ledger.test/2026/01/27/tech-workers-letter.html"),
        ]
        assert poll.oldest == datetime(2026, 1, 27, 14, 5, tzinfo=UTC)
        assert poll.newest == datetime(2026, 2, 4, 11, 0, tzinfo=UTC)
        not_modified = response(FEED_URL, b"", status=304, cls=TextResponse,
                                meta={"outlet": "ledger", "via": "feed", "depth": 0})
        (page,) = list(crawler.spider.parse_feed(not_modified))
        assert page.poll.status == "not modified" and page.poll.links == []
    finally:
        close(crawler)


def test_a_section_page_read_lists_its_article_links(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, [outlet("ledger")])
    try:
        html = ('<html><body><a href="/2026/02/04/one-story.html">One story here</a>'
                '<a href="/2026/02/03/two-story.html">Two story here</a><a href="/about">About</a>'
                "</body></html>")
        answer = response("https://ledger.test/news/", html,
                          meta={"outlet": "ledger", "via": "start page", "depth": 0})
        page = next(iter(crawler.spider.parse_listing(answer)))
        assert page.poll.channel == "section"
        assert [url for _, url in page.poll.links] == [
            "https://ledger.test/2026/02/04/one-story.html", "https://ledger.test/2026/02/03/two-story.html"]
        assert page.poll.oldest is None  # a section page gives no dates
    finally:
        close(crawler)
