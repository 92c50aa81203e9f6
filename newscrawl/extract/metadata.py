"""What a page's markup says about itself: JSON-LD, ``<meta>`` tags, links, headings.

:func:`read_page_meta` collects it into a :class:`PageMeta`; :class:`TrafilaturaMeta` reads
trafilatura's own title, description, site name and byline for the same page. Both only
read the tree. :mod:`newscrawl.extract.fields` chooses and cleans the fields from them.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import line_processing
from trafilatura.xpaths import AUTHOR_XPATHS

from newscrawl.extract.pagetype import ARTICLE_TYPES

__all__ = [
    "PageMeta", "TrafilaturaMeta", "absolute_url", "clean_value", "jsonld_names", "jsonld_types",
    "may_find_author", "read_page_meta",
]

LOGGER = logging.getLogger(__name__)

ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})

WS_RE = re.compile(r"\s+")
TAG_RE = re.compile(r"<[^>]+>")
# Soft hyphens (&shy;), zero-width spaces, word joiners and BOMs: hyphenation hints, not text
INVISIBLE_RE = re.compile("[\u00ad\u200b\u2060\ufeff]")


def clean_value(value: Any) -> str | None:
    """Whitespace-normalised, entity- and tag-free string without soft hyphens and zero-width
    spaces, or None."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    if "<" in value:
        value = TAG_RE.sub(" ", value)
    if "&" in value:
        value = htmllib.unescape(value)
    value = WS_RE.sub(" ", INVISIBLE_RE.sub("", value)).strip()
    return value or None


def text_with_breaks(el: Any) -> str:
    """The element's text, a ``<br>`` read as a space ("Headline<br>Subtitle" is two lines,
    not "HeadlineSubtitle"); spans stay joined as written."""
    if el.find(".//br") is None:
        return el.text_content()
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "br":
            parts.append(" ")
        elif isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return "".join(parts)


def jsonld_types(node: dict[str, Any]) -> set[str]:
    """The schema.org types of a JSON-LD node, bare (no URL prefix) and casefolded."""
    raw = node.get("@type")
    items = raw if isinstance(raw, list) else [raw]
    return {t.rsplit("/", 1)[-1].casefold() for t in items if isinstance(t, str)}


def _load_jsonld(raw: str) -> Any:
    raw = raw.strip()
    for junk in ("<!--", "-->", "//<![CDATA[", "//]]>", "<![CDATA[", "]]>"):
        raw = raw.replace(junk, "")
    raw = raw.strip().rstrip(";")
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        return None


def _walk(node: Any, depth: int = 0) -> Iterator[tuple[dict[str, Any], int]]:
    """Every JSON-LD object in ``node`` (incl. ``@graph`` members) with its nesting depth."""
    if depth > 8:
        return
    if isinstance(node, list):
        for item in node:
            yield from _walk(item, depth)
    elif isinstance(node, dict):
        yield node, depth
        for key, value in node.items():
            if isinstance(value, dict | list):
                yield from _walk(value, depth if key == "@graph" else depth + 1)


def _page_key(url: Any) -> str:
    """Host (without www.) and path of a URL, to tell the page's own JSON-LD node."""
    if isinstance(url, dict):
        url = url.get("@id") or url.get("url")
    if not isinstance(url, str) or "//" not in url:
        return ""
    parts = urlsplit(url.strip())
    return f"{(parts.hostname or '').removeprefix('www.')}{parts.path.rstrip('/')}"


@dataclass
class PageMeta:
    """Metadata read from one page's markup (JSON-LD, meta tags, links)."""

    jsonld_article: dict[str, Any] | None = None
    jsonld_nodes: list[dict[str, Any]] = field(default_factory=list)
    jsonld_ids: dict[str, dict[str, Any]] = field(default_factory=dict)
    meta: dict[str, str] = field(default_factory=dict)
    # the later, different values of a key the page repeats (two ``article:author`` tags)
    more_meta: dict[str, list[str]] = field(default_factory=dict)
    html_lang: str | None = None
    canonical: str | None = None
    base_url: str | None = None
    h1: list[str] = field(default_factory=list)
    html_title: str | None = None

    def ref(self, value: Any) -> Any:
        """Resolve a JSON-LD ``{"@id": ...}`` reference within the page's graph."""
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and "@id" in value:
            return self.jsonld_ids.get(str(value["@id"]), value)
        return value


def read_page_meta(tree: HtmlElement, url: str | None) -> PageMeta:
    """Collect JSON-LD nodes, ``<meta>`` values, ``<html lang>``, rel=canonical and h1s."""
    pm = PageMeta()
    articles: list[tuple[dict[str, Any], int]] = []
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        data = _load_jsonld(script.text_content() or "")
        for node, depth in _walk(data):
            pm.jsonld_nodes.append(node)
            if isinstance(node.get("@id"), str) and len(node) > 2:
                pm.jsonld_ids.setdefault(node["@id"], node)
            if jsonld_types(node) & ARTICLE_TYPES:
                articles.append((node, depth))
    # ``value`` where ``content`` is missing: some tools that save pages (Postlight Parser's
    # fixtures among them) rewrite ``content`` to ``value``.
    for el in tree.xpath("//meta[@content or @value]"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        value = clean_value(el.get("content") if el.get("content") is not None else el.get("value"))
        if key and value:
            key = key.strip().lower()
            first = pm.meta.setdefault(key, value)
            if first != value and value not in pm.more_meta.setdefault(key, []):
                pm.more_meta[key].append(value)
    root = tree.getroottree().getroot()
    pm.html_lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    base = url
    base_href = tree.xpath("//base/@href")
    if base_href:
        base = urljoin(url or "", base_href[0].strip()) or url
    pm.base_url = base
    for link in tree.xpath("//link[@href][@rel]"):
        if "canonical" in link.get("rel", "").lower().split():
            pm.canonical = absolute_url(link.get("href"), base)
            if pm.canonical:
                break
    pm.h1 = [t for t in (clean_value(text_with_breaks(h)) for h in tree.xpath("//h1")) if t]
    titles = tree.xpath("//head/title") or tree.xpath("//title")
    pm.html_title = clean_value(titles[0].text_content()) if titles else None
    if articles:
        # the page's own article node, not a "related" teaser: its URL, a headline, shallow
        own = {_page_key(url), _page_key(pm.canonical)} - {""}
        pm.jsonld_article = max(
            articles,
            key=lambda nd: (
                bool(own & {_page_key(nd[0].get("url")), _page_key(nd[0].get("mainEntityOfPage"))}),
                "headline" in nd[0],
                "author" in nd[0],
                -nd[1],
                len(nd[0]),
            ),
        )[0]
    return pm


def absolute_url(href: str | None, base: str | None) -> str | None:
    """``href`` resolved against ``base`` when that gives an absolute http(s) URL, else None."""
    href = (href or "").strip()
    if not href:
        return None
    try:
        resolved = urljoin(base or "", href)
        parts = urlsplit(resolved)
    except ValueError:
        return None
    return resolved if parts.scheme in ("http", "https") and parts.netloc else None


def jsonld_names(value: Any, pm: PageMeta, depth: int = 0) -> list[tuple[str, str]]:
    """(name, kind) pairs of a JSON-LD author/publisher value; kind is ``org`` (an
    Organization), ``person`` (a Person) or ``name`` (a plain string, or a node of no such
    type)."""
    value = pm.ref(value)
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        return [pair for item in value for pair in jsonld_names(item, pm, depth + 1)]
    if isinstance(value, str):
        name = clean_value(value)
        return [(name, "name")] if name else []
    if isinstance(value, dict):
        types = jsonld_types(value)
        if not types and isinstance(node := pm.jsonld_ids.get(str(value.get("@id"))), dict):
            types = jsonld_types(node)  # {"name": ..., "@id": ...}: typed in the page's graph
        # a node typed both Person and Organization is a person who is also the site's
        # publisher (a personal site), not an outlet
        kind = "person" if "person" in types else "org" if types & ORG_TYPES else "name"
        name = value.get("name")
        if isinstance(name, dict | list):
            return jsonld_names(name, pm, depth + 1)
        name = clean_value(name)
        if not name and (value.get("givenName") or value.get("familyName")):
            name = clean_value(f"{value.get('givenName') or ''} {value.get('familyName') or ''}")
        return [(name, kind)] if name else []
    return []


def _trim_field(value: Any) -> Any:
    """What trafilatura's ``Document.clean_and_trim`` does to one metadata string."""
    if not isinstance(value, str):
        return value
    if len(value) > 10000:
        value = value[:9999] + "…"
    return line_processing(htmllib.unescape(value))


# trafilatura's author search (``extract_author``) deep-copies the page, prunes the copy and
# runs three XPaths whose regular expressions call back into Python for every element: about
# 5 ms a page. Each of its tests reads an element's own class, id, itemprop, rel, data-testid
# or data-component, its name (<author>) or a child <rel>; pruning only takes elements away,
# so what it finds in the pruned copy is in the page with the same attributes. Every test
# that reads an attribute needs one of these strings in it (each equality, contains() and
# regular expression there holds one: "author", "Author", "[Aa]uthor" all hold "uthor"), so
# a page where no such attribute holds one, and with no <author> or <rel> element, has no
# author for it: it returns None, told in about 0.5 ms (``tests/test_extract.py`` compares).
# The argument was made for trafilatura's XPaths as they are (their text's SHA-256 below): with
# other XPaths (another version of trafilatura), the search runs on every page, as before.
_AUTHOR_XPATHS_CHECKED = "e7cdb233823cbb0a7eadad1211ccea04ebd7789ae4ffc076b2fc765f00286c9f"
SKIP_AUTHOR_SEARCH = (
    hashlib.sha256("\n".join(x.path for x in AUTHOR_XPATHS).encode()).hexdigest() == _AUTHOR_XPATHS_CHECKED
)
AUTHOR_SEARCH_ATTRIBUTES = etree.XPath(
    "//@class|//@id|//@itemprop|//@rel|//@data-testid|//@data-component", smart_strings=False
)
AUTHOR_SEARCH_WORDS = re.compile(
    "uthor|zuozhe|bianji|xiaobian|channel-name|submitted-by|posted-by|journalist-name|screenname|"
    "writer|yline|username|byl|BBL"
)


def may_find_author(tree: HtmlElement) -> bool:
    """False when trafilatura's ``extract_author`` cannot find an author on the page (see
    AUTHOR_SEARCH_WORDS); True when it may, and always when trafilatura's XPaths are not the
    ones that argument was made for (``SKIP_AUTHOR_SEARCH``)."""
    return (
        not SKIP_AUTHOR_SEARCH
        or next(tree.iter("author", "rel"), None) is not None
        or AUTHOR_SEARCH_WORDS.search("\n".join(AUTHOR_SEARCH_ATTRIBUTES(tree))) is not None
    )


class TrafilaturaMeta:
    """trafilatura's title, author, description and site name for a page, read on demand.

    The same values as ``bare_extraction(with_metadata=True)`` gives (trafilatura's own
    functions, in the order of its ``extract_metadata``), minus what newscrawl never uses:
    its date search (htmldate; newscrawl has its own dates), categories, tags and licence.
    Its author search (which deep-copies the page) runs only when asked for, which is when
    neither JSON-LD nor meta tags name an author. The tree is only read.
    """

    def __init__(self, tree: HtmlElement, url: str | None) -> None:
        self._tree = tree
        self._raw_author: str | None = None
        self._author: str | None = None
        self._author_done = False
        try:
            doc = examine_meta(tree)
        except Exception:  # trafilatura's metadata must never cost the page
            LOGGER.debug("trafilatura metadata failed on %s", url, exc_info=True)
            self.title = self.description = self.sitename = None
            self._author_done = True
            return
        if doc.author and " " not in doc.author:
            doc.author = None
        try:
            doc = extract_meta_json(tree, doc)
        except Exception:  # bugs in trafilatura's json_metadata.py
            LOGGER.debug("trafilatura JSON metadata failed on %s", url, exc_info=True)
        self._raw_author = doc.author
        title, sitename, page_url = doc.title, doc.sitename, doc.url
        try:
            title = title or extract_title(tree)
            page_url = page_url or extract_url(tree, url)
            sitename = sitename or extract_sitename(tree)
        except Exception:
            LOGGER.debug("trafilatura metadata failed on %s", url, exc_info=True)
        if sitename:
            sitename = sitename.lstrip("@")
            if sitename and "." not in sitename and not sitename[0].isupper():
                sitename = sitename.title()
        elif page_url and (match := META_URL.match(page_url)):
            sitename = match[1]
        self.title: str | None = _trim_field(title)
        self.description: str | None = _trim_field(doc.description)
        self.sitename: str | None = _trim_field(sitename)

    def author(self) -> str | None:
        """The byline: meta tags or JSON-LD, else trafilatura's search of the page."""
        if not self._author_done:
            self._author_done = True
            author = self._raw_author
            if not author and may_find_author(self._tree):
                try:
                    author = extract_author(self._tree)
                except Exception:
                    LOGGER.debug("trafilatura author search failed", exc_info=True)
            self._author = _trim_field(author)
        return self._author
