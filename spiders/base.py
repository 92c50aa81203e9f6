"""What every newscrawl spider shares: outlets, topic and --since."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import scrapy

from newscrawl.config import Outlet, Topic, load_sources, load_topic, parse_since, select_outlets
from newscrawl.settings import read_setting

# Set in the stats by a spider that knows how many pages it will hand on (``reextract``): the
# progress bar's total (newscrawl.crawl.runner.ProgressExtension).
PAGES_TOTAL_STAT = "newscrawl/pages_total"


class ConfiguredSpider(scrapy.Spider):
    """Loads outlets and topic (spider arguments first, then settings).

    Arguments: ``sources`` (path or loaded outlets), ``topic`` (path or Topic), ``outlet``
    (comma-separated slugs), ``since`` (YYYY-MM-DD).
    """

    def __init__(
        self,
        sources: str | dict[str, Outlet] | None = None,
        topic: str | Topic | None = None,
        outlet: str | Iterable[str] | None = None,
        since: str | date | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self._sources_arg = sources
        self._topic_arg = topic
        self._outlet_arg = outlet
        self.since = parse_since(since)
        self.outlets: dict[str, Outlet] = {}
        self.topic: Topic | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> ConfiguredSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.configure(crawler.settings)
        return spider

    def configure(self, settings: Any) -> None:
        """Load outlets and topic."""
        sources = self._sources_arg or read_setting(settings, "NEWSCRAWL_SOURCES")
        outlets = sources if isinstance(sources, dict) else load_sources(sources)
        if self._outlet_arg:
            slugs = self._outlet_arg
            if isinstance(slugs, str):
                slugs = [s.strip() for s in slugs.split(",") if s.strip()]
            outlets = select_outlets(outlets, slugs)
        self.outlets = outlets
        topic = self._topic_arg or read_setting(settings, "NEWSCRAWL_TOPIC")
        self.topic = topic if isinstance(topic, Topic) else load_topic(topic)
