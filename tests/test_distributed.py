"""Distributed crawls on a real redis-server: the queues, the handshake, bad input, and whole
crawls by a coordinator and several worker processes (docs/distributed.md).

redis-server (Debian's package; ``.ci/run`` installs it) runs on a free port in a temporary
folder, without persistence, one per test. The crawls run the real CLI in subprocesses.
"""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from archives import ANY_OUTLET_SOURCES, any_outlet_responses, write_warc
from redisserver import REDIS_SERVER, RedisServer, coordinator, finished, workers
from smallweb import ROOT, assert_user_error, run, write_daily_web

from newscrawl import __version__
from newscrawl.config import load_sources
from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.distributed.handshake import DONE, ClusterError, claim, connect, read_config, set_phase
from newscrawl.distributed.keys import Keys
from newscrawl.distributed.leases import SiteLeases
from newscrawl.distributed.queues import ItemQueue, RequestQueue
from newscrawl.store import Store

pytestmark = pytest.mark.skipif(not Path(REDIS_SERVER).exists(), reason="redis-server is not installed")

NEWSCRAWL = (sys.executable, "-m", "newscrawl.cli")


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def client(redis_server: RedisServer) -> redis.Redis:
    return redis.Redis.from_url(redis_server.url)


# -- the plain parts ----------------------------------------------------------------------------


def test_a_request_is_taken_once_and_comes_back_when_its_lease_runs_out(client: redis.Redis) -> None:
    queue = RequestQueue(client, "t:requests", lease=0.3)
    first = queue.push(b"low", priority=0)
    queue.push(b"high", priority=10)
    assert queue.take()[1] == b"high"  # priority first
    token, data = queue.take()
    assert (token, data) == (first, b"low")
    assert queue.take() is None
    assert queue.counts() == (0, 2)
    time.sleep(0.4)  # both leases ran out: a dead worker's requests are taken again
    assert {queue.take()[1], queue.take()[1]} == {b"high", b"low"}


def test_an_extended_lease_holds_and_an_acknowledged_request_is_gone(client: redis.Redis) -> None:
    queue = RequestQueue(client, "t:requests", lease=0.3)
    queue.push(b"page")
    token, _ = queue.take()
    for _ in range(3):
        time.sleep(0.15)
        queue.extend([token])
    assert queue.take() is None
    queue.ack(token)
    time.sleep(0.4)
    assert queue.take() is None
    assert queue.counts() == (0, 0)


def test_a_worker_stopping_cleanly_gives_its_requests_back_at_once(client: redis.Redis) -> None:
    queue = RequestQueue(client, "t:requests", lease=60)
    queue.push(b"a")
    queue.push(b"b")
    held = [queue.take()[0], queue.take()[0]]
    queue.release(held)
    assert queue.counts() == (2, 0)
    assert {queue.take()[1], queue.take()[1]} == {b"a", b"b"}


def test_a_request_that_never_completes_is_dropped_after_max_deliveries(client: redis.Redis) -> None:
    queue = RequestQueue(client, "t:requests", lease=0.05, max_deliveries=2)
    queue.push(b"poison")
    assert queue.take() is not None
    time.sleep(0.1)
    assert queue.take() is not None
    time.sleep(0.1)
    assert queue.take() is None
    assert queue.counts() == (0, 0)


def test_pages_taken_by_a_writer_that_died_are_taken_again(client: redis.Redis) -> None:
    items = ItemQueue(client, "t:items", "t:items:taken")
    pipe = client.pipeline()
    for n in range(3):
        items.push(f"page{n}".encode(), pipe)
    pipe.execute()
    assert items.take(2) == [b"page0", b"page1"]
    assert items.counts() == (1, 2)
    # the writer dies before acknowledging; the next one recovers, oldest first
    assert items.recover() == 2
    assert items.take(10) == [b"page0", b"page1", b"page2"]
    items.ack([b"page0", b"page1", b"page2"])
    assert items.counts() == (0, 0)


def test_a_site_lease_holds_the_delay_and_the_concurrency_for_every_worker(client: redis.Redis) -> None:
    leases = SiteLeases(client, Keys("t"), ttl=30)
    assert leases.acquire("site", "a", delay=0.2, concurrency=1) == 0
    assert leases.acquire("site", "b", delay=0.2, concurrency=1) > 0  # one at a time
    leases.release("site", "a")
    assert 0 < leases.acquire("site", "b", delay=0.2, concurrency=1) <= 0.2  # the delay
    time.sleep(0.21)
    assert leases.acquire("site", "b", delay=0.2, concurrency=1) == 0
    assert leases.acquire("other", "c", delay=0.2, concurrency=1) == 0  # per site


def test_a_429_holds_the_site_for_every_worker(client: redis.Redis) -> None:
    leases = SiteLeases(client, Keys("t"), ttl=30)
    leases.hold("site", 0.3)
    assert 0.2 < leases.acquire("site", "a", delay=0.0, concurrency=4) <= 0.3
    leases.hold("site", 0.01)  # a shorter hold never shortens a longer one
    assert leases.acquire("site", "a", delay=0.0, concurrency=4) > 0.1


def test_a_worker_keeps_a_storys_later_pages_in_its_own_queue_and_takes_them_first(
    redis_server: RedisServer,
) -> None:
    # the request of a story's later page carries its first page: it never goes to Redis
    import scrapy
    from scrapy.utils.test import get_crawler

    from newscrawl.crawl.cluster import redis_settings
    from newscrawl.spiders.frontier import WorkerScheduler, cluster
    from newscrawl.spiders.news import STORY

    crawler = get_crawler(scrapy.Spider, {**redis_settings(redis_server.url), "NEWSCRAWL_WORKER_ID": "w"})
    scheduler = WorkerScheduler.from_crawler(crawler)
    scheduler.open(scrapy.Spider.from_crawler(crawler, name="news-worker"))
    scheduler.enqueue_request(scrapy.Request("http://site.test/other"))
    later = scrapy.Request("http://site.test/story_2", meta={STORY: "page 1"}, dont_filter=True)
    scheduler.enqueue_request(later)
    frontier = cluster(crawler).requests
    assert frontier.counts() == (1, 0) and len(scheduler) == 2 and scheduler.has_pending_requests()
    assert [scheduler.next_request().url for _ in range(2)] == ["http://site.test/story_2", "http://site.test/other"]
    assert frontier.counts() == (0, 1) and scheduler.next_request() is None


def test_a_pushed_page_goes_without_its_body_and_keeps_it_for_its_storys_join(
    redis_server: RedisServer,
) -> None:
    import pickle
    from datetime import UTC, datetime

    import scrapy
    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from newscrawl.crawl.cluster import redis_settings
    from newscrawl.items import FetchedPage
    from newscrawl.pipelines.cluster import PushPagePipeline
    from newscrawl.spiders.frontier import cluster

    crawler = get_crawler(scrapy.Spider, {**redis_settings(redis_server.url), "NEWSCRAWL_WORKER_ID": "w"})
    now = datetime.now(UTC)
    later = FetchedPage("http://site.test/story_2", "site", "page 2 of http://site.test/story", now,
                        body=b"<p>page two</p>")
    first = FetchedPage("http://site.test/story", "site", "sitemap", now, body=b"<p>page one</p>",
                        story_pages=[later])
    pipeline = build_from_crawler(PushPagePipeline, crawler)
    for page in (later, first):
        assert pipeline.process_item(page) is page
    # the later page's body stays for the first page's extraction, which reads it after the push
    assert later.body == b"<p>page two</p>" and first.story_pages == [later]
    sent = [pickle.loads(data) for data in cluster(crawler).items.take(10)]
    assert [(p.url, p.body, p.story_pages) for p in sent] == [
        ("http://site.test/story_2", b"", []), ("http://site.test/story", b"", [])]


def test_a_database_of_schema_4_gains_the_delivered_pages_table(tmp_path: Path) -> None:
    import sqlite_utils

    from newscrawl.store import Store
    from newscrawl.store.schema import MIGRATIONS

    path = tmp_path / "v4.db"
    conn = sqlite3.connect(path)
    for version in (1, 2, 3, 4):
        MIGRATIONS[version](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    store = Store.open(path)
    try:
        assert not store.page_delivered("abc")
        with store.one_page():
            store.record_delivery("abc", None)
        store.flush()
        assert store.page_delivered("abc")
    finally:
        store.close()


def test_the_coordinator_refuses_another_crawls_keys_and_resumes_its_own(client: redis.Redis,
                                                                        redis_server: RedisServer) -> None:
    keys = Keys()
    mine = {"db": "/a/news.db", "topic": "t", "outlets": ["x"], "since": None}
    config = {"outlets": {}, "topic": None, "since": None, "settings": {}}
    assert claim(client, keys, mine, config) is False
    assert claim(client, keys, mine, config) is True  # the same crawl, unfinished: resumed
    with pytest.raises(ClusterError, match="another crawl"):
        claim(client, keys, {**mine, "db": "/b/news.db"}, config)
    set_phase(client, keys, DONE)
    assert claim(client, keys, {**mine, "db": "/b/news.db"}, config) is False  # a finished one is cleared


def test_foreign_newscrawl_keys_are_refused(client: redis.Redis) -> None:
    client.set("newscrawl:requests", "x")
    with pytest.raises(ClusterError, match="no known crawl"):
        claim(client, Keys(), {"db": "d"}, {})


def test_a_worker_refuses_a_coordinator_of_another_version(client: redis.Redis) -> None:
    client.hset(Keys().state, mapping={"crawl": "x", "version": "0.0.1", "phase": "running"})
    with pytest.raises(ClusterError, match=f"newscrawl 0.0.1, this worker {__version__}"):
        read_config(client, Keys())


def test_connect_names_an_unreachable_redis() -> None:
    with pytest.raises(ClusterError, match="not reachable"):
        connect(f"redis://127.0.0.1:{_closed_port()}/0")
    with pytest.raises(ClusterError, match="not a Redis URL"):
        connect("http://127.0.0.1:6379/0")


def _closed_port() -> int:
    from redisserver import free_port

    return free_port()


# -- bad input through the CLI: one Error line, exit 2, nothing written --------------------------


def test_crawl_with_an_unreachable_redis_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    code, output = run("crawl", "--no-progress", "--db", str(db), "--redis",
                       f"redis://127.0.0.1:{_closed_port()}/0")
    assert_user_error(code, output, "not reachable")
    assert not db.exists()
    code, output = run("crawl", "--no-progress", "--db", str(db), "--redis", "localhost:6379")
    assert_user_error(code, output, "not a Redis URL")
    assert not db.exists()


def test_crawl_into_a_redis_holding_another_crawl_writes_nothing(tmp_path: Path, client: redis.Redis,
                                                                 redis_server: RedisServer) -> None:
    client.hset(Keys().state, mapping={"crawl": "someone-else", "version": __version__,
                                       "phase": "running", "db": "/elsewhere/news.db"})
    db = tmp_path / "news.db"
    code, output = run("crawl", "--no-progress", "--db", str(db), "--redis", redis_server.url)
    assert_user_error(code, output, "another crawl", "/elsewhere/news.db")
    assert not db.exists()


def test_an_unusable_database_is_refused_before_redis_is_claimed(tmp_path: Path, client: redis.Redis,
                                                                redis_server: RedisServer) -> None:
    db = tmp_path / "other.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE notes (x)")
    conn.close()
    code, output = run("crawl", "--no-progress", "--db", str(db), "--redis", redis_server.url)
    assert_user_error(code, output, "not a newscrawl one")
    assert client.keys("*") == []


def test_a_database_another_crawl_is_writing_is_refused_before_redis_is_claimed(
    tmp_path: Path, client: redis.Redis, redis_server: RedisServer
) -> None:
    from newscrawl.crawl.lock import CrawlLock

    db = tmp_path / "news.db"
    lock = CrawlLock(db).acquire()
    try:
        code, output = run("crawl", "--no-progress", "--db", str(db), "--redis", redis_server.url)
    finally:
        lock.release()
    assert code == 3, output
    assert client.keys("*") == []


def test_a_worker_of_another_version_writes_nothing(tmp_path: Path, client: redis.Redis,
                                                    redis_server: RedisServer) -> None:
    client.hset(Keys().state, mapping={"crawl": "x", "version": "0.0.1", "phase": "running"})
    warc = tmp_path / "warc"
    code, output = run("worker", "--no-progress", "--redis", redis_server.url, "--warc-dir", str(warc))
    assert_user_error(code, output, "0.0.1")
    assert not warc.exists()


def test_a_worker_with_no_crawl_to_join_gives_up_after_wait(tmp_path: Path,
                                                            redis_server: RedisServer) -> None:
    code, output = run("worker", "--no-progress", "--redis", redis_server.url, "--wait", "0.3",
                       "--warc-dir", str(tmp_path / "warc"))
    assert code == 1
    assert output.count("Error:") == 1 and "no crawl started" in output


# -- whole crawls: a coordinator and worker processes -------------------------------------------


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def corpus(db: Path, web: FixtureWeb) -> dict[str, object]:
    """What a crawl made, by URL path (ports differ between webs): pages' verdicts, articles,
    clusters (groups of two or more articles), versions."""
    def path(url: str) -> str:
        for slug, base in web.base_urls.items():
            if url.startswith(base):
                return slug + url[len(base):]
        return url

    clusters: dict[int, set[str]] = {}
    for url, cluster in rows(db, "SELECT url, cluster_id FROM articles WHERE cluster_id IS NOT NULL"):
        clusters.setdefault(cluster, set()).add(path(url))
    return {
        "pages": sorted((path(url), verdict) for url, verdict in rows(db, "SELECT url, verdict FROM pages")),
        "articles": sorted((path(url), title, published) for url, title, published in
                           rows(db, "SELECT url, title, published_at FROM articles")),
        "clusters": sorted(sorted(group) for group in clusters.values() if len(group) > 1),
        "versions": rows(db, "SELECT count(*) FROM article_versions"),
    }


@pytest.mark.slow
def test_three_workers_make_the_corpus_a_single_process_makes(
    crawled: Path, fixture_web: FixtureWeb, redis_server: RedisServer, tmp_path: Path
) -> None:
    db, warc = tmp_path / "news.db", tmp_path / "warc"
    coord = coordinator(redis_server.url, fixture_web.sources_path, db)
    crew = workers(redis_server.url, warc, 3)
    output = finished(coord)
    assert "finished (exit 0)" in output
    for worker in crew:
        assert "Worker done" in finished(worker, timeout=30)
    assert corpus(db, fixture_web) == corpus(crawled, fixture_web)
    # Every fetched page is archived by the worker that fetched it, in its own files.
    archived = rows(db, "SELECT warc_file, count(*) FROM pages WHERE warc_file IS NOT NULL GROUP BY 1")
    assert archived and all(name.startswith("newscrawl-w") for name, _ in archived)
    assert {p.name for p in warc.iterdir()} >= {name for name, _ in archived}
    # The Redis database is left with the finished state only.
    client = redis.Redis.from_url(redis_server.url)
    assert [key.decode() for key in client.keys("*")] == [Keys().state]


@pytest.mark.slow
def test_a_distributed_crawl_indexes_chinese_and_japanese_for_search(redis_server: RedisServer,
                                                                    tmp_path: Path) -> None:
    # the writer stores the pages the workers push through the same Store as a single process, so
    # the paired title and text reach the full-text index (docs/search.md, Chinese, Japanese and Thai)
    import cjkweb

    from newscrawl.judge.query import to_fts5
    from newscrawl.words import paired

    db = tmp_path / "news.db"
    with cjkweb.serve() as web:
        coord = coordinator(redis_server.url, web.sources_path, db)
        crew = workers(redis_server.url, tmp_path / "warc", 2)
        assert "finished (exit 0)" in finished(coord, timeout=240)
        for worker in crew:
            finished(worker, timeout=30)
    texts = rows(db, "SELECT id, title, text, fts_title, fts_text FROM articles")
    assert [(paired(t), paired(x)) for _, t, x, _, _ in texts] == [(ft, fx) for _, _, _, ft, fx in texts]
    assert any(fx for *_, fx in texts)
    with_word = {i for i, t, x, _, _ in texts if "移民局" in (t or "") + (x or "")}
    store = Store.open(db)
    try:
        store.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")
        found = {row["id"] for row in store.search(to_fts5("移民局"), include_duplicates=True, limit=100)}
    finally:
        store.close()
    assert with_word and found == with_word


def _wait_for(condition, timeout: float = 60, what: str = "") -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


@pytest.mark.slow
def test_a_killed_worker_loses_nothing_and_three_workers_keep_the_sites_pace(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    pages, delay = 24, 0.25
    write_daily_web(tmp_path / "web", pages)
    db, warc = tmp_path / "news.db", tmp_path / "warc"
    with FixtureWeb(tmp_path / "web").start() as web:
        coord = coordinator(redis_server.url, web.sources_path, db, f"DOWNLOAD_DELAY={delay}",
                            "CONCURRENT_REQUESTS_PER_DOMAIN=2", "NEWSCRAWL_REDIS_LEASE=3")
        crew = workers(redis_server.url, warc, 3)
        _wait_for(lambda: len(web.requests) >= 10, what="the crawl to be under way")
        crew[0].send_signal(signal.SIGKILL)
        crew[0].wait()
        finished(coord)
        for worker in crew[1:]:
            finished(worker, timeout=30)
        answered = sorted(record.at for record in web.requests)
    stories = rows(db, "SELECT count(*), count(DISTINCT url) FROM articles")
    assert stories == [(pages, pages)]
    assert rows(db, "SELECT count(*) FROM pages WHERE verdict != 'article'") == [(1,)]  # the sitemap
    # One site, three workers: the site's pace is the cluster's, not three times it. Measured
    # where the server answered, so a request held up after its lease (a busy machine) may
    # land close to the next one; over any window the count stays within the limits.
    assert (len(answered) - 1) / (answered[-1] - answered[0]) <= 1 / delay
    window = 1.5
    busiest = max(sum(1 for t in answered if start <= t < start + window) for start in answered)
    assert busiest <= window / delay + 2, busiest  # the delay, and the 2 allowed at once


@pytest.mark.slow
def test_a_writer_killed_and_restarted_stores_every_page_once(redis_server: RedisServer,
                                                              tmp_path: Path) -> None:
    pages = 30
    write_daily_web(tmp_path / "web", pages)
    db, warc = tmp_path / "news.db", tmp_path / "warc"
    settings = ("DOWNLOAD_DELAY=0.2", "NEWSCRAWL_BATCH_SIZE=5")
    with FixtureWeb(tmp_path / "web").start() as web:
        coord = coordinator(redis_server.url, web.sources_path, db, *settings)
        crew = workers(redis_server.url, warc, 1)
        _wait_for(lambda: db.exists() and _stored(db) >= 8, what="the writer to store some pages")
        coord.send_signal(signal.SIGKILL)
        coord.wait()
        time.sleep(1)  # the workers go on pushing meanwhile
        again = coordinator(redis_server.url, web.sources_path, db, *settings)
        output = finished(again)
        assert "Resuming" in output
        pushed = 0
        for worker in crew:
            out = finished(worker, timeout=30)
            pushed += int(out.split("Worker done: ")[1].split()[0])
    assert rows(db, "SELECT count(*), count(DISTINCT url) FROM articles") == [(pages, pages)]
    verdicts = rows(db, "SELECT verdict, count(*) FROM pages GROUP BY 1")
    assert verdicts == [("article", pages), ("not-article", 1)]
    assert rows(db, "SELECT count(*) FROM article_versions") == [(0,)]
    # Every page pushed was stored exactly once, by one run or the other.
    assert rows(db, "SELECT count(*) FROM delivered_pages") == [(pushed,)]
    assert pushed == pages + 1


def _stored(db: Path) -> int:
    try:
        return rows(db, "SELECT count(*) FROM pages")[0][0]
    except sqlite3.OperationalError:
        return 0


@pytest.mark.slow
def test_redis_gone_mid_crawl_is_one_error_and_the_next_crawl_takes_up_what_is_left(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    # 40 pages at 0.3 s each, stored in batches of 2: on a busy machine the worker's extraction
    # pool may start seconds late and catch up at once, and the fetching must outlast that.
    pages = 40
    write_daily_web(tmp_path / "web", pages)
    db, warc = tmp_path / "news.db", tmp_path / "warc"
    with FixtureWeb(tmp_path / "web").start() as web:
        coord = coordinator(redis_server.url, web.sources_path, db, "DOWNLOAD_DELAY=0.3",
                            "NEWSCRAWL_BATCH_SIZE=2")
        crew = workers(redis_server.url, warc, 1)
        _wait_for(lambda: db.exists() and _stored(db) >= 4, what="the writer to store some pages")
        redis_server.stop()
        for process in (coord, *crew):
            out, err = process.communicate(timeout=60)  # no hang
            assert process.returncode == 1, out + err
            assert "Traceback" not in err
            assert (out + err).count("Error:") == 1 and "lost the connection to Redis" in err, out + err
        assert rows(db, "SELECT status FROM crawl_runs") == [("failed",)]
        stored = rows(db, "SELECT url FROM pages WHERE verdict = 'article'")
        assert 0 < len(stored) < pages
        # A new Redis (this one kept nothing): the next crawl seeds from what the store has.
        web.clear_requests()
        redis_server.start()
        coord = coordinator(redis_server.url, web.sources_path, db)
        crew = workers(redis_server.url, warc, 1)
        finished(coord)
        finished(crew[0], timeout=30)
        fetched_again = {r.path for r in web.requests} & {"/" + u[0].split("/", 3)[3] for u in stored}
    assert rows(db, "SELECT count(*) FROM articles") == [(pages,)]
    assert not fetched_again


@pytest.mark.slow
def test_ingest_splits_warc_files_among_workers_and_stores_what_was_crawled(
    crawled: Path, fixture_web: FixtureWeb, redis_server: RedisServer, tmp_path: Path
) -> None:
    files = sorted(str(path) for path in (crawled.parent / "warc").glob("*.warc.gz"))
    assert files
    db = tmp_path / "ingested.db"
    command = [*NEWSCRAWL, "ingest", "--no-progress", "--workers", "1", "--sources",
               str(fixture_web.sources_path), "--db", str(db), "--redis", redis_server.url, *files]
    coord = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    crew = workers(redis_server.url, tmp_path / "warc", 2)
    assert "ingest of" in finished(coord)
    pushed = sum(int(finished(worker, timeout=30).split("Worker done: ")[1].split()[0]) for worker in crew)
    ingested, original = corpus(db, fixture_web), corpus(crawled, fixture_web)
    # (An archived page has no feed or sitemap to date it by: compare without the dates.)
    assert [a[:2] for a in ingested["articles"]] == [a[:2] for a in original["articles"]]
    assert ingested["clusters"] == original["clusters"]
    assert rows(db, "SELECT count(*) FROM delivered_pages") == [(pushed,)]
    assert not (tmp_path / "warc").exists()  # archived responses are not archived again


@pytest.mark.slow
def test_a_worker_killed_mid_ingest_loses_no_page_and_stores_none_twice(
    crawled: Path, fixture_web: FixtureWeb, redis_server: RedisServer, tmp_path: Path
) -> None:
    """SIGKILL of the one worker of a distributed ingest once part of it is stored; two workers
    started after it take up the files it held when their lease ends, and the corpus is the
    crawl's, each page stored once."""
    from newscrawl.store.warc import WarcWriter, iter_responses

    responses = [r for path in sorted((crawled.parent / "warc").glob("*.warc.gz"))
                 for r in iter_responses(path)]
    # A file of three responses each (their own headers: a feed stays a feed), so that the kill
    # finds files read, held and waiting.
    files = []
    for k in range(0, len(responses), 3):
        with WarcWriter(tmp_path / f"part-{k:02d}") as writer:
            for r in responses[k:k + 3]:
                writer.write_response(r.url, r.status, r.headers, r.body, r.fetched_at)
            files.append(str(tmp_path / f"part-{k:02d}" / str(writer.current_file)))
    assert len(files) >= 6
    db = tmp_path / "ingested.db"
    command = [*NEWSCRAWL, "ingest", "--no-progress", "--workers", "1", "--sources",
               str(fixture_web.sources_path), "--db", str(db), "--redis", redis_server.url,
               "-s", "NEWSCRAWL_REDIS_LEASE=3", *files]
    coord = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    first = workers(redis_server.url, tmp_path / "warc", 1)[0]
    _wait_for(lambda: db.exists() and _delivered(db) >= 3, what="the first pages to be stored")
    first.send_signal(signal.SIGKILL)
    first.wait()
    stored_at_kill = _delivered(db)
    crew = workers(redis_server.url, tmp_path / "warc", 2, first=1)
    assert "ingest of" in finished(coord)
    for worker in crew:
        finished(worker, timeout=30)
    assert stored_at_kill < len(responses), "the kill landed mid-ingest"
    ingested, original = corpus(db, fixture_web), corpus(crawled, fixture_web)
    assert [a[:2] for a in ingested["articles"]] == [a[:2] for a in original["articles"]]
    assert ingested["clusters"] == original["clusters"]
    assert rows(db, "SELECT count(*) = count(DISTINCT url) FROM articles") == [(1,)]
    assert rows(db, "SELECT count(*) FROM delivered_pages") == [(len(responses),)]


def _delivered(db: Path) -> int:
    try:
        return rows(db, "SELECT count(*) FROM delivered_pages")[0][0]
    except sqlite3.OperationalError:  # the table is not there yet
        return 0


@pytest.mark.slow
def test_ingest_of_any_outlet_with_two_workers_makes_what_one_machine_makes(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    responses = any_outlet_responses()  # in two files, one per worker: the pages of one outlet
    files = [write_warc(tmp_path / "cc-news-1", responses[:3]),  # (bytewire) in both
             write_warc(tmp_path / "cc-news-2", responses[2:])]
    results = {}
    for how in ("single", "redis"):
        sources = tmp_path / f"{how}.toml"
        sources.write_text(ANY_OUTLET_SOURCES)
        db = tmp_path / f"{how}.db"
        command = [*NEWSCRAWL, "ingest", "--no-progress", "--workers", "1", "--sources", str(sources),
                   "--db", str(db), "--any-outlet", "--add-outlets", *map(str, files)]
        if how == "redis":
            coord = subprocess.Popen([*command, "--redis", redis_server.url], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, cwd=ROOT)
            crew = workers(redis_server.url, tmp_path / "warc", 2)
            out = finished(coord)
            assert "ingest of 2 WARC files" in out
            for worker in crew:
                finished(worker, timeout=30)
        else:
            single = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
            assert single.returncode == 0, single.stdout + single.stderr
            out = single.stdout + single.stderr
        assert "3 outlets derived from their pages' domains" in out, out
        assert "Added 2 draft outlets" in out, out
        results[how] = {
            "articles": rows(db, "SELECT url, outlet, title, cluster_id IS NULL FROM articles ORDER BY url"),
            "pages": rows(db, "SELECT url, outlet, verdict FROM pages ORDER BY url, verdict"),
            "outlets": rows(db, "SELECT slug, name, homepage, domain, country, language, timezone, derived "
                                "FROM outlets ORDER BY slug"),
            "drafts": sources.read_text(),
        }
    assert results["redis"] == results["single"]
    assert [(url.split("/")[2], outlet) for url, outlet, *_ in results["redis"]["articles"]] == [
        ("noticias.latino-hoy.com.mx", "latino-hoy-com-mx"),
        ("www.bytewire.co.uk", "bytewire-co-uk-2"),  # the configured slug is taken: the writer's choice
        ("www.northfield-ledger.com", "ledger"),
    ]
    assert ("example-net", "example.net", "https://gone.example.net/", "example.net", None, None, "UTC",
            1) in results["redis"]["outlets"]
    assert set(load_sources(tmp_path / "redis.toml")) == {"ledger", "bytewire-co-uk", "bytewire-co-uk-2",
                                                          "latino-hoy-com-mx"}


@pytest.mark.slow
def test_a_write_that_fails_in_the_writer_of_an_ingest_fails_the_run_without_a_hang(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    files = [write_warc(tmp_path / "cc-news", any_outlet_responses())]
    sources = tmp_path / "sources.toml"
    sources.write_text(ANY_OUTLET_SOURCES)
    db = tmp_path / "news.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)  # every page write fails, as on a full disk
    conn.execute("CREATE TRIGGER no_room BEFORE INSERT ON pages BEGIN SELECT RAISE(ABORT, 'no room'); END")
    conn.commit()
    conn.close()
    coord = subprocess.Popen([*NEWSCRAWL, "ingest", "--no-progress", "--workers", "1", "--sources",
                              str(sources), "--db", str(db), "--any-outlet", "--redis", redis_server.url,
                              *map(str, files)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=ROOT)
    crew = workers(redis_server.url, tmp_path / "warc", 1)
    out, err = coord.communicate(timeout=60)  # no hang
    assert coord.returncode == 1, out + err
    assert "Traceback" not in err and err.count("Error:") == 1 and "no room" in err, out + err
    assert rows(db, "SELECT status FROM crawl_runs") == [("failed",)]
    assert rows(db, "SELECT count(*) FROM pages") == [(0,)]
    for worker in crew:
        worker.kill()
        worker.communicate()


@pytest.mark.slow
def test_a_second_distributed_crawl_revisits_through_the_workers_and_keeps_a_changed_text_as_a_version(
    redis_server: RedisServer, tmp_path: Path
) -> None:
    pages = 4
    write_daily_web(tmp_path / "web", pages)
    db, warc = tmp_path / "news.db", tmp_path / "warc"
    revisit = ("NEWSCRAWL_REFETCH_DAYS=100000", "NEWSCRAWL_REFETCH_AFTER_HOURS=0")
    with FixtureWeb(tmp_path / "web").start() as web:
        for run_number in (1, 2):
            if run_number == 2:  # a stealth edit of one story
                story = tmp_path / "web" / "daily" / "2026" / "01" / "01" / "story-0.html"
                story.write_text(story.read_text().replace("ICE detention", "ICE detention centre", 1))
            coord = coordinator(redis_server.url, web.sources_path, db, *revisit)
            crew = workers(redis_server.url, warc, 1)
            finished(coord)
            for worker in crew:
                finished(worker, timeout=30)
    assert rows(db, "SELECT count(*) FROM articles") == [(pages,)]
    versions = rows(db, "SELECT a.url FROM article_versions v JOIN articles a ON a.id = v.article_id")
    assert [url.rsplit("/", 1)[1] for (url,) in versions] == ["story-0.html"]
    # the second run asked for every story again (a revisit), through the workers
    assert rows(db, "SELECT count(*) FROM pages WHERE crawl_run_id = 2 AND verdict = 'article'") == [(pages,)]
