"""A story split over pages: which link of an article page leads to its next page (no Scrapy).

Some outlets split a long story over pages: ``/story.html``, ``/story_2.html``; ``/story/``,
``/story/2/``; ``/story?page=2``. The crawl fetches the later pages with the first one and the
extraction joins their texts into one article, stored at the first page's address
(docs/discovery.md, "Stories split over pages").

- :func:`might_continue` is the cheap test run on every article page's bytes in the crawl's own
  process: it is false for a page that links to no later page of its own story;
- :func:`next_story_page` then reads the page and names the next page: a link (``<link>`` or
  ``<a>``) to the story's page N+1 (:func:`~newscrawl.extract.urls.story_page`: the same host
  and address, the page number one more) that says it is the next page (``rel="next"``, a
  class or label with "next", "Next page", "次のページへ", "Seite 2", "Page suivante", an
  arrow, or the number N+1 itself). A listing's next page (``/news/page/2/``) is read by
  :func:`~newscrawl.discover.links.pagination_links` instead, from listing pages only.

A story starts at a page whose address has no page number: a page reached at ``/story/3/``
(a sitemap listing every page, say) is not followed from.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newscrawl.discover.links import is_listing_address, page_document, page_links
from newscrawl.extract.story import NEXT_PAGE_TEXTS, PREVIOUS_PAGE_TEXTS
from newscrawl.extract.urls import clean_url, story_page
from newscrawl.items import NOT_ARTICLE, FetchedPage

__all__ = ["ArchivedStories", "capped_note", "first_page_of", "joined_note", "later_page_alone",
           "later_page_reason", "maybe_later_page", "might_continue", "missing_page_note", "next_page",
           "next_story_page", "starts_story"]

# A link's text naming the next page by its number: "2", "Seite 2", "2ページ" (or its words:
# NEXT_PAGE_TEXTS).
_NUMBERED = re.compile(
    r"^(?:seite|page|pagina|página|страница|strona|第)?\s*(\d{1,2})\s*(?:ページ|页|頁|페이지)?$")
_ARROWS = "›»→>⟩❯▶ \t\r\n"
_SPACES = re.compile(r"\s+")
# What a page that links to its own next page holds: a ``<link rel="next">`` in its head, or
# its own name (the last segment of its path, without the extension) with a page number after
# it (``news051_2.``, ``story/2/``, ``story.html?page=2``, ``story-page2``).
_LINK_NEXT = re.compile(rb"""<link\b[^>]*\brel\s*=\s*["']?[^"'>]*\bnext\b[^>]*>""", re.IGNORECASE)
_HREF = re.compile(rb"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_AFTER_NAME = re.compile(
    rb"""[_-]\d{1,2}\.|/(?:page/)?\d{1,2}[/"'?#\s>]|-page\d"""
    rb"""|(?:\.\w+)?/?\?[^"'>]*\b(?:page|p|pg|seite)=\d""",
    re.IGNORECASE)
# The head is read for rel=next up to here (a head is seldom longer; a page without a head
# element is read this far).
HEAD_BYTES = 65536


def starts_story(url: str) -> bool:
    """True when ``url`` can be a story's first page: its address has no page number."""
    return story_page(url)[1] == 1


def next_page(body: bytes, url: str, first_url: str | None = None) -> str | None:
    """The next page of the story at ``url`` (its first page when ``first_url`` is None, else
    a later page of the story that starts at ``first_url``), or None: on a first page,
    :func:`might_continue` (most pages stop there), an address without a page number and not
    a listing's (:func:`~newscrawl.discover.links.is_listing_address`: a tag page or a section
    front fetched as an article candidate has next pages of its own, no story's), then
    :func:`next_story_page`."""
    if first_url is None and not (starts_story(url) and not is_listing_address(url)
                                  and might_continue(body, url)):  # the address first: no search
        return None
    return next_story_page(body, url, first_url)


def first_page_of(body: bytes, url: str) -> str | None:
    """The first page's address when the page at ``url`` is a later page of a story: its
    address has a page number of 2 or more (:func:`maybe_later_page`: it names the address
    without it) and it links to the story's page 1 on its own host as an earlier page
    (``rel="prev"``, "Previous", "前のページへ", "1", "Seite 1"). None for most pages,
    after a byte test; a page reached by itself (a sitemap listing every page) that is one
    is recorded as what it is, never as an article of its own."""
    if not maybe_later_page(body, url):
        return None
    base, number = story_page(clean_url(url))
    return _story_link(body, url, (base, 1), lambda element: _says_earlier(element, number))


def maybe_later_page(body: bytes, url: str) -> bool:
    """True when the page at ``url`` may be a later page of a story: its address has a page
    number of 2 or more and the page names the address without it (its link back). An archive
    read in its order holds such a page until its first page comes (``ingest``, ``reextract``)."""
    base, number = story_page(url)
    if number < 2:
        return False
    path = base.partition("?")[0].rstrip("/")
    last = path.rsplit("/", 1)[-1]
    # the first page's file name with its extension ("story.html"), or its last segment
    # ("/story"): the name alone is often a word of the text ("story-12.html", a slug
    # with a number, is read as page 12 of "story.html": every page of such a site was parsed)
    # the name as a link's address ends with it: after a slash, a quote or an equals sign
    # ("-story.html", the end of many other stories' addresses, is not its link)
    name = (last if "." in last else f"/{last}").encode("utf-8", "replace")
    if len(name) < 3 or name not in body:
        return False
    return re.search(rb"""[/"'=]""" + re.escape(name.lstrip(b"/")) + rb"""(?![\w.-])""", body) is not None


def might_continue(body: bytes, url: str) -> bool:
    """False when the page at ``url`` surely links to no later page of its own story (most
    pages): no ``rel=next`` in its head, and its own name never followed by a page number
    (``news051_2.``, ``story/2/``, ``story.html?page=2``). A later page linked by a relative
    address without the name (``href="2/"``, ``href="?page=2"``) and no ``<link rel=next>``
    is missed. A few byte searches, no parsing: one pass over the body, about as long as a
    search for one word (docs/benchmarks.md)."""
    end = body.find(b"</head", 0, HEAD_BYTES)
    end = end if end != -1 else min(len(body), HEAD_BYTES)  # the head, searched in place
    if body.find(b"next", 0, end) != -1:  # rel="next", as sites write it (not rel="Next")
        story = story_page(url)
        for tag in _LINK_NEXT.finditer(body, 0, end):
            href = _HREF.search(tag.group())
            if href is not None and _is_next_of(story, url, href.group(href.lastindex or 0)):
                return True
    path = urlsplit(url).path.rstrip("/")
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0].encode("utf-8", "replace")
    if len(name) < 2:
        return False
    start = body.find(name)
    while start != -1:
        end = start + len(name)
        if _AFTER_NAME.match(body, end, end + 40):
            return True
        start = body.find(name, end)
    return False


def _is_next_of(story: tuple[str, int], url: str, href: bytes) -> bool:
    """True when ``href`` (on the page at ``url``, page ``story``) is the story's next page."""
    try:
        target = urljoin(url, href.decode("utf-8", "replace").strip())
    except ValueError:
        return False
    return story_page(target) == (story[0], story[1] + 1)


def _text_of(html: str | bytes) -> str | bytes:
    """A page's text: UTF-8 when its bytes read as such, else the bytes, read as the page
    declares (and lxml reads an XML declaration from bytes only)."""
    if isinstance(html, bytes) and not html.lstrip()[:5].lower().startswith(b"<?xml"):
        with contextlib.suppress(UnicodeDecodeError):
            return html.decode("utf-8")
    return html


def _says_earlier(element: HtmlElement, number: int) -> bool:
    """True when the link says it leads to an earlier page than page ``number`` (the first)."""
    get = element.get
    marks = f"{get('rel') or ''} {get('class') or ''} {get('aria-label') or ''}".lower()
    if "prev" in marks or "first" in marks:
        return True
    text = _SPACES.sub(" ", (element.text_content() or "").strip(_ARROWS).casefold()).strip()
    if text in PREVIOUS_PAGE_TEXTS:
        return True
    match = _NUMBERED.match(text)
    return bool(match and int(match.group(1)) in (1, number - 1))


def _says_next(element: HtmlElement, number: int) -> bool:
    """True when the link says it leads to the next page, page ``number``."""
    get = element.get
    if "next" in (get("rel") or "").lower().split():
        return True
    marks = f"{get('class') or ''} {get('aria-label') or ''} {get('title') or ''}".lower()
    if "next" in marks:
        return True
    raw = element.text_content() or ""
    text = _SPACES.sub(" ", raw.strip(_ARROWS).casefold()).strip()
    if text in NEXT_PAGE_TEXTS or (not text and raw.strip()):  # the words, or an arrow alone
        return True
    match = _NUMBERED.match(text)
    return bool(match and int(match.group(1)) == number)


def next_story_page(html: str | bytes, url: str, first_url: str | None = None) -> str | None:
    """The address of the next page of the story whose page ``url`` is (``first_url``: its first
    page, when ``url`` is a later one), or None: a link on the page to the same story's page
    N+1 that says it is the next page (see the module's docstring). Cleaned and absolute."""
    base, number = story_page(clean_url(first_url or url))
    if first_url is not None:
        number = story_page(clean_url(url))[1]
    return _story_link(html, url, (base, number + 1), lambda element: _says_next(element, number + 1))


def _story_link(
    html: str | bytes, url: str, wanted: tuple[str, int], says: Callable[[HtmlElement], bool]
) -> str | None:
    """The first link (``<a>`` or ``<link>``) of the page at ``url`` to the story page ``wanted``
    (:func:`~newscrawl.extract.urls.story_page`'s address and number) on the same host that
    ``says`` it is that page; cleaned and absolute, or None."""
    page = page_document(_text_of(html), url)
    if page is None:
        return None
    host = urlsplit(url).netloc
    for element, target in page_links(*page):
        if urlsplit(target).netloc == host and story_page(target) == wanted and says(element):
            return target
    return None


# What the pages rows say of a story (the crawl's and the archive's words).
def later_page_reason(number: int, first_url: str) -> str:
    """A later page's reason."""
    return f"page {number} of a story split over pages: {first_url}"


def joined_note(pages: int) -> str:
    """The first page's, when its ``pages`` pages were joined."""
    return f"story of {pages} pages joined"


def missing_page_note(number: int, why: str) -> str:
    """The first page's, when page ``number`` could not be had."""
    return f"story split over pages: page {number} missing ({why}), {number - 1} joined"


def capped_note(pages: int) -> str:
    """The first page's, when the story went on past ``NEWSCRAWL_STORY_MAX_PAGES`` pages."""
    return f"story of {pages} pages joined; page {pages + 1} not read (NEWSCRAWL_STORY_MAX_PAGES = {pages})"


def later_page_alone(page: FetchedPage) -> FetchedPage:
    """``page`` decided not-article when it is a later page of a story whose first page is
    not with it (:func:`first_page_of`): reached by itself, it is no article of its own."""
    if not page.decided and page.status is not None and 200 <= page.status < 300:
        first = first_page_of(page.body, page.final_url or page.url)
        if first is not None:
            page.decide(NOT_ARTICLE, later_page_reason(story_page(page.final_url or page.url)[1], first))
    return page


# Pages an archive's reader holds at most, waiting for their first page (a CC-NEWS file of
# 40,000 responses holds many pages with a page number whose first page is in another file):
# beyond, the longest held goes on as a page of its own.
MAX_HELD = 200


class ArchivedStories:
    """Archived pages in the archive's order (a WARC file's, ``reextract``'s) -> the same
    pages, each story's later pages riding on its first page (``story_pages``), as the crawl
    hands them to the pipelines: each later page decided not-article, the first page after
    its later pages.

    The later pages may come before their first page (the crawl archives a later page as
    soon as it is fetched, the first page after its extraction): a page that may be one
    (:func:`maybe_later_page`) is held until its first page claims it, or to the end
    (:meth:`rest`), when it goes on as a page of its own. A first page whose next page has
    not come yet waits for it, to the end at most, when it goes on with the pages it has.
    At most :data:`MAX_HELD` pages are held.
    """

    def __init__(self, max_pages: int) -> None:
        self.max_pages = max_pages
        self.held: dict[str, FetchedPage] = {}  # may be a later page: by address
        self.waiting: dict[str, FetchedPage] = {}  # a first page, by the address of its next page

    def add(self, page: FetchedPage) -> Iterator[FetchedPage]:
        """The pages ready to go on once ``page`` is read (none, it, or a whole story)."""
        url = page.final_url or page.url
        first = self.waiting.pop(url, None)
        if first is not None and page.decided:  # archived as a failure (404, say)
            first.story = missing_page_note(len(first.story_pages) + 2, page.reason or "")
            yield page
            yield first
            return
        if first is not None:
            yield from self._claim(first, page)
            return
        if self.max_pages <= 1 or page.decided:
            yield page
        elif maybe_later_page(page.body, url):
            self.held[url] = page
            if len(self.held) > MAX_HELD:  # the longest held goes on as a page of its own
                yield later_page_alone(self.held.pop(next(iter(self.held))))
        else:
            yield from self._follow(first=page, last=page)

    def rest(self) -> Iterator[FetchedPage]:
        """At the archive's end: the first pages still waiting (with the pages they have), then
        the pages held that no first page claimed."""
        for url, first in self.waiting.items():
            number = len(first.story_pages) + 2
            first.story = missing_page_note(number, f"not in the archive: {url}")
            yield first
        for page in self.held.values():
            yield later_page_alone(page)
        self.waiting, self.held = {}, {}

    def _claim(self, first: FetchedPage, page: FetchedPage) -> Iterator[FetchedPage]:
        first.story_pages.append(page)
        page.decide(NOT_ARTICLE, later_page_reason(len(first.story_pages) + 1, first.url))
        yield page
        yield from self._follow(first, page)

    def _follow(self, first: FetchedPage, last: FetchedPage) -> Iterator[FetchedPage]:
        """``first``'s story after its page ``last``: its next page claimed when held, waited
        for when not read yet; else the story is whole and goes on."""
        fetched = 1 + len(first.story_pages)
        first_url = first.final_url or first.url
        target = None
        if last.status is not None and 200 <= last.status < 300:
            target = next_page(last.body, last.final_url or last.url, None if last is first else first_url)
        seen = {first_url, *(p.final_url or p.url for p in first.story_pages)}
        if target is None or target in seen:
            pass
        elif fetched >= self.max_pages:
            first.story = capped_note(fetched)
        elif target in self.held:
            yield from self._claim(first, self.held.pop(target))
            return
        else:
            self.waiting[target] = first
            return
        if first.story_pages and first.story is None:
            first.story = joined_note(fetched)
        yield first
