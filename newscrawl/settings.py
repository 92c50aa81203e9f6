"""Scrapy settings for newscrawl (``scrapy.cfg`` points here).

newscrawl's own settings are listed once, in :data:`newscrawl_settings`: name, default and a
line of help each, as Datasette lists its ``SETTINGS``. The module-level ``NEWSCRAWL_*``
names that Scrapy reads are made from that list, and ``docs/settings.md`` documents it
(``tests/test_docs.py`` checks). Every setting can be overridden like any Scrapy setting
(``-s NAME=VALUE``); the ``newscrawl crawl`` command maps its options onto them.

Components read a setting with :func:`read_setting`, never with a default of their own: it
converts the value to the type of the default here, and falls back to that default when the
crawler's settings do not include this module (a bare ``get_crawler()`` in tests).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import platformdirs

from newscrawl.data import DATA_DIR
from newscrawl.versions import __version__

# Without a project folder (newscrawl.toml: newscrawl/project.py) the database goes here, never
# inside the installed package: ~/.local/share/newscrawl on Linux.
USER_DATA_DIR = platformdirs.user_data_path("newscrawl", appauthor=False)

BOT_NAME = "newscrawl"
SPIDER_MODULES = ["newscrawl.spiders"]
NEWSPIDER_MODULE = "newscrawl.spiders"


# -- newscrawl ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Setting:
    """One newscrawl setting: its name, its default and one line of help."""

    name: str
    default: Any
    help: str


# Lower case on purpose: Scrapy takes every upper-case name in this module for a setting.
newscrawl_settings: tuple[Setting, ...] = (
    # where things are
    Setting("NEWSCRAWL_CONFIG", None,
            "Environment only: the project file to use (unset: newscrawl.toml in the current folder "
            "or a parent)."),
    Setting("NEWSCRAWL_DB", str(USER_DATA_DIR / "news.db"),
            "The SQLite database a crawl writes to and the other commands read."),
    Setting("NEWSCRAWL_SOURCES", str(DATA_DIR / "sources.toml"),
            "The outlets file (TOML): feeds, sitemaps, start pages and metadata of every outlet."),
    Setting("NEWSCRAWL_TOPIC", str(DATA_DIR / "topics" / "ice-tech-workers.toml"),
            "The topic file (TOML): the query that decides which pages are on topic."),
    # discovery
    Setting("NEWSCRAWL_SITEMAP_MAX_LINKS", 5000,
            "Most article links taken from one sitemap (newest first when dated)."),
    Setting("NEWSCRAWL_FEED_MAX_LINKS", 1000,
            "Most article links taken from one feed (newest first when dated)."),
    Setting("NEWSCRAWL_SITEMAP_MAX_DEPTH", 3, "How many levels of sitemap indexes are followed."),
    Setting("NEWSCRAWL_SITEMAP_MAX_CHILDREN", 200,
            "Most child sitemaps taken from one sitemap index (newest first when dated)."),
    Setting("NEWSCRAWL_ROBOTS_SITEMAPS", True,
            "An outlet that lists neither sitemaps nor feeds has those its robots.txt names "
            "(`Sitemap:` lines) walked."),
    Setting("NEWSCRAWL_ANNOUNCED_FEEDS", True,
            "An outlet that lists no feeds has those its homepage and start pages announce "
            "(`<link rel=\"alternate\">`) followed."),
    Setting("NEWSCRAWL_LISTING_DEPTH", 1,
            "Levels of sub-listings followed from a start page (next pages don't count as a level)."),
    Setting("NEWSCRAWL_LISTING_MAX_PAGES", 50, "Most listing pages fetched per outlet and run."),
    Setting("NEWSCRAWL_LISTING_MAX_LINKS", 2000,
            "Most links read from one listing page (a start page, a sub-listing or a next page): "
            "its first `<a href>`, of every kind."),
    Setting("NEWSCRAWL_STORY_MAX_PAGES", 10,
            "Most pages of one story split over pages (`rel=next`, \"Next page\") fetched and "
            "joined into one article; 1 follows no next page."),
    Setting("NEWSCRAWL_GDELT_API", "https://api.gdeltproject.org/api/v2/doc/doc",
            "Address of the GDELT DOC 2.0 API (the `gdelt` spider, `newscrawl crawl --gdelt`)."),
    Setting("NEWSCRAWL_GDELT_WINDOW_HOURS", 24.0, "Hours of news asked of GDELT per request."),
    Setting("NEWSCRAWL_REFETCH_DAYS", 2.0,
            "Articles published (or first seen) within this many days are fetched again by later runs."),
    Setting("NEWSCRAWL_REFETCH_AFTER_HOURS", 6.0,
            "Such a young article is fetched again at most this often, so stealth edits become versions."),
    # politeness (beside Scrapy's own settings below)
    Setting("NEWSCRAWL_MAX_CRAWL_DELAY", 60.0, "robots.txt Crawl-delay is honoured up to this many seconds."),
    Setting("NEWSCRAWL_RETRY_BACKOFF_BASE", 2.0,
            "A 429 or 503 without Retry-After is retried after this many seconds, doubled per retry."),
    Setting("NEWSCRAWL_RETRY_MAX_WAIT", 120.0, "Longest wait before retrying a 429 or 503, in seconds."),
    # archive, extraction and judgement
    Setting("NEWSCRAWL_WARC", True, "Archive every raw response to rotating gzipped WARC files."),
    Setting("NEWSCRAWL_WARC_DIR", None,
            "Where the WARC files go (unset: a `warc` directory beside the database)."),
    Setting("NEWSCRAWL_WARC_PREFIX", "newscrawl",
            "WARC file names start with this (a distributed crawl's workers add their id)."),
    Setting("NEWSCRAWL_WARC_MAX_BYTES", 1_000_000_000, "A new WARC file is started past this size."),
    Setting("NEWSCRAWL_EXTRACT_WORKERS", os.cpu_count() or 2,
            "Worker processes for trafilatura extraction (CPU-bound; one per CPU by default)."),
    Setting("NEWSCRAWL_PREFILTER", True,
            "Skip extracting pages that lack every word the topic query needs (recorded off-topic, "
            "WARC kept, so `reextract` judges them again)."),
    Setting("NEWSCRAWL_EXTRACT_TIMEOUT", 60.0,
            "Seconds a page's extraction may take; past that the page is recorded as an error and "
            "the worker takes the next page (0: no limit)."),
    Setting("NEWSCRAWL_MIN_WORDS", 50, "Pages with less main text than this many words are not articles "
            "(but a paywalled story, whose structured data says it is not free: its free part is kept)."),
    # chosen with bench/eval_dedup.py: see docs/benchmarks.md
    Setting("NEWSCRAWL_NEAR_DUP_THRESHOLD", 0.6,
            "MinHash Jaccard similarity at or above which two texts are near-duplicates."),
    Setting("NEWSCRAWL_NEAR_DUP_SHINGLE", 3, "Words per shingle for near-duplicate detection."),
    Setting("NEWSCRAWL_NEAR_DUP_PERMUTATIONS", 128, "MinHash permutations per signature."),
    # the store
    Setting("NEWSCRAWL_BATCH_SIZE", 50,
            "The crawl's store commits after this many pages (or NEWSCRAWL_BATCH_SECONDS)."),
    Setting("NEWSCRAWL_BATCH_SECONDS", 2.0,
            "The crawl's store commits after this many seconds (or NEWSCRAWL_BATCH_SIZE pages)."),
    Setting("NEWSCRAWL_DB_MAX_PAGES", 0,
            "Most pages (SQLite's max_page_count) the crawl may grow the database to; 0: no limit. "
            "Writes past it fail as on a full disk."),
    # distributed crawls (docs/distributed.md)
    Setting("NEWSCRAWL_REDIS_LEASE", 60.0,
            "Seconds a worker holds a request it took without renewing it; a dead worker's "
            "requests are taken again after this."),
    Setting("NEWSCRAWL_REDIS_MAX_DELIVERIES", 3,
            "A request taken this many times without its page arriving is dropped (it kills workers)."),
    Setting("NEWSCRAWL_CLUSTER_DELAY", -1.0,
            "Seconds between two requests to one site from the whole cluster (-1: DOWNLOAD_DELAY); "
            "workers pace sites only through Redis."),
    Setting("NEWSCRAWL_WORKER_ID", "",
            "This worker's name in a distributed crawl (set by `newscrawl worker`; default host-pid)."),
    # set by the `newscrawl` CLI for the crawls it starts
    Setting("NEWSCRAWL_COMMAND", "scrapy crawl news", "The command a run records in `crawl_runs.command`."),
    Setting("NEWSCRAWL_LOCK_HELD", False,
            "The caller holds the database's crawl lock (the CLI does), so the crawl doesn't take it."),
)

_by_name = {setting.name: setting for setting in newscrawl_settings}
globals().update((setting.name, setting.default) for setting in newscrawl_settings)


def default(name: str) -> Any:
    """The default of setting ``name`` as defined in this module (``KeyError`` if it defines none)."""
    if name in _by_name:
        return _by_name[name].default
    if not name.isupper() or name not in globals():
        raise KeyError(f"newscrawl.settings defines no setting {name}")
    return globals()[name]


def value_error(name: str, value: Any) -> str | None:
    """Why ``value`` (as given with ``-s`` or in newscrawl.toml) cannot be newscrawl setting
    ``name``, read as the type of its default the way :func:`read_setting` reads it; None when it
    can (or ``name`` is not newscrawl's)."""
    if name not in _by_name or not isinstance(value, str):
        return None
    fallback = _by_name[name].default
    try:
        if isinstance(fallback, bool):
            if value not in ("True", "true", "False", "false"):
                bool(int(value))
        elif isinstance(fallback, int):
            int(value)
        elif isinstance(fallback, float):
            float(value)
    except ValueError:
        kind = "true or false" if isinstance(fallback, bool) else type(fallback).__name__
        return f"{name}={value!r}: expected {kind}, e.g. {name}={fallback}"
    return None


def read_setting(settings: Any, name: str) -> Any:
    """Setting ``name`` from Scrapy ``settings``, as the type of its default here.

    Falls back to this module's default when ``settings`` lacks the name, so a component
    built from settings without this module (a test's bare ``get_crawler()``) still works.
    """
    fallback = default(name)
    if isinstance(fallback, bool):
        return settings.getbool(name, fallback)
    if isinstance(fallback, int):
        return settings.getint(name, fallback)
    if isinstance(fallback, float):
        return settings.getfloat(name, fallback)
    return settings.get(name, fallback)


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
# AutoThrottle adapts each site's delay to its response times (never below DOWNLOAD_DELAY, nor
# below the site's robots.txt Crawl-delay: newscrawl's CrawlDelayThrottle replaces Scrapy's).
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOADER_MIDDLEWARES = {
    # Before Scrapy's robots.txt middleware (100): a request out of scope asks for no robots.txt.
    "newscrawl.spiders.scope.ScopeMiddleware": 50,
    # Scrapy's, where every request that waits for a site's robots.txt gets it (Scrapy >= 2.14
    # lets all but the first through: spiders/middlewares.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newscrawl.spiders.middlewares.RobotsTxtMiddleware": 100,
    "newscrawl.spiders.middlewares.CrawlDelayMiddleware": 110,
    # Below the retries (Retry-After's at 560, Scrapy's at 550): a robots.txt still failing after
    # them (a 5xx, or no answer) disallows its site.
    "newscrawl.spiders.middlewares.RobotsTxtUnreachableMiddleware": 120,
    "newscrawl.spiders.middlewares.RetryAfterMiddleware": 560,
}
# Earlier runs decide what this one skips, asks conditionally and fetches again; on the
# spider's side of Scrapy's own spider middlewares, so a skipped link never reaches them.
SPIDER_MIDDLEWARES = {
    "newscrawl.spiders.incremental.IncrementalMiddleware": 950,
    # Warns when a callback copies Scrapy's internal meta keys into a new request: newscrawl's
    # callbacks are tested instead; one generator layer less over every response's output.
    "scrapy.spidermiddlewares.metacopy.MetaCopyDetectionMiddleware": None,
}
EXTENSIONS = {
    "scrapy.extensions.throttle.AutoThrottle": None,
    "newscrawl.spiders.middlewares.CrawlDelayThrottle": 0,
}
REDIRECT_MAX_TIMES = 5
# Pending requests wait on disk, not in memory (a sitemap lists every article at once):
# newscrawl/crawl/diskqueue.py. Distributed crawls set their own scheduler.
SCHEDULER = "newscrawl.crawl.diskqueue.DiskQueueScheduler"
# Scrapy's PickleLifoDiskQueue (the same records), naming each request's callbacks from a cache.
SCHEDULER_DISK_QUEUE = "newscrawl.crawl.diskqueue.LifoDiskQueue"
# Scrapy's duplicate filter with the seen fingerprints in one array (newscrawl/crawl/dupefilter.py).
DUPEFILTER_CLASS = "newscrawl.crawl.dupefilter.CompactDupeFilter"
COOKIES_ENABLED = False
# Scrapy 2.19 starts, by default, an HTTP server on localhost that runs Python code sent to it
# (token-protected, announced in a job file in the user's folder), and imports aiohttp for it
# (~9 MB): a crawl left alone for weeks needs neither; like the telnet console, it is off
# (newscrawl's runner also leaves it out of the extensions Scrapy loads: crawl/runner.py).
REMOTE_CONTROL_ENABLED = False
TELNETCONSOLE_ENABLED = False

# -- pipeline: extract -> warc -> dates -> topic -> dedup -> store ------------------------------------
# The WARC stage follows extraction: the extraction workers compress most records
# (pipelines/warc.py).
ITEM_PIPELINES = {
    "newscrawl.pipelines.extract.ExtractPipeline": 100,
    "newscrawl.pipelines.warc.WarcPipeline": 150,
    "newscrawl.pipelines.dates.DatesPipeline": 200,
    "newscrawl.pipelines.topic.TopicPipeline": 300,
    "newscrawl.pipelines.dedup.DedupPipeline": 400,
    "newscrawl.pipelines.store.StorePipeline": 500,
}
# Items per response processed in parallel; a page yields one, so a small number saves
# Scrapy from starting 100 idle tasks per response.
CONCURRENT_ITEMS = 8
# Scrapy checks every response's generator callback for a `return value` (reading and parsing
# its source when its cache, keyed by bound method, misses): 0.55 s of a 1,810-page crawl's
# main thread under cProfile. newscrawl's callbacks are tested instead.
WARN_ON_GENERATOR_RETURN_VALUE = False

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
