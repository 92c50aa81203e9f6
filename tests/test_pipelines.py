"""The item pipelines one by one, built from a crawler and fed handmade pages (no crawl).

Each stage is built with :func:`scrapy.utils.misc.build_from_crawler` from a crawler whose
spider has the outlets and topic the stage reads; ``async def process_item`` stages run
under :func:`asyncio.run` (they need an event loop, not the Twisted reactor). The store and
WARC stages write real files in ``tmp_path``. (The dedup stage has tests of its own.)
"""

from __future__ import annotations

import asyncio
import json
import pickle
import sqlite3
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
from components import close, crawler_with_spider, outlet, project_settings, run, topic
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

import newscrawl.extract.article
import newscrawl.pipelines.extract
from newscrawl.crawl.lock import CrawlLock, LockHeld
from newscrawl.items import (
    ARTICLE,
    ERROR,
    NOT_ARTICLE,
    OFF_TOPIC,
    Article,
    DateHint,
    ExtractedArticle,
    FetchedPage,
)
from newscrawl.judge.dedup import (
    NearDupSettings,
    band_keys,
    minhash_signature,
    signature_to_bytes,
    text_hash,
)
from newscrawl.pipelines.dates import DatesPipeline
from newscrawl.pipelines.extract import ExtractPipeline, crawl_page_job, page_job
from newscrawl.pipelines.store import StorePipeline
from newscrawl.pipelines.topic import TopicPipeline
from newscrawl.pipelines.warc import WarcPipeline
from newscrawl.spiders.news import NewsSpider
from newscrawl.store.warc import iter_responses, read_response
from newscrawl.words import word_count

URL = "https://ledger.test/2026/01/27/tech-workers-letter.html"
SENTENCES = (
    "Immigration and Customs Enforcement officers detained workers at a plant on Tuesday.",
    "Tech employees signed an open letter asking their companies to end ICE contracts.",
    "The letter gathered more than a thousand signatures within two days, organisers said.",
    "Executives at two of the companies said they would meet the signatories next week.",
    "A spokesperson for the agency declined to comment on the contracts or the letter.",
    "Workers at a third firm said they planned a walkout if nothing changed by spring.",
)  # 81 words: an article at NEWSCRAWL_MIN_WORDS = 50; the first four make 52


PUBLISHED = '<meta property="article:published_time" content="2026-01-27T09:30:00-06:00">'


def html(sentences: int = 6, title: str = "Tech workers sign a letter", head: str = PUBLISHED) -> bytes:
    paragraphs = "".join(f"<p>{s}</p>" for s in SENTENCES[:sentences])
    return (f'<html lang="en"><head><title>{title}</title>{head}</head>'
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>").encode()


def fetched(body: bytes = b"", url: str = URL, content_type: str = "text/html; charset=utf-8",
            **fields: object) -> FetchedPage:
    page = FetchedPage(url=url, outlet="ledger", discovered_via="feed https://ledger.test/feed.rss",
                       fetched_at=datetime(2026, 1, 28, 12, 0, tzinfo=UTC), final_url=url, status=200,
                       headers={"content-type": content_type} if content_type else {}, body=body)
    for name, value in fields.items():
        setattr(page, name, value)
    return page


def drafted(
    title: str = "Tech workers sign a letter", text: str = " ".join(SENTENCES), **fields: object
) -> FetchedPage:
    """A page the extract stage has given an article draft."""
    page = fetched(extracted=ExtractedArticle(title=title, text=text, language="en"))
    page.article = Article(url=URL, outlet="ledger", title=title, text=text, language="en",
                           word_count=len(text.split()), fetched_url=URL, **fields)
    return page


@pytest.fixture
def crawler(tmp_path: Path) -> Iterator[Crawler]:
    crawler = crawler_with_spider(NewsSpider, tmp_path, [outlet("ledger", timezone="America/Chicago")])
    yield crawler
    close(crawler)


# -- extract ---------------------------------------------------------------------------------------


@pytest.fixture
def extract(crawler: Crawler) -> Iterator[ExtractPipeline]:
    """The extract stage with a thread for its pool: any executor will do, and a thread is in-process."""
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    pipeline.pool = ThreadPoolExecutor(1)
    yield pipeline
    pipeline.close_spider()


def test_an_article_page_gets_an_article_draft(extract: ExtractPipeline) -> None:
    page = run(extract.process_item(fetched(html())))
    assert not page.decided
    article = page.article
    assert (article.url, article.outlet, article.fetched_url) == (URL, "ledger", URL)
    assert article.title == "Tech workers sign a letter" and article.language == "en"
    assert article.text.startswith(SENTENCES[0]) and article.word_count == 81
    assert page.extracted is not None and page.extracted.page_type == "article"
    assert DateHint("2026-01-27T09:30:00-06:00", "meta", "published") in page.extracted.date_hints
    assert isinstance(page.minhash, bytes) and len(page.minhash) == 128 * 8  # the stored blob
    assert page.body == b"", "the raw body is dropped once the text is out"


def test_the_pool_sends_the_signature_as_its_blob_with_its_band_keys(extract: ExtractPipeline) -> None:
    # What the crawl's process unpickles holds no numpy array: it never imports numpy.
    near = NearDupSettings()
    job = page_job(None, (None, 1), html(), URL, "UTC", "text/html", near, None, [])
    assert b"numpy" not in pickle.dumps(job)
    signature = minhash_signature(job.extracted.text, near)
    assert job.signature == signature_to_bytes(signature)
    assert job.band_keys == band_keys(signature, near) and len(job.band_keys) == near.bands[0]
    page = run(extract.process_item(fetched(html())))
    assert (page.minhash, page.band_keys) == (job.signature, job.band_keys)


def test_the_pool_counts_hashes_and_matches_the_text_as_the_later_stages_would(
    extract: ExtractPipeline, crawler: Crawler
) -> None:
    page = run(extract.process_item(fetched(html())))
    article = page.article
    assert article.word_count == word_count(article.text) == 81
    assert article.text_hash == text_hash(article.text)
    query = crawler.spider.topic.query
    assert page.topic_match == query.match(article.title, article.text) and page.topic_match.matched
    judged_here = build_from_crawler(TopicPipeline, crawler).process_item(page)
    assert judged_here.topic_match is None, "taken by the topic stage"
    again = drafted(title=article.title, text=article.text)  # no match from the pool: made there
    build_from_crawler(TopicPipeline, crawler).process_item(again)
    assert judged_here.article.topics == again.article.topics and judged_here.article.topics


def test_the_article_url_is_where_the_page_was_found(extract: ExtractPipeline) -> None:
    moved = "https://ledger.test/2026/01/27/tech-workers-letter-updated.html"
    page = run(extract.process_item(fetched(html(), final_url=moved)))
    assert page.article.url == page.article.fetched_url == moved


def test_too_few_words_is_not_an_article(extract: ExtractPipeline) -> None:
    page = run(extract.process_item(fetched(html(sentences=2))))
    assert (page.verdict, page.reason) == (NOT_ARTICLE, "main text too short (25 words)")
    assert page.article is None


def test_a_paywalled_storys_free_part_is_an_article_however_short(extract: ExtractPipeline) -> None:
    # its JSON-LD says the story is not free: the two sentences the page shows are stored
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Tech workers sign '
          'a letter", "isAccessibleForFree": "False"}</script>')
    page = run(extract.process_item(fetched(html(sentences=2, head=PUBLISHED + ld))))
    assert not page.decided and page.article is not None and page.article.word_count == 25
    assert page.extracted.paywalled


def test_min_words_comes_from_the_settings(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, settings={"NEWSCRAWL_MIN_WORDS": 60})
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    pipeline.pool = ThreadPoolExecutor(1)
    try:
        four = run(pipeline.process_item(fetched(html(sentences=4))))
        six = run(pipeline.process_item(fetched(html(sentences=6))))
    finally:
        pipeline.close_spider()
        close(crawler)
    assert (four.verdict, four.reason) == (NOT_ARTICLE, "main text too short (52 words)")
    assert six.article is not None and not six.decided


def test_a_listing_page_is_not_an_article(extract: ExtractPipeline) -> None:
    collection = ('<script type="application/ld+json">'
                  '{"@context": "https://schema.org", "@type": "CollectionPage"}</script>')
    page = run(extract.process_item(fetched(html(head=collection))))
    assert (page.verdict, page.reason) == (NOT_ARTICLE, "listing page (JSON-LD type collectionpage)")


def test_the_byline_credit_reaches_the_article_draft(extract: ExtractPipeline) -> None:
    byline = '<meta name="author" content="By Jane Roe, Associated Press">'
    page = run(extract.process_item(fetched(html(head=PUBLISHED + byline))))
    assert page.article.authors == ["Jane Roe"] and page.article.credit == ["Associated Press"]


def test_a_roundup_of_teasers_is_not_an_article(tmp_path: Path) -> None:
    roundup = (Path(__file__).parent / "pages" / "roundup.html").read_bytes()
    # the prefilter off: the roundup has none of the topic's words, and would be off-topic first
    crawler = crawler_with_spider(NewsSpider, tmp_path, settings={"NEWSCRAWL_PREFILTER": False})
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    pipeline.pool = ThreadPoolExecutor(1)
    try:
        page = run(pipeline.process_item(fetched(roundup)))
    finally:
        pipeline.close_spider()
        close(crawler)
    assert page.verdict == NOT_ARTICLE and page.reason.startswith("listing page (8 teasers")


@pytest.mark.parametrize(("page", "reason"), [
    (fetched(b"\x89PNG\r\n", content_type="image/png"), "content type image/png"),
    (fetched(b"%PDF-1.7", content_type="application/pdf; qs=0.001"), "content type application/pdf"),
    (fetched(b"  \n "), "empty body"),
    # (the page has the topic's words, or the topic prefilter would judge it first)
    (fetched(b"<html><body><nav><a href='/'>ICE open letter</a></nav></body></html>"), "no main text"),
])
def test_pages_without_an_article(extract: ExtractPipeline, page: FetchedPage, reason: str) -> None:
    page = run(extract.process_item(page))
    assert (page.verdict, page.reason) == (NOT_ARTICLE, reason)


COUNCIL = ("<html><body><article>" + "".join(
    f"<p>On day {n} the council met to debate the budget for roads, schools and the library, and "
    f"member number {n} spoke at length about the {n} proposals put forward by the mayor.</p>"
    for n in ("one", "two", "three", "four", "five")) + "</article></body></html>").encode()


def test_a_page_without_the_topics_words_is_prefiltered_off_topic_and_not_extracted(
    extract: ExtractPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("extracted")

    monkeypatch.setattr(newscrawl.extract.article, "extract_article", never)  # imported when called
    page = run(extract.process_item(fetched(COUNCIL)))
    assert page.verdict == OFF_TOPIC and page.reason.startswith("prefiltered")
    assert page.charset == "utf-8" and page.article is None


def test_the_pages_of_a_crawl_share_one_pickle_of_its_query_settings_prefilter_and_time_limit(
    extract: ExtractPipeline, crawler: Crawler, tmp_path: Path
) -> None:
    # Pickled once by the stage, not with every page (and unpickled once in each worker).
    shared = extract.shared()
    assert extract.shared() is shared
    query, prefilter = crawler.spider.topic.query, extract.prefilter()
    assert prefilter is not None
    assert pickle.loads(shared) == ((query, extract.min_words), extract.near, prefilter, 60.0)
    for body in (html(), COUNCIL):  # an article, and a page the prefilter turns away
        alone = page_job(None, (query, extract.min_words), body, URL, "UTC", "text/html", extract.near,
                         prefilter, [])
        assert crawl_page_job(None, shared, body, URL, "UTC", "text/html", []) == alone
    crawler.spider.topic = topic(tmp_path / "other.toml", query="budget")  # another query
    other = extract.shared()
    assert other != shared and pickle.loads(other)[0][0] == crawler.spider.topic.query


def test_with_the_prefilter_off_every_page_is_extracted(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, settings={"NEWSCRAWL_PREFILTER": False})
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    pipeline.pool = ThreadPoolExecutor(1)
    try:
        page = run(pipeline.process_item(fetched(COUNCIL)))
    finally:
        pipeline.close_spider()
        close(crawler)
    assert not page.decided and page.article is not None  # the topic stage judges it


def test_a_page_without_a_content_type_is_read_as_html(extract: ExtractPipeline) -> None:
    page = run(extract.process_item(fetched(html(), content_type="")))
    assert page.article is not None


def test_decided_pages_are_left_alone(extract: ExtractPipeline) -> None:
    page = fetched(html(), verdict=ERROR, reason="http 500")
    assert run(extract.process_item(page)) is page
    assert (page.verdict, page.reason, page.article) == (ERROR, "http 500", None)


def test_an_extractor_failure_is_an_error_not_a_stopped_crawl(
    extract: ExtractPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise ValueError("bad markup")

    monkeypatch.setattr(newscrawl.pipelines.extract, "extract_in_worker", broken)
    page = run(extract.process_item(fetched(html())))
    assert (page.verdict, page.reason) == (ERROR, "extraction failed: ValueError: bad markup")


def test_an_extractor_failure_without_a_message_still_names_its_cause(
    extract: ExtractPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise MemoryError

    monkeypatch.setattr(newscrawl.pipelines.extract, "extract_in_worker", broken)
    page = run(extract.process_item(fetched(html())))
    assert page.verdict == ERROR and page.reason.startswith("extraction failed: MemoryError (")


def test_a_crashed_worker_is_an_error_and_the_pool_is_replaced(
    extract: ExtractPipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crash(*args: object) -> None:
        raise BrokenProcessPool("a worker died")

    monkeypatch.setattr(newscrawl.pipelines.extract, "extract_in_worker", crash)
    crashed = extract.pool
    monkeypatch.setattr(extract, "_new_pool", lambda: ThreadPoolExecutor(1))
    page = run(extract.process_item(fetched(html())))
    assert (page.verdict, page.reason) == (ERROR, "extraction worker crashed")
    assert extract.pool is not crashed
    crashed.shutdown()


@pytest.mark.slow
def test_the_process_pool_extracts_and_closes(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, settings={"NEWSCRAWL_EXTRACT_WORKERS": 1})
    pipeline = build_from_crawler(ExtractPipeline, crawler)
    assert pipeline.workers == 1
    pipeline.open_spider()
    try:
        page = run(pipeline.process_item(fetched(html())))
    finally:
        pipeline.close_spider()
        close(crawler)
    assert page.article is not None and page.article.word_count == 81
    assert pipeline.pool is None


# -- dates -------------------------------------------------------------------------------------------


def test_dates_weigh_the_feed_with_the_page_in_the_outlets_timezone(crawler: Crawler) -> None:
    page = drafted()
    page.date_hints = [DateHint("Tue, 27 Jan 2026 15:30:00 +0000", "feed")]
    page.extracted.date_hints = [DateHint("2026-01-27T09:30:00-06:00", "meta"),
                                 DateHint("2026-01-28 08:00", "meta", "modified")]
    build_from_crawler(DatesPipeline, crawler).process_item(page)
    article = page.article
    assert article.published_at == datetime(2026, 1, 27, 15, 30, tzinfo=UTC)
    assert article.date_source == "feed"
    # a date without an offset is the outlet's local time (America/Chicago, UTC-6)
    assert article.modified_at == datetime(2026, 1, 28, 14, 0, tzinfo=UTC)
    assert not page.decided


def test_dates_without_hints_stay_unknown(crawler: Crawler) -> None:
    page = drafted()
    build_from_crawler(DatesPipeline, crawler).process_item(page)
    article = page.article
    assert (article.published_at, article.modified_at, article.date_source) == (None, None, None)


def test_dates_skip_pages_without_a_draft(crawler: Crawler) -> None:
    stage = build_from_crawler(DatesPipeline, crawler)
    decided = drafted()
    decided.date_hints = [DateHint("2026-01-27", "feed")]
    decided.decide(NOT_ARTICLE, "feed with 3 entries")
    assert stage.process_item(decided).article.published_at is None
    bare = fetched(b"", date_hints=[DateHint("2026-01-27", "feed")])
    assert stage.process_item(bare) is bare and bare.article is None


# -- topic -------------------------------------------------------------------------------------------


def judged(
    tmp_path: Path, page: FetchedPage, run_since: str | None = None, **topic_fields: str
) -> FetchedPage:
    """``page`` after the topic stage of a run with ``--since run_since`` and these topic keys."""
    crawler = crawler_with_spider(NewsSpider, tmp_path, topic=topic(tmp_path / "t.toml", **topic_fields),
                                  since=run_since)
    try:
        return build_from_crawler(TopicPipeline, crawler).process_item(page)
    finally:
        close(crawler)


def test_an_on_topic_article_records_its_match(tmp_path: Path) -> None:
    page = judged(tmp_path, drafted())
    assert not page.decided
    match = page.article.topics["test-topic"]
    assert match["score"] > 0 and match["terms"]
    assert json.loads(json.dumps(page.article.topics)) == page.article.topics, "stored as JSON"


def test_an_article_off_the_query_is_off_topic(tmp_path: Path) -> None:
    page = judged(tmp_path, drafted(title="Council approves budget", text="The city council met. " * 20))
    assert (page.verdict, page.reason) == (OFF_TOPIC, "topic query did not match")
    assert page.article.topics == {}


def test_a_weak_match_is_off_topic(tmp_path: Path) -> None:
    page = judged(tmp_path, drafted(), min_score="1000.0")
    assert page.verdict == OFF_TOPIC and page.reason.startswith("topic score ")
    assert page.reason.endswith(" below 1000.0")


def test_a_language_outside_the_topics_is_off_topic(tmp_path: Path) -> None:
    page = drafted()
    page.article.language = "de"
    page = judged(tmp_path, page, languages='["en", "es"]')
    assert (page.verdict, page.reason) == (OFF_TOPIC, "language de not in the topic's languages")
    assert not judged(tmp_path, drafted(), languages='["en", "es"]').decided


@pytest.mark.parametrize(("published", "reason"), [
    (datetime(2026, 1, 9, 23, 0, tzinfo=UTC), "published 2026-01-09 before the topic window (2026-01-10)"),
    (datetime(2026, 3, 1, 0, 0, tzinfo=UTC), "published 2026-03-01 after the topic window (2026-02-28)"),
    (None, None),
    (datetime(2026, 2, 28, 23, 59, tzinfo=UTC), None),
])
def test_the_topic_window(tmp_path: Path, published: datetime | None, reason: str | None) -> None:
    page = judged(tmp_path, drafted(published_at=published), since="2026-01-10", until="2026-02-28")
    assert (page.verdict, page.reason) == ((OFF_TOPIC, reason) if reason else (None, None))


def test_since_of_the_run_is_off_topic_too(tmp_path: Path) -> None:
    old = drafted(published_at=datetime(2026, 1, 19, 23, 0, tzinfo=UTC))
    old = judged(tmp_path, old, run_since="2026-01-20")
    assert (old.verdict, old.reason) == (OFF_TOPIC, "published 2026-01-19 before --since 2026-01-20")
    new = drafted(published_at=datetime(2026, 1, 20, 0, 0, tzinfo=UTC))
    new = judged(tmp_path, new, run_since="2026-01-20")
    assert not new.decided


def test_topic_skips_decided_pages(tmp_path: Path) -> None:
    page = drafted(title="Council approves budget", text="The city council met.")
    page.decide(ERROR, "http 500")
    assert judged(tmp_path, page).reason == "http 500"


# -- store -------------------------------------------------------------------------------------------


def rows(db: Path, sql: str, *params: object) -> list[dict]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, params)]
    finally:
        conn.close()


def close_store_stage(stage: StorePipeline, crawler: Crawler) -> None:
    """Close the store stage as Scrapy does: ``close_spider``, then ``spider_closed`` with the reason."""
    stage.close_spider()
    crawler.signals.send_catch_log(signals.spider_closed, spider=crawler.spider,
                                   reason=crawler.stats.get_value("finish_reason") or "finished")


def test_store_writes_articles_pages_and_the_run(crawler: Crawler, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    stage = build_from_crawler(StorePipeline, crawler)
    stage.open_spider()
    with pytest.raises(LockHeld):
        CrawlLock(db).acquire()  # `scrapy crawl` locks the database itself
    run_id = crawler.stats.get_value("newscrawl/run_id")

    article = drafted(published_at=datetime(2026, 1, 27, 15, 30, tzinfo=UTC))
    article.minhash = np.arange(128, dtype=np.uint64)
    stage.process_item(article)
    feed = fetched(b"<rss/>", url="https://ledger.test/feed.rss", content_type="application/rss+xml")
    feed.headers["etag"] = '"v1"'
    feed.decide(NOT_ARTICLE, "feed with 3 entries")
    stage.process_item(feed)
    crawler.stats.set_value("newscrawl/skipped/offsite", 2)
    crawler.stats.set_value("finish_reason", "finished")
    close_store_stage(stage, crawler)

    assert (article.verdict, article.reason) == (ARTICLE, None) and article.article_id
    (stored,) = rows(db, "SELECT * FROM articles")
    assert stored["id"] == article.article_id and stored["url"] == URL
    assert stored["title"] == "Tech workers sign a letter"
    assert stored["published_at"].startswith("2026-01-27T15:30")
    assert rows(db, "SELECT article_id FROM article_minhash") == [{"article_id": article.article_id}]
    pages = {r["url"]: r for r in rows(db, "SELECT * FROM pages")}
    assert pages[URL]["verdict"] == "article" and pages[URL]["article_id"] == article.article_id
    assert pages[URL]["crawl_run_id"] == run_id and pages[URL]["outlet"] == "ledger"
    assert (pages[feed.url]["verdict"], pages[feed.url]["reason"]) == ("not-article", "feed with 3 entries")
    assert pages[feed.url]["etag"] == '"v1"' and pages[feed.url]["article_id"] is None
    assert [r["slug"] for r in rows(db, "SELECT slug FROM outlets")] == ["ledger"]

    (crawl_run,) = rows(db, "SELECT * FROM crawl_runs")
    assert (crawl_run["id"], crawl_run["status"]) == (run_id, "finished")
    assert crawl_run["command"] == "scrapy crawl news"
    assert crawl_run["topic"] == "test-topic" and crawl_run["finished_at"]
    stats = json.loads(crawl_run["stats"])
    assert stats["skipped"] == {"offsite": 2}
    assert stats["settings"]["NEWSCRAWL_MIN_WORDS"] == 50
    assert stats["scrapy"] == {"finish_reason": "finished"} and "software" in stats
    CrawlLock(db).acquire().release()  # released at close
    assert getattr(crawler, "newscrawl_store", None) is None


def test_the_charset_a_page_was_read_with_reaches_its_page_row(
    crawler: Crawler, extract: ExtractPipeline, tmp_path: Path
) -> None:
    latin1 = html().replace(b"ICE", "ICE signée".encode("cp1252"))  # says nothing; not UTF-8
    page = run(extract.process_item(fetched(latin1)))  # the header says utf-8
    assert "ICE signée" in page.article.text
    assert (page.charset, page.charset_declared) == ("cp1252", "utf-8")
    short = run(extract.process_item(fetched(html(sentences=2), content_type="text/html")))
    assert short.verdict == NOT_ARTICLE and (short.charset, short.charset_declared) == ("utf-8", None)
    stage = build_from_crawler(StorePipeline, crawler)
    stage.open_spider()
    stage.process_item(page)
    close_store_stage(stage, crawler)
    (row,) = rows(tmp_path / "news.db", "SELECT charset, charset_declared FROM pages")
    assert row == {"charset": "cp1252", "charset_declared": "utf-8"}


def test_store_records_how_a_run_ended(tmp_path: Path) -> None:
    crawler = crawler_with_spider(NewsSpider, tmp_path, settings={
        "NEWSCRAWL_LOCK_HELD": True, "NEWSCRAWL_COMMAND": "newscrawl crawl --since 2026-01-01"})
    stage = build_from_crawler(StorePipeline, crawler)
    stage.open_spider()
    with CrawlLock(tmp_path / "news.db"):  # the CLI holds the lock, not the stage
        crawler.stats.set_value("finish_reason", "shutdown")
        close_store_stage(stage, crawler)
    (crawl_run,) = rows(tmp_path / "news.db", "SELECT command, status FROM crawl_runs")
    assert crawl_run == {"command": "newscrawl crawl --since 2026-01-01", "status": "interrupted"}


def test_store_of_a_revisit(crawler: Crawler, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    stage = build_from_crawler(StorePipeline, crawler)
    stage.open_spider()
    first = drafted()
    stage.process_item(first)

    edited = drafted(title="Tech workers sign a letter, and more")
    edited.article_id, edited.revisit, edited.verdict = first.article_id, "changed", ARTICLE
    stage.process_item(edited)
    unchanged = fetched(b"", status=304, article_id=first.article_id, revisit="unchanged", verdict=ARTICLE)
    stage.process_item(unchanged)
    close_store_stage(stage, crawler)

    (article,) = rows(db, "SELECT id, title, last_seen_at FROM articles")
    assert article["title"] == "Tech workers sign a letter, and more" and article["last_seen_at"]
    versions = rows(db, "SELECT title FROM article_versions WHERE article_id = ?", first.article_id)
    assert versions == [{"title": "Tech workers sign a letter"}]
    (page,) = rows(db, "SELECT status, verdict, article_id FROM pages")
    assert page == {"status": 304, "verdict": "article", "article_id": first.article_id}


# -- warc ---------------------------------------------------------------------------------------------


def test_warc_is_not_configured_when_off(tmp_path: Path) -> None:
    settings = project_settings(NEWSCRAWL_WARC=False, NEWSCRAWL_DB=str(tmp_path / "n.db"))
    crawler = get_crawler(NewsSpider, settings)
    with pytest.raises(NotConfigured):
        build_from_crawler(WarcPipeline, crawler)


def test_warc_archives_each_response_where_the_page_row_says(tmp_path: Path) -> None:
    crawler = get_crawler(NewsSpider, project_settings(NEWSCRAWL_DB=str(tmp_path / "news.db")))
    stage = build_from_crawler(WarcPipeline, crawler)
    assert stage.directory == tmp_path / "warc"  # beside the database
    stage.open_spider()
    pages = [fetched(html(), headers={"content-type": "text/html", "etag": '"a"'}),
             fetched(b"gone", url="https://ledger.test/gone.html", status=404)]
    for page in pages:
        assert run(stage.process_item(page)) is page
    stage.close_spider()

    assert [p.warc_file for p in pages] == [pages[0].warc_file] * 2
    assert pages[0].warc_offset < pages[1].warc_offset
    archived = read_response(tmp_path / "warc" / pages[0].warc_file, pages[0].warc_offset)
    assert (archived.url, archived.status, archived.body) == (URL, 200, html())
    assert archived.headers.get("etag") == '"a"'
    gone = read_response(tmp_path / "warc" / pages[1].warc_file, pages[1].warc_offset)
    assert (gone.status, gone.body) == (404, b"gone")


def test_warc_skips_what_has_no_response_or_is_archived_already(tmp_path: Path) -> None:
    crawler = get_crawler(NewsSpider, project_settings(NEWSCRAWL_DB=str(tmp_path / "news.db"),
                                                       NEWSCRAWL_WARC_DIR=str(tmp_path / "elsewhere")))
    stage = build_from_crawler(WarcPipeline, crawler)
    stage.open_spider()
    refused = fetched(b"", status=None, verdict="blocked-by-robots")
    ingested = fetched(html(), from_archive=True, warc_file="cc-news.warc.gz", warc_offset=1234)
    run(stage.process_item(refused))
    run(stage.process_item(ingested))
    stage.close_spider()
    assert (refused.warc_file, refused.warc_offset) == (None, None)
    assert (ingested.warc_file, ingested.warc_offset) == ("cc-news.warc.gz", 1234)
    files = list((tmp_path / "elsewhere").iterdir())
    assert all(not list(iter_responses(f)) for f in files)


def archived_after_extraction(tmp_path: Path, monkeypatch: pytest.MonkeyPatch | None = None,
                              broken: object = None) -> tuple[FetchedPage, bool, Path]:
    """A page through the extract stage (a thread for its pool) and then the WARC stage."""
    crawler = crawler_with_spider(NewsSpider, tmp_path, [outlet("ledger", timezone="America/Chicago")])
    extract = build_from_crawler(ExtractPipeline, crawler)
    extract.pool = ThreadPoolExecutor(1)
    if broken is not None:
        monkeypatch.setattr(newscrawl.pipelines.extract, "extract_in_worker", broken)
    stage = build_from_crawler(WarcPipeline, crawler)
    stage.open_spider()
    try:
        page = fetched(html(), headers={"content-type": "text/html", "etag": '"a"'})
        page = run(extract.process_item(page))
        arrived_with_record = page.warc_record is not None
        run(stage.process_item(page))
    finally:
        stage.close_spider()
        extract.close_spider()
        close(crawler)
    assert page.warc_record is None, "the record is not carried past the WARC stage"
    return page, arrived_with_record, stage.directory


def test_the_extraction_worker_builds_the_record_and_the_warc_stage_appends_it(tmp_path: Path) -> None:
    page, arrived_with_record, directory = archived_after_extraction(tmp_path)
    assert arrived_with_record and not page.decided and page.article is not None
    archived = read_response(directory / page.warc_file, page.warc_offset)
    assert (archived.url, archived.status, archived.body) == (URL, 200, html())
    assert archived.headers.get("etag") == '"a"'
    assert page.body == b"", "the raw body is dropped once the text is out and archived"


@pytest.mark.parametrize("failure", [ValueError("bad markup"), BrokenProcessPool("a worker died")])
def test_a_page_whose_worker_failed_is_still_archived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: Exception
) -> None:
    def broken(*args: object) -> None:
        raise failure

    page, arrived_with_record, directory = archived_after_extraction(tmp_path, monkeypatch, broken)
    assert page.verdict == ERROR and not arrived_with_record
    archived = read_response(directory / page.warc_file, page.warc_offset)
    assert (archived.url, archived.status, archived.body) == (URL, 200, html())


def test_the_warc_stage_follows_extraction_and_precedes_every_judgement() -> None:
    from newscrawl.settings import ITEM_PIPELINES

    order = sorted(ITEM_PIPELINES, key=ITEM_PIPELINES.get)
    assert order.index("newscrawl.pipelines.warc.WarcPipeline") == \
        order.index("newscrawl.pipelines.extract.ExtractPipeline") + 1


def test_warc_files_rotate_at_the_size_limit(tmp_path: Path) -> None:
    crawler = get_crawler(NewsSpider, project_settings(NEWSCRAWL_DB=str(tmp_path / "news.db"),
                                                       NEWSCRAWL_WARC_MAX_BYTES=200))
    stage = build_from_crawler(WarcPipeline, crawler)
    stage.open_spider()
    pages = [fetched(html(), url=f"https://ledger.test/2026/01/27/story-{i}.html") for i in range(3)]
    for page in pages:
        run(stage.process_item(page))
    stage.close_spider()
    assert len({p.warc_file for p in pages}) == 3
    for page in pages:
        assert read_response(tmp_path / "warc" / page.warc_file, page.warc_offset).url == page.url


def test_a_pool_that_cannot_start_is_started_again_a_few_times_not_for_every_page(
    extract: ExtractPipeline, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Pages in flight all find a failed start; the first starts the pool again, and after
    MAX_POOL_STARTS starts no more: each page left is an error (a storm of starts, each a
    process loading the extraction stack, was seen when every waiting page restarted it)."""
    starts = []

    def cannot_start() -> ThreadPoolExecutor:
        starts.append(1)
        raise BrokenProcessPool("the first worker died while loading")

    monkeypatch.setattr(extract, "_new_pool", cannot_start)
    extract.pool.shutdown()
    extract._start_in_background()

    async def many() -> list[FetchedPage]:
        return list(await asyncio.gather(*(extract.process_item(fetched(html())) for _ in range(40))))

    pages = run(many())
    pages += [run(extract.process_item(fetched(html()))) for _ in range(20)]
    assert all(p.verdict == ERROR and p.reason.startswith("extraction pool did not start") for p in pages)
    assert len(starts) == newscrawl.pipelines.extract.MAX_POOL_STARTS
    assert "not started again" in caplog.text
    extract.close_spider()  # a pool that never started closes quietly
