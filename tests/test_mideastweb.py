"""End to end on a fourteenth fixture web (tests/mideastweb), written apart from newscrawl's code.

Eleven fictional outlets writing in Arabic (Gulf, Levant, Egypt, a pan-Arab broadcaster and a
London-based daily), Persian (diaspora and domestic), Hebrew and Turkish, in the markup of the
region's real outlet types: ``dir="rtl"``, "بقلم", "كتب:", "إعداد:", "نویسنده:", "מאת",
"Haber Merkezi", "(د ب أ)", "المصدر: وكالات", Arabic-Indic and Persian digits, Hijri and Solar
Hijri dates beside the Gregorian ones, Levantine month names, Hebrew dates and DD.MM.YY,
"Güncelleme:", related boxes inside the story, and traps with ICE futures and ICE engines.
``tests/mideastweb/truth.json`` says what their writer meant each page to be. One crawl with
the real CLI into a real SQLite file; every page of the truth is then checked against it.
"""

from __future__ import annotations

import mideastweb
import pytest
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(mideastweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}
KNOWN_TEXT: dict[str, str] = {}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(mideastweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
