"""End to end on the byline fixture web (tests/bylineweb), written apart from newscrawl's code.

Ten fictional outlets whose bylines have the shapes real sites use (see
``tests/bylineweb/__init__.py``): several authors, author cards with roles, "Written by",
"Words by", "Interview by", a footer "Story by", wire sign-offs whose editors are no authors,
staff and wire credits, a guest column posted by a desk account, names with particles,
initials and hyphens, Chinese names, and the JSON-LD, microdata and ``meta name=author`` shapes
that go with them. ``tests/bylineweb/truth.json`` says what their writer meant each page to be:
the people credited as writers of the story, in the page's order, and the organisations as
credit. One crawl with the real CLI into a real SQLite file; every page of the truth is then
checked against it.
"""

from __future__ import annotations

import bylineweb
import pytest
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(bylineweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {
    "metroview/entry/ice-courthouse-arrests-chicago_n_65b1a7c8e4b0f6071829304b/": (
        "a brief of 41 words: under NEWSCRAWL_MIN_WORDS (50) since the appeal for contributions after "
        "it leaves the text (the appeal's words had carried it over); a brief with an article's "
        "JSON-LD, byline and date is still judged by its length alone"
    ),
}
KNOWN_TEXT: dict[str, str] = {
    "metroview/entry/ice-courthouse-arrests-chicago_n_65b1a7c8e4b0f6071829304b/": "not stored: see KNOWN",
}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(bylineweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
