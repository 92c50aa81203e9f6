"""Tests for newscrawl.config: the shipped sources, every validation error, URL ownership."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from newscrawl.config import (
    DEFAULT_SOURCES,
    DEFAULT_TOPIC,
    OUTLET_KINDS,
    ConfigError,
    Outlet,
    load_sources,
    load_topic,
    outlet_for_url,
    select_outlets,
)

# -- helpers ----------------------------------------------------------------------------------


class Raw(str):
    """A value written into the TOML file as is."""


BASE: dict[str, Any] = {
    "name": "Example News",
    "homepage": "https://www.example.com/",
    "domain": "example.com",
    "country": "US",
    "language": "en",
    "kind": "national",
    "timezone": "America/New_York",
    "feeds": ["https://www.example.com/feed/"],
}


def _value(value: Any) -> str:
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


def outlet_toml(slug: str = "example", **changes: Any) -> str:
    """One ``[outlets.<slug>]`` table: BASE with ``changes`` (None drops a key)."""
    table = {**BASE, **changes}
    lines = [f"[outlets.{slug}]"]
    lines += [f"{k} = {_value(v)}" for k, v in table.items() if v is not None]
    return "\n".join(lines) + "\n\n"


def write(tmp_path: Path, text: str, name: str = "sources.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def expect_error(path: Path, key: str | None, *fix: str, loader=load_sources) -> ConfigError:
    """Load ``path``, expect a ConfigError naming the file, ``key`` and a fix word."""
    with pytest.raises(ConfigError) as info:
        loader(path)
    err = info.value
    text = str(err)
    assert path.name in text, text
    assert err.path == path
    assert err.key == key, text
    if key:
        assert f": {key}: " in text, text
    for word in fix:
        assert word in text, f"{word!r} not in {text!r}"
    return err


# -- the shipped list -------------------------------------------------------------------------


def test_default_sources_load() -> None:
    outlets = load_sources()
    assert DEFAULT_SOURCES.name == "sources.toml" and DEFAULT_SOURCES.exists()
    assert len(outlets) >= 30
    kinds = Counter(o.kind for o in outlets.values())
    for kind in OUTLET_KINDS:
        if kind != "blog":
            assert kinds[kind] >= 1, f"no {kind} outlet"
    assert not any(o.verified for o in outlets.values())
    for slug, outlet in outlets.items():
        assert outlet.slug == slug
        assert outlet.owns_url(outlet.homepage)
        assert outlet.feeds or outlet.sitemaps or outlet.start_pages
    assert {"es", "en"} <= {o.language for o in outlets.values()}
    assert {"startribune", "mprnews", "apnews", "techcrunch"} <= set(outlets)


def test_default_sources_keep_file_order() -> None:
    outlets = load_sources(DEFAULT_SOURCES)
    text = DEFAULT_SOURCES.read_text(encoding="utf-8")
    positions = [text.index(f"[outlets.{slug}]") for slug in outlets]
    assert positions == sorted(positions)


def test_outlet_fields_and_row(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(
        sitemaps=["https://www.example.com/news-sitemap.xml"],
        article_patterns=[Raw(r"'^/\d{4}/'")], notes="hello",
    ))
    outlet = load_sources(path)["example"]
    assert outlet.feeds == ("https://www.example.com/feed/",)
    assert outlet.article_patterns == (r"^/\d{4}/",)
    assert outlet.also_domains == () and outlet.start_pages == ()
    assert outlet.verified is False and outlet.notes == "hello"
    row = outlet.to_row()
    assert row["slug"] == "example" and row["kind"] == "national"
    assert json.loads(row["feeds"]) == ["https://www.example.com/feed/"]
    assert json.loads(row["sitemaps"]) == ["https://www.example.com/news-sitemap.xml"]
    assert set(row) == {"slug", "name", "domain", "homepage", "country", "language", "kind",
                        "timezone", "verified", "feeds", "sitemaps"}


# -- file-level errors ------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    expect_error(tmp_path / "nope.toml", None, "not found")


def test_directory_is_not_a_file(tmp_path: Path) -> None:
    (tmp_path / "dir.toml").mkdir()
    expect_error(tmp_path / "dir.toml", None, "directory")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('[outlets.a]\nname = "Caf\xe9"\n'.encode("latin-1"))
    expect_error(path, None, "UTF-8")


def test_invalid_toml_gives_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml() + "[outlets.other]\nname = Other\n")
    err = expect_error(path, None, "not valid TOML", "line 12, column 8", "fix the syntax")
    assert "(at line" not in err.message


@pytest.mark.parametrize("nested", ["[" * 5000 + "]" * 5000, "{a = " * 5000 + "1" + "}" * 5000])
def test_toml_nested_too_deeply_is_a_config_error(tmp_path: Path, nested: str) -> None:
    path = write(tmp_path, outlet_toml() + f"\n[extra]\ndeep = {nested}\n")
    expect_error(path, None, "not valid TOML", "nested too deeply")
    topic = write(tmp_path, f"[topic]\nslug = \"t\"\nname = \"T\"\nquery = {nested}\n", "topic.toml")
    expect_error(topic, None, "nested too deeply", loader=load_topic)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "[outlets]\n"])
def test_no_outlets(tmp_path: Path, text: str) -> None:
    expect_error(write(tmp_path, text), "outlets", "no outlets", "[outlets.<slug>]")


def test_unknown_top_level_key(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml().replace("[outlets.", "[outlet."))
    expect_error(path, "outlet", "did you mean 'outlets'")


# -- outlet errors ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key", ["name", "homepage", "domain", "country", "language", "kind", "timezone"]
)
def test_missing_required_key(tmp_path: Path, key: str) -> None:
    path = write(tmp_path, outlet_toml(**{key: None}))
    expect_error(path, f"outlets.example.{key}", "missing required key", f"{key} =")


def test_unknown_key_suggests(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(feed=["https://www.example.com/rss"]))
    expect_error(path, "outlets.example.feed", "unknown key", "did you mean 'feeds'?")


def test_unknown_key_lists_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(zzzz=1))
    expect_error(path, "outlets.example.zzzz", "allowed keys are", "article_patterns")


@pytest.mark.parametrize(
    ("changes", "key", "fix"),
    [
        ({"feeds": "https://www.example.com/feed/"}, "outlets.example.feeds",
         "expected a list of strings but got a string"),
        ({"feeds": [Raw("1")]}, "outlets.example.feeds[0]", "expected a non-empty string"),
        ({"name": Raw("42")}, "outlets.example.name", "expected a string but got a number"),
        ({"name": "  "}, "outlets.example.name", "must not be empty"),
        ({"verified": "yes"}, "outlets.example.verified", "verified = false"),
        ({"notes": Raw("[1]")}, "outlets.example.notes", 'notes = "..."'),
        ({"also_domains": "example.org"}, "outlets.example.also_domains", "list of strings"),
        ({"article_patterns": [Raw("true")]}, "outlets.example.article_patterns[0]",
         "expected a non-empty string"),
    ],
)
def test_wrong_types(tmp_path: Path, changes: dict, key: str, fix: str) -> None:
    expect_error(write(tmp_path, outlet_toml(**changes)), key, fix)


def test_outlet_must_be_a_table(tmp_path: Path) -> None:
    path = write(tmp_path, 'outlets = { example = "https://example.com" }\n')
    expect_error(path, "outlets.example", "expected a table", "[outlets.example]")


@pytest.mark.parametrize("slug", ['"Example News"', "Example", '"-example"', '"ex.ample"'])
def test_bad_slug(tmp_path: Path, slug: str) -> None:
    path = write(tmp_path, outlet_toml(slug=slug))
    expect_error(path, f"outlets.{slug.strip(chr(34))}", "must match", "use e.g. 'ex")


def test_bad_kind(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(kind="nationl"))
    expect_error(path, "outlets.example.kind", "did you mean 'national'", "use one of:", "wire")


def test_bad_timezone(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(timezone="America/LA"))
    err = expect_error(path, "outlets.example.timezone", "not an IANA time zone",
                       "use a name such as 'America/")
    assert str(err).startswith(f"{path}: outlets.example.timezone: 'America/LA' is not")


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"homepage": "www.example.com"}, "outlets.example.homepage"),
        ({"homepage": "ftp://example.com/"}, "outlets.example.homepage"),
        ({"feeds": ["/feed/"]}, "outlets.example.feeds[0]"),
        ({"sitemaps": ["https://"]}, "outlets.example.sitemaps[0]"),
        ({"start_pages": ["https://www.example.com/a", "section/ice"]},
         "outlets.example.start_pages[1]"),
        ({"feeds": ["http://example.com:99999/feed"]}, "outlets.example.feeds[0]"),
    ],
)
def test_urls_must_be_absolute_http(tmp_path: Path, changes: dict, key: str) -> None:
    expect_error(write(tmp_path, outlet_toml(**changes)), key, "https://example.com/")


def test_homepage_must_be_on_domain(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(homepage="https://other.org/"))
    expect_error(path, "outlets.example.homepage", "is not on 'example.com'", "also_domains")


def test_start_pages_must_be_on_domain(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(start_pages=["https://other.org/immigration"]))
    expect_error(path, "outlets.example.start_pages[0]", "also_domains")


@pytest.mark.parametrize(
    ("domain", "fix"),
    [("https://example.com/", "e.g. 'example.com'"), ("Example.com", "e.g. 'example.com'"),
     ("example.com/news", "e.g. 'example.com'"), ("example.com:0", "e.g. 'example.com'"),
     ("exa mple.com", "no scheme, path or upper case")],
)
def test_bad_domain(tmp_path: Path, domain: str, fix: str) -> None:
    path = write(tmp_path, outlet_toml(domain=domain))
    expect_error(path, "outlets.example.domain", "not a domain name", fix)


def test_bad_also_domain(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(also_domains=["example.org", "http://example.net"]))
    expect_error(path, "outlets.example.also_domains[1]", "'example.net'")


@pytest.mark.parametrize("language", ["EN", "eng", "e"])
def test_bad_language(tmp_path: Path, language: str) -> None:
    path = write(tmp_path, outlet_toml(language=language))
    expect_error(path, "outlets.example.language", "ISO 639-1", "two lowercase letters")


@pytest.mark.parametrize("country", ["us", "USA", "U"])
def test_bad_country(tmp_path: Path, country: str) -> None:
    path = write(tmp_path, outlet_toml(country=country))
    expect_error(path, "outlets.example.country", "ISO 3166-1", "two uppercase letters")


def test_bad_article_pattern(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(article_patterns=[Raw(r"'^/\d{4}/'"), Raw("'^/(news'")]))
    expect_error(path, "outlets.example.article_patterns[1]", "not a valid regular expression",
                 "literal strings")


def test_nothing_to_discover(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(feeds=[], sitemaps=[], start_pages=[]))
    expect_error(path, "outlets.example", "no feeds, sitemaps or start_pages", "feeds = [")


def test_start_pages_alone_are_enough(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml(feeds=None, start_pages=["https://example.com/ice"]))
    assert load_sources(path)["example"].start_pages == ("https://example.com/ice",)


def test_duplicate_domain(tmp_path: Path) -> None:
    path = write(tmp_path, outlet_toml("first") + outlet_toml("second"))
    expect_error(path, "outlets.second.domain", "already used by outlet 'first'", "remove one")


def test_duplicate_also_domain(tmp_path: Path) -> None:
    text = outlet_toml("first", also_domains=["example.org"]) + outlet_toml(
        "second", domain="example.org", homepage="https://example.org/")
    expect_error(write(tmp_path, text), "outlets.second.domain", "already used by outlet 'first'")


def test_same_host_other_port_is_not_a_duplicate(tmp_path: Path) -> None:
    text = outlet_toml("a", domain="127.0.0.1:8001", homepage="http://127.0.0.1:8001/") + \
        outlet_toml("b", domain="127.0.0.1:8002", homepage="http://127.0.0.1:8002/")
    outlets = load_sources(write(tmp_path, text))
    assert outlets["a"].owns_url("http://127.0.0.1:8001/x")
    assert not outlets["a"].owns_url("http://127.0.0.1:8002/x")


# -- owns_url and article patterns ------------------------------------------------------------


def make(**changes: Any) -> Outlet:
    values: dict[str, Any] = {"slug": "ex", "name": "Ex", "homepage": "https://example.com/",
                              "domain": "example.com", **changes}
    return Outlet(**values)


@pytest.mark.parametrize(
    ("url", "owned"),
    [
        ("https://example.com/a", True),
        ("http://www.example.com/a", True),
        ("https://news.live.EXAMPLE.com/a?b=c", True),
        ("https://example.com:8443/a", True),
        ("https://example.com./a", True),
        ("https://notexample.com/a", False),
        ("https://example.com.evil.org/a", False),
        ("https://evil.org/example.com", False),
        ("ftp://example.com/a", False),
        ("example.com/a", False),
        ("mailto:x@example.com", False),
        ("https://example.org/", False),
        ("https://ex.example.org/", True),
        ("http://[::1/", False),
    ],
)
def test_owns_url(url: str, owned: bool) -> None:
    assert make(also_domains=("ex.example.org",)).owns_url(url) is owned


def test_owns_url_with_port() -> None:
    outlet = make(domain="127.0.0.1:8001", homepage="http://127.0.0.1:8001/")
    assert outlet.owns_url("http://127.0.0.1:8001/article")
    assert not outlet.owns_url("http://127.0.0.1:8002/article")
    assert not outlet.owns_url("http://127.0.0.1/article")
    assert not outlet.owns_url("http://x.127.0.0.1:8001/article")
    local = make(domain="localhost:8001")
    assert local.owns_url("http://localhost:8001/")
    assert not local.owns_url("http://localhost:9/")


def test_outlet_accepts_lists() -> None:
    outlet = make(feeds=["https://example.com/feed"], also_domains=["example.net"])
    assert outlet.feeds == ("https://example.com/feed",)
    assert outlet.owns_url("https://www.example.net/")
    hash(outlet)


def test_matches_article_pattern() -> None:
    assert make().matches_article_pattern("https://example.com/anything")
    outlet = make(article_patterns=(r"^/\d{4}/\d{2}/", r"/story\?id=\d+"))
    assert outlet.matches_article_pattern("https://example.com/2026/01/ice-raid")
    assert outlet.matches_article_pattern("https://example.com/US/ice/story?id=123")
    assert not outlet.matches_article_pattern("https://example.com/section/2026/01/")
    assert not outlet.matches_article_pattern("https://example.com/story")
    assert not outlet.matches_article_pattern("https://example.com/about?x=/2026/01/")
    # the query string is searched too, after a '?'
    assert make(article_patterns=(r"\?page=",)).matches_article_pattern("https://e.com/a?page=2")
    assert not make(article_patterns=(r"\?",)).matches_article_pattern("https://e.com/a")


def test_outlet_for_url_prefers_most_specific() -> None:
    outlets = {
        "cbs": make(slug="cbs", domain="cbsnews.com"),
        "cbs-mn": make(slug="cbs-mn", domain="minnesota.cbsnews.com"),
    }
    assert outlet_for_url(outlets, "https://minnesota.cbsnews.com/a").slug == "cbs-mn"
    assert outlet_for_url(outlets, "https://www.cbsnews.com/a").slug == "cbs"
    assert outlet_for_url(outlets, "https://example.org/") is None


# -- select_outlets ---------------------------------------------------------------------------


def test_select_outlets() -> None:
    outlets = load_sources()
    chosen = select_outlets(outlets, ["npr", "apnews,techcrunch", "npr"])
    assert list(chosen) == ["npr", "apnews", "techcrunch"]
    assert select_outlets(outlets, []) == {}


def test_select_outlets_unknown_slug() -> None:
    outlets = load_sources()
    with pytest.raises(ConfigError) as info:
        select_outlets(outlets, ["nyt", "techcrunh", "zzzzzz"])
    text = str(info.value)
    assert "sources.toml" in text
    assert "unknown outlets 'nyt'" in text
    assert "did you mean 'techcrunch'" in text
    assert "'zzzzzz'" in text
    assert "available: nytimes, washingtonpost" in text


# -- topics -----------------------------------------------------------------------------------

TOPIC = """\
[topic]
slug = "demo"
name = "Demo topic"
description = "tech workers and ICE"
query = '"open letter" AND ICE'
languages = ["en", "es"]
since = 2026-01-01
until = "2026-03-31"
min_score = 1
"""


def test_default_topic_loads() -> None:
    topic = load_topic()
    assert topic.path == DEFAULT_TOPIC
    assert topic.slug == "ice-tech-workers"
    assert topic.name and topic.query_source
    assert topic.query is not None
    assert isinstance(topic.min_score, float)
    assert all(len(lang) == 2 for lang in topic.languages)
    if topic.since and topic.until:
        assert topic.since <= topic.until


def test_topic_file(tmp_path: Path) -> None:
    topic = load_topic(write(tmp_path, TOPIC, "demo.toml"))
    assert topic.slug == "demo" and topic.name == "Demo topic"
    assert topic.description == "tech workers and ICE"
    assert topic.query_source == '"open letter" AND ICE'
    assert topic.languages == ("en", "es")
    assert topic.since == dt.date(2026, 1, 1) and topic.until == dt.date(2026, 3, 31)
    assert topic.min_score == 1.0


def test_topic_defaults(tmp_path: Path) -> None:
    text = '[topic]\nslug = "t"\nname = "T"\nquery = "ICE"\n'
    topic = load_topic(write(tmp_path, text, "t.toml"))
    assert topic.description == "" and topic.languages == ()
    assert topic.since is None and topic.until is None and topic.min_score == 0.0


def test_topic_malformed_query(tmp_path: Path) -> None:
    path = write(tmp_path, TOPIC.replace("""'"open letter" AND ICE'""", "'(ICE AND'"), "q.toml")
    expect_error(path, "topic.query", "malformed query", "position", "docs/topics.md",
                 loader=load_topic)


def test_topic_since_after_until(tmp_path: Path) -> None:
    path = write(tmp_path, TOPIC.replace("since = 2026-01-01", "since = 2026-06-01"), "w.toml")
    expect_error(path, "topic.until", "before since", "swap them", loader=load_topic)


@pytest.mark.parametrize(
    ("old", "new", "key", "fix"),
    [
        ('slug = "demo"\n', "", "topic.slug", "missing required key"),
        ('slug = "demo"', 'slug = "Demo Topic"', "topic.slug", "'demo-topic'"),
        ("min_score = 1", "min_scor = 1", "topic.min_scor", "did you mean 'min_score'"),
        ("min_score = 1", 'min_score = "1"', "topic.min_score", "no quotes"),
        ("min_score = 1", "min_score = -1", "topic.min_score", ">= 0"),
        ('until = "2026-03-31"', 'until = "31/03/2026"', "topic.until", "YYYY-MM-DD"),
        ("since = 2026-01-01", "since = 2026-01-01T00:00:00", "topic.since", "2026-01-01"),
        ('languages = ["en", "es"]', 'languages = "en"', "topic.languages", "list of strings"),
        ('languages = ["en", "es"]', 'languages = ["en", "ES"]', "topic.languages[1]",
         "lowercase"),
        ("[topic]", "[topics]", "topics", "did you mean 'topic'"),
    ],
)
def test_topic_errors(tmp_path: Path, old: str, new: str, key: str, fix: str) -> None:
    assert old in TOPIC
    path = write(tmp_path, TOPIC.replace(old, new), "bad.toml")
    expect_error(path, key, fix, loader=load_topic)


def test_topic_missing_table(tmp_path: Path) -> None:
    path = write(tmp_path, "", "empty.toml")
    expect_error(path, "topic", "[topic]", loader=load_topic)


def test_topic_missing_file(tmp_path: Path) -> None:
    expect_error(tmp_path / "none.toml", None, "not found", loader=load_topic)
