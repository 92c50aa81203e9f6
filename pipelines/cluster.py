"""The stages that meet in Redis in a distributed crawl (docs/distributed.md).

- :class:`PushPagePipeline`, a worker's last stage: the page (archived, extracted, dated and
  judged on topic; without its raw body, it is in the worker's WARC file) goes to the writer
  through Redis, under a fresh delivery id, and the request that produced it is acknowledged
  in the same transaction.
- :class:`SkipDeliveredPipeline` and :class:`DeliveredStorePipeline`, the writer's: a page
  whose delivery id the store has is not stored again (a writer killed after its commit and
  before it acknowledged the page in Redis); the id is recorded with the page's rows, in
  the same transaction.
"""

from __future__ import annotations

import pickle
from dataclasses import replace
from typing import Any

import redis
from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured

from newscrawl.items import ChannelPoll, FetchedPage
from newscrawl.pipelines.crawlstore import crawl_store
from newscrawl.pipelines.store import StorePipeline
from newscrawl.spiders.frontier import cluster


def pushed(page: FetchedPage) -> FetchedPage:
    """What of ``page`` goes to the writer: not its raw body (it is in the worker's WARC file)
    nor the later pages of its story (each is pushed by itself). ``page`` keeps its body: a
    later page of a story is pushed as soon as it is fetched, and its body is joined to the
    first page's text when the story is whole (the first page's extraction reads it later)."""
    return replace(page, body=b"", story_pages=[])


class PushPagePipeline:
    """Push the page to the writer and acknowledge its request, atomically."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        crawler.signals.connect(self.page_lost, signal=signals.item_error)
        crawler.signals.connect(self.page_lost, signal=signals.item_dropped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> PushPagePipeline:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured("not a distributed crawl")
        return cls(crawler)

    def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if isinstance(item, ChannelPoll):
            # A read of a channel over many outlets (a WARC file of a distributed ingest): not
            # pushed, so coverage has no window for it (docs/coverage.md).
            raise DropItem("a channel read is not pushed to the writer", log_level="DEBUG")
        this = cluster(self.crawler)
        item.delivery_id = item.delivery_id or this.items.new_id()
        data = pickle.dumps(pushed(item), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            pipe = this.client.pipeline(transaction=True)
            this.items.push(data, pipe)
            if item.frontier_token:
                this.requests.ack(item.frontier_token, pipe)
            pipe.execute()
        except redis.RedisError as exc:
            this.lost(exc)
            raise DropItem(f"not pushed: {exc}", log_level="DEBUG") from None
        if item.frontier_token:
            this.held.discard(item.frontier_token)
        self.crawler.stats.inc_value("newscrawl/cluster/pushed")
        return item

    def page_lost(self, item: Any, **kwargs: Any) -> None:
        """A stage failed on the page: its request is done with (taking it again would fail again)."""
        token = getattr(item, "frontier_token", None)
        this = cluster(self.crawler)
        if token and token in this.held:
            this.held.discard(token)
            try:
                this.requests.ack(token)
            except redis.RedisError as exc:
                this.lost(exc)


class SkipDeliveredPipeline:
    """Drop a page the store already has under its delivery id (taken again after a crash)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> SkipDeliveredPipeline:
        return cls(crawler)

    def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if item.delivery_id and crawl_store(self.crawler).page_delivered(item.delivery_id):
            self.crawler.stats.inc_value("newscrawl/cluster/already_stored")
            raise DropItem("stored already (taken again after a writer stopped)", log_level="DEBUG")
        return item


class DeliveredStorePipeline(StorePipeline):
    """The store stage, recording each page's delivery id with its rows (in the same
    transaction: :meth:`StorePipeline.process_item` writes a page's rows in one)."""

    def write_page(self, store: Any, item: FetchedPage) -> None:
        super().write_page(store, item)
        if item.delivery_id:
            store.record_delivery(item.delivery_id, self.run_id)
