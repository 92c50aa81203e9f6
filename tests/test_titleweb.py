"""End to end on a fifth fixture web (tests/titleweb), written apart from newscrawl's code.

Twelve fictional outlets whose displayed headline differs from their ``<title>``, ``og:title``,
``twitter:title`` and JSON-LD ``headline`` the ways real sites' do (SEO titles, section and outlet
suffixes and prefixes, kickers, deks, a logo in the ``<h1>``, typographic quotes on the page only,
Spanish, German and French outlets, a magazine, digital natives, Ghost, Drupal, WordPress, a
newsletter issue). They were written from real sites' markup before reading the extraction code,
and ``tests/titleweb/truth.json`` says what their writer meant each page to be: its title is the
headline a reader sees. One crawl with the real CLI into a real SQLite file; every page of the
truth is then checked against it.
"""

from __future__ import annotations

import pytest
import titleweb
from truthweb import (
    articles,
    assert_not_stored,
    assert_stored_with_its_metadata,
    cases,
    load_truth,
    not_stored,
    web_fixtures,
)

from newscrawl.crawl.fixture_web import FixtureWeb

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(titleweb.HERE)
ARTICLES = articles(TRUTH)
ON_TOPIC = [t for t in ARTICLES if t["on_topic"]]

# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(titleweb)


@pytest.mark.parametrize("entry", cases(ON_TOPIC, KNOWN))
def test_every_on_topic_article_is_stored_once_with_its_metadata(corpus: dict, web: FixtureWeb,
                                                                  entry: dict) -> None:
    assert_stored_with_its_metadata(corpus, web, entry)


@pytest.mark.parametrize("entry", cases([t for t in ARTICLES if not t["on_topic"]], KNOWN))
def test_no_trap_or_off_topic_article_is_stored(corpus: dict, web: FixtureWeb, entry: dict) -> None:
    assert_not_stored(corpus, web, entry)


@pytest.mark.parametrize("entry", cases(not_stored(TRUTH), KNOWN))
def test_listing_pages_and_amp_copies_are_not_stored_as_articles(corpus: dict, web: FixtureWeb,
                                                                  entry: dict) -> None:
    assert_not_stored(corpus, web, entry)


def test_nothing_is_stored_that_the_truth_does_not_expect(corpus: dict, web: FixtureWeb) -> None:
    expected = {web.url(t["outlet"], t["path"]) for t in ON_TOPIC}
    unexpected = sorted(set(corpus["by_url"]) - expected)
    assert not unexpected, unexpected
