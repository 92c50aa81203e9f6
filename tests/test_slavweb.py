"""End to end on a fifteenth fixture web (tests/slavweb), written apart from newscrawl's code.

Eleven fictional outlets writing in Russian, Ukrainian, Polish, Czech and Greek, in the markup
of real outlet types (a state news agency, an exile news site, business dailies, an online
daily, a public broadcaster, a Warsaw daily, Czech portals, Greek dailies): bylines "Текст:",
"Автор", "oprac.", "Jan Novák, ČTK", "Του Γιάννη Παπαδόπουλου", agency credits ("Укрінформ",
"Źródło: PAP", "Πηγή: ΑΠΕ-ΜΠΕ"), dates in their languages over UTC structured data, "Обновлено",
"Aktualizacja:", related boxes, paywalls, a live blog, and traps with the ICE exchange and ICE
trains. ``tests/slavweb/truth.json`` says what their writer meant each page to be. One crawl
with the real CLI into a real SQLite file; every page of the truth is then checked against it.
"""

from __future__ import annotations

import pytest
import slavweb
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(slavweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}
KNOWN_TEXT: dict[str, str] = {
}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(slavweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
