"""Store stage: write every page's fetch-log row and every new article; open and close runs.

How a run ended is recorded when Scrapy says why it closed (the ``spider_closed`` signal
carries the reason): ``finished``, ``interrupted`` (a signal), ``timeout`` (a
``CLOSESPIDER_*`` limit) or ``failed`` (a write failed, or nothing was reachable); see
:mod:`newscrawl.crawl.status`. A failed write (a full disk, any SQLite error) stops the
crawl at once: the open batch is rolled back, later items are not stored, and the run is
recorded as ``failed``.
"""

from __future__ import annotations

import asyncio
import errno
import functools
import logging
import sqlite3
import time
from collections.abc import Callable
from typing import Any

from scrapy import signals
from scrapy.exceptions import DropItem
from scrapy.utils.defer import deferred_from_coro

from newscrawl.crawl.lock import CrawlLock
from newscrawl.crawl.status import FAILED, run_status
from newscrawl.discover.outlets import derived_outlet_row
from newscrawl.items import ARTICLE, ChannelPoll, FetchedPage
from newscrawl.judge.dedup import NearDupSettings, signature_to_bytes
from newscrawl.pipelines.crawlstore import crawl_store
from newscrawl.settings import read_setting
from newscrawl.spiders.middlewares import ROBOTS_UNREACHABLE_STAT
from newscrawl.versions import software_versions

logger = logging.getLogger(__name__)

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
    "NEWSCRAWL_ROBOTS_SITEMAPS",
    "NEWSCRAWL_ANNOUNCED_FEEDS",
    "NEWSCRAWL_STORY_MAX_PAGES",
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


# Stored articles seen again, by what was found (``changed``: a version kept, ``refreshed``:
# re-extracted, ``unchanged``); ``crawl_runs.stats`` gets pages_revisited, articles_changed,
# versions_kept and articles_refreshed from them.
REVISIT_STATS = "newscrawl/revisits"


# Errors that mean the corpus cannot be written: the run fails instead of going on without it.
DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def revisit_counts(stats: dict[str, Any]) -> dict[str, int]:
    """pages_revisited, articles_changed, versions_kept and articles_refreshed from the crawler's
    stats (:data:`REVISIT_STATS`)."""
    changed = stats.get(f"{REVISIT_STATS}/changed", 0)
    refreshed = stats.get(f"{REVISIT_STATS}/refreshed", 0)
    unchanged = stats.get(f"{REVISIT_STATS}/unchanged", 0)
    return {"pages_revisited": changed + refreshed + unchanged, "articles_changed": changed,
            "versions_kept": changed, "articles_refreshed": refreshed}


def write_failure(error: BaseException) -> str | None:
    """What to tell the user when ``error`` means the corpus cannot be written, else None."""
    if isinstance(error, sqlite3.Error) or (isinstance(error, OSError) and error.errno in DISK_FULL):
        return str(error) or type(error).__name__
    return None


def stop_on_write_errors(process_item: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap ``StorePipeline.process_item``: a failed write fails the run; later items are dropped."""

    @functools.wraps(process_item)
    def wrapper(self: StorePipeline, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if self.failure is not None:
            raise DropItem(f"not stored, the run failed: {self.failure}", log_level="DEBUG")
        try:
            return process_item(self, item, spider)
        except sqlite3.Error as exc:
            self.fail(str(exc), exc, item.url)
            raise DropItem(f"not stored: {exc}", log_level="DEBUG") from None

    return wrapper


async def let_the_scraper_close(crawler: Any) -> None:
    """Scrapy (2.19) looks whether its scraper may close after each response, not after an item
    a spider's ``start()`` yielded (the ``warc`` spider's pages, the writer's of a distributed
    run): a close asked while such an item was in the pipelines (the store failed on it) would
    wait for ever. Look again, once the close is asked and no item is in the pipelines."""
    scraper = getattr(crawler.engine, "scraper", None)
    slot = getattr(scraper, "slot", None)
    check = getattr(scraper, "_check_if_closing", None)
    if slot is None or check is None:
        return
    while crawler.engine is not None and crawler.engine.spider is not None:
        if slot.closing is not None and slot.closing.called:
            return  # it closed by itself
        if slot.closing is not None and slot.is_idle():
            check()
            return
        await asyncio.sleep(0.05)


class StorePipeline:
    """The only stage that writes: pages always, articles when no stage objected."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.run_id: int | None = None
        self.started = time.monotonic()
        self.lock: CrawlLock | None = None
        self.repaired: dict[str, int] = {}
        self.failure: str | None = None  # set when a write failed: the run fails
        self.derived_known: dict[str, bool] = {}  # derived outlet slug -> its name and language are known
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.item_error, signal=signals.item_error)

    @classmethod
    def from_crawler(cls, crawler: Any) -> StorePipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        spider = self.crawler.spider
        store = crawl_store(self.crawler)
        derived = getattr(spider, "derived_outlets", {})  # recorded with their pages instead
        store.upsert_outlets(o.to_row() for o in spider.outlets.values() if o.slug not in derived)
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

    @stop_on_write_errors
    def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        store = crawl_store(self.crawler)
        if isinstance(item, ChannelPoll):  # a channel over many outlets (GDELT) read once
            with store.one_page():
                store.record_poll(item, self.run_id)
            return item
        with store.one_page():  # all of the page's rows are committed, or none
            self._record_derived_outlet(store, item)
            self.write_page(store, item)
        if item.revisit is not None:  # counted once the page's rows are in
            self.crawler.stats.inc_value(f"{REVISIT_STATS}/{item.revisit}")
        return item

    def write_page(self, store: Any, item: FetchedPage) -> None:
        """The page's rows: its article (new, moved, updated or touched) and its page row."""
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
        if item.story:  # the first page of a story split over pages: how many were joined
            item.reason = f"{item.reason}; {item.story}" if item.reason else item.story
        store.record_page(item, self.run_id)
        if item.poll is not None:
            store.record_poll(item.poll, self.run_id)

    def _record_derived_outlet(self, store: Any, item: FetchedPage) -> None:
        """An outlet derived from the page's domain (``ingest --any-outlet``) is stored with its
        first page, and gains the name and language of its first article that gives them."""
        outlet = getattr(self.crawler.spider, "derived_outlets", {}).get(item.outlet)
        if outlet is None or self.derived_known.get(item.outlet):
            return
        extracted = item.extracted
        language = item.article.language if item.article is not None else None
        if item.outlet in self.derived_known and extracted is None:
            return  # recorded already, and this page tells nothing more
        store.record_derived_outlet(derived_outlet_row(
            outlet, site_name=extracted.site_name if extracted else None, language=language))
        self.derived_known[item.outlet] = bool(language and extracted and extracted.site_name)

    def fail(self, message: str, error: BaseException, url: str | None = None) -> None:
        """A write failed: remember why (once), log it with its traceback, close the spider."""
        if self.failure is not None:
            return
        self.failure = f"{read_setting(self.crawler.settings, 'NEWSCRAWL_DB')}: {message}"
        self.crawler.stats.set_value("newscrawl/failure", self.failure)
        # The CLI reports it in one `Error:` line at the end; the log keeps the traceback.
        logger.error("Writing %s failed, the crawl stops: %s", url or "a page", self.failure,
                     exc_info=error, extra={"reported_at_end": True})
        if self.crawler.engine is not None and self.crawler.engine.spider is not None:
            deferred_from_coro(self.crawler.engine.close_spider_async(reason=FAILED))
            deferred_from_coro(let_the_scraper_close(self.crawler))

    def item_error(self, item: Any, response: Any, spider: Any, failure: Any) -> None:
        """An earlier stage could not write either (a full disk under the WARC files)."""
        message = write_failure(failure.value)
        if message is not None:
            self.fail(message, failure.value, getattr(item, "url", None))

    def close_spider(self, spider: Any = None) -> None:
        """Nothing here: the run is recorded in :meth:`spider_closed`, which knows why it closed."""

    def spider_closed(self, spider: Any, reason: str) -> None:
        """Record how the run ended, close the store and release the lock."""
        store = crawl_store(self.crawler)
        try:
            if self.run_id is not None:
                status, summary = self._how_it_ended(store, reason)
                recorded = store.finish_run(self.run_id, status, summary,
                                            discard_batch=self.failure is not None)
                self.crawler.stats.set_value("newscrawl/status_recorded", recorded)
        finally:
            try:
                store.close()
            except sqlite3.Error:
                store.discard_batch()
                store.conn.close()
            self.crawler.newscrawl_store = None
            if self.lock is not None:
                self.lock.release()

    def _how_it_ended(self, store: Any, reason: str) -> tuple[str, dict[str, Any]]:
        """The run's status and statistics (``crawl_runs.stats``); the status, and why it failed,
        also go into the crawler's stats, where the CLI reads them."""
        stats = self.crawler.stats.get_stats()
        summary = store.run_summary(self.run_id)
        summary.update(revisit_counts(stats))
        if getattr(self.crawler.spider, "name", None) == "warc":  # read from WARC files, not fetched
            summary["pages_archived"], summary["pages_fetched"] = summary["pages_fetched"], 0
        summary["scrapy"] = {key: stats[key] for key in SCRAPY_STATS if key in stats}
        summary["scrapy"]["finish_reason"] = reason
        summary["elapsed_seconds"] = round(time.monotonic() - self.started, 3)
        summary["software"] = software_versions()
        summary["settings"] = {name: read_setting(self.crawler.settings, name) for name in RECORDED_SETTINGS}
        summary["skipped"] = {
            key.rsplit("/", 1)[-1]: value
            for key, value in stats.items()
            if key.startswith("newscrawl/skipped/")
        }
        discovered = {key.rsplit("/", 1)[-1]: value for key, value in stats.items()
                      if key.startswith("newscrawl/discovered/")}
        if discovered:  # sitemaps and feeds the outlets' own sites named
            summary["discovered"] = discovered
        if self.repaired:
            summary["repaired"] = self.repaired
        for key, name in REPORTED_LISTS:
            if stats.get(key):
                summary[name] = stats[key]
        if stats.get("newscrawl/derived_outlets"):
            summary["derived_outlets"] = stats["newscrawl/derived_outlets"]
        if stats.get("newscrawl/signal"):
            summary["signal"] = stats["newscrawl/signal"]
        # Requests were sent and not one was answered (DNS, refused, timeouts): nothing reachable.
        # A robots.txt not answered gets a stand-in answer disallowing its site, which Scrapy
        # counts as a response (RobotsTxtUnreachableMiddleware): no server sent it.
        requests = stats.get("downloader/request_count", 0)
        answered = stats.get("downloader/response_count", 0) - stats.get(ROBOTS_UNREACHABLE_STAT, 0)
        nothing_reachable = requests > 0 and answered <= 0
        status = run_status(reason, failure=self.failure, nothing_reachable=nothing_reachable)
        failure = self.failure or stats.get("newscrawl/failure")  # or a stage's (Redis lost)
        if status == FAILED and failure is None and nothing_reachable:
            named = list(summary["errors"])[:3]
            if stats.get(ROBOTS_UNREACHABLE_STAT):  # its sites' pages are blocked-by-robots, no errors
                sites = stats[ROBOTS_UNREACHABLE_STAT]
                named.append(f"robots.txt unreachable: {sites} site{'s' if sites > 1 else ''}")
            causes = ", ".join(named)
            failure = (f"nothing was reachable: none of {requests} requests was answered"
                       + (f" ({causes})" if causes else ""))
        elif status == FAILED and failure is None:
            failure = f"the crawl stopped early ({reason})"
        if failure is not None:
            summary["failure"] = failure
            self.crawler.stats.set_value("newscrawl/failure", failure)
        self.crawler.stats.set_value("newscrawl/status", status)
        return status, summary
