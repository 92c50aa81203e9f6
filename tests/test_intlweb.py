"""End to end on a third fixture web (tests/intlweb): outlets outside the English-speaking US.

Nine fictional outlets in the styles of their countries' CMSs (a French, an Italian, a
Brazilian, a Dutch, a Polish, a Japanese, a Korean, a Swedish and an Indian English daily),
written before reading the extraction code: bylines in their languages ("Par A et B", "di A e B",
"Door A en B", "김민준·이서연 기자", "ワシントン＝山田太郎"), agencies and desks as credits,
photo credits beside the byline, titles with the site's name, late-evening and just-after-midnight
times. ``tests/intlweb/truth.json`` says what its author meant each page to be. One crawl with
the real CLI into a real SQLite file; every page of the truth is then checked against it.
"""

from __future__ import annotations

import intlweb
import pytest
from truthweb import (
    articles,
    assert_not_stored,
    assert_stored_with_its_metadata,
    cases,
    load_truth,
    not_stored,
    page_id,
    web_fixtures,
)

from newscrawl.crawl.fixture_web import FixtureWeb

pytestmark = pytest.mark.slow  # a crawl in a subprocess

TRUTH = load_truth(intlweb.HERE)
ARTICLES = articles(TRUTH)
NOT_STORED = not_stored(TRUTH)


# Mismatches found and left (docs/testing.md says why): page -> the reason.
KNOWN: dict[str, str] = {
    "deccanledger/article/world/us-news/ice-detains-indian-origin-techie-in-new-jersey-10236012/": (
        "the page states only 'Updated: January 27, 2026 23:50 IST': a modified date never stands "
        "in for a published one (docs/dates.md), so it has no publication day, where a reader of "
        "the outlet takes that time for the story's"
    ),
    "dagbladnoord/regio/2026/01/24/marechaussee-treft-migranten-aan-in-ice-trein-bij-oldenzaal/": (
        "the topic query (written for English and Spanish) reads ICE beside 'migranten' as the "
        "agency; Dutch and German stories of migrants found on an ICE train name the train in "
        "compounds ('ICE-trein') or alone ('im ICE'), which no list of train words in the query "
        "would cover: the topic's owner's choice, not extraction's"
    ),
}


# the web served, and one crawl of it: the stored articles and the pages rows, by URL
web, corpus = web_fixtures(intlweb)


@pytest.mark.parametrize("entry", cases([t for t in ARTICLES if t["on_topic"]], KNOWN))
def test_every_on_topic_article_is_stored_once_with_its_metadata(corpus: dict, web: FixtureWeb,
                                                                  entry: dict) -> None:
    assert_stored_with_its_metadata(corpus, web, entry)


@pytest.mark.parametrize("entry", cases([t for t in ARTICLES if not t["on_topic"]], KNOWN))
def test_no_trap_or_off_topic_article_is_stored(corpus: dict, web: FixtureWeb, entry: dict) -> None:
    assert_not_stored(corpus, web, entry)


@pytest.mark.parametrize("entry", cases(not_stored(TRUTH), KNOWN))
def test_listing_pages_are_not_stored_as_articles(corpus: dict, web: FixtureWeb, entry: dict) -> None:
    assert_not_stored(corpus, web, entry)


def test_every_page_of_the_truth_was_fetched(corpus: dict, web: FixtureWeb) -> None:
    # a listing or a trap that was never fetched would pass the checks above unread
    fetched = {p["url"] for p in corpus["pages"]}
    missing = [web.url(t["outlet"], t["path"]) for t in TRUTH
               if web.url(t["outlet"], t["path"]) not in fetched]
    assert not missing, missing


def test_nothing_is_stored_that_the_truth_does_not_expect(corpus: dict, web: FixtureWeb) -> None:
    # the mismatches left on purpose are the xfails above
    expected = {web.url(t["outlet"], t["path"]) for t in ARTICLES if t["on_topic"] or page_id(t) in KNOWN}
    unexpected = sorted(set(corpus["by_url"]) - expected)
    assert not unexpected, unexpected
