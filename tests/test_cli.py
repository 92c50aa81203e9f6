"""The CLI's answers to bad input: one clear message, exit status 2, nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from smallweb import assert_user_error, run

from newscrawl.cli import main
from newscrawl.config import DEFAULT_SOURCES, DEFAULT_TOPIC


def test_missing_sources_file(tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    code, out = run("crawl", "--sources", str(tmp_path / "nope.toml"), "--db", str(db))
    assert_user_error(code, out, "nope.toml")
    assert not db.exists()


def test_invalid_sources_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('[outlets.x]\nname = "X"\n')
    db = tmp_path / "out.db"
    code, out = run("crawl", "--sources", str(bad), "--db", str(db))
    assert_user_error(code, out, "bad.toml", "outlets.x")
    assert not db.exists()


def test_malformed_topic_query(tmp_path: Path) -> None:
    topic = tmp_path / "t.toml"
    topic.write_text('[topic]\nslug = "t"\nname = "T"\nquery = "(ICE AND"\n')
    db = tmp_path / "out.db"
    code, out = run("crawl", "--topic", str(topic), "--db", str(db))
    assert_user_error(code, out, "t.toml", "topic.query")
    assert not db.exists()


@pytest.mark.parametrize("query", ["(" * 250 + "ICE" + ")" * 250, "NOT " * 1000 + "ICE"])
def test_a_topic_query_nested_too_deeply_is_one_error_line(tmp_path: Path, query: str) -> None:
    topic = tmp_path / "deep.toml"
    topic.write_text(f'[topic]\nslug = "t"\nname = "T"\nquery = "{query}"\n')
    db = tmp_path / "out.db"
    code, out = run("crawl", "--topic", str(topic), "--db", str(db))
    assert_user_error(code, out, "deep.toml", "topic.query", "nested too deeply")
    assert "RecursionError" not in out and not db.exists()


def test_a_toml_file_nested_too_deeply_is_one_error_line(tmp_path: Path) -> None:
    sources = tmp_path / "deep.toml"
    sources.write_text("[outlets.x]\nfeeds = " + "[" * 5000 + "]" * 5000 + "\n")
    db = tmp_path / "out.db"
    code, out = run("crawl", "--sources", str(sources), "--db", str(db))
    assert_user_error(code, out, "deep.toml", "nested too deeply")
    assert "RecursionError" not in out and not db.exists()


def test_unknown_outlet(tmp_path: Path) -> None:
    db = tmp_path / "out.db"
    code, out = run("crawl", "--outlet", "techcrunchh", "--db", str(db))
    assert_user_error(code, out, "techcrunchh", "techcrunch")
    assert not db.exists()


def test_unwritable_db(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, out = run("crawl", "--db", str(blocker / "news.db"))
    assert_user_error(code, out, "not an existing directory")


def test_corrupt_db(tmp_path: Path) -> None:
    db = tmp_path / "corrupt.db"
    db.write_bytes(b"garbage" * 1000)
    code, out = run("crawl", "--db", str(db))
    assert_user_error(code, out, "cannot open as a SQLite database")
    assert db.read_bytes() == b"garbage" * 1000
    code, out = run("runs", "--db", str(db))
    assert_user_error(code, out, "cannot open as a SQLite database")


def test_bad_since(tmp_path: Path) -> None:
    code, out = run("crawl", "--since", "last tuesday", "--db", str(tmp_path / "x.db"))
    assert_user_error(code, out, "--since", "YYYY-MM-DD")
    assert not (tmp_path / "x.db").exists()


def test_bad_setting_syntax(tmp_path: Path) -> None:
    code, out = run("crawl", "-s", "DOWNLOAD_DELAY", "--db", str(tmp_path / "x.db"))
    assert_user_error(code, out, "NAME=VALUE")


def test_runs_on_missing_db(tmp_path: Path) -> None:
    code, out = run("runs", "--db", str(tmp_path / "none.db"))
    assert_user_error(code, out, "no such database")
    assert not (tmp_path / "none.db").exists()


def test_extract_errors(tmp_path: Path) -> None:
    code, out = run("extract", str(tmp_path / "missing.html"))
    assert_user_error(code, out, "missing.html")
    page = tmp_path / "p.html"
    page.write_text("<html><body><p>hi</p></body></html>")
    code, out = run("extract", str(page), "--timezone", "Mars/Olympus")
    assert_user_error(code, out, "Mars/Olympus")


def test_help_explains_every_command() -> None:
    for command in ("crawl", "demo", "extract", "runs"):
        code, out = run(command, "--help")
        assert code == 0 and "Usage:" in out


def test_defaults_exist() -> None:
    assert DEFAULT_SOURCES.is_file() and DEFAULT_TOPIC.is_file()


@pytest.mark.slow
def test_scrapy_list_finds_the_spiders() -> None:
    root = Path(__file__).resolve().parent.parent
    # `python -m scrapy` of this interpreter: the `scrapy` on PATH may belong to another install
    out = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=root, capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["gdelt", "news", "news-worker", "news-writer", "seeds", "warc",
                                  "warc-worker", "warc-writer"]


@pytest.mark.slow
def test_extract_prints_json(tmp_path: Path) -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i}: tech workers at several companies signed an open letter asking their "
        "chief executives to cancel contracts with immigration enforcement and speak out.</p>"
        for i in range(6)
    )
    page = tmp_path / "a.html"
    page.write_text(
        "<html lang='en'><head><title>Workers sign letter | The Ledger</title>"
        "<meta property='article:published_time' content='2026-01-27T09:30:00-05:00'></head>"
        f"<body><article><h1>Workers sign letter</h1>{paragraphs}</article></body></html>"
    )
    result = subprocess.run(
        [sys.executable, "-m", "newscrawl.cli", "extract", str(page), "--url",
         "https://ledger.example/2026/01/27/letter.html"],
        capture_output=True, text=True, check=True,
    )
    data = json.loads(result.stdout)
    assert data["title"] == "Workers sign letter"
    assert data["published_at"] == "2026-01-27T14:30:00+00:00"
    assert "open letter" in data["text"]
    assert set(data) >= {"title", "authors", "published_at", "modified_at", "language",
                         "description", "text", "canonical_url"}


def test_second_crawl_on_a_locked_database_exits_3(tmp_path: Path) -> None:
    from newscrawl.crawl.lock import CrawlLock

    db = tmp_path / "busy.db"
    with CrawlLock(db):
        result = CliRunner().invoke(main, ["crawl", "--db", str(db)])
    assert result.exit_code == 3, result.output
    assert "already running" in result.output and "Traceback" not in result.output


def test_discovery_options_that_do_not_go_together(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("https://techcrunch.com/2026/01/27/a-story/\n")
    db = str(tmp_path / "x.db")
    code, out = run("crawl", "--urls", str(urls), "--gdelt", "--db", db)
    assert_user_error(code, out, "choose one")
    code, out = run("crawl", "--add-outlets", "--db", db)
    assert_user_error(code, out, "--add-outlets goes with --urls")
    code, out = run("crawl", "--until", "2026-01-02", "--db", db)
    assert_user_error(code, out, "--until goes with --gdelt")
    code, out = run("crawl", "--urls", str(tmp_path / "missing.txt"), "--db", db)
    assert_user_error(code, out, "missing.txt")
    assert not (tmp_path / "x.db").exists()


def test_schedule_bad_interval_and_bad_crawl_options(tmp_path: Path) -> None:
    code, out = run("schedule", "--every", "abc", "--db", str(tmp_path / "x.db"))
    assert_user_error(code, out, "--every")
    code, out = run("schedule", "--every", "30m", "--outlet", "nope-outlet", "--db", str(tmp_path / "x.db"))
    assert_user_error(code, out, "nope-outlet")
    assert not (tmp_path / "x.db").exists()


@pytest.mark.slow
@pytest.mark.parametrize("as_json", [False, True])
def test_schedule_runs_crawls(tmp_path: Path, as_json: bool) -> None:
    from newscrawl.crawl.fixture_web import FixtureWeb

    db = tmp_path / "s.db"
    with FixtureWeb().start() as web:
        result = subprocess.run(
            [sys.executable, "-m", "newscrawl.cli", "schedule", "--every", "1m", "--max-runs", "1",
             "--sources", str(web.sources_path), "--db", str(db), "--outlet", "ledger",
             "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_START_DELAY=0", *(["--json"] if as_json else [])],
            capture_output=True, text=True, timeout=300,
        )
    assert result.returncode == 0, result.stderr
    if as_json:  # stdout: the run's summary alone; the schedule's own lines on stderr
        assert json.loads(result.stdout)["status"] == "finished"
        assert "run 1 ok" in result.stderr and "Stopped after 1 run" in result.stderr
    else:
        assert "run 1 ok" in result.stdout and "Stopped after 1 run" in result.stdout
    import sqlite3

    assert sqlite3.connect(db).execute("SELECT status FROM crawl_runs").fetchall() == [("finished",)]


@pytest.mark.slow
def test_sources_check_on_the_fixture_web() -> None:
    from newscrawl.crawl.fixture_web import FixtureWeb

    with FixtureWeb().start() as web:
        result = CliRunner().invoke(main, ["sources", "check", "--sources", str(web.sources_path),
                                           "--json", "--timeout", "5"])
    assert result.exit_code == 0, result.output
    checks = json.loads(result.output)
    assert checks and all(c["ok"] for c in checks)
    assert {c["kind"] for c in checks} >= {"feed", "sitemap"}


def test_show_and_dupes_errors(tmp_path: Path) -> None:
    from newscrawl.store import Store

    db = tmp_path / "empty.db"
    Store.open(db).close()
    code, out = run("show", "42", "--db", str(db))
    assert_user_error(code, out, "no article 42")
    code, out = run("dupes", "--db", str(db), "--since", "yesterday")
    assert_user_error(code, out, "--since")
    code, out = run("dupes", "--db", str(tmp_path / "none.db"))
    assert_user_error(code, out, "no such database")


def test_serve_user_errors(tmp_path: Path) -> None:
    code, out = run("serve", "--db", str(tmp_path / "none.db"))
    assert_user_error(code, out, "no such database")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not sqlite" * 100)
    code, out = run("serve", "--db", str(garbage))
    assert_user_error(code, out, "cannot open as a SQLite database")


def test_show_prints_the_byline_credit(tmp_path: Path) -> None:
    from newscrawl.items import Article
    from newscrawl.store import Store

    db = tmp_path / "news.db"
    store = Store.open(db)
    store.db["outlets"].insert({"slug": "ledger", "name": "The Ledger"})
    article_id = store.insert_article(
        Article(url="https://ledger.example/a", outlet="ledger", title="Bridge reopens",
                text="The bridge reopened.", authors=["Jane Roe"], credit=["Associated Press"]),
        None,
    )
    store.close()
    code, out = run("show", str(article_id), "--db", str(db))
    assert code == 0, out
    assert "Jane Roe" in out and "credit" in out and "Associated Press" in out
    code, out = run("show", str(article_id), "--db", str(db), "--json")
    assert json.loads(out)["credit"] == ["Associated Press"]


@pytest.mark.parametrize("args, code", [(["--version"], 0), (["no-such-command"], 2)])
def test_the_program_exits_with_the_commands_status_and_its_objects_frozen(args: list[str],
                                                                          code: int) -> None:
    # `newscrawl` (and python -m newscrawl.cli) is cli.run: the command, then gc.freeze(), so the
    # interpreter's exit does not walk the objects left; the exit status is the command's.
    probe = ("import atexit, gc, sys\n"
             "atexit.register(lambda: print('frozen', gc.get_freeze_count() > 0))\n"
             f"sys.argv = ['newscrawl', *{args!r}]\n"
             "from newscrawl.cli import run\n"
             "run()\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == code, result.stderr
    assert "frozen True" in result.stdout
