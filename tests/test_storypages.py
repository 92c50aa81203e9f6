"""The next-page rule of a story split over pages (discover/storypages.py), the join of its texts
(extract/story.py) and the archive's regrouping of its pages (ArchivedStories)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newscrawl.discover.storypages import (
    MAX_HELD,
    ArchivedStories,
    maybe_later_page,
    might_continue,
    next_page,
    next_story_page,
)
from newscrawl.extract.story import join_pages, page_links_line
from newscrawl.extract.urls import story_page
from newscrawl.items import ERROR, FetchedPage

SITE = "https://news.example"


def html(head: str = "", body: str = "") -> bytes:
    return f"<html><head><title>A story</title>{head}</head><body><p>Text.</p>{body}</body></html>".encode()


@pytest.mark.parametrize(("url", "expected"), [
    ("https://a.example/x/news051.html", ("a.example/x/news051.html?", 1)),
    ("https://a.example/x/news051_2.html", ("a.example/x/news051.html?", 2)),
    ("https://a.example/x/story-3.html", ("a.example/x/story.html?", 3)),
    ("https://a.example/2026/01/story/", ("a.example/2026/01/story?", 1)),
    ("https://a.example/2026/01/story/2/", ("a.example/2026/01/story?", 2)),
    ("https://a.example/story/page/2/", ("a.example/story?", 2)),
    ("https://a.example/story?page=2&ref=x", ("a.example/story?ref=x", 2)),
    ("https://a.example/story-2/", ("a.example/story-2?", 1)),  # a slug
    ("https://a.example/x/ice-104233.html", ("a.example/x/ice-104233.html?", 1)),
])
def test_a_story_pages_address_is_its_first_pages_with_a_number(url: str, expected: tuple[str, int]) -> None:
    assert story_page(url) == expected


@pytest.mark.parametrize(("first", "link"), [
    ("/a/news051.html", '<a class="next" href="/a/news051_2.html">次のページへ</a>'),
    ("/a/news051.html", '<a href="/a/news051_2.html">2</a>'),
    ("/2026/01/story/", '<a href="/2026/01/story/2/">Next page &raquo;</a>'),
    ("/2026/01/story/", '<a href="/2026/01/story/2/">›</a>'),
    ("/politik/streik-104233.html", '<a href="/politik/streik-104233-2.html">Seite 2</a>'),
    ("/politik/streik-104233.html", '<a href="/politik/streik-104233-2.html">Nächste Seite</a>'),
    ("/monde/article.html", '<a href="/monde/article.html?page=2">Page suivante</a>'),
])
def test_a_link_to_the_storys_next_page_that_says_so_is_followed(first: str, link: str) -> None:
    body = html(body=link)
    target = link.split('href="')[1].split('"')[0]
    assert might_continue(body, SITE + first)
    assert next_page(body, SITE + first) == SITE + target


def test_a_head_rel_next_is_followed() -> None:
    body = html(head=f'<link rel="next" href="{SITE}/2026/01/story/2/">')
    assert might_continue(body, SITE + "/2026/01/story/")
    assert next_page(body, SITE + "/2026/01/story/") == SITE + "/2026/01/story/2/"


@pytest.mark.parametrize(("first", "head", "link"), [
    # another story's link, a rel=next to the next post (WordPress), a listing's next page
    ("/2026/01/story/", "", '<a href="/2026/01/other-story/2/">Next page</a>'),
    ("/2026/01/story/", '<link rel="next" href="/2026/01/next-post/">', ""),
    ("/news/", '<link rel="next" href="/sports/page/2/">', ""),
    # a tag page, a section front or search results fetched as an article candidate: their next
    # pages are a listing's
    ("/tags/ice/", '<link rel="next" href="/tags/ice/2/">', '<a href="/tags/ice/2/">Next page</a>'),
    ("/world/", "", '<a class="next" href="/world/page/2/">Next</a>'),
    ("/search/ice+tech/", "", '<a href="/search/ice+tech/page/2/">2</a>'),
    # a link to page 2 that does not say it is the next page
    ("/a/news051.html", "", '<a href="/a/news051_2.html">Read the annex</a>'),
    # the previous page
    ("/a/news051.html", "", '<a class="prev" href="/a/news051_0.html">Previous</a>'),
    # another host
    ("/a/news051.html", "", '<a href="https://mirror.example/a/news051_2.html">Next</a>'),
])
def test_no_other_link_is_a_next_page(first: str, head: str, link: str) -> None:
    assert next_page(html(head=head, body=link), SITE + first) is None


def test_most_pages_are_turned_away_before_any_parsing() -> None:
    body = html(head='<link rel="next" href="/2026/01/next-post/">',
                body='<a href="/2026/01/story-about-two/">Next</a><a href="/tags/page/2/">2</a>')
    assert not might_continue(body, SITE + "/2026/01/story/")
    assert not might_continue(body, SITE + "/")


def test_a_page_with_a_number_starts_no_story_and_a_later_page_leads_on() -> None:
    body = html(body='<a href="/2026/01/story/3/">Next page</a>')
    assert next_page(body, SITE + "/2026/01/story/2/") is None  # reached directly: not followed
    later = next_page(body, SITE + "/2026/01/story/2/", SITE + "/2026/01/story/")
    assert later == SITE + "/2026/01/story/3/"
    assert next_story_page(body, SITE + "/2026/01/story/2/", SITE + "/2026/01/other/") is None


def test_the_join_drops_page_links_and_paragraphs_repeated_from_earlier_pages() -> None:
    pages = ["Standfirst.\n\nFirst page text.\n\n1 | 2 | 次のページへ",
             "Standfirst.\n\nSecond page text.\n\nSecond page text.\n\n前のページへ | 1 | 2"]
    assert join_pages(pages) == ("Standfirst.\n\nFirst page text.\n\nSecond page text.\n\n"
                                 "Second page text.")
    assert page_links_line("« Previous 1 2 3 Next »") and page_links_line("Seite 2")
    assert not page_links_line("The next page of the story.") and not page_links_line("2026")


def _archived(path: str, body: bytes, status: int = 200) -> FetchedPage:
    page = FetchedPage(url=SITE + path, final_url=SITE + path, outlet="x", discovered_via="warc",
                       fetched_at=datetime(2026, 1, 2, tzinfo=UTC), status=status, body=body)
    if status >= 400:
        page.decide(ERROR, f"http {status} (archived)")
    return page


FIRST = _archived("/s/story.html", html(body='<a href="/s/story_2.html">Next</a>'))


def _story(pages: list[FetchedPage], max_pages: int = 10) -> list[FetchedPage]:
    stories = ArchivedStories(max_pages)
    out = [ready for page in pages for ready in stories.add(page)]
    return out + list(stories.rest())


@pytest.mark.parametrize("later_first", [False, True])
def test_the_archive_joins_a_storys_pages_in_either_order(later_first: bool) -> None:
    first = _archived("/s/story.html", FIRST.body)
    second = _archived("/s/story_2.html", html(body='<a href="/s/story.html">1</a>'))
    assert maybe_later_page(second.body, second.url)
    out = _story([second, first] if later_first else [first, second])
    assert out == [second, first]
    assert first.story_pages == [second] and first.story == "story of 2 pages joined"
    assert second.reason == f"page 2 of a story split over pages: {first.url}"


def test_the_archive_lets_a_first_page_go_on_without_its_missing_page() -> None:
    first = _archived("/s/story.html", FIRST.body)
    gone = _archived("/s/story_2.html", b"Not found", status=404)
    assert _story([first, gone]) == [gone, first]
    assert first.story_pages == [] and "page 2 missing (http 404 (archived))" in first.story
    alone = _archived("/s/story.html", FIRST.body)
    assert _story([alone]) == [alone] and "page 2 missing (not in the archive" in alone.story


def test_the_archive_keeps_an_unclaimed_page_with_a_number_as_a_page_of_its_own() -> None:
    # a later page whose first page is not in the archive: recorded as what it is
    other = _archived("/s/other_2.html", html(body='<a href="/s/other.html">1</a>'))
    assert _story([other]) == [other]
    assert other.reason == f"page 2 of a story split over pages: {SITE}/s/other.html"
    # a page with a number that names no earlier page of its own: a page like any other
    alone = _archived("/s/other_2.html", html(body='<a href="/s/other.html">The other story</a>'))
    assert _story([alone]) == [alone] and not alone.decided
    many = [_archived(f"/s/other{i}_2.html", html(body=f'<a href="/s/other{i}.html">1</a>'))
            for i in range(MAX_HELD + 2)]
    stories = ArchivedStories(10)
    assert [ready for page in many for ready in stories.add(page)] == many[:2]  # held at most MAX_HELD
    assert _story([_archived("/s/story.html", FIRST.body)], max_pages=1)[0].story is None


def test_a_later_page_reached_by_itself_names_its_first_page() -> None:
    from newscrawl.discover.storypages import first_page_of

    back = '<a class="prev" href="/a/news051.html">前のページへ</a> <a href="/a/news051.html">1</a>'
    assert first_page_of(html(body=back), SITE + "/a/news051_2.html") == SITE + "/a/news051.html"
    assert first_page_of(html(body='<a href="/story/">Seite 1</a>'), SITE + "/story/3/") == SITE + "/story/"
    # an article of a small id linking another by its headline; a first page; no link back
    assert first_page_of(html(body='<a href="/news/1">Council votes</a> news'), SITE + "/news/5") is None
    assert first_page_of(html(body='<a href="/a/news051_2.html">2</a>'), SITE + "/a/news051.html") is None
    assert first_page_of(html(body="news051"), SITE + "/a/news051_2.html") is None


def test_a_slug_with_a_number_is_not_parsed_for_a_first_page_by_a_word_of_its_text() -> None:
    """``/story-12.html`` reads as page 12 of ``/story.html``; its text says "story" but never
    links to ``story.html``: no page of such a site is parsed for a first page (every page of
    the throughput benchmark's outlets was, 3 ms of the crawl's CPU each)."""
    body = b"<html><body><p>The story of the letter, and a story-12 reference.</p></body></html>"
    assert not maybe_later_page(body, "https://n.example/2026/01/05/story-12.html")
    linked = body.replace(b"</p>", b' <a href="story.html">1</a></p>')
    assert maybe_later_page(linked, "https://n.example/2026/01/05/story-12.html")
    # a page number after a slash: the first page's last segment after a slash
    assert maybe_later_page(b'<a href="/2026/01/story/">1</a>', "https://n.example/2026/01/story/2/")
    assert not maybe_later_page(b"<p>story</p>", "https://n.example/2026/01/story/2/")
    # another story's address ending the same way ("-story.html") is no link to the first page
    other = body.replace(b"</p>", b' <a href="/2026/01/05/ice-letter-story.html">More</a></p>')
    assert not maybe_later_page(other, "https://n.example/2026/01/05/story-12.html")
