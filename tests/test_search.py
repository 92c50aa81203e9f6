"""Search: what journalists type -> safe FTS5 expressions; Store.search ranking, filters, clusters."""

from __future__ import annotations

import json
import random
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from rich.markup import escape

from newscrawl.items import Article
from newscrawl.judge.query import SearchQueryError, to_fts5
from newscrawl.outputs.search import MARK_END, MARK_START, highlighted
from newscrawl.store import Store


def _outlet(slug: str, name: str, language: str = "en") -> dict[str, object]:
    return {
        "slug": slug, "name": name, "domain": f"{slug}.example", "homepage": f"https://{slug}.example/",
        "country": "US", "language": language, "kind": "national", "timezone": "UTC", "verified": 0,
        "feeds": "[]", "sitemaps": "[]",
    }


# ---------------------------------------------------------------------------- translation


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ice raid", '"ice" AND "raid"'),
        ('"open letter" ICE', '"open letter" AND "ICE"'),
        ("ice OR immigration", '"ice" OR "immigration"'),
        ("ice | immigration", '"ice" OR "immigration"'),
        ("ice or immigration", '"ice" AND "or" AND "immigration"'),
        ("ice -hockey", '"ice" NOT "hockey"'),
        ("ice NOT hockey", '"ice" NOT "hockey"'),
        ('ice -"ice hockey" -skating', '"ice" NOT ("ice hockey" OR "skating")'),
        ("ice -(hockey OR skating)", '"ice" NOT ("hockey" OR "skating")'),
        ("a (-b -c)", '"a" NOT ("b" OR "c")'),
        ("-(-ice)", '"ice"'),
        ("detain*", '"detain"*'),
        ("detain** ICE", '"detain"* AND "ICE"'),
        ('"open let"*', '"open let"*'),
        ("(ICE OR immigration) (raid OR detention)", '("ICE" OR "immigration") AND ("raid" OR "detention")'),
        ("ice AND raid", '"ice" AND "raid"'),
        ("e-verify", '"e-verify"'),
        ("ice - hockey", '"ice" AND "hockey"'),
        # unbalanced quotes close at the end; stray parentheses are dropped, open ones closed
        ('"open letter', '"open letter"'),
        ('ice "open letter', '"ice" AND "open letter"'),
        ("a) b (c", '"a" AND "b" AND "c"'),
        ("((ice OR raid)", '"ice" OR "raid"'),
        ("))ice((", '"ice"'),
        ("((((ice))))", '"ice"'),
        ("()ice", '"ice"'),
        # dangling operators are dropped
        ("ice OR", '"ice"'),
        ("OR ice", '"ice"'),
        ("ice OR OR raid", '"ice" OR "raid"'),
        ("ice NOT", '"ice"'),
        ("ice -", '"ice"'),
        ('"OR" ice', '"OR" AND "ice"'),
        # FTS5 and SQL syntax is only ever text
        ("'; DROP TABLE articles; --", '"DROP" AND "TABLE" AND "articles;"'),
        ("NEAR(ice raid, 5)", '"NEAR" AND "ice" AND "raid," AND "5"'),
        ("title:ice", '"title:ice"'),
        ("{title text}: ice", '"{title" AND "text}:" AND "ice"'),
        ("^ice +raid", '"^ice" AND "+raid"'),
        ("ice* *raid", '"ice"* AND "*raid"'),
        ('x"y', '"x" AND "y"'),
        ("rank MATCH 'x' OR 1=1", '("rank" AND "MATCH" AND "\'x\'") OR "1=1"'),
        # unicode: kept; emoji and punctuation have no searchable token and are dropped
        ("Ärzte 移民 Überwachung", '"Ärzte" AND "移 民" AND "Überwachung"'),
        ("ICE 🎉 raid", '"ICE" AND "raid"'),
        ("Cafe\u0301", '"Café"'),
        ("ice\x00raid", '"ice" AND "raid"'),
        ("ice \ud800 raid", '"ice" AND "raid"'),
    ],
)
def test_to_fts5(query: str, expected: str) -> None:
    assert to_fts5(query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # a word of Chinese, Japanese or Thai: the phrase of its characters, as the index reads them
        ("移民局", '"移 民 局"'),
        ("移民", '"移 民"'),
        ("検索", '"検 索"'),
        ("กรุงเทพ", '"ก ร ุ ง เ ท พ"'),
        # run on to Latin letters or digits: parted there too; a space typed changes nothing
        ("美国ICE", '"美 国 ICE"'),
        ("ICE与科技公司", '"ICE 与 科 技 公 司"'),
        ('"美国 ICE"', '"美 国 ICE"'),
        ("=美国ICE", '"美 国 ICE"'),
        ("2026年", '"2026 年"'),
        # mixed queries, operators, quotes
        ("ICE 移民局", '"ICE" AND "移 民 局"'),
        ("移民局 OR 海关 -足球", '"移 民 局" OR ("海 关" NOT "足 球")'),
        ('"移民局 称"', '"移 民 局 称"'),
        ("(移民 OR immigration) 拘束", '("移 民" OR "immigration") AND "拘 束"'),
        # a prefix: the last character (a token of its own) is the prefix
        ("移民*", '"移 民"*'),
        ('"美国 移民"*', '"美 国 移 民"*'),
        # FTS5's NEAR is no operator of the query language: a word, quoted
        ("NEAR(移民 执法)", '"NEAR" AND "移 民" AND "执 法"'),
        # punctuation of those scripts is no word
        ("移民局。", '"移 民 局。"'),
        ("「移民局」", '"「移 民 局」"'),
    ],
)
def test_to_fts5_chinese_japanese_and_thai(query: str, expected: str) -> None:
    assert to_fts5(query) == expected


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("。", "nothing to search for"),
        ("「」、", "nothing to search for"),
        ("   \t\n", "empty"),
        ("-", "nothing to search for"),
        ("*", "nothing to search for"),
        ('"', "nothing to search for"),
        ('""', "nothing to search for"),
        ("()", "nothing to search for"),
        ("🎉 🔥", "nothing to search for"),
        ("; -- '", "nothing to search for"),
        ("OR", "quote it"),
        ("AND OR NOT", "quote it"),
        ("-hockey", "add a word to search for"),
        ("NOT hockey", "add a word to search for"),
        ("-hockey -skating", "add a word to search for"),
        ("--hockey", "add a word to search for"),
        ("-(ice OR raid)", "add a word to search for"),
        ("ice OR -hockey", "OR alternative is only an exclusion"),
        ("ice OR (-hockey)", "OR alternative is only an exclusion"),
        ("(" * 30 + "ice", "nested parentheses"),
        ("w " * 101, "too many words"),
        ("x" * 2001, "too long"),
    ],
)
def test_to_fts5_errors(query: str, message: str) -> None:
    with pytest.raises(SearchQueryError, match=message):
        to_fts5(query)
    assert issubclass(SearchQueryError, ValueError)


def test_quotes_inside_a_term_are_doubled() -> None:
    from newscrawl.judge.query import Term
    from newscrawl.judge.query import fts5 as _emit

    def _Leaf(text: str, prefix: bool) -> Term:  # noqa: N802 - the tree's term, as the old test built it
        return Term(text, False, (), 0, text + "*" * prefix)

    assert _emit(_Leaf('say "hi"', prefix=True)) == '"say ""hi"""*'


def test_highlighted() -> None:
    snippet = f"agents {MARK_START}raided{MARK_END} the [plant] … {MARK_START}ICE"
    assert highlighted(snippet) == "agents **raided** the [plant] … **ICE**"
    assert highlighted(snippet, "[bold]", "[/bold]", escape) == (
        "agents [bold]raided[/bold] the \\[plant] … [bold]ICE[/bold]"
    )
    assert highlighted(f"a{MARK_END}b{MARK_START}{MARK_START}c", "<", ">") == "ab<c>"
    assert highlighted(None) == ""


# ---------------------------------------------------------------------------- the store


def _add(store: Store, url: str, outlet: str, title: str, text: str, day: int | None,
         language: str = "en", topics: dict | None = None, cluster_id: int | None = None) -> int:
    published = datetime(2026, 1, day, 23, 30, tzinfo=UTC) if day else None
    article = Article(url=f"https://{outlet}.example/{url}", outlet=outlet, title=title, text=text,
                      published_at=published, language=language, topics=topics or {},
                      cluster_id=cluster_id, text_hash=url)
    return store.insert_article(article, None)


WIRE_TEXT = ("Hundreds of tech workers signed an open letter asking their companies to end "
             "contracts with ICE, the immigration agency, after raids in several cities.")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "news.db", batch_size=1000, batch_seconds=3600)
    store.upsert_outlets([_outlet("ledger", "The Ledger"), _outlet("wire", "Wire Service"),
                          _outlet("tribune", "Tribune"), _outlet("monde", "Le Monde", "fr")])
    yield store
    store.close()


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    """A small corpus: a title hit, a text hit, a wire story with two copies, French, undated."""
    ice = {"ice-tech": {"score": 2.0, "terms": {"ICE": 2}}}
    ids = {
        "title_hit": _add(store, "raid", "ledger", "Raid at the meatpacking plant",
                          "Agents arrived before dawn and detained forty workers.", 10, topics=ice),
        "text_hit": _add(store, "council", "tribune", "City council meets",
                         "The council discussed the budget, parks, and a raid reported last week "
                         "by residents, among many other items on a long agenda.", 12),
        "wire": _add(store, "letter", "wire", "Tech workers sign open letter against ICE", WIRE_TEXT, 20,
                     topics=ice),
        "monde": _add(store, "lettre", "monde", "Lettre ouverte contre ICE",
                      "Des salariés de la tech ont signé une lettre ouverte contre ICE.", 22, language="fr"),
        "undated": _add(store, "hockey", "ledger", "Ice hockey final", "The ice hockey final went long.",
                        None),
    }
    ids["copy_ledger"] = _add(store, "letter-copy", "ledger", "Workers sign letter against ICE", WIRE_TEXT,
                              21, topics=ice, cluster_id=ids["wire"])
    ids["copy_tribune"] = _add(store, "letter-copy", "tribune", "Open letter: tech workers and ICE",
                               WIRE_TEXT, 21, cluster_id=ids["wire"])
    store.flush()
    return ids


def _search(store: Store, query: str, **filters: object) -> list[dict]:
    return store.search(to_fts5(query), **filters)  # type: ignore[arg-type]


def test_rows_have_the_promised_columns(store: Store, ids: dict[str, int]) -> None:
    (row,) = _search(store, "meatpacking")
    assert row["id"] == ids["title_hit"]
    assert list(row) == ["id", "outlet", "outlet_name", "published_at", "published_day", "title", "url",
                         "snippet", "rank", "cluster_id", "copies"]
    assert row["outlet"] == "ledger" and row["outlet_name"] == "The Ledger"
    assert row["published_at"] == "2026-01-10T23:30:00+00:00"
    assert row["url"] == "https://ledger.example/raid" and row["copies"] == 1
    assert row["cluster_id"] == row["id"] and row["rank"] < 0


def test_title_hit_ranks_above_text_hit(store: Store, ids: dict[str, int]) -> None:
    rows = _search(store, "raid")
    assert [r["id"] for r in rows][:2] == [ids["title_hit"], ids["text_hit"]]
    assert rows[0]["rank"] < rows[1]["rank"]


@pytest.mark.usefixtures("ids")
def test_snippet_marks_the_matches(store: Store) -> None:
    (row,) = _search(store, "budget")
    assert f"{MARK_START}budget{MARK_END}" in row["snippet"]
    assert "**budget**" in highlighted(row["snippet"])
    (row,) = _search(store, "detain*")
    assert f"{MARK_START}detained{MARK_END}" in row["snippet"]


def test_syndicated_copies_collapse_to_the_best_ranked(store: Store, ids: dict[str, int]) -> None:
    rows = _search(store, '"open letter"')
    by_cluster = [r for r in rows if r["cluster_id"] == ids["wire"]]
    assert len(by_cluster) == 1 and by_cluster[0]["copies"] == 3
    # the wire and the tribune copy have "open letter" in the title; the wire's is shorter
    assert by_cluster[0]["id"] in (ids["wire"], ids["copy_tribune"])
    rows = _search(store, '"open letter"', include_duplicates=True)
    copies = sorted(r["id"] for r in rows if r["cluster_id"] == ids["wire"])
    assert copies == sorted([ids["wire"], ids["copy_ledger"], ids["copy_tribune"]])
    assert {r["copies"] for r in rows if r["cluster_id"] == ids["wire"]} == {3}
    # filters apply before collapsing: the ledger's copy represents the cluster there
    (row,) = _search(store, '"open letter"', outlets=["ledger"])
    assert row["id"] == ids["copy_ledger"] and row["copies"] == 1


def test_filters(store: Store, ids: dict[str, int]) -> None:

    def found(query: str, **filters: object) -> set[int]:
        return {r["id"] for r in _search(store, query, include_duplicates=True, **filters)}

    assert found("ICE") == {ids["wire"], ids["copy_ledger"], ids["copy_tribune"], ids["monde"],
                            ids["undated"]}
    assert found("ICE", outlets=["monde", "tribune"]) == {ids["monde"], ids["copy_tribune"]}
    assert found("ICE", language="fr") == {ids["monde"]}
    assert found("ICE", language="EN") == {ids["wire"], ids["copy_ledger"], ids["copy_tribune"],
                                           ids["undated"]}
    assert found("ICE OR raid", topic="ice-tech") == {ids["wire"], ids["copy_ledger"], ids["title_hit"]}
    assert found("ICE", topic='no"such') == set()
    # until is inclusive (the copies are published at 23:30 on the 21st); undated articles drop out
    assert found("ICE", until="2026-01-21") == {ids["wire"], ids["copy_ledger"], ids["copy_tribune"]}
    assert found("ICE", since="2026-01-21") == {ids["copy_ledger"], ids["copy_tribune"], ids["monde"]}
    assert found("ICE", since="2026-01-21", until="2026-01-21") == {ids["copy_ledger"], ids["copy_tribune"]}
    assert found("raid -council") == {ids["title_hit"], ids["wire"], ids["copy_ledger"], ids["copy_tribune"]}


@pytest.mark.usefixtures("ids")
def test_many_matches_filters_and_clusters_beyond_the_first_batch(store: Store) -> None:
    # 600 wire stories mention "storm" in the title (better ranked) and 300 copies of one story at
    # other outlets in the text; the one tribune original is the worst-ranked match.
    for i in range(600):
        _add(store, f"storm{i}", "wire", f"Storm update {i}", f"Winds rose overnight, report {i}.", 5)
    first = _add(store, "story", "ledger", "Flooding downtown", "After the storm, water rose. " * 3, 6)
    for i in range(300):
        _add(store, f"copy{i}", "monde", "Flooding downtown", "After the storm, water rose. " * 3, 7,
             cluster_id=first)
    last = _add(store, "late", "tribune", "Notes", "A storm. " + "Unrelated words go here. " * 40, 8)
    store.flush()
    rows = _search(store, "storm", limit=1000)
    assert len(rows) == 602 and len({r["cluster_id"] for r in rows}) == 602
    assert [r["copies"] for r in rows if r["cluster_id"] == first] == [301]
    assert rows[-1]["id"] == last and rows[0]["title"].startswith("Storm update")
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    (row,) = _search(store, "storm", outlets=["tribune"])
    assert row["id"] == last and row["copies"] == 1
    assert len(_search(store, "storm", outlets=["monde"], include_duplicates=True, limit=1000)) == 300
    assert _search(store, "storm", language="xx") == []


@pytest.mark.usefixtures("ids")
def test_limit(store: Store) -> None:
    assert len(_search(store, "ICE", include_duplicates=True, limit=2)) == 2
    assert len(_search(store, "ICE", limit=20)) == 3  # the cluster, Le Monde, the hockey final
    assert _search(store, "ICE", limit=0) == []


def test_stemming_and_unicode(store: Store, ids: dict[str, int]) -> None:
    found = {r["id"] for r in _search(store, "raids", include_duplicates=True)}
    assert found >= {ids["title_hit"], ids["wire"]}
    assert [r["id"] for r in _search(store, "salariés")] == [ids["monde"]]
    assert [r["id"] for r in _search(store, "SALARIES")] == [ids["monde"]]


@pytest.mark.parametrize(
    "raw",
    ['"unterminated', "nosuchcolumn: ice", "-ice", "ice AND", "NEAR(", 'NEAR("a" "b", x)', "*nonsense",
     "(ice", "ice)", "", "   ", '"x\x00y"', "^", '"ice" NOT'],
)
def test_bad_fts5_expressions_become_search_query_errors(store: Store, raw: str) -> None:
    with pytest.raises(SearchQueryError, match="search"):
        store.search(raw)


NASTY = [
    "", " ", "-", "--", "*", "**", '"', '""', '"""', "(", ")", "()", ")(", "((((", "))))", "'", "';",
    "'; DROP TABLE articles; --", "1' OR '1'='1", "ice; DELETE FROM articles", "NEAR(ice raid)",
    "NEAR/3", "title:ice", "text:raid", "{title}:ice", "- title : ice", "ice:", ":", "^ice", "+ice",
    "ice AND", "AND", "OR", "NOT", "ice OR NOT raid", "NOT NOT ice", "ice NOT NOT raid", "-ice",
    "ice -", "ice - -", "-\"open", '"open letter', 'ice "', "ice*", "*ice", "i*c*e*", '"ice"*"*',
    "🎉", "ICE 🎉", "👩‍💻 workers", "移民", "Ärzte", "e\u0301", "\u200b", "\x00", "ice\x00", "\ud800",
    "\\", "\\\"", "%", "_", "ice%", "rank", "bm25(articles_fts)", "articles_fts", "rowid=1", "ice|raid",
    "|", "a OR -b", "(-a)", "ice (-(raid))", "x" * 2001, "(" * 25 + "ice" + ")" * 25, "w " * 150,
]


@pytest.mark.parametrize("query", NASTY)
@pytest.mark.usefixtures("ids")
def test_nasty_input_gives_results_or_a_search_error(store: Store, query: str) -> None:
    try:
        rows = _search(store, query)
    except SearchQueryError as exc:
        assert str(exc)
    else:
        assert isinstance(rows, list)
    assert store.count("articles") == 7


@pytest.mark.usefixtures("ids")
def test_random_input_never_reaches_sqlite_as_an_error(store: Store) -> None:
    alphabet = list('aeiICE "()-*:^+|;\'\\\x00🎉é') + ["OR", "AND", "NOT", "NEAR", "title:", " "]
    rng = random.Random(20260128)
    for _ in range(400):
        query = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        try:
            expression = to_fts5(query)
        except SearchQueryError:
            continue
        try:
            store.search(expression)
        except (SearchQueryError, sqlite3.Error) as exc:
            pytest.fail(f"{query!r} -> {expression!r}: {exc}")


@pytest.mark.usefixtures("ids")
def test_search_works_on_a_readonly_store(store: Store, tmp_path: Path) -> None:
    reader = Store.open(tmp_path / "news.db", readonly=True)
    try:
        assert [r["outlet"] for r in reader.search(to_fts5("meatpacking"))] == ["ledger"]
    finally:
        reader.close()


def test_other_database_errors_are_not_disguised_as_query_errors(store: Store) -> None:
    store.conn.execute("DROP TABLE articles_fts")
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        store.search('"ice"')


# ---------------------------------------------------------------- ranking window and facets


def test_a_small_match_is_ranked_completely(store: Store, ids: dict[str, int]) -> None:
    rows = store.search(to_fts5("ICE"), include_duplicates=True)
    assert rows.complete and rows.ranked == 5


def test_beyond_the_window_only_the_newest_matches_are_ranked(store: Store) -> None:
    old_title_hit = _add(store, "old", "ledger", "Harvest festival", "The harvest came in early.", 1)
    newest = [_add(store, f"n{i}", "wire", f"Market {i}", f"Prices at the harvest market, day {i}.", 3)
              for i in range(10)]
    store.flush()
    rows = store.search(to_fts5("harvest"), rank_window=4, limit=50)
    assert not rows.complete and rows.ranked == 4
    assert {r["id"] for r in rows} == set(newest[-4:])
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    complete = store.search(to_fts5("harvest"), rank_window=11, limit=50)
    assert complete.complete and len(complete) == 11 and complete[0]["id"] == old_title_hit
    assert store.search(to_fts5("harvest"), rank_window=None, limit=50) == complete


def test_filters_narrow_the_match_before_the_window(store: Store) -> None:
    """A filtered match older than the window's newest unfiltered matches is still found."""
    old = _add(store, "old", "tribune", "Notes", "A harvest report from the valley.", 2,
               language="es", topics={"farm": {"score": 1.0}})
    for i in range(20):
        _add(store, f"n{i}", "wire", f"Market {i}", f"Prices at the harvest market, day {i}.", 3)
    store.flush()
    for filters in ({"outlets": ["tribune"]}, {"language": "ES"}, {"topic": "farm"},
                    {"since": "2026-01-02", "until": "2026-01-02"}):
        rows = store.search(to_fts5("harvest"), rank_window=4, **filters)  # type: ignore[arg-type]
        assert [r["id"] for r in rows] == [old] and rows.complete, filters
    assert store.search(to_fts5("harvest"), rank_window=4, since="2027-01-01") == []
    assert store.search(to_fts5("harvest"), rank_window=4, until="2025-12-31") == []


def test_filter_tokens_are_not_searched_as_words(store: Store, ids: dict[str, int]) -> None:
    from newscrawl.store.facets import MARK, outlet_token

    assert _search(store, "y2026") == [] and _search(store, "undated") == []
    assert _search(store, f"{MARK}y2026") == [] and _search(store, f"{MARK}undated*") == []
    assert _search(store, outlet_token("ledger")) == []  # "o6C6564676572": a word, not the token
    # and words never match the filter tokens: an article whose text has a token's letters
    article_id = _add(store, "odd", "wire", "Odd", f"Notes: {outlet_token('ledger')[1:]} y2026.", 2)
    store.flush()
    assert [r["id"] for r in _search(store, "notes", outlets=["ledger"])] == []
    assert [r["id"] for r in _search(store, "y2026")] == [article_id]


def test_an_updated_article_is_filtered_by_its_new_values(store: Store) -> None:
    article_id = _add(store, "moved", "ledger", "Harvest", "The harvest came in.", 5)
    article = Article(url="https://ledger.example/moved", outlet="ledger", title="Harvest",
                      text="The harvest came in, revised.", language="fr", text_hash="x",
                      topics={"farm": {"score": 1.0}})
    store.update_article(article_id, article, None)  # no new date: the old one stays
    store.flush()
    assert [r["id"] for r in _search(store, "revised", language="fr", topic="farm",
                                     since="2026-01-05", until="2026-01-05")] == [article_id]
    assert _search(store, "harvest", language="en") == []


def test_a_schema_2_database_is_still_searchable_readonly(tmp_path: Path) -> None:
    from newscrawl.store.schema import MIGRATIONS, SCHEMA_VERSION

    path = tmp_path / "v2.db"
    conn = sqlite3.connect(path)
    import sqlite_utils

    MIGRATIONS[1](sqlite_utils.Database(conn))
    MIGRATIONS[2](sqlite_utils.Database(conn))
    conn.execute("PRAGMA user_version = 2")
    conn.execute("INSERT INTO outlets (slug, name) VALUES ('ledger', 'The Ledger')")
    conn.execute("INSERT INTO articles (url, outlet, title, text, language, published_at) VALUES "
                 "('https://l.example/a', 'ledger', 'Harvest', 'The harvest came in.', 'en', "
                 "'2026-01-05T10:00:00+00:00')")
    conn.commit()
    conn.close()
    reader = Store.open(path, readonly=True)
    try:
        assert reader.schema_version == 2
        (row,) = reader.search(to_fts5("harvest"), outlets=["ledger"], since="2026-01-05")
        assert row["title"] == "Harvest"
    finally:
        reader.close()
    writer = Store.open(path)  # a writable open migrates, facets and index included
    try:
        assert writer.schema_version == SCHEMA_VERSION  # 3 and later
        (row,) = writer.search(to_fts5("harvest"), outlets=["ledger"], since="2026-01-05")
        assert row["title"] == "Harvest"
        assert writer.search(to_fts5("harvest"), outlets=["other"]) == []
    finally:
        writer.close()


def test_cli_says_when_the_ranking_covered_only_the_newest_matches(store: Store, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from newscrawl.cli import main
    from newscrawl.store import RANK_WINDOW

    old = _add(store, "old", "ledger", "Notes", "Harvest " * 50, 1)  # the best text match, oldest
    for i in range(RANK_WINDOW + 5):
        _add(store, f"n{i}", "wire", f"Market {i}", f"Prices at the harvest market, day {i}. " * 3, 3)
    store.flush()
    runner = CliRunner()
    args = ["search", "harvest", "--db", str(tmp_path / "news.db"), "--json", "--limit", "1"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0 and f"over {RANK_WINDOW:,} articles match" in result.stderr
    assert json.loads(result.stdout)[0]["id"] != old
    result = runner.invoke(main, [*args, "--rank-all"])
    assert result.exit_code == 0 and "Note:" not in result.stderr
    assert json.loads(result.stdout)[0]["id"] == old


def test_wide_id_spans_give_the_same_results(store: Store, ids: dict[str, int],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Snippets and copies come from one pass over an id span, or per id when it is too wide."""
    import newscrawl.store.sql

    queries = [("ICE", {}), ('"open letter"', {}), ("detain*", {}), ("ICE", {"outlets": ["ledger"]}),
               ('"open letter"', {"include_duplicates": True})]
    narrow = [_search(store, q, **f) for q, f in queries]
    monkeypatch.setattr(newscrawl.store.sql, "_ID_SPAN", 0)
    assert [_search(store, q, **f) for q, f in queries] == narrow
    assert any(r["copies"] == 3 for r in narrow[1]) and all(r["snippet"] for rows in narrow for r in rows)
