"""What the fixture webs written apart from the code share (tests/otherweb, tests/intlweb,
tests/cmsweb, tests/titleweb, tests/recallweb, tests/dateweb, tests/bylineweb).

Each web is a folder of outlets served by :class:`~newscrawl.crawl.fixture_web.FixtureWeb` on a
host of its own, with a ``truth.json`` saying what its writer meant every page to be (see
docs/testing.md). The test files crawl a web once and check the stored corpus against the truth
with the helpers here.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from smallweb import QUICK, crawl

from newscrawl.config import load_sources
from newscrawl.crawl.fixture_web import FixtureWeb


def load_truth(package: Path) -> list[dict]:
    """Every page of a web that its truth speaks about, as written in ``PACKAGE/truth.json``."""
    return json.loads((package / "truth.json").read_text(encoding="utf-8"))


def articles(truth: list[dict]) -> list[dict]:
    """The truth's article pages, on the topic or not."""
    return [t for t in truth if t["kind"] in ("article", "trap", "off-topic")]


def not_stored(truth: list[dict]) -> list[dict]:
    """The truth's pages that are no article: listings, tag pages, AMP copies."""
    return [t for t in truth if t["kind"] in ("listing", "amp")]


def page_id(entry: dict) -> str:
    return f"{entry['outlet']}{entry['path']}"


def cases(entries: list[dict], known: dict[str, str]) -> list:
    """``entries`` as pytest params, the mismatches left on purpose (``known``) as strict xfails."""
    return [
        pytest.param(e, id=page_id(e),
                     marks=[pytest.mark.xfail(reason=known[page_id(e)], strict=True)])
        if page_id(e) in known else pytest.param(e, id=page_id(e))
        for e in entries
    ]


def read_corpus(db: Path) -> dict:
    """The stored articles and the pages rows of a crawled database, and the articles by URL."""
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        rows = [dict(r) for r in conn.execute("SELECT * FROM articles")]
        pages = [dict(r) for r in conn.execute("SELECT * FROM pages")]
    finally:
        conn.close()
    by_url: dict[str, list[dict]] = {}
    for article in rows:
        by_url.setdefault(article["url"], []).append(article)
    return {"db": db, "articles": rows, "pages": pages, "by_url": by_url}


def stored(corpus: dict, web: FixtureWeb, entry: dict) -> dict:
    """The one article stored for the truth's ``entry`` (the test fails on none or several)."""
    url = web.url(entry["outlet"], entry["path"])
    found = corpus["by_url"].get(url, [])
    verdicts = [(p["verdict"], p["reason"]) for p in corpus["pages"] if p["url"] == url]
    assert len(found) == 1, f"{url}: {len(found)} stored articles; pages rows {verdicts}"
    return found[0]


def credit_key(name: str) -> str:
    """A credit compared without case and a leading article (``the Post staff``, ``Post Staff``)."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()


def metadata_problems(article: dict, entry: dict, sources: Path) -> list[str]:
    """How a stored article differs from its truth: title, day, authors, credit, modified day."""
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
        if [credit_key(c) for c in credit] != [credit_key(c) for c in entry["credit"]]:
            problems.append(f"credit {credit}, expected {entry['credit']}")
    if "modified_day" in entry:  # an article updated later: its own modified day, published kept
        zone = ZoneInfo(load_sources(sources)[entry["outlet"]].timezone)
        modified = article["modified_at"] and datetime.fromisoformat(article["modified_at"])
        day = modified.astimezone(zone).date().isoformat() if modified else None
        if day != entry["modified_day"]:
            problems.append(f"modified {article['modified_at']}, expected the day {entry['modified_day']}")
    return problems


def crawl_corpus(web: FixtureWeb, db: Path) -> dict:
    """One crawl of the whole web into ``db`` with the real CLI, read back."""
    crawl(web.sources_path, db, settings=QUICK, timeout=120)
    return read_corpus(db)


def text_problems(article: dict, entry: dict) -> list[str]:
    """The truth's sentences that the stored text lacks (``must_contain``) or has
    (``must_not_contain``), compared with runs of white space as one space."""
    text = " ".join((article["text"] or "").split())
    missing = [s for s in entry.get("must_contain", []) if " ".join(s.split()) not in text]
    leaked = [s for s in entry.get("must_not_contain", []) if " ".join(s.split()) in text]
    return [f"lacks {s!r}" for s in missing] + [f"has {s!r}" for s in leaked]


def assert_stored_with_its_metadata(corpus: dict, web: FixtureWeb, entry: dict) -> None:
    """An on-topic article of the truth is stored once, with its truth's metadata."""
    article = stored(corpus, web, entry)
    problems = metadata_problems(article, entry, web.sources_path)
    assert not problems, f"{article['url']}: " + "; ".join(problems)


def assert_not_stored(corpus: dict, web: FixtureWeb, entry: dict) -> None:
    """A trap, an off-topic article or a listing of the truth is not stored as an article."""
    url = web.url(entry["outlet"], entry["path"])
    found = corpus["by_url"].get(url)
    assert not found, f"{entry['kind']} page stored as an article: {found[0]['title']!r}"


def web_fixtures(package: ModuleType) -> tuple[Any, Any]:
    """A truth web's test file's module fixtures: ``web``, the package's web served (its
    ``serve()``), and ``corpus``, one crawl of the whole web read back (:func:`crawl_corpus`)."""

    @pytest.fixture(scope="module")
    def web() -> Iterator[FixtureWeb]:
        with package.serve() as served:
            yield served

    @pytest.fixture(scope="module")
    def corpus(web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory) -> dict:
        return crawl_corpus(web, tmp_path_factory.mktemp(package.__name__) / "news.db")

    return web, corpus


def truth_tests(truth: list[dict], known: dict[str, str], known_text: dict[str, str]) -> tuple[Any, ...]:
    """The five checks of a truth web whose truth gives must and must-not sentences (cmsweb,
    recallweb, dateweb, bylineweb), for its test file to bind at module level (pytest collects
    them there, with that module's ``web`` and ``corpus`` fixtures): every on-topic article stored
    once with its metadata, its text's sentences, no trap or off-topic article stored, no listing
    stored, nothing stored that the truth does not expect. ``known`` and ``known_text`` are the
    strict xfails of the metadata and text checks (page -> the reason)."""
    all_articles = articles(truth)
    on_topic = [t for t in all_articles if t["on_topic"]]
    listings = [t for t in truth if t["kind"] == "listing"]
    with_sentences = [t for t in on_topic if "must_contain" in t or "must_not_contain" in t]

    @pytest.mark.parametrize("entry", cases(on_topic, known))
    def test_every_on_topic_article_is_stored_once_with_its_metadata(corpus: dict, web: FixtureWeb,
                                                                      entry: dict) -> None:
        assert_stored_with_its_metadata(corpus, web, entry)

    @pytest.mark.parametrize("entry", cases(with_sentences, known_text))
    def test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture(corpus: dict, web: FixtureWeb,
                                                                            entry: dict) -> None:
        article = stored(corpus, web, entry)
        problems = text_problems(article, entry)
        assert not problems, f"{article['url']}: " + "; ".join(problems)

    @pytest.mark.parametrize("entry", cases([t for t in all_articles if not t["on_topic"]], known))
    def test_no_trap_or_off_topic_article_is_stored(corpus: dict, web: FixtureWeb, entry: dict) -> None:
        assert_not_stored(corpus, web, entry)

    @pytest.mark.parametrize("entry", cases(listings, known))
    def test_listing_pages_are_not_stored_as_articles(corpus: dict, web: FixtureWeb, entry: dict) -> None:
        assert_not_stored(corpus, web, entry)

    def test_nothing_is_stored_that_the_truth_does_not_expect(corpus: dict, web: FixtureWeb) -> None:
        expected = {web.url(t["outlet"], t["path"]) for t in on_topic}
        unexpected = sorted(set(corpus["by_url"]) - expected)
        assert not unexpected, unexpected

    return (
        test_every_on_topic_article_is_stored_once_with_its_metadata,
        test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
        test_no_trap_or_off_topic_article_is_stored,
        test_listing_pages_are_not_stored_as_articles,
        test_nothing_is_stored_that_the_truth_does_not_expect,
    )
