"""Is a fetched page one article, or a listing (section, tag, archive, search, home page)?

Decided from evidence the page and its URL give, strongest first:

-1. Not a page of its own: an error page served with status 200 (its whole headline says
   "Page not found": :func:`error_title`), a later page of a story split over pages
   (:func:`later_page`), a wall whose dialog is most of the main text (:func:`dialog_share`),
   the site's front page or its search results (by the URL:
   :func:`~newscrawl.extract.urls.is_front_page`, :func:`~newscrawl.extract.urls.is_search_page`),
   a stub that sends the reader elsewhere for the story (under STUB_MAX_WORDS words with a link
   "Read in <app>" to an app, or "Read the story on <outlet>" to another site:
   :func:`read_elsewhere`; a news app's web page for a story, an aggregator's card)
   is recorded as a listing whatever its markup says.

0. Structure beats markup: a page whose main text is mostly teasers (at least
   MIN_TEASERS headline links, each with a summary beside it, making at least
   TEASER_TEXT_SHARE of the extracted text, or at least FEW_TEASERS making
   FEW_TEASERS_TEXT_SHARE of it: a small outlet's tag page of three stories) is a listing whatever
   its metadata says (a
   coverage roundup with a date and a "By the ... staff" byline, a tag page typed as an
   article). An article with a box of related links stays an article: its own text is
   most of what is extracted. :func:`count_teasers` reads the structure.
1. Article markup wins: a JSON-LD ``*Article``/``BlogPosting``/``Report`` object, ``og:type``
   ``article``, or an ``article:published_time`` meta tag.
2. A strong listing signal makes it a listing: JSON-LD ``CollectionPage``, ``ItemList``,
   ``SearchResultsPage`` or ``ProfilePage`` as a type.
3. So do two weak ones together: ``og:type`` ``website``/``profile`` (many CMSs put it on
   every page, articles too), JSON-LD ``WebSite`` or ``SiteNavigationElement`` (the site's
   own description and menu, which many sites put on every page), a listing-shaped URL
   (``/section/x/``, ``/tag/x``, ``?page=2``, the home page:
   :func:`newscrawl.extract.urls.is_probably_article_url`), three or more ``<article>``
   elements on one page (teasers, or a sidebar's cards) -- unless the page's main text holds
   RUNNING_TEXT_WORDS words or more outside teasers: weak markup does not outweigh an
   article's own running text, as structure outweighs markup in 0. WordPress's ``archive``
   class on the ``<body>`` of category, tag, author and date pages is one more weak signal, and so
   are a few teasers making half the text or more (:func:`weak_teasers`).
4. Otherwise it is taken for an article (the text-length floor and the topic query still
   apply downstream). Measured on the 181 real articles of the extraction benchmark: one weak
   signal alone would have thrown away 5 of them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from courlan import extract_domain
from lxml.html import HtmlElement

from newscrawl.extract.keys import compact
from newscrawl.extract.urls import is_front_page, is_probably_article_url, is_search_page, story_page
from newscrawl.words import length_in_words

# schema.org types (casefolded) that mark a page as one article.
ARTICLE_TYPES = frozenset(
    {
        "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle",
        "askpublicnewsarticle", "liveblogposting", "blogposting", "socialmediaposting",
        "techarticle", "scholarlyarticle", "report", "satiricalarticle", "advertisercontentarticle",
    }
)
LISTING_TYPES = frozenset({"collectionpage", "itemlist", "searchresultspage", "profilepage"})
SITE_TYPES = frozenset({"website", "sitenavigationelement"})  # weak: on every page of many sites
LISTING_OG_TYPES = frozenset({"website", "profile", "blog"})
# WordPress marks every archive page (category, tag, author, date) and search results in the
# <body>'s classes (``archive category category-world``, ``search search-results``); its posts
# say ``single``. Weak: another CMS may name an article's section "archive".
ARCHIVE_BODY_CLASSES = frozenset({"archive", "search-results"})
TEASER_THRESHOLD = 3
# A teaser: a headline link (in an h2-h5, or the first link of an <article>/<li> card) with a
# summary paragraph of at least TEASER_SUMMARY_WORDS words beside it, in a block of at most
# TEASER_BLOCK_WORDS words (and TEASER_BLOCK_CHARS characters). MIN_TEASERS of them making
# TEASER_TEXT_SHARE of the main text make a listing.
MIN_TEASERS = 5
TEASER_TEXT_SHARE = 0.6
# Fewer teasers (a small outlet's tag page of three stories, a coverage page with a line of
# introduction) make a listing when they are most of the main text: an article's own text is
# not made of other stories' teasers. On the 677 real articles of shared/corpora, the teasers
# are at most 23% of the text (docs/extraction.md).
FEW_TEASERS = 3
FEW_TEASERS_TEXT_SHARE = 0.75
# Two teasers that are nearly all the text (a small site's news index of two posts, each a
# headline, an excerpt and "Read More") are a weak listing signal.
WEAK_TEASERS = 2
WEAK_TEASER_TEXT_SHARE = 0.9
# So are FEW_TEASERS or more making half the text or more (a tag page's line of introduction
# and three teasers whose headlines the extraction left out: the teasers make 70%); with
# another weak signal (a listing-shaped URL) they make a listing.
WEAK_FEW_TEASERS_TEXT_SHARE = 0.5
# A page at a listing-shaped URL (``/topics/x/``, ``/tag/x``: see
# :func:`newscrawl.extract.urls.is_probably_article_url`) with a stream of HUB_TEASERS teasers
# or more is a listing even with article markup and an introduction of its own: a topic hub
# ("Immigration enforcement", 250 words of intro, 12 teasers, NewsArticle JSON-LD). An article
# with a box of ten teasers under it sits at an article's address.
HUB_TEASERS = 10
TEASER_SUMMARY_WORDS = 6
TEASER_BLOCK_WORDS = 80
TEASER_BLOCK_CHARS = 600  # scripts without spaces between words
TEASER_HEADLINE_WORDS = 4
# A card's line of date and byline is no summary: a class or id token of a meta line
META_LINE_RE = re.compile(r"(?:^|[\s_-])(?:meta|byline|posted-on|dateline)(?:$|[\s_-])",
                          re.IGNORECASE)
# Words of main text outside teasers that weak listing signals do not outweigh: an article's
# own running text. The listings of the fixture web and tests/pages hold at most 109 words of
# text, and at least 95% of it in teasers (docs/extraction.md).
RUNNING_TEXT_WORDS = 250
# A list of headlines without summaries (a "latest news" list, a Japanese 一覧 page: a headline
# link, its time, its source or a "paid" label, line after line), on a page without article
# markup: LIST_HEADLINES headline links or more whose texts stand in the main text, with fewer
# words of running text (lines of LIST_LINE_WORDS words or more once the headlines are taken
# out) than of headlines and fewer than LIST_RUNNING_WORDS, make a listing; WEAK_LIST_HEADLINES
# or more make a weak listing signal (a list of two stories).
LIST_HEADLINES = 3
WEAK_LIST_HEADLINES = 2
LIST_LINE_WORDS = 10
LIST_RUNNING_WORDS = 60
# A coverage page (an aggregator's page for one story: a few lines of summary and the
# headlines of other outlets' copies, as Ground News, Google News or AllSides write them) is no
# outlet's article, whatever its markup says: headline links whose texts stand in the main text
# going to COVERAGE_MIN_SITES or more other sites (another host, or another port of the same),
# beside fewer than COVERAGE_RUNNING_WORDS words of running text (headline_list's count). An
# article that cites other outlets' stories has running text of its own; the links are looked
# for only when the main text is under COVERAGE_MAX_WORDS words.
COVERAGE_MIN_SITES = 3
COVERAGE_RUNNING_WORDS = 120
COVERAGE_MAX_WORDS = 400
# Headline links: a link that is (most of) an h2-h5, or the first link of an <article> or <li>
# card; never a link inside a paragraph of running text. The XPath
#   //body//*[self::h2 or self::h3 or self::h4 or self::h5]//a[@href][not(ancestor::p)]
#   | //body//article/descendant::a[@href][1][not(ancestor::p)]
#   | //body//li/descendant::a[@href][1][not(ancestor::p)]
# walked in Python (_teaser_links): the same links in the same order, in about half the time.
_HEADINGS = frozenset({"h2", "h3", "h4", "h5"})
# The headline of an error page that a site serves with status 200 ("Page not found", "Seite
# nicht gefunden", WordPress's "Oops! That page can't be found."): the whole headline, read
# without case and punctuation, with an "Error 404" or "Oops" before it; never a story's
# headline that only mentions such words.
_NOT_FOUND_TITLE = re.compile(
    r"(?:(?:error|fehler|erreur|errore|error\s+de)\s+)?(?:404\s+)?(?:oops\s+)?(?:"
    r"page not found|not found|(?:that |this )?page can'?t be found|page could not be found|"
    r"seite nicht gefunden|seite wurde nicht gefunden|page introuvable|page non trouvée|"
    r"página no encontrada|página não encontrada|pagina non trovata|pagina niet gevonden|"
    r"nie znaleziono strony|страница не найдена|sidan hittades inte|siden blev ikke fundet"
    r")|(?:error|fehler|erreur|errore)?\s*404"
)


# A later page of a story split over pages: its address is the first page's with a page
# number (:func:`~newscrawl.extract.urls.story_page`), and its ``<link rel="prev">`` goes back to
# the same story's page before it. The corpus holds the story once, at its first page (a
# rel=prev to another story, as older WordPress themes write between posts, is no such link).
# A wall at an article's address: a consent dialog ("Mit Werbung weiterlesen ... oder PUR
# abonnieren") or a paywall's modal, marked as a dialog (role=dialog or alertdialog,
# aria-modal=true), makes DIALOG_TEXT_SHARE or more of the main text: the page holds no story.
# Looked for only when the text is short, under DIALOG_MAX_TEXT_CHARS (a wall's is; the search
# costs 0.4-0.6 ms a page: 16 of the 181 benchmark pages pay it). On the 677 corpus pages (71
# have such a dialog) a dialog's text is at most 13% of the main text.
# A stub: the page's whole main text is under STUB_MAX_WORDS words (a headline's summary, a
# line on the app) and a link sends the reader to read the story elsewhere (read_elsewhere).
STUB_MAX_WORDS = 120
# What such a link says, whole: "Read in Orchard News", "Open in the app", "Read the story on The
# Riverside Times", "Read the full article at ...", "Continue reading on ...".
_ELSEWHERE_TEXT = re.compile(
    r"(?:read|open|view|continue reading|keep reading)(?: (?:the|this))?"
    r"(?: (?:full|whole|complete|original))?(?: (?:story|article|report|piece|post))?"
    r" (?:on|at|in) \S.*",
    re.IGNORECASE,
)
# Where a link opens an app rather than a page (orchardnews://..., intent://..., applenews:...).
_WEB_SCHEMES = frozenset({"http", "https", "mailto", "tel", "sms", "javascript", "data", "ftp"})
DIALOG_TEXT_SHARE = 0.6
DIALOG_MAX_TEXT_CHARS = 1000
_DIALOGS = "//*[@role='dialog' or @role='alertdialog' or @aria-modal='true']"


@dataclass(frozen=True)
class PageSignals:
    """What the page says about its own kind (gathered during extraction)."""

    jsonld_types: frozenset[str] = field(default_factory=frozenset)
    og_type: str | None = None
    has_published_meta: bool = False
    article_elements: int = 0
    # headline links with a summary (count_teasers), and their share of the main text
    teasers: int = 0
    teaser_text_share: float = 0.0
    text_words: int = 0  # the main text's words
    archive_body: bool = False  # <body class="archive ..."> (see ARCHIVE_BODY_CLASSES)
    title: str | None = None  # the page's headline (an error page's: see error_title)
    later_page: int = 0  # the page number of a story's later page (see later_page)
    # a list of headlines (headline_list): the headline links read in the main text, their
    # words, and the words of running text beside them; read only on a page without article
    # markup (see article_markup)
    list_headlines: int = 0
    list_headline_words: int = 0
    list_running_words: int = 0
    # a coverage page (coverage_list): the other sites that headline links in the main text go
    # to, and the words of running text beside those headlines; read on short texts only
    # (COVERAGE_MAX_WORDS)
    other_sites: int = 0
    coverage_running_words: int = 0
    dialog_share: float = 0.0  # the share of the main text in a dialog (see dialog_share)
    # excerpts cut short, each with its "Read more" link (see excerpts), and the words beside them
    excerpts: int = 0
    excerpt_running_words: int = 0
    # the most a short label repeats as a line of its own (see repeated_label): a card's button
    repeated_label: int = 0
    read_elsewhere: str = ""  # a link that sends the reader elsewhere for the story (read_elsewhere)


def classify_page(url: str | None, signals: PageSignals) -> tuple[str, str]:
    """``("article" | "listing", reason)`` for a page at ``url`` with these signals."""
    types = {t.lower() for t in signals.jsonld_types}
    og_type = (signals.og_type or "").strip().lower()
    if signals.later_page:
        return "listing", f"page {signals.later_page} of a story split over pages (its rel=prev)"
    if signals.dialog_share >= DIALOG_TEXT_SHARE:
        share = signals.dialog_share
        return "listing", f"a dialog (a consent wall or a paywall) makes {share:.0%} of the text"
    if signals.read_elsewhere and signals.text_words < STUB_MAX_WORDS:
        return "listing", (f"a stub of {signals.text_words} words that sends the reader elsewhere "
                           f"({signals.read_elsewhere!r})")
    if error_title(signals.title):
        return "listing", f"an error page's title ({signals.title!r}) served as a page"
    if url and is_front_page(url):
        return "listing", "the site's front page"
    if url and is_search_page(url):
        return "listing", "the site's search results"
    if signals.excerpts >= MIN_EXCERPTS and signals.excerpt_running_words < EXCERPTS_RUNNING_WORDS:
        return "listing", (f"{signals.excerpts} excerpts cut short, each with its 'Read more' link, "
                           f"beside {signals.excerpt_running_words} words")
    if mostly_teasers(signals.teasers, signals.teaser_text_share):
        return "listing", (
            f"{signals.teasers} teasers (headline links with summaries) make "
            f"{signals.teaser_text_share:.0%} of the text"
        )
    if signals.teasers >= HUB_TEASERS and url and not is_probably_article_url(url):
        return "listing", f"{signals.teasers} teasers (headline links with summaries) at a listing-shaped URL"
    if signals.other_sites >= COVERAGE_MIN_SITES and signals.coverage_running_words < COVERAGE_RUNNING_WORDS:
        return "listing", (f"a coverage page: headline links to {signals.other_sites} other sites beside "
                           f"{signals.coverage_running_words} words of running text")
    markup = article_markup(signals)
    if markup:
        return "article", markup
    listing = sorted(types & LISTING_TYPES)
    if listing:
        return "listing", f"JSON-LD type {listing[0]}"
    headline_list = (
        f"{signals.list_headlines} headline links and {signals.list_running_words} words of "
        f"running text beside their {signals.list_headline_words}"
    )
    if signals.list_headlines >= LIST_HEADLINES and _mostly_headlines(signals):
        return "listing", f"a list of headlines: {headline_list}"
    weak = []
    if signals.list_headlines >= WEAK_LIST_HEADLINES and _mostly_headlines(signals):
        weak.append(f"a short list of headlines ({headline_list})")
    if weak_teasers(signals.teasers, signals.teaser_text_share):
        weak.append(f"{signals.teasers} teasers make {signals.teaser_text_share:.0%} of the text")
    if og_type in LISTING_OG_TYPES:
        weak.append(f"og:type {og_type}")
    site = sorted(types & SITE_TYPES)
    if site:
        weak.append(f"JSON-LD type {site[0]}")
    if url and not is_probably_article_url(url):
        weak.append("listing-shaped URL")
    if signals.article_elements >= TEASER_THRESHOLD:
        weak.append(f"{signals.article_elements} <article> teasers")
    if signals.archive_body:
        weak.append("an archive's <body> class")
    if signals.repeated_label >= MIN_REPEATED_LABEL:
        weak.append(f"a label repeated {signals.repeated_label} times (each card's button)")
    if len(weak) >= 2:
        running = round(signals.text_words * (1 - signals.teaser_text_share))
        if running >= RUNNING_TEXT_WORDS:
            return "article", f"{running} words of running text outweigh " + " and ".join(weak)
        return "listing", " and ".join(weak)
    return "article", f"only {weak[0]}" if weak else "no listing signal"


def article_markup(signals: PageSignals) -> str:
    """Why the page's markup says it is one article (rule 1), or ``""``."""
    if {t.lower() for t in signals.jsonld_types} & ARTICLE_TYPES:
        return "JSON-LD article type"
    if (signals.og_type or "").strip().lower() == "article" and not _collection_graph(signals):
        return "og:type article"
    if signals.has_published_meta:
        return "article:published_time meta"
    return ""


def _collection_graph(signals: PageSignals) -> bool:
    """Whether the JSON-LD calls the page a ``CollectionPage`` (a WordPress archive's Yoast graph)
    and no article: its ``og:type article`` is then no article's mark, as Yoast writes it on
    category and tag pages too (tests/afroweb). Not an ``ItemList``, which sites use for their
    menus (a dated page's ``SiteNavigationElement`` list beside an article it failed to parse)."""
    types = {t.lower() for t in signals.jsonld_types}
    return "collectionpage" in types and not types & ARTICLE_TYPES


def _mostly_headlines(signals: PageSignals) -> bool:
    running = signals.list_running_words
    return running < signals.list_headline_words and running < LIST_RUNNING_WORDS


def _list_headline(link: HtmlElement) -> tuple[str, int] | None:
    """A link's headline and its words when it reads as one in a list (see _headline; any link,
    a list's rows need no heading or card, never one in running text); else None. A card's link
    around its headline, time and source: the headline is its longest text."""
    if _headline(link) is None or next(link.iterancestors("p"), None) is not None:
        return None
    headline = max((" ".join(piece.split()) for piece in link.itertext()), key=len)
    words = length_in_words(headline)
    return (headline, words) if words >= TEASER_HEADLINE_WORDS else None


def _headline_links(tree: HtmlElement) -> dict[str, int]:
    """The page's links that read as headlines (:func:`_list_headline`): each headline -> its
    words."""
    headlines: dict[str, int] = {}
    body = next(tree.getroottree().getroot().iter("body"), None)
    for link in () if body is None else body.iter("a"):
        if (read := _list_headline(link)) is not None:
            headlines.setdefault(*read)
    return headlines


def headline_list(tree: HtmlElement, text: str) -> tuple[int, int, int]:
    """(headlines, their words, running words): the page's headline links (:func:`_headline_links`)
    whose text stands in the main ``text``, and the words of the text's lines that are more
    than a headline and a short line of labels, dates or sources (LIST_LINE_WORDS or more words
    left when the headlines are taken out of the line). A list page without summaries (a
    headline, a time, a source's name, a "paid" label, line after line) is headlines and no
    running text."""
    found, words, running = _headlines_in(_headline_links(tree), text)
    return len(found), words, running


def _headlines_in(headlines: dict[str, int], text: str) -> tuple[set[str], int, int]:
    """The headlines that stand in ``text``, their words, and the running words beside them
    (see :func:`headline_list`)."""
    found: set[str] = set()
    words = running = 0
    for line in text.splitlines():
        rest = " ".join(line.split())
        if not rest:
            continue
        for headline, headline_words in headlines.items():
            if headline in rest:
                rest = rest.replace(headline, " ", 1)
                if headline not in found:
                    found.add(headline)
                    words += headline_words
        left = length_in_words(rest)
        if left >= LIST_LINE_WORDS:
            running += left
    return found, words, running


def _netloc(href: str) -> str:
    """The host and port of an absolute http(s) address as written (``//host`` too); "" for
    any other."""
    scheme, sep, rest = href.strip().partition("//")
    if not sep or scheme.lower() not in ("", "http:", "https:"):
        return ""
    return rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].rpartition("@")[2]


@functools.lru_cache(maxsize=4096)
def site_key(netloc: str) -> str:
    """The site of an address's host and port (:func:`_netloc`): its registered domain by the
    Public Suffix List (courlan's ``extract_domain``: ``edition.cnn.com`` and ``www.cnn.com`` are
    one site), else the host without ``www.`` and with its port (an IP address, ``localhost``, a
    test web's ``.example``: the fixture webs serve each outlet on a port of its own)."""
    netloc = netloc.lower().rstrip(".")
    if netloc.startswith("["):  # an IPv6 address
        host, _, port = netloc[1:].partition("]")
        port = port.removeprefix(":")
    else:
        host, _, port = netloc.partition(":")
    host = host.rstrip(".")
    if "." in host and not host.replace(".", "").isdigit():
        try:
            domain = extract_domain(f"http://{host}/")
        except (ValueError, TypeError):
            domain = None
        if domain:
            return domain.lower()
    host = host.removeprefix("www.")
    return f"{host}:{port}" if port and port not in ("80", "443") else host


def coverage_list(tree: HtmlElement, text: str, url: str, canonical: str | None = None) -> tuple[int, int]:
    """(other sites, running words): how many other sites (:func:`site_key`: another registered
    domain than ``url``'s and its ``canonical`` one's, or another port of an IP address's) the
    page's headline links to other
    sites (see _headline_links) whose texts stand in the main ``text`` go to, and the words of
    running text beside those headlines (counted as :func:`headline_list` counts them). Only
    absolute links are read (a relative one is the page's own site's), each site worked out once
    (see COVERAGE_MIN_SITES)."""
    own = {site_key(_netloc(address)) for address in (url, canonical) if address}
    headlines: dict[str, int] = {}
    sites: dict[str, str] = {}
    body = next(tree.getroottree().getroot().iter("body"), None)
    for link in () if body is None else body.iter("a"):
        netloc = _netloc(link.get("href") or "")
        if not netloc or (site := site_key(netloc)) in own:
            continue
        read = _list_headline(link)
        if read is not None and read[0] not in headlines:
            headlines[read[0]] = read[1]
            sites[read[0]] = site
    if len(set(sites.values())) < COVERAGE_MIN_SITES:
        return 0, 0  # too few to be a coverage page: the text is not read
    found, _, running = _headlines_in(headlines, text)
    return len({sites[h] for h in found}), running


def prev_links(tree: HtmlElement) -> Iterator[str]:
    """The addresses of the ``<head>``'s ``<link rel="prev">``s, read when asked for (a
    generator: :func:`later_page` asks only on an address with a page number)."""
    head = tree.getroottree().getroot().find("head")
    for link in () if head is None else head.iter("link"):
        if "prev" in (link.get("rel") or "").lower().split() and link.get("href"):
            yield link.get("href")


def later_page(url: str | None, prev_hrefs: Iterable[str]) -> int:
    """The page number when the page at ``url`` is a later page of a story split over pages
    (its address the story's with a page number of 2 or more, its rel=prev the same story's
    earlier page); else 0."""
    if not url:
        return 0
    base, number = story_page(url)
    if number < 2:
        return 0
    for href in prev_hrefs:
        prev_base, prev_number = story_page(urljoin(url, href.strip()))
        if prev_base == base and prev_number == number - 1:
            return number
    return 0


def dialog_share(tree: HtmlElement, text: str) -> float:
    """The share of ``text`` (the main text, paragraphs split by blank lines) that stands in the
    page's dialogs (_DIALOGS); 0.0 for a text of DIALOG_MAX_TEXT_CHARS or more, unread."""
    if not text or len(text) >= DIALOG_MAX_TEXT_CHARS:
        return 0.0
    dialogs = tree.xpath(_DIALOGS)
    if not dialogs:
        return 0.0
    return _paragraphs_within(text, "\x00".join(compact(d.text_content()) for d in dialogs))


def read_elsewhere(tree: HtmlElement, url: str | None) -> str:
    """The text of a link that sends the reader elsewhere for the story, or ``""``: its whole
    text reads "Read in ...", "Read the story on ..." (_ELSEWHERE_TEXT) and it opens an app (a
    scheme that is no web page's) or a page on another host than ``url``'s. Read on short pages
    only (see STUB_MAX_WORDS)."""
    host = (urlsplit(url).hostname or "") if url else ""
    for link in tree.iter("a"):
        href = (link.get("href") or "").strip()
        words = " ".join(link.text_content().split())
        if not href or not words or len(words) > 80 or not _ELSEWHERE_TEXT.fullmatch(words):
            continue
        parts = urlsplit(href)
        scheme = parts.scheme.lower()
        if scheme and scheme not in _WEB_SCHEMES:
            return words  # an app's link
        if scheme in ("http", "https", "") and parts.netloc:
            other = (parts.hostname or "").lower().removeprefix("www.")
            if other and other != host.lower().removeprefix("www."):
                return words  # another site's page
    return ""


def _paragraphs_within(text: str, joined: str) -> float:
    """The share of ``text``'s characters (paragraphs split by blank lines) in the paragraphs
    whose key (:func:`~newscrawl.extract.keys.compact`) stands in ``joined``, the keys of some
    of the page's blocks joined."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    total = sum(len(p) for p in paragraphs)
    covered = sum(len(p) for p in paragraphs if (k := compact(p)) and k in joined)
    return covered / total if total else 0.0


def error_title(title: str | None) -> bool:
    """Whether ``title`` is an error page's headline, whole (_NOT_FOUND_TITLE): a site that
    answers a dead link with its "Page not found" page and status 200."""
    if not title:
        return False
    words = re.sub(r"[^\w\s']+", " ", title.replace("\u2019", "'").casefold())
    return _NOT_FOUND_TITLE.fullmatch(" ".join(words.split())) is not None


# An archive's excerpts: a paragraph cut short ("...", "…", "[…]") and, as the next one, its link
# to the story ("Read more", "Continue reading", "Lire la suite", "Weiterlesen", "Leer más", "Leia
# mais", "Continua a leggere"): a WordPress category page whose og:type says article (Yoast
# writes it on archives), two teasers and an excerpt each (tests/afroweb)
EXCERPT_END_RE = re.compile(r"(?:\.\.\.|…|\[(?:\.\.\.|…)\])\s*$")
READ_MORE_LINE_RE = re.compile(
    r"(?:read\s+more|continue\s+reading|keep\s+reading|read\s+the\s+full\s+(?:story|article)|"
    r"lire\s+la\s+suite|weiterlesen|mehr\s+lesen|leer\s+m[áa]s|seguir\s+leyendo|leia\s+mais|"
    r"continua\s+a\s+leggere|leggi\s+(?:tutto|di\s+pi[ùu]))\s*(?:[»›→>.…]|\.\.\.)?",
    re.IGNORECASE,
)
MIN_EXCERPTS = 2
EXCERPTS_RUNNING_WORDS = 60  # words beside the excerpts and their links, fewer than this


def excerpts(text: str) -> tuple[int, int]:
    """How many paragraphs of ``text`` are excerpts cut short (EXCERPT_END_RE) followed by a
    "Read more" line alone (READ_MORE_LINE_RE), and the words of the other paragraphs (the
    excerpts' headlines, a subtitle, the footer's lines)."""
    if "..." not in text and "…" not in text:
        return 0, 0
    paragraphs = [p.strip() for p in text.split("\n\n")]
    found, used = 0, set()
    for i in range(len(paragraphs) - 1):
        if EXCERPT_END_RE.search(paragraphs[i]) and READ_MORE_LINE_RE.fullmatch(paragraphs[i + 1]):
            found += 1
            used.update((i, i + 1))
    if not found:
        return 0, 0
    return found, sum(length_in_words(p) for i, p in enumerate(paragraphs) if i not in used)


# A card's button or label, the same short line under each item of a listing: a newsletters
# index's "See latest" under each newsletter's name and description (tests/kindweb), "Subscribe",
# "Listen": at most REPEATED_LABEL_WORDS words, no sentence, MIN_REPEATED_LABEL times or more
REPEATED_LABEL_WORDS = 3
MIN_REPEATED_LABEL = 3


def repeated_label(text: str) -> int:
    """How many times the most repeated short line of ``text`` (at most REPEATED_LABEL_WORDS
    words with a letter, no sentence's end, no digit, no list's item) stands as a paragraph of
    its own."""
    counts: dict[str, int] = {}
    for paragraph in text.split("\n\n"):
        line = paragraph.strip()
        if (line and len(line) <= 40 and len(line.split()) <= REPEATED_LABEL_WORDS
                and not line.endswith((".", "!", "?", ":")) and not line.startswith("- ")  # (a list's item)
                and any(c.isalpha() for c in line) and not any(c.isdigit() for c in line)):
            counts[line] = counts.get(line, 0) + 1
    return max(counts.values(), default=0)


def mostly_teasers(teasers: int, share: float) -> bool:
    """Whether ``teasers`` headline links with summaries making ``share`` of the main text
    make it a listing by structure (rule 0)."""
    return (teasers >= MIN_TEASERS and share >= TEASER_TEXT_SHARE) or (
        teasers >= FEW_TEASERS and share >= FEW_TEASERS_TEXT_SHARE
    )


def weak_teasers(teasers: int, share: float) -> bool:
    """Whether ``teasers`` headline links with summaries making ``share`` of the main text are a
    weak listing signal (rule 3): two that are nearly all of it, or a few that are half of it."""
    return (teasers >= WEAK_TEASERS and share >= WEAK_TEASER_TEXT_SHARE) or (
        teasers >= FEW_TEASERS and share >= WEAK_FEW_TEASERS_TEXT_SHARE
    )


def archive_body(tree: HtmlElement) -> bool:
    """Whether the page's ``<body>`` has a class of an archive page (ARCHIVE_BODY_CLASSES)."""
    body = next(tree.getroottree().getroot().iter("body"), None)
    return body is not None and not ARCHIVE_BODY_CLASSES.isdisjoint((body.get("class") or "").split())


def jsonld_type_names(values: Iterable[object]) -> frozenset[str]:
    """Flatten JSON-LD ``@type`` values (strings or lists, possibly URLs) to bare names."""
    names = set()
    for value in values:
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and item:
                names.add(item.rsplit("/", 1)[-1])
    return frozenset(names)


def _has_summary(block: HtmlElement, link: HtmlElement) -> bool:
    """True when ``block`` holds a paragraph of summary apart from the headline ``link``: an
    element of its own, or text written straight into the block (``<li><a>Headline</a><br>
    Summary ...</li>``, as hand-written pages do)."""
    around = set(link.iterancestors())
    inside = set(link.iterdescendants("p", "div", "span"))  # the elements the link is around
    for el in block.iter("p", "div", "span"):
        if el is block or el in around or el in inside or _meta_line(el):
            continue
        if length_in_words(el.text_content()) >= TEASER_SUMMARY_WORDS:
            return True
    if link.getparent() is block:  # the text around the headline link, in the block itself
        loose = [block.text, *(child.tail for child in block)]
        return any(length_in_words(text) >= TEASER_SUMMARY_WORDS for text in loose if text)
    return False


def _meta_line(el: HtmlElement) -> bool:
    """Whether ``el`` is a card's line of date and byline, no summary: its class or id has a
    token of a meta line (META_LINE_RE: WordPress's ``entry-meta`` with "Posted on January 26,
    2026 by Tom Okafor", ``post-meta``, ``byline``, ``posted-on``)."""
    return bool(META_LINE_RE.search(" ".join(filter(None, (el.get("class"), el.get("id"))))))


def _headline(link: HtmlElement) -> tuple[str, int] | None:
    """The link's text and its words when it reads as a headline: four words or more, and
    most of its heading's text when it sits in one; else None."""
    href = (link.get("href") or "").strip()
    if not href or href.startswith(("#", "javascript:", "mailto:")):
        return None
    text = link.text_content()
    words = length_in_words(text)  # white space joins no words and parts none: the joined text's words
    if words < TEASER_HEADLINE_WORDS:
        return None
    headline = " ".join(text.split())
    heading = next(link.iterancestors(*_HEADINGS), None)
    if heading is not None and len(headline) < 0.6 * len(" ".join(heading.text_content().split())):
        return None
    return headline, words


def _first_link(card: HtmlElement) -> HtmlElement | None:
    for link in card.iter("a"):
        if link.get("href") is not None:
            return link
    return None


def _teaser_links(tree: HtmlElement) -> list[HtmlElement]:
    """The page's headline links (see _HEADINGS: a link in a heading, or the link a heading is
    in), in document order."""
    root = tree.getroottree().getroot()  # the XPath's //body is the document's
    found = set()
    for body in root.iter("body"):
        for heading in body.iter(*_HEADINGS):
            links = [a for a in heading.iter("a") if a.get("href") is not None]
            if not links:  # a card's link around its heading: <a href><h3>Headline</h3></a>
                links = [a for a in heading.iterancestors("a") if a.get("href") is not None][:1]
            found.update(links)
        for card in body.iter("article", "li"):
            if (link := _first_link(card)) is not None:
                found.add(link)
    if not found:
        return []
    return [a for a in root.iter("a") if a in found and next(a.iterancestors("p"), None) is None]


def _flat_teaser(link: HtmlElement, headline_words: int) -> tuple[HtmlElement, str] | None:
    """A teaser written flat, with no card around it: the link's heading and the summary
    paragraph right after it, both children of the page's text (a newsletter's or a roundup's
    ``<h3><a>Headline</a></h3><p>Source -- summary</p>``, one after another). Its heading and
    its text, or None."""
    heading = next(link.iterancestors(*_HEADINGS), None)
    if heading is None:
        return None
    summary = heading.getnext()
    if summary is None or summary.tag != "p" or summary.find(".//a[@href]") is not None:
        return None
    joined = " ".join(f"{heading.text_content()} {summary.text_content()}".split())
    words = length_in_words(joined)
    too_long = len(joined) > TEASER_BLOCK_CHARS or words > TEASER_BLOCK_WORDS
    if too_long or words - headline_words < TEASER_SUMMARY_WORDS:
        return None
    return heading, joined


def count_teasers(tree: HtmlElement, text: str) -> tuple[int, float]:
    """(teasers, share): how many headline links on the page have a summary beside them, and
    the share of ``text`` (the extracted main text, paragraphs split by blank lines) that is
    those teasers' headlines and summaries."""
    blocks: dict[HtmlElement, str] = {}
    hrefs: set[str] = set()
    # links share parents: each read once, with its words counted once
    texts: dict[HtmlElement, tuple[str, int] | None] = {}

    def block_text(el: HtmlElement) -> tuple[str, int] | None:
        """The element's text and its words, or None when it is too long to be a teaser."""
        if el not in texts:
            joined = " ".join(el.text_content().split())
            words = 0 if len(joined) > TEASER_BLOCK_CHARS else length_in_words(joined)
            too_long = len(joined) > TEASER_BLOCK_CHARS or words > TEASER_BLOCK_WORDS
            texts[el] = None if too_long else (joined, words)
        return texts[el]

    for link in _teaser_links(tree):
        if link.get("href") in hrefs:  # its address is a teaser's already
            continue
        read = _headline(link)
        if read is None:
            continue
        headline_words = read[1]
        # the smallest block around the link that also holds a summary paragraph
        el = link
        for _ in range(4):
            parent = el.getparent()
            if parent is None or parent.tag in ("body", "html"):
                break
            el = parent
            found = block_text(el)
            if found is None:
                break
            block, block_words = found
            if block_words - headline_words >= TEASER_SUMMARY_WORDS and _has_summary(el, link):
                if el not in blocks:
                    blocks[el] = block
                    hrefs.add(link.get("href"))
                break
        else:
            el = None
        if el is None or block_text(el) is None:  # no card around it: maybe a flat teaser
            flat = _flat_teaser(link, headline_words)
            if flat is not None and flat[0] not in blocks:
                blocks[flat[0]] = flat[1]
                hrefs.add(link.get("href"))
    if not blocks:
        return 0, 0.0
    keys = [compact(b) for b in blocks.values()]
    # the teasers may also be read as one paragraph (a section page written as lines): the share
    # of the text's key that the teasers' own keys make, when each stands whole in it
    whole = compact(text)
    inside = sum(len(k) for k in keys if k and k in whole)
    share = max(_paragraphs_within(text, "\x00".join(keys)), inside / len(whole) if whole else 0.0)
    return len(blocks), min(share, 1.0)
