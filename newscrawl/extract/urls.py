"""Canonical URLs: tracking parameters, AMP variants, rel=canonical.

``clean_url`` is what requests and identity use; ``canonical_url`` is an article's identity
(the dedup key). No Scrapy imports.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote, urlencode, urljoin, urlsplit, urlunsplit

from courlan.filters import is_not_crawlable
from w3lib.url import canonicalize_url

__all__ = ["canonical_url", "clean_url", "is_front_page", "is_newsletter_issue", "is_probably_article_url",
           "is_search_page", "story_page", "strip_amp"]

# fmt: off
# Only well-known tracking parameters: ambiguous ones such as ``cid``, ``id`` or ``source``
# often identify the content and are kept.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "msclkid", "yclid", "wbraid", "gbraid", "twclid",
        "igshid", "mc_cid", "mc_eid", "_ga", "_gl", "ref", "ref_src", "ref_url", "cmpid", "smid",
        "taid", "ocid", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id",
        "wt.mc_id", "__twitter_impression", "ns_mchannel", "ns_source", "ns_campaign",
        "ns_linkname", "ns_fee", "li_fat_id", "s_kwcid",
    }
)
TRACKING_PREFIXES = ("utm_",)
# Session ids (Java, PHP, ASP, ColdFusion): a new address of the same page for every visitor.
# The bare ``sid`` and ``session`` are kept: some sites name their stories by them.
SESSION_PARAMS = frozenset({"jsessionid", "phpsessid", "aspsessionid", "sessionid", "session_id", "cfid",
                            "cftoken"})
# ``/story.html;jsessionid=0AF3...``: a session id as a path parameter (servlet containers).
SESSION_PATH_PARAM = re.compile(r";(?:jsessionid|phpsessid|sessionid)=[^/;?#]*", re.IGNORECASE)
DEFAULT_PORTS = {"http": 80, "https": 443}

ASSET_EXTENSIONS = frozenset(
    {
        "jpg", "jpeg", "png", "gif", "webp", "avif", "svg", "ico", "bmp", "tif", "tiff", "pdf",
        "css", "js", "mjs", "json", "xml", "rss", "atom", "mp3", "mp4", "m4a", "m4v", "wav", "ogg",
        "oga", "webm", "mov", "avi", "flv", "mkv", "zip", "gz", "tgz", "tar", "rar", "7z", "exe",
        "dmg", "apk", "woff", "woff2", "ttf", "otf", "eot", "doc", "docx", "xls", "xlsx", "ppt",
        "pptx", "csv", "txt", "ics", "vcf", "swf",
    }
)
# A listing when one of these segments is followed by at most two more segments
# (``/tag/climate``, ``/author/jane-doe/2``).
LISTING_SEGMENTS = frozenset(
    {
        "tag", "tags", "author", "authors", "category", "categories", "topic", "topics", "search",
        "page", "user", "users", "profile", "profiles", "section", "sections",
    }
)
# An author's page in other languages (``/autor/lucia-ferrer/``, ``/auteur/jean-dupont``): a
# listing when at most one segment follows: ``/autoren/name/slug`` is an article (a German
# weekly files its writers' pieces so).
AUTHOR_SEGMENTS = frozenset({"autor", "autores", "autoren", "autore", "autori", "auteur", "auteurs"})
# Never an article, wherever they appear (but a newsletter's issue: NEWSLETTER_SEGMENTS).
NON_ARTICLE_SEGMENTS = frozenset(
    {
        "feed", "feeds", "rss", "wp-admin", "wp-content", "wp-json", "wp-includes", "login",
        "signin", "subscribe", "newsletters", "cdn-cgi",
    }
)
# fmt: on
# Newsletters' sign-up and landing pages live under these segments, and so do some outlets'
# issues, each on its dated path (``/newsletters/morning-tech/2026/01/22/slug``): that is an
# article (:func:`is_newsletter_issue`).
NEWSLETTER_SEGMENTS = frozenset({"newsletter", "newsletters"})
_DATED_PATH_RE = re.compile(r"(?:^|/)(?:19|20)\d{2}(?:/[01]?\d/|-[01]\d-[0-3]\d(?:\D|$))")
LISTING_QUERY_KEYS = frozenset({"s", "q", "query", "search", "tag", "page", "paged", "cat"})
PAGE_SEGMENT_RE = re.compile(r"^(?:page|seite|pagina)[-_]?\d+$", re.IGNORECASE)
# A later page of a story split over pages: the first page's address with a page number after
# it (WordPress's ``/story/2/``, ``/story/page/2/``, ``/story-page2``, ``?page=2``, a CMS's
# ``/story_2.html`` or ``/story-2.html`` beside ``/story.html``; not ``/story-2/``, a slug).
_PAGE_SUFFIX = re.compile(r"(?:(?:/page)?/|-page)(\d{1,2})/?$", re.IGNORECASE)
_PAGE_BEFORE_EXTENSION = re.compile(r"[_-](\d{1,2})(\.(?:s?html?|php|aspx?|jsp))$", re.IGNORECASE)
_PAGE_PARAMS = frozenset({"page", "p", "pg", "seite"})
AMP_QUERY = re.compile(r"^(?:amp(?:=(?:1|true)?)?|outputtype=amp)$", re.IGNORECASE)


def story_page(url: str) -> tuple[str, int]:
    """The address of a story's page without its page number (host, path and the other query
    parameters), and the number (1 when there is none): ``/story_2.html`` is page 2 of
    ``/story.html``, ``/story/3/`` page 3 of ``/story``."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    number = next((int(v) for k, v in query if k.lower() in _PAGE_PARAMS and v.isdigit()), 0)
    path = parts.path
    if not number and (match := _PAGE_SUFFIX.search(path)):
        number, path = int(match.group(1)), path[: match.start()]
    elif not number and (match := _PAGE_BEFORE_EXTENSION.search(path)):
        number, path = int(match.group(1)), path[: match.start()] + match.group(2)
    rest = urlencode([(k, v) for k, v in query if k.lower() not in _PAGE_PARAMS])
    return f"{parts.netloc}{path.rstrip('/')}?{rest}", number or 1


def _query_key(pair: str) -> str:
    return unquote(pair.split("=", 1)[0].replace("+", " ")).strip().lower()


def _is_tracking(key: str) -> bool:
    return key in TRACKING_PARAMS or key in SESSION_PARAMS or key.startswith(TRACKING_PREFIXES)


def _drop_query_pairs(query: str, drop: Callable[[str], bool]) -> str:
    return "&".join(p for p in query.split("&") if p and not drop(p))


def clean_url(url: str) -> str:
    """Normalise a URL for requests and identity; idempotent.

    Lowercases scheme and host, drops the default port and the fragment, removes well-known
    tracking parameters and session ids (in the query or as a ``;jsessionid=`` path
    parameter), sorts the remaining query and normalises percent-encoding (the
    path's case is kept, and so are http vs https and the trailing slash). A malformed URL
    comes back stripped of whitespace but otherwise unchanged; this never raises.
    """
    url = url.strip()
    try:
        return _clean_url(url) if url else url
    except ValueError:  # malformed (bad port, broken IPv6 literal): leave it as it is
        return url


def _clean_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.query or ";" in parts.path:
        query = _drop_query_pairs(parts.query, lambda p: _is_tracking(_query_key(p)))
        path = SESSION_PATH_PARAM.sub("", parts.path)
        url = urlunsplit((parts.scheme, parts.netloc, path, query, ""))
    url = canonicalize_url(url, keep_fragments=False)
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    netloc = parts.netloc.lower()
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and DEFAULT_PORTS.get(scheme) == port:
        netloc = netloc.rsplit(":", 1)[0]
    return urlunsplit((scheme, netloc, parts.path, parts.query, ""))


def _strip_amp_once(url: str) -> str:
    parts = urlsplit(url)
    netloc, path, query = parts.netloc, parts.path, parts.query
    userinfo, sep, hostport = netloc.rpartition("@")
    if hostport.lower().startswith("amp.") and (parts.hostname or "").count(".") >= 2:
        netloc = f"{userinfo}{sep}{hostport[4:]}"
    lower = path.lower()
    if lower.endswith("/amp"):
        path = path[:-4] or "/"
    elif lower.endswith("/amp/"):
        path = path[:-4]
    elif lower.endswith(".amp.html"):
        path = path[:-9] + ".html"
    elif lower.endswith(".amp"):
        path = path[:-4]
    if path.lower().startswith("/amp/") and len(path) > 5:
        path = path[4:]
    if query:
        query = _drop_query_pairs(query, lambda p: bool(AMP_QUERY.match(p)))
    return urlunsplit((parts.scheme, netloc, path, query, parts.fragment))


def strip_amp(url: str) -> str:
    """Map an AMP variant to the regular URL (only clearly-AMP patterns); idempotent.

    Handles an ``amp.`` host prefix, a leading ``/amp/`` or trailing ``/amp`` path segment,
    ``.amp`` / ``.amp.html`` suffixes and the ``amp``, ``amp=1`` and ``outputType=amp``
    query parameters.
    """
    for _ in range(5):
        try:
            stripped = _strip_amp_once(url)
        except ValueError:
            break
        if stripped == url:
            break
        url = stripped
    return url


def _is_http_absolute(url: str) -> bool:
    parts = urlsplit(url)
    _ = parts.port  # raises ValueError on a malformed port
    return parts.scheme.lower() in DEFAULT_PORTS and bool(parts.hostname)


def _is_root(url: str) -> bool:
    parts = urlsplit(url)
    return parts.path in ("", "/") and not parts.query


def canonical_url(
    fetched_url: str,
    declared: str | None = None,
    *,
    same_site: Callable[[str], bool] | None = None,
) -> str:
    """The article's identity URL.

    ``declared`` (rel=canonical or og:url, resolved against ``fetched_url``) wins when it is
    an absolute http(s) URL, passes ``same_site`` (when given) and is not the homepage
    while the fetched URL is deeper. The result is cleaned and AMP-stripped.
    """
    chosen = fetched_url
    if declared and declared.strip():
        try:
            resolved = urljoin(fetched_url, declared.strip())
            usable = (
                _is_http_absolute(resolved)
                and (same_site is None or same_site(resolved))
                and not (_is_root(resolved) and not _is_root(fetched_url))
            )
        except ValueError:
            usable = False
        if usable:
            chosen = resolved
    return clean_url(strip_amp(chosen))


def is_newsletter_issue(segments: list[str], index: int) -> bool:
    """Whether ``segments[index]`` is a NEWSLETTER_SEGMENTS segment followed by a dated path
    that ends in a name: an issue of the newsletter, not its sign-up page or a date's archive."""
    rest = segments[index + 1:]
    return (
        segments[index].lower() in NEWSLETTER_SEGMENTS
        and bool(rest) and not rest[-1].isdigit()
        and bool(_DATED_PATH_RE.search("/".join(rest) + "/"))
    )


# A site's front page as an index file at its root ("/index.html")
FRONT_PAGE_FILES = frozenset({"index.html", "index.htm", "index.php", "index.shtml", "default.aspx", "home"})


def is_front_page(url: str) -> bool:
    """Whether ``url`` is a site's front page: its root, or an index file at the root, with no
    query (WordPress's ``/?p=123`` is a post)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    segments = [s for s in unquote(parts.path).split("/") if s]
    at_root = not segments or (len(segments) == 1 and segments[0].lower() in FRONT_PAGE_FILES)
    return at_root and not parts.query


# A site's search: its results under a first path segment "search" (Blogger's /search/label/X
# and /search?q=, /search/term/), at a search script, or at the root with a query of these keys
# (WordPress's /?s=term). Not an article's address with such a key: X's share links append ?s=20.
SEARCH_QUERY_KEYS = frozenset({"s", "q", "query", "search"})
SEARCH_SCRIPTS = frozenset({"search", "search.php", "search.html", "search.aspx", "search.jsp"})


def is_search_page(url: str) -> bool:
    """Whether ``url`` is a page of a site's search results: a first path segment ``search``, a
    last one that is a search script (SEARCH_SCRIPTS), or the site's root with a search query
    (SEARCH_QUERY_KEYS)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    segments = [s.lower() for s in unquote(parts.path).split("/") if s]
    if segments and (segments[0] == "search" or segments[-1] in SEARCH_SCRIPTS):
        return True
    return not segments and bool({_query_key(p) for p in parts.query.split("&") if p} & SEARCH_QUERY_KEYS)


def is_probably_article_url(url: str) -> bool:
    """Cheap filter for sitemap and feed links: False for assets, homepages and listings."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in DEFAULT_PORTS or not parts.hostname:
        return False
    path = unquote(parts.path)
    segments = [s for s in path.split("/") if s]
    query_keys = {_query_key(p) for p in parts.query.split("&") if p}
    if not segments:
        return "p" in query_keys  # WordPress ``/?p=123``; otherwise the homepage
    ext = posixpath.splitext(segments[-1])[1].lstrip(".").lower()
    if ext in ASSET_EXTENSIONS:
        return False
    for i, seg in enumerate(segments):
        low = seg.lower()
        if low in NON_ARTICLE_SEGMENTS and not is_newsletter_issue(segments, i):
            return False
        if PAGE_SEGMENT_RE.match(low):
            return False
        if low in LISTING_SEGMENTS and len(segments) - i - 1 <= 2:
            return False
        if low in AUTHOR_SEGMENTS and len(segments) - i - 1 <= 1:
            return False
    if query_keys & LISTING_QUERY_KEYS:
        return False
    return not is_not_crawlable(parts.path)
