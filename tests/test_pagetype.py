"""Article or listing, from page signals and URL shape."""

import pytest

from newscrawl.extract.pagetype import PageSignals, classify_page, jsonld_type_names

ARTICLE_URL = "https://n.example/2026/01/27/tech-workers-letter.html"


@pytest.mark.parametrize(
    ("url", "signals", "kind"),
    [
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"NewsArticle"})), "article"),
        # article markup beats a listing-shaped URL
        ("https://n.example/section/tech/", PageSignals(og_type="article"), "article"),
        ("https://n.example/tag/ice/", PageSignals(has_published_meta=True), "article"),
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"CollectionPage"})), "listing"),
        # one weak signal is not enough: many CMSs say og:type website on articles
        (ARTICLE_URL, PageSignals(og_type="website"), "article"),
        ("https://n.example/section/technology/", PageSignals(), "article"),
        (ARTICLE_URL, PageSignals(article_elements=6), "article"),
        # two are
        ("https://n.example/section/technology/", PageSignals(og_type="website"), "listing"),
        ("https://n.example/", PageSignals(article_elements=4), "listing"),
        (ARTICLE_URL, PageSignals(og_type="website", article_elements=6), "listing"),
        (ARTICLE_URL, PageSignals(), "article"),
        (None, PageSignals(), "article"),
    ],
)
def test_classify(url: str | None, signals: PageSignals, kind: str) -> None:
    assert classify_page(url, signals)[0] == kind


def test_reason_names_the_evidence() -> None:
    signals = PageSignals(og_type="website")
    assert classify_page("https://n.example/tag/ice/", signals)[1] == "og:type website and listing-shaped URL"


def test_jsonld_type_names() -> None:
    assert jsonld_type_names(["NewsArticle", ["WebPage", "https://schema.org/ItemList"], 3]) == {
        "NewsArticle", "WebPage", "ItemList"}
