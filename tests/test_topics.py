"""The topic query language: parsing, matching, scoring, errors, the default topic file."""

from __future__ import annotations

import math
import pickle
from pathlib import Path

import pytest

from newscrawl.judge.topics import Query, QueryError, TopicMatch, fold, parse_query, tokenize

TOPIC_FILE = Path(__file__).resolve().parents[1] / "data" / "topics" / "ice-tech-workers.toml"


def hit(query: str, text: str, title: str | None = None) -> bool:
    return parse_query(query).match(title, text).matched


# --------------------------------------------------------------------------- tokens


def test_tokenize_splits_on_apostrophes_hyphens_and_punctuation() -> None:
    assert tokenize("ICE’s ICE-led raid, at ICEout.tech; snake_case") == [
        "ICE", "s", "ICE", "led", "raid", "at", "ICEout", "tech", "snake", "case",
    ]  # fmt: skip


def test_tokenize_keeps_combining_marks_inside_words() -> None:
    assert tokenize("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]
    assert tokenize("Rene\u0301e") == ["Renée"]  # decomposed input is composed (NFC)


def test_fold_is_case_and_accent_insensitive() -> None:
    assert fold("Inmigración DEPORTACIÓN Renée") == "inmigracion deportacion renee"
    assert fold("Straße Søren Łódź") == "strasse soren lodz"


# --------------------------------------------------------------------------- operators


def test_single_term_and_implicit_and() -> None:
    assert hit("letter", "An open letter.")
    assert hit("tech letter", "Tech workers wrote a letter.")
    assert not hit("tech letter", "Tech workers wrote.")


def test_explicit_and_or_not() -> None:
    assert hit("tech AND letter", "tech letter")
    assert not hit("tech AND letter", "tech")
    assert hit("tech OR letter", "letter only")
    assert not hit("tech OR letter", "nothing here")
    assert hit("tech NOT letter", "tech only")
    assert not hit("tech NOT letter", "tech letter")
    assert not hit("tech AND NOT letter", "tech letter")


def test_minus_shorthand_for_not() -> None:
    assert hit("ice -hockey", "ice on the road")
    assert not hit("ice -hockey", "ice hockey")
    assert not hit("ice -(hockey OR skating)", "figure skating on ice")
    assert hit("ice -(hockey OR skating)", "black ice")
    assert not hit('storm -"ice storm"', "an ice storm")
    assert hit("e-mail", "send an e-mail")  # an inner hyphen is part of the term


def test_lowercase_keywords_are_plain_terms() -> None:
    assert not hit("salt and pepper", "salt pepper")  # 'and' is a term that must appear
    assert hit("salt and pepper", "salt and pepper")
    assert hit("war or peace", "war or peace")
    assert not hit("war or peace", "war")


def test_precedence_not_and_or() -> None:
    # a OR b AND c  ==  a OR (b AND c)
    assert hit("a OR b AND c", "a")
    assert not hit("a OR b AND c", "b")
    assert hit("a OR b AND c", "b c")
    # NOT binds tighter than AND: NOT a AND b == (NOT a) AND b
    assert hit("NOT a AND b", "b")
    assert not hit("NOT a AND b", "a b")
    # implicit AND has the same precedence as AND
    assert hit("a b OR c", "c")
    assert not hit("a b OR c", "a")


def test_parentheses_override_precedence() -> None:
    assert not hit("(a OR b) AND c", "a")
    assert hit("(a OR b) AND c", "a c")
    assert hit("((a OR b) (c OR d))", "b d")
    assert not hit("NOT (a OR b) c", "b c")


def test_explain_shows_tree() -> None:
    q = parse_query('(=ICE OR "open letter") detain* -hockey')
    assert q.explain().splitlines() == [
        "AND",
        "  OR",
        "    =ICE  (case-sensitive term: ICE)",
        '    "open letter"  (phrase: open letter)',
        "  detain*  (prefix: detain*)",
        "  NOT",
        "    hockey  (term: hockey)",
    ]


# --------------------------------------------------------------------------- phrases, prefixes


def test_phrases_need_consecutive_tokens() -> None:
    assert hit('"open letter"', "They signed an Open-Letter.")
    assert not hit('"open letter"', "an open and public letter")
    assert hit('"Immigration and Customs Enforcement"', "U.S. Immigration and Customs Enforcement")


def test_phrases_do_not_cross_title_and_text() -> None:
    assert not hit('"open letter"', "letter to the CEOs", title="Workers open")


def test_prefix_wildcard() -> None:
    for word in ("detain", "detained", "Detainees", "DETAINING"):
        assert hit("detain*", word)
    assert not hit("detain*", "retained")
    assert hit('"tech worker*"', "tech workers signed")
    assert hit('"deport* flight*"', "deportation flights")
    assert not hit('"deport* flight*"', "deportation of flight crews")


# --------------------------------------------------------------------------- case, accents, traps


def test_case_insensitive_by_default() -> None:
    assert hit("palantir", "PALANTIR Palantir palantir")
    assert hit("ICE", "black ice")  # without '=' the acronym is just a word


def test_case_sensitive_terms() -> None:
    assert hit("=ICE", "ICE agents arrived")
    assert hit("=ICE", "ICE's budget and ICE-led raids")
    assert not hit("=ICE", "ice on the road")
    assert not hit("=ICE", "Ice Cube played")
    assert hit('="Homeland Security"', "Department of Homeland Security")
    assert not hit('="Homeland Security"', "homeland security")
    assert hit("=Inmigración", "Inmigración")
    assert not hit("=Inmigración", "Inmigracion")  # exact means accents too


@pytest.mark.parametrize(
    "text", ["police station", "justice system", "a new device", "Police and Justice", "ICEBERG"]
)
def test_ice_never_matches_inside_other_words(text: str) -> None:
    assert not hit("ice", text)
    assert not hit("=ICE", text)


@pytest.mark.parametrize(
    "text",
    [
        "The home team scored twice on the ice in the third period of the hockey game.",
        "An ice storm left thousands without power; crews salted icy roads.",
        "The parlour sells pistachio ice cream and ice lollies.",
        "She landed a triple axel at the figure skating championships on fresh ice.",
        "Ice Cube announced a new tour.",
    ],
)
def test_lowercase_ice_never_counts(text: str) -> None:
    m = parse_query("=ICE AND (raid* OR detain* OR team OR storm OR tour OR cream)").match(None, text)
    assert not m.matched
    assert m.terms.get("=ICE") is None


def test_accent_insensitive() -> None:
    assert hit("inmigracion", "La inmigración")
    assert hit("inmigración", "la INMIGRACION")
    assert hit('"Renée Good"', "Renee Good")
    assert hit('"Renee Good"', "Renée Good")
    assert hit("deportaci*", "deportaciones masivas")


def test_spanish_text() -> None:
    q = parse_query("=ICE AND (inmigra* OR redada* OR deportaci* OR detenid*)")
    text = "Agentes del ICE realizaron una redada; varios inmigrantes fueron detenidos."
    m = q.match("Redadas del ICE en Chicago", text)
    assert m.matched
    assert m.terms == {"=ICE": 2, "inmigra*": 1, "redada*": 2, "detenid*": 1}
    assert not q.match(None, "El hielo cubrió las calles y hubo detenidos.").matched


# --------------------------------------------------------------------------- score, terms


def test_score_formula_and_terms() -> None:
    q = parse_query("tech OR letter")
    m = q.match("Tech", "tech tech letter")
    # tech: 1 title hit (counts double) + 2 text hits -> 1 + ln(4); letter: 1 + ln(1)
    assert m.terms == {"tech": 3, "letter": 1}
    assert m.score == pytest.approx(1 + math.log(4) + 1)
    assert m.to_json() == {"score": m.score, "terms": {"tech": 3, "letter": 1}}


def test_more_hits_and_title_hits_score_higher() -> None:
    q = parse_query("=ICE OR deport*")
    one = q.match(None, "ICE arrived.").score
    more = q.match(None, "ICE arrived. ICE left. ICE came back.").score
    title = q.match("ICE arrived", "It came.").score
    both = q.match(None, "ICE began deportations.").score
    assert 0 < one < title < more
    assert both > one


def test_not_matched_scores_zero_and_negated_terms_never_listed() -> None:
    q = parse_query("letter -hockey -(=NHL OR skat*)")
    m = q.match(None, "open letter about hockey")
    assert m == TopicMatch(False, 0.0, {"letter": 1})
    ok = q.match(None, "open letter")
    assert ok.matched and ok.terms == {"letter": 1}
    assert q.terms == ("letter",)


def test_terms_keys_are_as_written() -> None:
    q = parse_query('=ICE "open   letter" detain* Inmigración')
    m = q.match(None, "ICE open letter detained inmigracion")
    assert set(m.terms) == {"=ICE", '"open letter"', "detain*", "Inmigración"}
    assert not q.match(None, "ice open letter detained inmigracion").matched


def test_empty_title_and_text() -> None:
    m = parse_query("letter").match(None, None)
    assert m == TopicMatch(False, 0.0, {})


def test_comments_in_queries() -> None:
    q = parse_query("# the campaign\nICEout*   # its site\nOR letter\n")
    assert q.match(None, "see ICEout.tech").matched
    assert hit("#ICEout", "#ICEout trending")  # a hashtag is a term, not a comment


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("source", "message", "position"),
    [
        ("", "empty query", None),
        ("   ", "empty query", None),
        ("# just a comment", "empty query", None),
        ("(tech OR letter", "unbalanced parenthesis", 0),
        ("tech OR letter)", "unbalanced parenthesis", 14),
        ("tech AND (a OR (b)", "unbalanced parenthesis", 9),
        ('"open letter', "unbalanced quote", 0),
        ('tech "open', "unbalanced quote", 5),
        ("tech AND", "dangling operator AND", 5),
        ("OR tech", "dangling operator OR", 0),
        ("tech OR", "dangling operator OR", 5),
        ("tech AND OR letter", "dangling operator AND", 5),
        ("tech NOT", "dangling operator NOT", 5),
        ("(AND tech)", "dangling operator AND", 1),
        ("tech - letter", "'-' (NOT) must be followed", 5),
        ("NOT tech", "NOT-only", 0),
        ("-tech -letter", "NOT-only", 0),
        ("tech OR NOT letter", "NOT-only", 8),
        ('tech ""', "empty phrase", 5),
        ('tech "   "', "empty phrase", 5),
        ("tech *", "lone '*'", 5),
        ('"open *"', "lone '*'", 6),
        ("de*tain", "'*' is only allowed at the end", 2),
        ("tech ()", "empty parentheses", 5),
        ("= ICE", "'=' must be followed", 0),
        ("tech &&", "has no letters or digits", 5),
        ("e-*", "'*' must follow a letter or digit", 2),
    ],
)
def test_query_errors(source: str, message: str, position: int | None) -> None:
    with pytest.raises(QueryError) as caught:
        parse_query(source)
    err = caught.value
    assert message in str(err)
    assert err.position == position
    assert isinstance(err, ValueError)
    if position is not None:
        assert f"at position {position} in: " in str(err)


def test_error_reports_line_and_column_for_multiline_queries() -> None:
    with pytest.raises(QueryError, match=r"at position 10 \(line 2, column 6\)"):
        parse_query("tech\n  OR (letter")


def test_query_error_pickles() -> None:
    err = pickle.loads(pickle.dumps(QueryError("empty phrase at position 3 in: x", 3)))
    assert err.position == 3 and "empty phrase" in str(err)


# --------------------------------------------------------------------------- reuse


def test_query_pickles_and_is_reusable() -> None:
    q = parse_query('(=ICE OR "Immigration and Customs Enforcement") AND deport* -hockey')
    clone = pickle.loads(pickle.dumps(q))
    assert isinstance(clone, Query) and clone == q and clone.source == q.source
    text = "ICE expanded deportations."
    assert clone.match("t", text) == q.match("t", text)
    assert q.match("t", text) == q.match("t", text)


# --------------------------------------------------------------------------- default topic


def load_default_topic() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    with TOPIC_FILE.open("rb") as f:
        return tomllib.load(f)["topic"]


def test_default_topic_file_shape() -> None:
    topic = load_default_topic()
    assert topic["slug"] == "ice-tech-workers" == TOPIC_FILE.stem
    assert topic["name"] and topic["description"]
    assert topic["languages"] == []
    assert topic["min_score"] == 0.0
    parse_query(topic["query"])


ON_TOPIC = [
    (
        "Tech staff urge bosses to drop immigration agency deals",
        "Hundreds of people employed by large technology firms have added their names to a "
        "letter hosted at ICEout.tech that asks chief executives to end their contracts.",
    ),
    (None, "Federal ICE agents detained dozens of farm workers during a raid on Tuesday."),
    (
        "Redadas en Chicago",
        "Agentes de ICE arrestaron a varios inmigrantes indocumentados durante una redada.",
    ),
    (None, "Hundreds gathered at a vigil for Renée Good, shot by a federal officer in Minneapolis."),
    (None, "Witnesses said Ice agents arrested a father outside the school gates."),
    (None, "Families described the Ice raids at the meatpacking plant."),
    (None, "Palantir has built a case-management platform used by ICE."),
    (None, "The woman died in the custody of U.S. Immigration and Customs Enforcement."),
]

OFF_TOPIC = [
    ("Winnipeg ICE win in overtime", "The ICE beat the Oil Kings 4-2 on home ice on Friday."),
    ("ICE STORM WARNING", "Freezing rain will coat roads with ice; crews salted highways."),
    (None, "The shop's new ice cream flavours include pistachio and sour cherry."),
    (None, "She landed a triple axel on the ice at the national skating championships."),
    (None, "Ice Cube announced a new tour and a film sequel."),
    (None, "Police detained a migrant; the Justice Department said deportation was possible."),
    (None, "Sales of ICE vehicles fell again as buyers switched to electric cars."),
    (None, "ICE Brent futures rose two percent after the supply report."),
    (None, "The lake's ice agents of erosion shaped the valley."),
    ("Cedar Flats Ice Raiders win tournament", "The Ice Raiders beat the Lakers 4-3 in overtime."),
]


@pytest.mark.parametrize(("title", "text"), ON_TOPIC)
def test_default_topic_matches_on_topic_texts(title: str | None, text: str) -> None:
    m = parse_query(load_default_topic()["query"]).match(title, text)
    assert m.matched, text
    assert m.score > 0 and m.terms


@pytest.mark.parametrize(("title", "text"), OFF_TOPIC)
def test_default_topic_rejects_ice_traps(title: str | None, text: str) -> None:
    assert not parse_query(load_default_topic()["query"]).match(title, text).matched, text


def test_a_latin_name_run_on_into_chinese_or_japanese_is_a_token_of_its_own() -> None:
    """Chinese and Japanese put no space between a Latin name and their words: "美国ICE与科技公司"
    was one token, so =ICE did not match a Chinese story about the agency."""
    assert tokenize("美国ICE与科技公司的合同") == ["美国", "ICE", "与科技公司的合同"]
    assert tokenize("米IT大手の社員ら、ICEとの契約") == ["米", "IT", "大手の社員ら", "ICE", "との契約"]
    assert tokenize("한국 ICE 반대") == ["한국", "ICE", "반대"]  # Korean: spaces, as before
    assert tokenize("ICE's agents") == ["ICE", "s", "agents"]
    query = parse_query("=ICE OR ICEout")
    assert query.match(None, "美国ICE与科技公司的合同").matched
    assert query.match(None, "科技员工发起ICEout公开信").matched
    assert not query.match(None, "这是一篇关于冰的文章").matched


def test_a_latin_name_run_on_into_thai_is_a_token_of_its_own() -> None:
    """Thai (and Lao, Myanmar, Khmer) put no space between words either, and a Thai story may
    write ICE against its words: "ต้านICE" (against ICE) was one token (tests/asiaweb)."""
    assert tokenize("ร่วมลงชื่อต้านICE หวั่นกระทบวีซ่า") == ["ร่วมลงชื่อต้าน", "ICE", "หวั่นกระทบวีซ่า"]
    assert tokenize("พนักงานของPalantirซึ่ง") == ["พนักงานของ", "Palantir", "ซึ่ง"]
    query = parse_query("=ICE AND Palantir")
    assert query.match(None, "ยกเลิกสัญญากับICEแม้ รวมถึงพนักงานของPalantirซึ่ง").matched
    assert not query.match(None, "ยกเลิกสัญญากับNICEแม้ รวมถึงพนักงานของPalantirซึ่ง").matched


def test_the_prefilter_lets_a_latin_name_run_on_into_chinese_through() -> None:
    """The prefilter's condition stays necessary: it tests words as substrings."""
    from newscrawl.judge.prefilter import prefilter_for

    page = "<html><body><p>美国ICE与科技公司的合同引发抗议。</p></body></html>"
    assert prefilter_for(parse_query("=ICE").root).passes(page)
    assert parse_query("=ICE").match(None, "美国ICE与科技公司的合同引发抗议。").matched


def test_a_chinese_or_japanese_word_matches_inside_a_run() -> None:
    """A run of Chinese or Japanese characters is one token, but a query word of theirs is
    matched as the full-text index reads it, a character at a time: `移民局` in *美国移民局称*
    (it matched only a whole run before: a Chinese story was off the topic)."""
    assert hit("移民局", "美国移民局称，已逮捕多人。")
    assert hit("移民局", "（移民局）")
    assert hit("移民", "美国移民局称") and hit("民局", "美国移民局称")
    assert not hit("移民局", "美国移民。局称")  # the characters in a row, inside one run
    assert not hit("移民局", "移民和局")
    assert hit('"移民 局"', "美国移民局称")  # a space typed between them changes nothing
    assert hit("移民*", "美国移民局称") and hit("移*", "美国移民局称")
    assert hit("=移民局", "美国移民局称")
    assert hit("美国ICE", "在美国ICE与科技公司") and not hit("美国ICE", "美国人ICE")
    assert hit("ICE与", "美国ICE与科技公司") and hit("ICEとの", "米IT大手の社員ら、ICEとの契約")
    assert hit("東京", "ﾄｳｷｮｳ東京都") and hit("ﾃｽﾄ", "テストの結果")  # folded (NFKD) as other words
    assert parse_query("哈哈").match(None, "哈哈哈").terms == {"哈哈": 2}  # as the index counts a phrase
    assert parse_query("局").match("移民局", "局长说局里").terms == {"局": 3}


def test_a_thai_word_matches_inside_a_run_as_the_index_parts_it() -> None:
    """Thai is parted as the full-text index parts it (newscrawl.words.parted): each letter a
    piece, and the marks after a letter together another, so a word is found inside a run at
    those places."""
    assert hit("กิน", "ฉันกินข้าว")
    assert hit("ข้าว", "ฉันกินข้าวแล้ว")
    assert not hit("กิ", "ฉันกิ่งไม้")  # the marks ิ่ are one piece, not cut after ิ


def test_latin_words_are_matched_alike_beside_a_chinese_word() -> None:
    """A query with a Chinese word matches its Latin words as a query without one does."""
    text = "美国ICE与科技公司的合同引发抗议。ICE agents detained workers; (ICE) raids"
    for latin in ("=ICE", '"ICE agent*"', "detain*", '"ICE raids"', "ICEout", "agents AND NOT hockey"):
        alone = parse_query(latin).match("标题", text)
        with_chinese = parse_query(f"({latin}) OR 不存在的词").match("标题", text)
        assert (alone.matched, alone.terms) == (with_chinese.matched, with_chinese.terms), latin


def test_the_prefilter_lets_a_chinese_word_inside_a_run_through() -> None:
    from newscrawl.judge.prefilter import prefilter_for

    page = "<html><body><p>美国<b>移民</b>局称ICE与科技公司的合同引发抗议。</p></body></html>"
    for query in ("移民局", '"移民 局称"', "移民局 AND =ICE", "美国移民*"):
        assert parse_query(query).match(None, "美国移民局称ICE与科技公司的合同引发抗议。").matched
        assert prefilter_for(parse_query(query).root).passes(page), query
