"""The topic prefilter: a necessary condition of the query, tested on the raw page.

The one promise is that it never turns away a page the query matches: checked here for
hand-picked traps (words split by tags, entities, accents, soft hyphens, JSON escapes), for
random queries and texts (hypothesis), on the corpus's real pages, and by crawls with the
prefilter on and off that must store exactly the same articles.
"""

from __future__ import annotations

import gzip
import html
import json
import re
import shutil
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from smallweb import QUICK, crawl

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.extract.article import extract_article
from newscrawl.extract.decode import decode_page
from newscrawl.judge.prefilter import fold_page, page_variants, prefilter_for
from newscrawl.judge.query import fold
from newscrawl.judge.topics import QueryError, parse_query

ROOT = Path(__file__).resolve().parent.parent
TOPIC_FILE = ROOT / "data" / "topics" / "ice-tech-workers.toml"
CORPUS = next((p / "shared" / "corpora" / "article-extraction-benchmark"
               for p in ROOT.parents if (p / "shared" / "corpora").is_dir()), ROOT / "missing")


def passes(query: str, page: str) -> bool:
    return prefilter_for(parse_query(query).root).passes(page)


# --------------------------------------------------------------------------- the condition


def test_the_condition_needs_one_word_of_each_alternative_and_nothing_from_not() -> None:
    describe = prefilter_for(parse_query('ICE OR (detention AND -hockey) OR "open letter"').root).describe()
    assert describe == "('ice' or 'detention' or ('open' and 'letter'))"
    assert prefilter_for(parse_query("=ICE deport*").root).describe() == "(='ICE' and 'deport')"


def test_a_page_without_the_words_is_turned_away_and_one_with_them_passes() -> None:
    assert not passes("respiratory OR infection", "<p>The council met on Tuesday.</p>")
    assert passes("respiratory OR infection", "<p>An INFECTION spread.</p>")
    assert passes("deport*", "<p>They were deported.</p>")
    assert not passes('"open letter" AND workers', "<p>An open letter.</p>")


def test_not_never_turns_a_page_away() -> None:
    assert passes("ICE AND NOT hockey", "<p>ICE hockey</p>")
    assert not passes("ICE AND NOT hockey", "<p>hockey</p>")


def test_exact_terms_are_case_sensitive_and_folded_terms_are_not() -> None:
    assert not passes("=ICE", "<p>ice cream and police</p>")
    assert passes("=ICE", "<p>agents of ICE</p>")
    assert passes("ice", "<p>agents of ICE</p>")


@pytest.mark.parametrize("page", [
    "<p>agents of IC<b>E</b> came</p>",                       # a word split by inline tags
    "<p>agents of I&#67;E came</p>",                          # a numeric entity
    "<p>agents of &#x49;CE came</p>",
    "<meta property='og:title' content='I&#67;E raids'>",     # an attribute
    '<script type="application/ld+json">{"headline": "I\\u0043E raids"}</script>',  # JSON escapes
    "<p>agents of IC\u00adE came</p>",                        # a soft hyphen, dropped by extraction
    "<p>agents of IC&shy;E came</p>",
    "<p>agents of IC\u200bE came</p>",                        # a zero-width space
])
def test_words_hidden_by_markup_are_still_found(page: str) -> None:
    assert passes("=ICE", page) and passes("ice", page)


def test_accents_and_case_fold_as_the_matcher_folds() -> None:
    assert passes("cafe", "<p>CAFÉ</p>") and passes("café", "<p>Cafe</p>")
    assert passes("détention", "<p>d&eacute;tention</p>")
    assert passes("strasse", "<p>Straße</p>") and passes("ﬁre", "<p>fire</p>")
    assert not passes("=Café", "<p>cafe</p>")


def test_fold_page_is_fold() -> None:
    for text in ("plain ascii", "Ça fait déjà ÉTÉ", "Straße ﬁne ΛΌΓΟΣ", "नमस्ते", "e\u0301", "ᄀ\u1161 가"):
        assert fold_page(text.encode()) == fold(text).encode()


def test_fold_page_leaves_characters_whose_fold_has_no_letter_of_the_words() -> None:
    assert fold_page("Café ΛΌΓΟΣ".encode(), frozenset("cafe")) == "cafe ΛΌΓΟΣ".encode()
    assert passes("cafe", "<p>CAFÉ ΛΌΓΟΣ ﬁre</p>") and passes("λογος", "<p>CAFÉ ΛΌΓΟΣ</p>")
    assert passes("fire", "<p>a ﬁre</p>") and not passes("fire", "<p>a ﬂre</p>")


# --------------------------------------------------------------------------- random queries and texts

WORDS = ["ice", "ICE", "Ice", "café", "CAFE", "Straße", "strasse", "naïve", "raid", "raids", "détention",
         "police", "λόγος", "ΛΌΓΟΣ", "ﬁre", "fire", "İstanbul", "ǅemal", "Øst", "deport", "deported"]
SEPARATORS = [" ", "  ", ", ", ". ", "-", "’", "\n", "\u00a0", "/"]


@st.composite
def queries(draw: st.DrawFn) -> str:
    def term() -> str:
        words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3))
        text = " ".join(words)
        exact = draw(st.booleans()) and draw(st.booleans())
        if len(words) > 1:
            text = f'"{text}"'
        elif draw(st.booleans()) and len(text) > 2:
            text = text[: draw(st.integers(2, len(text)))] + "*"
        return ("=" if exact else "") + text

    def expr(depth: int) -> str:
        if depth == 0 or draw(st.booleans()):
            return term()
        op = draw(st.sampled_from(["AND", "OR", "AND NOT", " "]))
        return f"({expr(depth - 1)} {op} {expr(depth - 1)})"

    return expr(3)


texts = st.lists(st.tuples(st.sampled_from(WORDS) | st.text(min_size=1, max_size=6),
                           st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda pairs: "".join(w + s for w, s in pairs))


def _query(source: str):  # noqa: ANN202 - a parsed Query
    try:
        return parse_query(source)
    except QueryError:
        assume(False)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=queries(), title=texts, text=texts)
def test_the_condition_holds_whenever_the_query_matches_the_text(source: str, title: str, text: str) -> None:
    query = _query(source)
    if query.match(title, text).matched:
        page = f"<title>{html.escape(title)}</title><p>{html.escape(text)}</p>"
        assert prefilter_for(query.root).passes(page), (source, title, text)


# Chinese, Japanese and Thai words, matched inside a run of theirs: run on into one another
# (no separator), halfwidth katakana and compatibility ideographs (which fold to others),
# Thai letters with their marks, and Latin names run on into them.
CJK_WORDS = ["移民局", "移民", "移", "民", "局", "美国", "美", "国", "美国ICE", "ICE", "科技公司", "との",
             "契約", "ﾃｽﾄ", "テスト", "\uf900", "豈", "กิน", "ข้าว", "กิ่ง", "ต้าน", "Palantir", "東京", "哈哈"]
CJK_SEPARATORS = ["", "", "", " ", "，", "。", "）", "\n", "-"]
CJK_TERMS = ["移民局", "移民", "民局", "局", "美国ICE", "国ICE", "ICEとの", "テスト", "ﾃｽﾄ", "\uf900", "กิน",
             "ข้าว"]


@st.composite
def cjk_queries(draw: st.DrawFn) -> str:
    def term() -> str:
        words = draw(st.lists(st.sampled_from(CJK_TERMS), min_size=1, max_size=2))
        text = draw(st.sampled_from([" ", ""])).join(words)
        if len(words) > 1 or " " in text:
            text = f'"{text}"'
        elif draw(st.booleans()):
            text = text[: draw(st.integers(1, len(text)))] + "*"
        return ("=" if draw(st.booleans()) and draw(st.booleans()) else "") + text

    def expr(depth: int) -> str:
        if depth == 0 or draw(st.booleans()):
            return term()
        op = draw(st.sampled_from(["AND", "OR", "AND NOT", " "]))
        return f"({expr(depth - 1)} {op} {expr(depth - 1)})"

    return expr(2)


@st.composite
def cjk_texts(draw: st.DrawFn) -> str:
    """Words of those scripts run on into one another, some broken by a separator inside."""
    out = []
    for word in draw(st.lists(st.sampled_from(CJK_TERMS + CJK_WORDS) | st.text(min_size=1, max_size=4),
                              max_size=30)):
        if len(word) > 1 and draw(st.booleans()):
            at = draw(st.integers(1, len(word) - 1))
            word = word[:at] + draw(st.sampled_from(CJK_SEPARATORS[3:])) + word[at:]
        out.append(word + draw(st.sampled_from(CJK_SEPARATORS)))
    return "".join(out)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=cjk_queries(), title=cjk_texts(), text=cjk_texts())
def test_the_condition_holds_whenever_a_chinese_japanese_or_thai_query_matches(
    source: str, title: str, text: str
) -> None:
    """A query word of those scripts matches inside a run (its characters in a row): the
    prefilter's substring of the word is then on the page."""
    query = _query(source)
    if query.match(title, text).matched:
        page = f"<title>{html.escape(title)}</title><p>{html.escape(text)}</p>"
        assert prefilter_for(query.root).passes(page), (source, title, text)


def _marked_up(text: str, draw: st.DrawFn) -> str:
    """``text`` as HTML: characters escaped or entity-encoded, words split by inline tags."""
    out = []
    for ch in text:
        choice = draw(st.integers(0, 9))
        if choice == 0 and ch.isalnum():
            out.append(f"&#{ord(ch)};")
        elif choice == 1 and ch.isalnum():
            out.append(f"<b>{html.escape(ch)}</b>")
        elif choice == 2 and ch.isalnum():
            out.append(f"<span class='x'>{html.escape(ch)}</span>")
        else:
            out.append(html.escape(ch))
    return "".join(out)


FILLER = ("The council met on Tuesday evening to discuss the budget for the coming year, and members "
          "spoke at length about roads, schools and the library. ") * 3


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=queries(), title=texts, paragraphs=st.lists(texts, min_size=1, max_size=4), data=st.data())
@pytest.mark.slow
def test_the_condition_holds_whenever_the_query_matches_the_extracted_page(
    source: str, title: str, paragraphs: list[str], data: st.DataObject
) -> None:
    query = _query(source)
    body = "".join(f"<p>{FILLER}{_marked_up(p, data.draw)}</p>" for p in paragraphs)
    headline = data.draw(st.sampled_from(["title", "og", "jsonld"]))
    head = {
        "title": f"<title>{_marked_up(title, data.draw)}</title>",
        "og": f'<meta property="og:title" content="{html.escape(title)}">',
        "jsonld": '<script type="application/ld+json">'
                  + json.dumps({"@type": "NewsArticle", "headline": title}) + "</script>",
    }[headline]
    page = f"<!doctype html><html><head>{head}</head><body><article>{body}</article></body></html>"
    extracted = extract_article(page.encode(), "https://example.org/2026/01/02/story.html")
    if extracted is not None and query.match(extracted.title, extracted.text).matched:
        assert prefilter_for(query.root).passes(decode_page(page.encode()).text), source


# --------------------------------------------------------------------------- real pages


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "html").is_dir(), reason="the article-extraction corpus is not here")
def test_no_real_page_that_matches_is_turned_away() -> None:
    queries = [TOPIC_FILE, "respiratory OR infection", "=Apple OR google", "said AND NOT the",
               '"last year" OR game*', "=US OR UK"]
    parsed = [parse_query(q) if isinstance(q, str) else _topic_query(q) for q in queries]
    matched = turned_away = 0
    for file in sorted((CORPUS / "html").glob("*.html.gz")):
        body = gzip.decompress(file.read_bytes())
        extracted = extract_article(body, "https://example.org/story.html")
        text = decode_page(body).text
        for query in parsed:
            ok = prefilter_for(query.root).passes(text)
            turned_away += not ok
            if extracted is not None and query.match(extracted.title, extracted.text).matched:
                matched += 1
                assert ok, (file.name, query.source)
    assert matched > 50 and turned_away > 100  # both sides were exercised


CJK_CORPORA = [CORPUS.parent / name / "pages" for name in ("metadata-postlight", "metadata-readability")]


@pytest.mark.slow
@pytest.mark.skipif(not CJK_CORPORA[0].is_dir(), reason="the metadata corpora are not here")
def test_no_real_chinese_or_japanese_page_that_matches_a_word_of_theirs_is_turned_away() -> None:
    """Their words are matched inside a run (docs/topics.md): on the corpora's Chinese and
    Japanese pages, every page such a query matches passes the prefilter."""
    queries = [parse_query(q) for q in ("日本", "東京*", "記者 OR 政府", '"日本 の"', "の AND NOT 中国",
                                        "=Google OR 検索", "情報", "新华社 OR 中国*", "年")]
    matched = turned_away = 0
    for file in sorted(f for corpus in CJK_CORPORA for f in corpus.glob("*.html.gz")):
        body = gzip.decompress(file.read_bytes())
        text = decode_page(body).text
        if not re.search("[\u3040-\u30ff\u4e00-\u9fff]", text):
            continue
        extracted = extract_article(body, "https://example.org/story.html")
        for query in queries:
            ok = prefilter_for(query.root).passes(text)
            turned_away += not ok
            if extracted is not None and query.match(extracted.title, extracted.text).matched:
                matched += 1
                assert ok, (file.name, query.source)
    assert matched > 20 and turned_away > 20  # both sides were exercised


def _topic_query(path: Path):  # noqa: ANN202 - a parsed Query
    from newscrawl.config import load_topic

    return load_topic(path).query


# --------------------------------------------------------------------------- crawls, on and off


def _articles(db: Path) -> tuple[list[tuple], set[frozenset[str]]]:
    """The stored articles, and which of them share a cluster (cluster ids are given in the
    order pages arrive, which differs from crawl to crawl)."""
    conn = sqlite3.connect(db)
    rows = conn.execute("SELECT url, outlet, title, text, published_at, modified_at, authors, language, "
                        "word_count, text_hash, topics FROM articles ORDER BY url").fetchall()
    clusters: dict[int, set[str]] = {}
    for url, cluster in conn.execute("SELECT url, cluster_id FROM articles"):
        clusters.setdefault(cluster, set()).add(url)
    conn.close()
    return rows, {frozenset(urls) for urls in clusters.values()}


def _prefiltered(db: Path) -> int:
    conn = sqlite3.connect(db)
    (n,) = conn.execute("SELECT count(*) FROM pages WHERE verdict = 'off-topic' "
                        "AND reason LIKE 'prefiltered%' AND warc_file IS NOT NULL").fetchone()
    conn.close()
    return n


@pytest.mark.slow
def test_a_crawl_of_the_fixture_web_stores_the_same_articles_with_the_prefilter_off(tmp_path: Path) -> None:
    sources = tmp_path / "sources.toml"
    with FixtureWeb().start() as web:
        shutil.copy(web.sources_path, sources)
        crawl(sources, tmp_path / "on.db", settings=QUICK)
        crawl(sources, tmp_path / "off.db", settings=(*QUICK, "NEWSCRAWL_PREFILTER=False"))
    on, off = _articles(tmp_path / "on.db"), _articles(tmp_path / "off.db")
    assert on[0] and on == off
    assert _prefiltered(tmp_path / "on.db") > 0 and _prefiltered(tmp_path / "off.db") == 0


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "html").is_dir(), reason="the article-extraction corpus is not here")
def test_a_crawl_of_real_pages_stores_the_same_articles_with_the_prefilter_off(tmp_path: Path) -> None:
    web = tmp_path / "web"
    site = web / "real"
    site.mkdir(parents=True)
    locs = []
    for i, file in enumerate(sorted((CORPUS / "html").glob("*.html.gz"))[:60]):
        (site / f"story-{i}.html").write_bytes(gzip.decompress(file.read_bytes()))
        locs.append(f"<url><loc>{{{{base:real}}}}/story-{i}.html</loc></url>")
    (site / "sitemap.xml").write_text('<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/'
                                      f'schemas/sitemap/0.9">{"".join(locs)}</urlset>')
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (web / "sources.toml").write_text(
        '[outlets.real]\nname = "Real"\nhomepage = "{{base:real}}/"\ndomain = "{{host:real}}"\n'
        'country = "US"\nlanguage = "en"\nkind = "local"\ntimezone = "UTC"\nfeeds = []\n'
        'sitemaps = ["{{base:real}}/sitemap.xml"]\n')
    topic = tmp_path / "topic.toml"
    query = 'said OR game* OR =Apple OR "last year"'
    topic.write_text(f'[topic]\nslug = "t"\nname = "t"\nquery = {json.dumps(query)}\n')
    sources = tmp_path / "sources.toml"
    with FixtureWeb(web).start() as served:
        shutil.copy(served.sources_path, sources)
        for name, extra in (("on", ()), ("off", ("NEWSCRAWL_PREFILTER=False",))):
            crawl(sources, tmp_path / f"{name}.db", "--topic", str(topic),
                  settings=(*QUICK, "CONCURRENT_REQUESTS_PER_DOMAIN=8", *extra))
    on, off = _articles(tmp_path / "on.db"), _articles(tmp_path / "off.db")
    assert len(on[0]) > 10 and on == off
    assert _prefiltered(tmp_path / "on.db") > 5


# --------------------------------------------------------------------------- the light forms

# Pieces of markup that hide, split, make or move words: tags (whole, cut, nested), entities
# (named, numeric, without ';', for '<' and '>', for dropped characters), JSON escapes (letters,
# '<', '>', '&', pairs, lone halves), characters extraction drops, accents and ligatures.
MARKUP = ["<b>", "</b>", "<span class='x'>", "<a href=\"", "\">", "<", ">", "<!-- ", " -->", "<br/>",
          "&#73;", "&#105;", "&#x43;", "&eacute;", "&Eacute", "&lt;", "&gt;", "&lt;b&gt;", "&amp;",
          "&amp;lt;",
          "&shy;", "&#173;", "&notin", "&ltimes;", "&#8217;", "&nbsp;", "&#10", "5;", "&", "#", ";",
          "\\u0049", "\\u0069", "\\u003c", "\\u003E", "\\u0026", "\\u00e9", "\\ud83d\\ude00", "\\ud83d",
          "\\u002F", "\\u00ad", "\\u0023", "\\u003b", "\\u", "\u00ad", "\u200b", "\x01", "\ue000",
          "é", "É", "ß", "ﬁ", "\u0301", "ı", " ", "\n", "x" * 990, "&#1;", "&#x7f;", "\u0000"]
PAGE_PARTS = (st.sampled_from(WORDS) | st.sampled_from(MARKUP)
              | st.text(alphabet="ICEice<>&;#bu", max_size=4))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=queries(), parts=st.lists(PAGE_PARTS, max_size=60))
def test_the_light_forms_turn_away_only_pages_the_full_forms_turn_away(source: str, parts: list[str]) -> None:
    prefilter = prefilter_for(_query(source).root)
    page = "".join(parts)
    if not prefilter.passes(page):
        assert not prefilter.passes_full(page), (source, page)


@pytest.mark.parametrize("page", [
    "<p>agents of I&lt;b&gt;CE came</p>",                       # '<' and '>' made by entities
    "<p>I<b title='x\\u003e'>CE</b></p>",                         # ... or by a JSON escape
    '<script>{"h": "I\\u003cb\\u003eCE"}</script>',               # escaped tags inside JSON
    '<script>{"h": "\\u0026#73;CE"}</script>',                     # an escape that makes an entity
    "<p>agents of I&#x43;<b>E</b> came</p>",
    "<p>agents of &#73;CE came</p>",
    "<p>agents of IC" + "\u00ad" * 3 + "<i></i>E came</p>",
    "<p>" + "x " * 600 + "I<b>\\u0043</b>E" + "</p>",             # far into a JSON window
])
def test_the_light_forms_find_words_the_full_forms_find(page: str) -> None:
    for query in ("=ICE", "ice"):
        prefilter = prefilter_for(parse_query(query).root)
        assert prefilter.passes_full(page) and prefilter.passes(page), (query, page)


@pytest.mark.slow
@pytest.mark.skipif(not (CORPUS / "html").is_dir(), reason="the article-extraction corpus is not here")
def test_on_real_pages_the_light_forms_agree_with_the_full_forms() -> None:
    queries = [TOPIC_FILE, "respiratory OR infection", 'respiratory OR infection OR "infectious disease"',
               "=Apple OR google", '"last year" OR game*', "=US OR UK", "=ICE OR deport*"]
    parsed = [parse_query(q) if isinstance(q, str) else _topic_query(q) for q in queries]
    for file in sorted((CORPUS / "html").glob("*.html.gz")):
        text = decode_page(gzip.decompress(file.read_bytes())).text
        for query in parsed:
            prefilter = prefilter_for(query.root)
            assert prefilter.passes(text) == prefilter.passes_full(text), (file.name, query.source)


def test_marks_and_accented_letters_on_one_page_are_both_folded_around() -> None:
    page = "<p>agents of IC\u0301E came</p><p>a council meeting</p><p>the café</p>"  # a mark, an accent
    prefilter = prefilter_for(parse_query("ice").root)
    assert prefilter.passes_full(page) and prefilter.passes(page)


# --------------------------------------------------------------------------- the proof of absence

# Pieces that put a word's first letters right before a construct or a gap, or give a letter.
PROOF_PARTS = (PAGE_PARTS | st.sampled_from([
    "IC", "ic", "I", "i", "dep", "DE", "ra", "po", "fi", "e", "E", "\u212a", "\u0130", "\u00c9", "&Eacute;",
    "&fjlig;", "&ampe", "&#1;", "&#x10;", "\\u0026#69;", "\\u0026amp;", "\\u003cb\\u003e", "\\u003c/b\\u003e",
    "&lt;b&gt;", "\u200b", "\u00ad", "<b title='&gt;'>", "<b title='\\u003e'>", "&#8217;", "’", "ü", "<",
    "<3", "\x0b", "K", "\u0345", "&lt;", "\\u003e", " x>", "b", "\\u002f", "Í", "&Iacute;", "\\u00cd",
    "&#x301;", "&Ccedil;", "\\u003cb x=\\u002F", "\\u0026gt;",
]))


def _in_full_forms(needle: tuple[str, bool], page: str) -> bool:
    data = page_variants(page)
    if needle[1]:
        return unicodedata.normalize("NFC", needle[0]).encode() in unicodedata.normalize(
            "NFC", data.decode("utf-8", "surrogatepass")).encode("utf-8", "surrogatepass")
    return needle[0].encode() in fold_page(data)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=queries(), parts=st.lists(PROOF_PARTS, max_size=40))
def test_a_word_proved_absent_is_in_no_full_form(source: str, parts: list[str]) -> None:
    prefilter = prefilter_for(_query(source).root)
    page = "".join(parts)
    for needle in prefilter.absent(page):
        assert not _in_full_forms(needle, page), (needle, page)


@pytest.mark.parametrize("page", [
    "agents of IC&#1;E came", "IC<b>E</b>", r"IC<b>\u003c/b\u003eE", r"I\u003cb\u003eCE", r"\u0026#73;CE",
    "I&lt;b&gt;CE", r"IC\u00adE", "IC\x0bE", "IC\u00adE", "\u212aICE", "IC<b title='&gt;'>E", "&#73;CE",
    r"IC<b title='\u003e'>E", "I\u200bCE", "IC&shy;E", "IC&#x10;E", "Ic&lt;/b>E",
    r"IC&lt;b\u003e x>E", r"IC&lt;b x\u003e>E", r"IC\u003cb\u003eE", r"IC&lt;\u002fb>E", "IC&lt;b>E",
    "\u00cdCE", "&Iacute;CE", r"\u00edce", "I&#x301;CE", "&fjlig;", "I&Ccedil;E", "IC&eacute",
    r"IC\u003cb x=\u002F\u003eE", r"IC\u003cb x=\u002Fy>E",
])
def test_the_proof_of_absence_never_claims_a_word_the_full_forms_have(page: str) -> None:
    for query in ("=ICE", "ice"):
        prefilter = prefilter_for(parse_query(query).root)
        if prefilter.passes_full(page):
            assert not prefilter.absent(page) and prefilter.passes(page), (query, page)


def test_the_proof_of_absence_holds_on_an_ordinary_page() -> None:
    page = ("<p>The council met on Tuesday &amp; Wednesday.</p><p>Author’s note: <b>rain</b> is"
            " expected.</p><script>var a = \"\\u003cdiv\\u003e\";</script>")
    prefilter = prefilter_for(parse_query("respiratory OR =ICE OR infection").root)
    assert prefilter.absent(page) == set(prefilter.needles)
    assert not prefilter.passes(page)


@pytest.mark.parametrize(("body", "same"), [
    ("<p>Une infection respiratoire à Genève</p>".encode(), True),  # UTF-8 as it is: the body itself
    ("\ufeff<p>an infection</p>".encode(), False),  # a byte-order mark: encoded again
    (b"<p>an infection \xff\xfe here</p>", False),  # invalid bytes, replaced: encoded again
    ("<meta charset=iso-8859-1><p>infección</p>".encode("latin-1"), False),  # another charset
    ("<p>a page that holds \ufffd and an infection</p>".encode(), False),
    (b"<p>nothing to see</p>", True),
])
def test_the_body_stands_for_the_text_only_when_it_is_the_text_in_utf8(body: bytes, same: bool) -> None:
    from newscrawl.pipelines.extract import same_utf8

    decoded = decode_page(body, "text/html")
    assert decoded is not None
    assert same_utf8(body, decoded) is same
    if same:
        assert decoded.text.encode("utf-8") == body
    prefilter = prefilter_for(parse_query('infection OR "infectious disease"').root)
    data = body if same else None
    assert prefilter.passes(decoded.text, data) == prefilter.passes(decoded.text)


# --------------------------------------------------------------------------- where prefixes stand


# A byte that may start a gap or a construct: a tag, an entity, an escape, a dropped control, a
# non-ASCII byte (what the prefilter's _BREAK_BYTES hold).
_BREAK_CLASS = rb"[<&\\\x00-\x08\x0b\x0e-\x1f\x7f\x80-\xff]"


def _trie_regex(words: tuple[bytes, ...]):  # noqa: ANN202 - a compiled bytes pattern
    """The specification of ``_prefix_places``: any of ``words`` (one first letter), or a proper
    prefix of one followed by a byte that may start a gap or a construct, found at every place
    of the page (lowered for folded words) where one starts."""
    def node(prefix: bytes) -> bytes:
        nexts = sorted({w[len(prefix):len(prefix) + 1] for w in words if len(w) > len(prefix)
                        and w.startswith(prefix)})
        alternatives = [_BREAK_CLASS] if nexts else []
        alternatives += [re.escape(c) + node(prefix + c) for c in nexts]
        if prefix in words:
            alternatives.append(b"")
        return b"(?:" + b"|".join(alternatives) + b")" if len(alternatives) > 1 else alternatives[0]

    return re.compile(re.escape(words[0][:1]) + node(words[0][:1]))


# Pieces of pages: the words' prefixes in both cases, every kind of byte that may start a gap or
# a construct (tags, entities, escapes, dropped controls, non-ASCII), and others.
PLACE_BYTES = st.sampled_from([
    b"r", b"R", b"re", b"RE", b"res", b"resp", b"d", b"De", b"dep", b"deport", b"DEPORT", b"i", b"I", b"ic",
    b"ICE", b"Ice", b"ice", b"1", b"1a", b"_", b"\x11", b"\x01", b"\t", b"<", b"&", b"\\", b"\x7f",
    b"\xc3\xa9", b"\xe2\x80\x99", b" ", b">", b"x", b"e",
])
PLACE_WORDS = st.sampled_from([b"respiratory", b"re", b"r", b"deport", b"de", b"d", b"ice", b"iceout", b"ICE",
                               b"Ice", b"1a", b"1", b"_x", b"dEport"])


@settings(max_examples=600, deadline=None)
@given(page=st.lists(PLACE_BYTES, max_size=60).map(b"".join),
       words=st.lists(PLACE_WORDS, min_size=1, max_size=4), exact=st.booleans())
def test_the_prefixes_are_found_where_the_regular_expression_of_the_trie_finds_them(
    page: bytes, words: list[bytes], exact: bool
) -> None:
    from newscrawl.judge.prefilter import _BREAK_BYTES, _prefix_places

    words = sorted({w for w in words if w[:1] == words[0][:1]})
    found, places = _prefix_places(page, tuple(words), exact)
    searched = page if exact else page.lower()
    pattern, expected_found, expected_places = _trie_regex(tuple(words)), set(), set()
    for at in range(len(searched)):
        m = pattern.match(searched, at)
        if m is None:
            continue
        text = m.group()
        prefix = text[:-1] if text[-1] in _BREAK_BYTES else text
        expected_found |= {w for w in words if prefix.startswith(w)}
        if prefix is not text:
            expected_places.add((prefix, at))
    assert found == expected_found
    assert {(prefix, int(at)) for prefix, starts in places for at in starts} == expected_places
    assert all(list(starts) == sorted(starts) for _, starts in places)


JOIN_WORDS = ["ice", "iceout", "icy", "ic", "immigra", "immigration", "ICE", "Ice", "iCe", "i", "dep",
              "deport"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(parts=st.lists(PROOF_PARTS, max_size=30), words=st.lists(st.sampled_from(JOIN_WORDS), min_size=1),
       k=st.integers(0, 3), exact=st.booleans())
def test_words_followed_together_join_as_each_followed_alone(
    parts: list[str], words: list[str], k: int, exact: bool
) -> None:
    from newscrawl.judge.prefilter import _Absent

    page = "".join(parts).encode("utf-8", "surrogatepass")
    folded = [w.encode() if exact else w.lower().encode() for w in words]
    together = sorted({w for w in folded if len(w) > k and w[:k] == folded[0][:k]})
    assume(together)
    seen = _Absent(page, [])
    seen._page()  # (what the walk reads of the page's constructs: gt_made)
    for at in (at for at in range(len(page)) if page[at] & 0xC0 != 0x80):  # (not inside a character)
        alone = [w for w in together if seen._joining(at, [w], k, exact, first=k == 0)]
        assert sorted(seen._joining(at, together, k, exact, first=k == 0)) == alone, (page, at)


def test_a_prefilter_travels_to_a_worker_with_its_words_worked_out() -> None:
    import pickle

    prefilter = prefilter_for(parse_query('respiratory OR "infectious disease"').root)
    sent = pickle.loads(pickle.dumps(prefilter))
    assert sent.__dict__["needles"] == (("respiratory", False), ("infectious", False), ("disease", False))
    assert sent == prefilter
    assert not sent.passes("<p>a disease</p>") and sent.passes("<p>respira<b>tory</b></p>")
