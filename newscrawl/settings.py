"""Scrapy settings for newscrawl (``scrapy.cfg`` points here).

Every ``NEWSCRAWL_*`` setting can be overridden like any Scrapy setting (``-s NAME=VALUE``);
the ``newscrawl crawl`` command maps its options onto them.
"""

from __future__ import annotations

import os
from pathlib import Path

from newscrawl import __version__

PROJECT_ROOT = Path(__file__).resolve().parent.parent

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"

# -- newscrawl ---------------------------------------------------------------------------
NEWSCRAWL_DB = str(PROJECT_ROOT / "data" / "news.db")
NEWSCRAWL_SOURCES = str(PROJECT_ROOT / "data" / "sources.toml")
NEWSCRAWL_TOPIC = str(PROJECT_ROOT / "data" / "topics" / "ice-tech-workers.toml")
# Worker processes for trafilatura extraction (CPU-bound; never run in the reactor thread).
NEWSCRAWL_EXTRACT_WORKERS = os.cpu_count() or 2
# Pages with less main text than this are recorded as not-article.
NEWSCRAWL_MIN_WORDS = 50
# Store batching: commit every N writes or every S seconds, whichever comes first.
NEWSCRAWL_BATCH_SIZE = 50
NEWSCRAWL_BATCH_SECONDS = 2.0
# Near-duplicates: MinHash over word shingles; Jaccard at or above the threshold is "the same text".
NEWSCRAWL_NEAR_DUP_THRESHOLD = 0.6
NEWSCRAWL_NEAR_DUP_SHINGLE = 3
NEWSCRAWL_NEAR_DUP_PERMUTATIONS = 128
# Raw responses are archived to rotating gzipped WARC files in NEWSCRAWL_WARC_DIR
# (default: a ``warc`` directory beside the database, so a corpus stays in one place).
NEWSCRAWL_WARC = True
NEWSCRAWL_WARC_DIR = None
NEWSCRAWL_WARC_MAX_BYTES = 1_000_000_000
# GDELT DOC 2.0 API (the `gdelt` spider, `newscrawl crawl --gdelt`): address and window size.
NEWSCRAWL_GDELT_API = "https://api.gdeltproject.org/api/v2/doc/doc"
NEWSCRAWL_GDELT_WINDOW_HOURS = 24
# Articles published (or first seen) within this many days are fetched again on later runs,
# at most every NEWSCRAWL_REFETCH_AFTER_HOURS, so stealth edits become article versions.
NEWSCRAWL_REFETCH_DAYS = 2.0
NEWSCRAWL_REFETCH_AFTER_HOURS = 6.0
# Start pages: how many levels of sub-listings are followed (next pages don't count as a
# level), and how many listing pages per outlet and run at most.
NEWSCRAWL_LISTING_DEPTH = 1
NEWSCRAWL_LISTING_MAX_PAGES = 50
# Largest number of article links taken from one sitemap (newest first when dated).
NEWSCRAWL_SITEMAP_MAX_LINKS = 5000
# How deep sitemap indexes are followed.
NEWSCRAWL_SITEMAP_MAX_DEPTH = 3

# -- politeness ------------------------------------------------------------------------------
USER_AGENT = f"newscrawl/{__version__} (news-coverage research crawler; +https://github.com/newscrawl)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2
# 429 and 503 are retried by RetryAfterMiddleware (Retry-After or exponential backoff).
RETRY_HTTP_CODES = [500, 502, 504, 522, 524, 408]
NEWSCRAWL_RETRY_BACKOFF_BASE = 2.0
NEWSCRAWL_RETRY_MAX_WAIT = 120.0
# robots.txt Crawl-delay is honoured up to this many seconds.
NEWSCRAWL_MAX_CRAWL_DELAY = 60.0
# AutoThrottle adapts each site's delay to its response times (never below DOWNLOAD_DELAY).
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOADER_MIDDLEWARES = {
    "newscrawl.spiders.middlewares.CrawlDelayMiddleware": 110,
    "newscrawl.spiders.middlewares.RetryAfterMiddleware": 560,
}
# Earlier runs decide what this one skips, asks conditionally and fetches again; on the
# spider's side of Scrapy's own spider middlewares, so a skipped link never reaches them.
SPIDER_MIDDLEWARES = {
    "newscrawl.spiders.incremental.IncrementalMiddleware": 950,
}
REDIRECT_MAX_TIMES = 5
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

# -- pipeline: warc -> extract -> dates -> topic -> dedup -> store ------------------------------------
ITEM_PIPELINES = {
    "newscrawl.pipelines.warc.WarcPipeline": 50,
    "newscrawl.pipelines.extract.ExtractPipeline": 100,
    "newscrawl.pipelines.dates.DatesPipeline": 200,
    "newscrawl.pipelines.topic.TopicPipeline": 300,
    "newscrawl.pipelines.dedup.DedupPipeline": 400,
    "newscrawl.pipelines.store.StorePipeline": 500,
}
# Items per response processed in parallel; a page yields one, so a small number saves
# Scrapy from starting 100 idle tasks per response.
CONCURRENT_ITEMS = 8

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
