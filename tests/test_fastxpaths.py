"""trafilatura's regular-expression tests of attributes, guarded (extract/fastxpaths.py): the
guards are necessary conditions, so the expressions select the same elements."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
import trafilatura.xpaths
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml.etree import XPath
from lxml.html import fromstring

from newscrawl.extract import fastxpaths
from newscrawl.extract import text as _text  # noqa: F401  (installs the guarded expressions)

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
PAGES = Path(__file__).resolve().parent / "pages"


def trafilatura_patterns() -> list[str]:
    """The patterns of every re:test in trafilatura's own rewritten expressions."""
    return [
        m[2]
        for exprs in fastxpaths.originals().values()
        for expr in exprs
        for m in fastxpaths.RE_TEST.finditer(expr.path)
    ]


@pytest.mark.parametrize(
    ("pattern", "literals"),
    [
        ("social|sidebar", {"social", "sidebar"}),
        ("bread-?crumb", {"bread"}),  # the optional "-" ends the run
        ("^shar|(?:^| )ad-", {"shar", "ad-"}),
        ("^(?:jp-|dpsp-content)", {"jp-", "dpsp-content"}),  # a group's own branches
        ("[Cc]omment(?!ary)", {"omment"}),  # a class and a lookahead hold no literal
        ("(^|\\s)bottom|bottom(\\s|$)", {"bottom"}),
        ("article(?:-|__)?body", {"article"}),  # an optional group is skipped
        ("dfp[Aa]d", {"dfp"}),
        ("ab+c", {"ab"}),
        ("post[-_]text", {"post"}),  # the longest run; of equal ones the first
    ],
)
def test_needed_literals(pattern: str, literals: set[str]) -> None:
    assert fastxpaths.needed_literals(pattern) == literals


@pytest.mark.parametrize("pattern", ["(?i)social", "a|[xy]", "^$|x", "a.b|.", "(x", "x]y", "it's"])
def test_no_literals_when_a_branch_has_none_or_the_pattern_is_not_read(pattern: str) -> None:
    assert fastxpaths.needed_literals(pattern) is None


@settings(max_examples=300, deadline=None)
@given(
    pattern=st.sampled_from(trafilatura_patterns() or ["x"]),
    text=st.text(alphabet="abcdefghijklmnoprstuvwxyz -_ACS", max_size=40),
    pick=st.integers(min_value=0),
)
def test_every_match_holds_a_literal(pattern: str, text: str, pick: int) -> None:
    literals = fastxpaths.needed_literals(pattern)
    if not literals:
        return
    # also around one of the pattern's own words, so that matches happen
    words = re.findall(r"[\w-]{3,}", pattern)
    for candidate in (text, text + (words[pick % len(words)] if words else "") + text):
        if re.search(pattern, candidate):
            assert any(lit in candidate for lit in literals), (pattern, candidate)


def test_the_guard_leaves_a_test_that_matches_nothing_alone() -> None:
    path = ".//*[re:test(@class, 'x?') or re:test(@class, 'social', 'i')]"
    assert fastxpaths.guard(path) == path  # matches the empty string; a flag
    guarded = fastxpaths.guard(".//*[re:test(@id|@class, 'sidebar|social')]")
    assert guarded == (
        ".//*[((contains(@id|@class, 'sidebar') or contains(@id|@class, 'social'))"
        " and re:test(@id|@class, 'sidebar|social'))]"
    )
    many = "|".join(f"word{i}" for i in range(fastxpaths.MAX_LITERALS + 1))
    assert fastxpaths.guard(f".//*[re:test(@class, '{many}')]").startswith(".//*[((@class) and ")


@pytest.mark.parametrize(
    ("path", "written"),
    [
        (".//*[self::div or self::section][contains(@class, 'x')]",
         ".//div[contains(@class, 'x')] | .//section[contains(@class, 'x')]"),
        ("\n   .//*[self::div or\n self::p][@id][re:test(@class, '[Cc]omment]')]\n  ",
         ".//div[@id][re:test(@class, '[Cc]omment]')] | .//p[@id][re:test(@class, '[Cc]omment]')]"),
    ],
)
def test_tag_tests_become_steps_by_name(path: str, written: str) -> None:
    assert fastxpaths.by_name(path) == written


@pytest.mark.parametrize(
    "path",
    [
        ".//*[self::article or self::div][@class='post'][1]",  # the first per parent, not overall
        ".//*[self::div][position() < 3]",
        ".//*[self::div][@id]/span",  # a step after the predicates
        ".//*[@class='comments-title']",  # no tag test
    ],
)
def test_tag_tests_stay_where_position_or_more_steps_follow(path: str) -> None:
    assert fastxpaths.by_name(path) == path


def test_steps_by_name_select_the_same_elements_in_order() -> None:
    tree = fromstring(
        "<div><section class='x'><div class='x'><p class='x'>1</p></div></section>"
        "<div class='y'><section class='x'>2</section></div><p class='x'>3</p></div>"
    )
    path = ".//*[self::div or self::section or self::p][contains(@class, 'x')]"
    assert XPath(fastxpaths.by_name(path))(tree) == XPath(path)(tree)


def _same_selection(tree: object) -> None:
    for name, own in fastxpaths.originals().items():
        for ours, theirs in zip(getattr(trafilatura.xpaths, name), own, strict=True):
            assert ours(tree) == theirs(tree), (name, theirs.path)


def test_installed_once_and_the_same_elements_on_the_fixture_pages() -> None:
    assert set(fastxpaths.originals()) == {
        n for n in fastxpaths.XPATH_LISTS if isinstance(getattr(trafilatura.xpaths, n, None), list)
    }
    assert any(
        ours is not theirs
        for name, own in fastxpaths.originals().items()
        for ours, theirs in zip(getattr(trafilatura.xpaths, name), own, strict=True)
    )
    before = {name: list(getattr(trafilatura.xpaths, name)) for name in fastxpaths.XPATH_LISTS}
    fastxpaths.install()  # a second time changes nothing
    assert before == {name: list(getattr(trafilatura.xpaths, name)) for name in fastxpaths.XPATH_LISTS}
    html = (
        "<html><body><div class='sidebar'><p>Menu</p></div><div id='comments'>c</div>"
        "<article><div class='article-body'><p class='lead'>Text</p><span class='byline'>By A</span>"
        "</div></article><div class='post-nav'>n</div><div class='infinite-scroll'>more</div></body></html>"
    )
    for tree in [fromstring(html), *(fromstring(p.read_text()) for p in sorted(PAGES.glob("*.html")))]:
        _same_selection(tree)


def test_trafilaturas_own_expressions_for_a_block() -> None:
    guarded = list(trafilatura.xpaths.OVERALL_DISCARD_XPATH)
    with fastxpaths.trafilaturas_own():
        assert fastxpaths.originals()["OVERALL_DISCARD_XPATH"] == trafilatura.xpaths.OVERALL_DISCARD_XPATH
    assert guarded == trafilatura.xpaths.OVERALL_DISCARD_XPATH


def test_a_guarded_expression_compiles_with_the_namespace() -> None:
    xpath = XPath(fastxpaths.guard(".//*[re:test(@class, 'ab+c')]"), namespaces={"re": fastxpaths.REGEXP_NS})
    tree = fromstring("<div><p class='xabbbc'>1</p><p class='ac'>2</p><p>3</p></div>")
    assert [p.text for p in xpath(tree)] == ["1"]


@pytest.mark.slow
@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora not present")
def test_the_same_elements_on_real_pages() -> None:
    from trafilatura.utils import load_html

    files = sorted(CORPORA.rglob("*.html.gz"))[::2]  # half of the 677 (all of them: ~50 s)
    assert len(files) > 300
    for path in files:
        tree = load_html(gzip.decompress(path.read_bytes()))
        if tree is not None:
            _same_selection(tree)
