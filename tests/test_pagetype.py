"""Article or listing, from page signals and URL shape."""

from dataclasses import replace
from pathlib import Path

import pytest

from newscrawl.extract.article import extract_article
from newscrawl.extract.decode import load_html
from newscrawl.extract.pagetype import (
    COVERAGE_RUNNING_WORDS,
    HUB_TEASERS,
    RUNNING_TEXT_WORDS,
    STUB_MAX_WORDS,
    PageSignals,
    archive_body,
    classify_page,
    count_teasers,
    coverage_list,
    dialog_share,
    error_title,
    headline_list,
    jsonld_type_names,
    later_page,
    read_elsewhere,
    site_key,
)

ARTICLE_URL = "https://n.example/2026/01/27/tech-workers-letter.html"


@pytest.mark.parametrize(
    ("url", "signals", "kind"),
    [
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"NewsArticle"})), "article"),
        # article markup beats a listing-shaped URL
        ("https://n.example/section/tech/", PageSignals(og_type="article"), "article"),
        ("https://n.example/tag/ice/", PageSignals(has_published_meta=True), "article"),
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"CollectionPage"})), "listing"),
        # one weak signal is not enough: many CMSs say og:type website on articles
        (ARTICLE_URL, PageSignals(og_type="website"), "article"),
        ("https://n.example/section/technology/", PageSignals(), "article"),
        (ARTICLE_URL, PageSignals(article_elements=6), "article"),
        # two are
        ("https://n.example/section/technology/", PageSignals(og_type="website"), "listing"),
        ("https://n.example/", PageSignals(article_elements=4), "listing"),
        (ARTICLE_URL, PageSignals(og_type="website", article_elements=6), "listing"),
        # WordPress's archive class on the <body> (category, tag, author, date pages) is weak
        (ARTICLE_URL, PageSignals(archive_body=True), "article"),
        (ARTICLE_URL, PageSignals(archive_body=True, article_elements=4), "listing"),
        (ARTICLE_URL, PageSignals(), "article"),
        (None, PageSignals(), "article"),
        # the site's own JSON-LD (WebSite, its menu) is on every page of many sites: weak
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"WebSite"})), "article"),
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"SiteNavigationElement"})), "article"),
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"WebSite"}), og_type="website"), "listing"),
        # weak signals do not outweigh an article's own running text ...
        (ARTICLE_URL, PageSignals(og_type="website", article_elements=18, text_words=738), "article"),
        (
            "https://n.example/tag/ice/", PageSignals(og_type="website", text_words=RUNNING_TEXT_WORDS),
            "article",
        ),
        # ... short, or mostly teasers, it is no article's
        (
            "https://n.example/tag/ice/", PageSignals(og_type="website", text_words=RUNNING_TEXT_WORDS - 1),
            "listing",
        ),
        (
            "https://n.example/section/technology/",
            PageSignals(og_type="website", text_words=1000, teaser_text_share=0.8, teasers=3),
            "listing",
        ),
        # three teasers that are nearly all of the text: a small outlet's tag page, typed as an
        # article by its template; three teasers beside an article's own text are related links
        (ARTICLE_URL, PageSignals(og_type="article", text_words=109, teaser_text_share=1.0, teasers=3),
         "listing"),
        (ARTICLE_URL, PageSignals(og_type="article", text_words=181, teaser_text_share=0.8, teasers=3),
         "listing"),
        (ARTICLE_URL, PageSignals(og_type="article", text_words=600, teaser_text_share=0.3, teasers=3),
         "article"),
        (ARTICLE_URL, PageSignals(og_type="article", text_words=120, teaser_text_share=1.0, teasers=2),
         "article"),
        # and a strong listing type is not outweighed by text
        (ARTICLE_URL, PageSignals(jsonld_types=frozenset({"CollectionPage"}), text_words=2000), "listing"),
        # a Yoast archive: og:type article beside a CollectionPage graph and no article node is
        # no article's mark (tests/afroweb); an article node or a menu's ItemList keep it one
        ("https://n.example/tag/ice/", PageSignals(og_type="article", jsonld_types=frozenset(
            {"CollectionPage", "WebSite", "BreadcrumbList"})), "listing"),
        (ARTICLE_URL, PageSignals(og_type="article", jsonld_types=frozenset(
            {"CollectionPage", "NewsArticle"})), "article"),
        (ARTICLE_URL, PageSignals(og_type="article", jsonld_types=frozenset(
            {"ItemList", "WebSite"})), "article"),
    ],
)
def test_classify(url: str | None, signals: PageSignals, kind: str) -> None:
    assert classify_page(url, signals)[0] == kind


def test_the_running_text_reason_names_the_words_and_the_signals_it_outweighs() -> None:
    signals = PageSignals(og_type="website", article_elements=18, text_words=1000, teaser_text_share=0.1)
    assert classify_page(ARTICLE_URL, signals) == (
        "article",
        "900 words of running text outweigh og:type website and 18 <article> teasers",
    )


def test_reason_names_the_evidence() -> None:
    signals = PageSignals(og_type="website")
    assert classify_page("https://n.example/tag/ice/", signals)[1] == "og:type website and listing-shaped URL"


def test_jsonld_type_names() -> None:
    assert jsonld_type_names(["NewsArticle", ["WebPage", "https://schema.org/ItemList"], 3]) == {
        "NewsArticle", "WebPage", "ItemList"}


# --------------------------------------------------------------------------- structure

PAGES = Path(__file__).parent / "pages"


def _extract(name: str):
    from newscrawl.extract.article import extract_article

    html = (PAGES / name).read_text(encoding="utf-8")
    return extract_article(html, f"https://valleygazette.example/2026/01/24/{name}")


@pytest.mark.parametrize("name", ["roundup.html", "roundup-article-markup.html", "tag-page.html"])
def test_a_page_of_teasers_is_a_listing_whatever_its_markup_says(name: str) -> None:
    art = _extract(name)
    assert art is not None and art.page_type == "listing"
    assert "teasers (headline links with summaries)" in (art.page_type_reason or "")


@pytest.mark.parametrize("name", ["article-with-related.html", "article-with-inline-related.html"])
def test_an_article_with_a_box_of_related_teasers_stays_an_article(name: str) -> None:
    art = _extract(name)
    assert art is not None and art.page_type == "article"
    assert art.text.startswith("The harbour bridge reopened")
    assert art.authors == ["Jane Roe"] and art.credit == ["Associated Press"]


def test_the_roundup_byline_is_a_credit_not_a_person() -> None:
    art = _extract("roundup.html")
    assert art.authors == [] and len(art.credit) == 1 and "staff" in art.credit[0].lower()


def test_teasers_are_counted_only_with_a_summary() -> None:
    from newscrawl.extract.decode import load_html

    cards = "".join(
        f'<li><h3><a href="/s/{i}">Story number {i} about the harbour</a></h3></li>' for i in range(8)
    )
    tree = load_html(f"<html><body><ul>{cards}</ul></body></html>")
    assert count_teasers(tree, "Story number 1 about the harbour") == (0, 0.0)
    with_summaries = cards.replace(
        "</h3></li>", "</h3><p>A summary of the story in a dozen plain words here.</p></li>"
    )
    tree = load_html(f"<html><body><ul>{with_summaries}</ul></body></html>")
    teasers, share = count_teasers(tree, "Story number 1 about the harbour")
    assert teasers == 8 and share == 1.0
    # a teaser share below TEASER_TEXT_SHARE leaves the decision to the markup
    assert classify_page(None, PageSignals(teasers=8, teaser_text_share=0.3)) == (
        "article", "no listing signal"
    )


TEASER_LINKS_XPATH = (
    "//body//*[self::h2 or self::h3 or self::h4 or self::h5]//a[@href][not(ancestor::p)]"
    " | //body//article/descendant::a[@href][1][not(ancestor::p)]"
    " | //body//li/descendant::a[@href][1][not(ancestor::p)]"
)


@pytest.mark.parametrize(
    "body",
    [
        "<p>No links at all.</p>",
        '<ul><li><a name="x">no href</a><a href="/a">A</a><ul><li><a href="/b">B</a></li></ul></li></ul>',
        '<article><p><a href="/in-p">in a paragraph</a></p><a href="/after">after it</a></article>',
        '<h2><a href="/h">head</a><span><a href="/h2">and more</a></span></h2><h5><a href="">empty</a></h5>',
        '<li><article><h3><a href="/same">one link, three ways</a></h3></article></li>'
        '<p><h4><a href="/x">x</a></h4></p>',
    ],
)
def test_the_headline_links_are_the_xpaths(body: str) -> None:
    from newscrawl.extract.decode import load_html
    from newscrawl.extract.pagetype import _teaser_links

    for html in (f"<html><body>{body}</body></html>", body):
        tree = load_html(html)
        tree = tree if tree is not None else load_html(f"<html><body>{html}</body></html>")
        assert _teaser_links(tree) == tree.xpath(TEASER_LINKS_XPATH)


def test_the_headline_links_of_the_test_pages_are_the_xpaths() -> None:
    from newscrawl.extract.decode import load_html
    from newscrawl.extract.pagetype import _teaser_links

    for name in sorted(p.name for p in PAGES.glob("*.html")):
        tree = load_html((PAGES / name).read_text(encoding="utf-8"))
        if tree is not None:
            assert _teaser_links(tree) == tree.xpath(TEASER_LINKS_XPATH), name


def test_the_headline_reading_is_the_earlier_one() -> None:
    """_headline counts a link's words before joining its white space (the joined text's words:
    white space joins no words and parts none) and finds its heading by iterancestors' tags;
    count_teasers passes over a link whose address is a teaser's already before reading it.
    The same readings and counts as the earlier forms."""
    from newscrawl.extract.decode import load_html
    from newscrawl.extract.pagetype import _HEADINGS, _headline, _teaser_links
    from newscrawl.words import length_in_words

    def earlier(link) -> tuple[str, int] | None:  # noqa: ANN001 - an lxml element
        href = (link.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            return None
        headline = " ".join(link.text_content().split())
        words = length_in_words(headline)
        if words < 4:
            return None
        heading = next((a for a in link.iterancestors() if a.tag in _HEADINGS), None)
        if heading is not None and len(headline) < 0.6 * len(" ".join(heading.text_content().split())):
            return None
        return headline, words

    summary = "<p>A summary of the story in a dozen plain words here.</p>"
    cards = "".join(
        f'<li><h{2 + i % 4}><a href="/s/{i % 5}">Story\u00a0number {i}\u2003about\n\tthe'
        f"<b>harbour</b>_x</a>{' and a long tail of words in the heading' * (i % 2)}</h{2 + i % 4}>"
        f"{summary}</li>"
        for i in range(12)
    )
    cards += '<li><a href="#top">Back to the top of page</a></li><li><a href=" ">a b c d</a></li>'
    pages = [f"<html><body><ul>{cards}</ul></body></html>"]
    pages += [p.read_text(encoding="utf-8") for p in sorted(PAGES.glob("*.html"))]
    seen = 0
    for html in pages:
        tree = load_html(html)
        links = _teaser_links(tree)
        assert [_headline(a) for a in links] == [earlier(a) for a in links]
        seen += sum(earlier(a) is not None for a in links)
    # twelve headline links with summaries, to five addresses: five teasers, one to an address
    assert count_teasers(load_html(pages[0]), "x")[0] == 5
    assert seen > 10


def test_a_summary_written_straight_into_a_list_item_makes_a_teaser() -> None:
    from newscrawl.extract.decode import load_html

    # a hand-written coverage page: <li><a>Headline</a> - date<br>summary</li>
    items = "".join(
        f'<li><a href="/news/{i}.html">Sheriff story number {i} about the jail</a> - January {i}'
        f"<br>The sheriff said deputies would no longer hold people without a warrant.</li>"
        for i in range(3)
    )
    tree = load_html(f"<html><body><h2>Our coverage</h2><ul>{items}</ul></body></html>")
    text = "\n\n".join(
        f"Sheriff story number {i} about the jail - January {i} The sheriff said deputies would "
        "no longer hold people without a warrant." for i in range(3)
    )
    assert count_teasers(tree, text) == (3, 1.0)


def test_a_brief_beside_a_box_of_related_teasers_stays_an_article_of_its_own_text() -> None:
    # the recall pass (for short texts) reads the box in with the brief: its text alone is a
    # listing by structure; the precision pass's text is the brief's, and the page says it
    # is an article
    art = _extract("brief-with-related.html")
    assert art is not None and art.page_type == "article"
    assert "The harbour bridge reopened" in art.text and "Ferry service" not in art.text
    # the same page without article markup: a listing, as a tag page's intro with teasers is
    html = (PAGES / "brief-with-related.html").read_text(encoding="utf-8")
    html = html.replace('<meta property="article:published_time" content="2026-01-24T08:15:00-06:00">', "")
    from newscrawl.extract.article import extract_article

    bare = extract_article(html, "https://valleygazette.example/2026/01/24/brief.html")
    assert bare is not None and bare.page_type == "listing"


def test_an_archive_body_class_is_read_from_the_body() -> None:
    category = '<html><body class="archive category category-world"><p>x</p></body></html>'
    post = '<html><body class="post-template-default single single-post"><p>x</p></body></html>'
    assert archive_body(load_html(category))
    assert not archive_body(load_html(post))
    assert not archive_body(load_html("<html><body><p>x</p></body></html>"))


def test_a_summary_is_looked_for_outside_the_headline_link_as_before() -> None:
    """_has_summary passes over the elements inside the link as a set of the link's descendants
    (not by each element's ancestors): the same answer on random blocks, for every link in them
    and every block around it."""
    import random

    from lxml.html import fragment_fromstring

    from newscrawl.extract.pagetype import TEASER_SUMMARY_WORDS, _has_summary
    from newscrawl.words import length_in_words as _words

    def earlier(block, link) -> bool:  # noqa: ANN001 - lxml elements
        around = set(link.iterancestors())
        for el in block.iter("p", "div", "span"):
            if el is block or el in around or link in el.iterancestors():
                continue
            if _words(el.text_content()) >= TEASER_SUMMARY_WORDS:
                return True
        if link.getparent() is block:
            loose = [block.text, *(child.tail for child in block)]
            return any(_words(text) >= TEASER_SUMMARY_WORDS for text in loose if text)
        return False

    rng = random.Random(15)

    def markup(depth: int) -> str:
        kids = "".join(markup(depth + 1) for _ in range(rng.randint(0, 3) if depth < 4 else 0))
        tag = rng.choice(["a", "p", "div", "span", "span", "b", "li"])
        words = " ".join(["word"] * rng.choice([1, 3, 6, 8]))
        return f"<{tag} href='/s'>{words}{kids}</{tag}>{words if rng.random() < 0.3 else ''}"

    answers = set()
    for _ in range(300):
        root = fragment_fromstring(f"<div>{markup(0)}{markup(0)}</div>")
        for link in root.iter("a"):
            for block in link.iterancestors():
                assert _has_summary(block, link) == earlier(block, link)
                answers.add(earlier(block, link))
    assert answers == {True, False}


def test_a_teaser_written_flat_is_its_heading_and_the_summary_paragraph_after_it() -> None:
    # a newsletter's roundup: <h3><a>Headline</a></h3><p>Source -- summary</p>, one after
    # another in the post's text, no card around each (the main text keeps the summaries only)
    items = "".join(
        f'<h3><a href="https://other.example/{i}">Workers story number {i} about the letter</a></h3>'
        f"<p><em>Outlet {i}</em> \u2014 The organizers check every name against a work email.</p>"
        for i in range(8)
    )
    filler = "<p>" + "Here is what we read this week and why it matters to us. " * 12 + "</p>"
    tree = load_html(f"<html><body><article><section>{filler}{items}</section></article></body></html>")
    text = "\n\n".join(
        f"Outlet {i} \u2014 The organizers check every name against a work email." for i in range(8)
    )
    assert count_teasers(tree, text) == (8, 1.0)
    # a story's linked subheads over paragraphs of their own are not teasers
    long_para = "<p>" + "The letter's signers met again on Tuesday to plan the walkout. " * 10 + "</p>"
    story = "".join(
        f'<h3><a href="/s/{i}">Part number {i} of the story told</a></h3>{long_para}' for i in range(6)
    )
    tree = load_html(f"<html><body><article>{story}</article></body></html>")
    assert count_teasers(tree, "The letter's signers met again") == (0, 0.0)


@pytest.mark.parametrize(
    ("title", "error"),
    [
        ("Page not found", True),
        ("Seite nicht gefunden", True),
        ("Oops! That page can\u2019t be found.", True),
        ("Error 404 - Page not found", True),
        ("404", True),
        ("Página no encontrada", True),
        # a story's headline that only mentions such words is no error page
        ("404: the mystery of the missing pages", False),
        ("Not found: the families ICE detained", False),
        ("Page not found, a novel, reviewed", False),
        (None, False),
    ],
)
def test_an_error_pages_whole_title_says_so(title: str | None, error: bool) -> None:
    assert error_title(title) is error


def test_an_error_page_served_with_status_200_is_no_article_whatever_its_markup_says() -> None:
    # a German site's "page not found" with og:type website and a list of its latest stories,
    # and the same headline over article markup
    signals = PageSignals(og_type="website", title="Seite nicht gefunden", text_words=69)
    assert classify_page(ARTICLE_URL, signals)[0] == "listing"
    signals = PageSignals(jsonld_types=frozenset({"NewsArticle"}), title="Page not found")
    kind, reason = classify_page(ARTICLE_URL, signals)
    assert kind == "listing" and "error page" in reason


@pytest.mark.parametrize(
    ("url", "prev", "page"),
    [
        # WordPress's split posts, a page parameter, a CMS's -pageN
        ("https://n.example/2026/01/25/story/2/", "https://n.example/2026/01/25/story/", 2),
        ("https://n.example/2026/01/25/story/page/3/", "/2026/01/25/story/page/2/", 3),
        ("https://n.example/story.html?page=2", "story.html", 2),
        ("https://n.example/story-page2", "/story", 2),
        # older WordPress themes link the post before as rel=prev: another story
        ("https://n.example/2026/01/25/story/", "https://n.example/2026/01/24/other-story/", 0),
        ("https://n.example/2026/01/25/story-2/", "https://n.example/2026/01/25/story/", 0),
        ("https://n.example/news/123", "https://n.example/news/122", 0),
        # a first page whose rel=prev wraps around to the last
        ("https://n.example/gallery.htm", "https://n.example/gallery-p22.htm", 0),
    ],
)
def test_a_later_page_of_a_split_story_is_known_by_its_address_and_its_rel_prev(
    url: str, prev: str, page: int
) -> None:
    assert later_page(url, [prev]) == page


def test_a_later_page_of_a_split_story_is_not_stored_as_a_second_article() -> None:
    from newscrawl.extract.article import extract_article

    paragraphs = "".join(
        f"<p>The organizers checked every name against a work email, night after night, part {i}.</p>"
        for i in range(8)
    )
    page = (
        '<html><head><title>Inside the letter</title><link rel="prev" href="/2026/01/25/letter/">'
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Inside the letter"}'
        f"</script></head><body><article><h1>Inside the letter</h1>{paragraphs}</article></body></html>"
    )
    art = extract_article(page, "https://n.example/2026/01/25/letter/2/")
    assert art.page_type == "listing" and "page 2 of a story split over pages" in art.page_type_reason
    assert extract_article(page, "https://n.example/2026/01/25/letter/").page_type == "article"


def test_a_topic_hub_of_many_teasers_at_a_listing_address_is_a_listing_despite_its_article_markup() -> None:
    # a topic hub: 250 words of introduction (the main text), twelve teasers, NewsArticle JSON-LD
    hub = PageSignals(jsonld_types=frozenset({"NewsArticle"}), teasers=12, text_words=250)
    kind, reason = classify_page("https://n.example/topics/immigration-enforcement/", hub)
    assert kind == "listing" and "listing-shaped URL" in reason
    # an article with a "More coverage" box of ten teasers under it, at an article's address
    assert classify_page(ARTICLE_URL, hub)[0] == "article"
    # fewer teasers at such an address leave the decision to the markup
    few = PageSignals(jsonld_types=frozenset({"NewsArticle"}), teasers=HUB_TEASERS - 1)
    assert classify_page("https://n.example/topics/immigration-enforcement/", few)[0] == "article"


def test_a_wall_whose_dialog_is_the_main_text_is_no_article() -> None:
    from newscrawl.extract.article import extract_article

    dialog = (
        '<div id="sp_message_container" role="dialog"><h2>Mit Werbung weiterlesen</h2>'
        "<p>Nutzen Sie die Seite mit personalisierter Werbung, Werbetracking sowie Personalisierung "
        "von Inhalten. Ihre Zustimmung ist jederzeit widerrufbar.</p><button>Akzeptieren</button>"
        "<p>Oder lesen Sie ohne Werbetracking und ohne personalisierte Werbung im PUR-Abo, jederzeit "
        "k\u00fcndbar.</p></div>"
    )
    page = (
        '<html><head><title>Wie Konzerne mitverdienen</title><script type="application/ld+json">'
        '{"@type": "NewsArticle", "headline": "Wie Konzerne mitverdienen"}</script></head><body>'
        f'{dialog}<article aria-hidden="true"><h1>Wie Konzerne mitverdienen</h1></article></body></html>'
    )
    art = extract_article(page, "https://n.example/politik/konzerne-a-8805/")
    assert art.page_type == "listing" and "a dialog" in art.page_type_reason
    # a story beside a small dialog (a newsletter modal) is read as before
    line = "<p>The organizers checked every name against a work email, part {}.</p>"
    story = "".join(line.format(i) for i in range(8))
    page = page.replace('<article aria-hidden="true"><h1>Wie Konzerne mitverdienen</h1></article>',
                        f"<article><h1>Wie Konzerne mitverdienen</h1>{story}</article>")
    modal = '<div role="dialog"><p>Sign up for our newsletter today, it is free.</p></div>'
    page = page.replace(dialog, modal)
    art = extract_article(page, "https://n.example/politik/konzerne-a-8805/")
    assert art.page_type == "article"


def test_the_dialog_share_is_not_read_on_a_long_text() -> None:
    tree = load_html('<html><body><div role="dialog"><p>Accept all cookies</p></div></body></html>')
    assert dialog_share(tree, "Accept all cookies") == 1.0
    assert dialog_share(tree, "Accept all cookies\n\n" + "word " * 200) == 0.0


def test_teasers_read_as_one_paragraph_still_make_their_share_of_the_text() -> None:
    """A section page written as lines (its teasers joined into one paragraph of the main text)
    was no listing: no paragraph of the text was a teaser's whole. The teasers' own text standing
    in the text's key counts too."""
    cards = "".join(
        f'<div class="item"><h3><a href="/s/{i}">Story number {i} about the harbour</a></h3>'
        f"<span>A summary of story {i} in a dozen plain words here...</span></div>"
        for i in range(6)
    )
    tree = load_html(f"<html><body>{cards}</body></html>")
    one_line = " ".join(
        f"Story number {i} about the harbour A summary of story {i} in a dozen plain words here..."
        for i in range(6)
    )
    teasers, share = count_teasers(tree, "Local News " + one_line)
    assert teasers == 6 and share > 0.9
    assert classify_page(None, PageSignals(teasers=teasers, teaser_text_share=share))[0] == "listing"
    # an article that quotes one teaser's words keeps its share small
    story = "\n\n".join(
        f"Paragraph {k} of the story says what the council decided on Monday." for k in range(12)
    )
    assert count_teasers(tree, story + "\n\n" + one_line.split(" Story number 1")[0])[1] < 0.3


def test_a_sites_front_page_is_a_listing_whatever_its_markup_says() -> None:
    """A home page whose lead story's text makes its main text, with og:type website only (one
    weak signal), was judged an article when read as a page (a WARC's, by ingest)."""
    signals = PageSignals(og_type="website", text_words=180)
    assert classify_page("https://news.example/page-one-story", signals)[0] == "article"
    assert classify_page("https://news.example/", signals) == ("listing", "the site's front page")
    assert classify_page("https://news.example/?p=42", signals)[0] == "article"  # WordPress's post


def test_a_cards_link_around_its_heading_is_a_headline_link() -> None:
    """``<a href><h3>Headline</h3></a><p>Summary</p>``: the card's link holds its heading (a
    river of teasers on a French daily's section page, a metro daily's centrepiece tabs)."""
    cards = "".join(
        f'<section class="teaser"><a class="teaser__link" href="/world/{i}"><img src="/i/{i}.jpg" alt="">'
        f'<h3 class="teaser__title">Story number {i} about the harbour and its future</h3></a>'
        f'<p class="teaser__desc">A summary of story {i} in a dozen plain words here.</p></section>'
        for i in range(6)
    )
    tree = load_html(f"<html><body><main><h1>World</h1>{cards}</main></body></html>")
    text = "\n\n".join(
        f"Story number {i} about the harbour and its future\n\n"
        f"A summary of story {i} in a dozen plain words here." for i in range(6)
    )
    teasers, share = count_teasers(tree, text)
    assert teasers == 6 and share == 1.0


def test_a_sites_search_results_are_a_listing_whatever_their_text() -> None:
    """A Blogger label page shows whole posts: its text is the newest post's."""
    signals = PageSignals(text_words=300)
    assert classify_page("https://blog.example/search/label/ICE", signals) == (
        "listing", "the site's search results"
    )
    assert classify_page("https://blog.example/2026/01/post.html?s=20", signals)[0] == "article"


def test_teasers_in_chinese_or_japanese_are_counted_by_their_length() -> None:
    """A Japanese section page: a list of headline links, each with a one-line lead. Counted as
    runs of word characters, a Japanese headline was two or three "words" (no spaces between
    its words), short of a headline's four, and a lead short of a summary's six: no teaser."""
    leads = [
        ("米IT大手の社員ら、ICEとの契約打ち切り求める書簡　署名1千人超",
         "米大手の社員らが、移民当局との契約打ち切りを求める書簡を出した。"),
        ("マイクロソフト社員、本社前で抗議",
         "社員ら約200人が、本社前でクラウド提供の停止を求めて抗議した。"),
        ("ミネアポリスで摘発続く　住民が見守り活動", "住民らが自主的に見守りを始めた。"),
        ("米国の強制送還、過去最多に", "昨年度は40万人を超えた。"),
    ]
    items = "".join(
        f'<li><a href="/world/articles/{i}.html"><div class="title">{headline}</div></a><p>{lead}</p></li>'
        for i, (headline, lead) in enumerate(leads)
    )
    tree = load_html(
        f'<html><body><main><h1>国際</h1><ul>{items}</ul><a href="/world/2">次へ</a></main></body></html>'
    )
    text = "\n\n".join(f"- {headline} {lead}" for headline, lead in leads)
    teasers, share = count_teasers(tree, text)
    assert teasers == 4 and share == 1.0
    assert classify_page(None, PageSignals(teasers=teasers, teaser_text_share=share))[0] == "listing"
    # a nav link of two characters is no headline
    nav = load_html(
        '<html><body><ul><li><a href="/world/">国際</a><p>昨年度は40万人を超えた。</p></li></ul></body>'
    )
    assert count_teasers(nav, "国際 昨年度は40万人を超えた。") == (0, 0.0)


def test_the_running_text_of_a_chinese_or_japanese_article_outweighs_weak_signals() -> None:
    """Two weak listing signals give way to RUNNING_TEXT_WORDS words of running text; a Japanese
    article of 800 characters is about 400 words, not the handful of space-separated runs."""
    from newscrawl.extract.article import extract_article

    sentence = "回の会合で新たな移民政策を発表し、各地で議論が広がっている。専門家は影響を注視している。"
    paragraphs = [f"政府は第{i}{sentence}" * 2 for i in range(1, 9)]  # 800 characters: 8 runs between spaces
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f'<html lang="ja"><head><title>移民政策の行方</title><meta property="og:type" content="website">'
            f"</head><body><main><h1>移民政策の行方</h1>{body}</main></body></html>")
    article = extract_article(html, "https://news.example.jp/category/politics/")  # a listing's address
    assert article is not None
    assert article.page_type == "article", article.page_type_reason


def test_a_cards_date_and_byline_line_is_no_summary() -> None:
    """A WordPress tag page: each card's header holds the headline link and its meta line
    ("Posted on January 26, 2026 by Tom Okafor"), the excerpt below it. The meta line had
    made the header a teaser of its own, the excerpts outside it, so the teasers made none of
    the text (the excerpts) and the page, marked og:type article, was stored as one."""
    cards = "".join(
        f'<article class="post"><header class="entry-header"><h2 class="entry-title">'
        f'<a href="/2026/01/2{i}/story-{i}/">Story number {i} about the harbour and the port</a></h2>'
        f'<div class="entry-meta"><span class="posted-on">Posted on <time>January 2{i}, 2026</time></span>'
        f' by <a href="/author/tom/">Tom Okafor</a></div></header>'
        f'<div class="entry-summary"><p>Several hundred people marched to the field office on Monday '
        f"night after agents arrested at least {i + 10} people over the weekend. [&hellip;]</p></div>"
        "</article>"
        for i in range(3)
    )
    tree = load_html(f'<html><body class="archive tag"><main>{cards}</main></body></html>')
    text = "\n\n".join(
        f"Several hundred people marched to the field office on Monday night after agents arrested "
        f"at least {i + 10} people over the weekend. […]" for i in range(3)
    )
    teasers, share = count_teasers(tree, text)
    assert teasers == 3 and share == 1.0


def _list_page(rows: str, markup: str = '<meta property="og:type" content="website">') -> str:
    return (f"<html><head><title>Latest news</title>{markup}</head><body><h1>Latest news</h1>"
            f'<div class="list">{rows}</div></body></html>')


LIST_ROWS = "".join(
    f'<div class="item"><a class="item__link" href="/2026/01/2{i}/story-{i}.html">'
    f'<span class="item__title">Tech workers ask their employers to end contract number {i}</span>'
    f'<span class="item__time">Jan. 2{i}, 10:1{i}</span></a><span class="label">Wire</span></div>'
    for i in range(4)
)


def test_a_list_of_headlines_without_summaries_is_a_listing() -> None:
    """Rows of a headline link, its time and a label, no summary and no heading or card: the
    text is headlines and short lines, no running text (a "latest news" list, a Japanese
    一覧 page, a Russian section front)."""
    html = _list_page(LIST_ROWS)
    article = extract_article(html, ARTICLE_URL)
    assert article is not None and article.page_type == "listing", article and article.page_type_reason
    assert "a list of headlines: 4 headline links" in article.page_type_reason


def test_the_headlines_of_a_list_are_the_longest_text_of_their_links_found_in_the_text() -> None:
    tree = load_html(_list_page(LIST_ROWS))
    text = "\n\n".join(
        f"Tech workers ask their employers to end contract number {i}\n\nJan. 2{i}, 10:1{i}\n\nWire"
        for i in range(4)
    )
    assert headline_list(tree, text) == (4, 4 * 10, 0)
    # a line of running text beside them (ten words or more once the headline is out)
    intro = "The agency's contracts with technology companies are the subject of a letter signed by workers."
    assert headline_list(tree, f"{intro}\n\n{text}") == (4, 40, 16)
    # a headline inside a paragraph of running text is not a list's
    inline = load_html(
        "<html><body><p>Read <a href='/x.html'>Tech workers ask their employers to end the contracts</a>"
        " and more.</p></body></html>"
    )
    line = "Read Tech workers ask their employers to end the contracts and more."
    assert headline_list(inline, line)[0] == 0


def test_article_markup_or_running_text_keeps_a_page_with_headline_links_an_article() -> None:
    rows = LIST_ROWS
    story = "".join(
        f"<p>Paragraph {i} of the story tells what the workers asked for, who signed the letter and what "
        "the companies said in reply on Thursday.</p>"
        for i in range(4)
    )
    # running text beside the list: the story outweighs the headlines
    article = extract_article(_list_page(story + rows), ARTICLE_URL)
    assert article is not None and article.page_type == "article", article.page_type_reason
    # article markup: the rule is not asked
    article = extract_article(_list_page(rows, '<meta property="og:type" content="article">'), ARTICLE_URL)
    assert article is None or article.page_type == "article"


def test_two_headlines_are_a_weak_signal_only() -> None:
    assert classify_page(ARTICLE_URL, PageSignals(list_headlines=2, list_headline_words=20))[0] == "article"
    signals = PageSignals(og_type="website", list_headlines=2, list_headline_words=20)
    kind, reason = classify_page(ARTICLE_URL, signals)
    assert kind == "listing" and "a short list of headlines" in reason


def test_two_teasers_that_are_nearly_all_the_text_are_a_weak_signal() -> None:
    """A small site's news index of two posts (a headline, an excerpt, "Read More"): two
    teasers are fewer than the structure rule needs, but with og:type website they make a
    listing; an article's stub beside two teasers with article markup stays an article."""
    two = PageSignals(teasers=2, teaser_text_share=1.0, text_words=60)
    assert classify_page(ARTICLE_URL, two)[0] == "article"
    kind, reason = classify_page(ARTICLE_URL, replace(two, og_type="website"))
    assert kind == "listing" and reason == "2 teasers make 100% of the text and og:type website"
    assert classify_page(ARTICLE_URL, replace(two, og_type="article"))[0] == "article"
    assert classify_page(ARTICLE_URL, replace(two, og_type="website", teaser_text_share=0.8))[0] == "article"


def test_a_few_teasers_making_half_the_text_are_a_weak_signal() -> None:
    """A tag page's line of introduction and three teasers whose headlines the extraction left
    out (the teasers 70% of the text): fewer than the structure rule's share, but with its
    listing-shaped URL a listing; at an article's address, or under half the text, an article."""
    three = PageSignals(teasers=3, teaser_text_share=0.7, text_words=45)
    assert classify_page(ARTICLE_URL, three)[0] == "article"
    tag = "https://example.com/tag/ice/"
    kind, reason = classify_page(tag, three)
    assert kind == "listing" and reason == "3 teasers make 70% of the text and listing-shaped URL"
    assert classify_page(tag, replace(three, teaser_text_share=0.45))[0] == "article"
    assert classify_page("https://example.com/autor/lucia-ferrer/", three)[0] == "listing"


STUB = """<html><head><meta property="og:type" content="article"></head><body><div class="stub">
<div class="publisher">The Riverside Times</div><h1>Tech workers' letter passes 1,000 signatures</h1>
<p>More than 1,000 employees had signed the open letter by Thursday evening, asking their chief
executives to cancel contracts with Immigration and Customs Enforcement, organizers said.</p>
{link}</div></body></html>"""


@pytest.mark.parametrize(
    ("link", "said"),
    [
        ('<a href="orchardnews://A7fQ2">Read in Orchard News</a>', "Read in Orchard News"),
        ('<a href="intent://story/9#Intent;scheme=news;end">Open in the app</a>', "Open in the app"),
        ('<p>On the web: <a href="https://riverside.example/2026/01/22/letter/">Read the story on '
         'The Riverside Times</a>.</p>', "Read the story on The Riverside Times"),
        ('<a href="https://wire.example/a/1">Continue reading on Wire</a>', "Continue reading on Wire"),
        # no reading elsewhere: the page's own site, a sign-up, a link to the app's store page
        ('<a href="https://apps.example/news/2026/01/22/letter/">Read the story on Apps</a>', ""),
        ('<a href="/2026/01/22/letter/">Read the full story at our site</a>', ""),
        ('<a href="orchardnews://signup">Sign up for Orchard News</a>', ""),
        ('<a href="https://store.example/app">Get the app</a>', ""),
        ('<a href="https://riverside.example/x">The Riverside Times</a>', ""),
    ],
)
def test_a_link_that_sends_the_reader_elsewhere_is_read_whole(link: str, said: str) -> None:
    tree = load_html(STUB.format(link=link))
    assert read_elsewhere(tree, "https://apps.example/articles/A7fQ2.html") == said


def test_a_short_page_that_sends_the_reader_elsewhere_is_no_article_whatever_its_markup_says() -> None:
    page = STUB.format(link='<a href="orchardnews://A7fQ2">Read in Orchard News</a>')
    article = extract_article(page.encode(), "https://apps.example/articles/A7fQ2.html")
    assert article.page_type == "listing"
    assert "sends the reader elsewhere ('Read in Orchard News')" in article.page_type_reason
    # the same link under a story of its own is a sign-off, not a stub
    signals = PageSignals(og_type="article", text_words=STUB_MAX_WORDS, read_elsewhere="Read in X")
    assert classify_page(ARTICLE_URL, signals)[0] == "article"


COVERAGE = """<html><head><title>ICE arrests at least 48 in raids | Level Ground</title>
<meta property="og:type" content="article"></head><body>
<header><a href="/">Level Ground</a></header><main><h1>ICE arrests at least 48 in Twin Cities raids</h1>
<div class="coverage">4 sources · Published Jan 24, 2026 · Updated 3 hours ago</div>
<ul class="summary">{summary}</ul>
<h2>All coverage</h2>
<ul class="sources">{sources}</ul></main><footer>© 2026 Level Ground</footer></body></html>"""
SUMMARY = "".join(f"<li>{line}</li>" for line in (
    "Federal immigration agents arrested at least 48 people in raids across Minneapolis and St. Paul.",
    "ICE said 11 of those arrested had criminal convictions; the mayor called the raids an assault.",
    "Immigrant rights groups said lawyers were not allowed to see detainees at the county jail.",
))
OUTLETS = (  # (address, headline): four other sites, one of them twice (its AMP copy)
    ("https://www.heartland.example/news/detain-48/", "Federal agents detain 48 in Minnesota sweep"),
    ("https://heartland.example/news/detain-48/?amp", "Federal agents detain 48 in Minnesota sweep (AMP)"),
    ("https://yonder.example/news/ice-arrests-48.html", "ICE arrests at least 48 in Twin Cities raids today"),
    ("https://riverside.example/2026/01/24/dozens/", "Immigration agents arrest dozens in Twin Cities sweep"),
    ("https://valley.example/news/families-anxious/", "Valley families anxious as ICE raids hit Minneapolis"),
)
COVERAGE_URL = "https://levelground.example/article/ice-arrests-at-least-48_4f1e2a/"


def _coverage(outlets=OUTLETS, summary: str = SUMMARY) -> str:
    sources = "".join(f'<li><span class="outlet">The Outlet {k}</span> <span class="bias">Center</span> '
                      f'<a href="{href}">{headline}</a></li>' for k, (href, headline) in enumerate(outlets))
    return COVERAGE.format(summary=summary, sources=sources)


def test_an_aggregators_coverage_page_is_no_article_whatever_its_markup_says() -> None:
    """A few lines of summary and the headlines of other outlets' copies (Ground News, Google
    News, AllSides): no outlet's article, even with og:type article."""
    article = extract_article(_coverage().encode(), COVERAGE_URL)
    assert article is not None and article.page_type == "listing", article and article.page_type_reason
    assert "a coverage page: headline links to 4 other sites" in article.page_type_reason


def test_a_coverage_pages_other_sites_are_other_hosts_or_ports() -> None:
    tree = load_html(_coverage())
    text = extract_article(_coverage().encode(), COVERAGE_URL).text
    sites, running = coverage_list(tree, text, COVERAGE_URL)
    # www.heartland and heartland are one site
    assert sites == 4 and running < COVERAGE_RUNNING_WORDS
    assert coverage_list(tree, text, "https://heartland.example/x")[0] == 3  # the page's own site
    # another port of the same host is another site (the fixture webs serve outlets so)
    local = [(f"http://127.0.0.9:{8000 + k}/story-{k}/", headline) for k, (_, headline) in enumerate(OUTLETS)]
    page = _coverage(local)
    text = extract_article(page.encode(), "http://127.0.0.9:9000/coverage/").text
    assert coverage_list(load_html(page), text, "http://127.0.0.9:9000/coverage/")[0] == 4
    # relative links are the page's own site's, and two other sites make no coverage page
    assert coverage_list(load_html(_coverage(OUTLETS[:3])), text, COVERAGE_URL) == (0, 0)


@pytest.mark.parametrize("case", ["running text", "two sites", "own site"])
def test_an_article_citing_other_outlets_stays_an_article(case: str) -> None:
    """Running text of its own (an article with a list of other outlets' stories), links to two
    other sites only, or headlines of the page's own site: no coverage page."""
    outlets, summary = OUTLETS, SUMMARY
    if case == "running text":
        summary += "".join(
            f"<li>Paragraph {i} of the story tells what the agents did, who was taken to the jail and "
            "what the lawyers and the mayor said about the raids on Saturday.</li>" for i in range(4))
    elif case == "two sites":
        outlets = OUTLETS[:3]
    else:
        outlets = [(f"/news/story-{k}/", headline) for k, (_, headline) in enumerate(OUTLETS)]
    article = extract_article(_coverage(outlets, summary).encode(), COVERAGE_URL)
    assert article is not None and article.page_type == "article", article and article.page_type_reason


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("edition.cnn.com", "www.cnn.com", True),  # one registered domain
        ("www.bbc.co.uk", "news.bbc.co.uk", True),
        ("x.github.io", "y.github.io", False),  # a private suffix: two sites
        ("127.0.0.42:8001", "127.0.0.42:8002", False),  # the fixture webs' outlets
        ("www.heartland.example", "heartland.example", True),  # an unknown suffix: the host
        ("heartland.example:80", "heartland.example", True),
    ],
)
def test_a_site_is_a_registered_domain_or_a_hosts_port(a: str, b: str, same: bool) -> None:
    assert (site_key(a) == site_key(b)) is same


def test_the_canonical_urls_site_is_the_pages_own() -> None:
    """A page read at another address than its own (a mirror, a copy served elsewhere): links to
    its canonical URL's site are its own site's, no other outlet's."""
    page = _coverage()
    text = extract_article(page.encode(), COVERAGE_URL).text
    tree = load_html(page)
    assert coverage_list(tree, text, "http://127.0.0.9:9000/copy/")[0] == 4
    assert coverage_list(tree, text, "http://127.0.0.9:9000/copy/", "https://yonder.example/x")[0] == 3


def test_excerpts_cut_short_each_with_its_read_more_link_make_a_listing() -> None:
    from newscrawl.extract.pagetype import excerpts

    text = ("News: deportees arrive as flights increase\n\n"
            "A chartered flight carrying 118 Ethiopians landed at Bole International Airport...\n\n"
            "Read more\n\n"
            "The House approved a new proclamation on the rights of the diaspora…\n\n"
            "Continue reading »\n\n"
            "© 2026 Addis Reporter")
    assert excerpts(text) == (2, 9)  # the headline line and the footer
    signals = PageSignals(og_type="article", text_words=60, excerpts=2, excerpt_running_words=10)
    assert classify_page("https://addis.example/category/news/", signals)[0] == "listing"
    # one excerpt (a story that ends "Read more" once), or a story's running text beside them
    assert excerpts("The mayor said the bridge would reopen...\n\nRead more")[0] == 1
    long = PageSignals(og_type="article", text_words=400, excerpts=2, excerpt_running_words=300)
    assert classify_page("https://addis.example/2026/01/story/", long)[0] == "article"
    # an ellipsis in running text with no link after it is no excerpt
    assert excerpts("He paused... then went on.\n\nThe council voted.") == (0, 0)


def test_a_label_repeated_under_each_card_is_a_weak_listing_signal() -> None:
    from newscrawl.extract.pagetype import repeated_label

    cards = "\n\n".join(f"Brief {name}\n\nThe day's news in five minutes.\n\nSee latest"
                        for name in ("AM", "PM", "Login", "Vitals"))
    assert repeated_label(cards) == 4
    # with a listing-shaped URL, the second weak signal: a listing
    signals = PageSignals(text_words=60, repeated_label=4)
    assert classify_page("https://pulse.example/newsletters/", signals)[0] == "listing"
    assert classify_page("https://pulse.example/2026/01/22/the-day/", signals)[0] == "article"
    # punctuation, a list's items, a sentence or a number repeated are no card's label
    assert repeated_label("\n\n".join(["。", "- Step one", "Yes.", "2026"] * 4)) == 0
