"""Tests for newscrawl.extract.article on small hand-written pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newscrawl.extract.article import extract_article
from newscrawl.extract.decode import decode_html, decode_page
from newscrawl.extract.fields import clean_authors, clean_title, normalize_language, split_byline
from newscrawl.items import ExtractedArticle

URL = "https://www.valleygazette.example/news/2026/01/harbour-bridge-reopens?utm_source=rss"

PARAGRAPHS = [
    "The old harbour bridge opened to traffic again on Wednesday morning after eight months "
    "of repair work on its steel deck, its cables and the two stone towers at either end.",
    "Engineers replaced more than two hundred rivets and repainted the whole span in its "
    "original green, the city transport office said in a statement issued before dawn.",
    "Shop owners along the waterfront said the closure had cut their trade by a third, and "
    "they welcomed the return of cars, buses and cyclists to the narrow streets by the quay.",
    "A second phase of the work, on the approach roads and the footpaths, is due to start in "
    "the spring and should not close the bridge to traffic for more than a few nights.",
]
COMMENT = "Zebra comment: I drove over it this morning and the new paint looks wonderful indeed."


def page(
    head: str = "",
    *,
    title: str = "Harbour bridge reopens after repairs",
    lang: str | None = "en",
    byline: str = "",
    jsonld: object | None = None,
    paragraphs: list[str] = PARAGRAPHS,
    extra_body: str = "",
    charset: str = "utf-8",
) -> str:
    """A small news page with the invented article above."""
    ld = (
        f'<script type="application/ld+json">{json.dumps(jsonld)}</script>'
        if jsonld is not None
        else ""
    )
    lang_attr = f' lang="{lang}"' if lang else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html{lang_attr}><head><meta charset="{charset}"><title>{title}</title>{head}{ld}</head>
<body>
<header><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></header>
<nav><ul><li><a href="/a">Weather</a></li><li><a href="/b">Traffic</a></li></ul></nav>
<main><article>
<h1>Harbour bridge reopens after repairs</h1>
{byline}
{body}
</article>
{extra_body}
</main>
<footer><p>Contact us</p></footer>
</body></html>"""


def extract(html: str | bytes, url: str | None = URL, **kwargs: object) -> ExtractedArticle:
    result = extract_article(html, url, **kwargs)  # type: ignore[arg-type]
    assert result is not None
    return result


# --------------------------------------------------------------------------- text


def test_text_is_the_article_body_in_paragraphs() -> None:
    art = extract(page())
    assert art.text.split("\n\n") == PARAGRAPHS  # the headline line is dropped from the text
    assert art.title == "Harbour bridge reopens after repairs"


def test_comment_section_is_not_in_text() -> None:
    comments = f"""<section id="comments" class="comments-area"><h3>3 comments</h3>
    <ol class="comment-list"><li class="comment"><div class="comment-body">
    <p>{COMMENT}</p></div></li></ol></section>"""
    art = extract(page(extra_body=comments))
    assert "Zebra comment" not in art.text
    assert "rivets" in art.text


@pytest.mark.parametrize(
    "body",
    [b"", b"   \n ", "", "  ", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4],
)
def test_empty_or_binary_input_gives_none(body: str | bytes) -> None:
    assert extract_article(body, URL) is None


def test_stray_nul_bytes_in_an_html_page_do_not_make_it_binary() -> None:
    html = page().replace("<body>", "<body>\x00").replace("</p>", "</p>\x00").encode()
    art = extract_article(html, URL)
    assert art is not None and "rivets" in art.text and "\x00" not in art.text
    assert extract_article(html.decode(), URL) is not None
    # NULs without HTML, or one byte in two (UTF-16 without a byte-order mark), are binary
    assert extract_article(b"\x00\x01 ICE detention " * 200, URL) is None
    assert extract_article(page().encode("utf-16-le"), URL) is None


def test_binary_content_type_gives_none() -> None:
    assert extract_article(page().encode(), URL, content_type="image/jpeg") is None


def test_random_bytes_give_none() -> None:
    noise = bytes((i * 73 + 11) % 256 for i in range(5000))
    assert extract_article(noise, URL) is None


# favor_precision's block rules, undone where they would cut into running text (text.py).
SENTENCE = (
    "Officials said on Tuesday that the league will fine the quarterback for his part in the "
    "brawl, and that the hearing on the appeal is due to take place in the coming weeks."
)


def test_a_marked_span_inside_a_paragraph_keeps_its_words() -> None:
    linked = SENTENCE.replace(
        "the league will fine the quarterback",
        '<span class="link"><a href="/nfl/fine">the league will fine the quarterback</a></span>',
    )
    bordered = (
        '<em><span style="border:none windowtext 1pt">'
        "This story was adapted from its original source.</span></em>"
    )
    text = extract(page(paragraphs=[*PARAGRAPHS[:2], linked, *PARAGRAPHS[2:], bordered])).text
    assert SENTENCE in text.split("\n\n")
    assert text.endswith("This story was adapted from its original source.")


def test_an_empty_inline_element_keeps_the_rest_of_its_sentence() -> None:
    broken = SENTENCE.replace("the brawl, ", 'the brawl,<span class="icon"></span> <b></b>')
    text = extract(page(paragraphs=[*PARAGRAPHS[:2], broken, *PARAGRAPHS[2:]])).text
    assert SENTENCE in text.split("\n\n")


def test_a_linked_subheading_between_paragraphs_is_kept() -> None:
    heading = '<h3><a href="https://shop.example/charger">Compact 65W travel charger</a></h3>'
    body = [*PARAGRAPHS[:2], f"</p>{heading}<p>{PARAGRAPHS[2]}", PARAGRAPHS[3]]
    html = page(paragraphs=body).replace("<article>", '<article><div class="post-body">')
    text = extract(html.replace("</article>", "</div></article>")).text
    assert "Compact 65W travel charger" in text.split("\n\n")


def test_a_subheading_with_an_empty_anchor_link_is_kept() -> None:
    heading = '<h2>What the engineers found<a class="anchor" href="#found"></a></h2>'
    body = [*PARAGRAPHS[:2], f"</p>{heading}<ul><li>Rust under the deck</li></ul><p>{PARAGRAPHS[2]}"]
    html = page(paragraphs=body).replace("<article>", '<article><div class="post-body">')
    text = extract(html.replace("</article>", "</div></article>")).text
    assert "What the engineers found" in text.split("\n\n")


def test_linked_headings_outside_running_text_are_left_to_trafilatura() -> None:
    from newscrawl.extract.decode import load_html
    from newscrawl.extract.text import running_text_cuts, undo_running_text_cuts

    teasers = "".join(
        f'<div class="teaser"><h3><a href="/news/{i}">Council approves budget for district {i}</a></h3>'
        f"<p>A short summary of the story.</p></div>"
        for i in range(4)
    )
    tree = load_html(page(extra_body=f"<aside><h2>Related</h2>{teasers}</aside>"))
    assert running_text_cuts(tree) == []
    assert undo_running_text_cuts(tree) is tree  # nothing to undo: no copy


def test_undoing_the_cuts_leaves_the_page_tree_as_it_was() -> None:
    from lxml.html import tostring

    from newscrawl.extract.decode import load_html
    from newscrawl.extract.text import running_text_cuts, undo_running_text_cuts

    linked = SENTENCE.replace("the brawl, ", 'the brawl, <span class="bottom-note link">and</span><i></i> ')
    tree = load_html(page(paragraphs=[*PARAGRAPHS[:2], linked, *PARAGRAPHS[2:]]))
    before = tostring(tree)
    assert [kind for kind, _ in running_text_cuts(tree)] == ["marked", "empty"]
    fixed = undo_running_text_cuts(tree)
    assert fixed is not tree and tostring(tree) == before
    assert running_text_cuts(fixed) == []
    assert fixed.xpath("//span[@class='']") and not fixed.xpath("//p//i")


def test_undoing_the_cuts_in_nested_markup_never_raises() -> None:
    from lxml.html import fromstring, tostring

    from newscrawl.extract.text import undo_running_text_cuts

    tree = fromstring("<html><body><div><h2>Outer<a href='#a'></a></h2></div></body></html>")
    outer = tree.find(".//h2")
    inner = fromstring("<h3>Inner <a href='#b'><img src='x.png'></a> heading</h3>")
    outer.append(inner)  # a heading inside a heading, as only a script could build it
    paragraph = fromstring("<p>Words <b></b>and more words</p>")
    paragraph.append(fromstring("<p>Nested <i></i>paragraph text</p>"))  # the same
    tree.find(".//div").append(paragraph)
    fixed = undo_running_text_cuts(tree)
    assert fixed is not tree
    assert b"<a" not in tostring(fixed) and b"<b>" not in tostring(fixed)


def test_link_list_gives_none() -> None:
    links = "\n".join(
        f'<li><a href="/news/story-{i}">Council approves new budget for district number {i}</a></li>'
        for i in range(40)
    )
    html = f"<html><head><title>Latest news</title></head><body><ul>{links}</ul></body></html>"
    assert extract_article(html, "https://example.com/news/") is None


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><p>unclosed <b>bold <i>italic",
        "<<<>>>!!",
        "<html><head><title>x</title></head><body></body></html>",
        "<?xml version='1.0'?><rss><channel><item>x</item></channel></rss>",
        "<html><body>" + "<div>" * 5000 + "deep" + "</div>" * 10 + "</body></html>",
        page(jsonld="{not json", head='<script type="application/ld+json">{"@type": [</script>'),
    ],
)
def test_malformed_html_never_raises(html: str) -> None:
    result = extract_article(html, URL)
    assert result is None or isinstance(result, ExtractedArticle)


def test_odd_jsonld_values_never_raise() -> None:
    ld = [
        {"@type": {"x": 1}, "headline": 5},
        {
            "@type": ["NewsArticle", 3],
            "@id": {"a": 1},
            "headline": ["A headline", "B"],
            "author": [{"name": {"x": 1}}, 5, None, {"@id": ["x"]}, {"@id": "#missing"}],
            "inLanguage": 7,
            "mainEntityOfPage": ["x"],
            "url": 3,
            "publisher": [1, {"name": None}],
            "description": {"x": 1},
        },
        {"@graph": "nope"},
        None,
        7,
    ]
    art = extract(page(jsonld=ld))
    assert art.text.startswith("The old harbour bridge")
    assert art.authors == []


# --------------------------------------------------------------------------- decoding


def test_latin1_bytes_with_meta_charset() -> None:
    paragraphs = [p.replace("cyclists", "café owners and Müller's bakers") for p in PARAGRAPHS]
    html = page(charset="iso-8859-1", paragraphs=paragraphs).encode("latin-1")
    art = extract(html)
    assert "café owners and Müller's bakers" in art.text


def test_latin1_bytes_with_http_header_only() -> None:
    paragraphs = [p + " Ça coûte cher." for p in PARAGRAPHS]
    html = page(paragraphs=paragraphs).replace('<meta charset="utf-8">', "")
    art = extract(html.encode("cp1252"), content_type="text/html; charset=ISO-8859-1")
    assert "Ça coûte cher." in art.text


def test_utf8_bom_bytes() -> None:
    art = extract(b"\xef\xbb\xbf" + page(paragraphs=[p + " Naïve." for p in PARAGRAPHS]).encode())
    assert "Naïve." in art.text


# Real-world-like text in the languages whose pages most often carry a wrong charset.
SPANISH = ("Los señores del campo se reunieron el año pasado en la plaza mayor. ¿Qué pasará mañana? "
           "La situación económica es difícil, según el último informe de la región.")
GERMAN = ("Die Bürger in München äußerten sich über die neue Straßenbahn. Größere Änderungen "
          "würden erst im nächsten Jahr folgen, sagte die Bürgermeisterin.")
FRENCH = ("Les élèves de l'école ont été félicités. « C'est très bien », a déclaré la directrice "
          "à propos du système français, où l'on mange un gâteau à la crème.")


def news_page(text: str, lang: str | None, meta: str = "") -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return (f"<!DOCTYPE html><html{lang_attr}><head>{meta}<title>{text[:20]}</title></head>"
            f"<body><article><p>{text}</p><p>{text}</p></article></body></html>")


@pytest.mark.parametrize("text", [SPANISH, GERMAN, FRENCH])
@pytest.mark.parametrize("lang", ["es", None])
@pytest.mark.parametrize("declared", ["meta", "header", "none"])
def test_latin1_bytes_declared_utf8_are_read_as_windows_1252(
    text: str, lang: str | None, declared: str
) -> None:
    meta = '<meta charset="utf-8">' if declared == "meta" else ""
    content_type = "text/html; charset=utf-8" if declared == "header" else "text/html"
    html = news_page(text, lang, meta)
    decoded = decode_page(html.encode("cp1252"), content_type)
    assert decoded is not None and decoded.text == html and "\ufffd" not in decoded.text
    assert decoded.charset == "cp1252"
    assert decoded.declared == (None if declared == "none" else "utf-8")


@pytest.mark.parametrize("text", [SPANISH, GERMAN, FRENCH])
@pytest.mark.parametrize(("meta", "content_type"), [
    ('<meta charset="iso-8859-1">', None),
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', None),
    ("", "text/html; charset=ISO-8859-1"),
    ("", "text/html; charset=us-ascii"),
])
def test_utf8_bytes_declared_latin1_are_read_as_utf8_not_mojibake(
    text: str, meta: str, content_type: str | None
) -> None:
    html = news_page(text, "es", meta)
    decoded = decode_page(html.encode("utf-8"), content_type)
    assert decoded is not None and decoded.text == html and "Ã" not in decoded.text
    assert (decoded.charset, decoded.declared) == ("utf-8", "cp1252")


@pytest.mark.parametrize(("text", "codec", "meta"), [
    (SPANISH, "utf-8", '<meta charset="utf-8">'),
    (GERMAN, "cp1252", '<meta charset="iso-8859-1">'),
    (FRENCH, "cp1252", '<meta charset="windows-1252">'),
    ("Nowym prezesem będzie Paweł Jan Majewski.", "iso8859-2", '<meta charset="iso-8859-2">'),
    ("Министерство иностранных дел заявило о новых санкциях.", "cp1251", '<meta charset="windows-1251">'),
    ("政府は来年度の予算案を閣議決定した。", "cp932", '<meta charset="shift_jis">'),
    ("Plain English, with no accent at all.", "utf-8", '<meta charset="utf-8">'),
])
def test_bytes_that_fit_their_declared_charset_are_read_as_declared(text: str, codec: str, meta: str) -> None:
    html = news_page(text, None, meta)
    decoded = decode_page(html.encode(codec))
    assert decoded is not None and decoded.text == html
    assert decoded.charset == decoded.declared == codec


def test_a_utf8_page_with_a_few_broken_bytes_stays_utf8() -> None:
    html = news_page(SPANISH + " " + GERMAN, "es", '<meta charset="utf-8">').encode()
    broken = html.replace(b"</article>", b"<p>caf\xe9</p></article>")  # one Latin-1 byte in a UTF-8 page
    decoded = decode_page(broken)
    assert decoded is not None and (decoded.charset, decoded.declared) == ("utf-8", "utf-8")
    assert "señores" in decoded.text and decoded.text.count("\ufffd") == 1


def test_the_pages_language_picks_the_legacy_charset_of_bytes_declared_utf8() -> None:
    text = "Vláda schválila návrh zákona o státním rozpočtu na příští rok, řekl ministr financí."
    html = news_page(text, "cs", '<meta charset="utf-8">')
    decoded = decode_page(html.encode("cp1250"))
    assert decoded is not None and decoded.text == html and decoded.charset == "cp1250"
    russian = news_page("Министерство иностранных дел России заявило о новых санкциях.", None,
                        '<meta charset="utf-8">')
    decoded = decode_page(russian.encode("cp1251"))  # no lang: detection alone finds it
    assert decoded is not None and decoded.text == russian and decoded.charset == "cp1251"


def test_text_given_as_a_string_has_no_charset() -> None:
    decoded = decode_page(news_page(SPANISH, "es"))
    assert decoded is not None and (decoded.charset, decoded.declared) == (None, None)
    assert decode_html(b"\x89PNG\r\n\x1a\n\x00\x00") is None and decode_page(b"  ") is None


def test_the_extracted_article_says_which_charset_it_was_read_with() -> None:
    paragraphs = [p + " Los señores pagarán mañana." for p in PARAGRAPHS]
    html = page(paragraphs=paragraphs, lang="es").encode("cp1252")  # declares utf-8
    art = extract(html)
    assert "Los señores pagarán mañana." in art.text and "\ufffd" not in art.text
    assert (art.charset, art.charset_declared) == ("cp1252", "utf-8")
    plain = extract(page())
    assert (plain.charset, plain.charset_declared) == (None, None)
    utf8 = extract(page().encode())
    assert (utf8.charset, utf8.charset_declared) == ("utf-8", "utf-8")


# --------------------------------------------------------------------------- title


def test_title_suffix_equal_to_site_name_is_removed() -> None:
    head = (
        '<meta property="og:site_name" content="The Valley Gazette">'
        '<meta property="og:title" content="Harbour bridge reopens after repairs | The Valley Gazette">'
    )
    art = extract(page(head, title="Harbour bridge reopens after repairs - The Valley Gazette"))
    assert art.title == "Harbour bridge reopens after repairs"
    assert art.site_name == "The Valley Gazette"


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        # a template that writes the headline in both its parts, then the site's name
        ("Harbour news - Bridge reopens - Harbour news - Bridge reopens - Valley Gazette",
         "Harbour news - Bridge reopens"),
        ("Bridge reopens | Bridge reopens", "Bridge reopens"),
        # not a doubling: other segments, or an odd number of them
        ("Bridge reopens - Harbour news", "Bridge reopens - Harbour news"),
        ("Bridge - reopens - Bridge", "Bridge - reopens - Bridge"),
    ],
)
def test_a_title_written_twice_is_taken_once(raw: str, title: str) -> None:
    assert clean_title(raw, ["Valley Gazette"], "valleygazette") == title


def test_title_suffix_from_host_name_is_removed() -> None:
    art = extract(page(title="Harbour bridge reopens after repairs | ValleyGazette.example"))
    assert art.title == "Harbour bridge reopens after repairs"


def test_short_suffix_repeated_in_footer_is_removed() -> None:
    html = page(title="Harbour bridge reopens after repairs · Riverside Daily").replace(
        "<p>Contact us</p>", "<p>© 2026 Riverside Daily</p>"
    )
    art = extract(html, "https://news.example.org/a/1")
    assert art.title == "Harbour bridge reopens after repairs"


def test_title_part_that_is_not_an_outlet_is_kept() -> None:
    assert clean_title("Rates rise - what it means for borrowers", ["Valley Gazette"]) == (
        "Rates rise - what it means for borrowers"
    )
    assert clean_title("Valley Gazette | Rates rise", ["Valley Gazette"]) == "Rates rise"
    assert clean_title("Budget 2026: the details – Valley Gazette", ["Valley Gazette"]) == (
        "Budget 2026: the details"
    )


def test_jsonld_headline_wins() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Crossing open"}
    art = extract(page(jsonld=ld, title="Home page of the gazette"))
    assert art.title == "Crossing open"


def test_the_shown_headline_beats_a_rewritten_social_title() -> None:
    head = '<meta property="og:title" content="Bridge reopens: what drivers need to know">'
    assert extract(page(head, title="Gazette")).title == "Harbour bridge reopens after repairs"


def test_the_h1_spelling_of_a_matching_title_is_kept() -> None:
    html = page(title="Harbour bridge 'reopens' after repairs").replace(
        "<h1>Harbour bridge reopens", "<h1>Harbour bridge \u2018reopens\u2019"
    )
    assert extract(html).title == "Harbour bridge \u2018reopens\u2019 after repairs"


def test_a_logo_h1_is_not_the_title() -> None:
    html = page(title="Bridge reopens after repairs - Gazette").replace(
        "<h1>Harbour bridge reopens after repairs</h1>", "<h1>GAZETTE Gazette Logo</h1>"
    )
    assert extract(html).title == "Bridge reopens after repairs - Gazette"


def test_a_french_colon_keeps_the_title_whole() -> None:
    assert clean_title("Affaire KPMG : un juge se récuse", ["Radio"]) == (
        "Affaire KPMG : un juge se récuse"
    )


# --------------------------------------------------------------------------- authors


def test_meta_author_is_split_and_cleaned() -> None:
    art = extract(page('<meta name="author" content="By Jane Roe and Sam Poe">'))
    assert art.authors == ["Jane Roe", "Sam Poe"]


def test_jsonld_graph_author_list_with_references() -> None:
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "@id": "#site", "name": "Valley Gazette"},
            {
                "@type": ["NewsArticle"],
                "@id": "#article",
                "headline": "Harbour bridge reopens after repairs",
                "author": [
                    {"@type": "Person", "name": "Jane Roe"},
                    {"@id": "#person-2"},
                    {"@type": "Organization", "name": "Valley Gazette"},
                ],
                "publisher": {"@type": "NewsMediaOrganization", "name": "Valley Gazette"},
                "inLanguage": "en-GB",
                "description": "The bridge is open again.",
            },
            {"@type": "Person", "@id": "#person-2", "name": "Sam Poe", "jobTitle": "Reporter"},
        ],
    }
    art = extract(page('<meta name="author" content="Someone Else">', jsonld=ld))
    assert art.authors == ["Jane Roe", "Sam Poe"]
    assert art.site_name == "Valley Gazette"
    assert art.description == "The bridge is open again."
    assert art.language == "en"


def test_jsonld_top_level_list_and_string_authors() -> None:
    ld = [
        {"@type": "BreadcrumbList", "itemListElement": []},
        {"@type": "ReportageNewsArticle", "headline": "Bridge", "author": "Jane Roe, Sam Poe"},
    ]
    assert extract(page(jsonld=ld)).authors == ["Jane Roe", "Sam Poe"]


def test_jsonld_own_article_beats_related_teaser() -> None:
    ld = [
        {
            "@type": "NewsArticle",
            "headline": "Another story entirely",
            "author": [{"@type": "Person", "name": "Ann Lee"}],
            "url": "https://www.valleygazette.example/news/another-story",
            "description": "A related story.",
            "keywords": "x",
        },
        {
            "@type": "NewsArticle",
            "headline": "Harbour bridge reopens after repairs",
            "author": {"@type": "Person", "name": "Jane Roe"},
            "mainEntityOfPage": {"@id": "https://valleygazette.example/news/2026/01/bridge/"},
        },
    ]
    html = page('<link rel="canonical" href="/news/2026/01/bridge">', jsonld=ld)
    art = extract(html)
    assert art.authors == ["Jane Roe"]
    assert art.title == "Harbour bridge reopens after repairs"


def test_jsonld_nested_person_name_parts() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Bridge",
        "author": {"@type": "Person", "givenName": "Jane", "familyName": "Roe"},
    }
    assert extract(page(jsonld=ld)).authors == ["Jane Roe"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["By Jane Roe"], ["Jane Roe"]),
        (["by: JANE ROE"], ["Jane Roe"]),
        (["Jane Roe and Sam Poe"], ["Jane Roe", "Sam Poe"]),
        (["Jane Roe, Sam Poe & Ann Lee"], ["Jane Roe", "Sam Poe", "Ann Lee"]),
        (["Jane Roe, Staff Writer"], ["Jane Roe"]),
        (["Staff"], []),
        (["Staff", "Jane Roe"], ["Jane Roe"]),
        (["Valley Gazette"], []),
        (["Jane Roe", "Valley Gazette Sports"], ["Jane Roe"]),
        (["Jane Roe | Valley Gazette"], ["Jane Roe"]),
        (["https://www.facebook.com/janeroe"], []),
        (["Jane Roe jane@example.com"], ["Jane Roe"]),
        (["Jane Roe Monday, November 18, 2026"], ["Jane Roe"]),
        (["Analysis by Jane Roe"], ["Jane Roe"]),
        (["Jane Roe, MD"], ["Jane Roe"]),
        (["admin"], []),
        (["jane-r"], []),
        (["Mike Wuerthele; Malcolm Owen Monday; November"], ["Mike Wuerthele", "Malcolm Owen"]),
        (["Sam Poe News reporter"], ["Sam Poe"]),
        (["Jane Roe", "jane roe"], ["Jane Roe"]),
        (["Ursula von der Leyen"], ["Ursula von der Leyen"]),
        (["Theresa May"], ["Theresa May"]),
    ],
)
def test_clean_authors(raw: list[str], expected: list[str]) -> None:
    assert clean_authors(raw, ["Valley Gazette"], "valleygazette", "valleygazette.example") == (
        expected
    )


@pytest.mark.parametrize(
    ("raw", "people", "credit"),
    [
        # the held-out case: a reporter and a wire service
        (["By Jane Roe, Associated Press"], ["Jane Roe"], ["Associated Press"]),
        (["Jane Roe and Sam Poe, Reuters"], ["Jane Roe", "Sam Poe"], ["Reuters"]),
        (["By JANE ROE, AFP"], ["Jane Roe"], ["AFP"]),
        (["Staff"], [], ["Staff"]),
        (["Staff", "Jane Roe"], ["Jane Roe"], ["Staff"]),
        (["By the Valley Gazette staff"], [], ["the Valley Gazette staff"]),
        (["Valley Gazette"], [], ["Valley Gazette"]),
        (["Jane Roe | Valley Gazette"], ["Jane Roe"], ["Valley Gazette"]),
        (["Metro Desk"], [], ["Metro Desk"]),
        (["Newsroom"], [], ["Newsroom"]),
        (["Harbour Press Agency"], [], ["Harbour Press Agency"]),
        (["Sam Poe Coast Times"], ["Sam Poe"], ["Coast Times"]),
        (["Jane Roe · Coast News"], ["Jane Roe"], ["Coast News"]),
        (["Smart Shopping Team"], [], ["Smart Shopping Team"]),
        (["Gina Roe CEO"], ["Gina Roe"], []),
        (["Sam Poe Senior Politics Editor"], ["Sam Poe"], []),
        (["Joshua Poe May"], ["Joshua Poe"], []),
        (["Theresa May"], ["Theresa May"], []),
        (["Jane M. Roe (https://janeroe.example/)"], ["Jane M. Roe"], []),
        (["janeroe"], [], []),
        (["Dec"], [], []),
        (["View All"], [], []),
        (["Coast.com"], [], ["Coast.com"]),
    ],
)
def test_split_byline_people_and_credit(raw: list[str], people: list[str], credit: list[str]) -> None:
    got = split_byline(raw, ["Valley Gazette"], "valleygazette", "valleygazette.example")
    assert got == (people, credit)


def test_a_personal_blog_named_after_its_author_keeps_the_author() -> None:
    assert split_byline(["Jane M. Roe"], ["Jane M. Roe"], "janeroe-blog") == (["Jane M. Roe"], [])


# --------------------------------------------------------------------------- language


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("en-US", "en"),
        ("EN_gb", "en"),
        ("pt-BR", "pt"),
        ("de", "de"),
        ("eng", "en"),
        ("English", "en"),
        ({"@type": "Language", "name": "Spanish", "alternateName": "es"}, "es"),
        ("", None),
        (None, None),
        ("x-klingon-nonsense", None),
    ],
)
def test_normalize_language(value: object, expected: str | None) -> None:
    assert normalize_language(value) == expected


def test_language_from_html_lang() -> None:
    assert extract(page(lang="en-US")).language == "en"


def test_language_of_text_beats_a_wrong_template_lang() -> None:
    paragraphs = [
        "A ponte velha do porto voltou a abrir ao trânsito na quarta-feira de manhã, depois de "
        "oito meses de obras no tabuleiro de aço e nos cabos que a seguram.",
        "Os engenheiros substituíram mais de duzentos rebites e pintaram toda a estrutura com a "
        "cor verde original, disse a câmara municipal num comunicado.",
        "Os comerciantes da zona ribeirinha disseram que o encerramento lhes tinha custado um "
        "terço das vendas e que a reabertura é uma boa notícia para todos.",
    ]
    assert extract(page(lang="en", paragraphs=paragraphs)).language == "pt"
    assert extract(page(lang="pt-BR", paragraphs=paragraphs)).language == "pt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("12 34 56 — ½ … " * 10 + "the cat", None),  # 6 letters: too few to guess
        ("the and of to is " * 3 + "cat", None),  # 39 letters
        ("the and of to is " * 3 + "cats", "en"),  # 40
        ("the and of to is " * 3 + "çàéü", "en"),  # non-ASCII letters count too
    ],
)
def test_the_language_is_guessed_from_forty_letters(text: str, expected: str | None) -> None:
    from newscrawl.extract.fields import guess_language

    assert guess_language(text) == expected


def test_language_from_og_locale_without_html_lang() -> None:
    html = page('<meta property="og:locale" content="en_GB">', lang=None)
    assert extract(html).language == "en"


# --------------------------------------------------------------------------- canonical, dates


def test_canonical_from_rel_canonical_resolved() -> None:
    art = extract(page('<link rel="canonical" href="/news/2026/01/harbour-bridge">'))
    assert art.canonical_url == "https://www.valleygazette.example/news/2026/01/harbour-bridge"


def test_canonical_from_og_url_raw() -> None:
    og = "https://www.valleygazette.example/news/bridge?utm_source=og"
    art = extract(page(f'<meta property="og:url" content="{og}">'))
    assert art.canonical_url == og  # raw; urls.canonical_url cleans it later


def test_no_canonical() -> None:
    assert extract(page()).canonical_url is None


def test_dates_from_jsonld() -> None:
    ld = {
        "@type": "NewsArticle",
        "headline": "Harbour bridge reopens after repairs",
        "datePublished": "2026-01-28T09:05:00+01:00",
        "dateModified": "2026-01-28T12:30:00+01:00",
    }
    art = extract(page(jsonld=ld))
    assert art.published_at == "2026-01-28T08:05:00+00:00"
    assert art.modified_at == "2026-01-28T11:30:00+00:00"
    assert art.date_source
    assert any(h.value == "2026-01-28T09:05:00+01:00" for h in art.date_hints)


def test_a_story_whose_structured_data_says_it_is_not_free_is_paywalled() -> None:
    ld = {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs"}
    assert not extract(page(jsonld=ld)).paywalled
    for value in (False, "False", "false"):
        assert extract(page(jsonld={**ld, "isAccessibleForFree": value})).paywalled, value
    assert not extract(page(jsonld={**ld, "isAccessibleForFree": True})).paywalled


def test_to_dict_is_json_ready() -> None:
    art = extract(page('<meta name="description" content="The bridge is open.">'))
    data = json.loads(json.dumps(art.to_dict()))
    assert data["description"] == "The bridge is open."
    assert data["text"].startswith("The old harbour bridge")


# --------------------------------------------------------------------------- cost


def test_recall_second_opinion_only_for_short_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    calls: list[tuple[bool, bool]] = []  # (fast, favor_recall) of each trafilatura reading
    real = trafilatura.bare_extraction

    def spy(tree: object, **options: object) -> object:
        calls.append((bool(options.get("fast")), bool(options.get("favor_recall"))))
        return real(tree, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(trafilatura, "bare_extraction", spy)
    long_page = page(paragraphs=PARAGRAPHS * 3)  # well over RECALL_FALLBACK_MAX_CHARS
    extract(long_page)
    assert calls == [(True, False)]  # one reading, without trafilatura's comparison
    calls.clear()
    # a short text gets the comparison within the same reading (extract/onepass.py), then
    # asks for the recall opinion
    extract(page(paragraphs=PARAGRAPHS[:2]))
    assert calls == [(True, False), (False, True)]
    calls.clear()
    # one so short that the main extractor recovered wild text in fast mode is read again
    # with the comparison, as trafilatura's own comparison would read it
    extract(page(paragraphs=PARAGRAPHS[:1]))
    assert calls == [(True, False), (False, False), (False, True)]


def test_page_is_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from newscrawl.extract.dates import hints

    def no_second_parse(html: object) -> None:
        raise AssertionError("the dates module parsed the page again")

    monkeypatch.setattr(hints, "_parse_html", no_second_parse)
    ld = {"@type": "NewsArticle", "datePublished": "2026-01-28T09:05:00+01:00"}
    assert extract(page(jsonld=ld)).published_at == "2026-01-28T08:05:00+00:00"


@pytest.mark.parametrize(
    "head",
    [
        "",
        '<meta property="og:title" content="Bridge &amp; harbour"><meta property="og:site_name" '
        'content="@valleygazette"><meta name="description" content="  The bridge\n is open. ">',
        '<meta name="author" content="Jane Roe"><meta name="application-name" content="gazette">',
        '<link rel="canonical" href="/news/x"><meta property="og:url" content="https://v.example/">',
    ],
)
def test_trafilatura_metadata_read_lazily_is_trafilaturas(head: str) -> None:
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    from newscrawl.extract.metadata import TrafilaturaMeta

    html = page(head, title="Harbour bridge reopens | Valley Gazette",
                byline='<p class="byline">By Sam Poe</p>')
    ours = TrafilaturaMeta(load_html(html), URL)
    theirs = extract_metadata(load_html(html), URL)
    assert (ours.title, ours.description, ours.sitename, ours.author()) == (
        theirs.title, theirs.description, theirs.sitename, theirs.author
    )


def test_trafilatura_byline_is_searched_only_without_markup_authors(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newscrawl.extract import metadata as ex

    searched: list[object] = []
    real = ex.extract_author
    monkeypatch.setattr(ex, "extract_author", lambda tree: searched.append(tree) or real(tree))
    byline = '<p class="author">Sam Poe</p>'
    assert extract(page('<meta name="author" content="Jane Roe">', byline=byline)).authors == [
        "Jane Roe"
    ]
    assert searched == []
    assert extract(page(byline=byline)).authors == ["Sam Poe"]
    assert len(searched) == 1


@pytest.mark.parametrize(
    "byline",
    [
        "",
        '<p class="lede">Sam Poe wrote about authority and bylines.</p>',
        '<span class="author-name">Sam Poe</span>',
        '<div id="xiaobian">Sam Poe</div>',
        '<a rel="author" href="/sam">Sam Poe</a>',
        '<span itemprop="author">Sam Poe</span>',
        '<div data-testid="AuthorCard">Sam Poe</div>',
        '<div data-component="Byline">Sam Poe</div>',
        '<p class="BBL">Sam Poe</p>',
        '<h4 class="screenname">Sam Poe</h4>',
        "<author>Sam Poe</author>",
        "<div><rel>me</rel> Sam Poe</div>",
        '<div><rel><time>2026</time>me</rel> Sam Poe</div>',
        '<p class="meta-date"><span class="byline">Sam Poe</span></p>',
    ],
)
def test_the_author_search_is_skipped_only_where_it_finds_nothing(byline: str) -> None:
    from trafilatura.metadata import extract_author

    from newscrawl.extract.decode import load_html
    from newscrawl.extract.metadata import TrafilaturaMeta, may_find_author

    tree = load_html(page(byline=byline))
    found = extract_author(tree)
    assert may_find_author(tree) or found is None
    assert may_find_author(tree) == bool(byline) or byline.startswith('<p class="lede">')
    assert TrafilaturaMeta(tree, URL).author() == (found and " ".join(found.split()))


def test_the_byline_elements_are_the_xpaths() -> None:
    from lxml import etree

    from newscrawl.extract.decode import load_html
    from newscrawl.extract.fields import BYLINE_CLASS_RE, byline_elements

    marked = etree.XPath("//body//*[@class or @id or @itemprop or @data-testid][not(self::script)]")

    def innermost_testid(el: object) -> bool:  # a data-testid naming a byline, none inside it
        def named(e: object) -> bool:
            return "byline" in (e.get("data-testid") or "").lower()
        return named(el) and not any(named(d) for d in el.iterdescendants() if isinstance(d.tag, str))

    def expected(tree: object) -> list[object]:
        return [el for el in marked(tree)
                if "author" in (el.get("itemprop") or "").split()
                or BYLINE_CLASS_RE.search(el.get("class") or "") or "byline" in (el.get("id") or "")
                or innermost_testid(el)]

    pages = [page(byline=b) for b in (
        "",
        '<p class="byline">By Sam Poe</p>',
        '<script class="byline">x</script><span itemprop="author">A</span>',
        '<div id="top-byline"><span class="authorName">A</span><!-- c --></div>',
        # a processing instruction's pseudo-attributes and a comment are no elements
        '<?php class="byline"?><p class="x" itemprop="author creator">B</p><p id="byline" class="">C</p>'
        '<!-- class="byline" --><p class="Byline" id="x" itemprop="y">D</p><p itemprop="coauthor">E</p>',
        '<div data-testid="byline-new"><time data-testid="timestamp">1 hour ago</time>'
        '<div data-testid="Byline-Contributors"><span data-testid="byline-name">By F</span></div></div>',
    )]
    pages += [f.read_text(encoding="utf-8") for f in sorted((Path(__file__).parent / "pages").glob("*.html"))]
    for html in pages:
        tree = load_html(html)
        assert list(byline_elements(tree)) == expected(tree)
    # two bodies (a tree built by hand): each element once, as the XPath gives it
    tree = load_html(page(byline='<p class="byline">By Sam Poe</p>'))
    tree.append(etree.fromstring('<body><div><p class="byline">Other</p></div></body>'))
    assert len(tree.xpath("//body")) == 2
    assert list(byline_elements(tree)) == expected(tree)


ORIGINAL_AUTHOR_LINKS = (
    "//body//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')"
    " or re:test(@href, '/(?:author|authors|autor|autoren|auteur|auteurs|journalist|"
    "journalists|profile|profiles|staff|writers?|contributors?|reporters?|columnists?|byline|by)"
    "/[^/?#]+/?$', 'i')]"
)


def test_the_author_links_are_the_xpaths() -> None:
    from lxml import etree

    from newscrawl.extract.decode import load_html
    from newscrawl.extract.fields import _author_links

    xpath = etree.XPath(ORIGINAL_AUTHOR_LINKS, namespaces={"re": "http://exslt.org/regular-expressions"})
    links = (
        '<a rel="author" href="/x">A</a><a rel="  Author  me" href="/y">B</a>'
        '<a rel="me\tauthor\n">C</a><a rel="me\u00a0author">D</a><a rel="authors">E</a>'
        '<a href="/AUTHOR/jane-roe/">F</a><a href="https://n.example/by/sam?x=1">G</a>'
        '<a href="/staff/">H</a><a href="/writers/a/b">I</a><a>J</a>'
    )
    pages = [page(byline=links), page()]
    pages += [f.read_text(encoding="utf-8") for f in sorted((Path(__file__).parent / "pages").glob("*.html"))]
    for html in pages:
        tree = load_html(html)
        assert _author_links(tree) == xpath(tree)
    assert [a.text for a in _author_links(load_html(pages[0]))] == ["A", "C", "F"]
    tree = load_html(pages[0])  # two bodies (a tree built by hand)
    tree.append(etree.fromstring('<body><a rel="author">K</a></body>'))
    assert _author_links(tree) == xpath(tree)


def test_the_headline_and_logo_elements_are_the_xpaths() -> None:
    import lxml.html
    from lxml import etree

    from newscrawl.extract.decode import load_html
    from newscrawl.extract.fields import HEADLINE_ELEMENTS, _logo_elements, headline_elements

    logo = etree.XPath("//*[contains(@class,'logo') or contains(@id,'logo')"
                       " or contains(@class,'copyright') or contains(@id,'copyright')]")
    marked = (
        '<h2 itemprop="headline">A</h2><h2 itemprop="headline name">B</h2><p class="post-title x">C</p>'
        '<script class="headline">x</script><!-- c --><div class="Headline">D</div>'
        '<span id="site-logo">L</span><p class="copyright">E</p><img class="logo-img" src="x">'
    )
    pages = [page(byline=marked), page('<link class="logo" href="/x">'), page()]
    pages += [f.read_text(encoding="utf-8") for f in sorted((Path(__file__).parent / "pages").glob("*.html"))]
    for html in pages:
        for tree in (load_html(html), lxml.html.document_fromstring(html)):
            assert headline_elements(tree) == HEADLINE_ELEMENTS(tree)
            assert _logo_elements(tree) == logo(tree)
    tree = load_html(pages[0])  # two bodies (a tree built by hand)
    tree.append(etree.fromstring('<body><h3 class="headline">K</h3></body>'))
    assert headline_elements(tree) == HEADLINE_ELEMENTS(tree)
    assert [el.text for el in headline_elements(load_html(pages[0]))] == ["A", "C"]


CORPORA = next((p / "shared" / "corpora" for p in Path(__file__).resolve().parents
                if (p / "shared" / "corpora").is_dir()), Path("missing"))


@pytest.mark.skipif(not (CORPORA / "article-extraction-benchmark").is_dir(),
                    reason="the article-extraction corpus is not here")
def test_the_author_search_and_the_html_repair_are_skipped_only_where_they_change_nothing() -> None:
    import gzip

    from trafilatura.metadata import extract_author
    from trafilatura.utils import repair_faulty_html

    from newscrawl.extract.decode import _repair_changes, load_html
    from newscrawl.extract.metadata import may_find_author

    skipped = {"author search": 0, "repair": 0}
    for file in sorted((CORPORA / "article-extraction-benchmark" / "html").glob("*.html.gz")):
        text = decode_html(gzip.decompress(file.read_bytes()))
        assert text is not None
        beginning = text[:50].lower()
        if not _repair_changes(text, beginning):
            skipped["repair"] += 1
            assert repair_faulty_html(text, beginning) == text, file.name
        tree = load_html(text)
        if not may_find_author(tree):
            skipped["author search"] += 1
            assert extract_author(tree) is None, file.name
    assert all(count > 20 for count in skipped.values()), skipped


@pytest.mark.parametrize(
    "html",
    [
        page(),
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>x</p></body></html>',
        "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN'>\n<html><body><p>x</p></body></html>",
        '<html xmlns="http://www.w3.org/1999/xhtml"/>\n<body><p>x</p></body>',
        "<p>a fragment</p>",
        "<div><p>a</p></div><div><p>b</p></div>",
        "<<<>>>!!",
        "<html><body><form><input value='x'><textarea>t</textarea></form></body></html>",
        "<!DOCTYPE html PUBLIC '-//W3C//DTD XHTML 1.0//EN'><html><body><p>x</p></body></html>",
        "<!DOCTYPE html>\n<html><body><p>a\x0bb\x1fc</p></body></html>",
        "<!DOCTYPE html>\n<html><body><p>a\ufffeb\uffffc \u4e2d</p></body></html>",
        "<!DOCTYPE html><html><body><p>one line</p></body></html>",
        "<html lang='en'/>\n<body><p>x</p></body>",
    ],
)
def test_load_html_matches_trafilaturas(html: str) -> None:
    from lxml import etree
    from trafilatura.utils import load_html as trafilatura_load_html

    from newscrawl.extract.decode import load_html

    ours, theirs = load_html(html), trafilatura_load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours) == etree.tostring(theirs)


# --------------------------------------------------------------------------- dates, fused


def test_naive_date_is_read_in_the_outlets_zone() -> None:
    ld = {"@type": "NewsArticle", "headline": "Bridge reopens", "datePublished": "2026-01-28 09:05"}
    art = extract(page(jsonld=ld), default_tz="America/Chicago")
    assert art.published_at == "2026-01-28T15:05:00+00:00"  # aware, 09:05 in Chicago
    assert art.date_source == "jsonld"


def test_modified_date_alone_is_not_the_publication() -> None:
    head = '<meta property="article:modified_time" content="2026-01-28T12:30:00+01:00">'
    art = extract(page(head), "https://www.valleygazette.example/news/harbour-bridge")
    assert art.modified_at == "2026-01-28T11:30:00+00:00"
    assert art.published_at is None  # not even through htmldate, which would fall back to it


def test_future_date_is_never_the_publication() -> None:
    head = ('<meta property="article:published_time" content="2999-01-01T10:00:00Z">'
            '<meta name="parsely-pub-date" content="2026-01-28T09:05:00Z">')
    art = extract(page(head))
    assert art.published_at == "2026-01-28T09:05:00+00:00"
    assert art.date_source == "meta"


def test_byline_without_markup_authors_is_cleaned() -> None:
    byline = '<p class="byline">By Jane Roe, Staff Writer</p>'
    art = extract(page(byline=byline))
    assert art.authors == ["Jane Roe"]


# --------------------------------------------------------------------------- bylines in the page


def test_written_by_label_meta_names_the_author() -> None:
    head = ('<meta name="twitter:label1" content="Written by">'
            '<meta name="twitter:data1" content="Jane Roe">')
    assert extract(page(head)).authors == ["Jane Roe"]


def test_links_to_author_pages_name_the_authors() -> None:
    byline = ('<p>By <a href="/author/jane-roe/">Jane Roe</a> and '
              '<a href="/author/sam-poe/">Sam Poe</a>, Associated Press</p>')
    art = extract(page(byline=byline))
    assert art.authors == ["Jane Roe", "Sam Poe"]


def test_a_list_of_columnists_is_not_a_byline() -> None:
    columnists = "".join(f'<li><a href="/author/writer-{i}/">Writer Number{i}</a></li>' for i in "abcdef")
    art = extract(page(extra_body=f"<aside><ul>{columnists}</ul></aside>"))
    assert art.authors == []


def test_a_byline_element_is_read_with_spaces_between_its_parts() -> None:
    byline = ('<div class="article-byline"><span>By</span><span>Jane Roe</span>'
              '<span>Coast Times</span><time>Jan 24, 2026</time></div>')
    art = extract(page(byline=byline))
    assert art.authors == ["Jane Roe"] and art.credit == ["Coast Times"]


def test_a_mangled_email_address_is_not_a_name() -> None:
    assert split_byline(["Jane Roe; Jroe Com"]) == (["Jane Roe"], [])


def test_full_width_separators_of_cjk_titles() -> None:
    assert clean_title("新しいペンの記事｜ガジェット通信", ["ガジェット通信"]) == "新しいペンの記事"
    assert clean_title("注意喚起：情報処理推進機構", ["情報処理推進機構"]) == "注意喚起"


def test_the_skips_hold_for_the_installed_trafilatura_and_fall_back_to_always_without_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The author search and the HTML repair are skipped only where trafilatura's own code is
    the code the argument was made for; with another (a new version), both run on every page."""
    from newscrawl.extract import decode, metadata
    from newscrawl.extract.decode import load_html

    plain = page(byline="")
    tree = load_html(plain)
    # (Another trafilatura than the one read: nothing is skipped, and the lines below say so.)
    assert metadata.may_find_author(tree) is not metadata.SKIP_AUTHOR_SEARCH
    assert decode._repair_changes(plain, plain[:50].lower()) is not decode.SKIP_NEEDLESS_REPAIR
    monkeypatch.setattr(metadata, "SKIP_AUTHOR_SEARCH", False)
    monkeypatch.setattr(decode, "SKIP_NEEDLESS_REPAIR", False)
    assert metadata.may_find_author(tree)
    assert decode._repair_changes(plain, plain[:50].lower())


def test_the_compact_key_is_the_regular_expressions_on_every_text() -> None:
    """compact (the ASCII characters taken out by bytes.translate, the rest by the regular
    expression) gives the key of the substitution of ``[\\W_]+`` in the casefolded text alone,
    for every ASCII character, texts of other ones (a lone surrogate too) and mixed texts."""
    import random
    import re
    import sys

    from newscrawl.extract.keys import compact

    def earlier(text: str) -> str:
        return re.sub(r"[\W_]+", "", text.casefold())

    every_character = "".join(map(chr, range(sys.maxunicode + 1)))
    assert compact(every_character) == earlier(every_character)
    every_ascii = "".join(map(chr, range(128)))
    assert compact(every_ascii) == earlier(every_ascii) == "0123456789" + "abcdefghijklmnopqrstuvwxyz" * 2
    rng = random.Random(15)
    alphabet = every_ascii + "éßİΣ‿_٣²ǅﬁ\u0307\u00a0\u2019K\ud800"
    texts = ["", "Jane Roe", "By JANE ROE | Staff_Writer", every_ascii, "Straße Σίσυφος İstanbul ǅ ﬁn"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    texts += ["".join(rng.choice(every_ascii) for _ in range(rng.randint(0, 60))) for _ in range(3000)]
    for text in texts:
        assert compact(text) == earlier(text), text
