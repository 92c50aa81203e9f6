"""Tests for newscrawl.discover.seeds: reading seed lists, matching outlets, drafting sources tables."""

from __future__ import annotations

import gzip
import os
import tomllib
from pathlib import Path

import pytest

from newscrawl.config import Outlet, load_sources
from newscrawl.discover.seeds import (
    SeedError,
    SeedURL,
    match_outlets,
    outlet_for_unknown_host,
    read_seed_urls,
    render_outlets_toml,
    slug_for_host,
)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    data = text.encode("utf-8") if isinstance(text, str) else text
    if name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def urls(path: Path) -> list[str]:
    return [s.url for s in read_seed_urls(path)]


def expect_error(path: Path, line: int | None, *fix: str) -> SeedError:
    with pytest.raises(SeedError) as info:
        read_seed_urls(path)
    err = info.value
    assert err.line == line
    message = str(err)
    prefix = f"{path}:{line}: " if line else f"{path}: "
    assert message.startswith(prefix), message
    assert "; " in message  # what is wrong; how to fix it
    for part in fix:
        assert part in message, message
    return err


# -- plain text -------------------------------------------------------------------------------


def test_plain_text(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "seeds.txt",
        "# from a colleague\n\nhttps://example.com/a\n  http://Example.com/b?utm_source=x  \n"
        "\t# indented comment\nhttps://news.example.org/2026/01/27/story\n",
    )
    seeds = read_seed_urls(path)
    assert seeds == [
        SeedURL("https://example.com/a", 3, {}),
        SeedURL("http://example.com/b", 4, {}),
        SeedURL("https://news.example.org/2026/01/27/story", 6, {}),
    ]


def test_str_path_and_no_extension(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds", "https://example.com/a\n")
    assert urls(str(path)) == ["https://example.com/a"]  # type: ignore[arg-type]


def test_duplicates_after_cleaning_first_wins(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "seeds.txt",
        "https://example.com/a?b=2&a=1\nhttps://EXAMPLE.com:443/a?a=1&b=2&fbclid=x\n"
        "https://example.com/a?a=1&b=2#frag\nhttps://example.com/c\n",
    )
    seeds = read_seed_urls(path)
    assert [(s.url, s.line) for s in seeds] == [
        ("https://example.com/a?a=1&b=2", 1),
        ("https://example.com/c", 4),
    ]


def test_bom_and_crlf(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds.txt", "\ufeffhttps://example.com/a\r\nhttps://example.com/b\r\n")
    assert urls(path) == ["https://example.com/a", "https://example.com/b"]


def test_gzip(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds.txt.gz", "https://example.com/a\n")
    assert urls(path) == ["https://example.com/a"]
    # gzip data is recognised whatever the name
    (tmp_path / "other.txt").write_bytes(gzip.compress(b"https://example.com/b\n"))
    assert urls(tmp_path / "other.txt") == ["https://example.com/b"]


@pytest.mark.parametrize(
    ("line", "fix"),
    [
        ("example.com/news/story", "add the scheme: 'https://example.com/news/story'"),
        ("www.example.com", "add the scheme"),
        ("ftp://example.com/file", "absolute http(s) URL"),
        ("/news/story", "absolute http(s) URL"),
        ("https://", "absolute http(s) URL"),
        ("https://example.com/a b", "absolute http(s) URL"),
        ("https://example.com:99999/a", "absolute http(s) URL"),
        ("mailto:tips@example.com", "or delete the line"),
        ("just some words", "or delete the line"),
    ],
)
def test_invalid_url_names_file_and_line(tmp_path: Path, line: str, fix: str) -> None:
    path = write(tmp_path, "seeds.txt", f"# list\nhttps://example.com/ok\n{line}\n")
    err = expect_error(path, 3, fix)
    assert repr(line) in str(err)


def test_long_invalid_value_is_shortened(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds.txt", "x" * 300 + "\n")
    err = expect_error(path, 1)
    assert len(err.message) < 250 and "..." in err.message


def test_seed_error_is_value_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        read_seed_urls(write(tmp_path, "seeds.txt", "nope\n"))


def test_relative_display_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "seeds.txt", "nope\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SeedError) as info:
        read_seed_urls(tmp_path / "seeds.txt")
    assert str(info.value).startswith("seeds.txt:1: ")


# -- file problems ----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    expect_error(tmp_path / "nope.txt", None, "file not found", "check the path")


def test_directory(tmp_path: Path) -> None:
    expect_error(tmp_path, None, "is a directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds.txt", "https://example.com/a\n")
    path.chmod(0)
    try:
        expect_error(path, None, "cannot read", "permissions")
    finally:
        path.chmod(0o644)


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n\n# and another\n"])
def test_empty_list(tmp_path: Path, text: str) -> None:
    expect_error(write(tmp_path, "seeds.txt", text), None, "no URLs", "one http(s) URL per line")


def test_empty_csv(tmp_path: Path) -> None:
    expect_error(write(tmp_path, "seeds.csv", "url,title\n,no url here\n"), None, "no URLs")
    expect_error(write(tmp_path, "empty.csv", ""), None, "no URLs")


def test_not_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds.txt", b"https://example.com/a\nhttps://example.com/caf\xe9\n")
    expect_error(path, 2, "not UTF-8", "save the file as UTF-8")


def test_broken_gzip(tmp_path: Path) -> None:
    path = tmp_path / "seeds.txt.gz"
    path.write_bytes(gzip.compress(b"https://example.com/a\n")[:15])
    expect_error(path, None, "broken gzip data", "download the file again")
    path.write_bytes(b"https://example.com/a\n")
    expect_error(path, None, "not gzip data")


# -- CSV and TSV ------------------------------------------------------------------------------


def test_media_cloud_csv(tmp_path: Path) -> None:
    text = (
        "id,indexed_date,language,media_name,media_url,publish_date,title,url\n"
        '1,2026-01-28,en,Example News,example.com,2026-01-27,"Tech workers, united",https://example.com/a\n'
        "2,2026-01-28,en,Example News,example.com,2026-01-27,No URL here,\n"
        "3,2026-01-28,en,Example News,example.com,2026-01-27,Second,https://example.com/b\n"
    )
    seeds = read_seed_urls(write(tmp_path, "mc.csv", text))
    assert [s.url for s in seeds] == ["https://example.com/a", "https://example.com/b"]
    assert seeds[0].line == 2 and seeds[1].line == 4
    assert seeds[0].extra == {
        "id": "1", "indexed_date": "2026-01-28", "language": "en", "media_name": "Example News",
        "media_url": "example.com", "publish_date": "2026-01-27", "title": "Tech workers, united",
    }  # fmt: skip


@pytest.mark.parametrize(
    "header", ["url", "URL", "Url", " url ", "link", "Link", "DocumentIdentifier", "SOURCEURL"]
)
def test_url_column_names(tmp_path: Path, header: str) -> None:
    path = write(tmp_path, "seeds.csv", f"title,{header}\nHello,https://example.com/a\n")
    seeds = read_seed_urls(path)
    assert [s.url for s in seeds] == ["https://example.com/a"]
    assert seeds[0].extra == {"title": "Hello"}


def test_url_column_preferred_over_link(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds.csv", "link,url\nhttps://example.com/l,https://example.com/u\n")
    seed = read_seed_urls(path)[0]
    assert seed.url == "https://example.com/u" and seed.extra == {"link": "https://example.com/l"}


def test_tsv_gdelt_gkg_with_header(tmp_path: Path) -> None:
    text = (
        "GKGRECORDID\tDATE\tSourceCommonName\tDocumentIdentifier\tV2Themes\n"
        "20260127-1\t20260127120000\texample.com\thttps://example.com/a\tIMMIGRATION;PROTEST\n"
    )
    seed = read_seed_urls(write(tmp_path, "gkg.tsv", text))[0]
    assert seed.url == "https://example.com/a"
    assert seed.extra["SourceCommonName"] == "example.com"


def test_csv_named_file_with_tabs(tmp_path: Path) -> None:
    # GDELT names its tab-separated files .csv
    text = "DATE\tDocumentIdentifier\n20260127\thttps://example.com/a\n"
    assert urls(write(tmp_path, "20260127.gkg.csv", text)) == ["https://example.com/a"]


def test_headerless_gdelt_export(tmp_path: Path) -> None:
    text = (
        "20260127-1\t20260127120000\t1\texample.com\thttps://example.com/a\tTHEMES\n"
        "20260127-2\t20260127120000\t1\texample.org\thttps://example.org/b\tTHEMES\n"
    )
    seeds = read_seed_urls(write(tmp_path, "20260127.gkg.csv.gz", text))
    assert [s.url for s in seeds] == ["https://example.com/a", "https://example.org/b"]
    assert seeds[0].line == 1
    assert seeds[0].extra["col4"] == "example.com" and "col5" not in seeds[0].extra


def test_txt_with_header_is_sniffed(tmp_path: Path) -> None:
    path = write(tmp_path, "export.txt", "Title,URL\nA,https://example.com/a\n")
    assert read_seed_urls(path)[0].extra == {"title".title(): "A"}
    path = write(tmp_path, "single.txt", "url\nhttps://example.com/a\n\nhttps://example.com/b\n")
    assert urls(path) == ["https://example.com/a", "https://example.com/b"]


def test_txt_with_commas_in_urls_stays_plain(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds.txt", "https://example.com/a,b\nhttps://example.com/c\n")
    assert urls(path) == ["https://example.com/a,b", "https://example.com/c"]


def test_csv_bom_header(tmp_path: Path) -> None:
    path = write(tmp_path, "seeds.csv", "\ufeffurl,title\nhttps://example.com/a,A\n")
    assert read_seed_urls(path)[0].extra == {"title": "A"}


def test_csv_invalid_url_names_line(tmp_path: Path) -> None:
    text = 'url,title\nhttps://example.com/a,A\n"https://example.com/b","multi\nline title"\nnot-a-url,C\n'
    expect_error(write(tmp_path, "seeds.csv", text), 5, "'not-a-url'", "absolute http(s) URL")


def test_csv_without_url_column(tmp_path: Path) -> None:
    expect_error(
        write(tmp_path, "seeds.csv", "title,date\nA,2026-01-27\n"),
        1,
        "no URL column",
        "'title', 'date'",
        "name the column with the URLs 'url'",
    )


def test_csv_short_rows_and_blank_lines(tmp_path: Path) -> None:
    text = "# exported 2026-01-28\ntitle,url,date\n\nA,https://example.com/a\nB\n"
    seeds = read_seed_urls(write(tmp_path, "seeds.csv", text))
    assert [(s.url, s.line, s.extra) for s in seeds] == [("https://example.com/a", 4, {"title": "A"})]


def test_csv_huge_field(tmp_path: Path) -> None:
    text = f"url,themes\nhttps://example.com/a,{'X' * 300_000}\n"
    assert urls(write(tmp_path, "seeds.csv", text)) == ["https://example.com/a"]


def test_malformed_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("newscrawl.discover.seeds._CSV_FIELD_LIMIT", 100)
    path = write(
        tmp_path, "seeds.csv", f"url,title\nhttps://example.com/a,A\nhttps://example.com/b,{'X' * 200}\n"
    )
    expect_error(path, 3, "malformed CSV", "field larger than field limit", "save it again")


# -- match_outlets ----------------------------------------------------------------------------

OUTLETS = {
    "example": Outlet(
        slug="example", name="Example", homepage="https://www.example.com/", domain="example.com"
    ),
    "mn": Outlet(
        slug="mn",
        name="Example Minnesota",
        homepage="https://minnesota.example.com/",
        domain="minnesota.example.com",
    ),
    "ledger": Outlet(
        slug="ledger", name="Ledger", homepage="http://127.0.0.1:8001/", domain="127.0.0.1:8001"
    ),
}


def seeds_of(*links: str) -> list[SeedURL]:
    return [SeedURL(url, i + 1, {}) for i, url in enumerate(links)]


def test_match_outlets() -> None:
    seeds = seeds_of(
        "https://www.example.com/a",
        "https://minnesota.example.com/b",
        "https://news.minnesota.example.com/c",
        "http://127.0.0.1:8001/d",
        "http://127.0.0.1:8002/e",
        "https://www.other.org/f",
        "https://other.org/g",
        "https://blog.other.org/h",
        "https://example.com/i",
    )
    known, unknown = match_outlets(seeds, OUTLETS)
    assert {k: [s.line for s in v] for k, v in known.items()} == {
        "example": [1, 9],
        "mn": [2, 3],
        "ledger": [4],
    }
    assert list(known) == ["example", "mn", "ledger"]
    assert {k: [s.line for s in v] for k, v in unknown.items()} == {
        "127.0.0.1:8002": [5],
        "other.org": [6, 7],
        "blog.other.org": [8],
    }


def test_match_outlets_empty() -> None:
    assert match_outlets([], OUTLETS) == ({}, {})
    known, unknown = match_outlets(seeds_of("https://example.com/a"), {})
    assert known == {} and list(unknown) == ["example.com"]


# -- drafting outlets -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "slug"),
    [("example.com", "example-com"), ("www.Example.com", "example-com"), ("127.0.0.1:8002", "127-0-0-1-8002"),
     ("news.bbc.co.uk", "news-bbc-co-uk"), ("www.com", "www-com")],
)  # fmt: skip
def test_slug_for_host(host: str, slug: str) -> None:
    assert slug_for_host(host) == slug


def load_tables(tmp_path: Path, tables: dict[str, dict]) -> dict[str, Outlet]:
    path = tmp_path / "added.toml"
    path.write_text(render_outlets_toml(tables), encoding="utf-8")
    return load_sources(path)


def test_outlet_for_unknown_host_loads(tmp_path: Path) -> None:
    seeds = seeds_of("https://www.other.org/a", "https://www.other.org/b", "http://other.org/c")
    table = outlet_for_unknown_host("other.org", seeds)
    assert table["homepage"] == "https://www.other.org/"
    assert table["domain"] == "other.org"
    assert table["start_pages"] == ["https://www.other.org/"]
    assert table["feeds"] == [] and table["sitemaps"] == []
    assert table["verified"] is False
    assert table["notes"].startswith("added from a seed list; fill in metadata")
    assert (table["country"], table["language"], table["kind"], table["timezone"]) == (
        "ZZ",
        "en",
        "national",
        "UTC",
    )
    outlet = load_tables(tmp_path, {slug_for_host("other.org"): table})["other-org"]
    assert outlet.name == "other.org"
    assert all(outlet.owns_url(s.url) for s in seeds)
    assert outlet.owns_url("https://blog.other.org/x")


def test_outlet_for_unknown_host_with_port(tmp_path: Path) -> None:
    seeds = seeds_of("http://127.0.0.1:8002/2026/01/27/story")
    table = outlet_for_unknown_host("127.0.0.1:8002", seeds)
    assert table["homepage"] == "http://127.0.0.1:8002/" and table["domain"] == "127.0.0.1:8002"
    outlet = load_tables(tmp_path, {slug_for_host("127.0.0.1:8002"): table})["127-0-0-1-8002"]
    assert outlet.owns_url(seeds[0].url) and not outlet.owns_url("http://127.0.0.1:8001/x")


def test_outlet_guesses_from_tld_and_columns(tmp_path: Path) -> None:
    table = outlet_for_unknown_host("elpais.es", seeds_of("https://elpais.es/a"))
    assert (table["country"], table["language"]) == ("ES", "es")
    assert "from .es" in table["notes"]
    seeds = [SeedURL("https://ledevoir.com/a", 1, {"language": "fr", "media_name": "Le Devoir"})]
    table = outlet_for_unknown_host("ledevoir.com", seeds)
    assert (table["country"], table["language"], table["name"]) == ("ZZ", "fr", "Le Devoir")
    assert "language from the seed list" in table["notes"]
    table = outlet_for_unknown_host("startup.io", [])
    assert (table["country"], table["language"], table["homepage"]) == ("ZZ", "en", "https://startup.io/")
    loaded = load_tables(
        tmp_path, {"elpais-es": outlet_for_unknown_host("elpais.es", []), "ledevoir-com": table}
    )
    assert list(loaded) == ["elpais-es", "ledevoir-com"]


def test_draft_outlets_from_a_seed_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "seeds.csv",
        'url,media_name\nhttps://www.example.com/a,Example\nhttps://news.site.example/b,Site "News"\n'
        "http://127.0.0.1:8009/c,\n",
    )
    known, unknown = match_outlets(read_seed_urls(path), {"example": OUTLETS["example"]})
    assert list(known) == ["example"]
    tables = {slug_for_host(h): outlet_for_unknown_host(h, s) for h, s in unknown.items()}
    loaded = load_tables(tmp_path, tables)
    assert [o.name for o in loaded.values()] == ['Site "News"', "127.0.0.1:8009"]


# -- render_outlets_toml ----------------------------------------------------------------------


def test_render_round_trip() -> None:
    tables = {
        "odd": {
            "name": 'Quotes " and \\ backslash\ttab\nnewline \x01 \u00e9 \U0001f600',
            "article_patterns": [r"^/\d{4}/\d{2}/", "it's \\d"],
            "verified": True,
            "count": 3,
            "ratio": 0.5,
            "empty": [],
            "notes": None,
        },
        "key with.dots": {"name": "x"},
    }
    text = render_outlets_toml(tables)
    parsed = tomllib.loads(text)
    assert parsed == {
        "outlets": {
            "odd": {k: v for k, v in tables["odd"].items() if v is not None},
            "key with.dots": {"name": "x"},
        }
    }
    assert "'^/\\d{4}/\\d{2}/'" in text  # regexes as literal strings
    assert text.startswith("[outlets.odd]\n") and text.endswith("\n")


def test_render_appends_to_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "sources.toml"
    first = render_outlets_toml({"a-com": outlet_for_unknown_host("a.com", [])})
    path.write_text(first, encoding="utf-8")
    with path.open("a", encoding="utf-8") as fh:
        fh.write("\n" + render_outlets_toml({"b-com": outlet_for_unknown_host("b.com", [])}))
    assert list(load_sources(path)) == ["a-com", "b-com"]


def test_render_rejects_nested_values() -> None:
    with pytest.raises(TypeError, match=r"outlets.x.bad"):
        render_outlets_toml({"x": {"bad": {"nested": 1}}})


def test_render_empty() -> None:
    assert render_outlets_toml({}) == ""
