"""Dates stage: weigh the page's own dates with the feed's and sitemap's into UTC datetimes."""

from __future__ import annotations

from typing import Any

from newscrawl.extract.dates import resolve_dates
from newscrawl.items import ChannelPoll, FetchedPage


class DatesPipeline:
    """Set ``published_at``, ``published_local``, ``published_day``, ``modified_at`` and
    ``date_source`` of the article draft (local: in the outlet's zone when the page gives no
    offset)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> DatesPipeline:
        return cls(crawler)

    def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if isinstance(item, ChannelPoll):  # a channel's read: only the store stage writes it
            return item
        if item.decided or item.article is None or item.extracted is None:
            return item
        resolved = item.extracted.resolved_dates  # weighed in the extraction pool
        if resolved is None:
            outlet = self.crawler.spider.outlets[item.outlet]
            hints = [*item.date_hints, *item.extracted.date_hints]
            resolved = resolve_dates(hints, default_tz=outlet.timezone)
        article = item.article
        article.published_at = resolved.published_at
        article.modified_at = resolved.modified_at
        article.date_source = resolved.date_source
        article.published_local = resolved.published_local
        article.published_day = resolved.published_day.isoformat() if resolved.published_day else None
        return item
