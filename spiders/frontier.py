"""The shared frontier of a distributed crawl, on scrapy-redis' building blocks.

- :class:`FrontierQueue` is a scrapy-redis queue class (``SCHEDULER_QUEUE_CLASS``) over
  :class:`~newscrawl.distributed.queues.RequestQueue`: a request taken by a worker stays in
  flight with a lease, which the worker extends while it works on the request and which
  ends when the page it produced is pushed (:class:`~newscrawl.pipelines.cluster.PushPagePipeline`);
  a request of a worker that died is taken again once its lease runs out.
- scrapy-redis' ``Scheduler`` and ``RFPDupeFilter`` do the rest on the workers; the
  coordinator's :class:`SeedingScheduler` only pushes (it seeds, it never downloads).
- :class:`ClusterIncrementalMiddleware` answers the incremental questions from what the
  coordinator copied out of the store into Redis (:mod:`newscrawl.distributed.known`).

The crawl's Redis connection and what it holds is a :class:`Cluster`, kept on the crawler
(:func:`cluster`). A Redis that goes away is recorded there as the run's failure; the
spiders then close the run.
"""

from __future__ import annotations

import logging
import warnings
from collections import deque
from typing import Any

import redis
from scrapy import Request
from scrapy.exceptions import ScrapyDeprecationWarning
from scrapy_redis.queue import Base
from scrapy_redis.scheduler import Scheduler

from newscrawl.distributed.handshake import CLIENT_OPTIONS, describe
from newscrawl.distributed.keys import Keys
from newscrawl.distributed.known import KnownPages
from newscrawl.distributed.queues import ItemQueue, RequestQueue
from newscrawl.settings import read_setting
from newscrawl.spiders.incremental import IncrementalMiddleware
from newscrawl.spiders.news import STORY

logger = logging.getLogger(__name__)

# scrapy-redis 0.9 calls Scrapy APIs that Scrapy 2.13+ deprecates (Spider.log, stats with
# spider=): one warning per call, on every worker's terminal. Nothing newscrawl can change.
warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")

TOKEN = "frontier_token"  # Request.meta: the request's token in the shared frontier


class Cluster:
    """A crawl's Redis: the client, the keys, the queues, this process's leases and failure."""

    def __init__(self, url: str, worker: str, lease: float, max_deliveries: int) -> None:
        self.url = url
        self.worker = worker
        self.client = redis.Redis.from_url(url, **CLIENT_OPTIONS)
        self.keys = Keys()
        self.requests = RequestQueue(self.client, self.keys.requests, lease=lease,
                                     max_deliveries=max_deliveries)
        self.items = ItemQueue(self.client, self.keys.items, self.keys.items_taken)
        # WARC files to ingest (``ingest --redis``): taken with a lease, as requests are.
        self.files = RequestQueue(self.client, self.keys.files, lease=lease, max_deliveries=max_deliveries)
        self.held: set[str] = set()  # tokens of requests this worker took and has not acknowledged
        self.failure: str | None = None
        self.stats: Any = None  # the crawler's, where the run's failure is read

    def lost(self, error: BaseException) -> None:
        """Redis went away: remember it (once) as the run's failure."""
        if self.failure is None:
            self.failure = f"lost the connection to Redis at {describe(self.url)}: {error}"
            logger.error("%s", self.failure, extra={"reported_at_end": True})
            if self.stats is not None:
                self.stats.set_value("newscrawl/failure", self.failure)


def cluster(crawler: Any) -> Cluster:
    """The crawl's :class:`Cluster` (made on first use from ``REDIS_URL`` and the settings)."""
    found = getattr(crawler, "newscrawl_cluster", None)
    if found is None:
        settings = crawler.settings
        found = Cluster(settings.get("REDIS_URL"), settings.get("NEWSCRAWL_WORKER_ID") or "coordinator",
                        read_setting(settings, "NEWSCRAWL_REDIS_LEASE"),
                        read_setting(settings, "NEWSCRAWL_REDIS_MAX_DELIVERIES"))
        crawler.newscrawl_cluster = found
        found.stats = crawler.stats
    return found


class FrontierQueue(Base):
    """scrapy-redis queue: requests taken with a lease (see :mod:`newscrawl.distributed.queues`)."""

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.cluster = cluster(spider.crawler)
        self.queue = self.cluster.requests

    def __len__(self) -> int:
        try:
            return self.queue.counts()[0]
        except redis.RedisError as exc:
            self.cluster.lost(exc)
            return 0

    def push(self, request: Request) -> None:
        try:
            self.queue.push(self._encode_request(request), request.priority)
        except redis.RedisError as exc:
            self.cluster.lost(exc)

    def pop(self, timeout: int = 0) -> Request | None:
        if self.cluster.failure is not None:
            return None
        try:
            taken = self.queue.take()
        except redis.RedisError as exc:
            self.cluster.lost(exc)
            return None
        if taken is None:
            return None
        token, data = taken
        request = self._decode_request(data)
        request.meta[TOKEN] = token
        self.cluster.held.add(token)
        return request

    def clear(self) -> None:
        """Never: the frontier outlives any one worker (the coordinator clears it at the end)."""


class WorkerScheduler(Scheduler):
    """scrapy-redis' scheduler on a worker. A request that comes back to the scheduler (a retry,
    a redirect made by a middleware) carries the token of the request it replaces: that one
    is acknowledged, as the new request now holds the work.

    The request for a later page of a story split over pages (it carries the story's first
    page, ``meta[STORY]``) stays on this worker, in a queue of its own taken before the shared
    frontier: the story is fetched and joined by the process that fetched its first page, as
    on one machine, and nothing of the page travels through Redis. The first page's own
    request stays in flight meanwhile (its lease renewed, acknowledged when the first page is
    pushed), so a worker killed mid-story leaves the whole story to be fetched again by
    another. Politeness holds: the site lease and robots.txt are downloader middlewares."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.stories: deque[Request] = deque()

    def __len__(self) -> int:
        return len(self.stories) + super().__len__()

    def next_request(self) -> Request | None:
        if self.stories:
            return self.stories.popleft()
        return super().next_request()

    def enqueue_request(self, request: Request) -> bool:
        if request.meta.get(STORY) is not None:
            self.stories.append(request)
            if self.stats is not None:
                self.stats.inc_value("newscrawl/cluster/story_pages_kept")
            return True
        token = request.meta.pop(TOKEN, None)
        try:
            return super().enqueue_request(request)
        except redis.RedisError as exc:
            cluster(self.spider.crawler).lost(exc)
            return False
        finally:
            if token is not None:
                this = cluster(self.spider.crawler)
                this.held.discard(token)
                try:
                    this.requests.ack(token)
                except redis.RedisError as exc:
                    this.lost(exc)


class SeedingScheduler(Scheduler):
    """The coordinator's scheduler: what its spider yields goes to the shared frontier (through
    the shared dupefilter); it hands nothing to its own downloader."""

    def enqueue_request(self, request: Request) -> bool:
        try:
            return super().enqueue_request(request)
        except redis.RedisError as exc:
            cluster(self.spider.crawler).lost(exc)
            return False

    def next_request(self) -> Request | None:
        return None

    def has_pending_requests(self) -> bool:
        return False


class ClusterIncrementalMiddleware(IncrementalMiddleware):
    """:class:`IncrementalMiddleware` on a worker: the store's answers come from Redis."""

    def already_ingested(self, url: str, warc_file: str, warc_offset: int) -> bool:
        """Not known to workers: the writer recognises a record stored already by its delivery id."""
        return False

    @property
    def store(self) -> Any:
        found = getattr(self, "_known", None)
        if found is None:
            this = cluster(self.crawler)
            found = self._known = KnownPages(this.client, this.keys)
        return found
