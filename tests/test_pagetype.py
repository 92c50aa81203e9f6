"""Article or listing, from page signals and URL shape."""

import pytest

from newscrawl.pagetype import PageSignals, classify_page, jsonld_type_names

ARTICLE_URL = "https://n.example/2026/01/27/tech-workers-letter.html"


@pytest.mark.parametrize(
    ("url", "signals", "kind"),
    [
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"NewsArticle"})), "article"),
        # article markup beats a listing-shaped URL
        ("https://n.example/section/tech/", PageSignals(og_type="article"), "article"),
        ("https://n.example/tag/ice/", PageSignals(has_published_meta=True), "article"),
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"CollectionPage"})), "listing"),
        (ARTICLE_URL, PageSignals(og_type="website"), "listing"),
        ("https://n.example/section/technology/", PageSignals(), "listing"),
        ("https://n.example/", PageSignals(), "listing"),
        (ARTICLE_URL, PageSignals(article_elements=6), "listing"),
        (ARTICLE_URL, PageSignals(), "article"),
        (None, PageSignals(), "article"),
    ],
)
def test_classify(url: str | None, signals: PageSignals, kind: str) -> None:
    assert classify_page(url, signals)[0] == kind


def test_reason_names_the_evidence() -> None:
    assert classify_page(ARTICLE_URL, PageSignals(og_type="website"))[1] == "og:type website"


def test_jsonld_type_names() -> None:
    assert jsonld_type_names(["NewsArticle", ["WebPage", "https://schema.org/ItemList"], 3]) == {
        "NewsArticle", "WebPage", "ItemList"}
