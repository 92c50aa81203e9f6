"""End to end on a ninth fixture web (tests/listweb), written apart from newscrawl's code.

Nine fictional English-language outlets whose stories carry their content in shapes other than
plain paragraphs (bullet lists with bold lead-ins, story highlights, timelines, lists of links,
Q&A explainers, FAQ accordions, glossaries, interview transcripts, a table, block and pull
quotes, a statement in full, live updates with lists, a photo essay told in captions), among
the list furniture that must stay out (related links, "More on this story", tags, share
lists, newsletter perks, side navigation, "Most read"). They were written from real sites'
markup before reading the extraction code, and ``tests/listweb/truth.json`` says what their
writer meant each page to be, with sentences the stored text must and must not contain. One
crawl with the real CLI into a real SQLite file; every page of the truth is then checked
against it.
"""

from __future__ import annotations

import listweb
import pytest
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(listweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}
KNOWN_TEXT: dict[str, str] = {}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(listweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
