"""`newscrawl ingest`: archived responses go through the same pipelines, offline."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
import tomllib
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

import pytest
from archives import ANY_OUTLET_SOURCES as SOURCES
from archives import BASES, any_outlet_responses, write_arc, write_warc
from smallweb import ROOT, assert_user_error, newscrawl_process, run

from newscrawl.config import load_sources
from newscrawl.crawl.fixture_web import FixtureWeb, default_root
from newscrawl.store import Store
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
    assert "not a WARC or ARC file" in result.stdout and "cut.warc.gz" in result.stdout
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
    (b"root:x:0:0:root:/root:/bin/bash\n", "not a WARC or ARC file"),
    (b"", "not a WARC or ARC file (the file is empty)"),
    (b"WARC/1.0\r\nthese are not headers\r\n\r\n", "not a WARC file (no WARC record in it)"),
    (gzip.compress(b"WARC/1.0\r\n" + bytes(range(256)) * 4, mtime=0)[:14],  # cut before "WARC/" is out
     "not a WARC or ARC file (the gzip data ends before a first record)"),
    (gzip.compress(b"filedesc://x.arc " + bytes(range(256)) * 4, mtime=0)[:14],
     "not a WARC or ARC file (the gzip data ends before a first record)"),
    (b"filedesc://x.arc 20050614070144\nnot an ARC header line\n", "not an ARC file (no readable ARC record"),
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


def _fetch(web: FixtureWeb, paths: list[str]) -> list[tuple[str, int, bytes]]:
    pages = []
    for path in paths:
        url = web.url("ledger", path)
        with urllib.request.urlopen(url) as response:
            pages.append((url, response.status, response.read()))
    return pages


@pytest.mark.slow
def test_ingest_reads_arc_files_and_reextract_reads_them_back(tmp_path: Path) -> None:
    articles = [e["path"] for e in EXPECTED if e["outlet"] == "ledger" and e["verdict"] == "article"]
    off_topic = [e["path"] for e in EXPECTED if e["outlet"] == "ledger" and e["verdict"] == "off-topic"]
    with FixtureWeb().start() as web:
        gzipped, plain = tmp_path / "IA-2026.arc.gz", tmp_path / "IA-2026.arc"
        write_arc(gzipped, _fetch(web, articles[:3]))
        write_arc(plain, _fetch(web, articles[3:] + off_topic))
        cut = tmp_path / "cut.arc.gz"
        cut.write_bytes(gzipped.read_bytes()[:-300])
        db = tmp_path / "arc.db"
        web.clear_requests()
        result = newscrawl_process("ingest", str(gzipped), str(plain), str(cut), "--sources",
                                   str(web.sources_path), "--db", str(db), "--no-progress")
        assert "cut.arc.gz" in result.stdout and "record is truncated" in result.stdout
        conn = sqlite3.connect(db)
        stored = {url for (url,) in conn.execute("SELECT url FROM pages WHERE verdict = 'article'")}
        off = conn.execute("SELECT count(*) FROM pages WHERE verdict = 'off-topic'").fetchone()[0]
        files = {Path(f).name for (f,) in conn.execute("SELECT DISTINCT warc_file FROM pages")}
        assert stored == {web.url("ledger", p) for p in articles} and off == len(off_topic)
        assert {gzipped.name, plain.name} <= files <= {gzipped.name, plain.name, cut.name}
        newscrawl_process("reextract", "--sources", str(web.sources_path), "--db", str(db), "--no-progress")
        assert web.requests == [], "ingest and reextract must not touch the network"
        stats = json.loads(conn.execute("SELECT stats FROM crawl_runs ORDER BY id DESC").fetchone()[0])
    assert "warc_errors" not in stats  # every ARC record found again by its offset


def _any_outlet_archive(directory: Path) -> Path:
    return write_warc(directory, any_outlet_responses())


@pytest.mark.slow
def test_ingest_any_outlet_keeps_every_sites_articles_and_drafts_their_outlets(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES)
    archive = _any_outlet_archive(tmp_path / "cc-news")
    db = tmp_path / "any.db"
    args = ("ingest", str(archive), "--sources", str(sources), "--db", str(db), "--no-progress")

    configured_only = newscrawl_process(*args)
    assert "4 URLs belong to no configured outlet (skipped)" in configured_only.stdout
    every = newscrawl_process(*args, "--any-outlet")
    assert "3 outlets derived from their pages' domains" in every.stdout

    conn = sqlite3.connect(db)
    articles = dict(conn.execute("SELECT url, outlet FROM articles").fetchall())
    assert articles == {
        BASES["ledger"] + "/2026/01/27/tech-workers-letter.html": "ledger",
        BASES["bytewire"] + "/2026/01/26/iceout-tech-letter-signatures/": "bytewire-co-uk-2",
        BASES["latino"] + "/2026/01/redadas-familias-minneapolis.html": "latino-hoy-com-mx",
    }
    outlets = {row[0]: row[1:] for row in conn.execute(
        "SELECT slug, name, domain, country, language, derived FROM outlets")}
    assert outlets == {
        "ledger": ("The Northfield Ledger", "northfield-ledger.com", "US", "en", 0),
        "bytewire-co-uk": ("Bytewire Holdings", "bytewire-holdings.com", "US", "en", 0),
        "bytewire-co-uk-2": ("Bytewire", "bytewire.co.uk", "GB", "en", 1),
        "latino-hoy-com-mx": ("latino-hoy.com.mx", "latino-hoy.com.mx", "MX", "es", 1),
        "example-net": ("example.net", "example.net", None, None, 1),  # a 404, no article
    }
    assert conn.execute("SELECT verdict FROM pages WHERE outlet = 'bytewire-co-uk-2' "
                        "AND url LIKE '%chipmaker%'").fetchone() == ("off-topic",)

    # search, export, report and the outlet filter know the derived outlets
    code, out = run("search", "ICE", "--db", str(db), "--outlet", "latino-hoy-com-mx", "--json")
    assert code == 0, out
    assert {r["outlet"] for r in json.loads(out)} == {"latino-hoy-com-mx"}
    export = tmp_path / "all.jsonl"
    code, out = run("export", "-o", str(export), "--db", str(db), "--fields", "outlet,outlet_name")
    assert code == 0, out
    exported = {json.loads(line)["outlet"]: json.loads(line)["outlet_name"]
                for line in export.read_text().splitlines()}
    assert exported == {"ledger": "The Northfield Ledger", "bytewire-co-uk-2": "Bytewire",
                        "latino-hoy-com-mx": "latino-hoy.com.mx"}
    report = tmp_path / "report.html"
    code, out = run("report", "--db", str(db), "-o", str(report))
    assert code == 0 and "3 articles (3 stories) from 3 outlets" in out, out
    assert "bytewire-co-uk-2" in report.read_text() and "latino-hoy-com-mx" in report.read_text()
    sheet = json.loads(next(tmp_path.glob("all*datasheet.json")).read_text())
    assert any(limit.startswith("Outlets derived from domains: 2 of 3") for limit in sheet["known_limits"])

    # reextract re-judges the derived outlets' pages too
    bytewire = BASES["bytewire"] + "/2026/01/26/iceout-tech-letter-signatures/"
    (title,) = conn.execute("SELECT title FROM articles WHERE url = ?", (bytewire,)).fetchone()
    conn.execute("UPDATE articles SET title = 'Stale' WHERE url = ?", (bytewire,))
    conn.commit()
    newscrawl_process("reextract", "--sources", str(sources), "--db", str(db), "--no-progress")
    assert conn.execute("SELECT title FROM articles WHERE url = ?", (bytewire,)).fetchone() == (title,)
    assert conn.execute("SELECT name, derived FROM outlets WHERE slug = 'bytewire-co-uk-2'").fetchone() == (
        "Bytewire", 1)

    # --add-outlets drafts the derived outlets that have articles; they are valid outlets,
    # owning their domains from now on
    drafts = newscrawl_process(*args, "--any-outlet", "--add-outlets")
    assert "Added 2 draft outlets" in drafts.stderr
    drafted = load_sources(sources)
    assert set(drafted) == {"ledger", "bytewire-co-uk", "bytewire-co-uk-2", "latino-hoy-com-mx"}
    latino = drafted["latino-hoy-com-mx"]
    assert (latino.domain, latino.language, latino.country) == ("latino-hoy.com.mx", "es", "MX")
    assert (drafted["bytewire-co-uk-2"].name, drafted["bytewire-co-uk-2"].verified) == ("Bytewire", False)
    again = newscrawl_process(*args, "--any-outlet", "--add-outlets")
    assert "Added" not in again.stdout
    assert load_sources(sources).keys() == drafted.keys()
    assert conn.execute("SELECT derived FROM outlets WHERE slug = 'bytewire-co-uk-2'").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM articles").fetchone() == (3,)


@pytest.mark.slow
def test_a_write_that_fails_mid_ingest_fails_the_run_without_a_hang(tmp_path: Path) -> None:
    archive = _any_outlet_archive(tmp_path / "cc-news")
    sources = tmp_path / "sources.toml"
    sources.write_text(SOURCES)
    db = tmp_path / "news.db"
    Store.open(db).close()
    conn = sqlite3.connect(db)  # every page write fails, as on a full disk
    conn.execute("CREATE TRIGGER no_room BEFORE INSERT ON pages BEGIN SELECT RAISE(ABORT, 'no room'); END")
    conn.commit()
    done = subprocess.run([sys.executable, "-m", "newscrawl.cli", "ingest", str(archive), "--sources",
                           str(sources), "--db", str(db), "--no-progress", "--any-outlet"],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)  # no hang
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stderr.count("Error:") == 1 and "no room" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert conn.execute("SELECT status FROM crawl_runs").fetchall() == [("failed",)]
    assert conn.execute("SELECT count(*) FROM pages").fetchone() == (0,)


@pytest.mark.parametrize(("extra", "problem"), [
    (("--add-outlets",), "--add-outlets goes with --any-outlet"),
    (("--any-outlet", "--outlet", "ledger"), "leave out --outlet"),
])
def test_ingest_outlet_options_that_do_not_go_together(tmp_path: Path, extra: tuple[str, ...],
                                                         problem: str) -> None:
    archive = write_warc(tmp_path / "w", [("https://a.example.com/x", 200, b"<p>x</p>")])
    db = tmp_path / "x.db"
    code, out = run("ingest", str(archive), "--db", str(db), *extra)
    assert_user_error(code, out, problem)
    assert not db.exists()

