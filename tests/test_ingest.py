"""`newscrawl ingest`: archived responses go through the same pipelines, offline."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import tomllib
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from smallweb import ROOT, assert_user_error, newscrawl_process, run

from newscrawl.crawl.fixture_web import FixtureWeb, default_root
from newscrawl.store.warc import WarcWriter

EXPECTED = tomllib.loads((default_root() / "expected.toml").read_text())["page"]


def _archive(web: FixtureWeb, directory: Path, paths: list[str]) -> Path:
    with WarcWriter(directory) as writer:
        for path in paths:
            url = web.url("ledger", path)
            with urllib.request.urlopen(url) as response:
                writer.write_response(url, response.status, dict(response.headers), response.read(),
                                      datetime.now(UTC))
        name = writer.current_file
    return directory / name


@pytest.mark.slow
def test_ingest_stores_articles_and_reports_broken_files(tmp_path: Path) -> None:
    articles = [e["path"] for e in EXPECTED if e["outlet"] == "ledger" and e["verdict"] == "article"]
    off_topic = [e["path"] for e in EXPECTED if e["outlet"] == "ledger" and e["verdict"] == "off-topic"]
    with FixtureWeb().start() as web:
        good = _archive(web, tmp_path / "a", articles + off_topic)
        truncated = tmp_path / "cut.warc.gz"
        truncated.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
        not_warc = tmp_path / "notes.warc.gz"
        not_warc.write_text("these are not archived responses\n")
        db = tmp_path / "ingest.db"
        web.clear_requests()
        result = newscrawl_process("ingest", str(not_warc), str(truncated), str(good),
                                   "--sources", str(web.sources_path), "--db", str(db), "--no-progress")
        assert web.requests == [], "ingest must not touch the network"
        expected_urls = {web.url("ledger", p) for p in articles}
    assert "not a WARC file" in result.stdout and "cut.warc.gz" in result.stdout
    # it says what it did, and nothing of the WARC stage it does not need
    assert "ingest run" in result.stdout and "pages read from WARC files" in result.stdout
    assert "pages fetched" not in result.stdout
    assert "WarcPipeline" not in result.stderr and "WARNING" not in result.stderr, result.stderr
    conn = sqlite3.connect(db)
    stored = {url for (url,) in conn.execute("SELECT url FROM pages WHERE verdict = 'article'")}
    assert stored == expected_urls
    off = conn.execute("SELECT count(*) FROM pages WHERE verdict = 'off-topic'").fetchone()[0]
    assert off == len(off_topic)


@pytest.mark.slow
def test_ingest_missing_file_is_a_user_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "ingest", str(tmp_path / "none.warc.gz"),
         "--db", str(tmp_path / "x.db")],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 2 and "no such file" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.db").exists()


@pytest.mark.parametrize(("content", "problem"), [
    (b"root:x:0:0:root:/root:/bin/bash\n", "not a WARC file"),
    (b"", "not a WARC file (the file is empty)"),
    (b"WARC/1.0\r\nthese are not headers\r\n\r\n", "not a WARC file (no WARC record in it)"),
])
def test_ingest_of_no_warc_file_is_a_user_error_and_writes_nothing(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    passwd = tmp_path / "passwd"
    passwd.write_bytes(content)
    db = tmp_path / "x.db"
    code, out = run("ingest", str(passwd), "--db", str(db))
    assert_user_error(code, out, "passwd", problem)
    assert not db.exists() and not (tmp_path / "warc").exists()


@pytest.mark.slow
def test_ingesting_a_file_twice_changes_nothing(tmp_path: Path) -> None:
    articles = [e["path"] for e in EXPECTED if e["outlet"] == "ledger" and e["verdict"] == "article"][:2]
    with FixtureWeb().start() as web:
        archive = _archive(web, tmp_path / "a", articles)
        with WarcWriter(tmp_path / "a") as writer:  # an archived server error, retried if fetched live
            writer.write_response(web.url("ledger", "/busy.html"), 503, {"Content-Type": "text/html"},
                                  b"busy", datetime.now(UTC))
            busy = tmp_path / "a" / writer.current_file
        db = tmp_path / "ingest.db"
        args = ("ingest", str(archive), str(busy), "--sources", str(web.sources_path), "--db", str(db),
                "--no-progress")
        newscrawl_process(*args)
        conn = sqlite3.connect(db)
        before = conn.execute("SELECT url, verdict, reason, crawl_run_id FROM pages ORDER BY url").fetchall()
        summary = json.loads(newscrawl_process(*args, "--json").stdout)
        after = conn.execute("SELECT url, verdict, reason, crawl_run_id FROM pages ORDER BY url").fetchall()
        runs = conn.execute("SELECT id, stats FROM crawl_runs ORDER BY id").fetchall()
    assert after == before and len(before) == len(articles) + 1
    assert summary["run_id"] == runs[-1][0] and summary["status"] == "finished"
    assert summary["pages_archived"] == summary["pages_fetched"] == summary["articles_new"] == 0
    second = json.loads(runs[-1][1])
    assert second["pages_recorded"] == 0 and second["errors"] == {}
    assert second["skipped"]["already_fetched"] == len(articles) + 1
