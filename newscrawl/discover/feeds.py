"""Read feeds and sitemaps into article links with their date hints (no Scrapy, no network).

Feeds: RSS 0.9x/1.0/2.0 and Atom through feedparser, JSON Feed 1.0/1.1 directly.
Sitemaps: ``urlset`` and ``sitemapindex`` (plain or gzipped), Google News sitemaps
(``news:publication_date``, ``news:title``) and plain-text sitemaps (one URL per line).
Where an outlet's own site names them: the ``Sitemap:`` lines of a robots.txt
(:func:`robots_sitemaps`) and the feeds a page announces (:func:`announced_feeds`).
"""

from __future__ import annotations

import gzip
import json
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from xml.sax import SAXParseException

import feedparser
from lxml import etree

from newscrawl.discover.links import page_document
from newscrawl.items import DateHint

MAX_DECOMPRESSED = 50 * 1024 * 1024  # the sitemap protocol's own limit


class DiscoveryError(ValueError):
    """A feed or sitemap that cannot be read."""


@dataclass(frozen=True, slots=True)
class DiscoveredLink:
    """A URL found in a feed or sitemap, with the dates and title given next to it.

    Slotted: a sitemap's thousands of links are all held at once (about 100 bytes less each)."""

    url: str
    title: str | None = None
    date_hints: tuple[DateHint, ...] = field(default_factory=tuple)


@dataclass
class Sitemap:
    """A parsed sitemap: ``kind`` is ``index`` (links are sitemaps) or ``urlset``."""

    kind: str
    links: list[DiscoveredLink]


def _is_http(url: str) -> bool:
    return url.startswith(("http://", "https://"))


def _absolute(base_url: str, url: str) -> str | None:
    """``url`` resolved against ``base_url``; None for one that cannot be (``http://[bad``)."""
    try:
        return urljoin(base_url, url.strip())
    except ValueError:
        return None


def maybe_gunzip(body: bytes) -> bytes:
    """Decompress a gzipped body (``.xml.gz`` sitemaps), refusing more than 50 MB."""
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        decompressor = zlib.decompressobj(16 + zlib.MAX_WBITS)
        data = decompressor.decompress(body, MAX_DECOMPRESSED)
        if decompressor.unconsumed_tail:
            raise DiscoveryError("gzipped body expands beyond 50 MB")
        return data
    except (zlib.error, gzip.BadGzipFile, EOFError) as exc:
        raise DiscoveryError(f"broken gzip data: {exc}") from None


def _is_json_feed(body: bytes, content_type: str | None) -> bool:
    if content_type and "json" in content_type.lower():
        return True
    return body.lstrip()[:1] == b"{"


def _parse_json_feed(body: bytes, base_url: str) -> list[DiscoveredLink]:
    try:
        data = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DiscoveryError(f"not a JSON Feed: {exc}") from None
    except RecursionError:
        raise DiscoveryError("not a JSON Feed: nested too deeply") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise DiscoveryError("not a JSON Feed: no 'items' list")
    links = []
    for item in data["items"]:
        if not isinstance(item, dict):
            continue
        url = item.get("url") or item.get("external_url")
        if not isinstance(url, str):
            continue
        hints = []
        if isinstance(item.get("date_published"), str):
            hints.append(DateHint(item["date_published"], "feed", "published"))
        if isinstance(item.get("date_modified"), str):
            hints.append(DateHint(item["date_modified"], "feed", "modified"))
        title = item.get("title") if isinstance(item.get("title"), str) else None
        absolute = _absolute(base_url, url)
        if absolute:
            links.append(DiscoveredLink(absolute, title, tuple(hints)))
    return links


def _feed_problem(body: bytes, parsed: feedparser.FeedParserDict) -> str:
    """Why feedparser found no feed in ``body``, in words."""
    head = body.lstrip()[:200].lower()
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "an HTML page, not a feed"
    problem = parsed.get("bozo_exception")
    if isinstance(problem, SAXParseException):  # "<unknown>:2:0: unclosed token"
        return f"broken XML: {problem.getMessage()}"
    if not parsed.get("version") or problem is None:
        return "no RSS, Atom or JSON Feed in it"
    return f"{type(problem).__name__}: {problem}"


def parse_feed(body: bytes, base_url: str, content_type: str | None = None) -> list[DiscoveredLink]:
    """Article links of an RSS, Atom or JSON feed, with published/updated dates as hints.

    Raises :class:`DiscoveryError` naming the cause for anything that is not a readable feed
    (an empty body, an HTML page, broken XML or JSON), never another exception.
    """
    if not body.strip():
        raise DiscoveryError("empty feed (the server sent no content)")
    if _is_json_feed(body, content_type):
        return _parse_json_feed(body, base_url)
    try:
        parsed = feedparser.parse(body, response_headers={"content-location": base_url})
    except Exception as exc:  # feedparser is lenient, but a hostile body must not escape
        raise DiscoveryError(f"not a readable feed: {type(exc).__name__}: {exc}"[:300]) from None
    links = []
    for entry in parsed.entries:
        url = entry.get("link") or ""
        if not url:
            for alt in entry.get("links", []):
                if alt.get("rel", "alternate") == "alternate" and alt.get("href"):
                    url = alt["href"]
                    break
        if not url:
            continue
        hints = []
        for key, kind in (("published", "published"), ("created", "published"), ("updated", "modified")):
            value = dict.get(entry, key)  # plain lookup: no feedparser updated->published alias
            if value:
                hints.append(DateHint(str(value), "feed", kind))
        absolute = _absolute(base_url, url)
        if absolute:
            links.append(DiscoveredLink(absolute, entry.get("title"), tuple(hints)))
    if not links and (parsed.get("bozo") or not parsed.get("version")):
        raise DiscoveryError(f"not a readable feed: {_feed_problem(body, parsed)}")
    return links


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_sitemap(body: bytes, base_url: str) -> Sitemap:
    """Parse a sitemap or sitemap index (XML, gzipped XML or plain text)."""
    body = maybe_gunzip(body)
    stripped = body.lstrip()
    if not stripped:
        raise DiscoveryError("empty sitemap")
    if not stripped.startswith(b"<"):
        lines = body.decode("utf-8", "replace").splitlines()
        urls = [line.strip() for line in lines if _is_http(line.strip())]
        if not urls:
            raise DiscoveryError("neither XML nor a list of URLs")
        return Sitemap("urlset", [DiscoveredLink(u) for u in urls])
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise DiscoveryError(f"broken XML: {exc}") from None
    if root is None:
        raise DiscoveryError("broken XML: no root element")
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise DiscoveryError(f"not a sitemap: root element <{kind}>")
    child_name = "url" if kind == "urlset" else "sitemap"
    links = []
    for entry in root:
        if _local(entry.tag) != child_name:
            continue
        loc = None
        for child in entry:
            if _local(child.tag) == "loc" and child.text:
                loc = child.text.strip()
                break
        if not loc:
            continue
        hints = []
        news = next((c for c in entry if _local(c.tag) == "news"), None)
        news_date = _child_text(news, "publication_date") if news is not None else None
        if news_date:
            hints.append(DateHint(news_date, "sitemap", "published"))
        lastmod = None
        for child in entry:
            if _local(child.tag) == "lastmod" and child.text:
                lastmod = child.text.strip()
        if lastmod:
            hints.append(DateHint(lastmod, "sitemap", "modified"))
        title = _child_text(news, "title") if news is not None else None
        absolute = _absolute(base_url, loc)
        if absolute:
            links.append(DiscoveredLink(absolute, title, tuple(hints)))
    return Sitemap("index" if kind == "sitemapindex" else "urlset", links)



def robots_txt_url(url: str) -> str:
    """The address of the robots.txt of ``url``'s origin."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/robots.txt"


def robots_sitemaps(named: Iterable[str], robots_url: str) -> list[str]:
    """The sitemaps a robots.txt names: its ``Sitemap:`` lines as protego reads them
    (``Protego.sitemaps``), resolved against the robots.txt's address as Scrapy's
    ``sitemap_urls_from_robots`` does; http(s) only, each once, in the file's order."""
    found: list[str] = []
    for value in named:
        url = _absolute(robots_url, value)
        if url and _is_http(url) and url not in found:
            found.append(url)
    return found


# Most feeds taken per outlet from what its pages announce (a site announces a feed per
# section or tag; the first ones are its main feeds; comment feeds are left out): the crawl's
# limit, and the one `newscrawl sources check` reports with.
MAX_ANNOUNCED_FEEDS = 5
# The types of <link rel="alternate"> that announce a feed newscrawl reads (parse_feed). Not
# plain application/json: WordPress announces its REST API's record of the page with it.
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/feed+json",
                        "application/rdf+xml"})


def announced_feeds(html: str | bytes, page_url: str) -> list[str]:
    """The feeds a page announces: the ``href`` of each ``<link rel="alternate">`` whose
    ``type`` is a feed's (RSS, Atom, JSON Feed), resolved against the page (and its
    ``<base href>``); http(s) only, each once, in document order; comment feeds left out
    (a path with ``comments``, as trafilatura's ``determine_feed`` does: WordPress announces
    ``/comments/feed/`` beside the site's feed). Any number: the caller keeps those on the
    outlet's domains and caps them."""
    page = page_document(html, page_url)
    if page is None:
        return []
    doc, base = page
    found: list[str] = []
    for link in doc.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        href = (link.get("href") or "").strip()
        if "alternate" not in rel or kind not in FEED_TYPES or not href:
            continue
        url = _absolute(base, href)
        if url and _is_http(url) and url not in found and "comments" not in urlsplit(url).path.lower():
            found.append(url)
    return found
