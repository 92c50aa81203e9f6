"""Tests for newscrawl.discover.links: link classification, pagination, crawl traps."""

from __future__ import annotations

import datetime as dt

import pytest

from newscrawl.config import Outlet
from newscrawl.discover.links import classify_link, is_crawl_trap, pagination_links

PLAIN = Outlet(slug="example", name="Example", homepage="https://www.example.com/", domain="example.com")
PATTERNED = Outlet(
    slug="dated",
    name="Dated",
    homepage="https://dated.example.org/",
    domain="dated.example.org",
    article_patterns=(r"^/\d{4}/\d{2}/\d{2}/[^/]+",),
)
LOCAL = Outlet(slug="ledger", name="Ledger", homepage="http://127.0.0.1:8001/", domain="127.0.0.1:8001")
TODAY = dt.date(2026, 2, 1)

# -- classify_link ----------------------------------------------------------------------------

ARTICLES = [
    "https://www.example.com/2026/01/27/tech-workers-letter/",
    "https://www.example.com/2026/01/27/letter",
    "https://example.com/news/2026-01-27-tech-workers-letter",
    "https://example.com/news/20260127/letter",
    "https://example.com/2026/01/ice-cream-shop-opens-northeast.html",
    "https://example.com/tech-workers-sign-letter-against-ice",  # long slug, one segment
    "https://example.com/news/tech_workers_sign_open_letter",
    "https://example.com/news/world-us-canada-68012345",  # numeric id
    "https://example.com/story/1234567",
    "https://example.com/noticias/visitas-centro-detencion.html",  # .html with a slug
    "https://example.com/politics/congress/budget-vote",  # three segments ending in a slug
    "https://example.com/?p=123",  # WordPress short link
    "https://news.example.com/world/europe/long-story-about-something-here",  # subdomain
    "https://www.example.com/2026/01/27/letter#comments-section",  # fragment ignored
]

LISTINGS = [
    "https://www.example.com/",
    "https://example.com",
    "https://example.com/section/nation/",
    "https://example.com/tag/immigration",
    "https://example.com/topics/ice/",
    "https://example.com/category/tech/page/2/",
    "https://example.com/author/jane-doe/",
    "https://example.com/archive/2026/01",
    "https://example.com/2026/01/",  # a month archive
    "https://example.com/2026/01/27/",  # a day archive
    "https://example.com/search?q=ice",
    "https://example.com/?s=ice",
    "https://example.com/news/?page=2",
    "https://example.com/news/page/3/",
    "https://example.com/news/",
    "https://example.com/noticias",
    "https://example.com/us/politics",
    "https://example.com/real-estate/",
    "https://example.com/news/world/europe",
    "https://example.com/news/index.html",
    "https://example.com/hub/immigration",
]

OTHERS = [
    "https://elsewhere.com/2026/01/27/tech-workers-letter/",  # another site
    "https://example.com.evil.net/2026/01/27/story",
    "ftp://example.com/2026/01/27/story",
    "mailto:tips@example.com",
    "javascript:void(0)",
    "tel:+15551234567",
    "#main",
    "",
    "/2026/01/27/relative-link-not-resolved",
    "https://example.com/media/iceout-letter-summary.pdf",
    "https://example.com/images/photo-of-the-protest-2026.jpg",
    "https://example.com/static/app.js",
    "https://example.com/css/site.css",
    "https://example.com/feed/",
    "https://example.com/rss",
    "https://example.com/feed.rss",
    "https://example.com/category/tech/feed/",
    "https://example.com/sitemap.xml",
    "https://example.com/sitemap_index.xml",
    "https://example.com/login",
    "https://example.com/account/settings",
    "https://example.com/subscribe?ref=nav",
    "https://example.com/wp-login.php",
    "https://example.com/2026/01/27/tech-workers-letter/comments/",
    "https://example.com/2026/01/27/tech-workers-letter/comment-page-2/",
    "https://example.com/2026/01/27/tech-workers-letter/print/",
    "https://example.com/2026/01/27/tech-workers-letter/?share=facebook",
    "https://example.com/newsletters/",  # a newsletter's sign-up pages, not its issues
    "https://example.com/newsletters/signup",
    "https://example.com/newsletters/morning-tech/",
    "https://example.com/newsletter/archive/2026/01/",
    "https://example.com/2026/01/27/tech-workers-letter/?replytocom=55",
    "https://example.com/share/twitter",
    "https://example.com/about-us",
    "https://example.com/contact",
    "https://example.com/privacy-policy/",
    "https://example.com/?feed=rss2",
]


@pytest.mark.parametrize("url", ARTICLES)
def test_articles_without_patterns(url: str) -> None:
    assert classify_link(url, PLAIN) == "article"


@pytest.mark.parametrize("url", LISTINGS)
def test_listings_without_patterns(url: str) -> None:
    assert classify_link(url, PLAIN) == "listing"


@pytest.mark.parametrize("url", OTHERS)
def test_others(url: str) -> None:
    assert classify_link(url, PLAIN) == "other"


def test_a_newsletters_dated_issue_is_an_article() -> None:
    # outlets file issues under /newsletters/<name>/<date>/<slug>; the sign-up pages stay other
    url = "https://example.com/newsletters/morning-tech/2026/01/22/the-letter-goes-to-the-hill-00711873"
    assert classify_link(url, PLAIN) == "article"
    assert classify_link("https://example.com/newsletter/2026-01-22-the-brief", PLAIN) == "article"


def test_ambiguous_url_uses_anchor_text() -> None:
    # Two short segments read as a section (/us/real-estate) unless the anchor is a headline.
    url = "https://example.com/news/budget-vote"
    headline = "Congress passes the budget after a long night"
    assert classify_link(url, PLAIN) == "listing"
    assert classify_link(url, PLAIN, anchor_text="Budget vote") == "listing"
    assert classify_link(url, PLAIN, anchor_text=headline) == "article"
    url = "https://example.com/members/budget-vote-x1"
    assert classify_link(url, PLAIN) == "other"
    assert classify_link(url, PLAIN, anchor_text=headline) == "article"


def test_anchor_text_can_make_listing_or_other() -> None:
    assert (
        classify_link("https://example.com/x/y/z/abc?offset=20", PLAIN, anchor_text="Older posts »")
        == "listing"
    )
    assert classify_link("https://example.com/x?offset=20", PLAIN, anchor_text="  Next  ") == "listing"
    assert classify_link("https://example.com/members/start-here", PLAIN, anchor_text="Log in") == "other"
    assert (
        classify_link("https://example.com/a/b/subscriber-offer-now", PLAIN, anchor_text="Subscribe")
        == "other"
    )


def test_listing_segment_deep_inside_is_article() -> None:
    # /tag/ followed by more than two segments is not a tag page any more.
    assert classify_link("https://example.com/tag/x/2026/01/27/story-here", PLAIN) == "article"


def test_index_html_and_dotted_slug() -> None:
    assert classify_link("https://example.com/2026/01/27/letter/index.html", PLAIN) == "article"
    assert classify_link("https://example.com/blog/release-notes-v2.0-are-out", PLAIN) == "article"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://dated.example.org/2026/01/27/letter", "article"),
        ("https://dated.example.org/2026/01/27/letter.html", "article"),
        # patterns decide: a long slug that does not match is not an article
        ("https://dated.example.org/news/tech-workers-sign-open-letter-today", "other"),
        ("https://dated.example.org/story/1234567", "other"),
        # non-matching listings are still listings
        ("https://dated.example.org/", "listing"),
        ("https://dated.example.org/section/tech/", "listing"),
        ("https://dated.example.org/2026/01/27/", "listing"),
        ("https://dated.example.org/news/", "listing"),
        ("https://dated.example.org/news/page/2/", "listing"),
        ("https://dated.example.org/x/y?page=3", "listing"),
        # the other-checks come before the patterns
        ("https://dated.example.org/2026/01/27/letter/feed/", "other"),
        ("https://dated.example.org/2026/01/27/photo.jpg", "other"),
        ("https://dated.example.org/2026/01/27/letter/print", "other"),
        ("https://example.com/2026/01/27/letter", "other"),
    ],
)
def test_outlet_with_article_patterns(url: str, kind: str) -> None:
    assert classify_link(url, PATTERNED) == kind


def test_pattern_matching_query_counts() -> None:
    outlet = Outlet(
        slug="q",
        name="Q",
        homepage="https://q.example/",
        domain="q.example",
        article_patterns=(r"\?id=\d+$",),
    )
    assert classify_link("https://q.example/article.php?id=123", outlet) == "article"
    assert classify_link("https://q.example/list.php", outlet) == "other"


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("http://127.0.0.1:8001/2026/01/27/tech-workers-letter.html", "article"),
        ("http://127.0.0.1:8001/section/technology/", "listing"),
        ("http://127.0.0.1:8001/", "listing"),
        ("http://127.0.0.1:8001/feed.rss", "other"),
        # another port is another outlet of the fixture web
        ("http://127.0.0.1:8002/2026/01/27/tech-workers-letter.html", "other"),
        ("http://127.0.0.1/2026/01/27/tech-workers-letter.html", "other"),
    ],
)
def test_ports(url: str, kind: str) -> None:
    assert classify_link(url, LOCAL) == kind


def test_malformed_urls_are_other() -> None:
    assert classify_link("http://example.com:99999/2026/01/27/story", PLAIN) == "other"
    assert classify_link("http://[::1/story", PLAIN) == "other"
    assert classify_link("   ", PLAIN) == "other"


# -- pagination_links -------------------------------------------------------------------------

LISTING_URL = "https://example.com/section/tech/"


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_rel_next_link_and_anchor() -> None:
    html = page('<a rel="next" href="/section/tech/page/2/">2</a>', '<link rel="next" href="?page=2">')
    assert pagination_links(html, LISTING_URL) == [
        "https://example.com/section/tech/?page=2",
        "https://example.com/section/tech/page/2/",
    ]


def test_rel_with_several_tokens() -> None:
    html = page('<a rel="nofollow next" href="/p2">more</a>')
    assert pagination_links(html, LISTING_URL) == ["https://example.com/p2"]


@pytest.mark.parametrize(
    "text",
    [
        "Next",
        "next page",
        "Next ›",
        "Older posts",
        "Older Entries »",
        "More",
        "Load more",
        "Siguiente",
        "Página siguiente",
        "Weiter",
        "›",
        "»",
        "→",
        " Next&nbsp;» ",
    ],
)
def test_next_anchor_texts(text: str) -> None:
    html = page(f'<a href="/section/tech/?offset=20">{text}</a><a href="/other">Other</a>')
    assert pagination_links(html, LISTING_URL) == ["https://example.com/section/tech/?offset=20"]


@pytest.mark.parametrize("text", ["Previous", "« Newer posts", "«", "Home", "Technology"])
def test_not_next_anchor_texts(text: str) -> None:
    html = page(f'<a href="/section/tech/?offset=0">{text}</a>')
    assert pagination_links(html, LISTING_URL) == []


def test_class_and_aria_label() -> None:
    html = page(
        '<a class="btn nav-next" href="/s/n1"><span class="icon"></span></a>'
        '<a aria-label="Next page" href="/s/n2"><svg></svg></a>'
        '<a class="pagination__link" href="/s/n3">x</a>'
        '<a class="pagination__prev" href="/s/p">Prev</a>'
    )
    assert pagination_links(html, LISTING_URL) == [
        "https://example.com/s/n1",
        "https://example.com/s/n2",
        "https://example.com/s/n3",
    ]


def test_pagination_container_numbers() -> None:
    url = "https://example.com/news/page/3/"
    html = page(
        '<nav class="pagination"><ul>'
        '<li><a href="/news/page/2/">2</a></li><li><a href="/news/page/3/">3</a></li>'
        '<li><a href="/news/page/4/">4</a></li><li><a href="/news/page/5/">5</a></li>'
        '<li><a rel="prev" href="/news/page/2/">Previous</a></li></ul></nav>'
    )
    assert pagination_links(html, url) == [
        "https://example.com/news/page/4/",
        "https://example.com/news/page/5/",
    ]


def test_page_plus_one_patterns() -> None:
    html = page(
        '<a href="/news?page=3">3</a><a href="/news?page=4">4</a><a href="/news?page=1">1</a>'
        '<a href="/news?page=3&amp;utm_source=x">dup</a>'
    )
    assert pagination_links(html, "https://example.com/news?page=2") == ["https://example.com/news?page=3"]
    html = page('<a href="/news/page/2/">2</a><a href="/news/page/3/">3</a>')
    assert pagination_links(html, "https://example.com/news/") == ["https://example.com/news/page/2/"]
    html = page('<a href="/news/page/3">3</a>')
    assert pagination_links(html, "https://example.com/news/page/2") == ["https://example.com/news/page/3"]
    html = page('<a href="/news?cat=x&amp;paged=2">2</a>')
    assert pagination_links(html, "https://example.com/news?cat=x") == [
        "https://example.com/news?cat=x&paged=2"
    ]


def test_same_host_absolute_deduplicated() -> None:
    html = page(
        '<link rel="next" href="https://example.com/news?page=2#top">'
        '<a rel="next" href="/news?page=2">Next</a>'
        '<a rel="next" href="https://other.com/news?page=2">Next</a>'
        '<a rel="next" href="https://www.example.com/news?page=2">Next</a>'
        '<a href="javascript:void(0)">Next</a><a href="#">Next</a><a href="mailto:x@example.com">Next</a>'
        '<a rel="next" href="/news">Next</a>'
    )
    assert pagination_links(html, "https://example.com/news") == ["https://example.com/news?page=2"]


def test_base_href_and_ports() -> None:
    html = page('<a rel="next" href="page/2/">Next</a>', '<base href="http://127.0.0.1:8001/news/">')
    assert pagination_links(html, "http://127.0.0.1:8001/news/") == ["http://127.0.0.1:8001/news/page/2/"]
    html = page('<a rel="next" href="http://127.0.0.1:8002/news/page/2/">Next</a>')
    assert pagination_links(html, "http://127.0.0.1:8001/news/") == []


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "not html at all", "<?xml version='1.0'?><a/>"])
def test_empty_or_odd_html(html: str) -> None:
    assert pagination_links(html, LISTING_URL) == []


# -- is_crawl_trap ----------------------------------------------------------------------------

SAFE = [
    "https://example.com/2026/01/27/tech-workers-letter/",
    "https://example.com/section/tech/?page=2",
    "https://example.com/news/page/3/",
    "https://example.com/search?q=ice&page=2",
    "https://example.com/product/1234/",  # four digits without a month is no date
    "https://example.com/1999/05/old-story",
    "https://example.com/2027/01/",  # next year is allowed
    "https://example.com/events/tech-meetup-minneapolis",
    "https://example.com/a/b/c/d/e/f/g/h/i/j",  # depth 10
    "https://example.com/2026/01/01/new-year",  # 01/01 is not a repeated segment
    "https://example.com/news/news-roundup",
    "https://example.com/story?id=1&a=2&b=3",
]


@pytest.mark.parametrize("url", SAFE)
def test_not_traps(url: str) -> None:
    assert is_crawl_trap(url, today=TODAY) is None


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("https://example.com/calendar/2026/01/", "calendar"),
        ("https://example.com/events/calendar", "calendar"),
        ("https://example.com/events/2026/03/", "event calendar"),
        ("https://example.com/archive?date=2026-01-27", "calendar parameter date="),
        ("https://example.com/news?month=1&year=2026", "calendar parameter"),
        ("https://example.com/1970/01/", "year outside 1995..2027"),
        ("https://example.com/2099/12/31/", "year outside"),
        ("https://example.com/archive/2031-05", "year outside"),
        ("https://example.com/a/b/a/b/", "repeated path segments /a/b/a/b/"),
        ("https://example.com/news/x/news/y/news/", "'news' repeated 3 times"),
        ("https://example.com/a/b/c/d/e/f/g/h/i/j/k", "path depth 11 > 10"),
        ("https://example.com/shop?color=red&size=m&brand=x&fit=y", "4 query parameters > 3"),
        ("https://example.com/news?sort=newest", "sort/filter parameter sort="),
        ("https://example.com/news?order=asc", "order="),
        ("https://example.com/news?filter=video", "filter="),
        ("https://example.com/news?view=grid", "view="),
        ("https://example.com/news?facet=type", "facet="),
        ("https://example.com/news?sid=abc123", "session id parameter sid="),
        ("https://example.com/news?PHPSESSID=abc", "session id"),
        ("https://example.com/news;jsessionid=ABC123?x=1", "session id in the path"),
        ("https://example.com/news?jsessionid=ABC", "session id"),
    ],
)
def test_traps(url: str, reason: str) -> None:
    found = is_crawl_trap(url, today=TODAY)
    assert found is not None and reason in found


def test_trap_limits_are_configurable() -> None:
    url = "https://example.com/a/b/c/d?w=1&x=2"
    assert is_crawl_trap(url, max_query_params=1) is not None
    assert is_crawl_trap(url, max_path_depth=3) == "path depth 4 > 3"
    assert is_crawl_trap(url) is None


def test_trap_default_today() -> None:
    next_year = dt.date.today().year + 1
    assert is_crawl_trap(f"https://example.com/{next_year}/01/") is None
    assert is_crawl_trap(f"https://example.com/{next_year + 1}/01/") is not None
