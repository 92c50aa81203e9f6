"""What every newscrawl spider shares: outlets, topic and --since."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

import scrapy

from newscrawl.config import Outlet, Topic, load_sources, load_topic, select_outlets
from newscrawl.settings import read_setting


def parse_since(value: str | date | datetime | None) -> datetime | None:
    """``--since`` as an aware UTC datetime (a bare date means its midnight, UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"since: {value!r} is not a date; use YYYY-MM-DD") from None
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


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
