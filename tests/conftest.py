"""Shared fixtures: the fixture web (tests/web/) crawled once per test session."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from smallweb import ROOT, crawl_command

from newscrawl.crawl.fixture_web import FixtureWeb


@pytest.fixture(scope="session")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database made by ``newscrawl crawl`` of the whole fixture web. Read it; copy it to change it."""
    db = tmp_path_factory.mktemp("crawled") / "news.db"
    with FixtureWeb().start() as web:
        command = crawl_command(web.sources_path, db, settings=(
            "DOWNLOAD_DELAY=0", "AUTOTHROTTLE_START_DELAY=0", "RETRY_TIMES=0"))
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    return db
