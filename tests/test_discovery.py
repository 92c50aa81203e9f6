"""Feed and sitemap reading, on the real feeds and sitemaps in ../shared/corpora and small fixtures."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newscrawl.discover.feeds import (
    DiscoveryError,
    announced_feeds,
    parse_feed,
    parse_sitemap,
    robots_sitemaps,
)

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
needs_corpora = pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora not present")


@needs_corpora
@pytest.mark.parametrize(
    ("name", "count"),
    [("guardian.rss", 55), ("heise.atom", 15), ("rss-1.rss", 69), ("encoding.rss", 40),
     ("uolNoticias.rss", 15), ("npr-technology.json", 25)],
)
def test_real_feeds(name: str, count: int) -> None:
    links = parse_feed((CORPORA / "feeds" / name).read_bytes(), "https://example.org/")
    assert len(links) == count
    assert all(link.url.startswith("http") for link in links)
    assert all(link.date_hints for link in links)
    assert {hint.source for link in links for hint in link.date_hints} == {"feed"}


@needs_corpora
@pytest.mark.parametrize(
    ("name", "count"),
    [("sitemaps.org-sitemap.xml", 84), ("hebdenbridgetimes-articles-sitemap.xml", 74),
     ("shinpaideshou-news-sitemap.xml", 3)],
)
def test_real_sitemaps(name: str, count: int) -> None:
    sitemap = parse_sitemap((CORPORA / "sitemaps" / name).read_bytes(), "https://example.org/")
    assert sitemap.kind == "urlset"
    assert len(sitemap.links) == count


@needs_corpora
def test_google_news_sitemap_gives_publication_date_and_title() -> None:
    body = (CORPORA / "sitemaps" / "shinpaideshou-news-sitemap.xml").read_bytes()
    link = parse_sitemap(body, "https://example.org/").links[0]
    assert link.title
    assert [h.kind for h in link.date_hints if h.source == "sitemap"][0] == "published"


INDEX = b"""<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://n.example/news.xml</loc><lastmod>2026-01-28</lastmod></sitemap>
  <sitemap><loc>/posts.xml.gz</loc></sitemap>
</sitemapindex>"""


def test_sitemap_index_and_relative_locs() -> None:
    sitemap = parse_sitemap(INDEX, "https://n.example/sitemap_index.xml")
    assert sitemap.kind == "index"
    assert [link.url for link in sitemap.links] == [
        "https://n.example/news.xml", "https://n.example/posts.xml.gz"]


def test_gzipped_and_text_sitemaps() -> None:
    urlset = b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://n.example/a</loc></url></urlset>'
    assert parse_sitemap(gzip.compress(urlset), "https://n.example/").links[0].url == "https://n.example/a"
    text = b"https://n.example/a\nhttps://n.example/b\n\n"
    assert len(parse_sitemap(text, "https://n.example/").links) == 2


@pytest.mark.parametrize("body", [b"", b"<html><body>nope</body></html>", b"\x1f\x8bnot gzip", b"just words"])
def test_broken_sitemaps_raise(body: bytes) -> None:
    with pytest.raises(DiscoveryError):
        parse_sitemap(body, "https://n.example/")


def test_broken_feed_raises() -> None:
    with pytest.raises(DiscoveryError):
        parse_feed(b"<html><body>not a feed</body></html>", "https://n.example/")
    with pytest.raises(DiscoveryError):
        parse_feed(b"{not json", "https://n.example/", "application/feed+json")



@pytest.mark.parametrize(("body", "content_type", "reason"), [
    (b"", None, "empty feed (the server sent no content)"),
    (b"  \r\n ", "application/rss+xml", "empty feed (the server sent no content)"),
    (b"<!DOCTYPE html><html><body>Moved</body></html>", "text/html",
     "not a readable feed: an HTML page, not a feed"),
    (b'<rss version="2.0"><channel><item><title>cut', None, "not a readable feed: broken XML: "),
    (b"<catalog><book/></catalog>", "application/xml",
     "not a readable feed: no RSS, Atom or JSON Feed in it"),
    (b"\x00\x01\x02\xff binary", None, "not a readable feed: broken XML: "),
    (b'{"items": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", None, "not a JSON Feed: nested too deeply"),
])
def test_an_empty_or_malformed_feed_raises_discovery_error_naming_the_cause(
    body: bytes, content_type: str | None, reason: str
) -> None:
    with pytest.raises(DiscoveryError) as raised:
        parse_feed(body, "https://n.example/feed", content_type)
    assert str(raised.value).startswith(reason)
    assert str(raised.value) != reason or not reason.endswith(": ")


def test_links_that_cannot_be_resolved_are_skipped_not_fatal() -> None:
    body = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            b"<url><loc>http://[broken/a</loc></url><url><loc>/b</loc></url></urlset>")
    assert [link.url for link in parse_sitemap(body, "https://n.example/").links] == ["https://n.example/b"]
    feed = b'{"items": [{"url": "http://[broken/a"}, {"url": "/b"}]}'
    assert [link.url for link in parse_feed(feed, "https://n.example/feed.json")] == ["https://n.example/b"]


def test_robots_sitemaps_are_resolved_against_the_robots_txt_kept_once_and_http_only() -> None:
    named = [" /sitemap.xml", "https://cdn.test/s.xml.gz", "/sitemap.xml", "ftp://x.test/s.xml", "http://[broken"]
    assert robots_sitemaps(named, "https://news.test:8443/robots.txt") == [
        "https://news.test:8443/sitemap.xml", "https://cdn.test/s.xml.gz"]


def test_announced_feeds_are_the_feed_typed_alternates_resolved_against_the_base() -> None:
    html = """<html><head><base href="https://news.test/en/">
    <link rel="alternate" type="application/rss+xml" href="feed/">
    <LINK REL="Alternate home" TYPE="application/atom+xml; charset=utf-8" HREF="/atom.xml">
    <link rel="alternate" type="application/json" href="/wp-json/wp/v2/posts/1">
    <link rel="stylesheet" type="application/rss+xml" href="/not-alternate.xml">
    <link rel="alternate" type="application/rss+xml" href="feed/">
    <link rel="alternate" type="application/feed+json" href="javascript:void(0)">
    <link rel="alternate" type="application/rss+xml" title="Comments" href="/comments/feed/">
    </head><body></body></html>"""
    assert announced_feeds(html, "https://news.test/page") == ["https://news.test/en/feed/",
                                                                "https://news.test/atom.xml"]
    assert announced_feeds("", "https://news.test/") == []
    assert announced_feeds(b"\x00\x01 not html", "https://news.test/") == []
