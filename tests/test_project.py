"""The project folder (newscrawl.toml, newscrawl init) and where each command reads and writes:
the flag, else the environment, else newscrawl.toml, else the defaults."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest
from smallweb import assert_user_error, run

from newscrawl import settings
from newscrawl.config import DEFAULT_SOURCES, DEFAULT_TOPIC, ConfigError, load_sources, load_topic
from newscrawl.project import (
    CONFIG_NAME,
    PLACEHOLDER_CONTACT,
    check_user_agent,
    find_config,
    init_project,
    load_project,
)
from newscrawl.store import Store


def test_without_a_project_the_database_is_the_users_and_the_config_the_bundled_one() -> None:
    project = load_project(None, environ={})
    assert project.database == settings.USER_DATA_DIR / "news.db"
    assert (project.sources, project.topic) == (DEFAULT_SOURCES, DEFAULT_TOPIC)
    assert project.demo_database == settings.USER_DATA_DIR / "demo.db"
    assert project.user_agent is None and project.settings == {}


def test_init_writes_a_project_that_loads(tmp_path: Path) -> None:
    written = init_project(tmp_path / "study")
    assert {p.relative_to(tmp_path / "study").as_posix() for p in written} == {
        "newscrawl.toml", "sources.toml", "topics/ice-tech-workers.toml"}
    config = tmp_path / "study" / CONFIG_NAME
    project = load_project(config, environ={})
    assert project.database == tmp_path / "study" / "news.db"
    assert project.sources == tmp_path / "study" / "sources.toml"
    assert load_sources(project.sources) and load_topic(project.topic).slug
    assert PLACEHOLDER_CONTACT in project.user_agent
    # the crawl settings it writes are settings.py's defaults
    assert project.settings["DOWNLOAD_DELAY"] == settings.DOWNLOAD_DELAY
    assert project.settings["NEWSCRAWL_MIN_WORDS"] == settings.default("NEWSCRAWL_MIN_WORDS")
    with pytest.raises(ConfigError, match="already exists"):
        init_project(tmp_path / "study")


def test_the_environment_wins_over_newscrawl_toml(tmp_path: Path) -> None:
    config = tmp_path / CONFIG_NAME
    config.write_text('database = "corpus/ice.db"\ntopic = "t.toml"\n')
    project = load_project(config, environ={})
    assert project.database == tmp_path / "corpus" / "ice.db"
    assert project.topic == tmp_path / "t.toml" and project.sources == DEFAULT_SOURCES
    other = load_project(config, environ={"NEWSCRAWL_DB": str(tmp_path / "env.db")})
    assert other.database == tmp_path / "env.db" and other.topic == tmp_path / "t.toml"


def test_newscrawl_toml_is_found_from_a_subfolder_or_named_by_newscrawl_config(tmp_path: Path) -> None:
    (tmp_path / CONFIG_NAME).write_text("")
    (tmp_path / "a" / "b").mkdir(parents=True)
    assert find_config(tmp_path / "a" / "b", environ={}) == tmp_path / CONFIG_NAME
    elsewhere = tmp_path / "other.toml"
    elsewhere.write_text("")
    assert find_config(tmp_path / "a", environ={"NEWSCRAWL_CONFIG": str(elsewhere)}) == elsewhere
    with pytest.raises(ConfigError, match="NEWSCRAWL_CONFIG"):
        find_config(tmp_path, environ={"NEWSCRAWL_CONFIG": str(tmp_path / "nope.toml")})


@pytest.mark.parametrize(("text", "fragment"), [
    ('databse = "x.db"\n', "databse"),
    ("database = 3\n", "database"),
    ('[settings]\nNEWSCRAWL_' + 'NOPE = 1\n', "not a Scrapy or"),  # (split: no such setting)
    ('[settings]\nNEWSCRAWL_DB = "x.db"\n', "write it as database"),
    ("database = \n", "not valid TOML"),
])
def test_a_bad_newscrawl_toml_is_one_error_naming_the_key(tmp_path: Path, text: str, fragment: str,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / CONFIG_NAME).write_text(text)
    with pytest.raises(ConfigError, match=fragment):
        load_project(tmp_path / CONFIG_NAME, environ={})
    monkeypatch.chdir(tmp_path)
    code, out = run("runs")
    assert_user_error(code, out, CONFIG_NAME, fragment)


def test_the_placeholder_contact_is_refused() -> None:
    check_user_agent("newscrawl/1 (me@uni.example)", None)
    with pytest.raises(ConfigError, match="--user-agent"):
        check_user_agent(f"x ({PLACEHOLDER_CONTACT})", None)


def test_a_crawl_refuses_to_run_with_the_placeholder_user_agent(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    code, out = run("init", str(tmp_path / "p"))
    assert code == 0, out
    monkeypatch.chdir(tmp_path / "p")
    for command in (["crawl"], ["sources", "check"], ["schedule", "--every", "1h"]):
        code, out = run(*command)
        assert_user_error(code, out, "newscrawl.toml: user_agent", PLACEHOLDER_CONTACT)
    assert not (tmp_path / "p" / "news.db").exists()
    code, out = run("init", str(tmp_path / "p"))
    assert_user_error(code, out, "already exists")


def test_a_crawl_uses_the_projects_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a bad value in [settings] reaches the crawl: the outlets file it names is checked first
    (tmp_path / CONFIG_NAME).write_text('sources = "mine.toml"\nuser_agent = "x (me@uni.example)"\n')
    monkeypatch.chdir(tmp_path)
    code, out = run("crawl")
    assert_user_error(code, out, "mine.toml")
    monkeypatch.setenv("NEWSCRAWL_SOURCES", str(tmp_path / "env.toml"))
    code, out = run("crawl")
    assert_user_error(code, out, "env.toml")


def test_reading_commands_use_the_demo_database_until_a_crawl_made_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / CONFIG_NAME).write_text('database = "news.db"\n')
    monkeypatch.chdir(tmp_path)
    Store.open(tmp_path / "demo.db").close()
    code, out = run("runs", "--json")
    assert code == 0, out
    assert f"Note: no database at {tmp_path / 'news.db'} yet; reading the demo's" in out
    # --db is taken at its word
    code, out = run("runs", "--db", str(tmp_path / "news.db"))
    assert "Note:" not in out
    # once the database exists it is the one read
    Store.open(tmp_path / "news.db").close()
    code, out = run("runs", "--json")
    assert code == 0 and "Note:" not in out, out


def test_init_copies_the_bundled_files_unchanged(tmp_path: Path) -> None:
    init_project(tmp_path)
    assert (tmp_path / "sources.toml").read_bytes() == DEFAULT_SOURCES.read_bytes()
    assert tomllib.loads((tmp_path / CONFIG_NAME).read_text())["database"] == "news.db"


def test_a_crawl_without_a_project_makes_the_user_data_folder(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawl.cli import main

    monkeypatch.chdir(tmp_path)
    shutil.rmtree(settings.USER_DATA_DIR, ignore_errors=True)  # the tests' own (conftest.py)
    ctx = main.commands["crawl"].make_context("crawl", [])
    assert ctx.params["db"] == settings.USER_DATA_DIR / "news.db"
    assert settings.USER_DATA_DIR.is_dir()
    assert not settings.USER_DATA_DIR.is_relative_to(Path(settings.__file__).parent.parent)


def test_add_outlets_never_writes_the_bundled_outlets_file(tmp_path: Path) -> None:
    before = DEFAULT_SOURCES.read_bytes()
    seeds = tmp_path / "seeds.txt"
    seeds.write_text("https://unknown.example/2026/01/story.html\n")
    code, out = run("crawl", "--urls", str(seeds), "--add-outlets", "--db", str(tmp_path / "n.db"),
                    "--user-agent", "x (me@uni.example)")
    assert_user_error(code, out, "--add-outlets", "bundled with newscrawl", "newscrawl init")
    warc = tmp_path / "a.warc"
    warc.write_bytes(b"")
    code, out = run("ingest", str(warc), "--any-outlet", "--add-outlets", "--db", str(tmp_path / "n.db"))
    assert_user_error(code, out, "--add-outlets", "bundled with newscrawl")
    assert DEFAULT_SOURCES.read_bytes() == before and not (tmp_path / "n.db").exists()
