"""The ``seeds`` spider: fetch the URLs of a seed list (GDELT, Media Cloud, a colleague's CSV).

Each URL is matched to its outlet by domain and fetched and judged like a feed entry; URLs of
unknown domains are counted and listed in the run's statistics (``newscrawl crawl --urls``
with ``--add-outlets`` adds draft outlets for them to the sources file first).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Any

from newscrawl.discover.feeds import DiscoveredLink
from newscrawl.discover.seeds import match_outlets, read_seed_urls
from newscrawl.items import DateHint
from newscrawl.spiders.news import NewsSpider, channel_poll

DATE_COLUMNS = ("publish_date", "published", "date", "seendate", "published_at")


class SeedSpider(NewsSpider):
    """A list of article URLs -> fetched article pages."""

    name = "seeds"
    reads_outlet_channels = False  # only the URLs it is given

    def __init__(self, urls: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.urls_file = urls

    async def start(self) -> AsyncIterator[Any]:
        seeds = read_seed_urls(self.urls_file)
        known, unknown = match_outlets(seeds, self.outlets)
        stats = self.crawler.stats
        stats.set_value("newscrawl/seeds/urls", len(seeds))
        if unknown:
            stats.set_value("newscrawl/unknown_hosts", sorted(unknown))
            stats.set_value("newscrawl/skipped/unknown_outlet", sum(len(v) for v in unknown.values()))
        for slug, outlet_seeds in known.items():
            outlet = self.outlets[slug]
            links = []
            for seed in outlet_seeds:
                hints = tuple(
                    DateHint(seed.extra[column], "feed", "published")
                    for column in DATE_COLUMNS
                    if seed.extra.get(column)
                )
                link = DiscoveredLink(seed.url, seed.extra.get("title"), hints)
                links.append(link)
                for request in self._follow(link, outlet, f"seed list {self.urls_file}:{seed.line}"):
                    yield request
            # The list as a channel (recorded, never counted by newscrawl coverage: someone chose it).
            yield channel_poll("seeds", str(self.urls_file), datetime.now(UTC), outlet, links,
                               self._link_date)
