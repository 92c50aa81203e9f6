"""The reading room (newscrawl.outputs.room): its pages in-process, and in a real browser.

The in-process tests build a small corpus with :class:`~newscrawl.store.Store` (outlets in
three time zones, a syndicated story with three copies, an edited article, an undated one)
and ask Datasette, with the plugin registered, for each page through its own ASGI client,
as Datasette's test suite does. The browser tests (slow) serve a crawled copy of the fixture
web with ``newscrawl serve``'s command line and load every page in headless Chromium
(``/usr/bin/chromium --dump-dom`` and ``--screenshot``), at desktop and phone widths; the
screenshots are kept in the test's temporary directory.
"""

from __future__ import annotations

import asyncio
import csv
import html
import io
import json
import re
import shutil
import sqlite3
import struct
import subprocess
import urllib.parse
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from newscrawl.cli import main
from newscrawl.items import Article
from newscrawl.judge.query import to_fts5
from newscrawl.outputs.serve import ROOM_PLUGIN, SETTINGS, datasette_metadata, is_loopback, serve_command
from newscrawl.store import Store

pytest.importorskip("datasette", reason="datasette is not installed: pip install -e '.[serve]'")

from datasette.app import Datasette  # noqa: E402
from datasette.plugins import pm  # noqa: E402

import newscrawl.outputs.room as room  # noqa: E402
from newscrawl.outputs.room import chart, hide, pages  # noqa: E402
from newscrawl.outputs.room.diff import word_diff, words  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
Corpus = tuple[Path, dict[str, int]]  # the database and name -> article id
WIRE_TEXT = ("Federal agents detained forty workers at a meatpacking plant on Tuesday. "
             "Their families waited outside the detention centre through the night.\n\n"
             "Lawyers said the detained workers had not been allowed to call anyone.")


def _at(day: str, time: str = "15:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{time}:00+00:00").astimezone(UTC)


def _article(url: str, outlet: str, title: str, text: str, day: str | None, **extra: Any) -> Article:
    return Article(url=url, outlet=outlet, title=title, text=text, word_count=len(text.split()),
                   published_at=_at(day) if day else None, language=extra.pop("language", "en"), **extra)


def build_corpus(path: Path) -> dict[str, int]:
    """A small corpus; returns name -> article id."""
    store = Store.open(path, batch_size=1)
    try:
        store.upsert_outlets([
            {"slug": "ledger", "name": "The Northfield Ledger", "language": "en",
             "timezone": "America/New_York"},
            {"slug": "wire", "name": "Meridian Wire", "language": "en", "timezone": "UTC"},
            {"slug": "latino", "name": "El Faro", "language": "es", "timezone": "America/Chicago"},
            {"slug": "rink", "name": "Rink Report", "language": "en", "timezone": "America/Toronto"},
        ])
        run = store.start_run("newscrawl crawl", "ice-tech")
        ids = {
            "raid": store.insert_article(_article(
                "http://ledger.test/raid", "ledger", "ICE raids at the plant",
                "ICE agents raided the plant at dawn.\n\nWorkers said ICE gave no warning.", "2026-01-10",
                authors=["Dana Whitfield", "Sam Ortiz"], date_source="jsonld",
                fetched_url="http://ledger.test/raid?utm=x"), run),
            "cbp": store.insert_article(_article(
                "http://wire.test/cbp", "wire", "CBP expands border checks",
                "Customs officers of CBP added checkpoints along the highway.", "2026-01-12",
                date_source="feed"), run),
            "hockey": store.insert_article(_article(
                "http://rink.test/final", "rink", "Hockey final goes to overtime",
                "The ice was fast and the hockey crowd loud as the final went to overtime.", "2026-01-15",
                date_source="text+htmldate"), run),
            "letter": store.insert_article(_article(
                "http://ledger.test/letter", "ledger", "Engineers sign an open letter",
                "Two hundred engineers signed an open letter against ICE contracts.", "2026-01-20",
                date_source="meta", topics={"ice-tech": {"score": 2, "terms": {"ICE": 1}}}), run),
            "weather": store.insert_article(_article(
                "http://ledger.test/weather", "ledger", "A letter about the weather",
                "Readers wrote a letter that was open about the cold.", "2026-01-20"), run),
            "wire": store.insert_article(_article(
                "http://wire.test/detained", "wire", "Detained workers wait for news", WIRE_TEXT,
                "2026-01-21"), run),
            "undated": store.insert_article(_article(
                "http://ledger.test/undated", "ledger", "ICE: an explainer",
                "What ICE does, and does not do.", None), run),
        }
        for slug, hour in (("latino", "17:00"), ("ledger", "19:00")):
            copy = _article(f"http://{slug}.test/detained", slug, "Detained workers wait for news", WIRE_TEXT,
                            None, cluster_id=ids["wire"])
            copy.published_at = _at("2026-01-21", hour)
            ids[f"wire-{slug}"] = store.insert_article(copy, run)
        edited = _article("http://ledger.test/letter", "ledger", "Engineers sign an open letter to ICE",
                          "Three hundred engineers signed an open letter against ICE contracts this week.",
                          "2026-01-20", date_source="meta",
                          topics={"ice-tech": {"score": 2, "terms": {"ICE": 1}}})
        store.update_article(ids["letter"], edited, run)
        store.flush()
        store.db["pages"].insert_all([
            {"url": "http://ledger.test/raid?utm=x", "outlet": "ledger", "verdict": "article",
             "article_id": ids["raid"]},
            {"url": "http://ledger.test/amp/raid", "outlet": "ledger", "verdict": "duplicate",
             "article_id": ids["raid"]},
        ])
        store.conn.commit()
        store.finish_run(run, "finished", {})
    finally:
        store.close()
    return ids


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    db = tmp_path_factory.mktemp("room") / "news.db"
    return db, build_corpus(db)


class Client:
    """Datasette in this process, with the reading room registered, and a GET for tests."""

    def __init__(self, db: Path) -> None:
        if not pm.is_registered(room):
            pm.register(room, name=ROOM_PLUGIN)
        self.ds = Datasette([str(db)], settings=SETTINGS, metadata=datasette_metadata(
            db, topic_terms=["letter", '"open letter"'], topic="ICE and tech workers"))
        self.loop = asyncio.new_event_loop()

    def get(self, path: str, **params: Any) -> Any:
        if params:
            path += "?" + urllib.parse.urlencode(params, doseq=True)
        return self.loop.run_until_complete(self.ds.client.get(path))

    def close(self) -> None:
        self.loop.close()


@pytest.fixture(scope="module")
def client(corpus: Corpus) -> Iterator[Client]:
    c = Client(corpus[0])
    yield c
    c.close()


def story_ids(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'<li class="story" data-id="(\d+)"', page)]


def cli_ids(db: Path, query: str) -> list[int]:
    result = CliRunner().invoke(main, ["search", "--db", str(db), "--json", "--limit", "50", query])
    assert result.exit_code == 0, result.output
    return [row["id"] for row in json.loads(result.stdout)]


# -- pure parts ----------------------------------------------------------------------------------


def test_timeline_bins_days_and_groups_small_outlets_as_other() -> None:
    rows = [("2026-01-01", f"o{i}", 10 - i) for i in range(10)]
    rows.append(("2026-01-03", "o0", 2))
    timeline = chart.bin_timeline(rows, {"o0": "Outlet Zero"})
    assert timeline.bin == "day" and timeline.periods == ["2026-01-01", "2026-01-02", "2026-01-03"]
    assert list(timeline.series)[0] == "Outlet Zero" and timeline.series["Outlet Zero"] == [10, 0, 2]
    assert len(timeline.series) == chart.TOP_OUTLETS + 1 and timeline.series[chart.OTHER] == [2 + 1, 0, 0]
    assert timeline.total == sum(n for _, _, n in rows)
    svg = chart.svg(timeline, title="t")
    assert svg.startswith("<svg") and svg.count("<rect") == 10 and ">2026-01-03</text>" in svg
    assert "<title>2026-01-03: 2 (Outlet Zero 2)</title>" in svg


def test_timeline_bins_by_week_then_month_as_the_span_grows() -> None:
    weeks = chart.bin_timeline([("2026-01-01", "a", 1), ("2026-06-01", "a", 1)])
    assert weeks.bin == "week" and weeks.periods[0] == "2025-12-29"  # a Monday
    months = chart.bin_timeline([("2023-01-05", "a", 1), ("2026-06-01", "a", 4)])
    assert months.bin == "month" and months.periods[0] == "2023-01-01" and months.series["a"][-1] == 4
    assert chart.bin_timeline([]).periods == []


def test_word_diff_marks_removed_and_added_words_and_paragraphs() -> None:
    out, removed, added = word_diff("Two hundred engineers signed.\n\nMore.",
                                    "Three hundred engineers signed. More.")
    assert "<del>Two ¶</del>" not in out and "<del>Two</del> <ins>Three</ins>" in out
    assert "<del>¶</del>" in out and (removed, added) == (2, 1)
    assert words("a b\n\n c") == ["a", "b", "\n\n", "c"]
    long = " ".join(f"w{i}" for i in range(200))
    shortened, _, _ = word_diff(long + " end", long + " fin")
    assert '<span class="skip">…</span>' in shortened and "w0 " not in shortened and "w199" in shortened
    escaped = "<del>&lt;b&gt;x&lt;/b&gt;</del> <ins>&lt;i&gt;x&lt;/i&gt;</ins>"
    assert word_diff("<b>x</b>", "<i>x</i>")[0] == escaped


def test_internal_columns_are_left_out_unless_columns_were_chosen() -> None:
    assert hide._with_nocol(b"_search=ice", "articles", html=False) == (
        b"_search=ice&_nocol=facets&_nocol=fts_title&_nocol=fts_text")
    assert hide._with_nocol(b"", "articles", html=True) == (
        b"_col=published_at&_col=outlet&_col=title&_col=language&_col=cluster_id&_col=url")
    assert hide._with_nocol(b"_col=text", "articles", html=True) == b"_col=text"


def test_columns_a_table_lacks_are_not_asked_for() -> None:
    assert hide._with_nocol(b"", "articles", html=False, columns=["id", "title"]) == b""
    assert hide._with_nocol(b"", "articles", html=True, columns=["id", "title"]) == b"_col=title"


def test_a_database_from_before_the_facets_column_still_shows_its_tables(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, url TEXT, outlet TEXT, title TEXT, "
                 "published_at TEXT, language TEXT, text TEXT, cluster_id INTEGER)")  # as schema 2: no facets
    conn.execute("INSERT INTO articles (url, outlet, title, published_at, language, text, cluster_id) "
                 "VALUES ('http://old.test/', 'old', 'Old', '2020-01-01T00:00:00+00:00', 'en', 'words', 1)")
    conn.commit()
    conn.close()
    old = Client(db)
    try:
        assert old.get("/old/articles.json", _shape="objects").json()["rows"][0]["title"] == "Old"
        assert old.get("/old/articles").status_code == 200
    finally:
        old.close()


def test_times_are_given_in_the_outlets_zone_and_in_utc() -> None:
    t = pages.local_time("2026-01-25T13:30:00+00:00", "America/New_York")
    assert t == {"iso": "2026-01-25T13:30:00+00:00", "utc": "Sunday 25 January 2026, 13:30 UTC",
                 "local": "Sunday 25 January 2026, 08:30 EST", "zone": "America/New_York"}
    assert pages.local_time("2026-01-25T13:30:00+00:00", "Nowhere/Nothing")["local"] == ""
    assert pages.local_time(None, "UTC") is None
    assert pages.date_source_words("text+htmldate") == "page text (htmldate heuristics agreed)"


def test_search_form_reads_the_url_and_refuses_bad_days() -> None:
    args = {"q": " ICE ", "n": "9999", "sort": "nonsense", "since": "2026-02-01", "until": "2026-01-01"}
    form = pages.SearchForm.from_args(args.get, lambda k: ["ledger", ""] if k == "outlet" else [])
    assert (form.q, form.limit, form.sort, form.outlets) == ("ICE", pages.LIMITS[-1], "relevance", ["ledger"])
    with pytest.raises(pages.SearchQueryError, match="ends .* before it starts"):
        form.filters()
    with pytest.raises(pages.SearchQueryError, match="YYYY-MM-DD"):
        pages.SearchForm(q="x", since="Jan 5").filters()


def test_only_web_addresses_become_links() -> None:
    assert pages.web_link("https://example.org/a") == "https://example.org/a"
    assert pages.web_link("javascript:alert(1)") is None and pages.web_link(None) is None


def test_only_loopback_addresses_count_as_private() -> None:
    assert all(map(is_loopback, ("127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost")))
    assert not any(map(is_loopback, ("0.0.0.0", "192.168.1.5", "::", "example.org")))


def test_serve_warns_before_sharing_on_a_network(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db"), "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "Warning: --host 0.0.0.0 shares the reading room" in result.stderr
    quiet = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert quiet.exit_code == 2 and "Warning" not in quiet.stderr


def test_serve_command_runs_datasette_with_the_room() -> None:
    command = serve_command(Path("x.db"), port=9999)
    assert command[1:4] == ["-m", "newscrawl.outputs.room", "serve"] and "127.0.0.1" in command


def test_package_data_lists_the_templates_and_styles() -> None:
    text = (Path(__file__).resolve().parent.parent / "pyproject.toml").read_text()
    assert '"newscrawl.outputs.room" = ["templates/*.html", "templates/room/*.html", "static/*.css"]' in text
    folder = Path(room.__file__).parent
    assert {p.name for p in (folder / "templates" / "room").glob("*.html")} >= {"home.html", "search.html",
                                                                                  "article.html"}
    assert (folder / "static" / "room.css").is_file() and (folder / "templates" / "database.html").is_file()


# -- pages, in-process ----------------------------------------------------------------------------


def test_home_page_has_one_search_box_and_the_corpus_at_a_glance(client: Client) -> None:
    page = client.get("/")
    assert page.status_code == 200
    text = page.text
    assert text.count('name="q"') == 1
    assert '<dd id="glance-articles">9</dd>' in text and '<dd id="glance-outlets">4</dd>' in text
    assert "2026-01-10 <span class=\"to\">to</span> 2026-01-21" in text
    assert "finished" in text and "ICE and tech workers" in text
    assert "/search?q=letter%20OR%20%22open%20letter%22" in text  # the topic's terms, as a search
    css = client.get("/-/static-plugins/newscrawl.outputs.room/room.css")
    assert css.status_code == 200 and "max-width" in css.text


@pytest.mark.parametrize("query, expected", [
    ("ICE raids", {"raid"}),
    ("ICE OR CBP", {"raid", "cbp", "hockey", "letter", "undated"}),  # the index folds case: "ice" too
    ("ICE -hockey", {"raid", "letter", "undated"}),
    ('"open letter"', {"letter"}),
    ("detain*", {"wire"}),
    ("=ICE", {"raid", "hockey", "letter", "undated"}),  # as `newscrawl search`: the index folds case
    ("ICE NOT (hockey OR contracts)", {"raid", "undated"}),
])
def test_search_speaks_the_clis_query_language(client: Client, corpus: Corpus,
                                               query: str, expected: set[str]) -> None:
    db, ids = corpus
    page = client.get("/search", q=query)
    assert page.status_code == 200
    found = story_ids(page.text)
    assert found == cli_ids(db, query), "the same stories, in the same order, as the CLI"
    names = {name for name, i in ids.items() if i in found}
    assert names == expected
    assert "fts5" not in page.text.lower()
    assert ('id="exact"' in page.text) == query.startswith("=")


def test_results_are_stories_with_copies_snippets_outlets_and_days(client: Client, corpus: Corpus) -> None:
    _, ids = corpus
    page = client.get("/search", q="detained").text
    assert story_ids(page) == [ids["wire"]]
    assert f'<a class="copies" href="/article/{ids["wire"]}#copies">3 copies</a>' in page
    assert "<mark>detained</mark>" in page and "Meridian Wire" in page
    assert '<time datetime="2026-01-21">2026-01-21</time>' in page
    # the chart counts every copy, at its outlet
    assert '<svg class="timeline"' in page and page.count("<rect") == 3
    assert "3 dated matching articles" in page
    for name in ("Meridian Wire", "El Faro", "The Northfield Ledger"):
        assert f"</span>{name}</li>" in page


def test_filters_narrow_the_search(client: Client, corpus: Corpus) -> None:
    _, ids = corpus
    assert story_ids(client.get("/search", q="ICE", outlet="ledger").text) == \
        story_ids(client.get("/search", q="ICE", outlet=["ledger"]).text)
    ledger = {i for i in story_ids(client.get("/search", q="ICE", outlet="ledger").text)}
    assert ledger == {ids["raid"], ids["letter"], ids["undated"]}
    assert story_ids(client.get("/search", q="ICE", since="2026-01-11", until="2026-01-19").text) == \
        [ids["hockey"]]
    assert story_ids(client.get("/search", q="ICE", topic="ice-tech").text) == [ids["letter"]]
    assert story_ids(client.get("/search", q="detained", language="es").text) == []
    assert story_ids(client.get("/search", q="detained", outlet="latino").text) == [ids["wire-latino"]]


def test_results_in_date_order(client: Client, corpus: Corpus) -> None:
    _, ids = corpus
    newest = story_ids(client.get("/search", q="ICE OR CBP", sort="date").text)
    assert newest == [ids[n] for n in ("letter", "hockey", "cbp", "raid", "undated")]


def test_csv_and_json_give_the_pages_results(client: Client) -> None:
    page = story_ids(client.get("/search", q="ICE OR CBP").text)
    data = client.get("/search.json", q="ICE OR CBP")
    assert data.status_code == 200
    rows = data.json()["rows"]
    assert [r["id"] for r in rows] == page
    assert any("**ICE**" in r["snippet"] for r in rows)
    table = client.get("/search.csv", q="ICE OR CBP")
    assert table.headers["content-type"].startswith("text/csv")
    csv_rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [int(r["id"]) for r in csv_rows] == page
    assert set(csv_rows[0]) >= {"title", "outlet", "copies", "url"}
    bad = client.get("/search.json", q="NOT ICE")
    assert bad.status_code == 400 and bad.json() == {
        "ok": False, "error": "Only exclusions (-word, NOT word): add a word to search for, e.g. ICE -hockey"}


@pytest.mark.parametrize("query, message", [
    ("NOT ICE", "Only exclusions (-word, NOT word): add a word to search for, e.g. ICE -hockey"),
    ("-hockey", "Only exclusions (-word, NOT word)"),
    ("OR", "Nothing to search for in 'OR': AND, OR and NOT are operators; to search for the word"),
    ("x" * 2001, "The search is too long"),
])
def test_a_query_error_is_one_friendly_line(client: Client, query: str, message: str) -> None:
    page = client.get("/search", q=query)
    assert page.status_code == 400
    errors = re.findall(r'<p class="error" id="error" role="alert">(.*?)</p>', page.text)
    assert len(errors) == 1 and html.unescape(errors[0]).startswith(message)
    assert "fts5" not in page.text.lower() and "syntax error" not in page.text.lower()


def test_malformed_input_is_read_leniently_not_refused(client: Client) -> None:
    for query in ('"unbalanced ( AND', "ICE)", "title:ICE", "NEAR(ICE CBP)", "ICE^"):
        page = client.get("/search", q=query)
        assert page.status_code == 200, query
        assert 'class="error"' not in page.text, query


def test_bad_days_are_a_friendly_line(client: Client) -> None:
    page = client.get("/search", q="ICE", since="yesterday")
    assert page.status_code == 400
    assert "From &#39;yesterday&#39; is not a day: write it as YYYY-MM-DD" in page.text


def test_article_page_is_for_reading(client: Client, corpus: Corpus) -> None:
    _, ids = corpus
    page = client.get(f"/article/{ids['raid']}")
    assert page.status_code == 200
    text = page.text
    assert '<h1 id="title">ICE raids at the plant</h1>' in text
    assert '<span class="outlet" id="outlet">The Northfield Ledger</span>' in text
    assert '<p class="byline" id="byline">By Dana Whitfield, Sam Ortiz</p>' in text
    assert "Saturday 10 January 2026, 10:00 EST" in text and "(America/New_York)" in text
    assert "Saturday 10 January 2026, 15:00 UTC" in text
    assert "JSON-LD <code>jsonld</code>" in text
    assert re.findall(r'<div class="text" id="text">\s*<p>(.*?)</p>\s*<p>(.*?)</p>', text) == [
        ("ICE agents raided the plant at dawn.", "Workers said ICE gave no warning.")]
    assert "http://ledger.test/amp/raid" in text  # another URL of the same article
    assert "None: no other outlet ran this text." in text
    assert "facets" not in text


def test_article_page_lists_copies_at_other_outlets(client: Client, corpus: Corpus) -> None:
    _, ids = corpus
    text = client.get(f"/article/{ids['wire']}").text
    copies = re.search(r'<section id="copies">(.*?)</section>', text, re.S).group(1)
    assert f'<a href="/article/{ids["wire-latino"]}">El Faro</a>' in copies
    assert f'<a href="/article/{ids["wire-ledger"]}">The Northfield Ledger</a>' in copies


def test_article_page_shows_versions_with_a_word_diff(client: Client, corpus: Corpus) -> None:
    _, ids = corpus
    text = client.get(f"/article/{ids['letter']}").text
    versions = re.search(r'<section id="versions">(.*?)</section>', text, re.S).group(1)
    assert "2 versions seen" in versions
    assert "<del>Two</del> <ins>Three</ins>" in versions
    assert "<del>contracts.</del> <ins>contracts this week.</ins>" in versions
    assert "Title: " in versions and "<ins>to ICE</ins>" in versions
    assert "One version" in client.get(f"/article/{ids['raid']}").text


def test_a_missing_article_is_a_404_page(client: Client) -> None:
    page = client.get("/article/999999")
    assert page.status_code == 404 and "There is no article 999999" in page.text


def test_tables_hide_internal_columns_and_rows_open_the_reading_page(client: Client, corpus: Corpus) -> None:
    _, ids = corpus
    data = client.get("/news/articles.json", _shape="objects", _search="ICE").json()
    assert data["rows"] and "facets" not in data["rows"][0] and "text" in data["rows"][0]
    assert "facets" not in client.get("/news/articles.csv").text.splitlines()[0].split(",")
    table = client.get("/news/articles").text
    assert 'data-column="facets"' not in table and 'data-column="text"' not in table
    assert 'data-column="title"' in table and 'data-column="topics"' not in table
    assert "Suggested facets" not in table
    asked = client.get("/news/articles", _col="text").text
    assert 'data-column="text"' in asked
    assert "facets" not in client.get("/news/articles_fts.json", _shape="objects").json()["rows"][0]
    listing = client.get("/news").text
    assert "crawl_run_id</em>" in listing and "facets" not in listing
    row = client.get(f"/news/articles/{ids['raid']}")
    assert row.status_code == 302 and row.headers["location"] == f"/article/{ids['raid']}"


def test_the_tables_search_box_speaks_the_query_language(client: Client, corpus: Corpus) -> None:
    _, ids = corpus

    def found(query: str) -> set[int]:
        data = client.get("/news/articles.json", _search=query, _shape="objects", _size="max").json()
        return {row["id"] for row in data["rows"]}

    assert found("ICE OR CBP") == {ids[n] for n in ("raid", "cbp", "hockey", "letter", "undated")}
    assert found("ICE -hockey") == {ids[n] for n in ("raid", "letter", "undated")}
    assert found('"open letter"') == {ids["letter"]}
    assert found("detain*") == {ids[n] for n in ("wire", "wire-latino", "wire-ledger")}  # every copy
    refused = client.get("/news/articles", _search="NOT ICE")
    assert refused.status_code == 302 and refused.headers["location"] == "/search?q=NOT+ICE"


def test_day_facet_is_in_date_order_and_cluster_facet_lists_real_clusters(
        client: Client, corpus: Corpus) -> None:
    _, ids = corpus
    facets = client.get("/news/articles.json", _size="0").json()["facet_results"]
    days = [r["value"] for r in facets["published_at"]["results"]]
    assert days == sorted(days, reverse=True) and days[0] == "2026-01-21"
    assert next(r for r in facets["published_at"]["results"] if r["value"] == "2026-01-21")["count"] == 3
    clusters = facets["cluster_id"]["results"]
    assert [(r["value"], r["count"]) for r in clusters] == [(ids["wire"], 3)]
    toggle = urllib.parse.urlsplit(clusters[0]["toggle_url"])
    assert toggle.path == "/news/articles.json"
    picked = client.get(f"{toggle.path}?{toggle.query}")
    assert picked.json()["filtered_table_rows_count"] == 3
    one_day = client.get("/news/articles.json", **{"published_at__date": "2026-01-20"}).json()
    assert one_day["filtered_table_rows_count"] == 2


def test_the_search_runs_through_the_stores_search(corpus: Corpus) -> None:
    db, ids = corpus
    store = Store.open(db, readonly=True)
    try:
        result = pages.run_search(store, pages.SearchForm(q="detained"))
        timeline = pages.run_timeline(store, pages.SearchForm(q="detained"))
        rows = store.search(to_fts5("detained"))
        refused = pages.run_timeline(store, pages.SearchForm(q="NOT ICE"))
    finally:
        store.close()
    assert [r["id"] for r in result["rows"]] == [r["id"] for r in rows] == [ids["wire"]]
    assert result["rows"][0]["copies"] == 3 and timeline["timeline"].total == 3
    assert refused == {}


# -- a real browser -----------------------------------------------------------------------------------


def _chromium(profile: Path, *args: str) -> str:
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--hide-scrollbars", f"--user-data-dir={profile}", *args,
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


@pytest.fixture(scope="module")
def browser_site(crawled: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, int]]:
    """The crawled fixture web (a copy, with one article edited once) served as `newscrawl serve` does."""
    from test_serve import Datasette as Server

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "news.db"
    shutil.copy(crawled, db)
    conn = sqlite3.connect(db)
    article_id, title, text = conn.execute(
        "SELECT id, title, text FROM articles WHERE title LIKE '%open letter%' ORDER BY id LIMIT 1"
    ).fetchone()
    conn.close()
    store = Store.open(db, batch_size=1)
    try:
        row = store.article(article_id)
        edited = "Updated: " + text + "\n\nThis article was updated."
        store.update_article(article_id, Article(
            url=row["url"], outlet=row["outlet"], title=title + " (updated)", text=edited,
            word_count=len(edited.split()), language=row["language"]), None)
    finally:
        store.close()
    with Server(db, datasette_metadata(db, topic_terms=("letter", '"open letter"'), topic="ICE")) as server:
        yield server, article_id


def _load(site: Any, tmp: Path, name: str, path: str, *, phone: bool = True, height: int = 1000) -> str:
    """The page's DOM after its scripts ran, and its screenshots at 1280 and (``phone``) 390 px wide."""
    url = site.base + path
    dom = _chromium(tmp / "profile", "--dump-dom", url)
    sizes = [("desktop", f"1280,{height}")] + ([("phone", f"390,{height}")] if phone else [])
    for label, size in sizes:
        shot = tmp / f"{name}-{label}.png"
        _chromium(tmp / "profile", f"--screenshot={shot}", f"--window-size={size}", url)
        png = shot.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        assert struct.unpack(">II", png[16:24]) == tuple(int(v) for v in size.split(","))
        assert len(png) > 15_000, f"{shot}: a blank page compresses to a few kB"
    return dom


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium")
def test_browser_home_and_search_with_every_operator(browser_site: tuple[Any, int], crawled: Path,
                                                     tmp_path: Path) -> None:
    site, _ = browser_site
    home = _load(site, tmp_path, "home", "/")
    assert 'id="glance-articles">25<' in home and 'type="search"' in home
    for name, query in [("and", "ICE Minneapolis"), ("or", "ICE OR CBP"), ("minus", "ICE -hockey"),
                        ("phrase", '"open letter"'), ("prefix", "detain*"), ("exact", "=ICE")]:
        path = "/search?" + urllib.parse.urlencode({"q": query, "n": 50})
        dom = _load(site, tmp_path, f"search-{name}", path, phone=name == "or")
        found = story_ids(dom)
        assert found and found == cli_ids(crawled, query)[:50], query
        assert '<svg class="timeline"' in dom and "<mark>" in dom, query
    first = _load(site, tmp_path, "search-first-page", "/search?q=ICE+OR+CBP", phone=False)
    assert len(story_ids(first)) == 20 and 'id="more"' in first  # 22 stories: 20, then "Show more"
    error = _load(site, tmp_path, "search-not-error", "/search?q=NOT+ICE")
    assert re.findall(r'<p class="error" id="error" role="alert">(.*?)</p>', error) == [
        "Only exclusions (-word, NOT word): add a word to search for, e.g. ICE -hockey"]
    assert "fts5" not in error.lower()
    print(f"screenshots in {tmp_path}")


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium")
def test_browser_article_and_versions(browser_site: tuple[Any, int], tmp_path: Path) -> None:
    site, edited = browser_site
    wire = site.rows("biggest_clusters.json")[0]["cluster_id"]
    article = _load(site, tmp_path, "article", f"/article/{wire}")
    assert '<h1 id="title">' in article and 'id="byline">By ' in article and " UTC" in article
    copies = re.search(r'<section id="copies">(.*?)</section>', article, re.S).group(1)
    assert copies.count('<a href="/article/') == 3
    versions = _load(site, tmp_path, "versions", f"/article/{edited}", height=4000)
    section = re.search(r'<section id="versions">(.*?)</section>', versions, re.S).group(1)
    assert "<ins>Updated:</ins>" in section and "<ins>¶ This article was updated.</ins>" in section
    assert "<ins>(updated)</ins>" in section
    print(f"screenshots in {tmp_path}")


@pytest.mark.slow
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium: apt-get install chromium")
def test_browser_completeness_page(browser_site: tuple[Any, int], crawled: Path, tmp_path: Path) -> None:
    site, _ = browser_site
    dom = _load(site, tmp_path, "coverage", "/coverage", height=1400)
    outlets = re.findall(r'<tbody class="outlet" data-outlet="([^"]+)">', dom)
    result = CliRunner().invoke(main, ["coverage", "--db", str(crawled), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert outlets == [row["outlet"] for row in report["outlets"]]
    estimated = [row for row in report["outlets"] if row["headline"]]
    assert dom.count('<span class="ci" role="img"') >= len(estimated) > 0
    assert "Too little overlap to estimate" in dom or len(estimated) == len(outlets)
    assert 'id="caution"' in dom and 'href="/coverage">Completeness</a>' in dom
    print(f"screenshots in {tmp_path}")
