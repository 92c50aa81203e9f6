"""A story split over pages: which link of an article page leads to its next page (no Scrapy).

Some outlets split a long story over pages: ``/story.html``, ``/story_2.html``; ``/story/``,
``/story/2/``; ``/story?page=2``. The crawl fetches the later pages with the first one and the
extraction joins their texts into one article, stored at the first page's address
(docs/architecture.md, "A story over pages").

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

import re
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

from newscrawl.discover.links import page_document
from newscrawl.extract.story import NEXT_PAGE_TEXTS
from newscrawl.extract.urls import clean_url, story_page

__all__ = ["might_continue", "next_story_page", "starts_story"]

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


def might_continue(body: bytes, url: str) -> bool:
    """False when the page at ``url`` surely links to no later page of its own story (most
    pages): no ``rel=next`` in its head, and its own name never followed by a page number
    (``news051_2.``, ``story/2/``, ``story.html?page=2``). A later page linked by a relative
    address without the name (``href="2/"``, ``href="?page=2"``) and no ``<link rel=next>``
    is missed. A few byte searches, no parsing: one pass over the body, about as long as a
    search for one word (docs/benchmarks.md)."""
    end = body.find(b"</head", 0, HEAD_BYTES)
    head = body[: end if end != -1 else HEAD_BYTES]
    if b"next" in head:  # rel="next", as sites write it (not rel="Next")
        story = story_page(url)
        for tag in _LINK_NEXT.finditer(head):
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
    page = page_document(html, url)
    if page is None:
        return None
    doc, at = page
    host = urlsplit(url).netloc
    for element in doc.iter("a", "link"):
        href = (element.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        try:
            target = clean_url(urljoin(at, href))
        except ValueError:
            continue
        if urlsplit(target).netloc != host or story_page(target) != (base, number + 1):
            continue
        if _says_next(element, number + 1):
            return target
    return None
