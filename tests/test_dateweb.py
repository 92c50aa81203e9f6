"""End to end on the dates fixture web (tests/dateweb), written apart from newscrawl's date code.

Twelve fictional outlets in nine languages whose pages make the publication day hard the ways
real sites do (see ``tests/dateweb/__init__.py``). ``tests/dateweb/truth.json`` gives each page's
day as the outlet's own calendar day (null when the page shows none), the modified day when one is
shown, and the title, authors and credit, so every page is checked whole. One crawl with the real
CLI into a real SQLite file; every page of the truth is then checked against it.
"""

from __future__ import annotations

from urllib.request import urlopen

import dateweb
import pytest
from truthweb import articles, cases, load_truth, truth_tests, web_fixtures

from newscrawl.crawl.fixture_web import FixtureWeb
from newscrawl.extract.article import extract_article

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(dateweb.HERE)
ARTICLES = articles(TRUTH)

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}
# The same, for the day extract_article gives without the outlet's zone.
KNOWN_API: dict[str, str] = {}
KNOWN_TEXT: dict[str, str] = {}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(dateweb)


# the five checks of tests/truthweb.py, bound here so that pytest collects them with this
# module's fixtures
(
    test_every_on_topic_article_is_stored_once_with_its_metadata,
    test_the_stored_text_keeps_the_story_and_leaves_the_page_furniture,
    test_no_trap_or_off_topic_article_is_stored,
    test_listing_pages_are_not_stored_as_articles,
    test_nothing_is_stored_that_the_truth_does_not_expect,
) = truth_tests(TRUTH, KNOWN, KNOWN_TEXT)


@pytest.mark.parametrize("entry", cases(ARTICLES, KNOWN_API))
def test_extract_article_gives_the_outlets_day_without_being_told_its_zone(web: FixtureWeb,
                                                                          entry: dict) -> None:
    # as the public API is called on a page of an outlet it knows nothing about (default_tz UTC):
    # the day must come from what the page itself says
    url = web.url(entry["outlet"], entry["path"])
    with urlopen(url, timeout=10) as response:
        html = response.read()
    article = extract_article(html, url)
    day = article.published_day if article else None
    assert day == entry["published_day"], f"{url}: {article and article.date_source}"
