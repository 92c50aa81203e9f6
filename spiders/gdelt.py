"""The ``gdelt`` spider: ask the GDELT DOC 2.0 API which articles match the topic, then fetch them.

The topic's query is translated to GDELT's syntax (or the topic's ``gdelt_query`` is used),
one ArtList request is made per time window between ``start`` and ``end``, and every
returned URL of a configured outlet is fetched and judged exactly like a feed entry.
URLs of unknown outlets are counted and listed in the run's statistics.
The API address is the ``NEWSCRAWL_GDELT_API`` setting.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response

from newscrawl.config import outlet_for_url
from newscrawl.discover.gdelt import GdeltError, artlist_urls, artlist_window, gdelt_query, parse_artlist
from newscrawl.settings import read_setting
from newscrawl.spiders.base import parse_since
from newscrawl.spiders.news import NewsSpider, channel_poll


class GdeltSpider(NewsSpider):
    """GDELT DOC ArtList results for the topic in a date window -> fetched article pages."""

    name = "gdelt"
    reads_outlet_channels = False  # only the URLs it is given

    def __init__(self, start: Any = None, end: Any = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.window_end = parse_since(end) or datetime.now(UTC)
        self.window_start = parse_since(start) or self.since or self.window_end - timedelta(days=1)

    def configure(self, settings: Any) -> None:
        super().configure(settings)
        self.api = read_setting(settings, "NEWSCRAWL_GDELT_API")
        self.window = timedelta(hours=read_setting(settings, "NEWSCRAWL_GDELT_WINDOW_HOURS"))
        self.query = self.topic.gdelt_query or gdelt_query(self.topic.query)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for url in artlist_urls(self.query, self.window_start, self.window_end, api=self.api,
                                window=self.window):
            yield scrapy.Request(url, callback=self.parse_artlist, errback=self.api_error,
                                 dont_filter=True, priority=10, meta={"dont_obey_robotstxt": True})

    def parse_artlist(self, response: Response) -> Iterator[Any]:
        """Follow the returned articles of known outlets; count the others."""
        stats = self.crawler.stats
        try:
            links = parse_artlist(response.body)
        except GdeltError as exc:
            self._api_problem(f"{response.url}: {exc}")
            return
        stats.inc_value("newscrawl/gdelt/articles", len(links))
        # What this query could have seen: its window, whatever it returned (the evidence of
        # newscrawl coverage; an API that caps its answer at MAX_RECORDS saw less).
        poll = channel_poll("gdelt", response.url, datetime.now(UTC), None, links, self._link_date,
                            self.outlets)
        poll.oldest, poll.newest = artlist_window(response.url)
        yield poll
        for link in links:
            outlet = outlet_for_url(self.outlets, link.url)
            if outlet is None:
                host = urlsplit(link.url).netloc
                unknown = stats.get_value("newscrawl/unknown_hosts") or []
                if host not in unknown:
                    stats.set_value("newscrawl/unknown_hosts", [*unknown, host])
                stats.inc_value("newscrawl/skipped/unknown_outlet")
                continue
            yield from self._follow(link, outlet, f"gdelt {link.url}")

    def api_error(self, failure: Any) -> None:
        """The API did not answer: reported in the run's statistics, the crawl goes on."""
        self._api_problem(f"{failure.request.url}: {failure.value}")

    def _api_problem(self, message: str) -> None:
        self.logger.error("GDELT: %s", message)
        problems = self.crawler.stats.get_value("newscrawl/gdelt/errors") or []
        self.crawler.stats.set_value("newscrawl/gdelt/errors", [*problems, message[:300]])
