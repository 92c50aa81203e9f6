"""The two sides of a distributed crawl: the workers' spider and the coordinator's.

Both are the ``news`` spider (the same callbacks, so a request one process pushes to the
shared frontier can be run by any other):

- :class:`WorkerSpider` starts with nothing of its own: scrapy-redis' scheduler hands it
  requests from the shared frontier, and its callbacks push what they find back there, but
  for the later pages of a story split over pages, which the worker that fetched the first
  page fetches itself (:class:`~newscrawl.spiders.frontier.WorkerScheduler`) and joins.
  While it runs it keeps the leases of the requests it holds and its heartbeat, and it ends
  when the coordinator says the crawl is over.
- :class:`IngestWorkerSpider` and :class:`IngestWriterSpider` do the same for ``ingest --redis``:
  the writer puts the WARC files in a shared queue, workers take one file at a time (with a
  lease) and push its pages; a record's delivery id is made from its file and offset, so a
  file read again after a worker died stores nothing twice. With ``any_outlet`` a worker keeps
  the pages of every site, and the writer decides each page's outlet again from its URL
  (:class:`~newscrawl.discover.outlets.DerivedOutlets`, knowing the store's outlets), so one
  process picks the derived slugs and two workers never pick different ones for a clash.
- :class:`WriterSpider` (the coordinator) yields the ``news`` spider's start requests (feeds,
  sitemaps, start pages, revisits, retries), which its :class:`~newscrawl.spiders.frontier.SeedingScheduler`
  pushes to the shared frontier; then it drains the pages the workers pushed and yields them
  as items to the whole-corpus stages (dedup, store). A page is acknowledged in Redis only
  after the transaction that stored it committed. The crawl is over when the frontier, the
  requests in flight and the pages are all empty.
"""

from __future__ import annotations

import asyncio
import hashlib
import pickle
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import redis
import scrapy
from scrapy import signals
from scrapy.exceptions import CloseSpider
from scrapy.http import Response
from twisted.python.failure import Failure

from newscrawl.crawl.status import FAILED
from newscrawl.discover.outlets import DerivedOutlets
from newscrawl.discover.storypages import ArchivedStories
from newscrawl.distributed.handshake import DONE, RUNNING, SEEDING, phase, set_phase
from newscrawl.items import FetchedPage
from newscrawl.pipelines.crawlstore import crawl_store
from newscrawl.spiders.frontier import TOKEN, Cluster, cluster
from newscrawl.spiders.news import NewsSpider
from newscrawl.spiders.warc import WarcSpider
from newscrawl.store.warc import WarcError, iter_responses

POLL = 0.2  # seconds between looks at Redis when there is nothing to do


def _wake(crawler: Any) -> None:
    """Ask the engine to look at its scheduler now, not at its next 5-second heartbeat."""
    slot = getattr(crawler.engine, "_slot", None)
    if slot is not None:
        slot.nextcall.schedule()


class SharedListings:
    """The news spider's per-run listing rules held for the whole cluster: each listing page
    (sitemap, start or listing page) asked for once per run, and at most
    ``NEWSCRAWL_LISTING_MAX_PAGES`` listing pages per outlet, whichever process finds them."""

    crawler: Any
    listing_budget: int

    def _first_request_for(self, url: str) -> bool:
        if not self._shared_first(url):
            self.crawler.stats.inc_value("newscrawl/skipped/listing_seen")
            return False
        return super()._first_request_for(url)

    def _section_request(self, url: str, outlet: Any, depth: int) -> Any:
        if not self._shared_first(url):
            self.crawler.stats.inc_value("newscrawl/skipped/listing_seen")
            return None
        this = cluster(self.crawler)
        try:
            used = this.client.hincrby(this.keys.listing_budget, outlet.slug, 1)
        except redis.RedisError as exc:
            this.lost(exc)
            return None
        if used > self.listing_budget:
            self.crawler.stats.inc_value("newscrawl/skipped/listing_budget")
            return None
        return super()._section_request(url, outlet, depth)

    def _shared_first(self, url: str) -> bool:
        this = cluster(self.crawler)
        try:
            return bool(this.client.sadd(this.keys.listings_requested, url))
        except redis.RedisError as exc:
            this.lost(exc)
            return False


def give_back(crawler: Any, queue: Any) -> None:
    """Release the requests (or files) this worker holds, unless Redis is gone."""
    this = cluster(crawler)
    if this.held and this.failure is None:
        try:
            queue.release(list(this.held))
        except redis.RedisError:
            return  # their leases run out instead
        this.held.clear()


class WorkerSpider(SharedListings, NewsSpider):
    """Runs requests from the shared frontier until the coordinator says the crawl is over."""

    name = "news-worker"

    async def start(self) -> AsyncIterator[Any]:
        this = cluster(self.crawler)
        extend_every = max(0.5, this.requests.lease / 3)
        last_extend = 0.0
        while True:
            if this.failure is not None:
                raise CloseSpider(FAILED)
            try:
                now = time.monotonic()
                if now - last_extend >= extend_every:
                    this.requests.extend(this.held)
                    this.client.hset(this.keys.workers, this.worker, str(time.time()))
                    last_extend = now
                current = phase(this.client, this.keys)
            except redis.RedisError as exc:
                this.lost(exc)
                continue
            if current in (None, DONE):
                return
            _wake(self.crawler)
            await asyncio.sleep(POLL)
        yield  # an async generator that yields nothing: its requests come from the frontier

    def closed(self, reason: str) -> None:
        """Stopped before the crawl was over (a signal): give back the requests it held, so
        other workers take them now rather than when their leases run out."""
        give_back(self.crawler, cluster(self.crawler).requests)

    def _page(self, response: Response) -> FetchedPage:
        page = super()._page(response)
        page.frontier_token = response.meta.get(TOKEN)
        return page

    def on_error(self, failure: Failure) -> Any:
        for output in super().on_error(failure):
            if isinstance(output, FetchedPage):  # not a sitemap request robots.txt named
                output.frontier_token = failure.request.meta.get(TOKEN)
            yield output


class PageDrain:
    """The writer's side, for a spider that seeds the cluster (:meth:`seed`) and then stores
    the pages the workers push, once each: yields them as items to the whole-corpus stages
    and acknowledges them in Redis after the store committed them."""

    crawler: Any
    logger: Any

    def start_draining(self) -> None:
        self.finished: dict[str, bytes] = {}  # delivery id -> the page as taken, done with
        self.taken: dict[str, bytes] = {}
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            self.crawler.signals.connect(self._page_done, signal=signal)

    def _page_done(self, item: Any, **kwargs: Any) -> None:
        delivery = getattr(item, "delivery_id", None)
        if delivery in self.taken:
            self.finished[delivery] = self.taken.pop(delivery)

    def seed(self) -> AsyncIterator[Any]:
        raise NotImplementedError

    async def drain(self) -> AsyncIterator[Any]:
        this = cluster(self.crawler)
        try:
            recovered = this.items.recover()
            seeding = phase(this.client, this.keys) == SEEDING
        except redis.RedisError as exc:
            this.lost(exc)
            raise CloseSpider(FAILED) from None
        if recovered:
            self.logger.warning("Taking again %d pages an earlier writer took but did not store", recovered)
        if seeding:
            async for request in self.seed():
                yield request
            self._redis(set_phase, this.client, this.keys, RUNNING)
        last_ack = time.monotonic()
        while True:
            if this.failure is not None:
                raise CloseSpider(FAILED)
            if self.crawler.stats.get_value("newscrawl/failure"):  # the store failed: the run stops
                return  # (what it took stays in Redis, for the next writer)
            try:
                taken = this.items.take(self.batch)
            except redis.RedisError as exc:
                this.lost(exc)
                continue
            for data in taken:
                page = pickle.loads(data)
                self.taken[page.delivery_id] = data
                yield page
            if not taken or time.monotonic() - last_ack >= 1.0 or len(self.finished) >= self.batch:
                self._acknowledge(this)
                last_ack = time.monotonic()
            if not taken:
                if self._over(this):
                    self._redis(set_phase, this.client, this.keys, DONE)
                    return
                await asyncio.sleep(POLL)

    @property
    def batch(self) -> int:
        return max(1, self.crawler.settings.getint("NEWSCRAWL_BATCH_SIZE", 50))

    def _redis(self, call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except redis.RedisError as exc:
            cluster(self.crawler).lost(exc)
            raise CloseSpider(FAILED) from None

    def _acknowledge(self, this: Cluster) -> None:
        """Commit the store's open batch, then remove the pages it holds from Redis."""
        if not self.finished or self.crawler.stats.get_value("newscrawl/failure"):
            return
        crawl_store(self.crawler).flush()
        done, self.finished = list(self.finished.values()), {}
        try:
            this.items.ack(done)
        except redis.RedisError as exc:
            this.lost(exc)

    def _over(self, this: Cluster) -> bool:
        """Nothing waiting, in flight, pushed or taken: three times over a second. (A worker
        acknowledges a request when it pushes its page; the follow-up requests its callback
        yielded are pushed in the same moment, so a quiet second means there are none.)"""
        for attempt in range(3):
            if self.taken or self.finished:
                return False
            try:
                counts = (*this.requests.counts(), *this.files.counts(), *this.items.counts())
            except redis.RedisError as exc:
                this.lost(exc)
                return False
            if any(counts):
                return False
            if attempt < 2:
                time.sleep(2.5 * POLL)
        return True


class WriterSpider(SharedListings, PageDrain, NewsSpider):
    """Seeds the shared frontier with the news spider's start requests, then stores the pages."""

    name = "news-writer"

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> WriterSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.start_draining()
        return spider

    async def start(self) -> AsyncIterator[Any]:
        async for item_or_request in self.drain():
            yield item_or_request

    def seed(self) -> AsyncIterator[Any]:
        return NewsSpider.start(self)

    def parse(self, response: Response) -> Any:  # never called: the writer downloads nothing
        return scrapy.Spider.parse(self, response)


class IngestWriterSpider(PageDrain, WarcSpider):
    """``ingest --redis``: puts the WARC files in the shared queue, then stores the pages."""

    name = "warc-writer"

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> IngestWriterSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.start_draining()
        return spider

    async def start(self) -> AsyncIterator[Any]:
        if self.any_outlet:
            self.derive_outlets()
        async for item in self.drain():
            if self._owners is not None and isinstance(item, FetchedPage):
                self._own(item)
            yield item

    def _own(self, page: FetchedPage) -> None:
        """The page's outlet, decided here (a worker's slug for a derived outlet is its guess)."""
        outlet = self._outlet_for(page.url)
        if outlet is not None:
            page.outlet = outlet.slug

    async def seed(self) -> AsyncIterator[Any]:
        this = cluster(self.crawler)
        for path in self.files:
            self._redis(this.files.push, str(path.resolve()).encode())
        return
        yield  # an async generator: the files go to Redis, not to the engine


def delivery_id(path: str, offset: int) -> str:
    """The same id for the same WARC record, whoever reads it: a record read again (its worker
    died mid-file) is recognised by the writer as stored already."""
    return hashlib.sha256(f"{path}\0{offset}".encode()).hexdigest()[:32]


class IngestWorkerSpider(WarcSpider):
    """Takes WARC files from the shared queue, one at a time, and yields their pages (a story
    split over pages joined again, its later pages riding on its first, within the file:
    :class:`~newscrawl.discover.storypages.ArchivedStories`, as a single-machine ingest does).

    A file's lease is kept while it is read and acknowledged once every page read from it
    has left the pipelines; a worker that dies mid-file leaves it to be read again.
    """

    name = "warc-worker"

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> IngestWorkerSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.outstanding: dict[str, int] = {}  # file token -> pages not yet through the pipelines
        spider.read: set[str] = set()  # file tokens read to the end
        for signal in (signals.item_scraped, signals.item_dropped, signals.item_error):
            crawler.signals.connect(spider._page_done, signal=signal)
        return spider

    def closed(self, reason: str) -> None:
        """Stopped mid-file (a signal): the file goes back to be read by another worker."""
        give_back(self.crawler, cluster(self.crawler).files)

    def _page_done(self, item: Any, **kwargs: Any) -> None:
        token = getattr(item, "file_token", None)
        if token in self.outstanding:
            self.outstanding[token] -= 1
            self._ack_if_done(token)

    def _ack_if_done(self, token: str) -> None:
        if token in self.read and self.outstanding.get(token) == 0:
            this = cluster(self.crawler)
            del self.outstanding[token]
            self.read.discard(token)
            this.held.discard(token)
            try:
                this.files.ack(token)
            except redis.RedisError as exc:
                this.lost(exc)

    async def start(self) -> AsyncIterator[Any]:
        this = cluster(self.crawler)
        last_extend = time.monotonic()
        if self.any_outlet:  # every site's pages; the writer decides their outlets' slugs
            self._owners = DerivedOutlets(self.outlets)
        while True:
            if this.failure is not None:
                raise CloseSpider(FAILED)
            try:
                this.files.extend(this.held)
                taken = this.files.take()
                current = phase(this.client, this.keys) if taken is None else RUNNING
            except redis.RedisError as exc:
                this.lost(exc)
                continue
            if taken is None:
                if current in (None, DONE):
                    return
                await asyncio.sleep(POLL)
                continue
            token, data = taken
            path = Path(data.decode())
            this.held.add(token)
            self.outstanding[token] = 0
            self.crawler.stats.inc_value("newscrawl/warc_files")
            stories = ArchivedStories(self.story_max_pages)  # a story's pages: in one file, as on one machine
            try:
                for response in iter_responses(path, on_error=self._report):
                    page = self._page(path, response)
                    if page is not None:
                        page.delivery_id = delivery_id(str(path), response.offset)
                        page.file_token = token
                        for ready in stories.add(page):
                            self.outstanding[token] += 1
                            yield ready
                    if time.monotonic() - last_extend >= this.files.lease / 3:
                        this.files.extend(this.held)
                        last_extend = time.monotonic()
            except WarcError as exc:
                self._report(exc)
            except redis.RedisError as exc:
                this.lost(exc)
                continue
            for ready in stories.rest():
                self.outstanding[token] += 1
                yield ready
            self.read.add(token)
            self._ack_if_done(token)
