"""End to end on an eighteenth fixture web (tests/anglweb), written apart from newscrawl's code.

Twelve fictional English-language outlets from the United States, the United Kingdom, Canada,
Ireland, Australia and New Zealand, in the markup of real outlet types the earlier webs did not
cover (see ``tests/anglweb/__init__.py``): bylines with roles, places and outlets beside the
names ("By A, US Editor and B in Washington", "By North America correspondent A", "Author of the
article:", "A, Reporter", "A and B, Associated Press", "By A, B and C | The Outlet", names in
capitals, "Analysis by", "With assistance from", "SCN/wires", "Staff and agencies"), headlines
whose ``og:title`` or ``<title>`` say something else ("Opinion | ...", "LIVE UPDATES: ..."),
an ``h2`` headline, bios, republish boxes and newsletter boxes, and traps with ICE in other
senses. ``tests/anglweb/truth.json`` says what their writer meant each page to be. One crawl with
the real CLI into a real SQLite file; every page of the truth is then checked against it.
"""

from __future__ import annotations

import anglweb
import pytest
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(anglweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {
}
KNOWN_TEXT: dict[str, str] = {
}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(anglweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
