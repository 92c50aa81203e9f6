"""End to end on a tenth fixture web (tests/blogweb), written apart from newscrawl's code.

Sixteen fictional blogs, newsletters and small-organisation sites in the markup of real
platforms (WordPress themes, Blogger, Ghost, Substack, Medium, beehiiv, Hugo, Jekyll,
Squarespace), in English, German, French and Spanish, with their real noise: comments and
their authors, "Leave a Reply", author bio boxes, related posts, sign-up boxes, share and like
bars, label and tag lists. Guest posts, co-written posts, posts signed only at their end,
statements posted by "the team", front and label pages that show whole posts. The first 40
pages were written from real platforms' markup before reading the extraction code, two small
batches after (docs/testing.md), and ``tests/blogweb/truth.json`` says what their writer meant
each page to be. One crawl with the real CLI into a real SQLite file; every page of the truth is
then checked against it.
"""

from __future__ import annotations

import blogweb
import pytest
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(blogweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}
KNOWN_TEXT: dict[str, str] = {}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(blogweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
