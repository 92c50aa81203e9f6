"""End to end on an eleventh fixture web (tests/dachweb), written apart from newscrawl's code.

Ten fictional German-language outlets from Germany, Austria and Switzerland, in the markup of
the region's real outlet types (news magazine, weekly, national dailies, public broadcaster,
a newspaper group's regional paper, Austrian and Swiss dailies, a tech news site, a dpa-AFX
wire page): kicker and headline in one heading, "Von A und B", "Ein Kommentar von",
"Ein Gastbeitrag von", agency credits in source lines and sign-offs (``Quelle: ..., dpa, AFP,
lk``, ``RNW/dpa``, ``(APA, Reuters, 24.1.2026)``, ``(sda/dpa)``, ``dpa-AFX``), paywalls,
"Stand:", "Jänner", late-evening stories with UTC structured data, a live blog, and traps with
ICE trains and the ICE exchange. ``tests/dachweb/truth.json`` says what their writer meant each
page to be. One crawl with the real CLI into a real SQLite file; every page of the truth is
then checked against it.
"""

from __future__ import annotations

import dachweb
import pytest
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(dachweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {
}
KNOWN_TEXT: dict[str, str] = {
}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(dachweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
