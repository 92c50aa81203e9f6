"""Tests for newscrawl.extract.urls: cleaning, AMP, canonical identity, article-URL filter."""

from __future__ import annotations

import pytest

from newscrawl.extract.urls import (
    canonical_url,
    clean_url,
    is_front_page,
    is_probably_article_url,
    is_search_page,
    strip_amp,
)

CLEAN_CASES = [
    # scheme and host lowercased, default port, fragment dropped, path case kept
    ("HTTP://WWW.Example.COM:80/News/Story.html#top", "http://www.example.com/News/Story.html"),
    ("https://example.com:443/a", "https://example.com/a"),
    ("https://example.com:8443/a", "https://example.com:8443/a"),
    # tracking parameters removed, others kept and sorted
    (
        "https://example.com/a?utm_source=x&b=2&UTM_Medium=y&fbclid=abc&a=1",
        "https://example.com/a?a=1&b=2",
    ),
    (
        "https://example.com/a?gclid=1&dclid=2&msclkid=3&mc_cid=4&mc_eid=5&igshid=6&_ga=7&id=9",
        "https://example.com/a?id=9",
    ),
    ("https://example.com/a?ref=hp&ref_src=twsrc&cmpid=rss&smid=tw&taid=1&ocid=2", "https://example.com/a"),
    # session ids removed, in the query and as a path parameter; the bare sid and session stay
    ("https://example.com/a?PHPSESSID=9f8e&id=2&jsessionid=AB&sessionid=x&CFID=1&cftoken=2",
     "https://example.com/a?id=2"),
    ("https://example.com/a.html;jsessionid=0AF3C9?x=1", "https://example.com/a.html?x=1"),
    ("https://example.com/a;JSESSIONID=0A/b;v=2", "https://example.com/a/b;v=2"),
    ("https://example.com/story.pl?sid=06/12/05/1234", "https://example.com/story.pl?sid=06%2F12%2F05%2F1234"),
    # ambiguous parameters that may identify content stay
    ("https://example.com/a?cid=12&partner=x", "https://example.com/a?cid=12&partner=x"),
    ("https://example.com/a?", "https://example.com/a"),
    # percent-encoding normalised, the path's case kept
    ("https://example.com/Caf%c3%a9/%7Euser", "https://example.com/Caf%C3%A9/~user"),
    ("https://example.com/café", "https://example.com/caf%C3%A9"),
    # http and https are not merged; the trailing slash is kept
    ("http://example.com/a/", "http://example.com/a/"),
    ("https://example.com", "https://example.com/"),
]


@pytest.mark.parametrize(("url", "expected"), CLEAN_CASES)
def test_clean_url(url: str, expected: str) -> None:
    assert clean_url(url) == expected


@pytest.mark.parametrize("url", [u for u, _ in CLEAN_CASES])
def test_clean_url_is_idempotent(url: str) -> None:
    once = clean_url(url)
    assert clean_url(once) == once


AMP_CASES = [
    ("https://example.com/2026/01/story/amp", "https://example.com/2026/01/story"),
    ("https://example.com/2026/01/story/amp/", "https://example.com/2026/01/story/"),
    ("https://example.com/2026/01/story.amp", "https://example.com/2026/01/story"),
    ("https://example.com/2026/01/story.amp.html", "https://example.com/2026/01/story.html"),
    ("https://example.com/story?amp", "https://example.com/story"),
    ("https://example.com/story?amp=1&page=2", "https://example.com/story?page=2"),
    ("https://example.com/story?outputType=amp", "https://example.com/story"),
    ("https://amp.example.com/story", "https://example.com/story"),
    ("https://example.com/amp/2026/01/a.html", "https://example.com/2026/01/a.html"),
    ("https://example.com/story/amp/amp", "https://example.com/story"),
    # not AMP
    ("https://example.com/champions/lamp", "https://example.com/champions/lamp"),
    ("https://example.com/amplifier", "https://example.com/amplifier"),
    ("https://amp.dev/about", "https://amp.dev/about"),
    ("https://example.com/story?ampere=3", "https://example.com/story?ampere=3"),
]


@pytest.mark.parametrize(("url", "expected"), AMP_CASES)
def test_strip_amp(url: str, expected: str) -> None:
    assert strip_amp(url) == expected
    assert strip_amp(strip_amp(url)) == strip_amp(url)


def test_canonical_url_prefers_declared() -> None:
    fetched = "https://example.com/amp/2026/01/a.html?utm_source=feed"
    assert canonical_url(fetched, "/news/2026/01/a.html") == "https://example.com/news/2026/01/a.html"
    assert (
        canonical_url(fetched, "https://EXAMPLE.com/news/a.html?utm_medium=x#c")
        == "https://example.com/news/a.html"
    )


def test_canonical_url_declared_is_cleaned_and_amp_stripped() -> None:
    assert (
        canonical_url("https://example.com/x", "https://amp.example.com/a/amp?fbclid=1")
        == "https://example.com/a"
    )


def test_canonical_url_falls_back_to_fetched() -> None:
    fetched = "https://Example.com/2026/01/a.amp.html?utm_campaign=z&id=4#frag"
    expected = "https://example.com/2026/01/a.html?id=4"
    assert canonical_url(fetched) == expected
    assert canonical_url(fetched, None) == expected
    assert canonical_url(fetched, "") == expected
    assert canonical_url(fetched, "mailto:desk@example.com") == expected
    assert canonical_url(fetched, "ftp://example.com/a") == expected


def test_canonical_url_ignores_homepage_canonical_on_deep_page() -> None:
    assert canonical_url("https://example.com/2026/01/a", "https://example.com/") == (
        "https://example.com/2026/01/a"
    )
    assert canonical_url("https://example.com/", "https://example.com/") == "https://example.com/"


def test_canonical_url_same_site() -> None:
    def same(u: str) -> bool:
        return "example.com" in u

    fetched = "https://example.com/a"
    assert canonical_url(fetched, "https://other.org/a", same_site=same) == "https://example.com/a"
    assert canonical_url(fetched, "https://other.org/a") == "https://other.org/a"
    assert canonical_url(fetched, "https://example.com/b", same_site=same) == "https://example.com/b"


@pytest.mark.parametrize(
    "url", ["", "   ", "http://[::1", "http://example.com:abc/", "http://example.com:99999/"]
)
def test_malformed_urls_never_raise(url: str) -> None:
    assert clean_url(url) == url.strip()
    assert strip_amp(url) == url.strip()
    assert canonical_url(url) == url.strip()
    assert not is_probably_article_url(url)


def test_malformed_declared_canonical_is_ignored() -> None:
    fetched = "https://example.com/a"
    assert canonical_url(fetched, "http://[::1") == fetched
    assert canonical_url(fetched, "http://example.com:abc/x") == fetched


def test_canonical_url_is_idempotent() -> None:
    for fetched, _ in CLEAN_CASES + AMP_CASES:
        once = canonical_url(fetched)
        assert canonical_url(once) == once


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/2026/01/28/harbour-bridge-reopens.html",
        "https://example.com/news/harbour-bridge-reopens-123456",
        "https://example.com/politics/archive/2026/01/slug/123/",
        "https://example.com/2026/the-price-tag/",
        "https://example.com/?p=123",
        "https://example.com/newsletters/morning-tech/2026/01/22/the-letter-goes-to-the-hill-00711873",
        # a weekly that files its writers' pieces under their names
        "https://example.com/autoren/jane-doe/heute-schon-an-morgen-denken",
    ],
)
def test_article_urls(url: str) -> None:
    assert is_probably_article_url(url)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/",
        "https://example.com/images/photo.JPG",
        "https://example.com/files/report.pdf",
        "https://example.com/static/site.css",
        "https://example.com/static/app.js",
        "https://example.com/sitemap.xml",
        "https://example.com/video/clip.mp4",
        "https://example.com/tag/climate",
        "https://example.com/author/jane-doe/",
        "https://example.com/autor/lucia-ferrer/",
        "https://example.com/auteur/jean-dupont",
        "https://example.com/autore/mario-rossi/",
        "https://example.com/category/world",
        "https://example.com/search?q=bridge",
        "https://example.com/news/page/2",
        "https://example.com/news/page-3",
        "https://example.com/news?page=2",
        "https://example.com/feed/",
        "https://example.com/newsletters/morning-tech/",
        "https://example.com/newsletters/archive/2026/01/22/",
        "https://example.com/wp-content/uploads/a.html",
        "ftp://example.com/a.html",
        "not a url",
    ],
)
def test_not_article_urls(url: str) -> None:
    assert not is_probably_article_url(url)


@pytest.mark.parametrize(("url", "front"), [
    ("https://news.example/", True), ("https://news.example", True),
    ("https://news.example/index.html", True), ("https://news.example/Index.php", True),
    ("https://news.example/?p=123", False),
    ("https://news.example/?utm_source=x", False), ("https://news.example/news/", False),
    ("https://news.example/2026/01/story.html", False), ("https://news.example/news/index.html", False),
])
def test_a_sites_front_page_is_its_root_or_an_index_file_there(url: str, front: bool) -> None:
    assert is_front_page(url) is front


@pytest.mark.parametrize(("url", "search"), [
    ("https://blog.example/search/label/ICE", True), ("https://blog.example/search?q=ice", True),
    ("https://news.example/?s=ice", True), ("https://news.example/search/ice/", True),
    ("https://news.example/en/search.php?query=ice", True),
    ("https://news.example/2026/01/story.html?s=20", False),  # X's share link
    ("https://news.example/research/ice-contracts", False), ("https://news.example/", False),
])
def test_a_sites_search_results_are_told_by_their_address(url: str, search: bool) -> None:
    assert is_search_page(url) is search
