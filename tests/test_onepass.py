"""trafilatura's comparison decided inside its one pass (extract/onepass.py): the same documents
as a fast reading followed, where needed, by a reading with the comparison."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
from trafilatura.utils import load_html

from newscrawl.extract import onepass
from newscrawl.extract.text import TRAFILATURA_OPTIONS, _body_needs_comparison, undo_running_text_cuts

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
OPTIONS = {"with_metadata": False, "output_format": "python", **TRAFILATURA_OPTIONS}
PARAGRAPH = "The council voted on the budget after a long debate about the new library and its hours. "


def two_readings(tree: object) -> object:
    doc = trafilatura.bare_extraction(tree, fast=True, **OPTIONS)
    if doc is None or _body_needs_comparison(doc.body):
        doc = trafilatura.bare_extraction(tree, fast=False, **OPTIONS)
    return doc


def one_pass(tree: object) -> object:
    return onepass.bare_extraction(tree, _body_needs_comparison, **OPTIONS)


def texts(doc: object) -> tuple[str | None, str | None]:
    return (None, None) if doc is None else (doc.text, doc.raw_text)


def html_page(paragraphs: int) -> str:
    body = "".join(f"<p>In part {i} of the story: {PARAGRAPH * 2}</p>" for i in range(paragraphs))
    nav = "<nav><a href='/a'>Home</a></nav>"
    return f"<html><body>{nav}<article><h1>Budget</h1>{body}</article></body></html>"


def test_trafilatura_has_the_stage_it_replaces() -> None:
    # not a requirement (another version gets the two readings) but this version must be fast
    assert onepass.AVAILABLE


@pytest.mark.parametrize("paragraphs", [0, 1, 3, 12])
def test_one_pass_reads_what_two_readings_read(paragraphs: int) -> None:
    tree = load_html(html_page(paragraphs))
    assert texts(one_pass(tree)) == texts(two_readings(tree))


def test_a_long_text_is_read_once_without_the_comparison(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[object] = []
    real = onepass.compare_extraction
    monkeypatch.setattr(onepass, "compare_extraction", lambda *a: compared.append(a) or real(*a))
    one_pass(load_html(html_page(12)))
    assert compared == []
    one_pass(load_html(html_page(3)))
    assert len(compared) == 1


def test_without_the_stage_two_readings_are_made(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    real = trafilatura.bare_extraction

    def spy(tree: object, **options: object) -> object:
        calls.append(bool(options["fast"]))
        return real(tree, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    monkeypatch.setattr(onepass, "AVAILABLE", False)
    tree = load_html(html_page(3))
    assert texts(one_pass(tree)) == texts(two_readings(tree))
    assert calls[:2] == [True, False]


def test_a_call_that_never_reaches_the_stage_is_read_again(monkeypatch: pytest.MonkeyPatch) -> None:
    # as if another trafilatura no longer called the stage: the fast reading alone would lack
    # the comparison, so the two readings are made
    monkeypatch.setattr(trafilatura.core, "_extract_and_compare", onepass._STAGE)
    tree = load_html(html_page(3))
    assert texts(one_pass(tree)) == texts(two_readings(tree))


def test_a_tree_given_away_is_read_without_a_copy_and_made_again_for_a_second_reading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert onepass.GIVING
    for paragraphs in (0, 1, 3, 12):
        made: list[object] = []

        def again(paragraphs: int = paragraphs, made: list[object] = made) -> object:
            made.append(paragraphs)
            return load_html(html_page(paragraphs))

        given = load_html(html_page(paragraphs))
        doc = onepass.bare_extraction(given, _body_needs_comparison, again, **OPTIONS)
        assert texts(doc) == texts(two_readings(load_html(html_page(paragraphs))))
        assert not made or paragraphs < 12  # a second reading, where one was made, read it anew
    copies: list[object] = []
    real = trafilatura.core.copy
    monkeypatch.setattr(trafilatura.core, "copy", lambda tree: copies.append(tree) or real(tree))
    onepass.bare_extraction(load_html(html_page(12)), _body_needs_comparison,
                            lambda: load_html(html_page(12)), **OPTIONS)
    given = len(copies)
    kept = load_html(html_page(12))
    before = kept.text_content()
    onepass.bare_extraction(kept, _body_needs_comparison, **OPTIONS)
    assert len(copies) - given == given + 1  # a tree not given away is copied first
    assert kept.text_content() == before  # and left as it was


def test_the_stage_outside_a_one_pass_call_is_trafilaturas_own(monkeypatch: pytest.MonkeyPatch) -> None:
    tree = load_html(html_page(3))
    readings = [trafilatura.bare_extraction(tree, fast=fast, **OPTIONS) for fast in (True, False)]
    monkeypatch.setattr(trafilatura.core, "_extract_and_compare", onepass._STAGE)
    monkeypatch.setattr(trafilatura.main_extractor, "recover_wild_text", onepass._RECOVER)
    plain = [trafilatura.bare_extraction(tree, fast=fast, **OPTIONS) for fast in (True, False)]
    assert [texts(doc) for doc in readings] == [texts(doc) for doc in plain]


@pytest.mark.slow
@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora not present")
def test_the_same_text_as_two_readings_on_real_pages() -> None:
    files = sorted((CORPORA / "article-extraction-benchmark").rglob("*.html.gz"))
    files += sorted((CORPORA / "dates-htmldate").rglob("*.html.gz"))
    assert len(files) > 400
    for path in files:
        tree = load_html(gzip.decompress(path.read_bytes()))
        if tree is None:
            continue
        first = undo_running_text_cuts(tree)
        assert texts(one_pass(first)) == texts(two_readings(first)), path.name
        if first is not tree:  # a copy of the page's own, given away as extract_texts gives it
            given = onepass.bare_extraction(first, _body_needs_comparison,
                                            lambda tree=tree: undo_running_text_cuts(tree), **OPTIONS)
            assert texts(given) == texts(two_readings(undo_running_text_cuts(tree))), path.name
