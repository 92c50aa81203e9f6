"""End to end on a twenty-first fixture web (tests/magweb), written apart from newscrawl's code.

Fourteen fictional magazines, longform sites, opinion sections and newsletters in English,
German, French and Spanish, in the markup of real outlet types (Condé Nast, The Atlantic, New
York Magazine's Clay, The Verge's Duet, Slate, Mother Jones on WordPress, a German weekly, Le
Monde diplomatique, El País Semanal, Substack, Ghost, Medium, an Intercept-like nonprofit; see
``tests/magweb/__init__.py``): display
headlines under rubrics and kickers that differ from the SEO and social headlines, deks, "By A
and B", "As told to", "Interview by", "Interview:", "Photographs by", "Edited by", "Traduit de
... par", contributor bios, print-edition notes and issue dates that are not the publication
day, corrections, audio players, footnotes, pull quotes, newsletter and donation boxes, issue
tables of contents, an author page, a newsletter archive, and traps with ICE in other senses.
``tests/magweb/truth.json`` says what their writer meant each page to be. One crawl with the
real CLI into a real SQLite file; every page of the truth is then checked against it.
"""

from __future__ import annotations

import magweb
import pytest
from truthweb import load_truth, truth_tests, web_fixtures

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(magweb.HERE)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}
KNOWN_TEXT: dict[str, str] = {}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(magweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)
