"""End to end on a second fixture web (tests/otherweb), written apart from newscrawl's code.

The demo web (data/demo-web) was written by the people who wrote the extraction and discovery,
so it shares their blind spots. This web was written from real CMSs' pages (Arc XP, WordPress
with Yoast, Ghost, Drupal, a hand-written local paper, a German and a Spanish-language outlet)
before reading that code, and ``tests/otherweb/truth.json`` says what its author meant each
page to be. One crawl with the real CLI into a real SQLite file; every page of the truth is then
checked against it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import otherweb
import pytest
from smallweb import QUICK, crawl

from newscrawl.config import load_sources
from newscrawl.crawl.fixture_web import FixtureWeb

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = otherweb.truth()
ARTICLES = [t for t in TRUTH if t["kind"] in ("article", "trap", "off-topic")]
NOT_STORED = [t for t in TRUTH if t["kind"] in ("listing", "amp")]


# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}


def _id(entry: dict) -> str:
    return f"{entry['outlet']}{entry['path']}"


def _cases(entries: list[dict]) -> list:
    return [
        pytest.param(e, id=_id(e), marks=[pytest.mark.xfail(reason=KNOWN[_id(e)], strict=True)])
        if _id(e) in KNOWN else pytest.param(e, id=_id(e))
        for e in entries
    ]


@pytest.fixture(scope="module")
def web() -> Iterator[FixtureWeb]:
    with otherweb.serve() as served:
        yield served


def _read(db: Path) -> dict:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        articles = [dict(r) for r in conn.execute("SELECT * FROM articles")]
        pages = [dict(r) for r in conn.execute("SELECT * FROM pages")]
    finally:
        conn.close()
    by_url: dict[str, list[dict]] = {}
    for article in articles:
        by_url.setdefault(article["url"], []).append(article)
    return {"db": db, "articles": articles, "pages": pages, "by_url": by_url}


@pytest.fixture(scope="module")
def corpus(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One crawl of the whole web: the stored articles and the pages rows, by URL."""
    db = tmp_path_factory.mktemp("otherweb") / "news.db"
    crawl(web.sources_path, db, settings=QUICK, timeout=120)
    return _read(db)


def _stored(corpus: dict, web: FixtureWeb, entry: dict) -> dict:
    url = web.url(entry["outlet"], entry["path"])
    found = corpus["by_url"].get(url, [])
    pages = [p for p in corpus["pages"] if p["url"] == url]
    verdicts = [(p["verdict"], p["reason"]) for p in pages]
    assert len(found) == 1, f"{url}: {len(found)} stored articles; pages rows {verdicts}"
    return found[0]


def _credit_key(name: str) -> str:
    """A credit compared without case and a leading article (``the Post staff``, ``Post Staff``)."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()


@pytest.mark.parametrize("entry", _cases([t for t in ARTICLES if t["on_topic"]]))
def test_every_on_topic_article_is_stored_once_with_its_metadata(corpus: dict, web: FixtureWeb,
                                                                  entry: dict) -> None:
    article = _stored(corpus, web, entry)
    problems = []
    if article["title"] != entry["title"]:
        problems.append(f"title {article['title']!r}, expected {entry['title']!r}")
    if article["published_day"] != entry["published_day"]:
        problems.append(f"day {article['published_day']} ({article['published_local']}), "
                        f"expected {entry['published_day']}")
    authors = json.loads(article["authors"] or "[]")
    if authors != entry["authors"]:
        problems.append(f"authors {authors}, expected {entry['authors']}")
    if "credit" in entry:
        credit = json.loads(article["credit"] or "[]")
        if [_credit_key(c) for c in credit] != [_credit_key(c) for c in entry["credit"]]:
            problems.append(f"credit {credit}, expected {entry['credit']}")
    if "modified_day" in entry:  # an article updated later: its own modified day, published kept
        zone = ZoneInfo(load_sources(web.sources_path)[entry["outlet"]].timezone)
        modified = article["modified_at"] and datetime.fromisoformat(article["modified_at"])
        day = modified.astimezone(zone).date().isoformat() if modified else None
        if day != entry["modified_day"]:
            problems.append(f"modified {article['modified_at']}, expected the day {entry['modified_day']}")
    assert not problems, f"{article['url']}: " + "; ".join(problems)


@pytest.mark.parametrize("entry", _cases([t for t in ARTICLES if not t["on_topic"]]))
def test_no_trap_or_off_topic_article_is_stored(corpus: dict, web: FixtureWeb, entry: dict) -> None:
    url = web.url(entry["outlet"], entry["path"])
    assert url not in corpus["by_url"], f"{entry['kind']} stored: {corpus['by_url'][url][0]['title']!r}"


@pytest.mark.parametrize("entry", _cases(NOT_STORED))
def test_listing_and_amp_pages_are_not_stored_as_articles(corpus: dict, web: FixtureWeb,
                                                          entry: dict) -> None:
    url = web.url(entry["outlet"], entry["path"])
    assert url not in corpus["by_url"], f"{entry['kind']} page stored as an article"
    if entry["kind"] == "amp":
        canonical = web.url(entry["outlet"], entry["canonical"])
        assert len(corpus["by_url"].get(canonical, [])) == 1


def test_an_amp_copy_from_a_seed_list_adds_no_second_article(corpus: dict, web: FixtureWeb,
                                                             tmp_path: Path) -> None:
    # no listing the crawl reads links the AMP page: it comes in as a seed (GDELT and shared
    # links give AMP addresses), into a copy of the crawled corpus
    db = tmp_path / "news.db"
    source, copy = sqlite3.connect(corpus["db"]), sqlite3.connect(db)
    try:
        source.backup(copy)
    finally:
        source.close()
        copy.close()
    amps = [t for t in NOT_STORED if t["kind"] == "amp"]
    seeds = tmp_path / "links.txt"
    seeds.write_text("".join(web.url(t["outlet"], t["path"]) + "\n" for t in amps))
    crawl(web.sources_path, db, "--urls", str(seeds), settings=QUICK, timeout=120)
    after = _read(db)
    assert len(after["articles"]) == len(corpus["articles"])
    for t in amps:
        assert web.url(t["outlet"], t["path"]) in {p["url"] for p in after["pages"]}, "AMP page fetched"
        assert len(after["by_url"][web.url(t["outlet"], t["canonical"])]) == 1


def test_the_wire_story_is_one_cluster_across_outlets(corpus: dict, web: FixtureWeb) -> None:
    copies = [t for t in ARTICLES if t.get("cluster") == "wire-engineer"]
    clusters = {_stored(corpus, web, t)["cluster_id"] for t in copies}
    assert len(copies) >= 2
    assert len(clusters) == 1, f"the syndicated copies are in clusters {clusters}"


def test_nothing_is_stored_that_the_truth_does_not_expect(corpus: dict, web: FixtureWeb) -> None:
    expected = {web.url(t["outlet"], t["path"]) for t in ARTICLES if t["on_topic"]}
    unexpected = sorted(set(corpus["by_url"]) - expected)
    assert not unexpected, unexpected
