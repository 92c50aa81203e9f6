"""End to end on a twelfth fixture web (tests/kindweb), written apart from newscrawl's code.

Ten fictional outlets whose pages are hard cases of the page's kind: articles that look unlike
articles (briefs, a gallery, a video page, a podcast episode, a live blog, a split story, a
column with a long bio, an FAQ, a press release, stories whose JSON-LD says ``WebPage`` or
nothing, a story with ten teasers under it) and pages that look like articles and are not
(a topic hub with ``NewsArticle`` JSON-LD, an author page, a coverage roundup, search results,
"Most read", a one-teaser tag page, a section front with its lead story in full, AMP and print
copies, a comments page, corrections, error pages served with 200, a consent wall, a story's
second page; a paywalled story is an article). ``tests/kindweb/truth.json`` says what its writer meant each
page to be. One crawl with the real CLI into a real SQLite file; every page of the truth is
then checked against it.

Besides the kinds of tests/truthweb.py (article, off-topic, listing, amp), this web's truth
names the other pages that must not be stored: ``error`` (an error page served with status
200), ``wall`` (a consent wall at an article's URL, no story on the page),
``comments`` (an article's comments page) and ``part`` (a later page of a story split over
pages: the corpus holds the story once, at its first page's URL).
"""

from __future__ import annotations

import kindweb
import pytest
from truthweb import assert_not_stored, cases, load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(kindweb.HERE)

# this web's pages that must not be stored besides the listings (the shared checks' kinds)
OTHER_NOT_ARTICLES = ("amp", "error", "wall", "comments", "part")

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}
KNOWN_TEXT: dict[str, str] = {
}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(kindweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    _nothing_unexpected,  # this web's own below: its known walls set apart
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)


def test_nothing_is_stored_that_the_truth_does_not_expect(corpus: dict, web) -> None:
    """As tests/truthweb.py's check, with the pages stored against the truth that KNOWN names
    (the walls) set apart: they fail, strictly, in the test above."""
    expected = {web.url(t["outlet"], t["path"]) for t in TRUTH if t["kind"] == "article" and t["on_topic"]}
    known = {web.url(t["outlet"], t["path"]) for t in TRUTH if t["kind"] in OTHER_NOT_ARTICLES
             and f"{t['outlet']}{t['path']}" in KNOWN}
    unexpected = sorted(set(corpus["by_url"]) - expected - known)
    assert not unexpected, unexpected


@pytest.mark.parametrize("entry", cases([t for t in TRUTH if t["kind"] in OTHER_NOT_ARTICLES], KNOWN))
def test_copies_error_pages_walls_comments_and_later_pages_are_not_stored(corpus: dict, web,
                                                                         entry: dict) -> None:
    assert_not_stored(corpus, web, entry)
