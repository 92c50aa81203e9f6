"""Stories split over pages, crawled for real (tests/storyweb): one article each, at its first
page, with the whole text; the later pages recorded as what they are; a listing's next page
not joined; a missing page 2 (404, timeout); the cap; the same texts rebuilt from the archive
(reextract, ingest)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import storyweb
from smallweb import QUICK, crawl, newscrawl_process
from truthweb import read_corpus

from newscrawl.crawl.fixture_web import FixtureWeb

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
