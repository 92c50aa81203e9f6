"""HTML page -> article text and metadata (trafilatura + JSON-LD + OpenGraph).

:func:`extract_article` is a pure function meant to run in a worker process pool: its only
module-level state is constants, compiled regexes and XPaths, and an lxml parser (like
trafilatura's own). No Scrapy imports.

Cost: the page is parsed once; trafilatura (which copies the tree), the metadata readers and
the dates module all read that tree. See docs/extraction.md, "Speed".
"""

from __future__ import annotations

import html as htmllib
import json
import logging
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.html
import trafilatura
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_author,
    extract_meta_json,
    extract_sitename,
    extract_title,
    extract_url,
)
from trafilatura.utils import is_dubious_html, line_processing, repair_faulty_html
from w3lib.encoding import html_to_unicode

from newscrawl.extract.dates import page_date_hints, resolve_dates
from newscrawl.extract.pagetype import ARTICLE_TYPES, PageSignals, classify_page
from newscrawl.items import ExtractedArticle

__all__ = ["extract_article", "extract_text"]

LOGGER = logging.getLogger(__name__)

PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "website"})
ORG_TYPES = frozenset({"organization", "newsmediaorganization", "corporation"})

BINARY_MAGIC = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"RIFF",
    b"OggS", b"ID3", b"fLaC", b"wOFF", b"wOF2", b"\x00\x00\x01\x00", b"BZh", b"7z\xbc\xaf",
)  # fmt: skip
BINARY_MIME_PREFIXES = ("image/", "audio/", "video/", "font/")
BINARY_MIMES = frozenset(
    {"application/pdf", "application/zip", "application/gzip", "application/x-gzip"}
)
UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
# Control characters other than tab, newline, form feed and carriage return.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")

WS_RE = re.compile(r"\s+")
TAG_RE = re.compile(r"<[^>]+>")
WORD_RE = re.compile(r"\w+")
COMPACT_RE = re.compile(r"[\W_]+")
TITLE_SEP_RE = re.compile(r"\s+(?:[|–—·•»«:~/]|-{1,2}|::|//)\s+")
BYLINE_PREFIX_RE = re.compile(
    r"^(?:(?:[^\W\d_]+\s+){0,3}by|von|par|por|door|av)\s*[:\-]?\s+", re.IGNORECASE
)
MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# A date or time stuck to a byline ("Jane Doe Monday, November 18, 2019", "Updated 8:47 p.m.")
BYLINE_DATE_RE = re.compile(
    r"\b(?:(?:published|updated|posted)\b.*$|"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    rf"(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?|\d{{1,2}}\.?\s+{MONTHS},?\s+\d{{4}})|"
    r"\d{4}-\d{2}-\d{2}.*$|\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4}\b)?)",
    re.IGNORECASE,
)
MONTH_ONLY_RE = re.compile(rf"^{MONTHS}$", re.IGNORECASE)
WEEKDAY_RE = re.compile(r"^(?:mon|tues|wednes|thurs|fri|satur|sun)day,?$", re.IGNORECASE)
ROLE_TAIL = frozenset(
    {
        "reporter", "correspondent", "editor", "writer", "columnist", "contributor", "producer",
        "analyst", "news", "senior", "chief", "political", "business", "sports", "science",
        "health", "tech", "technology", "deputy", "associate", "managing", "executive",
        "digital", "special", "investigative",
    }
)  # fmt: skip
CREDENTIALS = frozenset(
    "md phd ms ma mba mph rd rdn rn do dds cpt jr sr ii iii esq ba bsc msc cpa".split()
)
AUTHOR_SPLIT_RE = re.compile(r"\s*(?:[,;|/]|\s(?:and|und|et|y|e|&)\s)\s*", re.IGNORECASE)
EMAIL_RE = re.compile(r"\S+@\S+\.\w+")
URL_IN_TEXT_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
URLISH_RE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# Not a name: no letters, or a lowercase login such as "kevin-r" or "jdoe_2"
USERNAME_RE = re.compile(r"^[\W\d_]*$|^(?=.*[-_.\d])[a-z0-9._-]+$")
HANDLE_RE = re.compile(r"(?:^|\s)@\w+")
STAFF_RE = re.compile(
    r"\b(?:staff|desk|newsroom|editors?|editorial|reporters?|correspondents?|contributors?|"
    r"writers?|admin|administrator|team|redaktion|redacci[oó]n|reda[cç][aã]o)\b",
    re.IGNORECASE,
)
NOT_NAMES = frozenset(
    {"admin", "administrator", "webmaster", "root", "guest", "anonymous", "unknown", "user"}
)
LANG_RE = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
ISO639_2_TO_1 = {
    "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es", "por": "pt",
    "ita": "it", "nld": "nl", "dut": "nl", "rus": "ru", "ukr": "uk", "pol": "pl", "swe": "sv",
    "dan": "da", "nor": "no", "nob": "nb", "fin": "fi", "ces": "cs", "cze": "cs", "tur": "tr",
    "ell": "el", "gre": "el", "kor": "ko", "jpn": "ja", "zho": "zh", "chi": "zh", "ara": "ar",
    "heb": "he", "hin": "hi", "cat": "ca", "ron": "ro", "rum": "ro", "hun": "hu",
}  # fmt: skip
LANG_NAMES = {
    "english": "en", "german": "de", "deutsch": "de", "french": "fr", "français": "fr",
    "spanish": "es", "español": "es", "portuguese": "pt", "português": "pt", "italian": "it",
    "italiano": "it", "dutch": "nl", "russian": "ru", "korean": "ko", "japanese": "ja",
    "chinese": "zh", "arabic": "ar",
}  # fmt: skip

SCRIPT_LANGS = (
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("zh", re.compile(r"[\u4e00-\u9fff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
UKRAINIAN_RE = re.compile(r"[іїєґІЇЄҐ]")
ANY_SCRIPT_RE = re.compile("[" + "".join(p.pattern[1:-1] for _, p in SCRIPT_LANGS) + "]")
ASCII_LETTER_RE = re.compile(r"[A-Za-z]")
NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
STOPWORDS = {
    code: frozenset(words.split())
    for code, words in {
        "en": "the and of to is that for with was are this have from not be by",
        "de": "der die und das ist nicht ein eine mit von den sich auch dem zu auf",
        "fr": "le les et des est une dans pour qui sur pas du au avec ce sont",
        "es": "el los las y que en por con una para es del se lo pero como",
        "pt": "os as que em um uma para com não do da no na se mais ao",
        "it": "il che di un una per con non sono del della gli nel alla anche è",
        "nl": "het een en van is dat niet op te met voor zijn ook bij er",
        "sv": "och att det som en är på för med inte av till den har",
        "id": "yang dan di ini itu dengan untuk dari tidak ke dalam akan",
    }.items()
}

# Text extraction settings, chosen by measurement (see docs/extraction.md).
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "favor_recall": False,
}
# A second opinion from favor_recall is asked only when the precision text is short: under
# this many characters (empty included). It replaces the first text when that is shorter
# than RECALL_FALLBACK_RATIO of the recall text. Chosen by measurement (docs/extraction.md).
RECALL_FALLBACK_MAX_CHARS = 1000
RECALL_FALLBACK_RATIO = 0.5
# A page whose text lines are mostly the page's own link texts is a link list, not an article.
LINK_LIST_SHARE = 0.8
ANCHOR_TEXTS = etree.XPath("//a//text()", smart_strings=False)


# --------------------------------------------------------------------------- decoding


def _looks_binary(data: bytes) -> bool:
    head = data[:4096].lstrip()
    if head.startswith(BINARY_MAGIC):
        return True
    if data.startswith(UTF16_32_BOMS):
        return False
    return b"\x00" in head


def decode_html(html: str | bytes, content_type: str | None = None) -> str | None:
    """Unicode text of a page, or None when it is empty or not text.

    Bytes are decoded by ``w3lib.encoding.html_to_unicode``: the HTTP header's charset,
    then a BOM, then ``<meta charset>``, then detection; Latin-1 pages come out right.
    """
    mime = (content_type or "").split(";", 1)[0].strip().lower()
    if mime.startswith(BINARY_MIME_PREFIXES) or mime in BINARY_MIMES:
        return None
    if isinstance(html, bytes):
        if not html.strip() or _looks_binary(html):
            return None
        header = content_type if content_type and "charset" in content_type.lower() else None
        _, text = html_to_unicode(header, html)
    else:
        text = html
    if not text or not text.strip():
        return None
    sample = text[:4096]
    controls = len(CONTROL_RE.findall(sample))
    if "\x00" in sample or controls > len(sample) * 0.05:
        return None
    return text


# --------------------------------------------------------------------------- parsing

# trafilatura's parser settings, with one change: lxml.html's own parser finds each element's
# Python class through a Python callback (FormElement for <form>, InputElement for <input>, ...),
# paid every time trafilatura or newscrawl touches an element; this lookup is lxml's C one and
# gives every element the plain HtmlElement class. Text and metadata come out the same.
HTML_PARSER = lxml.html.HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True
)
HTML_PARSER.set_element_class_lookup(
    etree.ElementDefaultClassLookup(
        element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )
)


def _parse_bytes(text: str) -> HtmlElement | None:
    try:
        return lxml.html.fromstring(text.encode("utf8", "surrogatepass"), parser=HTML_PARSER)
    except Exception:
        return None


def load_html(text: str) -> HtmlElement | None:
    """``trafilatura.utils.load_html`` for a decoded page, with :data:`HTML_PARSER`.

    The same steps: repair what libxml2 chokes on, parse the string (as bytes when lxml
    refuses it), reject a page that has no ``html`` in its first 50 characters and parses
    to fewer than two top elements.
    """
    beginning = text[:50].lower()
    dubious = is_dubious_html(beginning)
    text = repair_faulty_html(text, beginning)
    tree = None
    as_bytes = False
    try:
        tree = lxml.html.fromstring(text, parser=HTML_PARSER)
    except ValueError:  # "Unicode strings with encoding declaration are not supported"
        tree, as_bytes = _parse_bytes(text), True
    except Exception:
        LOGGER.debug("lxml could not parse the page", exc_info=True)
    if (tree is None or len(tree) < 1) and not as_bytes:
        tree = _parse_bytes(text)
    if tree is not None and dubious and len(tree) < 2:
        return None
    return tree


# --------------------------------------------------------------------------- page metadata


def _clean(value: Any) -> str | None:
    """Whitespace-normalised, entity- and tag-free string, or None."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    if "<" in value:
        value = TAG_RE.sub(" ", value)
    if "&" in value:
        value = htmllib.unescape(value)
    value = WS_RE.sub(" ", value).strip()
    return value or None


def _compact(value: str) -> str:
    return COMPACT_RE.sub("", value.casefold())


def _types(node: dict[str, Any]) -> set[str]:
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
            if _types(node) & ARTICLE_TYPES:
                articles.append((node, depth))
    for el in tree.xpath("//meta[@content]"):
        key = el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv")
        value = _clean(el.get("content"))
        if key and value:
            pm.meta.setdefault(key.strip().lower(), value)
    root = tree.getroottree().getroot()
    pm.html_lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    base = url
    base_href = tree.xpath("//base/@href")
    if base_href:
        base = urljoin(url or "", base_href[0].strip()) or url
    pm.base_url = base
    for link in tree.xpath("//link[@href][@rel]"):
        if "canonical" in link.get("rel", "").lower().split():
            pm.canonical = _absolute(link.get("href"), base)
            if pm.canonical:
                break
    pm.h1 = [t for t in (_clean(h.text_content()) for h in tree.xpath("//h1")) if t]
    titles = tree.xpath("//head/title") or tree.xpath("//title")
    pm.html_title = _clean(titles[0].text_content()) if titles else None
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


def _absolute(href: str | None, base: str | None) -> str | None:
    href = (href or "").strip()
    if not href:
        return None
    try:
        resolved = urljoin(base or "", href)
        parts = urlsplit(resolved)
    except ValueError:
        return None
    return resolved if parts.scheme in ("http", "https") and parts.netloc else None


def _names(value: Any, pm: PageMeta, depth: int = 0) -> list[tuple[str, str]]:
    """(name, kind) pairs of a JSON-LD author/publisher value; kind is person or org."""
    value = pm.ref(value)
    if depth > 3 or value is None:
        return []
    if isinstance(value, list):
        return [pair for item in value for pair in _names(item, pm, depth + 1)]
    if isinstance(value, str):
        name = _clean(value)
        return [(name, "person")] if name else []
    if isinstance(value, dict):
        kind = "org" if _types(value) & ORG_TYPES else "person"
        name = value.get("name")
        if isinstance(name, dict | list):
            return _names(name, pm, depth + 1)
        name = _clean(name)
        if not name and (value.get("givenName") or value.get("familyName")):
            name = _clean(f"{value.get('givenName') or ''} {value.get('familyName') or ''}")
        return [(name, kind)] if name else []
    return []


# --------------------------------------------------------------------------- fields


def _site_names(pm: PageMeta, doc_sitename: str | None, url: str | None) -> list[str]:
    names: list[str] = []
    art = pm.jsonld_article or {}
    for cand in (
        pm.meta.get("og:site_name"),
        *(n for n, _ in _names(art.get("publisher"), pm)),
        *(_clean(n.get("name")) for n in pm.jsonld_nodes if _types(n) & {"website"}),
        *(n for node in pm.jsonld_nodes if _types(node) & ORG_TYPES for n, _ in _names(node, pm)),
        pm.meta.get("application-name"),
        pm.meta.get("al:android:app_name"),
        pm.meta.get("al:iphone:app_name"),
        doc_sitename,
    ):
        if not cand or URLISH_RE.match(cand) or re.search(r"©|copyright", cand, re.I):
            continue
        cand = TITLE_SEP_RE.split(cand)[0].strip().lstrip("@")  # "Outlet | Slogan" -> "Outlet"
        if cand and cand not in names and len(cand) <= 80:
            names.append(cand)
    return names


def _host_domain(url: str | None) -> str:
    host = (urlsplit(url).hostname or "") if url else ""
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3 else 2
    return ".".join(labels[-keep:]) if len(labels) >= 2 else ""


def _host_key(url: str | None) -> str:
    """The registered name of the URL's host, compacted ("bbc" for www.bbc.co.uk)."""
    return _compact(_host_domain(url).split(".")[0])


def _mentions_domain(text: str, domain: str) -> bool:
    return bool(domain) and re.search(rf"(?<![\w.-]){re.escape(domain)}\b", text, re.I) is not None


def _name_keys(name: str) -> set[str]:
    """Comparable forms of an outlet name: "The Daily Planet" and "DailyPlanet.com" meet."""
    key = _compact(name)
    keys = {key, key.removeprefix("the")}
    if "." in name:
        keys.add(_compact(name.rsplit(".", 1)[0]).removeprefix("the"))
    keys.discard("")
    return keys


def _is_site_name(text: str, site_names: list[str], host_key: str) -> bool:
    """True when ``text`` names the outlet (a site name or the host's registered name)."""
    keys = _name_keys(text)
    if not keys:
        return False
    if len(host_key) >= 3 and host_key in keys:
        return True
    return any(keys & _name_keys(name) for name in site_names)


class _PageChrome:
    """The texts of a page's header, footer, logo and copyright parts (and their image alt
    texts, and any text with a ©), lowercased. Read in three groups, cheapest first, each
    only when the groups before it did not have the text, and each at most once."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree
        self._groups: list[list[str]] = []

    @staticmethod
    def _texts(elements: Iterator[HtmlElement] | list[HtmlElement]) -> list[str]:
        texts = []
        for el in elements:
            texts.append(WS_RE.sub(" ", el.text_content()).casefold())
            texts.extend((alt or "").casefold() for alt in el.xpath(".//img/@alt"))
        return texts

    def _group(self, index: int) -> list[str]:
        while len(self._groups) <= index:
            tree = self._tree
            if not self._groups:
                group = self._texts(tree.iter("header", "footer"))
            elif len(self._groups) == 1:
                group = self._texts(tree.xpath(
                    "//*[contains(@class,'logo') or contains(@id,'logo')"
                    " or contains(@class,'copyright') or contains(@id,'copyright')]"
                ))
            else:
                group = [t.casefold() for t in tree.xpath("//body//text()[contains(., '©')]")]
            self._groups.append(group)
        return self._groups[index]

    def mentions(self, text: str) -> bool:
        needle = text.casefold()
        return any(needle in t for index in range(3) for t in self._group(index))


def _repeated_on_page(text: str, tree: HtmlElement | _PageChrome) -> bool:
    """True when a short title segment shows up in the page's header, footer or logo."""
    chrome = tree if isinstance(tree, _PageChrome) else _PageChrome(tree)
    return chrome.mentions(text)


def clean_title(
    title: str | None,
    site_names: list[str],
    host_key: str = "",
    tree: HtmlElement | _PageChrome | None = None,
) -> str | None:
    """Drop a " | Outlet" / " - Outlet" suffix (or an "Outlet | " prefix).

    A suffix goes when it is the site's name (og:site_name, publisher, host name), or when it
    is short (at most four words) and repeated in the page's header, footer or logo.
    """
    title = _clean(title)
    if not title:
        return None
    for _ in range(2):
        seps = list(TITLE_SEP_RE.finditer(title))
        if not seps:
            break
        head, tail = title[: seps[-1].start()].strip(), title[seps[-1].end() :].strip()
        if head and (
            _is_site_name(tail, site_names, host_key)
            or (
                len(tail.split()) <= 4
                and len(tail) <= 40
                and tree is not None
                and _repeated_on_page(tail, tree)
            )
        ):
            title = head
            continue
        first, rest = title[: seps[0].start()].strip(), title[seps[0].end() :].strip()
        if rest and _is_site_name(first, site_names, host_key):
            title = rest
            continue
        break
    return title or None


def _choose_title(
    pm: PageMeta, doc_title: str | None, site_names: list[str], url: str | None, tree: HtmlElement
) -> str | None:
    art = pm.jsonld_article or {}
    host_key = _host_key(url)
    raw = [
        _clean(art.get("headline")) or _clean(art.get("name")),
        pm.meta.get("og:title"),
        pm.meta.get("twitter:title"),
        pm.html_title,
        doc_title,
    ]
    chrome = _PageChrome(tree)  # read at most once for all candidates
    cands = [t for t in (clean_title(r, site_names, host_key, chrome) for r in raw) if t]
    if not cands:
        return pm.h1[0] if len(pm.h1) == 1 else None
    h1_keys = {_compact(h): h for h in pm.h1 if len(h) <= 300}
    for cand in cands:  # the candidate the page itself shows as its headline
        if _compact(cand) in h1_keys:
            return cand
    for cand in cands:  # "Section | Headline": the h1 is one segment of a candidate
        for segment in TITLE_SEP_RE.split(cand):
            if len(segment) >= 15 and _compact(segment) in h1_keys:
                return h1_keys[_compact(segment)]
    return cands[0]


def _strip_tail(name: str) -> str:
    """Drop a trailing date ("Jane Doe Monday, November 18") or job title ("News reporter")."""
    words = name.split()
    while len(words) > 1 and WEEKDAY_RE.match(words[-1]):
        words.pop()
    while len(words) > 2 and words[-1].casefold() in ROLE_TAIL:
        words.pop()
    return " ".join(words)


def _split_authors(raw: str) -> list[str]:
    raw = _clean(raw) or ""
    raw = BYLINE_DATE_RE.sub(" ", URL_IN_TEXT_RE.sub(" ", EMAIL_RE.sub(" ", raw)))
    names = []
    for i, part in enumerate(AUTHOR_SPLIT_RE.split(raw)):
        part = BYLINE_PREFIX_RE.sub("", part.strip(" -–—:.\u00a0"))
        part = HANDLE_RE.sub(" ", part)
        part = WS_RE.sub(" ", part).strip(" -–—:.()[]")
        if i and (  # "Jane Doe, MS, RD", "Jane Doe, AP Auto Writer", "... Monday, November"
            part.casefold().replace(".", "") in CREDENTIALS
            or STAFF_RE.search(part)
            or MONTH_ONLY_RE.match(part)
        ):
            continue
        part = _strip_tail(part)
        if part and not WEEKDAY_RE.match(part):
            names.append(part)
    return names


def _is_outlet_desk(name: str, site_names: list[str], host_key: str) -> bool:
    """ "CNN Business", "Daily Planet Sports Desk": the outlet's name plus up to two words."""
    words = name.split()
    return any(
        _is_site_name(" ".join(words[:i]), site_names, host_key)
        for i in range(1, len(words))
        if len(words) - i <= 2
    )


def clean_authors(
    raw: list[str], site_names: list[str] | None = None, host_key: str = "", host_domain: str = ""
) -> list[str]:
    """A clean author list: split "A and B" / "A, B", no "By ", no outlet, Staff only if alone.

    ``site_names``, ``host_key`` ("nytimes") and ``host_domain`` ("nytimes.com") name the
    outlet, whose name is never an author.
    """
    people: list[str] = []
    staff: list[str] = []
    seen: set[str] = set()
    for item in raw:
        for name in _split_authors(item):
            if URLISH_RE.match(name) or USERNAME_RE.match(name):
                continue
            if len(name) > 60 or len(name.split()) > 6:
                continue
            if name.casefold() in NOT_NAMES or _is_site_name(name, site_names or [], host_key):
                continue
            if _is_outlet_desk(name, site_names or [], host_key):
                continue
            if _mentions_domain(name, host_domain):  # "Media Group for example.com"
                continue
            if name.isupper() and len(name) > 3:
                name = name.title()
            key = name.casefold()
            if key in seen:
                continue
            seen.add(key)
            (staff if STAFF_RE.search(name) else people).append(name)
    # keep the fullest form of a name ("Jane" goes when "Jane Doe" is there)
    people = [p for p in people if not any(p != q and p in q.split(" ") for q in people)]
    return people or staff[:1]


def _choose_authors(
    pm: PageMeta,
    doc_author: str | None | Callable[[], str | None],
    site_names: list[str],
    url: str | None,
) -> list[str]:
    host_key, host_domain = _host_key(url), _host_domain(url)
    art = pm.jsonld_article or {}
    jsonld = [name for name, _ in _names(art.get("author"), pm)]
    jsonld += [name for name, _ in _names(art.get("creator"), pm)]
    meta = [
        pm.meta[k]
        for k in (
            "author", "article:author", "byl", "sailthru.author", "parsely-author",
            "dc.creator", "dcterms.creator", "citation_author", "og:article:author",
        )  # fmt: skip
        if k in pm.meta and not URLISH_RE.match(pm.meta[k])
    ]
    for source in (jsonld, meta):
        authors = clean_authors(source, site_names, host_key, host_domain)
        if authors:
            return authors
    if callable(doc_author):  # trafilatura's byline search is asked only now
        doc_author = doc_author()
    return clean_authors([doc_author], site_names, host_key, host_domain) if doc_author else []


def normalize_language(value: Any) -> str | None:
    """ISO 639-1 lowercase code ('en' from 'en-US', 'eng' or 'English'), or None."""
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name")
    value = _clean(value)
    if not value:
        return None
    value = value.split(",")[0].strip()
    if value.casefold() in LANG_NAMES:
        return LANG_NAMES[value.casefold()]
    match = LANG_RE.match(value)
    if not match:
        return None
    code = match.group(1).lower()
    if len(code) == 3:
        return ISO639_2_TO_1.get(code)
    return code


def guess_language(text: str) -> str | None:
    """A cautious guess from the text itself: its script, or common function words."""
    sample = text[:5000]
    # str.isalpha, counted fast: ASCII letters by regex, the rest one by one
    letters = len(ASCII_LETTER_RE.findall(sample)) + sum(
        map(str.isalpha, NON_ASCII_RE.findall(sample))
    )
    if letters < 40:
        return None
    # no script can reach its share when all of them together stay under the smallest one
    if len(ANY_SCRIPT_RE.findall(sample)) > 0.05 * letters:
        for code, pattern in SCRIPT_LANGS:
            share = 0.05 if code == "ja" else 0.3  # Japanese mixes kana with many kanji
            if len(pattern.findall(sample)) > share * letters:
                return "uk" if code == "ru" and UKRAINIAN_RE.search(sample) else code
    words = WORD_RE.findall(sample.casefold())
    counts = Counter(words)
    scores = sorted(
        ((sum(counts[w] for w in stop if w in counts), code) for code, stop in STOPWORDS.items()),
        reverse=True,
    )
    (best, code), (second, _) = scores[0], scores[1]
    return code if best >= 0.08 * len(words) and best >= 1.5 * second else None


def _choose_language(pm: PageMeta, text: str) -> str | None:
    """A confident guess from the text wins (templates often carry a wrong lang); else
    the markup's majority (JSON-LD inLanguage, Content-Language, html lang, og:locale)."""
    guess = guess_language(text)
    if guess:
        return guess
    art = pm.jsonld_article or {}
    page_langs = [n.get("inLanguage") for n in pm.jsonld_nodes if _types(n) & PAGE_TYPES]
    cands = [
        normalize_language(art.get("inLanguage")),
        normalize_language(pm.meta.get("content-language")),
        normalize_language(pm.html_lang),
        normalize_language(pm.meta.get("og:locale")),
        normalize_language(pm.meta.get("dc.language") or pm.meta.get("language")),
        *(normalize_language(v) for v in page_langs[:1]),
    ]
    codes = [c for c in cands if c]
    if not codes:
        return None
    counts = Counter(codes)
    best = max(counts.values())
    return next(c for c in codes if counts[c] == best)


def _choose_canonical(pm: PageMeta) -> str | None:
    if pm.canonical:
        return pm.canonical
    og = _absolute(pm.meta.get("og:url"), pm.base_url)
    if og:
        return og
    art = pm.jsonld_article or {}
    main = art.get("mainEntityOfPage")
    main = main.get("@id") or main.get("url") if isinstance(main, dict) else main
    for value in (art.get("url"), main):
        if isinstance(value, str) and (absolute := _absolute(value, pm.base_url)):
            return absolute
    return None


# --------------------------------------------------------------------------- main text


def _doc_field(doc: Any, name: str) -> Any:
    if doc is None:
        return None
    if isinstance(doc, dict):
        return doc.get(name)
    return getattr(doc, name, None)


def _paragraphs(text: str | None) -> str:
    lines = (WS_RE.sub(" ", line).strip() for line in (text or "").splitlines())
    return "\n\n".join(line for line in lines if line)


def _trim_field(value: Any) -> Any:
    """What trafilatura's ``Document.clean_and_trim`` does to one metadata string."""
    if not isinstance(value, str):
        return value
    if len(value) > 10000:
        value = value[:9999] + "…"
    return line_processing(htmllib.unescape(value))


class _TrafilaturaMeta:
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
            if not author:
                try:
                    author = extract_author(self._tree)
                except Exception:
                    LOGGER.debug("trafilatura author search failed", exc_info=True)
            self._author = _trim_field(author)
        return self._author


def _bare(tree: HtmlElement, url: str | None, with_metadata: bool, **options: Any) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree, url=url, with_metadata=with_metadata, output_format="python", **options
        )
    except Exception:  # trafilatura raising on odd markup must not stop a crawl
        LOGGER.debug("trafilatura failed on %s", url, exc_info=True)
        return None


def extract_text(
    tree: HtmlElement, url: str | None = None, *, with_metadata: bool = True
) -> tuple[str, Any]:
    """Main text (paragraphs joined by blank lines) and trafilatura's Document.

    ``with_metadata=False`` skips trafilatura's metadata search (``extract_article`` reads
    the metadata it needs itself); the Document then carries the text only. trafilatura
    copies the tree, so ``tree`` is left as it was.
    """
    doc = _bare(tree, url, with_metadata, **TRAFILATURA_OPTIONS)
    text = _paragraphs(_doc_field(doc, "text"))
    if (
        RECALL_FALLBACK_RATIO
        and len(text) < RECALL_FALLBACK_MAX_CHARS
        and not TRAFILATURA_OPTIONS.get("favor_recall")
    ):
        options = {**TRAFILATURA_OPTIONS, "favor_recall": True, "favor_precision": False}
        second = _paragraphs(_doc_field(_bare(tree, url, False, **options), "text"))
        if len(text) < RECALL_FALLBACK_RATIO * len(second):
            text = second
    return text, doc


def _drop_leading_title(text: str, titles: list[str | None]) -> str:
    """Drop a first paragraph that repeats the headline (the title is its own field)."""
    first, sep, rest = text.partition("\n\n")
    keys = {_compact(t) for t in titles if t}
    return rest if sep and rest.strip() and _compact(first) in keys else text


def _is_link_list(text: str, tree: HtmlElement) -> bool:
    """True when at least LINK_LIST_SHARE of the text is lines that are the page's link texts."""
    lines = [(line, _compact(line)) for line in text.split("\n\n")]
    needed = LINK_LIST_SHARE * sum(len(line) for line, _ in lines)
    # Quick no: a link text's key is a substring of all link texts' keys run together.
    all_links = _compact("".join(ANCHOR_TEXTS(tree)))
    if sum(len(line) for line, key in lines if key and key in all_links) < needed:
        return False
    anchors = {_compact(a.text_content()) for a in tree.xpath("//a")}
    anchors.discard("")
    return sum(len(line) for line, key in lines if key in anchors) >= needed


def _with_metadata(
    text: str, doc: Any, tree: HtmlElement, url: str | None
) -> ExtractedArticle:
    """Fuse the page's markup metadata with trafilatura's into an article around ``text``.

    ``doc`` is trafilatura's metadata: a :class:`_TrafilaturaMeta`, or a Document/dict from
    ``bare_extraction(with_metadata=True)``.
    """
    pm = read_page_meta(tree, url)
    art = pm.jsonld_article or {}
    if isinstance(doc, _TrafilaturaMeta):
        doc_author: str | None | Callable[[], str | None] = doc.author
    else:
        doc_author = _doc_field(doc, "author")
    doc_sitename = _clean(_doc_field(doc, "sitename"))
    if doc_sitename and "." in doc_sitename and " " not in doc_sitename:
        doc_sitename = None  # trafilatura's fallback to the host name
    site_names = _site_names(pm, doc_sitename, url)
    title = _choose_title(pm, _clean(_doc_field(doc, "title")), site_names, url, tree)
    text = _drop_leading_title(text, [title, *pm.h1, pm.meta.get("og:title"), pm.html_title])
    signals = PageSignals(
        jsonld_types=frozenset(t for node in pm.jsonld_nodes for t in _types(node)),
        og_type=pm.meta.get("og:type"),
        has_published_meta=bool(pm.meta.get("article:published_time")),
        article_elements=int(tree.xpath("count(//article)")),
    )
    page_type, page_type_reason = classify_page(url, signals)
    return ExtractedArticle(
        page_type=page_type,
        page_type_reason=page_type_reason,
        title=title,
        authors=_choose_authors(pm, doc_author, site_names, url),
        language=_choose_language(pm, text),
        description=_clean(art.get("description"))
        or pm.meta.get("og:description")
        or pm.meta.get("description")
        or pm.meta.get("twitter:description")
        or _clean(_doc_field(doc, "description")),
        text=text,
        canonical_url=_choose_canonical(pm),
        site_name=site_names[0] if site_names else None,
    )


# --------------------------------------------------------------------------- entry point


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    default_tz: str = "UTC",
    content_type: str | None = None,
) -> ExtractedArticle | None:
    """Extract an article's text and metadata from one HTML page.

    Returns None when the page has no extractable main text (empty, binary, a link list).
    Never raises on malformed input.
    """
    text_html = decode_html(html, content_type)
    if text_html is None:
        return None
    try:
        tree = load_html(text_html)
    except Exception:
        LOGGER.debug("unparsable HTML from %s", url, exc_info=True)
        return None
    if tree is None:
        return None
    # One parse serves everything: trafilatura copies the tree before changing it, and the
    # metadata and date readers only read it.
    text, _ = extract_text(tree, url, with_metadata=False)
    if not WORD_RE.search(text) or _is_link_list(text, tree):
        return None
    try:
        result = _with_metadata(text, _TrafilaturaMeta(tree, url), tree, url)
    except Exception:  # odd markup must cost the metadata, not the page
        LOGGER.warning("metadata extraction failed on %s", url, exc_info=True)
        result = ExtractedArticle(text=text)
    try:
        result.date_hints = list(page_date_hints(tree, url))
        resolved = resolve_dates(result.date_hints, default_tz=default_tz)
    except Exception:
        LOGGER.warning("date extraction failed on %s", url, exc_info=True)
        return result
    result.published_at = resolved.published_at.isoformat() if resolved.published_at else None
    result.modified_at = resolved.modified_at.isoformat() if resolved.modified_at else None
    result.date_source = resolved.date_source
    return result
