"""End to end on a second fixture web (tests/otherweb), written apart from newscrawl's code.

The demo web (data/demo-web) was written by the people who wrote the extraction and discovery,
so it shares their blind spots. This web was written from real CMSs' pages (Arc XP, WordPress
with Yoast, Ghost, Drupal, a hand-written local paper, a German and a Spanish-language outlet)
before reading that code, and ``tests/otherweb/truth.json`` says what its author meant each
page to be. One crawl with the real CLI into a real SQLite file; every page of the truth is then
checked against it (the checks shared with tests/intlweb are in tests/truthweb.py).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import otherweb
import pytest
from smallweb import QUICK, crawl
from truthweb import (
    articles,
    assert_not_stored,
    assert_stored_with_its_metadata,
    cases,
    load_truth,
    not_stored,
    read_corpus,
    stored,
    web_fixtures,
)

from newscrawl.crawl.fixture_web import FixtureWeb

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(otherweb.HERE)
ARTICLES = articles(TRUTH)
NOT_STORED = not_stored(TRUTH)


# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(otherweb)


@pytest.mark.parametrize("entry", cases([t for t in ARTICLES if t["on_topic"]], KNOWN))
def test_every_on_topic_article_is_stored_once_with_its_metadata(corpus: dict, web: FixtureWeb,
                                                                  entry: dict) -> None:
    assert_stored_with_its_metadata(corpus, web, entry)


@pytest.mark.parametrize("entry", cases([t for t in ARTICLES if not t["on_topic"]], KNOWN))
def test_no_trap_or_off_topic_article_is_stored(corpus: dict, web: FixtureWeb, entry: dict) -> None:
    assert_not_stored(corpus, web, entry)


@pytest.mark.parametrize("entry", cases(NOT_STORED, KNOWN))
def test_listing_and_amp_pages_are_not_stored_as_articles(corpus: dict, web: FixtureWeb,
                                                          entry: dict) -> None:
    assert_not_stored(corpus, web, entry)
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
    after = read_corpus(db)
    assert len(after["articles"]) == len(corpus["articles"])
    for t in amps:
        assert web.url(t["outlet"], t["path"]) in {p["url"] for p in after["pages"]}, "AMP page fetched"
        assert len(after["by_url"][web.url(t["outlet"], t["canonical"])]) == 1


def test_the_wire_story_is_one_cluster_across_outlets(corpus: dict, web: FixtureWeb) -> None:
    copies = [t for t in ARTICLES if t.get("cluster") == "wire-engineer"]
    clusters = {stored(corpus, web, t)["cluster_id"] for t in copies}
    assert len(copies) >= 2
    assert len(clusters) == 1, f"the syndicated copies are in clusters {clusters}"


def test_nothing_is_stored_that_the_truth_does_not_expect(corpus: dict, web: FixtureWeb) -> None:
    expected = {web.url(t["outlet"], t["path"]) for t in ARTICLES if t["on_topic"]}
    unexpected = sorted(set(corpus["by_url"]) - expected)
    assert not unexpected, unexpected
