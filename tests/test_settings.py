"""Every NEWSCRAWL_* setting has one default, in newscrawl/settings.py, read without fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings
from scrapy.utils.test import get_crawler

from newscrawl import settings
from newscrawl.settings import default, newscrawl_settings, read_setting

ROOT = Path(__file__).resolve().parent.parent


def test_the_module_globals_scrapy_reads_are_the_listed_defaults() -> None:
    scrapy_settings = Settings()
    scrapy_settings.setmodule("newscrawl.settings")
    names = {name for name in scrapy_settings if name.startswith("NEWSCRAWL_")}
    assert names == {setting.name for setting in newscrawl_settings}
    for setting in newscrawl_settings:
        assert getattr(settings, setting.name) == setting.default == scrapy_settings[setting.name]
        assert setting.help and "\n" not in setting.help
    assert len(names) == len(newscrawl_settings)  # each name listed once


def test_read_setting_falls_back_to_the_one_default() -> None:
    bare = Settings()  # no newscrawl.settings, as with a bare get_crawler()
    assert read_setting(bare, "NEWSCRAWL_MIN_WORDS") == 50
    assert read_setting(bare, "NEWSCRAWL_EXTRACT_WORKERS") == default("NEWSCRAWL_EXTRACT_WORKERS")
    assert read_setting(bare, "NEWSCRAWL_WARC_DIR") is None
    assert read_setting(bare, "NEWSCRAWL_COMMAND") == "scrapy crawl news"


def test_read_setting_converts_command_line_strings_to_the_defaults_type() -> None:
    given = Settings({"NEWSCRAWL_MIN_WORDS": "80", "NEWSCRAWL_REFETCH_DAYS": "0.5", "NEWSCRAWL_WARC": "False",
                      "DOWNLOAD_DELAY": "2"})
    assert read_setting(given, "NEWSCRAWL_MIN_WORDS") == 80
    assert read_setting(given, "NEWSCRAWL_REFETCH_DAYS") == 0.5
    assert read_setting(given, "NEWSCRAWL_WARC") is False
    assert read_setting(given, "DOWNLOAD_DELAY") == 2.0  # Scrapy settings newscrawl sets, too


def test_an_unknown_setting_name_is_an_error() -> None:
    typo = "NEWSCRAWL" + "_MIN_WORD"  # spelt in two parts, or tests/test_docs.py would object
    with pytest.raises(KeyError, match=typo):
        read_setting(Settings(), typo)
    with pytest.raises(KeyError):
        default("newscrawl_settings")


def test_components_built_from_a_bare_crawler_get_the_defaults(tmp_path: Path) -> None:
    from newscrawl.judge.dedup import NearDupSettings
    from newscrawl.pipelines.extract import ExtractPipeline
    from newscrawl.pipelines.warc import WarcPipeline
    from newscrawl.spiders.middlewares import CrawlDelayMiddleware, RetryAfterMiddleware

    crawler = get_crawler(settings_dict={"NEWSCRAWL_DB": str(tmp_path / "news.db")})
    extract = ExtractPipeline.from_crawler(crawler)
    assert (extract.workers, extract.min_words) == (default("NEWSCRAWL_EXTRACT_WORKERS"), 50)
    assert extract.near == NearDupSettings() == NearDupSettings.from_settings(Settings())
    assert NearDupSettings().threshold == settings.NEWSCRAWL_NEAR_DUP_THRESHOLD
    warc = WarcPipeline.from_crawler(crawler)
    assert warc.directory == tmp_path / "warc" and warc.max_bytes == settings.NEWSCRAWL_WARC_MAX_BYTES
    retry = RetryAfterMiddleware.from_crawler(crawler)
    assert (retry.base, retry.max_wait) == (2.0, 120.0)
    assert CrawlDelayMiddleware.from_crawler(crawler).max_delay == 60.0


def test_default_paths_and_the_gdelt_address_come_from_settings() -> None:
    from newscrawl.config import DEFAULT_SOURCES, DEFAULT_TOPIC
    from newscrawl.discover.gdelt import DEFAULT_API, DEFAULT_WINDOW
    from newscrawl.project import load_project

    # the database is the user's, never inside the installed package; the outlets and topic are
    # the bundled ones (package data)
    assert load_project(None, environ={}).database == Path(settings.NEWSCRAWL_DB)
    assert Path(settings.NEWSCRAWL_DB) == settings.USER_DATA_DIR / "news.db"
    assert not Path(settings.NEWSCRAWL_DB).is_relative_to(ROOT)
    assert DEFAULT_SOURCES == ROOT / "data" / "sources.toml"
    assert Path(settings.NEWSCRAWL_SOURCES) == DEFAULT_SOURCES
    assert Path(settings.NEWSCRAWL_TOPIC) == DEFAULT_TOPIC
    assert DEFAULT_API == settings.NEWSCRAWL_GDELT_API
    assert DEFAULT_WINDOW.total_seconds() == settings.NEWSCRAWL_GDELT_WINDOW_HOURS * 3600


def test_settings_read_as_floats_take_fractions() -> None:
    given = Settings({"NEWSCRAWL_GDELT_WINDOW_HOURS": "1.5", "NEWSCRAWL_MAX_CRAWL_DELAY": "2.5"})
    assert read_setting(given, "NEWSCRAWL_GDELT_WINDOW_HOURS") == 1.5
    assert read_setting(given, "NEWSCRAWL_MAX_CRAWL_DELAY") == 2.5


def test_a_crawl_starts_no_remote_control_server_and_does_not_load_its_module(tmp_path: Path) -> None:
    from newscrawl.crawl.runner import REMOTE_CONTROL, CrawlRequest, crawl_settings

    settings = crawl_settings(CrawlRequest(outlets={}, topic=None, db=tmp_path / "n.db", progress=False))
    assert settings.getbool("REMOTE_CONTROL_ENABLED") is False
    assert REMOTE_CONTROL not in settings.getwithbase("EXTENSIONS")  # Scrapy imports what it lists
    assert "scrapy.extensions.corestats.CoreStats" in settings.getwithbase("EXTENSIONS")


def test_components_switched_off_are_not_listed_and_those_switched_on_are(tmp_path: Path) -> None:
    from newscrawl.crawl.runner import CrawlRequest, crawl_settings

    cookies = "scrapy.downloadermiddlewares.cookies.CookiesMiddleware"
    telnet = "scrapy.extensions.telnet.TelnetConsole"
    off = crawl_settings(CrawlRequest(outlets={}, topic=None, db=tmp_path / "n.db", progress=False))
    assert off.getbool("COOKIES_ENABLED") is False and off.getbool("TELNETCONSOLE_ENABLED") is False
    assert cookies not in off.getwithbase("DOWNLOADER_MIDDLEWARES")
    assert telnet not in off.getwithbase("EXTENSIONS")
    redirect = "scrapy.downloadermiddlewares.redirect.RedirectMiddleware"
    assert redirect in off.getwithbase("DOWNLOADER_MIDDLEWARES")
    on = crawl_settings(CrawlRequest(outlets={}, topic=None, db=tmp_path / "n.db", progress=False,
                                     settings={"COOKIES_ENABLED": True, "TELNETCONSOLE_ENABLED": True}))
    assert on.getwithbase("DOWNLOADER_MIDDLEWARES")[cookies] == 700
    assert telnet in on.getwithbase("EXTENSIONS")


def test_the_progress_bar_keeps_the_projects_extensions(tmp_path: Path) -> None:
    from newscrawl.crawl.runner import CrawlRequest, crawl_settings

    settings = crawl_settings(CrawlRequest(outlets={}, topic=None, db=tmp_path / "n.db", progress=True))
    extensions = settings.getwithbase("EXTENSIONS")
    assert extensions["newscrawl.crawl.runner.ProgressExtension"] == 500
    assert extensions["newscrawl.spiders.middlewares.CrawlDelayThrottle"] == 0  # robots.txt Crawl-delay
    assert extensions["scrapy.extensions.throttle.AutoThrottle"] is None


def test_a_crawl_makes_no_log_record_that_no_handler_shows(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # Scrapy logs two DEBUG lines a page: with the root at the handlers' lowest level they are
    # never made; a handler that was there before (an application's, pytest's) keeps its level.
    import logging

    from newscrawl.crawl.runner import CrawlRequest, _configure_logging, crawl_settings

    monkeypatch.setattr(logging.root, "handlers", [])
    level = logging.root.level
    try:
        cases = ((None, [], logging.WARNING), (tmp_path / "crawl.log", [], logging.INFO),
                 (None, [logging.NullHandler()], logging.NOTSET))
        for log_file, before, expected in cases:
            logging.root.handlers = before
            request = CrawlRequest(outlets={}, topic=None, db=tmp_path / "n.db", progress=False,
                                   log_level="WARNING", log_file=log_file)
            handlers = _configure_logging(request, crawl_settings(request))
            assert logging.root.level == expected
            debug = logging.getLogger("scrapy.core.engine").isEnabledFor(logging.DEBUG)
            assert debug is (expected == logging.NOTSET)
            for handler in handlers:
                handler.close()
    finally:
        logging.root.setLevel(level)  # (which clears the loggers' cache of levels too)


@pytest.mark.parametrize("name, value, ok", [
    ("NEWSCRAWL_EXTRACT_WORKERS", "3", True), ("NEWSCRAWL_EXTRACT_WORKERS", "many", False),
    ("NEWSCRAWL_PREFILTER", "false", True), ("NEWSCRAWL_PREFILTER", "0", True),
    ("NEWSCRAWL_PREFILTER", "maybe", False), ("NEWSCRAWL_NEAR_DUP_THRESHOLD", "0.5", True),
    ("NEWSCRAWL_NEAR_DUP_THRESHOLD", "half", False), ("NEWSCRAWL_WARC_DIR", "anything", True),
    ("DOWNLOAD_DELAY", "not ours", True),
])
def test_a_value_read_as_its_settings_type_or_said_why_not(name: str, value: str, ok: bool) -> None:
    problem = settings.value_error(name, value)
    assert (problem is None) is ok
    if not ok:
        assert name in problem and repr(value) in problem
    elif name.startswith("NEWSCRAWL_"):  # read_setting then reads it without an error
        read_setting(Settings({name: value}), name)


def test_a_bad_setting_value_is_one_error_before_a_database_exists(tmp_path: Path) -> None:
    from smallweb import assert_user_error, run

    db = tmp_path / "news.db"
    code, output = run("crawl", "--db", str(db), "-s", "NEWSCRAWL_EXTRACT_WORKERS=many")
    assert_user_error(code, output, "NEWSCRAWL_EXTRACT_WORKERS='many'", "expected int")
    assert not db.exists()
