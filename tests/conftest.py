"""Shared fixtures: the fixture web (tests/web/) crawled once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest
from smallweb import QUICK, crawl

from newscrawl.crawl.fixture_web import FixtureWeb


@pytest.fixture(scope="session")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database made by ``newscrawl crawl`` of the whole fixture web. Read it; copy it to change it."""
    db = tmp_path_factory.mktemp("crawled") / "news.db"
    with FixtureWeb().start() as web:
        crawl(web.sources_path, db, settings=QUICK)
    return db
