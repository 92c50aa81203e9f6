"""Store stage: write every page's fetch-log row and every new article; open and close runs."""

from __future__ import annotations

import time
from typing import Any

from newscrawl.crawl.lock import CrawlLock
from newscrawl.items import ARTICLE, FetchedPage
from newscrawl.judge.dedup import NearDupSettings, signature_to_bytes
from newscrawl.pipelines.crawlstore import crawl_store
from newscrawl.settings import read_setting
from newscrawl.versions import software_versions

# Scrapy stats copied into ``crawl_runs.stats``.
SCRAPY_STATS = (
    "downloader/request_count",
    "downloader/response_count",
    "downloader/response_bytes",
    "finish_reason",
    "item_scraped_count",
    "log_count/ERROR",
)


# Settings that decide what a run stores and how politely it fetched, kept in
# ``crawl_runs.stats`` (datasheets cite them: ``CRAWL_POLICY`` in newscrawl.outputs.datasheet).
RECORDED_SETTINGS = (
    "NEWSCRAWL_MIN_WORDS",
    "NEWSCRAWL_NEAR_DUP_THRESHOLD",
    "NEWSCRAWL_NEAR_DUP_SHINGLE",
    "NEWSCRAWL_NEAR_DUP_PERMUTATIONS",
    "NEWSCRAWL_REFETCH_DAYS",
    "NEWSCRAWL_REFETCH_AFTER_HOURS",
    "ROBOTSTXT_OBEY",
    "USER_AGENT",
    "DOWNLOAD_DELAY",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "AUTOTHROTTLE_ENABLED",
)


# Lists the spiders collect in the stats, kept in ``crawl_runs.stats`` under these names.
REPORTED_LISTS = (
    ("newscrawl/warc_errors", "warc_errors"),
    ("newscrawl/gdelt/errors", "gdelt_errors"),
    ("newscrawl/unknown_hosts", "unknown_hosts"),
)


class StorePipeline:
    """The only stage that writes: pages always, articles when no stage objected."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.run_id: int | None = None
        self.started = time.monotonic()
        self.lock: CrawlLock | None = None
        self.repaired: dict[str, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        spider = self.crawler.spider
        store = crawl_store(self.crawler)
        store.upsert_outlets(outlet.to_row() for outlet in spider.outlets.values())
        settings = self.crawler.settings
        if not read_setting(settings, "NEWSCRAWL_LOCK_HELD"):  # `scrapy crawl`: the CLI locks itself
            self.lock = CrawlLock(read_setting(settings, "NEWSCRAWL_DB")).acquire()
        self.repaired = store.repair_half_written(NearDupSettings.from_settings(settings))
        if self.repaired:
            spider.logger.warning("Repaired what an earlier crawl left half-written: %s", self.repaired)
        store.mark_interrupted_runs()
        command = read_setting(settings, "NEWSCRAWL_COMMAND")
        self.run_id = store.start_run(command, spider.topic.slug)
        self.started = time.monotonic()
        self.crawler.stats.set_value("newscrawl/run_id", self.run_id)

    def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        store = crawl_store(self.crawler)
        with store.one_page():  # all of the page's rows are committed, or none
            if not item.decided and item.article is not None:
                item.article_id = store.insert_article(item.article, self.run_id)
                if item.minhash is not None:
                    store.add_minhash(item.article_id, signature_to_bytes(item.minhash), item.band_keys)
                item.decide(ARTICLE, None)
            elif item.supersedes and item.article_id is not None:
                store.move_article_page(item.article_id, item.supersedes, item.url)
            elif item.revisit in ("changed", "refreshed") and item.article and item.article_id is not None:
                store.update_article(
                    item.article_id, item.article, self.run_id, keep_version=item.revisit == "changed"
                )
            elif item.revisit == "unchanged" and item.article_id is not None:
                store.touch_article(item.article_id)
            store.record_page(item, self.run_id)
        return item

    def close_spider(self, spider: Any = None) -> None:
        store = crawl_store(self.crawler)
        stats = self.crawler.stats.get_stats()
        reason = stats.get("finish_reason", "finished")
        summary = store.run_summary(self.run_id) if self.run_id is not None else {}
        summary["scrapy"] = {key: stats[key] for key in SCRAPY_STATS if key in stats}
        summary["elapsed_seconds"] = round(time.monotonic() - self.started, 3)
        summary["software"] = software_versions()
        summary["settings"] = {name: read_setting(self.crawler.settings, name) for name in RECORDED_SETTINGS}
        summary["skipped"] = {
            key.rsplit("/", 1)[-1]: value
            for key, value in stats.items()
            if key.startswith("newscrawl/skipped/")
        }
        if self.repaired:
            summary["repaired"] = self.repaired
        for key, name in REPORTED_LISTS:
            if stats.get(key):
                summary[name] = stats[key]
        if self.run_id is not None:
            store.finish_run(self.run_id, "finished" if reason == "finished" else str(reason), summary)
        store.close()
        self.crawler.newscrawl_store = None
        if self.lock is not None:
            self.lock.release()
