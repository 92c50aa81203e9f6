"""Field cleanup: an article's title, authors, language, canonical URL and site name.

Each ``choose_*`` function picks a field from the page's metadata (:class:`PageMeta`, and
trafilatura's as a fallback) and cleans it: :func:`clean_title` drops the outlet's name from
a headline, :func:`clean_authors` turns bylines into names, :func:`normalize_language` and
:func:`guess_language` give ISO 639-1 codes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newscrawl.extract.metadata import (
    ORG_TYPES,
    WS_RE,
    PageMeta,
    absolute_url,
    clean_value,
    jsonld_names,
    jsonld_types,
)

__all__ = [
    "choose_authors", "choose_canonical", "choose_language", "choose_site_names", "choose_title",
    "clean_authors", "clean_title", "compact", "guess_language", "normalize_language",
]

PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "website"})

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


def compact(value: str) -> str:
    """A key to compare names and titles by: casefolded, without spaces or punctuation."""
    return COMPACT_RE.sub("", value.casefold())


def choose_site_names(pm: PageMeta, doc_sitename: str | None, url: str | None) -> list[str]:
    """The outlet's names the page gives, most trusted first (``Outlet | Slogan`` -> ``Outlet``)."""
    names: list[str] = []
    art = pm.jsonld_article or {}
    for cand in (
        pm.meta.get("og:site_name"),
        *(n for n, _ in jsonld_names(art.get("publisher"), pm)),
        *(clean_value(n.get("name")) for n in pm.jsonld_nodes if jsonld_types(n) & {"website"}),
        *(n for node in pm.jsonld_nodes if jsonld_types(node) & ORG_TYPES for n, _ in jsonld_names(node, pm)),
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
    return compact(_host_domain(url).split(".")[0])


def _mentions_domain(text: str, domain: str) -> bool:
    return bool(domain) and re.search(rf"(?<![\w.-]){re.escape(domain)}\b", text, re.I) is not None


def _name_keys(name: str) -> set[str]:
    """Comparable forms of an outlet name: "The Daily Planet" and "DailyPlanet.com" meet."""
    key = compact(name)
    keys = {key, key.removeprefix("the")}
    if "." in name:
        keys.add(compact(name.rsplit(".", 1)[0]).removeprefix("the"))
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
    title = clean_value(title)
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


def choose_title(
    pm: PageMeta, doc_title: str | None, site_names: list[str], url: str | None, tree: HtmlElement
) -> str | None:
    """The headline: the cleaned candidate the page shows as an ``<h1>`` (or as one segment), else
    the first candidate, else a lone ``<h1>``."""
    art = pm.jsonld_article or {}
    host_key = _host_key(url)
    raw = [
        clean_value(art.get("headline")) or clean_value(art.get("name")),
        pm.meta.get("og:title"),
        pm.meta.get("twitter:title"),
        pm.html_title,
        doc_title,
    ]
    chrome = _PageChrome(tree)  # read at most once for all candidates
    cands = [t for t in (clean_title(r, site_names, host_key, chrome) for r in raw) if t]
    if not cands:
        return pm.h1[0] if len(pm.h1) == 1 else None
    h1_keys = {compact(h): h for h in pm.h1 if len(h) <= 300}
    for cand in cands:  # the candidate the page itself shows as its headline
        if compact(cand) in h1_keys:
            return cand
    for cand in cands:  # "Section | Headline": the h1 is one segment of a candidate
        for segment in TITLE_SEP_RE.split(cand):
            if len(segment) >= 15 and compact(segment) in h1_keys:
                return h1_keys[compact(segment)]
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
    raw = clean_value(raw) or ""
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


def choose_authors(
    pm: PageMeta,
    doc_author: str | None | Callable[[], str | None],
    site_names: list[str],
    url: str | None,
) -> list[str]:
    """The authors from the first source that names one: JSON-LD, meta tags, trafilatura's byline."""
    host_key, host_domain = _host_key(url), _host_domain(url)
    art = pm.jsonld_article or {}
    jsonld = [name for name, _ in jsonld_names(art.get("author"), pm)]
    jsonld += [name for name, _ in jsonld_names(art.get("creator"), pm)]
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
    value = clean_value(value)
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


def choose_language(pm: PageMeta, text: str) -> str | None:
    """A confident guess from the text wins (templates often carry a wrong lang); else
    the markup's majority (JSON-LD inLanguage, Content-Language, html lang, og:locale)."""
    guess = guess_language(text)
    if guess:
        return guess
    art = pm.jsonld_article or {}
    page_langs = [n.get("inLanguage") for n in pm.jsonld_nodes if jsonld_types(n) & PAGE_TYPES]
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


def choose_canonical(pm: PageMeta) -> str | None:
    """rel=canonical, else og:url, else the JSON-LD article's ``url`` or ``mainEntityOfPage``."""
    if pm.canonical:
        return pm.canonical
    og = absolute_url(pm.meta.get("og:url"), pm.base_url)
    if og:
        return og
    art = pm.jsonld_article or {}
    main = art.get("mainEntityOfPage")
    main = main.get("@id") or main.get("url") if isinstance(main, dict) else main
    for value in (art.get("url"), main):
        if isinstance(value, str) and (absolute := absolute_url(value, pm.base_url)):
            return absolute
    return None
