"""Running a distributed crawl: the coordinator's preparation and end, and a worker's run.

The coordinator (``newscrawl crawl --redis URL``) claims the Redis database for its crawl,
publishes the configuration and what the store knows, then runs
:class:`~newscrawl.spiders.cluster.WriterSpider` as an ordinary crawl of its database (the
lock, the run row, the summary); at the end it clears the crawl's keys, leaving only the
``done`` state for the workers to see. A crawl that did not end (killed, Redis lost) keeps
its keys: the same command resumes it. A worker (``newscrawl worker --redis URL``) waits for
a coordinator, takes its configuration and runs :class:`~newscrawl.spiders.cluster.WorkerSpider`
until the crawl is over. See docs/distributed.md.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import redis

from newscrawl.config import Outlet, Topic
from newscrawl.crawl.runner import CrawlRequest, run_spider
from newscrawl.crawl.status import FAILED, FINISHED, INTERRUPTED
from newscrawl.distributed.handshake import (
    CLIENT_OPTIONS,
    DONE,
    ClusterError,
    claim,
    clear,
    connect,
    describe,
    phase,
    refuse_other_crawls,
    wait_for_crawl,
)
from newscrawl.distributed.keys import Keys
from newscrawl.distributed.known import publish_known
from newscrawl.settings import ITEM_PIPELINES, SPIDER_MIDDLEWARES

# Settings a worker never takes from the coordinator (they are about the coordinator's machine).
LOCAL_SETTINGS = ("NEWSCRAWL_DB", "NEWSCRAWL_LOCK_HELD", "NEWSCRAWL_EXTRACT_WORKERS", "NEWSCRAWL_WARC_DIR",
                  "LOG_FILE", "NEWSCRAWL_COMMAND")


def redis_settings(url: str) -> dict[str, Any]:
    """scrapy-redis' settings for the crawl's keys, shared by both roles."""
    keys = Keys()
    return {
        "REDIS_URL": url,
        "REDIS_PARAMS": dict(CLIENT_OPTIONS),
        "SCHEDULER_QUEUE_CLASS": "newscrawl.spiders.frontier.FrontierQueue",
        "SCHEDULER_QUEUE_KEY": keys.requests,
        "SCHEDULER_DUPEFILTER_KEY": keys.dupefilter,
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,
    }


def coordinator_settings(url: str) -> dict[str, Any]:
    """The coordinator seeds (pushes, never downloads) and runs the whole-corpus stages."""
    return {
        **redis_settings(url),
        "SCHEDULER": "newscrawl.spiders.frontier.SeedingScheduler",
        "ITEM_PIPELINES": {
            "newscrawl.pipelines.cluster.SkipDeliveredPipeline": 390,
            "newscrawl.pipelines.dedup.DedupPipeline": 400,
            "newscrawl.pipelines.cluster.DeliveredStorePipeline": 500,
        },
    }


def worker_settings(url: str, worker: str, warc_dir: Path, coordinator: dict[str, Any]) -> dict[str, Any]:
    """The coordinator's settings, with the worker's own: fetch, archive, extract, judge, push."""
    from newscrawl import settings as defaults

    settings = {k: v for k, v in coordinator.items() if k not in LOCAL_SETTINGS}
    # Sites are paced for the whole cluster by SiteLeaseMiddleware, at the coordinator's
    # DOWNLOAD_DELAY (or Crawl-delay); a worker's own download slots add no delay of their own,
    # which would hold a request after its lease was granted and bunch requests up.
    delay = float(coordinator.get("DOWNLOAD_DELAY", defaults.DOWNLOAD_DELAY))
    downloader_mw = {k: v for k, v in defaults.DOWNLOADER_MIDDLEWARES.items()
                     if not k.endswith("CrawlDelayMiddleware")}
    whole_corpus = ("DedupPipeline", "StorePipeline")  # the writer's
    pipelines = {k: v for k, v in ITEM_PIPELINES.items() if not k.endswith(whole_corpus)}
    pipelines["newscrawl.pipelines.cluster.PushPagePipeline"] = 900
    if str(coordinator.get("NEWSCRAWL_WARC", True)).lower() in ("false", "0", "no"):  # an ingest
        pipelines.pop("newscrawl.pipelines.warc.WarcPipeline", None)
    spider_mw = {k: v for k, v in SPIDER_MIDDLEWARES.items() if not k.endswith("IncrementalMiddleware")}
    spider_mw["newscrawl.spiders.frontier.ClusterIncrementalMiddleware"] = 950
    settings.update({
        **redis_settings(url),
        "SCHEDULER": "newscrawl.spiders.frontier.WorkerScheduler",
        "ITEM_PIPELINES": pipelines,
        "SPIDER_MIDDLEWARES": spider_mw,
        # Last before the download: every other middleware has let the request through.
        "DOWNLOADER_MIDDLEWARES": {**downloader_mw, "newscrawl.spiders.sitelease.SiteLeaseMiddleware": 950},
        "NEWSCRAWL_CLUSTER_DELAY": delay,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,  # CrawlDelayThrottle, too, is off then
        "NEWSCRAWL_WORKER_ID": worker,
        "NEWSCRAWL_WARC_DIR": str(warc_dir),
        "NEWSCRAWL_WARC_PREFIX": f"newscrawl-{worker}",
    })
    return settings


def crawl_identity(db: Path, outlets: dict[str, Outlet], topic: Topic, since: date | None,
                   files: list[str] | None, any_outlet: bool = False) -> dict[str, Any]:
    """What makes two coordinator runs the same crawl (the second resumes the first)."""
    return {"db": str(db.resolve()), "topic": topic.slug, "outlets": sorted(outlets),
            "since": since.isoformat() if since else None, "files": files, "any_outlet": any_outlet}


def check_coordinator(url: str, identity: dict[str, Any]) -> None:
    """Redis is reachable and free for this crawl (reads only: nothing is written yet)."""
    client = connect(url)
    try:
        refuse_other_crawls(client, Keys(), identity)
    except redis.RedisError as exc:
        raise ClusterError(f"Redis at {describe(url)} failed: {exc}") from None


def prepare_coordinator(url: str, db: Path, outlets: dict[str, Outlet], topic: Topic,
                        since: date | None, settings: dict[str, Any], files: list[str] | None = None,
                        any_outlet: bool = False) -> bool:
    """Claim Redis for this crawl (or, with ``files``, this ingest; of every site's pages with
    ``any_outlet``) and publish what the workers need; True when it resumes one."""
    from newscrawl.store import Store, StoreError

    client = connect(url)
    keys = Keys()
    identity = crawl_identity(db, outlets, topic, since, files, any_outlet)
    config = {"outlets": outlets, "topic": topic, "since": since, "settings": settings,
              "mode": "ingest" if files else "crawl", "any_outlet": any_outlet}
    store = None
    if db.exists():  # an unusable database is refused before Redis is claimed
        try:
            store = Store.open(db, readonly=True)
        except StoreError as exc:
            raise ClusterError(str(exc)) from None
    try:
        resumed = claim(client, keys, identity, config)
        if store is not None:
            publish_known(client, keys, store, outlets)
    except redis.RedisError as exc:
        raise ClusterError(f"Redis at {describe(url)} failed: {exc}") from None
    finally:
        if store is not None:
            store.close()
    return resumed


def finish_coordinator(url: str, status: str) -> None:
    """A finished crawl leaves only its ``done`` state (for the workers, for ten minutes)."""
    if status != FINISHED:
        return
    try:
        client = redis.Redis.from_url(url, **CLIENT_OPTIONS)
        keys = Keys()
        if phase(client, keys) != DONE:
            return
        state = client.hgetall(keys.state)
        clear(client, keys)
        client.hset(keys.state, mapping=state)
        client.expire(keys.state, 600)
    except redis.RedisError:
        pass  # the next coordinator clears what is left


def default_worker_id() -> str:
    return f"{socket.gethostname()}-{os.getpid()}".replace(":", "-").replace("/", "-")


@dataclass
class WorkerOutcome:
    """How a worker's run ended."""

    status: str
    failure: str | None = None
    pages: int = 0

    @property
    def exit_code(self) -> int:
        from newscrawl.crawl.status import EXIT_CODES

        return EXIT_CODES[self.status]


def run_worker(url: str, *, warc_dir: Path, worker: str | None, wait: float | None,
               extract_workers: int | None, log_file: Path | None, verbose: bool,
               progress: bool) -> WorkerOutcome | None:
    """Wait for a crawl (None after ``wait`` seconds without one), work on it until it is over."""
    client = connect(url)
    keys = Keys()
    try:
        config = wait_for_crawl(client, keys, wait)
    except redis.RedisError as exc:
        raise ClusterError(f"Redis at {describe(url)} failed: {exc}") from None
    if config is None:
        return None
    worker = worker or default_worker_id()
    settings = worker_settings(url, worker, warc_dir, config["settings"])
    if extract_workers:
        settings["NEWSCRAWL_EXTRACT_WORKERS"] = extract_workers
    from newscrawl.config import parse_since

    request = CrawlRequest(
        outlets=config["outlets"], topic=config["topic"], db=warc_dir / "worker.db",
        since=parse_since(config["since"]), command=f"newscrawl worker {worker}", progress=progress,
        log_level="INFO" if verbose else "WARNING", log_file=log_file, verbose=verbose,
        settings=settings, spider="warc-worker" if config.get("mode") == "ingest" else "news-worker",
        spider_args={"any_outlet": True} if config.get("any_outlet") else {},
    )
    crawler = run_spider(request)
    this = getattr(crawler, "newscrawl_cluster", None)
    pages = int(crawler.stats.get_value("newscrawl/cluster/pushed", 0))
    failure = this.failure if this is not None else None
    if failure is not None:
        return WorkerOutcome(FAILED, failure, pages)
    reason = crawler.stats.get_value("finish_reason")
    if crawler.stats.get_value("newscrawl/signal") or reason == "shutdown":
        return WorkerOutcome(INTERRUPTED, None, pages)
    if reason != "finished":
        return WorkerOutcome(FAILED, f"the worker stopped early ({reason}); see the log", pages)
    return WorkerOutcome(FINISHED, None, pages)
