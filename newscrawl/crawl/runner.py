"""Run the ``news`` spider in this process (the CLI's way in; ``scrapy crawl news`` is the other).

One crawl per process: Twisted's reactor cannot be restarted, so callers that need several
crawls (tests, ``schedule``) run ``newscrawl crawl`` as a subprocess each time.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from newscrawl.config import Outlet, Topic


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
    settings: dict[str, Any] = field(default_factory=dict)
    spider: str = "news"  # or "warc", "seeds", "gdelt"
    spider_args: dict[str, Any] = field(default_factory=dict)


class ProgressExtension:
    """Shows pages recorded so far, by verdict, on a rich status line."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        self.counts: Counter[str] = Counter()
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.task = self.progress.add_task("crawling", total=None, counts="")
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
        self.counts[getattr(item, "verdict", None) or "?"] += 1
        text = "  ".join(f"{verdict} {n}" for verdict, n in sorted(self.counts.items()))
        self.progress.update(self.task, counts=text)


def crawl_settings(request: CrawlRequest) -> Settings:
    """newscrawl's Scrapy settings with the request's overrides applied."""
    settings = Settings()
    settings.setmodule("newscrawl.settings", priority="project")
    settings.set("NEWSCRAWL_DB", str(request.db), priority="cmdline")
    settings.set("NEWSCRAWL_COMMAND", request.command, priority="cmdline")
    settings.set("LOG_LEVEL", request.log_level, priority="cmdline")
    if request.progress:
        settings.set("EXTENSIONS", {"newscrawl.crawl.runner.ProgressExtension": 500}, priority="cmdline")
    for key, value in request.settings.items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(request: CrawlRequest) -> int | None:
    """Crawl as asked, blocking until done; return the crawl run's id."""
    from newscrawl.spiders.gdelt import GdeltSpider
    from newscrawl.spiders.news import NewsSpider
    from newscrawl.spiders.seeds import SeedSpider
    from newscrawl.spiders.warc import WarcSpider

    spiders = {"news": NewsSpider, "warc": WarcSpider, "seeds": SeedSpider, "gdelt": GdeltSpider}
    spider = spiders[request.spider]
    process = CrawlerProcess(crawl_settings(request))
    crawler = process.create_crawler(spider)
    process.crawl(
        crawler, sources=request.outlets, topic=request.topic, since=request.since, **request.spider_args
    )
    process.start()
    return crawler.stats.get_value("newscrawl/run_id")
