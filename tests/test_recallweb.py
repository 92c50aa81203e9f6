"""End to end on a sixth fixture web (tests/recallweb), written apart from newscrawl's code.

Eleven fictional English-language outlets whose stories have the shapes text extractors tend to
drop (subheadings, lists, pull quotes, Q&A interviews, tables, editor's notes and corrections,
one-sentence paragraphs, text split across blocks, timelines, FAQ accordions, live updates,
link-heavy paragraphs), among the furniture that must stay out (newsletter boxes, related
stories, share bars, comments, author bios, "Most read" rails, credits, cookie banners,
paywall teasers). They were written from real sites' markup before reading the extraction
code, and ``tests/recallweb/truth.json`` says what their writer meant each page to be, with
sentences the stored text must and must not contain. One crawl with the real CLI into a real
SQLite file; every page of the truth is then checked against it.
"""

from __future__ import annotations

import pytest
import recallweb
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(recallweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}
KNOWN_TEXT: dict[str, str] = {}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(recallweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
