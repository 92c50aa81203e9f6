"""Dates, step 2: a page -> every date it offers (:class:`~newscrawl.items.DateHint`).

Page hints (:func:`page_date_hints`), in order of trust
    ``jsonld`` (article-like objects first, the one naming the page URL before others; also
    ``@graph``, lists and ``mainEntity``; broken JSON falls back to the bare key/value
    pairs), ``meta`` (Open Graph, Dublin Core, itemprop, parsely, sailthru, ...; specific
    names before a generic ``date``; not an itemprop of an embedded video's, image's or comment's
    microdata item), ``time`` (``<time datetime>``; ones marked as
    publish/update first, then the first unmarked one, inside article/header/main if any;
    none in a comment, related story or teaser),
    ``url`` (``/2026/01/28/``, ``/2026-01-28-``, ``20260128``, ``/2026/jan/28/``; the page's
    canonical URL when none is given), ``htmldate`` (its own guess, ``original_date=True``;
    asked only when the URL carries no date, since it would return that date as is, and the
    page's JSON-LD or meta tags give no valid published date), and
    ``text`` (a date written in or just after the headline -- the ``<h1>``, else the ``<h2>``/
    ``<h3>`` that begins the page title -- before the first paragraph of prose, then short
    texts in elements whose class/id speaks of a date or byline; never inside comments,
    teasers, related lists, navigation, links or picture captions; dates in other languages
    and scripts when dateparser reads them; ``modified`` after "updated" or inside a
    "lastmod" element; when nothing else gives a published date, the date in the page's
    ``<title>``, else og:title: "Headline - 07.12.2017 - Outlet"). An htmldate answer that is
    exactly a modified hint's instant is dropped: htmldate falls back to the modified date. A
    URL filed under a month without a day (``/2019/02/slug``) drops the weak dates (time, text,
    htmldate) far from that month.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from itertools import islice
from typing import Any
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml import etree

from newscrawl.extract.dates.parse import (
    MAX_RAW_LEN,
    MONTH_ALT,
    MONTHS,
    SPACES_RE,
    THAI_MONTH,
    TZ_ALT,
    parse_value,
)
from newscrawl.items import DateHint

__all__ = ["page_date_hints", "url_date"]

_ARTICLE_TYPES = {
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
    "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle",
    "satiricalarticle", "liveblogposting", "socialmediaposting", "discussionforumposting",
    "techarticle", "scholarlyarticle", "report", "posting", "blog", "medicalscholarlyarticle",
}
_PAGE_TYPES = {"webpage", "itempage", "aboutpage", "qapage", "faqpage", "medicalwebpage"}
_NOT_PAGE_TYPES = {
    "imageobject", "videoobject", "audioobject", "mediaobject", "clip", "website",
    "organization", "newsmediaorganization", "person", "product", "event", "comment",
    "review", "offer", "rating", "breadcrumblist", "sitenavigationelement", "itemlist",
}
_JSONLD_KEYS = (("datePublished", "published"), ("dateCreated", "published"),
                ("dateModified", "modified"))

# Meta names (name/property/itemprop/http-equiv, lower-cased) in order of trust.
META_PUBLISHED = (
    "article:published_time", "og:article:published_time", "datepublished",
    "article:published", "og:published_time", "published_time", "article.published",
    "article:published_date", "article:publicationdate", "parsely-pub-date",
    "sailthru.date", "cxenseparse:recs:publishtime", "dc.date.issued", "dcterms.issued",
    "dc.date.created", "dcterms.created", "dc.date.publication", "datecreated",
    "publishdate", "publish-date", "publish_date", "pubdate", "pub_date", "publication_date",
    "publication-date", "publicationdate", "date_published", "date-published",
    "article_date_original", "original-publish-date", "article.created", "article:post_date",
    "bt:pubdate", "citation_publication_date", "citation_date", "citation_online_date",
    "rnews:datepublished", "displaydate", "dateposted", "date_created", "content_create_date",
    "dcsext.articlefirstpublished", "mediator_published_time", "analyticsattributes.articledate",
    "dc.date", "dc:date", "dcterms.date", "dc.created", "dc:created", "date", "created",
    "og:pubdate", "article:created_time", "created_time",
)
META_MODIFIED = (
    "article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
    "article:modified", "article:modified_date", "og:modified_time", "modified_time",
    "updated_time", "article.updated", "dcterms.modified", "dc.date.modified", "dc.modified",
    "sailthru.lastmodified", "parsely-modified-date", "lastmodified", "last-modified",
    "lastmod", "modified", "date_modified", "dateupdated", "dateupdate", "revision_date",
    "article:post_modified", "bt:moddate", "eomportal-lastupdate", "utime",
)
_META_RANK = {name: i for i, name in enumerate(META_PUBLISHED)}
_META_RANK.update({name: i for i, name in enumerate(META_MODIFIED)})
_META_KIND = {name: "published" for name in META_PUBLISHED}
_META_KIND.update({name: "modified" for name in META_MODIFIED})


class _Marks:
    """A case-insensitive search for lowercase ASCII words in class/id/itemprop strings.

    ASCII text is lowercased and searched case-sensitively, which finds the same matches
    about ten times faster than ``re.I``; other text gets the ``re.I`` pattern.
    """

    def __init__(self, pattern: str) -> None:
        self._lower = re.compile(pattern)
        self._any_case = re.compile(pattern, re.I)

    def search(self, text: str) -> re.Match[str] | None:
        if text.isascii():
            return self._lower.search(text.lower())
        return self._any_case.search(text)


_PUB_MARK = _Marks(r"publi|posted|pubdate|created|entry-date|date-?pub|article-date|origin")
_MOD_MARK = _Marks(r"updat|modif|revis|edited|lastmod|last-mod|aktualisiert|actualiz|mis-a-jour|maj\b")
_TEXT_CONTAINER = _Marks(
    r"date|time|publi|posted|byline|dateline|meta|fecha|datum|data\b|zeit|info"
)
_TEXT_CONTAINER_TAGS = (
    "span", "div", "p", "li", "small", "em", "dd", "address", "footer", "header",
)  # fmt: skip
_NOISE_MARK = _Marks(
    r"comment|related|teaser|recommend|sidebar|widget|promo|slider|swiper|carousel|"
    r"\bnav|menu|trending|popular|most-read|more-from|newsletter"
)
# what a <time> near it belongs to when it is not the story's (a page-wide wrapper such as a
# "sliderBox" or "sticky-sidebar" column is no teaser: only the nearest ancestors are read)
_TIME_NOISE_MARK = _Marks(r"comment|related|teaser|recommend|most-read|more-from|trending|popular")
_MOD_WORDS = re.compile(
    r"updated|modified|last edit|aktualisiert|geändert|actualizad|modificad|mis à jour|"
    r"modifié|modificat|modifica il|aggiornat|atualizad|bijgewerkt|aangepast|обновлен|оновлен|"
    r"zaktualizowan|aktualizováno|"
    r"güncelle|päivitetty|oppdatert|uppdaterad|opdateret|更新|수정", re.I
)
# words that say a date is the publication's, whatever the element's class says
_PUB_WORDS = re.compile(r"publi|pubbl|posted|veröffentlicht|erschienen|입력|公開|掲載|发布", re.I)
# a republished story's note: "This article was originally published on The Conversation on ...",
# "Originally published by ProPublica" (not the outlet's own "Originally published January 15")
_REPUBLISHED_RE = re.compile(
    r"(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:by|in|on|at)\s+(?:the\s+)?"
    r"(?-i:[A-Z])(?![a-z]{0,8}\.?\s+\d)", re.I)
# ... or with the outlet after the date: "Originally published Jan. 15, 2026 by The Conversation"
_ORIGINALLY_RE = re.compile(r"(?:originally|first)\s+(?:published|appeared|posted|ran)\s+(?:on\s+)?$", re.I)
_BY_OUTLET_RE = re.compile(r"\s*,?\s*(?:by|in|on|at)\s+(?:the\s+)?(?-i:[A-Z])", re.I)
_TEXT_DATE_RE = re.compile(
    # a clock time may come first: "3:15 PM EST, Tuesday, Jan 5, 2021"
    rf"(?:(?<![\d:.])\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?\s?m\b\.?)?(?:\s*(?-i:{TZ_ALT})(?![A-Za-z]))?"
    rf"\s*[,|–—-]?\s*(?:[^\W\d_]{{2,12}}\.?,?\s+)?)?"
    rf"(?:(?<![^\W\d_])(?:{MONTH_ALT})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\.?,?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:\.|º|er|st|nd|rd|th)?\s*(?:de\s+|of\s+)?(?:{MONTH_ALT})(?![^\W\d_])\.?,?"
    rf"\s*(?:de\s+|del\s+)?\d{{4}}"
    rf"|(?<![\d.])\d{{1,2}}(?:/|-|\.\s?)\d{{1,2}}(?:/|-|\.\s?)\d{{4}}(?!\d)"
    rf"|(?<!\d)\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}(?!\d)"
    # Korean "2026. 1. 22." (a space after each dot)
    rf"|(?<!\d)\d{{4}}\.\s\d{{1,2}}\.\s\d{{1,2}}\.(?!\d))"
    # a clock time after the date, not across an update's words ("Jan. 22, 2026 | Updated 9:05")
    rf"(?:(?:(?!{_MOD_WORDS.pattern})[^\n\d]){{0,12}}\d{{1,2}}[:h.]\d{{2}}(?::\d{{2}})?(?:\s*[ap]\.?\s?m\.?)?"
    rf"(?:\s*(?:(?-i:GMT|UTC)\s?[+\-−]\d{{1,2}}(?::?\d{{2}})?(?!\d)|(?-i:{TZ_ALT})(?![A-Za-z]))"
    # or a numeric offset after a space ("23:30 +0100", "11:45 pm -05:00"; not a range "10:00-12:00")
    rf"|\s+[+\-−](?:0\d|1[0-4]):?[0-5]\d(?![\d:]))?)?",
    re.I,
)
# dates the month words above do not cover, for dateparser to read: CJK (2019年2月22日,
# 2019년 2월 22일), another language's month word (22 февраля 2019, 22 lutego 2019, 22 Şubat
# 2019), Hungarian's year first (2019. február 22.); kept only when they parse
_MARKED = "\u0900-\u0dff\u0e00-\u0e7f"  # Indic and Thai letters and their marks
_OTHER_DATE_RE = re.compile(
    r"\d{4}\s*[年년]\s*\d{1,2}\s*[月월]\s*\d{1,2}\s*[日일]?"
    r"(?:\s*\d{1,2}\s*[:時시]\s*\d{2}\s*分?)?"
    # (a month word of an Indic or Thai script holds vowel signs, no word characters for \w:
    # Bengali "২৫ জানুয়ারি ২০২৬, ০৮: ৩০", its clock's colon spaced; tests/asiaweb)
    rf"|(?<![\d.])\d{{1,2}}\.?\s+[^\W\d_](?:[^\W\d_]|[{_MARKED}]){{2,14}}\.?,?\s+\d{{4}}(?!\d)"
    r"(?:,?\s+\d{1,2}:\s?\d{2})?"
    r"|(?<!\d)\d{4}\.\s+[^\W\d_]{3,12}\s+\d{1,2}\.(?!\d)"
    # a Thai date of the Buddhist era: "25 มกราคม พ.ศ. 2569 - 14:20", "23 ม.ค. 69 08:05"
    rf"|(?<!\d)\d{{1,2}}\s*(?:{THAI_MONTH})\s*(?:พ\.\s?ศ\.\s*)?(?:25\d\d|\d\d)(?!\d)"
    r"(?:\s*-?\s*\d{1,2}[:.]\d{2})?"
)
# "Dec 28 Sat 2013": a weekday is no month, whatever dateparser makes of it
_WEEKDAY_RE = re.compile(r"(?<![^\W\d_])(?:mon|tue|wed|thu|fri|sat|sun)[^\W\d_]*", re.I)
_URL_DATE_RES = (
    re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?=/|$|[-_.])"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})[-_/.](\d{2})[-_/.](\d{2})(?![\d])"),
    re.compile(r"(?<![\d])((?:19|20)\d{2})(\d{2})(\d{2})(?![\d])"),
)
# /2019/02/slug: the month the story was filed under, without a day
_URL_YEAR_MONTH_RE = re.compile(r"/((?:19|20)\d{2})/(0?[1-9]|1[0-2])(?=/|$)")
_YEAR_RE = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_WEAK_SOURCES = frozenset({"time", "text", "htmldate"})
# how far a weak date may lie from the URL's month: before its 1st, after its last day
_URL_MONTH_BEFORE, _URL_MONTH_AFTER = timedelta(days=31), timedelta(days=62)
_URL_MONTH_RE = re.compile(rf"/((?:19|20)\d{{2}})/({MONTH_ALT})/(\d{{1,2}})(?=/|$)", re.I)
_MAX_TEXT_HINTS = 3
_COMPACT_RE = re.compile(r"[\W_]+")


def _parse_html(html: str | bytes) -> Any:
    """Parse a page with lxml; None when nothing usable comes out."""
    if isinstance(html, str):
        html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html.replace("\x00", ""))
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError, TypeError):
        try:
            return lxml.html.fromstring(html)
        except (etree.ParserError, ValueError, TypeError):
            return None


def _norm_url(url: str | None) -> str:
    if not url:
        return ""
    parts = urlsplit(url.strip())
    return (parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")).lower()


def _jsonld_load(text: str) -> Any:
    text = text.strip()
    text = re.sub(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$", "",
                  text).strip()
    for attempt in (text, re.sub(r",\s*([}\]])", r"\1", text)):
        try:
            return json.loads(attempt, strict=False)
        except ValueError:
            continue
    return None


def _types(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type", ())
    items = raw if isinstance(raw, list) else [raw]
    return {str(t).rsplit("/", 1)[-1].lower() for t in items if isinstance(t, str)}


def _jsonld_objects(node: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Top-level objects, members of @graph and lists, and their mainEntity."""
    if depth > 6:
        return
    if isinstance(node, list):
        for item in node:
            yield from _jsonld_objects(item, depth + 1)
    elif isinstance(node, dict):
        yield node
        for key in ("@graph", "mainEntity"):
            if key in node:
                yield from _jsonld_objects(node[key], depth + 1)


def _above(named: object, page: str) -> bool:
    """True when ``named`` (a JSON-LD ``url`` or ``@id``) is a page above ``page`` (a
    :func:`_norm_url`) on its site: the home page or a section (``/opinion/`` above
    ``/opinion/a-column/``)."""
    if not isinstance(named, str):
        return False
    above = _norm_url(named)
    return bool(above) and page.startswith(above + "/")


def _jsonld_hints(tree: Any, url: str | None) -> list[DateHint]:
    page = _norm_url(url)
    ranked: list[tuple[int, int, DateHint]] = []
    scripts = tree.xpath("//script[contains(translate(@type,'LDJSON','ldjson'),'ld+json')]")
    seq = 0
    for script in scripts:
        text = script.text_content() if script.text is None else script.text
        data = _jsonld_load(text or "")
        if data is None:  # broken JSON: fall back to the bare key/value pairs
            for key, kind in _JSONLD_KEYS:
                for value in re.findall(rf'"{key}"\s*:\s*"([^"]{{4,60}})"', text or ""):
                    ranked.append((3, seq, DateHint(value, "jsonld", kind)))
                    seq += 1
            continue
        for obj in _jsonld_objects(data):
            types = _types(obj)
            if types & _ARTICLE_TYPES or any(t.endswith("article") for t in types):
                rank = 0
            elif types & _PAGE_TYPES:
                rank = 2
            elif types & _NOT_PAGE_TYPES:
                continue  # a photo's, the site's or an organisation's date is not the page's
            elif types:
                rank = 4
            else:
                rank = 3
            ids = [obj.get("url"), obj.get("@id"), obj.get("mainEntityOfPage")]
            ids = [i.get("@id") if isinstance(i, dict) else i for i in ids]
            if rank == 2 and page and any(_above(i, page) for i in ids):
                continue  # the WebPage of the section or home page above this one: its dates
            if rank == 0 and page and any(isinstance(i, str) and _norm_url(i) == page for i in ids):
                rank = -1
            for key, kind in _JSONLD_KEYS:
                value = obj.get(key)
                if isinstance(value, list) and value:
                    value = value[0]
                if isinstance(value, str | int | float) and str(value).strip():
                    ranked.append((rank, seq, DateHint(str(value).strip(), "jsonld", kind)))
                    seq += 1
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [hint for _, _, hint in ranked]


# The elements of ``//meta|//*[@itemprop and not(self::time)]``, in the same (document) order:
# the owners of the itemprop attributes (``//@itemprop/..``) are found without testing a
# predicate on every element of the page (0.05 against 0.13 ms a page), and a <time> (never a
# <meta>) is left out in Python.
_META_ELEMENTS = etree.XPath("//meta|//@itemprop/..", smart_strings=False)


def _meta_elements(tree: Any) -> list[Any]:
    return [el for el in _META_ELEMENTS(tree) if el.tag != "time"]


def _meta_hints(tree: Any) -> list[DateHint]:
    ranked: list[tuple[int, int, DateHint]] = []
    for seq, el in enumerate(_meta_elements(tree)):
        value = el.get("content") or el.get("datetime") or el.get("value")
        if value is None and el.tag != "meta":
            value = el.text_content()
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (el.get(attr) or "").strip().lower()
            if key in _META_KIND and value and value.strip():
                if attr == "itemprop" and _in_other_item(el):
                    break  # an embedded video's or comment's date, not the page's
                ranked.append((_META_RANK[key], seq, DateHint(value.strip()[:MAX_RAW_LEN],
                                                            "meta", _META_KIND[key])))
                break
    ranked.sort(key=lambda r: (r[0], r[1]))
    return [hint for _, _, hint in ranked]


def _in_other_item(el: Any) -> bool:
    """True when the microdata item an ``itemprop`` belongs to (its nearest ``itemscope``
    ancestor) is of a type that is not the page's: a ``VideoObject``, ``ImageObject``,
    ``Comment``, ... (the types JSON-LD's reader passes over)."""
    for parent in el.iterancestors():
        if parent.get("itemscope") is not None:
            kind = (parent.get("itemtype") or "").strip().rsplit("/", 1)[-1].lower()
            return kind in _NOT_PAGE_TYPES
    return False


def _marks(el: Any) -> str:
    return " ".join(el.get(a) or "" for a in ("itemprop", "class", "id", "name"))


def _time_hints(tree: Any) -> list[DateHint]:
    marked: list[DateHint] = []
    unmarked: list[tuple[int, DateHint]] = []
    elems = tree.xpath("//time|//abbr[contains(concat(' ',@class,' '),' published ') or "
                       "contains(concat(' ',@class,' '),' updated ')]")
    for el in elems:
        value = el.get("datetime") or el.get("title") or (el.text_content() or "")
        value = " ".join(value.split())[:MAX_RAW_LEN]
        if not value:
            continue
        ancestors = [p for p in el.iterancestors() if p.tag not in ("html", "body")]
        if any(_TIME_NOISE_MARK.search(_marks(p)) for p in ancestors[:6]):
            continue  # a comment's, a teaser's or a related story's time
        marks = _marks(el) + " " + " ".join(_marks(p) for p in ancestors)[:200]
        own = _marks(el)
        if _MOD_MARK.search(own):
            marked.append(DateHint(value, "time", "modified"))
        elif _PUB_MARK.search(own) or el.get("pubdate") is not None:
            marked.append(DateHint(value, "time", "published"))
        elif _MOD_MARK.search(marks) and not _PUB_MARK.search(marks):
            continue
        elif (label := _label_before(el)) and _updated_by_words(label):
            marked.append(DateHint(value, "time", "modified"))  # "Updated <time>"
        elif _updated_by_words(_label_inside(el)):
            marked.append(DateHint(value, "time", "modified"))  # "<time>Aktualisiert am ...</time>"
        elif label and _PUB_WORDS.search(label):
            marked.append(DateHint(value, "time", "published"))  # "Published <time>"
        else:
            in_main = any(p.tag in ("article", "header", "main") for p in el.iterancestors())
            unmarked.append((0 if in_main else 1, DateHint(value, "time", "published")))
    unmarked.sort(key=lambda r: r[0])
    return marked + [hint for _, hint in unmarked[:1]]


def _label_before(el: Any) -> str:
    """The words written just before an element, in its parent (``Updated <time>``): the tail of
    the sibling before it, else its parent's own text; at most 30 characters."""
    prev = el.getprevious()
    text = (prev.tail if prev is not None else el.getparent().text if el.getparent() is not None
            else None) or ""
    return text[-30:]


def _label_inside(el: Any) -> str:
    """The words an element's own text begins with before its first digit (``<time
    datetime=...>Aktualisiert am 25.01.2026</time>``, ``Updated Jan. 5``): at most 30 characters."""
    text = (el.text_content() or "").strip()
    m = _FIRST_DIGIT.search(text[:60])
    return text[: m.start()][-30:] if m else ""


_FIRST_DIGIT = re.compile(r"\d")


def url_date(url: str | None) -> str | None:
    """The calendar day a URL path names (``/2026/01/28/``, ``2026-01-28``), as YYYY-MM-DD."""
    if not url:
        return None
    path = unquote(urlsplit(url).path)
    if m := _URL_MONTH_RE.search(path):
        year, mon, day = int(m[1]), MONTHS[m[2].lower()], int(m[3])
        candidates = [(year, mon, day)]
    else:
        candidates = [(int(m[1]), int(m[2]), int(m[3])) for rx in _URL_DATE_RES
                      for m in rx.finditer(path)]
    for year, mon, day in candidates:
        try:
            return date(year, mon, day).isoformat()
        except ValueError:
            continue
    return None


def url_month(url: str | None) -> tuple[int, int] | None:
    """The (year, month) a URL path files a story under without a day (``/2019/02/slug``)."""
    if not url:
        return None
    m = _URL_YEAR_MONTH_RE.search(unquote(urlsplit(url).path))
    return (int(m[1]), int(m[2])) if m else None


def _within_url_month(hints: list[DateHint], month: tuple[int, int]) -> list[DateHint]:
    """``hints`` without the weak published dates (``time``, ``text``, ``htmldate``) that lie
    far from the month the URL names: an event box's date, a copyright year's January 1st.
    The window runs from a month before that month to two months after it; structured dates
    (JSON-LD, meta) are never dropped this way."""
    year, mon = month
    first = date(year, mon, 1)
    last = date(year + mon // 12, mon % 12 + 1, 1) - timedelta(days=1)
    lo, hi = first - _URL_MONTH_BEFORE, last + _URL_MONTH_AFTER
    kept = []
    for h in hints:
        if h.kind == "published" and h.source in _WEAK_SOURCES and isinstance(h.value, str):
            years = {int(y) for y in _YEAR_RE.findall(h.value)}
            if years and not any(lo.year <= y <= hi.year for y in years):
                continue  # no need to parse it: its year is already too far
            parsed = parse_value(h.value)
            if parsed is not None and not lo <= parsed.day <= hi:
                continue
        kept.append(h)
    return kept


def _canonical(tree: Any) -> str | None:
    for xp in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = tree.xpath(xp)
        if found and str(found[0]).strip():
            return str(found[0]).strip()
    return None


def _story_scope(tree: Any) -> Any:
    """What htmldate reads: the ``<article>`` or ``<main>`` around the page's one ``<h1>``
    (the story, without the site's masthead, sidebars, most-read lists and footer, whose dates
    are not the story's: a masthead's is the day of the visit), else the whole page. The
    page's ``<head>`` is read by the JSON-LD and meta readers, and htmldate is asked only when
    they find no published date."""
    h1s = tree.xpath("//body//h1")
    if len(h1s) == 1:
        scope = next(h1s[0].iterancestors("article", "main"), None)
        if scope is not None:
            return scope
    return tree


def _htmldate_hints(tree: Any, url: str | None) -> list[DateHint]:
    try:
        from htmldate import find_date
    except ImportError:  # pragma: no cover - htmldate is a dependency
        return []
    try:
        found = find_date(_story_scope(tree), extensive_search=True, original_date=True,
                          outputformat="%Y-%m-%dT%H:%M:%S%z", url=url)
    except Exception:  # htmldate must never break a page
        return []
    if not found:
        return []
    if found[4:10] == "-01-01" and not _names_new_year(tree, found[:4]):
        return []  # a bare year in the text ("created in 2003", "© 2016-2026") read as January 1st
    # a naive midnight is how htmldate writes a date without a time
    return [DateHint(found.removesuffix("T00:00:00"), "htmldate", "published")]


_JANUARY_ALT = "|".join(sorted((re.escape(w) for w, n in MONTHS.items() if n == 1), key=len, reverse=True))


def _names_new_year(tree: Any, year: str) -> bool:
    """True when the page writes January 1st of ``year`` as a date (in its text or markup):
    htmldate gives January 1st for a year it found alone, which dates nothing."""
    page = etree.tostring(tree, encoding="unicode", method="html")
    return re.search(
        rf"{year}\s*[-/.]\s*0?1\s*[-/.]\s*0?1(?!\d)|(?<!\d)0?1\s*[-/.]\s*0?1\s*[-/.]\s*{year}"
        rf"|(?<![^\W\d_])(?:{_JANUARY_ALT})\.?\s+0?1(?:st)?(?!\d),?\s+{year}"
        rf"|(?<!\d)0?1(?:\.|º|er|st)?\s*(?:de\s+|of\s+)?(?:{_JANUARY_ALT})(?![^\W\d_])\.?,?\s*(?:de\s+)?{year}"
        rf"|{year}\s*[年년]\s*0?1\s*[月월]\s*0?1\s*[日일]|{year}0101(?!\d)",
        page, re.I) is not None


def _dates_in(text: str, context: str = "") -> Iterator[DateHint]:
    """Date-like substrings of a short text, as ``text`` hints (``modified`` after 'updated')."""
    text = SPACES_RE.sub(" ", text)
    found = list(_TEXT_DATE_RE.finditer(text))
    for m in _OTHER_DATE_RE.finditer(text):
        if (not any(m.start() < k.end() and k.start() < m.end() for k in found)
                and not _WEEKDAY_RE.search(m.group(0)) and parse_value(m.group(0)) is not None):
            found.append(m)
    end = 0
    for m in sorted(found, key=lambda m: m.start()):
        # the words since the date before it: "Updated Jan. 24, 2026 Published Jan. 21, 2026"
        before = text[max(end, m.start() - 40): m.start()]
        note = text[max(end, m.start() - 80): m.start()]
        end = max(end, m.end())
        if _REPUBLISHED_RE.search(note) or (_ORIGINALLY_RE.search(before)
                                            and _BY_OUTLET_RE.match(text, m.end())):
            continue  # the day another outlet first ran the story, not this page's
        modified = _updated_by_words(before) or (
            _MOD_WORDS.search(context) or (context and _MOD_MARK.search(context))
            if not _PUB_WORDS.search(before) else None)
        kind = "modified" if modified else "published"
        yield DateHint(m.group(0).strip(), "text", kind)


def _updated_by_words(before: str) -> bool:
    """True when the last word that labels a date in ``before`` says updated, not published."""
    updated = [m.end() for m in _MOD_WORDS.finditer(before)]
    published = [m.end() for m in _PUB_WORDS.finditer(before)]
    return bool(updated) and (not published or updated[-1] > published[-1])


def _headline(tree: Any) -> Any:
    """The page's headline: its ``<h1>`` (one in article/main first), else the first ``<h2>`` or
    ``<h3>`` whose text begins or ends the page's title (og:title or ``<title>``: "Headline -
    Outlet", or "Outlet - Headline" as hand-written pages put it)."""
    # the first of "//article//h1|//main//h1", else of "//body//h1": the page's h1s read once
    # (the XPaths walk the page twice each) and their ancestors looked up
    h1s = list(tree.getroottree().getroot().iter("h1"))
    for tags in (("article", "main"), ("body",)):
        for h1 in h1s:
            if next(h1.iterancestors(*tags), None) is not None:
                return h1
    titles = tree.xpath("//meta[@property='og:title']/@content|//head/title/text()")
    keys = [k for k in (_COMPACT_RE.sub("", str(t)).casefold() for t in titles) if k]
    for heading in tree.xpath("//body//h2|//body//h3"):
        key = _COMPACT_RE.sub("", heading.text_content()).casefold()
        if len(key) >= 12 and any(k.startswith(key) or k.endswith(key) for k in keys):
            return heading
    return None


def _in_noise(el: Any, memo: dict[Any, bool] | None = None) -> bool:
    """True inside comments, teasers, related-article lists, navigation, links or a picture's
    caption (a photo's date is not the story's).

    ``memo`` keeps the answers for elements already seen (and their ancestors) within one page.
    """
    memo = {} if memo is None else memo
    path = []
    node = el
    noise = False
    while node is not None:
        if node in memo:
            noise = memo[node]
            break
        path.append(node)
        if node.tag in ("a", "nav", "aside", "figcaption") or _NOISE_MARK.search(_marks(node)):
            noise = True
            break
        if node.tag == "header" and _is_masthead(node):
            noise = True
            break
        node = node.getparent()
    for seen in path:
        memo[seen] = noise
    return noise


def _is_masthead(header: Any) -> bool:
    """A ``<header>`` of the site, not of the story: outside any ``<article>`` or ``<main>``
    and without the headline. Its date is the day of the visit ("Saturday, December 5")."""
    return next(header.iterancestors("article", "main"), None) is None and header.find(".//h1") is None


def _text_containers(tree: Any) -> Iterator[Any]:
    """Elements inside <body> (span, div, p, li, ...) whose class/id/itemprop/name speaks of a
    date, time, byline or publication, in document order. A lazy walk: the caller stops early."""
    bodies = tree.xpath("//body")
    if len(bodies) != 1:  # odd markup: the plain XPath, which never yields a node twice
        elems: Iterable[Any] = tree.xpath(
            "//body//*[" + " or ".join(f"self::{t}" for t in _TEXT_CONTAINER_TAGS) + "]"
        )
    else:
        elems = bodies[0].iter(_TEXT_CONTAINER_TAGS)
    for el in elems:
        get = el.get
        itemprop, cls, id_ = get("itemprop"), get("class"), get("id")
        if cls is None and id_ is None and itemprop is None:
            continue
        if _TEXT_CONTAINER.search(f"{itemprop or ''} {cls or ''} {id_ or ''} {get('name') or ''}"):
            yield el


_NEAR_HEADLINE_NODES = 12
_XML_SPACE = " \t\r\n"  # normalize-space()'s white space


def _subtree_texts(el: Any, with_tail: bool) -> Iterator[tuple[str, Any, bool]]:
    """The text nodes of ``el``'s subtree (and its tail) in document order, as (text, the
    node holding it, whether it is that node's tail); a comment's own text is none."""
    if not isinstance(el.tag, str):  # a comment or processing instruction: its tail only
        if with_tail and el.tail is not None:
            yield el.tail, el, True
        return
    if el.text is not None:
        yield el.text, el, False
    open_elements, children = [el], [iter(el)]
    while children:
        child = next(children[-1], None)
        if child is None:  # an element ends: its tail follows
            children.pop()
            done = open_elements.pop()
            if done.tail is not None and (with_tail or done is not el):
                yield done.tail, done, True
        elif isinstance(child.tag, str):
            if child.text is not None:
                yield child.text, child, False
            open_elements.append(child)
            children.append(iter(child))
        elif child.tail is not None:
            yield child.tail, child, True


def _texts_from(el: Any) -> Iterator[tuple[str, Any, bool]]:
    """The XPath ``(.//text()|following::text())`` from ``el``, lazily: its own text nodes,
    then every text node after it in the document."""
    yield from _subtree_texts(el, with_tail=False)
    node = el
    while node is not None:
        if node.tail is not None:
            yield node.tail, node, True
        for sibling in node.itersiblings():
            yield from _subtree_texts(sibling, with_tail=True)
        node = node.getparent()


def _near_headline(h1: Any) -> list[tuple[str, Any, bool]]:
    """The first text nodes from the headline on that hold more than white space, outside
    scripts and styles: the XPath ``(.//text()|following::text())[normalize-space()]
    [not(ancestor::script) and not(ancestor::style)][position() <= 12]``, read lazily (the
    XPath tests every text node after the headline, to the end of the page)."""
    found = []
    for text, holder, is_tail in _texts_from(h1):
        if not text.strip(_XML_SPACE):
            continue
        inside = holder.getparent() if is_tail else holder
        if inside is not None and (inside.tag in ("script", "style") or next(
                inside.iterancestors("script", "style"), None) is not None):
            continue
        found.append((text, holder, is_tail))
        if len(found) >= _NEAR_HEADLINE_NODES:
            break
    return found


def _updated_mark(el: Any) -> str | None:
    """``el``'s marks when they say updated and not published (WordPress's ``<time
    class="updated">``) and its text holds one date, else None. (An element marked so that holds
    two dates is a line of both: ``<p class="is-last-update">22 gennaio 2026 (modifica il 22
    gennaio 2026 | 09:14)</p>``, read by the words before each.)"""
    marks = _marks(el)
    if not _MOD_MARK.search(marks) or _PUB_MARK.search(marks):
        return None
    text = SPACES_RE.sub(" ", el.text_content())
    if len(text) > 120 or _PUB_WORDS.search(text):  # "Published Oct 19, 2022" in an UpdatedAt class
        return None
    return marks if len(_TEXT_DATE_RE.findall(text)) == 1 else None


def _container_texts(el: Any) -> tuple[str, list[tuple[str, str]]]:
    """A date container's text (its first 40 text nodes), and apart from it the texts of the
    elements inside it marked as updated, each with its marks: WordPress's posted-on line holds
    ``<time class="entry-date published">January 21, 2026</time><time class="updated">January
    22, 2026</time>``, and the second day is the modification's."""
    whole = " ".join(" ".join(islice(el.itertext(), 40)).split())
    if len(whole) > 120:  # no date line: the caller passes over it
        return whole, []
    updated = [n for n in el.iterdescendants() if n.attrib and isinstance(n.tag, str) and _updated_mark(n)]
    if not updated:
        return whole, []
    inside = set(updated)
    for n in updated:
        inside.update(n.iterdescendants())
    own = []
    for text, holder, is_tail in _subtree_texts(el, with_tail=False):
        if (holder in inside) != (is_tail and holder in updated):  # a marked element's tail is out
            continue
        own.append(text)
        if len(own) >= 40:
            break
    tops = [n for n in updated if not any(a in inside for a in n.iterancestors())]
    return (" ".join(" ".join(own).split()),
            [(" ".join(n.text_content().split()), _updated_mark(n) or "") for n in tops])


def _text_hints(tree: Any) -> list[DateHint]:
    """Dates written next to the headline, then in date/byline-marked elements."""
    hints: list[DateHint] = []
    noise: dict[Any, bool] = {}
    h1 = _headline(tree)
    if h1 is not None:
        near = []
        updated: list[DateHint] = []
        for node, holder, is_tail in _near_headline(h1):  # bylines are short; stop at prose
            text = " ".join(node.split())
            if len(text) > 100:
                break
            # a link's tail ("By <a>Name</a> on May 2, 2026") is its parent's text, not the link's
            parent = holder
            if parent is not None and is_tail:
                parent = parent.getparent()
            if parent is not None and _in_noise(parent, noise):
                continue
            if parent is not None and not is_tail and (marks := _updated_mark(parent)):
                updated.extend(_dates_in(text, marks))  # an element marked updated: modified
                continue
            near.append(text)
        near = " ".join(near)[:300]
        hints.extend(h for h in [*_dates_in(near), *updated] if h not in hints)
    for el in _text_containers(tree):
        if len(hints) >= _MAX_TEXT_HINTS:
            break
        if _in_noise(el, noise):
            continue
        text, inside = _container_texts(el)
        if len(text) <= 120:
            hints.extend(h for h in _dates_in(text, _marks(el)) if h not in hints)
            for updated_text, marks in inside:
                hints.extend(h for h in _dates_in(updated_text, marks) if h not in hints)
    return hints[:_MAX_TEXT_HINTS]


def _title_dates(tree: Any) -> list[DateHint]:
    """The date the page's title carries (``<title>``, else og:title: "Headline - 07.12.2017 -
    Outlet"), as a ``text`` hint: asked only when the page offers no published date at all."""
    for title in tree.xpath("//head/title/text()|//meta[@property='og:title']/@content"):
        found = [h for h in _dates_in(str(title)[:300]) if h.kind == "published"]
        if found:
            return found[:1]
    return []


def _has_structured_date(hints: list[DateHint]) -> bool:
    """True when a JSON-LD or meta published hint holds a valid date."""
    return any(
        h.kind == "published" and h.source in ("jsonld", "meta") and parse_value(h.value) is not None
        for h in hints
    )


def _not_modified(found: list[DateHint], hints: list[DateHint], text: list[DateHint]) -> list[DateHint]:
    """``found`` without the hints that are a modified date already seen: htmldate falls back to
    a page's modified date when it finds no other. Dropped: exactly a modified hint's instant,
    or a bare day that an "Updated ..." line of the page's text names when the page shows no
    publication date at all."""
    modified = [p for h in hints if h.kind == "modified" and (p := parse_value(h.value))]
    updated = [p for h in text if h.kind == "modified" and (p := parse_value(h.value))]
    if not modified and not updated:
        return found
    instants = {p.dt for p in [*modified, *updated] if p.precise}
    published = any(h.kind == "published" and parse_value(h.value) for h in [*hints, *text])
    days = set() if published else {p.day for p in updated}
    return [h for h in found if not ((p := parse_value(h.value))
                                     and (p.dt in instants if p.precise else p.day in days))]


def page_date_hints(html: str | bytes | etree._Element, url: str | None = None) -> list[DateHint]:
    """Every date a page offers, most trusted first; [] for empty or unparseable input.

    ``html`` is the page's text or bytes, or a tree already parsed with lxml (as
    ``extract_article`` does), which is only read, never changed.
    """
    if isinstance(html, etree._Element):
        tree = html
    else:
        if not html or not html.strip():
            return []
        tree = _parse_html(html)
    if tree is None:
        return []
    try:
        page_url = url or _canonical(tree)
    except Exception:
        page_url = url
    in_url = url_date(page_url)
    hints: list[DateHint] = []
    try:
        text = _text_hints(tree)
    except Exception:  # one broken part of a page must not lose the others
        text = []
    for extractor in (
        lambda: _jsonld_hints(tree, page_url),
        lambda: _meta_hints(tree),
        lambda: _time_hints(tree),
        lambda: [DateHint(in_url, "url")] if in_url else [],
        # htmldate returns a dated URL's date as is: ask it only when the URL has none, and
        # only when the page's structured data (JSON-LD, meta) gives no published date
        lambda: [] if in_url or _has_structured_date(hints) else _not_modified(
            _htmldate_hints(tree, page_url), hints, text),
        lambda: text,
        # the title's date, only when the page offers no published date at all
        lambda: [] if any(h.kind == "published" for h in hints) else _title_dates(tree),
    ):
        try:
            found = extractor()
        except Exception:  # one broken part of a page must not lose the others
            continue
        hints.extend(h for h in found if h not in hints)
    month = None if in_url else url_month(page_url)
    if any(isinstance(h.value, str) and "/" in h.value and _AMBIGUOUS_SLASHES_RE.search(h.value)
           for h in hints):
        hints = _read_slashes(hints, _month_first(tree))
    return _within_url_month(hints, month) if month else hints


_AMBIGUOUS_SLASHES_RE = re.compile(r"(?<![\d./-])(0?[1-9]|1[0-2])/(0?[1-9]|1[0-2])/((?:19|20)\d{2})(?![\d/])")
_LOCALE_RE = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{2}))?\b", re.I)
# where the month comes first in a slashed date (01/02/2026 is January 2nd)
_MONTH_FIRST_REGIONS = frozenset({"US", "PH", "FM", "MH", "PW"})


def _month_first(tree: Any) -> bool | None:
    """How the page writes ``01/02/2026``, by the locale it declares (``<html lang>``, else
    ``og:locale`` or ``content-language``): True for a US English page (month first), False for
    a page of another region or language (day first), None when it does not say (plain ``en``)."""
    for value in (*tree.xpath("/html/@lang|/html/@xml:lang"),
                  *tree.xpath("//meta[@property='og:locale']/@content"),
                  *tree.xpath("//meta[translate(@http-equiv,'CONTENTLAGU','contentlagu')="
                              "'content-language']/@content")):
        if m := _LOCALE_RE.match(str(value).strip()):
            language, region = m[1].lower(), (m[2] or "").upper()
            if region:
                return region in _MONTH_FIRST_REGIONS
            return None if language == "en" else False
    return None


def _read_slashes(hints: list[DateHint], month_first: bool | None) -> list[DateHint]:
    """``hints`` with each ambiguous slashed date (``01/02/2026``, which the parser refuses to
    guess) written as the ISO day the page's locale makes of it (:func:`_month_first`)."""
    if month_first is None:
        return hints

    def iso(m: re.Match[str]) -> str:
        a, b = int(m[1]), int(m[2])
        mon, day = (a, b) if month_first else (b, a)
        return f"{m[3]}-{mon:02d}-{day:02d}"

    out = []
    for h in hints:
        if isinstance(h.value, str) and "/" in h.value and (m := _AMBIGUOUS_SLASHES_RE.search(h.value)) \
                and m[1].lstrip("0") != m[2].lstrip("0"):
            h = DateHint(_AMBIGUOUS_SLASHES_RE.sub(iso, h.value, count=1), h.source, h.kind)
        out.append(h)
    return out
