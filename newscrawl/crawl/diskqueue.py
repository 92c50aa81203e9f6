"""The crawl's pending requests on disk, so its memory stays flat in the number of pages.

A sitemap lists every article at once: with Scrapy's memory queue each pending request (URL,
meta, date hints, headers) lives in the crawl's process until it is fetched, about 3.5 kB
each (50,000 pages: ~170 MB). :class:`DiskQueueScheduler` is Scrapy's own scheduler with its
disk queues (``SCHEDULER_DISK_QUEUE``, pickled, last in first out like the memory queue) in a
folder of this run's own beside the database, ``<db>.queue-<pid>``, removed when the crawl
closes; a run killed before it could remove it leaves it, and the next run removes it.

It is not ``JOBDIR``: a crawl resumes from the database (the pages it has are skipped; the
sitemaps are read again), not from the queue, so nothing else changes. With ``-s JOBDIR=...``
Scrapy's own behaviour applies (its queue and seen requests kept there, resumed from there).
"""

from __future__ import annotations

import os
import re
import shutil
import weakref
from pathlib import Path
from typing import Any

from scrapy import Request
from scrapy.core.scheduler import Scheduler
from scrapy.squeues import PickleLifoDiskQueue
from scrapy.utils.request import request_from_dict

from newscrawl.settings import read_setting


def queue_folder(db: str | Path, pid: int | None = None) -> Path:
    """The folder of a run's disk queue: ``<db>.queue-<pid>``."""
    return Path(f"{db}.queue-{os.getpid() if pid is None else pid}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def remove_stale_queues(db: str | Path) -> list[Path]:
    """Remove the queue folders that runs no longer alive left beside ``db``; return them."""
    db = Path(db)
    pattern = re.compile(re.escape(db.name) + r"\.queue-(\d+)")
    removed = []
    for folder in db.parent.glob(f"{db.name}.queue-*"):
        match = pattern.fullmatch(folder.name)
        if match and folder.is_dir() and int(match[1]) != os.getpid() and not _alive(int(match[1])):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class DiskQueueScheduler(Scheduler):
    """Scrapy's scheduler with its pending requests on disk, in a folder of the run's own."""

    own_folder: Path | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> DiskQueueScheduler:
        scheduler = super().from_crawler(crawler)
        if scheduler.dqdir is None:  # no JOBDIR
            db = read_setting(crawler.settings, "NEWSCRAWL_DB")
            remove_stale_queues(db)
            folder = queue_folder(db)
            shutil.rmtree(folder, ignore_errors=True)
            scheduler.own_folder = folder
            scheduler.dqdir = scheduler._dqdir(str(folder))
        return scheduler

    def close(self, reason: str) -> Any:
        try:
            return super().close(reason)
        finally:
            if self.own_folder is not None:
                shutil.rmtree(self.own_folder, ignore_errors=True)


# Scrapy's request meta key for "take the URL as given" (Request._set_url skips safe_url_string)
VERBATIM = "verbatim_url"

# spider -> {a method's function: its name on the spider}
_method_names: weakref.WeakKeyDictionary[Any, dict[Any, str]] = weakref.WeakKeyDictionary()


class LifoDiskQueue(PickleLifoDiskQueue):
    """Scrapy's pickled last-in-first-out disk queue (``SCHEDULER_DISK_QUEUE``), writing the
    same records, with each request's callback and errback named from a cache.

    Scrapy names them (``Request.to_dict``) by walking every member of the spider
    (``inspect.getmembers``) for every request it writes: about 50 µs a request on the news
    spider, in the crawl's busiest thread. Here that walk happens once per method.

    On the way out, the request is made from its record as Scrapy makes it
    (``request_from_dict``), without passing its URL through ``safe_url_string`` a second
    time: the URL was made safe when the request was first built, and w3lib returns a safe URL
    unmodified (about 15 µs a request).
    """

    def push(self, request: Request) -> None:
        named = _request_dict(request, self.spider)
        if named is None:  # a callback not yet named (or not the spider's): Scrapy's own way
            named = request.to_dict(spider=self.spider)
            _remember(self.spider, request, named)
        super(PickleLifoDiskQueue, self).push(named)

    def pop(self) -> Request | None:
        named = super(PickleLifoDiskQueue, self).pop()
        if not named:
            return None
        return _request_from_dict(named, self.spider)


def _remember(spider: Any, request: Request, named: dict[str, Any]) -> None:
    names = _method_names.setdefault(spider, {})
    for key in ("callback", "errback"):
        method = getattr(request, key)
        if getattr(method, "__self__", None) is spider:
            names[method.__func__] = named[key]


def _request_dict(request: Request, spider: Any) -> dict[str, Any] | None:
    """``request.to_dict(spider=spider)`` with the method names from the cache; None when a
    callback or errback is a method not named yet, or not one of the spider's."""
    names = _method_names.get(spider, {})
    found = []
    for method in (request.callback, request.errback):
        if not callable(method):
            found.append(method)
            continue
        if getattr(method, "__self__", None) is not spider or method.__func__ not in names:
            return None
        found.append(names[method.__func__])
    named = {"url": request.url, "callback": found[0], "errback": found[1], "headers": dict(request.headers)}
    for attr in request.attributes:
        named.setdefault(attr, getattr(request, attr))
    if type(request) is not Request:
        named["_class"] = request.__module__ + "." + request.__class__.__name__
    return named


def _request_from_dict(named: dict[str, Any], spider: Any) -> Request:
    """Scrapy's ``request_from_dict(named, spider=spider)``, the URL taken as it was written
    (already made safe). Other request classes, and a request that sets ``verbatim_url``
    itself, are made Scrapy's own way."""
    meta = named.get("meta")
    if "_class" in named or (meta and VERBATIM in meta):
        return request_from_dict(named, spider=spider)
    request = request_from_dict({**named, "meta": {**(meta or {}), VERBATIM: True}}, spider=spider)
    del request.meta[VERBATIM]
    return request
