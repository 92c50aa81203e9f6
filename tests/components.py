"""Scrapy components built for a test: no server, no reactor, no subprocess.

As Scrapy tests its own middlewares (``tests/test_downloadermiddleware_retry.py``): a
throwaway crawler with the project's settings (:func:`scrapy.utils.test.get_crawler`), the
component built from it (:func:`scrapy.utils.misc.build_from_crawler`), and handmade requests
and responses fed to it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, TypeVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.core.downloader import Slot
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

import newscrawl.settings
from newscrawl.config import Outlet, Topic, load_topic

T = TypeVar("T")

# Words enough for an article (NEWSCRAWL_MIN_WORDS is 50), on the default topic's terms.
PARAGRAPH = (
    "<p>Immigration and Customs Enforcement officers detained workers, and tech employees "
    "signed an open letter asking their companies to end ICE contracts, the report said.</p>"
)


def project_settings(**overrides: Any) -> dict[str, Any]:
    """newscrawl's Scrapy settings (``newscrawl/settings.py``) with ``overrides`` on top."""
    module = {name: getattr(newscrawl.settings, name) for name in dir(newscrawl.settings) if name.isupper()}
    return {**module, **overrides}


def outlet(slug: str = "ledger", **fields: Any) -> Outlet:
    """An outlet on ``https://SLUG.test/``."""
    values = {"name": slug.title(), "homepage": f"https://{slug}.test/", "domain": f"{slug}.test", **fields}
    return Outlet(slug=slug, **values)


def topic(path: Path, query: str = 'ICE AND "open letter"', **fields: str) -> Topic:
    """A topic file written at ``path`` and loaded; ``fields`` are more keys, as TOML values."""
    lines = ["[topic]", 'slug = "test-topic"', 'name = "Test topic"', f"query = '{query}'"]
    lines += [f"{key} = {value}" for key, value in fields.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_topic(path)


def crawler_with_spider(
    spidercls: type[Spider], tmp_path: Path, outlets: list[Outlet] | None = None, *,
    settings: dict[str, Any] | None = None, **spider_args: Any,
) -> Crawler:
    """A crawler of ``spidercls`` over ``outlets`` and a database in ``tmp_path``, its spider made.

    The spider is built as Scrapy builds it (``from_crawler``) and set on the crawler, where
    the pipelines look for it. Close it with :func:`close`.
    """
    outlets = outlets or [outlet()]
    database = str(tmp_path / "news.db")
    crawler = get_crawler(spidercls, project_settings(NEWSCRAWL_DB=database, **(settings or {})))
    spider_args.setdefault("topic", topic(tmp_path / "topic.toml"))
    crawler.spider = spidercls.from_crawler(crawler, sources={o.slug: o for o in outlets}, **spider_args)
    return crawler


def close(crawler: Crawler) -> None:
    """Close the crawl's store, if a component opened one."""
    store = getattr(crawler, "newscrawl_store", None)
    if store is not None:
        store.close()
        crawler.newscrawl_store = None


class Downloader:
    """What the politeness middlewares use of Scrapy's downloader: slot keys and slots.

    Scrapy's own :class:`~scrapy.core.downloader.Downloader` needs a running event loop; its
    slots (:class:`~scrapy.core.downloader.Slot`) do not, and these are real ones.
    """

    def __init__(self) -> None:
        self.slots: dict[str, Slot] = {}
        self.per_slot_settings: dict[str, dict[str, Any]] = {}  # DOWNLOAD_SLOTS

    def get_slot_key(self, request: Request) -> str:
        return request.meta.get("download_slot") or urlsplit(request.url).hostname or ""

    def open_slot(self, url: str, delay: float = 0.5) -> Slot:
        """The slot of ``url``'s site, as the downloader makes it on the site's first request."""
        slot = self.slots[self.get_slot_key(Request(url))] = Slot(concurrency=2, delay=delay, jitter=0.5)
        return slot


def with_engine(crawler: Crawler, spider_middlewares: Iterable[Any] = ()) -> Any:
    """Give ``crawler`` a stand-in engine: a :class:`Downloader` and these spider middlewares.

    The crawl's components find one another through it: ``crawler.engine.downloader``
    and ``crawler.get_spider_middleware()``.
    """
    spidermw = SimpleNamespace(middlewares=list(spider_middlewares))
    engine = SimpleNamespace(downloader=Downloader(), scraper=SimpleNamespace(spidermw=spidermw))
    crawler.engine = engine  # type: ignore[assignment]
    return engine


def with_downloader(crawler: Crawler) -> Downloader:
    """Give ``crawler`` an engine whose downloader is a :class:`Downloader`; return it."""
    return with_engine(crawler).downloader


def response(
    url: str, body: str | bytes = b"", *, status: int = 200, headers: dict[str, str] | None = None,
    meta: dict[str, Any] | None = None, request_headers: dict[str, str] | None = None,
    cls: type[Response] = HtmlResponse,
) -> Response:
    """A response to a request for ``url`` carrying ``meta`` (what the spider set on the request)."""
    request = Request(url, meta=meta or {}, headers=request_headers)
    if isinstance(body, str):
        body = body.encode("utf-8")
    return cls(url, status=status, headers=headers, body=body, request=request)


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """Await an ``async def`` component method (no reactor: these stages only need asyncio)."""
    return asyncio.run(coroutine)
