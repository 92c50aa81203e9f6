"""The one query language: the shared lexer and parser in both modes, and the FTS5 translator."""

from __future__ import annotations

import contextlib
import random
import re
import sqlite3

import pytest

from newscrawl.judge.query import (
    And,
    Not,
    Or,
    QueryError,
    SearchQueryError,
    Term,
    fts5,
    fts5_all,
    fts5_any_term,
    parse,
    to_fts5,
)
from newscrawl.judge.topics import Query


def term(key: str, position: int, *parts: str, exact: bool = False, text: str | None = None) -> Term:
    """A Term as the parser builds it; ``parts`` are tokens, a trailing '*' marks a prefix."""
    if text is None:
        text = key.lstrip("=").strip('"')
    return Term(key, exact, tuple((p.rstrip("*"), p.endswith("*")) for p in parts), position, text)


# --------------------------------------------------------------------------- one tree, two modes


def test_both_modes_read_the_whole_syntax_into_the_same_tree() -> None:
    source = '(=ICE OR "open letter") detain* -hockey'
    expected = And((
        Or((term("=ICE", 1, "ICE", exact=True), term('"open letter"', 9, "open", "letter"))),
        term("detain*", 24, "detain*"),
        Not(term("hockey", 33, "hockey"), 32),
    ))  # fmt: skip
    assert parse(source) == expected
    assert parse(source, lenient=True) == expected


def test_precedence_is_not_then_and_then_or_in_both_modes() -> None:
    for lenient in (False, True):
        tree = parse("a OR NOT b c", lenient=lenient)
        assert tree == Or((term("a", 0, "a"), And((Not(term("b", 9, "b"), 5), term("c", 11, "c")))))


def test_phrases_keep_their_words_as_typed_for_fts5_and_their_tokens_for_matching() -> None:
    typed = "Tech  workers' letter*"
    key = '"Tech workers\' letter*"'  # the key has its inner whitespace collapsed
    assert parse(f'"{typed}"') == term(key, 0, "tech", "workers", "letter*", text=typed)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('"open letter', "unbalanced quote"),
        ("(tech OR letter", "unbalanced parenthesis"),
        ("tech OR letter)", "unbalanced parenthesis"),
        ("tech AND", "dangling operator AND"),
        ("OR tech", "dangling operator OR"),
        ("tech - letter", "'-' (NOT) must be followed"),
        ("= ICE", "'=' must be followed"),
        ("tech *", "lone '*'"),
        ("de*tain", "'*' is only allowed at the end"),
        ("tech ()", "empty parentheses"),
        ("tech &&", "has no letters or digits"),
        ("ice | hockey", "has no letters or digits"),
        ("NOT tech", "NOT-only"),
    ],
)
def test_strict_mode_raises_where_lenient_mode_reads_on(source: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse(source)
    with contextlib.suppress(SearchQueryError):  # 'NOT tech': nothing to search for, in search's words
        parse(source, lenient=True)


@pytest.mark.parametrize("source", [
    "(" * 250 + "ice" + ")" * 250,
    "NOT " * 1000 + "ice",
    "raid AND " + "-" * 1000 + "ice",
    "raid AND " + "NOT (" * 60 + "ice" + ")" * 60,
])
def test_strict_mode_refuses_nesting_deeper_than_the_limit_with_a_query_error(source: str) -> None:
    with pytest.raises(QueryError, match=r"nested too deeply \(more than 100 levels of parentheses and NOT"):
        parse(source)


def test_strict_mode_reads_nesting_up_to_the_limit() -> None:
    assert parse("(" * 100 + "ice" + ")" * 100) == term("ice", 100, "ice")
    tree = parse("raid AND " + "NOT " * 100 + "ice")
    assert isinstance(tree, And) and isinstance(tree.children[1], Not)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('"open letter', term('"open letter"', 0, "open", "letter")),
        ("a) b", And((term("a", 0, "a"), term("b", 3, "b")))),
        ("(a OR b", Or((term("a", 1, "a"), term("b", 6, "b")))),
        ("ice OR", term("ice", 0, "ice")),
        ("OR ice", term("ice", 3, "ice")),
        ("ice AND AND raid", And((term("ice", 0, "ice"), term("raid", 12, "raid")))),
        ("ice | raid", Or((term("ice", 0, "ice"), term("raid", 6, "raid")))),
        ("ice --hockey", And((term("ice", 0, "ice"), Not(term("hockey", 6, "hockey"), 4)))),
        ("ice NOT -hockey", And((term("ice", 0, "ice"), Not(term("hockey", 9, "hockey"), 4)))),
        ("ice - hockey", And((term("ice", 0, "ice"), term("hockey", 6, "hockey")))),
        ("ice 🎉 ()", term("ice", 0, "ice")),
        ("detain**", term("detain**", 0, "detain*", text="detain**")),
        ('"open let"*', term('"open let"*', 0, "open", "let*", text="open let*")),
        ("ice # raid", And((term("ice", 0, "ice"), term("raid", 6, "raid")))),  # no comments
        ("= ice", term("ice", 2, "ice")),  # a lone '=' is part of a word, and dropped
        ("==ICE", term("==ICE", 0, "ice", text="==ICE")),
        ("-=ICE raid", And((Not(term("=ICE", 1, "ICE", exact=True), 0), term("raid", 6, "raid")))),
    ],
)
def test_lenient_mode_forgives(source: str, expected: object) -> None:
    assert parse(source, lenient=True) == expected


def test_lenient_mode_cleans_what_would_break_fts5() -> None:
    assert parse("ice\x00raid", lenient=True) == And((term("ice", 0, "ice"), term("raid", 4, "raid")))
    assert parse("\ue000o6C", lenient=True) == term("o6C", 1, "o6c", text="o6C")


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("", "empty"),
        ("🎉", "nothing to search for"),
        ("OR", "quote it"),
        ("(" * 21 + "ice", "nested parentheses"),
        ("w " * 101, "too many words"),
        ("x" * 2001, "too long"),
    ],
)
def test_lenient_mode_raises_only_search_query_errors(source: str, message: str) -> None:
    with pytest.raises(SearchQueryError, match=message):
        parse(source, lenient=True)


def test_random_text_never_raises_a_query_error_in_lenient_mode() -> None:
    alphabet = list('aiIC "()-*=#|:\n\x00🎉é') + ["OR", "AND", "NOT", "ice", " "]
    rng = random.Random(20261205)
    for _ in range(2000):
        source = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        try:
            tree = parse(source, lenient=True)
        except SearchQueryError:
            continue
        assert isinstance(tree, (Term, Not, And, Or)), source


# --------------------------------------------------------------------------- FTS5


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("=ICE raid*", '"ICE" AND "raid"*'),  # the index folds case: '=' is dropped
        ('"deport* flight*"', '"deport"* + "flight"*'),  # a prefix inside a phrase
        ('"ICE agent*" OR tech', '"ICE agent"* OR "tech"'),
        ("ice -(-hockey)", '"ice" AND "hockey"'),  # NOT NOT is gone
        ("a (b c) (d OR (e OR f))", '"a" AND "b" AND "c" AND ("d" OR "e" OR "f")'),
        ("a -b -(c OR d) -(e f)", '"a" NOT ("b" OR "c" OR "d" OR ("e" AND "f"))'),
        ("ICEout.tech", '"ICEout.tech"'),
    ],
)
def test_fts5_translation_of_strict_trees(source: str, expected: str) -> None:
    assert fts5(parse(source)) == expected


def test_fts5_cannot_say_an_alternative_that_only_excludes() -> None:
    tree = parse("a (b OR -c)")  # a well-formed topic query: a, and b or not c
    with pytest.raises(SearchQueryError, match="OR alternative is only an exclusion"):
        fts5(tree)


def test_fts5_strings_never_carry_control_or_private_use_characters() -> None:
    tree = Term("x", False, (("a", False),), 0, 'a\x00b\ue000o6C "c"')
    assert fts5(tree) == '"a b o6C ""c"""'


def test_to_fts5_is_the_lenient_parse_translated() -> None:
    assert to_fts5('"open letter" (ICE OR immigration) -hockey') == (
        '("open letter" AND ("ICE" OR "immigration")) NOT "hockey"'
    )
    with pytest.raises(SearchQueryError, match="add a word to search for"):
        to_fts5('-="Homeland Security"')


def test_fts5_any_term_and_fts5_all() -> None:
    assert fts5_any_term(["detain*", "=ICE", "=Ice", '"deport* flight*"', "OR", "&&"]) == (
        '"detain" * OR "ICE" OR "deport" * + "flight" *'
    )
    assert fts5_all('"a" OR "b"', None, '"c"') == '("a" OR "b") AND ("c")'
    assert fts5_all('"a"', None) == '"a"'
    assert fts5_all() == ""


# --------------------------------------------------------------------------- properties

WORDS = ["ice", "raid", "raids", "tech", "letter", "open", "agent", "agents", "detain", "detained", "hockey"]


def _atom(rng: random.Random, exact: bool) -> str:
    words = rng.sample(WORDS, rng.randint(1, 3))
    if rng.random() < 0.3:
        words = [w[: rng.randint(2, len(w))] + "*" for w in words[:1]] + words[1:]
        rng.shuffle(words)
    shown = [w.upper() if rng.random() < 0.2 else w for w in words]
    text = shown[0] if len(shown) == 1 else '"' + " ".join(shown) + '"'
    return "=" + text if exact and rng.random() < 0.2 else text


def _query(rng: random.Random, exact: bool, depth: int = 0) -> str:
    """A random query in the whole syntax; negation applies to an atom or a group, never
    directly to another negation (lenient mode reads a run of NOTs as one)."""
    roll = rng.random()
    if depth >= 3 or roll < 0.35:
        return _atom(rng, exact)
    if roll < 0.55:
        return f"{_query(rng, exact, depth + 1)} OR {_query(rng, exact, depth + 1)}"
    if roll < 0.8:
        op = rng.choice([" ", " AND ", "  "])
        return f"{_query(rng, exact, depth + 1)}{op}{_query(rng, exact, depth + 1)}"
    if roll < 0.9:
        inner = _atom(rng, exact) if rng.random() < 0.5 else f"({_query(rng, exact, depth + 1)})"
        return f"{_query(rng, exact, depth + 1)} {rng.choice(['-', 'NOT '])}{inner}"
    return f"({_query(rng, exact, depth + 1)})"


def _well_formed(rng: random.Random, count: int, exact: bool) -> list[str]:
    found: list[str] = []
    while len(found) < count:
        source = _query(rng, exact)
        try:
            parse(source)
        except QueryError:
            continue
        found.append(source)
    return found


def test_strict_and_lenient_read_well_formed_queries_alike() -> None:
    rng = random.Random(20261205)
    for source in _well_formed(rng, 1500, exact=True):
        assert parse(source, lenient=True) == parse(source), source


@pytest.mark.slow  # a seeded property over many random documents (~0.6 s)
def test_fts5_matches_what_the_topic_matcher_matches() -> None:
    rng = random.Random(20261206)
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize='unicode61')")
    texts: list[tuple[str, str]] = []
    for _ in range(150):
        title = " ".join(rng.choices(WORDS + ["the"], k=rng.randint(0, 3)))
        words = rng.choices(WORDS + ["the", "a"], k=rng.randint(1, 12))
        text = rng.choice([" ", ". ", ", ", "-"]).join(words)
        title = title.title() if rng.random() < 0.3 else title
        texts.append((title, text.upper() if rng.random() < 0.2 else text))
    conn.executemany("INSERT INTO docs (rowid, title, text) VALUES (?, ?, ?)",
                     [(i, *pair) for i, pair in enumerate(texts)])
    translated = matching = 0
    for source in _well_formed(rng, 300, exact=False):
        query = Query(source, parse(source))
        try:
            expression = to_fts5(source)
        except SearchQueryError:
            assert "OR alternative" in str(fts5_error(source)), source
            continue
        translated += 1
        found = conn.execute("SELECT rowid FROM docs WHERE docs MATCH ?", (expression,))
        by_fts5 = {rowid for (rowid,) in found}
        by_topic = {i for i, (title, text) in enumerate(texts) if query.match(title, text).matched}
        assert by_fts5 == by_topic, (source, expression)
        matching += bool(by_topic)
    assert translated > 250 and matching > 150  # most queries match some of the texts


def fts5_error(source: str) -> SearchQueryError:
    try:
        to_fts5(source)
    except SearchQueryError as exc:
        return exc
    raise AssertionError(source)
