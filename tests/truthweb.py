"""Helpers shared by the fixture webs written apart from the code (``tests/otherweb``,
``tests/cmsweb``): each has a ``truth.json`` that says, page by page, what its writer meant, and
one crawl of the whole web is checked against it (docs/testing.md)."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from smallweb import QUICK, crawl

from newscrawl.config import load_sources
from newscrawl.crawl.fixture_web import FixtureWeb

ARTICLE_KINDS = ("article", "trap", "off-topic")


def entry_id(entry: dict) -> str:
    return f"{entry['outlet']}{entry['path']}"


def cases(entries: list[dict], known: dict[str, str]) -> list:
    """Test parameters, one per entry; an entry named in ``known`` (page -> reason) is a strict xfail."""
    return [
        pytest.param(e, id=entry_id(e), marks=[pytest.mark.xfail(reason=known[entry_id(e)], strict=True)])
        if entry_id(e) in known else pytest.param(e, id=entry_id(e))
        for e in entries
    ]


def read_corpus(db: Path) -> dict:
    """The stored articles and the pages rows of a crawled database, with the articles by URL."""
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


def crawl_corpus(web: FixtureWeb, db: Path) -> dict:
    """One crawl of the whole web into ``db`` with the real CLI, read back."""
    crawl(web.sources_path, db, settings=QUICK, timeout=120)
    return read_corpus(db)


def stored(corpus: dict, web: FixtureWeb, entry: dict) -> dict:
    """The one article stored for the entry's page (the test fails on none or several)."""
    url = web.url(entry["outlet"], entry["path"])
    found = corpus["by_url"].get(url, [])
    verdicts = [(p["verdict"], p["reason"]) for p in corpus["pages"] if p["url"] == url]
    assert len(found) == 1, f"{url}: {len(found)} stored articles; pages rows {verdicts}"
    return found[0]


def credit_key(name: str) -> str:
    """A credit compared without case and a leading article (``the Post staff``, ``Post Staff``)."""
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I).casefold()


def metadata_problems(article: dict, entry: dict, web: FixtureWeb) -> list[str]:
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
        zone = ZoneInfo(load_sources(web.sources_path)[entry["outlet"]].timezone)
        modified = article["modified_at"] and datetime.fromisoformat(article["modified_at"])
        day = modified.astimezone(zone).date().isoformat() if modified else None
        if day != entry["modified_day"]:
            problems.append(f"modified {article['modified_at']}, expected the day {entry['modified_day']}")
    return problems


def text_problems(article: dict, entry: dict) -> list[str]:
    """The truth's sentences that the stored text lacks (``must_contain``) or has
    (``must_not_contain``), compared with runs of white space as one space."""
    text = " ".join((article["text"] or "").split())
    missing = [s for s in entry.get("must_contain", []) if " ".join(s.split()) not in text]
    leaked = [s for s in entry.get("must_not_contain", []) if " ".join(s.split()) in text]
    return [f"lacks {s!r}" for s in missing] + [f"has {s!r}" for s in leaked]
