"""The crawl's pending requests wait on disk (newscrawl/crawl/diskqueue.py), in a folder of the
run's own beside the database, removed when the crawl closes; a killed crawl's folder is
removed by the next run, which resumes from the database as before."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest
from components import project_settings
from scrapy import Request, Spider
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler
from smallweb import article_count, crawl_command, write_daily_web

from newscrawl.crawl.diskqueue import DiskQueueScheduler, queue_folder, remove_stale_queues
from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.items import DateHint

ROOT = Path(__file__).resolve().parent.parent


class _Spider(Spider):
    name = "news"

    def parse_page(self, response: object) -> None:  # pragma: no cover - never called here
        pass

    def on_error(self, failure: object) -> None:  # pragma: no cover
        pass


def _scheduler(db: Path, **settings: object) -> tuple[DiskQueueScheduler, Spider]:
    # Scrapy's default priority queue asks the engine's downloader for its slots: this one does
    # not (there is no engine here); the disk queues under it are the same.
    crawler = get_crawler(_Spider, project_settings(
        NEWSCRAWL_DB=str(db), SCHEDULER_PRIORITY_QUEUE="scrapy.pqueues.ScrapyPriorityQueue", **settings))
    spider = _Spider.from_crawler(crawler)
    crawler.spider = spider
    scheduler = build_from_crawler(DiskQueueScheduler, crawler)
    scheduler.open(spider)
    return scheduler, spider


def test_it_is_the_crawls_scheduler() -> None:
    assert project_settings()["SCHEDULER"] == "newscrawl.crawl.diskqueue.DiskQueueScheduler"
    assert project_settings()["SCHEDULER_DISK_QUEUE"] == "newscrawl.crawl.diskqueue.LifoDiskQueue"


def test_requests_wait_on_disk_and_come_back_whole(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    scheduler, spider = _scheduler(db)
    folder = queue_folder(db)
    assert folder.is_dir()
    hints = [DateHint("2026-01-27", "sitemap", "published")]
    for i in range(3):
        scheduler.enqueue_request(Request(
            f"https://ledger.test/story-{i}.html", callback=spider.parse_page, errback=spider.on_error,
            meta={"outlet": "ledger", "via": "sitemap", "date_hints": hints, "skip_if_fetched": True}))
    stats = spider.crawler.stats
    assert stats.get_value("scheduler/enqueued/disk") == 3
    assert not stats.get_value("scheduler/enqueued/memory")
    assert [f for f in folder.rglob("*") if f.is_file()], "the queue's files are in its folder"
    request = scheduler.next_request()
    assert request.url == "https://ledger.test/story-2.html"  # last in, first out, as in memory
    assert request.callback == spider.parse_page and request.errback == spider.on_error
    assert request.meta["date_hints"] == hints and request.meta["outlet"] == "ledger"
    scheduler.close("finished")
    assert not folder.exists()


def test_the_queue_writes_what_scrapys_queue_writes_naming_callbacks_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrapy.http import FormRequest

    from newscrawl.crawl import diskqueue

    scheduler, spider = _scheduler(tmp_path / "news.db")
    requests = [
        Request("https://ledger.test/a.html", callback=spider.parse_page, errback=spider.on_error,
                meta={"outlet": "ledger", "date_hints": [DateHint("2026-01-27", "sitemap", "published")]},
                headers={"If-None-Match": '"x"'}, priority=3, dont_filter=True, cb_kwargs={"k": 1}),
        Request("https://ledger.test/b.html", callback=spider.parse_page),
        Request("https://ledger.test/c.html"),
        FormRequest("https://ledger.test/d.html", formdata={"q": "1"}, callback=spider.parse_page),
    ]
    looked_up = []
    real = diskqueue._request_dict

    def watched(request: Request, spider: Spider) -> dict | None:
        looked_up.append(real(request, spider))
        return looked_up[-1]

    monkeypatch.setattr(diskqueue, "_request_dict", watched)
    for request in requests:
        scheduler.enqueue_request(request)
    assert looked_up[0] is None, "the first request is named by Scrapy's own walk over the spider"
    assert all(named is not None for named in looked_up[1:]), "later ones from the cache"
    for request in requests:
        assert real(request, spider) == request.to_dict(spider=spider)  # the same records
    assert spider.crawler.stats.get_value("scheduler/enqueued/disk") == len(requests)
    back = {r.url: r for r in (scheduler.next_request() for _ in requests)}
    assert back.keys() == {r.url for r in requests}
    posted = back["https://ledger.test/d.html"]
    assert posted.method == "POST" and type(posted) is FormRequest
    first = back["https://ledger.test/a.html"]
    assert first.callback == spider.parse_page and first.errback == spider.on_error
    assert first.cb_kwargs == {"k": 1} and first.priority == 3 and first.headers["If-None-Match"] == b'"x"'
    scheduler.close("finished")


def test_a_method_of_another_object_is_refused_as_scrapy_refuses_it(tmp_path: Path) -> None:
    from newscrawl.crawl.diskqueue import LifoDiskQueue

    scheduler, spider = _scheduler(tmp_path / "news.db")
    queue = LifoDiskQueue(spider.crawler, str(tmp_path / "q"))
    queue.push(Request("https://ledger.test/a.html", callback=spider.parse_page))
    with pytest.raises(ValueError, match="not an instance method"):  # the scheduler keeps it in memory
        queue.push(Request("https://ledger.test/b.html", callback=FixtureWeb(tmp_path).start))
    assert queue.pop().callback == spider.parse_page and queue.pop() is None
    queue.close()
    scheduler.close("finished")


def test_a_jobdir_keeps_scrapys_behaviour(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    scheduler, _ = _scheduler(db, JOBDIR=str(tmp_path / "job"))
    assert scheduler.own_folder is None and not queue_folder(db).exists()
    assert Path(scheduler.dqdir) == tmp_path / "job" / "requests.queue"
    scheduler.close("finished")
    assert (tmp_path / "job" / "requests.queue").is_dir(), "Scrapy keeps it, to resume"


def test_stale_queues_of_dead_runs_are_removed(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    dead = subprocess.Popen(["true"])
    dead.wait()
    stale, live = queue_folder(db, dead.pid), queue_folder(db, os.getppid())
    other = tmp_path / "other.db.queue-1"
    for folder in (stale, live, other):
        (folder / "p0").mkdir(parents=True)
    assert remove_stale_queues(db) == [stale]
    assert not stale.exists() and live.exists() and other.exists()



@pytest.mark.slow
def test_a_killed_crawls_queue_is_removed_by_the_next_run(tmp_path: Path) -> None:
    pages = 30
    write_daily_web(tmp_path / "web", pages)
    db = tmp_path / "news.db"
    topic = tmp_path / "topic.toml"
    topic.write_text('[topic]\nslug = "t"\nname = "T"\nquery = "=ICE AND detention"\n')
    with FixtureWeb(tmp_path / "web").start() as web:
        command = crawl_command(web.sources_path, db, "--topic", str(topic), settings=(
            "DOWNLOAD_DELAY=0.15", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS_PER_DOMAIN=1"))
        crawl = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        folder = queue_folder(db, crawl.pid)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and crawl.poll() is None and not (
                folder.is_dir() and article_count(db) >= 3):
            time.sleep(0.05)
        assert crawl.poll() is None, "the crawl ended before it was killed"
        os.killpg(crawl.pid, signal.SIGKILL)
        crawl.wait()
        assert folder.is_dir(), "a killed run leaves its queue"
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
    assert not folder.exists()
    assert not list(tmp_path.glob("news.db.queue-*")), "the second run removed its own too"
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(DISTINCT url) FROM articles").fetchone()[0] == pages


@pytest.mark.parametrize("url", [
    "https://ledger.test/2026/01/27/story.html",
    "https://ledger.test/naïve café/ü.html?q=a b&x=ü#frag",
    "https://bücher.example/path/%7Euser/ä?x=%20y",
    "https://ledger.test/a%2Fb/../c?%ZZ=1",
])
def test_a_request_comes_back_as_scrapys_own_queue_gives_it_back(tmp_path: Path, url: str) -> None:
    """Popped without its URL made safe a second time: the same request as Scrapy's
    ``request_from_dict`` makes of the same record (w3lib leaves a safe URL as it is)."""
    from scrapy.utils.request import request_from_dict

    from newscrawl.crawl.diskqueue import LifoDiskQueue

    scheduler, spider = _scheduler(tmp_path / "news.db")
    queue = LifoDiskQueue(spider.crawler, str(tmp_path / "q"))
    hints = [DateHint("2026-01-27", "sitemap", "published")]
    for meta in ({"outlet": "ledger", "date_hints": hints}, {}, {"verbatim_url": True, "outlet": "ledger"}):
        request = Request(url, callback=spider.parse_page, errback=spider.on_error, meta=meta,
                          headers={"If-None-Match": '"x"'}, priority=2)
        queue.push(request)
        back = queue.pop()
        scrapys = request_from_dict(request.to_dict(spider=spider), spider=spider)
        assert back.to_dict(spider=spider) == scrapys.to_dict(spider=spider)
        assert back.url == scrapys.url == request.url
        assert back.meta == meta  # no key of the queue's own left behind
    assert queue.pop() is None
    queue.close()
    scheduler.close("finished")
