"""Search in Chinese, Japanese and Thai text, written without spaces between words (issue 18).

FTS5's tokenizer reads a run of such characters, and a Latin name run on to it, as one word;
the store indexes the text with each of their characters parted (newscrawl.words.parted) and
the query turns a word of theirs into the phrase of its characters. Real SQLite files
throughout: the store's own write paths, its migration from schema 9, its search and snippets.
"""

from __future__ import annotations

import sqlite3
import urllib.parse
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newscrawl.items import Article
from newscrawl.judge.query import to_fts5
from newscrawl.judge.topics import parse_query
from newscrawl.outputs.search import MARK_END, MARK_START, highlighted
from newscrawl.store import Store
from newscrawl.store.facets import MARK, character_facets
from newscrawl.store.schema import MIGRATIONS, SCHEMA_VERSION
from newscrawl.words import INDEX_BREAK, PAIR_BREAK, RUN_END, paired, parted, unpaired

OUTLETS = [
    {"slug": slug, "name": name, "domain": f"{slug}.example", "homepage": f"https://{slug}.example/",
     "country": country, "language": language, "kind": "national", "timezone": "UTC", "verified": 0,
     "feeds": "[]", "sitemaps": "[]"}
    for slug, name, country, language in [
        ("renmin", "人民日报", "CN", "zh"), ("asahi", "朝日新聞", "JP", "ja"),
        ("thairath", "ไทยรัฐ", "TH", "th"), ("ledger", "The Ledger", "US", "en"),
    ]
]

CHINESE = ("据报道，数百名美国科技公司员工联名致信，要求公司终止与美国ICE的合同。"
           "美国移民局称将继续执法。")
JAPANESE = "米IT大手の社員ら千人超がICEとの契約打ち切りを求める公開書簡に署名した。移民の拘束に反対。"
THAI = "พนักงานบริษัทเทคโนโลยีในสหรัฐเรียกร้องให้ยุติสัญญากับICEที่กรุงวอชิงตัน"
ENGLISH = "Hundreds of tech workers signed an open letter against ICE contracts and immigration raids."
STORIES = {
    "zh": ("renmin", "美国科技公司员工联名反对与ICE合作", CHINESE, "zh"),
    "ja": ("asahi", "米IT社員、ICE契約打ち切り要求", JAPANESE, "ja"),
    "th": ("thairath", "พนักงานเทคโนโลยีต่อต้านICE", THAI, "th"),
    "en": ("ledger", "Tech workers sign open letter against ICE", ENGLISH, "en"),
}


def _article(key: str, text: str | None = None) -> Article:
    outlet, title, body, language = STORIES[key]
    return Article(url=f"https://{outlet}.example/{key}", outlet=outlet, title=title, text=text or body,
                   language=language, text_hash=key, published_at=datetime(2026, 1, 23, 8, 5, tzinfo=UTC))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    store = Store.open(tmp_path / "news.db")
    store.upsert_outlets(OUTLETS)
    yield store
    store.close()


@pytest.fixture
def ids(store: Store) -> dict[str, int]:
    ids = {key: store.insert_article(_article(key), None) for key in STORIES}
    store.flush()
    return ids


def _found(store: Store, query: str) -> set[int]:
    return {row["id"] for row in store.search(to_fts5(query), include_duplicates=True)}


def _index_agrees_with_the_articles(store: Store) -> None:
    """FTS5's check of the index against its content (the view over the articles): it fails when
    a trigger indexed, or deleted, other words than the view gives."""
    store.conn.execute("INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)")


def test_a_latin_word_run_on_to_chinese_japanese_or_thai_is_found(store: Store, ids: dict[str, int]) -> None:
    assert _found(store, "ICE") == set(ids.values())
    assert _found(store, "=ICE") == set(ids.values())
    assert _found(store, "ice -contracts") == {ids["zh"], ids["ja"], ids["th"]}


@pytest.mark.parametrize(
    ("query", "keys"),
    [
        ("移民局", {"zh"}),  # inside 美国移民局称
        ("移民", {"zh", "ja"}),  # a two-character word, in Chinese and in Japanese text
        ("科技公司", {"zh"}),
        ("美国ICE", {"zh"}),  # a phrase across the Chinese/Latin boundary
        ('"美国 ICE"', {"zh"}),
        ("ICE的合同", {"zh"}),
        ("公開書簡", {"ja"}),
        ("契約", {"ja"}),
        ("移民 ICE", {"zh", "ja"}),
        ("移民 -契約", {"zh"}),
        ("移民局 OR 契約", {"zh", "ja"}),
        ("移民*", {"zh", "ja"}),  # a prefix ending on a character: that character
        ('"移民局 称"', {"zh"}),  # a space typed between them changes nothing
        ("กรุงวอชิงตัน", {"th"}),  # Thai: "Washington (city)", inside a run
        ("สัญญา", {"th"}),
        ("局移", set()),  # the characters, in another order: not a word of the text
        ("移民局长", set()),
        ("東京", set()),
    ],
)
def test_a_chinese_japanese_or_thai_word_is_found_inside_a_run(store: Store, ids: dict[str, int],
                                                               query: str, keys: set[str]) -> None:
    assert _found(store, query) == {ids[key] for key in keys}


def test_english_is_searched_as_before(store: Store, ids: dict[str, int]) -> None:
    assert _found(store, "raid") == {ids["en"]}  # porter stemming: raids
    assert _found(store, '"open letter"') == {ids["en"]}
    assert _found(store, "immigr*") == {ids["en"]}
    en = store.conn.execute("SELECT fts_title, fts_text FROM articles WHERE id = ?", (ids["en"],)).fetchone()
    assert en == (None, None), "an article without those scripts is indexed as it is"


@pytest.mark.usefixtures("ids")
def test_snippets_show_the_articles_own_text_with_the_word_highlighted(store: Store) -> None:
    (row,) = store.search(to_fts5("移民局"))
    assert INDEX_BREAK not in row["snippet"]
    assert f"美国{MARK_START}移民局{MARK_END}称" in row["snippet"]
    assert row["snippet"].replace(MARK_START, "").replace(MARK_END, "").strip(" …") in CHINESE
    assert "**移民局**" in highlighted(row["snippet"])
    (row,) = store.search(to_fts5("美国ICE"))
    assert "<mark>美国ICE</mark>" in highlighted(row["snippet"], "<mark>", "</mark>")
    (row,) = store.search(to_fts5("公開書簡"))
    assert f"{MARK_START}公開書簡{MARK_END}" in row["snippet"]
    (row,) = store.search(to_fts5("raids"))
    assert f"{MARK_START}raids{MARK_END}" in row["snippet"]


def test_a_changed_text_is_indexed_again(store: Store, ids: dict[str, int]) -> None:
    # as reextract and a revisit store a new text: Store.update_article
    store.update_article(ids["zh"], _article("zh", "海关官员表示，难民人数上升。"), None)
    store.flush()
    assert _found(store, "难民") == {ids["zh"]}
    assert _found(store, "移民局") == set()
    assert _found(store, "海关") == {ids["zh"]}
    store.update_article(ids["zh"], _article("zh", "An English text now, about ICE."), None)
    store.flush()
    parted_text = store.conn.execute("SELECT fts_text FROM articles WHERE id = ?", (ids["zh"],)).fetchone()
    assert parted_text == (None,)
    assert _found(store, "难民") == set()
    assert _found(store, "english") == {ids["zh"]}
    _index_agrees_with_the_articles(store)


def test_a_removed_article_leaves_the_index(store: Store, ids: dict[str, int]) -> None:
    store.conn.execute("DELETE FROM articles WHERE id = ?", (ids["ja"],))
    store.flush()
    assert _found(store, "契約") == set() and _found(store, "移民") == {ids["zh"]}
    _index_agrees_with_the_articles(store)


def test_parted_text_is_what_the_index_reads() -> None:
    assert parted(CHINESE).replace(INDEX_BREAK, "") == CHINESE
    assert f"美{INDEX_BREAK}国{INDEX_BREAK}ICE{INDEX_BREAK}的" in parted(CHINESE)
    assert parted(ENGLISH) is None and parted("") is None


def test_paired_text_is_what_the_index_reads_from_schema_11() -> None:
    """Each run as its overlapping pairs, then its last character alone, so that every character
    starts a word of the index; a character alone stays alone; a Latin word is parted from them."""
    P, E, B = PAIR_BREAK, RUN_END, INDEX_BREAK
    assert paired("美国移民局称") == f"美国{P}国移{P}移民{P}民局{P}局称{E}称"
    assert paired("美国ICE与科技公司") == f"美国{E}国{B}ICE{B}与科{P}科技{P}技公{P}公司{E}司"
    assert paired("（局）") == "（局）" and paired(ENGLISH) is None
    for text in (CHINESE, JAPANESE, THAI, ENGLISH + "，" + CHINESE):
        assert unpaired(paired(text), "[", "]") == text


_P, _E = PAIR_BREAK, RUN_END


@pytest.mark.parametrize(
    ("snippet", "alone", "shown"),
    [
        (f"美国{_P}国[移{_P}移民{_P}民局]{_P}局称{_E}称", "", "美国[移民局]称"),
        (f"美国{_P}国移{_P}[移民]{_P}[民局]{_P}局称{_E}称", "", "美国[移民局]称"),
        (f"民局{PAIR_BREAK}[局称]{RUN_END}称", "局", "民[局]称"),  # a one-character search: 局* found 局称
        (f"民局{PAIR_BREAK}局称{RUN_END}[称] …", "称", "民局[称] …"),  # ... and 称, the run's last, alone
        (f"[美国{RUN_END}国{INDEX_BREAK}ICE]{INDEX_BREAK}与科", "", "[美国ICE]与科"),
        (f"…局称{RUN_END}称", "", "…局称"),  # a snippet may start inside a run
    ],
)
def test_a_snippet_of_the_paired_text_is_the_articles_own_text_marked_on_the_characters_found(
    snippet: str, alone: str, shown: str
) -> None:
    assert unpaired(snippet, "[", "]", frozenset(alone)) == shown


@pytest.mark.parametrize(("query", "shown"), [
    ("局", "[局]"), ("称", "[称]"), ("美", "[美]"), ("执", "[执]"), ("の", "[の]"), ("ICE与", "[ICE与]"),
    ("与ICE", "[与ICE]"), ("国ICE", "[国ICE]"), ("ที่", "[ท]ี่"),  # FTS5's tokenizer leaves Thai marks out
])
def test_a_one_character_search_finds_every_article_with_that_character(tmp_path: Path, query: str,
                                                                       shown: str) -> None:
    """A pair begins at every character but a run's last, which is indexed alone too: a search
    of one character is a prefix of the pairs (``"局"*``), and finds it at a run's start, inside
    one, at its end and alone; the highlight marks that character only."""
    texts = ["美国移民局称将继续执法。", "局长说。", "这是移民局", "（局）", "没有这个字。",
             "米国のICE与ICEとの契約", "ICE与科技公司合作", "美国ICE的合同", "ที่กรุงเทพ"]
    store = Store.open(tmp_path / "news.db")
    try:
        store.upsert_outlets(OUTLETS)
        ids = [store.insert_article(Article(url=f"https://renmin.example/{i}", outlet="renmin",
                                            title="标题", text=text, text_hash=str(i)), None)
               for i, text in enumerate(texts)]
        store.flush()
        matcher = parse_query(query)
        expected = {a for a, text in zip(ids, texts, strict=True) if matcher.match(None, text).matched}
        assert expected, "the query is in some text"
        assert _found(store, query) == expected
        for row in store.search(to_fts5(query), include_duplicates=True):
            assert row["snippet"].replace(MARK_START, "").replace(MARK_END, "") in texts
            assert shown in highlighted(row["snippet"], "[", "]")
    finally:
        store.close()


def test_a_search_of_one_character_alone_reads_its_token_among_the_facets(store: Store,
                                                                          ids: dict[str, int]) -> None:
    """A prefix of the pairs (``"新"*``) merges the position lists of every pair that starts with
    the character (5.6 s at 100,000 Chinese articles for the commonest): alone, a character is
    looked for by its token among the facets, one list; its snippet is cut where it stands."""
    assert character_facets("美国", "局长ที่") == "".join(f" {MARK}c{ord(c):x}" for c in sorted("美国局长ท"))
    assert store._indexed_query(to_fts5("局")) == f'"{MARK}c{ord("局"):x}"'
    assert store._indexed_query(to_fts5("ICE与")) == '"ICE 与"*', "after a word: a prefix of the pairs"
    assert _found(store, "局") == {ids["zh"]} and _found(store, "契") == {ids["ja"]}
    assert _found(store, "移民 -局") == {ids["ja"]} and _found(store, "局 OR 契") == {ids["zh"], ids["ja"]}
    (row,) = store.search(to_fts5("局"))
    assert f"移民{MARK_START}局{MARK_END}称" in row["snippet"]
    assert row["snippet"].replace(MARK_START, "").replace(MARK_END, "").strip(" …") in CHINESE
    (row,) = store.search(to_fts5("作"))  # in the title only: the text's snippet, nothing marked
    assert row["id"] == ids["zh"] and MARK_START not in row["snippet"]


def test_the_search_finds_a_word_where_the_topic_matcher_does(tmp_path: Path) -> None:
    """From schema 11 a word of those scripts is found by the search as the topic matcher finds it:
    its characters in a row inside one run (not across punctuation, as the character index did)."""
    texts = ["美国移民局称", "移民。局", "（移民局）", "移民局长", "局移民", "据移民局", "移民和局", "民局"]
    store = Store.open(tmp_path / "news.db")
    try:
        store.upsert_outlets(OUTLETS)
        ids = [store.insert_article(Article(url=f"https://renmin.example/{i}", outlet="renmin",
                                            title="标题", text=text, text_hash=str(i)), None)
               for i, text in enumerate(texts)]
        store.flush()
        for query in ("移民局", "移民", "民局", "局", "移", "移民局称", "据移民"):
            matcher = parse_query(query)
            expected = {a for a, text in zip(ids, texts, strict=True) if matcher.match(None, text).matched}
            assert _found(store, query) == expected, query
    finally:
        store.close()


def _schema_9_database(path: Path) -> None:
    """A database made by the schema of version 9 (before this change), with its articles
    written as that version's store wrote them."""
    import sqlite_utils

    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    for version in sorted(v for v in MIGRATIONS if v <= 9):
        MIGRATIONS[version](db)
    conn.execute("PRAGMA user_version = 9")
    for outlet in OUTLETS:
        db["outlets"].insert(outlet)
    for key, (outlet, title, text, language) in STORIES.items():
        conn.execute("INSERT INTO articles (url, outlet, title, text, language, facets) "
                     "VALUES (?, ?, ?, ?, ?, '')",
                     (f"https://{outlet}.example/{key}", outlet, title, text, language))
    conn.commit()
    conn.close()


def test_a_database_of_schema_9_is_migrated_and_its_index_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "v9.db"
    _schema_9_database(path)
    before = Store.open(path, readonly=True)
    try:
        assert before.schema_version == 9
        assert _found(before, "ICE") == {4}, "before: ICE only where it stands apart"
        # read-only, not migrated: a word of those scripts finds a whole run, as it did before
        assert _found(before, "据报道") == {1} and _found(before, "移民局") == set()
        assert [row[0] for row in before.export_rows(["id"], fts_query=to_fts5("据报道"))] == [(1,)]
    finally:
        before.close()
    store = Store.open(path)
    try:
        assert store.schema_version == SCHEMA_VERSION
        assert _found(store, "ICE") == {1, 2, 3, 4}
        assert _found(store, "移民局") == {1}
        assert _found(store, "移民") == {1, 2}
        assert [r["id"] for r in store.search(to_fts5("letter"))] == [4]
        parted_rows = store.conn.execute("SELECT id FROM articles WHERE fts_text IS NOT NULL").fetchall()
        assert parted_rows == [(1,), (2,), (3,)]
        _index_agrees_with_the_articles(store)
        # the triggers of the new schema keep it so
        store.insert_article(Article(url="https://renmin.example/new", outlet="renmin", title="新闻",
                                     text="新的文章：移民局发布。", text_hash="new"), None)
        store.flush()
        assert _found(store, "移民局") == {1, 5}
        _index_agrees_with_the_articles(store)
    finally:
        store.close()


def _schema_10_database(path: Path) -> None:
    """A database of schema 10, its articles written as that version's store wrote them (the
    title and text parted, each character a word of the index)."""
    import sqlite_utils

    conn = sqlite3.connect(path)
    db = sqlite_utils.Database(conn)
    for version in sorted(v for v in MIGRATIONS if v <= 10):
        MIGRATIONS[version](db)
    conn.execute("PRAGMA user_version = 10")
    for outlet in OUTLETS:
        db["outlets"].insert(outlet)
    for key, (outlet, title, text, language) in STORIES.items():
        conn.execute("INSERT INTO articles (url, outlet, title, text, language, facets, fts_title, fts_text) "
                     "VALUES (?, ?, ?, ?, ?, '', ?, ?)",
                     (f"https://{outlet}.example/{key}", outlet, title, text, language, parted(title),
                      parted(text)))
    conn.commit()
    conn.close()


def test_a_database_of_schema_10_is_migrated_to_pairs_and_read_as_before_until_then(tmp_path: Path) -> None:
    path = tmp_path / "v10.db"
    _schema_10_database(path)
    before = Store.open(path, readonly=True)
    try:
        assert before.schema_version == 10
        # read-only, not migrated: each character a word, as before (across punctuation too)
        assert _found(before, "移民局") == {1} and _found(before, "移民") == {1, 2}
        assert _found(before, "ICE的合同") == {1} and _found(before, "局") == {1}
        (row,) = before.search(to_fts5("移民局"))
        assert f"美国{MARK_START}移民局{MARK_END}称" in row["snippet"]
    finally:
        before.close()
    store = Store.open(path)
    try:
        assert store.schema_version == SCHEMA_VERSION == 11
        forms = store.conn.execute("SELECT id, title, text, fts_title, fts_text FROM articles").fetchall()
        assert [row[3:] for row in forms] == [(paired(title), paired(text)) for _, title, text, *_ in forms]
        assert forms[3][3:] == (None, None), "the English article is left as it was"
        facets = [f for (f,) in store.conn.execute("SELECT facets FROM articles ORDER BY id")]
        assert all(facet.endswith(character_facets(title, text))
                   for facet, (_, title, text, *_) in zip(facets[:3], forms, strict=False))
        assert MARK + "c" not in facets[3], "the English article's facets are left as they were"
        _index_agrees_with_the_articles(store)
        assert _found(store, "移民局") == {1} and _found(store, "移民") == {1, 2}
        assert _found(store, "ICE的合同") == {1} and _found(store, "局") == {1}
        assert _found(store, "ICE") == {1, 2, 3, 4} and _found(store, "letter") == {4}
        (row,) = store.search(to_fts5("移民局"))
        assert f"美国{MARK_START}移民局{MARK_END}称" in row["snippet"]
        store.insert_article(Article(url="https://renmin.example/new", outlet="renmin", title="新闻",
                                     text="新的文章：移民局发布。", text_hash="new"), None)
        store.flush()
        assert _found(store, "移民局") == {1, 5}
        _index_agrees_with_the_articles(store)
    finally:
        store.close()


def test_the_migration_to_pairs_is_one_transaction(tmp_path: Path) -> None:
    """A migration that fails half-way leaves the database of schema 10 as it was."""
    path = tmp_path / "v10.db"
    _schema_10_database(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER refuse BEFORE UPDATE OF fts_text ON articles WHEN new.id = 3 "
                 "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    conn.commit()
    conn.close()
    with pytest.raises(Exception, match="refused"):
        Store.open(path)
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone() == (10,)
        texts = conn.execute("SELECT title, text, fts_title, fts_text FROM articles ORDER BY id").fetchall()
        assert [(ft, fx) for _, _, ft, fx in texts] == [(parted(t), parted(x)) for t, x, _, _ in texts]
    finally:
        conn.close()


def test_filters_timeline_and_export_take_a_chinese_query(store: Store, ids: dict[str, int]) -> None:
    fts = to_fts5("移民")
    assert {r["id"] for r in store.search(fts, language="ja")} == {ids["ja"]}
    assert {r["id"] for r in store.search(fts, outlets=["renmin"], since="2026-01-23")} == {ids["zh"]}
    assert {r["id"] for r in store.search(fts, order="date")} == {ids["zh"], ids["ja"]}
    timeline = store.search_timeline(fts)
    assert sorted(timeline) == [("2026-01-23", "asahi", 1), ("2026-01-23", "renmin", 1)]
    batches = store.export_rows(["id", "outlet"], fts_query=to_fts5("美国ICE"))
    exported = [row for batch in batches for row in batch]
    assert exported == [(ids["zh"], "renmin")]
    assert store.export_count(fts_query=to_fts5("ICE -移民")) == 2  # Thai and English


def test_the_reading_rooms_search_and_table_search_take_a_chinese_query(store: Store,
                                                                        ids: dict[str, int]) -> None:
    from newscrawl.outputs.room.pages import SearchForm, run_search
    from newscrawl.outputs.room.table_search import translated_query

    result = run_search(store, SearchForm(q="移民局"))
    (row,) = result["rows"]
    assert row["id"] == ids["zh"] and "<mark>移民局</mark>" in row["snippet_html"]
    assert "**移民局**" in row["snippet"]
    # Datasette's articles table: the same FTS5 expression, raw
    typed = urllib.parse.urlencode({"_search": "移民局"}).encode()  # as a browser sends it
    translated = urllib.parse.parse_qs(translated_query(typed).decode())
    assert translated == {"_search": ['"移民 民局"'], "_searchmode": ["raw"]}
    typed = urllib.parse.urlencode({"_search": "局"}).encode()
    assert urllib.parse.parse_qs(translated_query(typed).decode())["_search"] == [f'"{MARK}c{ord("局"):x}"']


def test_a_snippet_of_a_chinese_text_is_48_characters_and_of_an_english_one_24_words(store: Store) -> None:
    long_chinese = CHINESE * 4 + "这是一段很长的中文文字，用来检查摘要的长度是否合适。" * 4
    quoting = ENGLISH + " " + "The agency said raids would go on, according to 移民局. " * 6
    chinese = store.insert_article(Article(url="https://renmin.example/long", outlet="renmin", title="长文",
                                           text=long_chinese, text_hash="long"), None)
    english = store.insert_article(Article(url="https://ledger.example/quoting", outlet="ledger",
                                           title="Raids", text=quoting, text_hash="quoting"), None)
    store.flush()
    snippets = {r["id"]: r["snippet"] for r in store.search(to_fts5("移民局"), include_duplicates=True)}
    shown = snippets[chinese].replace(MARK_START, "").replace(MARK_END, "").strip(" …")
    assert len(parted(shown).split(INDEX_BREAK)) >= 40 and shown in long_chinese
    words = snippets[english].replace(MARK_START, "").replace(MARK_END, "").strip(" …").split()
    assert len(words) <= 24, "an English text quoting a Chinese name keeps the snippet of 24 words"
