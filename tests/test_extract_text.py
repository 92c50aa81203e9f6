"""The main-text reading: trafilatura without its comparison first, with it when needed."""

from __future__ import annotations

import trafilatura
from lxml.html import fragment_fromstring

from newscrawl.extract.decode import load_html
from newscrawl.extract.text import (
    COMPARE_BELOW_CHARS,
    TRAFILATURA_OPTIONS,
    _paragraphs,
    extract_text,
    needs_comparison,
)

LONG = "x" * COMPARE_BELOW_CHARS


def _compared(tree) -> str:  # noqa: ANN001 - an lxml tree
    """trafilatura's text with its readability/justext comparison, as newscrawl joins it."""
    doc = trafilatura.bare_extraction(
        tree, with_metadata=False, output_format="python", **TRAFILATURA_OPTIONS
    )
    return _paragraphs(doc.text if doc else None)


def test_a_short_text_is_compared() -> None:
    body = fragment_fromstring("<div><p>short</p></div>")
    assert needs_comparison("short", body)
    assert needs_comparison("", None)


def test_a_long_text_of_paragraphs_is_not_compared() -> None:
    body = fragment_fromstring("<div><p>one</p><p>two</p><table><tr><td>t</td></tr></table></div>")
    assert not needs_comparison(LONG, body)


def test_a_text_without_paragraphs_or_mostly_tables_is_compared() -> None:
    assert needs_comparison(LONG, fragment_fromstring("<div><head>only a heading</head></div>"))
    tables = "<table><tr><td>a</td></tr></table>" * 3
    assert needs_comparison(LONG, fragment_fromstring(f"<div><p>one</p>{tables}</div>"))


def test_an_article_of_paragraphs_reads_as_with_the_comparison() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the report says what the council decided on Monday and why the "
        "vote was closer than anyone at city hall had expected.</p>"
        for i in range(20)
    )
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Council vote</h1>{paragraphs}</article><footer>(c) Example</footer></body></html>"
    )
    tree = load_html(html)
    text, _ = extract_text(tree, with_metadata=False)
    assert len(text) >= COMPARE_BELOW_CHARS
    assert text == _compared(tree)


def test_a_text_the_fast_reading_misses_comes_from_the_comparison() -> None:
    # Sentences split by <br> in a <span>, no paragraph: trafilatura's own reading finds
    # nothing, its comparison (readability) finds the story.
    lines = "".join(
        f"Sentence {i} of the story tells what happened in the city council on Monday evening.<br>"
        for i in range(40)
    )
    page = f"<html><body><nav><a href='/a'>Home</a></nav><div><span>{lines}</span></div></body></html>"
    tree = load_html(page)
    fast = trafilatura.bare_extraction(
        tree, with_metadata=False, output_format="python", fast=True, **TRAFILATURA_OPTIONS
    )
    assert fast is None or not fast.text
    text, _ = extract_text(tree, with_metadata=False)
    assert "Sentence 39 of the story" in text
    assert text == _compared(tree)
