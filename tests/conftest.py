"""Shared fixtures: the fixture web (tests/web/) served, and crawled once per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from smallweb import QUICK, crawl

from newscrawl.crawl.fixture_web import FixtureWeb, RequestRecord


@pytest.fixture(scope="session")
def fixture_web() -> Iterator[FixtureWeb]:
    """The fixture web on 127.0.0.1, up for the whole session (its URLs stay valid)."""
    with FixtureWeb().start() as web:
        yield web


@pytest.fixture(scope="session")
def crawl_of_fixture_web(
    fixture_web: FixtureWeb, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, list[RequestRecord]]:
    """``newscrawl crawl`` of the whole fixture web: the database, and the requests the web saw."""
    db = tmp_path_factory.mktemp("crawled") / "news.db"
    fixture_web.clear_requests()
    crawl(fixture_web.sources_path, db, settings=QUICK)
    return db, list(fixture_web.requests)


@pytest.fixture(scope="session")
def crawled(crawl_of_fixture_web: tuple[Path, list[RequestRecord]]) -> Path:
    """A database made by ``newscrawl crawl`` of the whole fixture web. Read it; copy it to change it."""
    return crawl_of_fixture_web[0]
