"""What the discovery channels listed and when: written by the crawl, read by ``newscrawl coverage``.

``channel_polls`` has a row per read of a channel (a feed, a sitemap, a section page, a GDELT
query) with the window its items covered; ``discoveries`` a row per URL, channel and source,
with when it was listed first and last and its best rank. The SQL is in
:mod:`newscrawl.store.sql`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from typing import Any

from newscrawl.items import ChannelPoll
from newscrawl.store.crawl import iso
from newscrawl.store.sql import (
    DISCOVERY_SQL,
    POLL_SQL,
    article_filters,
    coverage_articles_sql,
    coverage_polls_sql,
)


class CoverageMixin:
    """The :class:`~newscrawl.store.Store` methods for the discovery evidence."""

    conn: sqlite3.Connection
    db: Any

    def record_poll(self, poll: ChannelPoll, run_id: int | None) -> None:
        """Write one read of a channel and the links it listed (inside the caller's page
        unit, or committed with the crawl's batch)."""
        when = iso(poll.polled_at)
        self.conn.execute(POLL_SQL, (run_id, poll.outlet, poll.channel, poll.source, when,
                                     poll.items, iso(poll.oldest), iso(poll.newest), poll.status))
        self.conn.executemany(DISCOVERY_SQL, [
            (url, outlet, poll.channel, poll.source, when, when, rank)
            for rank, (outlet, url) in enumerate(poll.links, start=1)
        ])

    def coverage_evidence(self, outlets: Iterable[str] = (), **filters: Any) -> dict[str, list[dict]]:
        """The articles the recorded polls listed (one row per article, channel and source)
        and the polls of these outlets (and of GDELT), for :mod:`newscrawl.outputs.coverage`."""
        slugs = list(outlets)
        where, params = article_filters("a", outlets=slugs, **filters)
        sql, params = coverage_articles_sql(where, params)
        articles = list(self.db.query(sql, params))
        sql, params = coverage_polls_sql(slugs)
        return {"articles": articles, "polls": list(self.db.query(sql, params))}
