"""Shared fixtures: the fixture web (data/demo-web/) served, and crawled once per test session."""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

# Before newscrawl is imported: no test reads or writes the user's own database (the user data
# folder) or project (newscrawl.toml, NEWSCRAWL_* in the environment). Subprocesses inherit this.
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="newscrawl-tests-data-")
atexit.register(shutil.rmtree, os.environ["XDG_DATA_HOME"], True)
# Nor the user's cache folder (dateparser's built locale data, justext's stop words:
# newscrawl.extract.cachefile).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="newscrawl-tests-cache-")
atexit.register(shutil.rmtree, os.environ["XDG_CACHE_HOME"], True)
for _name in ("NEWSCRAWL_CONFIG", "NEWSCRAWL_DB", "NEWSCRAWL_SOURCES", "NEWSCRAWL_TOPIC"):
    os.environ.pop(_name, None)
# Tests send SIGINT to the crawls and servers they start, which inherit an ignored SIGINT: a
# suite started in the background by a non-interactive shell (`pytest &` in a script) has one.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

import pytest  # noqa: E402
from smallweb import QUICK, crawl  # noqa: E402

from newscrawl.crawl.fixture_web import FixtureWeb, RequestRecord  # noqa: E402


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
