"""Links found on listing pages: article, listing or other; pagination; crawl traps (no Scrapy).

For a crawler that starts at an outlet's ``start_pages`` (sections, tags, archives) and
follows links to a depth and a page budget:

- :func:`classify_link` says whether a link is an article candidate (fetch it and let the
  pipelines judge), another listing (walk it for more links) or neither (skip it);
- :func:`pagination_links` finds the next page(s) of a listing;
- :func:`is_crawl_trap` names URLs that would never end (calendars, facets, session ids).

The URL lists shared with :func:`newscrawl.extract.urls.is_probably_article_url` are imported from
:mod:`newscrawl.extract.urls`, not repeated. Described in ``docs/discovery.md``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import posixpath
import re
from collections.abc import Iterator
from typing import Literal
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit

import lxml.html
from lxml import etree

from newscrawl.config import Outlet
from newscrawl.extract.urls import (
    ASSET_EXTENSIONS,
    LISTING_QUERY_KEYS,
    LISTING_SEGMENTS,
    NON_ARTICLE_SEGMENTS,
    PAGE_SEGMENT_RE,
    clean_url,
    is_newsletter_issue,
)

__all__ = ["LinkKind", "classify_link", "is_crawl_trap", "is_listing_address", "page_document", "page_links",
           "pagination_links"]

LinkKind = Literal["article", "listing", "other"]

# fmt: off
# Listing segments beyond urls.LISTING_SEGMENTS (same rule: followed by at most two more).
LINK_LISTING_SEGMENTS = LISTING_SEGMENTS | frozenset(
    {"archive", "archives", "hub", "hubs", "label", "labels", "series", "columnists", "latest"}
)
# Never worth following, wherever they appear in the path (besides NON_ARTICLE_SEGMENTS).
UTILITY_SEGMENTS = NON_ARTICLE_SEGMENTS | frozenset(
    {
        "account", "accounts", "my-account", "myaccount", "log-in", "logout", "log-out", "sign-in",
        "signout", "sign-out", "signup", "sign-up", "register", "registration", "subscription",
        "subscriptions", "newsletter", "share", "sharer", "print", "comment", "comments", "cart",
        "checkout", "password", "auth", "oauth", "sso", "wp-login", "sitemap", "sitemaps",
        "embed", "oembed", "atom",
    }
)
# Site furniture: skipped when it is the first segment of a path of at most two segments.
FURNITURE_SEGMENTS = frozenset(
    {
        "about", "about-us", "contact", "contact-us", "privacy", "privacy-policy", "terms",
        "terms-of-service", "terms-of-use", "cookies", "cookie-policy", "careers", "jobs",
        "advertise", "advertising", "help", "faq", "faqs", "accessibility", "donate", "legal",
        "impressum", "imprint", "datenschutz", "aviso-legal", "privacidad", "contacto",
    }
)
UTILITY_QUERY_KEYS = frozenset(
    {"share", "print", "replytocom", "login", "logout", "subscribe", "feed", "comments"}
)
UTILITY_ANCHORS = frozenset(
    {
        "log in", "login", "sign in", "sign up", "signup", "register", "subscribe", "subscribe now",
        "share", "print", "comments", "comment", "donate", "my account", "account",
        "iniciar sesión", "suscríbete", "anmelden", "abonnieren",
    }
)
NEXT_ANCHORS = frozenset(
    {
        "next", "next page", "next posts", "older", "older posts", "older entries",
        "older articles", "older stories", "more", "more stories", "more articles", "more news",
        "load more", "show more", "see more", "view more", "siguiente", "siguientes",
        "página siguiente", "pagina siguiente", "más", "ver más", "cargar más", "weiter",
        "nächste", "nächste seite", "mehr", "mehr laden", "suivant", "suivante",
        "page suivante", "próxima", "seguinte", "volgende",
    }
)
# fmt: on
ARROWS = "›»→>⟩❯▶"
PAGE_QUERY_KEYS = ("page", "paged", "pg", "pagina", "seite")  # not WordPress ?p=ID
_PAGE_PATH_RE = re.compile(r"/(page|seite|pagina)/(\d+)/?$", re.IGNORECASE)
_INDEX_RE = re.compile(r"^(?:index|default)\.(?:html?|php|aspx?|shtml)$", re.IGNORECASE)
_COMMENT_PAGE_RE = re.compile(r"^comment-page-\d+$", re.IGNORECASE)
# A date in the path: /2026/01/27/, /2026/01/slug, /2026-01-27-slug, /20260127/.
_DATE_IN_PATH_RE = re.compile(
    r"/(?:19|20)\d{2}(?:/[01]?\d/(?:[0-3]?\d/)?|-[01]\d-[0-3]\d(?:[-/_.]|$)|[01]\d[0-3]\d(?:[/_-]|$))"
)
_DATE_ONLY_RE = re.compile(r"^/(?:19|20)\d{2}(?:/[01]?\d(?:/[0-3]?\d)?)?/?$")
_WORD_SPLIT_RE = re.compile(r"[-_+]+")
_LONG_ID_RE = re.compile(r"\d{5,}")
_WORD_RE = re.compile(r"^[^\W\d_]+$")
_SPACE_RE = re.compile(r"\s+")


# -- classify_link ----------------------------------------------------------------------------



def page_document(html: str | bytes, url: str) -> tuple[lxml.html.HtmlElement, str] | None:
    """A page's document and the address its links resolve against (its ``<base href>``, else
    ``url``); None for an empty or unparsable page."""
    if not html or not html.strip():
        return None
    try:
        doc = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    base = url
    for href in doc.xpath("//base/@href")[:1]:
        with contextlib.suppress(ValueError):  # one that cannot be resolved: the page's own
            base = urljoin(url, href.strip())
    return doc, base

def _words(segment: str) -> list[str]:
    return [w for w in _WORD_SPLIT_RE.split(segment) if w]


def _is_slug(stem: str, min_words: int = 2) -> bool:
    words = _words(stem)
    return len(words) >= min_words and any(any(c.isalpha() for c in w) for w in words)


def _norm_text(text: str | None) -> str:
    return _SPACE_RE.sub(" ", (text or "").strip(ARROWS + " \t\r\n«‹←<").lower()).strip()


def _segments(path: str) -> list[str]:
    segments = [s for s in unquote(path).split("/") if s]
    if segments and _INDEX_RE.match(segments[-1]):
        segments.pop()  # /news/index.html is the /news/ directory
    return segments


def _query_keys(query: str) -> set[str]:
    return {k.strip().lower() for k, _ in parse_qsl(query, keep_blank_values=True)}


def _is_other(url: str, outlet: Outlet) -> bool:
    """True for links a listing crawl never follows (off-site, assets, accounts, furniture)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return True
    if parts.scheme.lower() not in ("http", "https") or not outlet.owns_url(url):
        return True
    segments = [s.lower() for s in _segments(parts.path)]
    if segments:
        ext = posixpath.splitext(segments[-1])[1].lstrip(".")
        if ext in ASSET_EXTENSIONS:
            return True
    for i, seg in enumerate(segments):
        stem = posixpath.splitext(seg)[0]
        if (seg in UTILITY_SEGMENTS or stem in UTILITY_SEGMENTS) and not is_newsletter_issue(segments, i):
            return True
        if _COMMENT_PAGE_RE.match(seg):
            return True
    if segments and len(segments) <= 2 and posixpath.splitext(segments[0])[0] in FURNITURE_SEGMENTS:
        return True
    return bool(_query_keys(parts.query) & UTILITY_QUERY_KEYS)


def _looks_like_listing(segments: list[str], query_keys: set[str]) -> bool:
    """Homepage, section/tag/author/archive/search pages, pagination, date-only archives."""
    if not segments:
        return "p" not in query_keys  # WordPress /?p=123 is an article
    if query_keys & LISTING_QUERY_KEYS:
        return True
    if _DATE_ONLY_RE.match("/" + "/".join(segments)):
        return True
    for i, seg in enumerate(segments):
        low = seg.lower()
        if PAGE_SEGMENT_RE.match(low):
            return True
        if low in LINK_LISTING_SEGMENTS and len(segments) - i - 1 <= 2:
            return True
    return False


def _is_section_path(segments: list[str]) -> bool:
    """Short paths of plain words: /world, /us/politics, /news/world/europe, /real-estate."""
    if not segments or len(segments) > 3:
        return False
    if len(segments) == 3:
        return all(_WORD_RE.match(s) for s in segments)
    return all(1 <= len(_words(s)) <= 2 and all(_WORD_RE.match(w) for w in _words(s)) for s in segments)


def _looks_like_article(segments: list[str], path: str) -> bool:
    leaf = segments[-1]
    stem, ext = posixpath.splitext(leaf)
    if ext.lower() not in (".html", ".htm", ".shtml", ".php", ".aspx", ".asp", ".jsp"):
        stem = leaf  # a dot inside a slug (``v2.0-released``) is not an extension
    if _DATE_IN_PATH_RE.search("/" + "/".join(segments) + ("/" if path.endswith("/") else "")):
        return True
    if _is_slug(stem, 4) or _LONG_ID_RE.search(stem):
        return True
    if ext.lower() in (".html", ".htm", ".shtml") and _is_slug(stem):
        return True
    return len(segments) >= 3 and _is_slug(stem)


def is_listing_address(url: str) -> bool:
    """True when ``url``'s address alone says it is a listing: the homepage, a section, tag,
    author, archive or search path, a listing's page N, a date-only archive, a short path of
    plain words (``/world/``, ``/us/politics/``): :func:`classify_link`'s rules without the
    outlet's patterns and the anchor."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    segments = _segments(parts.path)
    return _looks_like_listing(segments, _query_keys(parts.query)) or _is_section_path(segments)


def classify_link(url: str, outlet: Outlet, *, anchor_text: str | None = None) -> LinkKind:
    """``article``, ``listing`` or ``other`` for an absolute link found on ``outlet``'s pages.

    Relative links must be resolved first (a bare ``#top`` or ``/path`` is ``other``). With
    ``article_patterns`` set, the patterns decide what is an article; otherwise URL-shape
    heuristics do, helped by ``anchor_text`` when the URL alone says nothing.
    """
    url = url.strip()
    if not url or url.startswith("#") or _is_other(url, outlet):
        return "other"
    anchor = _norm_text(anchor_text)
    if anchor in UTILITY_ANCHORS:
        return "other"
    parts = urlsplit(url)
    segments = _segments(parts.path)
    listing = _looks_like_listing(segments, _query_keys(parts.query)) or anchor in NEXT_ANCHORS
    if outlet.article_patterns:
        if outlet.matches_article_pattern(url):
            return "article"
        return "listing" if listing or _is_section_path(segments) else "other"
    if listing:
        return "listing"
    if not segments or _looks_like_article(segments, parts.path):  # no segments: /?p=123
        return "article"
    # A headline-like anchor (five words or more) on a slug makes a candidate of a short URL.
    if len(anchor.split()) >= 5 and _is_slug(posixpath.splitext(segments[-1])[0]):
        return "article"
    return "listing" if _is_section_path(segments) else "other"


# -- pagination_links -------------------------------------------------------------------------


def _page_number(url: str) -> tuple[str, int] | None:
    """(``query:KEY`` or ``path``, number) for ``?page=N`` or ``/page/N/`` URLs."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query, keep_blank_values=True):
        if key.lower() in PAGE_QUERY_KEYS and value.isdigit():
            return f"query:{key}", int(value)
    match = _PAGE_PATH_RE.search(parts.path)
    if match:
        return "path", int(match.group(2))
    return None


def _next_page_urls(url: str) -> set[str]:
    """The URLs of page N+1 in the usual patterns (page 2 when ``url`` has no number)."""
    parts = urlsplit(url)
    found = _page_number(url)
    nxt = (found[1] if found else 1) + 1
    candidates = []
    if found is None or found[0].startswith("query:"):
        pairs = parse_qsl(parts.query, keep_blank_values=True)
        for key in [found[0][6:]] if found else ["page", "paged"]:
            query = urlencode([(k, v) for k, v in pairs if k != key] + [(key, str(nxt))])
            candidates.append(parts._replace(query=query).geturl())
    if found is None or found[0] == "path":
        match = _PAGE_PATH_RE.search(parts.path)
        word = match.group(1) if match else "page"
        base = parts.path[: match.start()] if match else parts.path.rstrip("/")
        for tail in ("/", ""):
            candidates.append(parts._replace(path=f"{base}/{word}/{nxt}{tail}").geturl())
    return {clean_url(c) for c in candidates}


def _tokens(value: str | None) -> str:
    return (value or "").lower()


def _is_prev(element: etree._Element) -> bool:
    text = " ".join([
        _tokens(element.get("rel")), _tokens(element.get("class")), _tokens(element.get("aria-label")),
        _norm_text(element.text_content()),
    ])
    return any(word in text for word in ("prev", "newer", "anterior", "zurück", "précédent", "first"))


def _pagination_container(element: etree._Element, levels: int = 3) -> bool:
    node = element.getparent()
    for _ in range(levels):
        if node is None:
            return False
        if "pagination" in _tokens(node.get("class")) + " " + _tokens(node.get("aria-label")):
            return True
        node = node.getparent()
    return False


def _is_next_anchor(
    element: etree._Element, target: str, next_urls: set[str], current: tuple[str, int] | None
) -> bool:
    if target in next_urls:
        return True
    raw = element.text_content().strip()
    text = _norm_text(raw)
    if text in NEXT_ANCHORS or (raw and not raw.strip(ARROWS + " ")):
        return True
    marks = _tokens(element.get("class")) + " " + _tokens(element.get("aria-label"))
    if not ("next" in marks or "pagination" in marks or _pagination_container(element)):
        return False
    if _is_prev(element):
        return False
    number = _page_number(target)
    return number is None or number[1] > (current[1] if current else 1)


def page_links(doc: lxml.html.HtmlElement, base: str) -> Iterator[tuple[lxml.html.HtmlElement, str]]:
    """(element, address) of each ``<a>`` and ``<link>`` of a page (:func:`page_document`) with an
    address to another document: absolute against ``base`` and cleaned (``clean_url``); none for
    a fragment, ``javascript:``, ``mailto:`` or an address that does not parse."""
    for element in doc.iter("a", "link"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        try:
            target = clean_url(urljoin(base, href))
            urlsplit(target)
        except ValueError:
            continue
        yield element, target


def pagination_links(html: str, url: str, max_links: int | None = None) -> list[str]:
    """Next-page links of a listing page: absolute, cleaned, deduplicated, on ``url``'s host;
    among its first ``max_links`` links (``<a>`` and ``<link>``) when given.

    Found by ``rel="next"`` (``<link>`` and ``<a>``), anchors reading Next/Older/More/
    Siguiente/Weiter/›/»/Load more (and similar), anchors whose class or aria-label (or a
    parent's) mentions next or pagination (except previous-page links), and anchors to
    the current URL's page N+1 (``?page=N+1``, ``/page/N+1/``). ``rel="next"`` links come
    first, then the rest in document order.
    """
    page = page_document(html, url)
    if page is None:
        return []
    doc, base = page
    own = urlsplit(clean_url(url))
    current = clean_url(url)
    current_page = _page_number(current)
    next_urls = _next_page_urls(current)
    first: list[str] = []
    rest: list[str] = []
    for element, target in itertools.islice(page_links(doc, base), max_links):
        parts = urlsplit(target)
        if parts.scheme not in ("http", "https") or parts.netloc != own.netloc or target == current:
            continue
        rel = _tokens(element.get("rel")).split()
        if "next" in rel:
            first.append(target)
            continue
        if element.tag != "a":
            continue
        if _is_next_anchor(element, target, next_urls, current_page):
            rest.append(target)
    return list(dict.fromkeys(first + rest))


# -- is_crawl_trap ----------------------------------------------------------------------------

CALENDAR_SEGMENTS = frozenset({"calendar", "calendario", "kalender", "calendrier", "event-calendar"})
CALENDAR_QUERY_KEYS = frozenset({"date", "day", "month", "year", "week", "calendar", "cal", "ical"})
FACET_QUERY_KEYS = frozenset(
    {"sort", "sortby", "sort_by", "order", "orderby", "order_by", "filter", "filters", "view", "facet",
     "facets", "display", "layout"}
)
SESSION_QUERY_KEYS = frozenset(
    {"sid", "sessionid", "session_id", "session", "jsessionid", "phpsessid", "aspsessionid", "cfid",
     "cftoken"}
)
_YEAR_SEGMENT_RE = re.compile(r"^(\d{4})$")
_DATE_SEGMENT_RE = re.compile(r"^(\d{4})-\d{2}(?:-\d{2})?$")


def _repeated_segments(segments: list[str]) -> str | None:
    words = [s.lower() for s in segments]
    for seg in set(words):
        if not seg.isdigit() and words.count(seg) >= 3:
            return f"path segment {seg!r} repeated {words.count(seg)} times"
    for size in range(2, len(words) // 2 + 1):
        for i in range(len(words) - 2 * size + 1):
            block = words[i : i + size]
            if block == words[i + size : i + 2 * size] and not all(w.isdigit() for w in block):
                return f"repeated path segments /{'/'.join(block)}/{'/'.join(block)}/"
    return None


def is_crawl_trap(
    url: str, *, max_query_params: int = 3, max_path_depth: int = 10, today: dt.date | None = None
) -> str | None:
    """Why a crawler should not follow ``url`` from a listing page, or None when it may.

    Traps: session ids, path depth above ``max_path_depth``, repeated path segments
    (``/a/b/a/b/``), calendars (``/calendar/``, ``?date=``, ``?month=``, ``/events/2026/01/``),
    dates with a year outside 1995..next year, sort/filter/view parameters and more than
    ``max_query_params`` query parameters (faceted navigation). ``today`` fixes "next year"
    for tests.
    """
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return "malformed URL"
    path = unquote(parts.path)
    keys = [k.strip().lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)]
    if ";jsessionid=" in path.lower() or ";sid=" in path.lower():
        return "session id in the path"
    session = sorted(set(keys) & SESSION_QUERY_KEYS)
    if session:
        return f"session id parameter {session[0]}="
    segments = [s for s in path.split("/") if s]
    if len(segments) > max_path_depth:
        return f"path depth {len(segments)} > {max_path_depth}"
    repeated = _repeated_segments(segments)
    if repeated:
        return repeated
    lower = [s.lower() for s in segments]
    for i, seg in enumerate(lower):
        if seg in CALENDAR_SEGMENTS:
            return f"calendar page /{seg}/"
        if seg in ("events", "event") and i + 1 < len(lower) and _YEAR_SEGMENT_RE.match(lower[i + 1]):
            return f"event calendar /{seg}/{lower[i + 1]}/"
    last_year = (today or dt.date.today()).year + 1
    for i, seg in enumerate(lower):
        month = lower[i + 1] if i + 1 < len(lower) else ""
        dated = _YEAR_SEGMENT_RE.match(seg) and month.isdigit() and 1 <= int(month) <= 12
        match = _DATE_SEGMENT_RE.match(seg) or (_YEAR_SEGMENT_RE.match(seg) if dated else None)
        if match and not 1995 <= int(match.group(1)) <= last_year:
            return f"date {seg}/ with a year outside 1995..{last_year}"
    calendar = sorted(set(keys) & CALENDAR_QUERY_KEYS)
    if calendar:
        return f"calendar parameter {calendar[0]}="
    facets = sorted(set(keys) & FACET_QUERY_KEYS)
    if facets:
        return f"sort/filter parameter {facets[0]}="
    if len(set(keys)) > max_query_params:
        return f"{len(set(keys))} query parameters > {max_query_params} (faceted navigation)"
    return None
