"""Stories split over pages, crawled for real (tests/storyweb): one article each, at its first
page, with the whole text; the later pages recorded as what they are; a listing's next page
not joined; a missing page 2 (404, timeout); the cap; the same texts rebuilt from the archive
(reextract, ingest); the same corpus made by a distributed crawl's workers (one of them killed
mid-story) and a distributed ingest, on a real redis-server (docs/distributed.md)."""

from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import storyweb
from redisserver import REDIS_SERVER, RedisServer, coordinator, finished, workers
from smallweb import NEWSCRAWL, QUICK, ROOT, crawl, newscrawl_process
from truthweb import read_corpus

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.store.warc import read_response

pytestmark = pytest.mark.slow  # crawls in a subprocess

STORY = "/2026/01/24/tech-workers-letter-ice"
WALKOUT = "/2026/01/25/walkout-over-ice-contract/"
COUNCIL = "/2026/01/20/council-hears-residents-detention-center.html"
GERMAN = "/politik/beschaeftigte-fordern-ende-der-ice-vertraege-104233"
# a sentence of each page of the English story, and of the German one
STORY_PAGES = (
    "More than a thousand employees of the largest technology companies signed an open letter",
    "The organizers said they had started collecting signatures in early January",
    "The signers plan to deliver the letter in person to shareholder meetings this spring",
)
GERMAN_PAGES = (
    "Mehr als tausend Beschäftigte großer Technologiekonzerne haben in einem offenen Brief",
    "Viele Unterzeichner nannten nur ihre Initialen",
)


@pytest.fixture(scope="module")
def web() -> Iterator[FixtureWeb]:
    with storyweb.serve() as served:
        yield served


@pytest.fixture(scope="module")
def crawled(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("storyweb") / "news.db"
    crawl(web.sources_path, db, settings=QUICK, timeout=120)
    return read_corpus(db)


def _page(corpus: dict, url: str) -> dict:
    (row,) = [p for p in corpus["pages"] if p["url"] == url]
    return row


def _texts(db: Path) -> dict[str, tuple[str, str]]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT url, title, text FROM articles")
        return {url: (title, text) for url, title, text in rows}
    finally:
        conn.close()


def test_a_story_over_three_pages_is_one_article_at_its_first_page(web: FixtureWeb, crawled: dict) -> None:
    first = web.url("riverdispatch", STORY + ".html")
    (article,) = crawled["by_url"][first]
    for sentence in STORY_PAGES:
        assert sentence in article["text"]
    assert article["text"].index(STORY_PAGES[0]) < article["text"].index(STORY_PAGES[2])
    assert "Next page" not in article["text"] and "Previous page" not in article["text"]
    assert article["title"] == "Tech workers press their employers to drop ICE contracts"  # page 1's
    assert json.loads(article["authors"]) == ["Dana Whitfield"]
    assert article["published_day"] == "2026-01-24"
    assert _page(crawled, first)["reason"] == "story of 3 pages joined"
    for number in (2, 3):
        later = web.url("riverdispatch", f"{STORY}_{number}.html")
        assert later not in crawled["by_url"]
        row = _page(crawled, later)
        assert row["verdict"] == "not-article" and row["warc_file"]
        assert row["reason"] == f"page {number} of a story split over pages: {first}"


def test_a_german_story_over_two_pages_is_joined_too(web: FixtureWeb, crawled: dict) -> None:
    (article,) = crawled["by_url"][web.url("spreeblatt", GERMAN + ".html")]
    for sentence in GERMAN_PAGES:
        assert sentence in article["text"]
    assert "Nächste Seite" not in article["text"] and "Seite 2 von 2" not in article["text"]
    assert "(Seite 2)" not in article["title"]
    # its page 2 is in the sitemap too: fetched by itself as well, never an article of its own
    second = web.url("spreeblatt", GERMAN + "-2.html")
    assert second not in crawled["by_url"]
    assert _page(crawled, second)["reason"] == (
        f"page 2 of a story split over pages: {web.url('spreeblatt', GERMAN + '.html')}")


def test_a_missing_page_2_leaves_page_1_stored_and_says_so(web: FixtureWeb, crawled: dict) -> None:
    first = web.url("riverdispatch", WALKOUT)
    (article,) = crawled["by_url"][first]
    assert "Dozens of engineers at a data analytics firm walked off the job" in article["text"]
    assert _page(crawled, first)["reason"] == "story split over pages: page 2 missing (http 404), 1 joined"
    missing = _page(crawled, web.url("riverdispatch", WALKOUT + "2/"))
    assert missing["verdict"] == "error" and missing["status"] == 404


def test_a_listings_next_page_is_walked_as_a_listing_not_joined(web: FixtureWeb, crawled: dict) -> None:
    listing = _page(crawled, web.url("riverdispatch", "/news/page/2/"))
    assert listing["verdict"] == "not-article" and listing["reason"].startswith("listing page")
    assert _page(crawled, web.url("riverdispatch", "/news/"))["reason"].startswith("listing page")
    (council,) = crawled["by_url"][web.url("riverdispatch", COUNCIL)]  # listed on page 2 only
    assert "Residents filled the council chamber" in council["text"]
    assert len(crawled["articles"]) == 4


def test_reextract_and_ingest_rebuild_the_same_joined_texts(
    web: FixtureWeb, crawled: dict, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    shutil.copy(crawled["db"], db)
    shutil.copytree(Path(crawled["db"]).parent / "warc", tmp_path / "warc")
    before = _texts(db)
    newscrawl_process("reextract", "--sources", str(web.sources_path), "--db", str(db), "--no-progress")
    assert _texts(db) == before
    assert _page(read_corpus(db), web.url("riverdispatch", STORY + "_2.html"))["verdict"] == "not-article"

    fresh = tmp_path / "ingested" / "news.db"
    fresh.parent.mkdir()
    files = sorted(str(f) for f in (tmp_path / "warc").glob("*.warc.gz"))
    assert files
    newscrawl_process("ingest", *files, "--sources", str(web.sources_path), "--db", str(fresh),
                      "--no-progress")
    assert _texts(fresh) == before
    ingested = read_corpus(fresh)
    first = web.url("riverdispatch", STORY + ".html")
    assert _page(ingested, first)["reason"] == "story of 3 pages joined"
    assert _page(ingested, web.url("riverdispatch", STORY + "_3.html"))["reason"] == (
        f"page 3 of a story split over pages: {first}")


def test_the_pages_of_a_story_are_capped_and_a_page_that_times_out_is_missing(
    web: FixtureWeb, tmp_path: Path
) -> None:
    db = tmp_path / "news.db"
    settings = (*QUICK, "NEWSCRAWL_STORY_MAX_PAGES=2", "DOWNLOAD_TIMEOUT=1")  # page 2 of GERMAN: 2 s
    crawl(web.sources_path, db, settings=settings, timeout=120)
    corpus = read_corpus(db)
    first = web.url("riverdispatch", STORY + ".html")
    (article,) = corpus["by_url"][first]
    assert STORY_PAGES[1] in article["text"] and STORY_PAGES[2] not in article["text"]
    assert _page(corpus, first)["reason"] == (
        "story of 2 pages joined; page 3 not read (NEWSCRAWL_STORY_MAX_PAGES = 2)")
    assert not [p for p in corpus["pages"] if p["url"].endswith("_3.html")]
    german = web.url("spreeblatt", GERMAN + ".html")
    (article,) = corpus["by_url"][german]
    assert GERMAN_PAGES[0] in article["text"] and GERMAN_PAGES[1] not in article["text"]
    assert _page(corpus, german)["reason"] == "story split over pages: page 2 missing (timeout), 1 joined"


# -- distributed: a coordinator and worker processes on a real redis-server ---------------------

needs_redis = pytest.mark.skipif(not Path(REDIS_SERVER).exists(), reason="redis-server is not installed")


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    folder = tmp_path / "redis"
    folder.mkdir()
    server = RedisServer(folder).start()
    try:
        yield server.url
    finally:
        server.stop()


def _rows(db: Path) -> dict[str, tuple]:
    """Each pages row by URL: status, verdict, reason (not how it was found: the German story's
    page 2 is fetched from the sitemap and as page 2, and the row is the later of the two)."""
    conn = sqlite3.connect(db)
    try:
        return {url: rest for url, *rest in conn.execute("SELECT url, status, verdict, reason FROM pages")}
    finally:
        conn.close()


def _records(db: Path, warc: Path) -> dict[str, tuple]:
    """The archived response each pages row points to, by URL: its URL, status and body."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute("SELECT url, warc_file, warc_offset FROM pages WHERE warc_file IS NOT NULL")
        rows = rows.fetchall()
    finally:
        conn.close()
    records = {}
    for url, name, offset in rows:
        response = read_response(warc / name, offset)
        records[url] = (response.url, response.status, response.body)
    return records


def _crew_done(coord: subprocess.Popen[str], crew: list[subprocess.Popen[str]]) -> None:
    output = finished(coord)
    assert "finished (exit 0)" in output or "ingest of" in output, output
    for worker in crew:
        assert "Worker done" in finished(worker, timeout=30)


@needs_redis
def test_two_workers_join_the_stories_as_one_machine_does(
    web: FixtureWeb, crawled: dict, redis_url: str, tmp_path: Path
) -> None:
    db, warc, delay = tmp_path / "news.db", tmp_path / "warc", 0.25
    web.clear_requests()
    coord = coordinator(redis_url, web.sources_path, db, f"DOWNLOAD_DELAY={delay}")
    _crew_done(coord, workers(redis_url, warc, 2))
    one = Path(crawled["db"])
    assert _texts(db) == _texts(one)
    assert _rows(db) == _rows(one)
    assert _records(db, warc) == _records(one, one.parent / "warc")
    # the later pages were fetched and archived by the worker that fetched the first page
    pages = read_corpus(db)["pages"]
    story = [p["warc_file"] for p in pages if p["url"].startswith(web.url("riverdispatch", STORY))]
    assert len(story) == 3 and len({name.split("-")[1] for name in story}) == 1, story
    # at the cluster's pace for the site, the later pages too (answered, so within a little)
    answered = sorted(r.at for r in web.requests if r.outlet == "riverdispatch")
    assert (len(answered) - 1) / (answered[-1] - answered[0]) <= 1 / delay


@needs_redis
def test_a_worker_killed_mid_story_leaves_the_whole_story_to_another(
    web: FixtureWeb, crawled: dict, redis_url: str, tmp_path: Path
) -> None:
    db, warc = tmp_path / "news.db", tmp_path / "warc"
    second = STORY + "_2.html"
    web.clear_requests()
    # a site's requests 0.5 s apart: page 3 is not asked for before the kill
    coord = coordinator(redis_url, web.sources_path, db, "DOWNLOAD_DELAY=0.5", "NEWSCRAWL_REDIS_LEASE=3")
    (doomed,) = workers(redis_url, warc, 1)
    deadline = time.monotonic() + 60
    while not any(r.path == second for r in web.requests):
        assert time.monotonic() < deadline and doomed.poll() is None, "page 2 was never asked for"
        time.sleep(0.05)
    doomed.send_signal(signal.SIGKILL)
    doomed.wait()
    _crew_done(coord, workers(redis_url, warc, 1, first=1))
    one = Path(crawled["db"])
    assert _texts(db) == _texts(one)
    assert _rows(db) == _rows(one)
    # the first page's request came back when its lease ran out: the story was fetched again
    asked = [r.path for r in web.requests if r.outlet == "riverdispatch"]
    assert asked.count(STORY + ".html") == 2 and asked.count(STORY + "_3.html") == 1


@needs_redis
def test_a_distributed_ingest_joins_the_stories_as_one_machine_does(
    web: FixtureWeb, crawled: dict, redis_url: str, tmp_path: Path
) -> None:
    one = Path(crawled["db"])
    files = sorted(str(f) for f in (one.parent / "warc").glob("*.warc.gz"))
    db = tmp_path / "ingested.db"
    coord = subprocess.Popen([*NEWSCRAWL, "ingest", "--no-progress", "--workers", "1", "--sources",
                              str(web.sources_path), "--db", str(db), "--redis", redis_url, *files],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    _crew_done(coord, workers(redis_url, tmp_path / "warc", 2))
    assert _texts(db) == _texts(one)
    ingested = read_corpus(db)
    first = web.url("riverdispatch", STORY + ".html")
    assert _page(ingested, first)["reason"] == "story of 3 pages joined"
    assert _page(ingested, web.url("riverdispatch", STORY + "_3.html"))["reason"] == (
        f"page 3 of a story split over pages: {first}")
