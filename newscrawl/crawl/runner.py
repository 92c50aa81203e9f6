"""Run the ``news`` spider in this process (the CLI's way in; ``scrapy crawl news`` is the other).

One crawl per process: Twisted's reactor cannot be restarted, so callers that need several
crawls (tests, ``schedule``) run ``newscrawl crawl`` as a subprocess each time.

The log goes to the terminal (warnings and errors, one line each: tracebacks only with
``verbose``) and, whole, to a log file. SIGTERM, SIGINT and SIGHUP stop the crawl gracefully
(a second one forces it); :func:`run_crawl` returns how the run ended (:class:`CrawlOutcome`).
"""

from __future__ import annotations

import linecache
import logging
import signal
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Column as TableColumn
from rich.text import Text
from scrapy import signals
from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from newscrawl.config import Outlet, Topic
from newscrawl.crawl import collector
from newscrawl.crawl.malloc import return_freed_memory
from newscrawl.crawl.status import EXIT_CODES, FAILED, INTERRUPTED
from newscrawl.spiders.base import PAGES_TOTAL_STAT

logger = logging.getLogger(__name__)

# The terminal's stderr, shared by the progress bar and the log lines shown while it is live, so
# that a log line prints above the bar instead of breaking into it.
TERMINAL = Console(stderr=True)


@dataclass
class CrawlRequest:
    """What to crawl and how: everything ``newscrawl crawl`` and ``demo`` pass on."""

    outlets: dict[str, Outlet]
    topic: Topic
    db: Path
    since: datetime | None = None
    command: str = "newscrawl crawl"
    progress: bool = True
    log_level: str = "WARNING"
    log_file: Path | None = None  # the whole log (INFO, with tracebacks), appended
    verbose: bool = False  # tracebacks on the terminal too
    settings: dict[str, Any] = field(default_factory=dict)
    spider: str = "news"  # or "warc", "seeds", "gdelt"
    spider_args: dict[str, Any] = field(default_factory=dict)


@dataclass
class CrawlOutcome:
    """How a crawl ended: the run's id and status, and why it failed (if it did)."""

    run_id: int | None
    status: str  # newscrawl.crawl.status: finished, failed, interrupted, timeout
    failure: str | None = None  # why it failed, for one `Error:` line
    signal: str | None = None  # the signal that interrupted it
    recorded: bool = True  # False: even the status could not be written (a full disk)

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.status]

    @classmethod
    def from_crawler(cls, crawler: Crawler, log_file: Path | None = None) -> CrawlOutcome:
        stats = crawler.stats
        run_id, signal_name = stats.get_value("newscrawl/run_id"), stats.get_value("newscrawl/signal")
        failure = stats.get_value("newscrawl/failure")
        status = stats.get_value("newscrawl/status")
        if status is None:  # the store stage did not get to record it: a forced stop, or an error
            status = INTERRUPTED if signal_name and failure is None else FAILED
        see_log = "; see the log" + (f" in {log_file}" if log_file else "")
        if run_id is None and failure is None:
            failure = "the crawl did not start" + see_log
        elif status == FAILED and failure is None:
            failure = "the end of the run could not be recorded" + see_log
        recorded = bool(stats.get_value("newscrawl/status_recorded", False))
        return cls(run_id, status, failure, signal_name, recorded)


class _Rate(ProgressColumn):
    """Pages per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f}/s" if speed else "", style="progress.data.speed")


class ProgressExtension:
    """Shows the pages done, by verdict, with their rate on a rich progress line; with a bar, the
    total and the time left when the spider knows how many pages there are (:data:`PAGES_TOTAL_STAT`,
    set by ``reextract``). Log lines print above it (:func:`_configure_logging`)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.counts: Counter[str] = Counter()
        whole = TableColumn(no_wrap=True)  # counts and times are never cut; the verdicts fold
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}", table_column=whole),
            BarColumn(bar_width=16),
            MofNCompleteColumn(table_column=TableColumn(no_wrap=True)),
            _Rate(table_column=TableColumn(no_wrap=True)),
            TimeRemainingColumn(table_column=TableColumn(no_wrap=True)),
            TimeElapsedColumn(table_column=TableColumn(no_wrap=True)),
            TextColumn("{task.fields[counts]}", table_column=TableColumn(overflow="fold", ratio=1)),
            console=TERMINAL,
            transient=True,
        )
        self.task = self.progress.add_task("pages", total=None, counts="")
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ProgressExtension:
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        self.progress.start()

    def spider_closed(self, spider: Any) -> None:
        self.progress.stop()

    def item_scraped(self, item: Any, spider: Any) -> None:
        if not hasattr(item, "verdict"):  # a channel's read (GDELT, a seed list), not a page
            return
        self.counts[getattr(item, "verdict", None) or "?"] += 1
        text = "  ".join(f"{verdict} {n}" for verdict, n in sorted(self.counts.items()))
        total = self.crawler.stats.get_value(PAGES_TOTAL_STAT)
        self.progress.update(self.task, advance=1, counts=text, total=total)


REMOTE_CONTROL = "scrapy.extensions.remote_control.RemoteControl"
# Scrapy's components that a setting switches off (newscrawl/settings.py), with the base list
# that names them. Switched off, each declines when the crawl starts, but Scrapy imports every
# key of a component list, None or not, so each is taken out of its base list instead: the
# remote control would import aiohttp (about 7 MB and 0.1-0.2 s of CPU at every start), the
# cookies middleware tldextract with requests and filelock (2.7 MB), the telnet console
# Twisted's conch (0.4 MB), all in the crawl's process (docs/benchmarks.md, "Memory").
SWITCHED_OFF = (
    ("REMOTE_CONTROL_ENABLED", "EXTENSIONS_BASE", REMOTE_CONTROL),
    ("TELNETCONSOLE_ENABLED", "EXTENSIONS_BASE", "scrapy.extensions.telnet.TelnetConsole"),
    ("COOKIES_ENABLED", "DOWNLOADER_MIDDLEWARES_BASE",
     "scrapy.downloadermiddlewares.cookies.CookiesMiddleware"),
)


def crawl_settings(request: CrawlRequest) -> Settings:
    """newscrawl's Scrapy settings with the request's overrides applied."""
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    # The spider is handed to Scrapy as a class (run_spider): its spider loader need not import
    # every spider module (the distributed crawl's import redis and scrapy-redis, ~7 MB).
    settings.set("SPIDER_MODULES", [], priority="project")
    settings.set("NEWSCRAWL_DB", str(request.db), priority="cmdline")
    settings.set("NEWSCRAWL_COMMAND", request.command, priority="cmdline")
    settings.set("LOG_LEVEL", request.log_level, priority="cmdline")
    if request.progress:  # beside the project's extensions (CrawlDelayThrottle), not instead of them
        extensions = {**settings.getdict("EXTENSIONS"), "newscrawl.crawl.runner.ProgressExtension": 500}
        settings.set("EXTENSIONS", extensions, priority="cmdline")
    for key, value in request.settings.items():
        settings.set(key, value, priority="cmdline")
    for switch, components, component in SWITCHED_OFF:
        if not settings.getbool(switch):
            kept = {key: value for key, value in settings.getdict(components).items() if key != component}
            settings.set(components, kept, priority="project")
    # newscrawl logs to the terminal and the log file itself (run_crawl), unless told LOG_FILE
    settings.set("LOG_INSTALL_ROOT_HANDLER", bool(settings.get("LOG_FILE")), priority="cmdline")
    return settings


class _TerminalFormatter(logging.Formatter):
    """A record without its traceback, which stays in the log file (also one written into the
    message, as Twisted and Scrapy's engine sometimes do)."""

    TRACEBACK = "\nTraceback (most recent call last):"

    def format(self, record: logging.LogRecord) -> str:
        plain = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None,
                                       "stack_info": None})
        text, traceback, _ = super().format(plain).partition(self.TRACEBACK)
        return text.rstrip() + (" (traceback in the log file)" if traceback else "")


class _ConsoleHandler(logging.Handler):
    """Log records printed through a rich console: while a progress bar is live on it, each line
    prints above the bar instead of breaking into it. The text is printed as it is (no markup,
    no wrapping)."""

    def __init__(self, console: Console) -> None:
        super().__init__()
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.console.print(Text(self.format(record)), soft_wrap=True, highlight=False)
        except Exception:  # noqa: BLE001 - as logging.StreamHandler: a failed line never stops the crawl
            self.handleError(record)


def _not_reported_at_end(record: logging.LogRecord) -> bool:
    """Records the CLI repeats as its `Error:` line are not shown twice on the terminal."""
    return not getattr(record, "reported_at_end", False)


def _configure_logging(request: CrawlRequest, settings: Settings) -> list[logging.Handler]:
    """The terminal gets LOG_LEVEL, one line per record (tracebacks only when verbose); the log
    file gets INFO and above, whole. (``-s LOG_FILE=...`` leaves it all to Scrapy instead.)"""
    if settings.getbool("LOG_INSTALL_ROOT_HANDLER"):
        return []
    fmt, datefmt = settings.get("LOG_FORMAT"), settings.get("LOG_DATEFORMAT")
    terminal = _ConsoleHandler(TERMINAL) if request.progress else logging.StreamHandler()
    terminal.setLevel(settings.get("LOG_LEVEL"))
    if request.verbose:
        terminal.setFormatter(logging.Formatter(fmt, datefmt))
    else:
        terminal.setFormatter(_TerminalFormatter(fmt, datefmt))
        terminal.addFilter(_not_reported_at_end)
    handlers: list[logging.Handler] = [terminal]
    if request.log_file is not None:
        log_file = logging.FileHandler(request.log_file, encoding="utf-8")
        log_file.setFormatter(logging.Formatter(fmt, datefmt))
        log_file.setLevel(logging.INFO)
        handlers.append(log_file)
    # The root's level is the lowest of its handlers' (its own before these too): a record that
    # no handler shows is never made (Scrapy logs two DEBUG lines a page, "Crawled", "Scraped").
    logging.root.setLevel(min(handler.level for handler in [*logging.root.handlers, *handlers]))
    for handler in handlers:
        logging.root.addHandler(handler)
    return handlers


class _GracefulStop:
    """SIGTERM, SIGINT and SIGHUP stop the crawl as Scrapy stops it on Ctrl-C (the close
    reason is ``shutdown``); the signal's name goes into the stats; a second signal forces."""

    SIGNALS = tuple(s for s in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", None)) if s)

    def __init__(self, process: CrawlerProcess, crawler: Crawler) -> None:
        self.process = process
        self.crawler = crawler
        self.received: str | None = None
        self.previous: dict[int, Any] = {}

    def install(self) -> None:
        for signum in self.SIGNALS:
            self.previous[signum] = signal.signal(signum, self.handle)

    def uninstall(self) -> None:
        """The handlers from before: a signal after the crawl (while the summary prints) acts at once."""
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)

    def handle(self, signum: int, frame: Any) -> None:
        from twisted.internet import reactor

        name = signal.Signals(signum).name
        if self.received is None:
            self.received = name
            self.crawler.stats.set_value("newscrawl/signal", name)
            reactor.callFromThread(logger.warning, "Received %s, stopping the crawl gracefully "
                                   "(send it again to force)", name)
            reactor.callFromThread(self.process.stop)
        else:
            for other in self.SIGNALS:
                signal.signal(other, signal.SIG_IGN)
            reactor.callFromThread(logger.warning, "Received %s again, stopping at once", name)
            reactor.callFromThread(reactor.stop)


SPIDERS = {
    "news": "newscrawl.spiders.news.NewsSpider",
    "warc": "newscrawl.spiders.warc.WarcSpider",
    "seeds": "newscrawl.spiders.seeds.SeedSpider",
    "gdelt": "newscrawl.spiders.gdelt.GdeltSpider",
    "news-worker": "newscrawl.spiders.cluster.WorkerSpider",
    "news-writer": "newscrawl.spiders.cluster.WriterSpider",
    "warc-worker": "newscrawl.spiders.cluster.IngestWorkerSpider",
    "warc-writer": "newscrawl.spiders.cluster.IngestWriterSpider",
}


def drop_source_lines() -> None:
    """Forget the source files' lines that ``linecache`` read while the crawl was set up.

    Scrapy's deprecated-class helper calls ``inspect.stack()`` when a module that defines one is
    imported (its TLS module, imported with the HTTP download handler), and that reads the source
    of every module on the stack into ``linecache`` (about 1 MB, the rest of the crawl). A file's
    lines are read again when a traceback needs them; lines that have no file behind them
    (attrs' generated methods) are kept.
    """
    for name, entry in list(linecache.cache.items()):
        if len(entry) == 4 and entry[1] is not None:  # (size, mtime, lines, path) of a file
            linecache.cache.pop(name, None)


def run_crawl(request: CrawlRequest) -> CrawlOutcome:
    """Crawl as asked, blocking until done; return how the run ended."""
    return CrawlOutcome.from_crawler(run_spider(request), request.log_file)


def run_spider(request: CrawlRequest) -> Crawler:
    """Run the request's spider, blocking until it closed; the crawler, to read its stats."""
    with collector.loading():  # what is loaded here lives as long as the crawl
        # Only the spider asked for is imported: the distributed crawl's spiders import redis
        # and scrapy-redis (about 7 MB that a crawl without --redis does not need).
        spider = load_object(SPIDERS[request.spider])
        return_freed_memory(arenas=2)  # about 15 MB less in this process (crawl/malloc.py)
        settings = crawl_settings(request)
        process = CrawlerProcess(settings)
        root_level = logging.root.level
        handlers = _configure_logging(request, settings)
        crawler = process.create_crawler(spider)
    stop = _GracefulStop(process, crawler)
    stop.install()
    try:
        with collector.loading():
            process.crawl(
                crawler, sources=request.outlets, topic=request.topic, since=request.since,
                **request.spider_args,
            )
        # What is loaded by now (Scrapy, Twisted, the stages: most of the process's objects)
        # lives as long as the crawl: out of the garbage collector's sight while it runs, the
        # collector's full passes walk only what the crawl made since (a crawl of 1,810 pages:
        # 0.21 s of full passes -> ~0.05 s), and its youngest generation is collected seldom
        # (0.25 s -> 0.02 s; crawl/collector.py). Back in sight afterwards.
        with collector.crawling():
            drop_source_lines()
            process.start(install_signal_handlers=False)
    finally:
        stop.uninstall()
        for handler in handlers:
            logging.root.removeHandler(handler)
            handler.close()
        logging.root.setLevel(root_level)
    return crawler
