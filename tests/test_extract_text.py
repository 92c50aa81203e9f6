"""The main-text reading: trafilatura without its comparison first, with it when needed; the
recall rules of issue 18 (a body split over containers, empty elements in headings, embedded
posts) and the pointers to other stories dropped."""

from __future__ import annotations

from pathlib import Path

import pytest
import trafilatura
from lxml.html import fragment_fromstring

from newscrawl.extract.decode import load_html
from newscrawl.extract.text import (
    BODY_CLASS_RE,
    COMPARE_BELOW_CHARS,
    TRAFILATURA_OPTIONS,
    _paragraphs,
    caption_chars,
    captions_as_paragraphs,
    drop_ad_labels,
    drop_closing_bio,
    drop_closing_lines,
    drop_leading_byline,
    drop_leading_republication,
    drop_leading_title,
    drop_link_leadins,
    drop_other_content_tail,
    extract_text,
    is_live_blog,
    needs_comparison,
    running_text_cuts,
    split_bodies,
)

LONG = "x" * COMPARE_BELOW_CHARS


def _compared(tree) -> str:  # noqa: ANN001 - an lxml tree
    """trafilatura's text with its readability/justext comparison, as newscrawl joins it."""
    doc = trafilatura.bare_extraction(
        tree, with_metadata=False, output_format="python", **TRAFILATURA_OPTIONS
    )
    return _paragraphs(doc.text if doc else None)


def test_a_short_text_is_compared() -> None:
    body = fragment_fromstring("<div><p>short</p></div>")
    assert needs_comparison("short", body)
    assert needs_comparison("", None)


def test_a_long_text_of_paragraphs_is_not_compared() -> None:
    body = fragment_fromstring("<div><p>one</p><p>two</p><table><tr><td>t</td></tr></table></div>")
    assert not needs_comparison(LONG, body)


def test_a_text_without_paragraphs_or_mostly_tables_is_compared() -> None:
    assert needs_comparison(LONG, fragment_fromstring("<div><head>only a heading</head></div>"))
    tables = "<table><tr><td>a</td></tr></table>" * 3
    assert needs_comparison(LONG, fragment_fromstring(f"<div><p>one</p>{tables}</div>"))


def test_an_article_of_paragraphs_reads_as_with_the_comparison() -> None:
    paragraphs = "".join(
        f"<p>Paragraph {i} of the report says what the council decided on Monday and why the "
        "vote was closer than anyone at city hall had expected.</p>"
        for i in range(20)
    )
    html = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Council vote</h1>{paragraphs}</article><footer>(c) Example</footer></body></html>"
    )
    tree = load_html(html)
    text, _ = extract_text(tree, with_metadata=False)
    assert len(text) >= COMPARE_BELOW_CHARS
    assert text == _compared(tree)


def test_a_text_the_fast_reading_misses_comes_from_the_comparison() -> None:
    # Sentences split by <br> in a <span>, no paragraph: trafilatura's own reading finds
    # nothing, its comparison (readability) finds the story.
    lines = "".join(
        f"Sentence {i} of the story tells what happened in the city council on Monday evening.<br>"
        for i in range(40)
    )
    page = f"<html><body><nav><a href='/a'>Home</a></nav><div><span>{lines}</span></div></body></html>"
    tree = load_html(page)
    fast = trafilatura.bare_extraction(
        tree, with_metadata=False, output_format="python", fast=True, **TRAFILATURA_OPTIONS
    )
    assert fast is None or not fast.text
    text, _ = extract_text(tree, with_metadata=False)
    assert "Sentence 39 of the story" in text
    assert text == _compared(tree)


# --------------------------------------------------------------------------- recall (issue 18)

STORY = [
    f"Paragraph {i} of the inquiry's report explains what the harbour authority knew about the "
    "cracked pier, when its engineers first saw the damage and why the repairs were put off."
    for i in range(8)
]


def _article_page(body: str, head: str = "") -> str:
    return (
        f"<html><head><title>Pier inquiry</title>{head}</head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
        f"<main><article><h1>{HEADLINE}</h1>{body}</article></main>"
        "<footer><p>(c) The Harbour Times</p></footer></body></html>"
    )


def _paragraphs_html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


HEADLINE = "Pier inquiry finds years of warnings"


def _read(html: str) -> list[str]:
    """The paragraphs of the text (the headline, which extract_article drops, left out)."""
    text, _ = extract_text(load_html(html), with_metadata=False)
    return [p for p in text.split("\n\n") if p != HEADLINE]


def _precision_only(html: str) -> str:
    """trafilatura's precision pass on the page as it is (no cut undone)."""
    doc = trafilatura.bare_extraction(
        load_html(html), with_metadata=False, output_format="python", **TRAFILATURA_OPTIONS
    )
    return _paragraphs(doc.text if doc else None)


def _split_story(wrap: str = "") -> str:
    """The story in two containers of one body class, an advertisement between them."""
    first, second = _paragraphs_html(STORY[:4]), _paragraphs_html(STORY[4:])
    return _article_page(
        f'<div class="grid"><div class="body article__body">{first}</div></div>'
        f'{wrap}<div class="ad-slot"><p>Advertisement</p></div>'
        f'<div class="grid"><div class="body article__body">{second}</div></div>'
    )


def test_a_body_split_over_containers_of_one_class_is_read_whole() -> None:
    html = _split_story()
    assert STORY[7] not in _precision_only(html)  # trafilatura reads the first container only
    parts = split_bodies(load_html(html))
    assert [len(found) for _, found, _ in parts] == [2]
    assert _read(html) == STORY  # the element holding both (here the <article>) is read


def test_posts_of_a_front_page_are_not_joined() -> None:
    # a blog's front page: each post's body under its own linked title
    posts = "".join(
        f'<div class="post"><h2><a href="/post-{i}">Post number {i}</a></h2>'
        f'<div class="entry-content">{_paragraphs_html(STORY[i:i + 2])}</div></div>'
        for i in range(3)
    )
    assert split_bodies(load_html(_article_page(posts))) == []
    # nor bodies of different articles (one page holding the next story too)
    two = _article_page(f'<div class="article-body">{_paragraphs_html(STORY[:3])}</div>').replace(
        "</article>",
        f'</article><article><h2>Next story</h2><div class="article-body">{_paragraphs_html(STORY[3:6])}'
        "</div></article>",
    )
    assert split_bodies(load_html(two)) == []


def test_the_body_class_tokens_are_trafilaturas() -> None:
    xpaths = pytest.importorskip("trafilatura.xpaths")
    if not hasattr(xpaths, "_ARTICLE_CONTENT_CLASS_TOKENS"):
        pytest.skip("this trafilatura composes its body expression differently")
    assert BODY_CLASS_RE.pattern == xpaths._alt(xpaths._ARTICLE_CONTENT_CLASS_TOKENS)


def test_an_empty_element_in_a_heading_keeps_the_heading_words() -> None:
    heading = '<h2><strong><div class="height-spacer"></div> Menu for the first week</strong></h2>'
    html = _article_page(_paragraphs_html(STORY[:3]) + heading + _paragraphs_html(STORY[3:]))
    assert "Menu for the first week" not in _precision_only(html)
    assert [kind for kind, _ in running_text_cuts(load_html(html))] == ["empty"]
    assert "Menu for the first week" in _read(html)


def test_an_embedded_post_quoted_by_the_article_is_kept() -> None:
    post = (
        '<div class="social-media-embed"><blockquote class="embedded-post">'
        "<p>The pier has been closing a little more every winter since 2015 and nobody listens.</p>"
        '— Harbour Watch (@harbourwatch) <a href="https://social.example/harbourwatch/status/1">'
        "November 18, 2019</a></blockquote></div>"
    )
    html = _article_page(_paragraphs_html(STORY[:3]) + post + _paragraphs_html(STORY[3:]))
    assert "nobody listens" not in _precision_only(html)  # the embed's wrapper goes, post and all
    text = _read(html)
    assert "The pier has been closing a little more every winter since 2015 and nobody listens." in text
    assert text[:3] == STORY[:3] and text[-5:] == STORY[3:]


def test_a_quote_without_a_link_is_not_an_embedded_post() -> None:
    quote = '<div class="pullquote"><blockquote><p>Nobody listened to the engineers.</p></blockquote></div>'
    html = _article_page(_paragraphs_html(STORY[:3]) + quote + _paragraphs_html(STORY[3:]))
    assert running_text_cuts(load_html(html)) == []


def test_pointers_to_other_stories_are_dropped() -> None:
    pointers = [
        '<p><strong>Related: </strong><a href="/news/ferry">Ferry fares rise for the third year</a></p>',
        '<p>Lire aussi : <a href="/news/port">Le port ferme ses quais pour l\'hiver</a></p>',
        '<p>[Read more: <a href="/news/dock">Dock workers vote to strike in March</a>]</p>',
    ]
    kept = [
        # a lead-in before words that are not one link's text, a date, a short link
        '<p>Note: the <a href="/report">report</a> was delivered to the council on Monday evening.</p>',
        '<p>2019-01-14: <a href="/events/1">Opening of the new harbour museum</a></p>',
        '<p>Follow us: <a href="https://social.example/t">@harbourtimes</a></p>',
    ]
    body = STORY[0:1] + pointers + STORY[1:2] + kept + STORY[2:]
    text = _read(_article_page("".join(p if p.startswith("<p") else f"<p>{p}</p>" for p in body)))
    assert not [line for line in text if "Ferry fares" in line or "Le port" in line or "Dock workers" in line]
    assert "Note: the report was delivered to the council on Monday evening." in text
    assert "2019-01-14: Opening of the new harbour museum" in text
    assert STORY[0] in text and STORY[-1] in text


def test_a_box_of_links_under_its_own_heading_inside_the_story_goes_with_its_heading() -> None:
    """A related box among the story's paragraphs ("<div><h3>Read more</h3><ul><li><a>..</a> date
    </li></ul></div>", a tabloid's "read more in politics", a pan-Arab daily's "اقرأ أيضاً"):
    precision mode deleted its links and kept its heading, a line that points to nothing."""
    items = "".join(f'<li><a href="/news/{i}">Ferry fares rise for the {i}th year running</a>'
                    f'<span class="date">20 January 2026</span></li>' for i in range(4, 6))
    box = f'<div class="read-also"><h3>اقرأ أيضاً</h3><div class="views"><ul>{items}</ul></div></div>'
    text = _read(_article_page("".join(f"<p>{p}</p>" for p in STORY[:2]) + box
                               + "".join(f"<p>{p}</p>" for p in STORY[2:])))
    assert "اقرأ أيضاً" not in text and not [line for line in text if "Ferry fares" in line]
    assert STORY[0] in text and STORY[-1] in text
    # a section of the story under its subheading stays; so does a box of its documents
    section = f'<div><h3>What the letter says</h3><p>{STORY[1]}</p></div>'
    docs = ('<div><h3>The documents</h3><ul><li><a href="/letter.pdf">The open letter</a></li>'
            '<li><a href="/filing.pdf">The court filing</a></li></ul></div>')
    html = _article_page(f"<p>{STORY[0]}</p>{section}{docs}<p>{STORY[2]}</p>")
    text = _read(html)
    assert "What the letter says" in text and "The documents" in text


def test_an_agencys_end_mark_as_the_last_paragraph_is_dropped() -> None:
    """Iranian agencies end every story with "انتهای پیام" (end of the message), wires with
    "(END)" or "-30-": the mark is no sentence of the story; the words inside a story stay."""
    story = "بر اساس گزارش‌ها، ۳۲ نفر در سال گذشته جان باخته‌اند.\n\nدومین پاراگراف."
    for mark in ("انتهای پیام", "(END)", "-30-", "###"):
        assert drop_closing_lines(f"{story}\n\n{mark}") == story
    kept = f"{story}\n\nThe end of the line came on Friday.\n\nEnd"
    assert drop_closing_lines(kept) == kept
    assert drop_closing_lines("انتهای پیام") == "انتهای پیام"  # a text of the mark alone is left as it is


def test_a_note_that_the_story_ran_first_elsewhere_is_no_part_of_it() -> None:
    """A partner's or a Creative Commons republisher's note under or above the copy names the
    story's origin (the credit), and a newsroom's offer to republish is no sentence of it; a
    sentence of the story about a republication stays."""
    story = "Agents detained 48 people on Saturday, witnesses said.\n\nThe mayor called it an assault."
    for note in ("This story originally appeared in The Riverside Times. Republished with permission.",
                 "This article was originally published by Statehouse Matters and is republished here "
                 "under a Creative Commons license.",
                 "Republish our articles for free, online or in print, under a Creative Commons license.",
                 # a paper's note over a press release it runs from a feed (the AP writes the same)
                 "This press release is provided by NewsRelease Wire. The Heartland Courier newsroom was "
                 "not involved in its creation.",
                 "Press release content from Globe Newswire. The AP news staff was not involved in its "
                 "creation."):
        assert drop_closing_lines(f"{story}\n\n{note}") == story
        assert drop_leading_republication(f"{note}\n\n{story}") == story
    for line in ("The paper said the letter was republished with permission of its writers.",
                 "This article originally appeared on Time.com.",  # a sentence; the origin alone
                 "The mayor said he was not involved in its creation."):
        kept = f"{story}\n\n{line}"
        assert drop_closing_lines(kept) == kept


@pytest.mark.parametrize(
    "line",
    [
        "¿Quiere recibir nuestros boletines? Inscríbase aquí",  # a Colombian daily's (tests/romweb)
        "Get the latest updates right in your inbox. Subscribe to NJ.com’s newsletters.",
        "Subscribe to the Morning Review newsletter",
        "Abonnez-vous à notre newsletter",
        "The news that matters to the Valley, every weekday morning. Subscribe for free.",  # tests/syndweb
        # a Czech daily's box: its heading, then its pitch (tests/slavweb)
        "Denní zpravodaj iZprávy.cz\n\nNejdůležitější zprávy dne každé ráno ve vaší schránce. "
        "Přihlaste se k odběru.",
    ],
)
def test_an_invitation_to_the_outlets_newsletter_closes_no_story(line: str) -> None:
    story = "Agents detained 48 people on Saturday, witnesses said.\n\nThe mayor called it an assault."
    assert drop_closing_lines(f"{story}\n\n{line}") == story


def test_an_authors_bio_under_the_story_goes() -> None:
    """The outlet's line on its writers as the last paragraph ("Jasper O'Rourke is a contributing
    writer at ...", tests/anglweb): it opens with an author and "is a"; a brief keeps it, and a
    last paragraph on someone else, or saying something else of the author, stays."""
    story = "The story's first sentence, and more. " * 20
    bio = "Jasper O’Rourke is a contributing writer at The Harbor Review. Nadia Villanueva is a fact-checker."
    authors = ["Jasper O’Rourke", "Nadia Villanueva"]
    assert drop_closing_bio(f"{story}\n\n{bio}", authors) == story
    for kept in (f"{story}\n\n{bio}", f"{story}\n\nJasper O’Rourke said the letter is a start.",
                 f"{story}\n\nThe mayor is a former engineer."):
        assert drop_closing_bio(kept, authors if "said" in kept or "mayor" in kept else []) == kept
    brief = f"The story's first sentence.\n\n{bio}"
    assert drop_closing_bio(brief, authors) == brief


def test_a_broadcasters_note_on_its_programme_closes_no_story() -> None:
    story = "Agents detained 48 people on Saturday, witnesses said.\n\nThe mayor called it an assault."
    note = "Über dieses Thema berichtete die tagesschau am 22. Januar 2026 um 20:00 Uhr."
    assert drop_closing_lines(f"{story}\n\n{note}") == story
    line = "Über dieses Thema berichtete die Zeitung zuerst, sagte der Sprecher, und die " + "x" * 120
    kept = f"{story}\n\n{line}"
    assert drop_closing_lines(kept) == kept  # a long sentence of the story


def test_a_newsletters_own_lines_and_sentences_about_newsletters_stay() -> None:
    story = "Agents detained 48 people on Saturday, witnesses said.\n\nThe mayor called it an assault."
    for line in ('You can also subscribe to this newsletter here — just tick "10 Things in Tech."',
                 "The newsletter, which the union sends to 4,000 members every week, first reported the "
                 "plan to subscribe all staff to the new health insurance program on Monday.",
                 "Readers who want to help can subscribe."):
        kept = f"{story}\n\n{line}"
        assert drop_closing_lines(kept) == kept
    # a subheading naming a newsletter, with the story's paragraph after it
    heading = f"{story}\n\nThe newsletter that started it all\n\nIt went to 4,000 union members every week."
    assert drop_closing_lines(heading) == heading


def test_a_partners_co_publishing_note_under_the_summary_goes() -> None:
    """ProPublica's partners print "This article is co-published with ..." and a newsletter's
    sign-up under the summary (tests/anglweb): the note goes, the summary stays."""
    summary = "Camera networks bought for local policing feed a national database, records show."
    note = ("This article is co-published with Public Ledger, a nonprofit newsroom that investigates abuses "
            "of power. Sign up for Dispatches, a newsletter that spotlights wrongdoing around the country.")
    story = "Automated license plate readers bought by at least 38 Texas cities fed a national database."
    assert drop_leading_republication(f"{summary}\n\n{note}\n\n{story}") == f"{summary}\n\n{story}"
    assert drop_leading_republication(f"{note}\n\n{story}") == story
    said = f"{summary}\n\nThe mayor said this article is wrong.\n\n{story}"
    assert drop_leading_republication(said) == said


def test_an_invitation_to_follow_the_outlets_channel_closes_no_story() -> None:
    # an Indonesian daily's two closing lines (tests/asiaweb), and an English one
    story = "The letter was signed by more than 400 workers.\n\nNo company has answered it."
    tg = ('Dapatkan update berita pilihan dan breaking news setiap hari dari Harian.com. Mari '
          'bergabung di Grup Telegram "Harian.com News Update", caranya klik link berikut, kemudian join.')
    wa = ("Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih saluran andalanmu "
          "akses berita Harian.com WhatsApp Channel.")
    assert drop_closing_lines(f"{story}\n\n{tg}\n\n{wa}") == story
    assert drop_closing_lines(f"{story}\n\nFollow us on Google News") == story
    # the app named in the story's own sentence, with no invitation, stays
    kept = f"{story}\n\nThe organisers shared the letter in a WhatsApp group last week."
    assert drop_closing_lines(kept) == kept


def test_a_typo_report_prompt_closes_no_story() -> None:
    # a Latvian broadcaster's prompt under every story (tests/nordweb), a Russian and an English
    # one; a story's own sentence naming the keys stays
    story = "The letter was signed by more than 400 workers.\n\nNo company has answered it."
    for prompt in ("Pamanīji kļūdu? Iezīmē tekstu un nospied Ctrl+Enter!",
                   "Нашли ошибку? Выделите текст и нажмите Ctrl + Enter",
                   "Found a typo? Select it and press Ctrl+Enter."):
        assert drop_closing_lines(f"{story}\n\n{prompt}") == story
    kept = (f"{story}\n\nIn the new editor, pressing Ctrl+Enter sends the message at once, which "
            "many users of the old version found confusing at first, the company's survey of more "
            "than two thousand users says.")
    assert drop_closing_lines(kept) == kept


def test_an_offer_to_license_the_story_closes_no_story() -> None:
    # an El País-like daily's last line (tests/romweb, tests/magweb), after a print note
    story = "La carta cabe en una pantalla.\n\nLas empresas no han respondido a la carta."
    offer = "Si está interesado en licenciar este contenido, pinche aquí"
    assert drop_closing_lines(f"{story}\n\n{offer}") == story
    assert drop_closing_lines(f"{story}\n\nReprints & Permissions") == story
    # a sentence of the story about licensing, longer than a line of furniture, stays
    kept = (f"{story}\n\nThe agency said it would license this content to other newspapers once the "
            "court had ruled on the copyright claim, which could take several months.")
    assert drop_closing_lines(kept) == kept


def test_drop_link_leadins_needs_the_link_on_the_page() -> None:
    tree = load_html("<html><body><p>no links here</p></body></html>")
    text = "Related: Ferry fares rise for the third year\n\nA paragraph."
    assert drop_link_leadins(text, tree) == text
    linked = load_html('<html><body><a href="/f">Ferry fares rise for the third year</a></body></html>')
    assert drop_link_leadins(text, linked) == "A paragraph."


def test_a_read_also_label_and_its_headline_go_without_a_link() -> None:
    """"LEER MÁS: Headline", "TE RECOMENDAMOS: Headline" (a Mexican daily's promotions in bold,
    no link; tests/romweb), "Leia também: ..." point to other stories; a "read also" label before
    a sentence, and another label before a headline without a link, stay."""
    tree = load_html("<html><body><p>no links here</p></body></html>")
    for pointer in ("LEER MÁS: Trabajadores de Google y Meta piden romper con el ICE",
                    "TE RECOMENDAMOS: Consulados atienden a connacionales detenidos",
                    "Leia também: Brasileiros presos pelo ICE em Boston relatam condições precárias"):
        assert drop_link_leadins(f"A paragraph.\n\n{pointer}\n\nThe end.", tree) == "A paragraph.\n\nThe end."
    for kept in ("Saiba mais: a agência disse que vai recorrer da decisão.",
                 "Related: Ferry fares rise for the third year"):
        text = f"A paragraph.\n\n{kept}\n\nThe end."
        assert drop_link_leadins(text, tree) == text


def test_a_read_also_label_with_no_colon_and_a_link_of_the_page_go() -> None:
    """"<span>Lire aussi</span> <a>Headline</a>" (a pan-African weekly's box, tests/afroweb)
    reads "Lire aussi Headline": it goes when the headline is a link of the page; a paragraph
    that only opens with the words stays."""
    headline = "Ingénieurs africains de la Silicon Valley : l’ICE et la peur du visa"
    linked = load_html(f'<html><body><p><span>Lire aussi</span> <a href="/1">{headline}</a></p>'
                       "</body></html>")
    text = f"A paragraph.\n\nLire aussi {headline}\n\nThe end."
    assert drop_link_leadins(text, linked) == "A paragraph.\n\nThe end."
    assert drop_link_leadins(f"Read more {headline}\n\nThe end.", linked) == "The end."
    unlinked = load_html("<html><body><p>no links here</p></body></html>")
    assert drop_link_leadins(text, unlinked) == text
    kept = "A paragraph.\n\nRead more about the plan on the ministry’s website, officials said.\n\nThe end."
    assert drop_link_leadins(kept, linked) == kept


def test_a_pointer_whose_lead_in_ends_in_two_dots_is_dropped() -> None:
    """Egyptian portals point to another story with "اقرأ أيضا.." (read also) and its headline
    link inside the story: two dots or an ellipsis part a lead-in as a colon does."""
    headline = "مقتل أمريكي ثانٍ برصاص عناصر الهجرة فى مينيابوليس"
    linked = load_html(f'<html><body><p>اقرأ أيضا.. <a href="/story/1">{headline}</a></p></body></html>')
    for text in (f"اقرأ أيضا.. {headline}\n\nA paragraph.", f"Read also… {headline}\n\nA paragraph."):
        assert drop_link_leadins(text, linked) == "A paragraph."
    # a sentence that goes on after the dots is no pointer: the link is not all of it
    text = f"He waited.. {headline} was all he said\n\nA paragraph."
    assert drop_link_leadins(text, linked) == text


def test_a_pointer_whose_lead_in_ends_in_a_bar_is_dropped() -> None:
    """Indian papers point to another story between the paragraphs with "Also Read | Headline"
    (tests/asiaweb): a bar parts a lead-in as a colon does."""
    headline = "H-1B visa: New rules from March, what changes for Indian workers"
    linked = load_html(f'<html><body><p><b>Also Read | <a href="/h1b">{headline}</a></b></p></body></html>')
    assert drop_link_leadins(f"A paragraph.\n\nAlso Read | {headline}\n\nThe end.", linked) == (
        "A paragraph.\n\nThe end."
    )
    # a bar before words that are no link's whole text stays
    text = f"A paragraph.\n\nAlso Read | {headline} and more\n\nThe end."
    assert drop_link_leadins(text, linked) == text


def test_an_icon_in_a_box_title_is_left_to_trafilatura() -> None:
    # a heading with an icon that no running text comes before: a box title, not the article's
    box = '<aside><h3><i class="icon-star"></i> Most read</h3><ul><li>One</li></ul></aside>'
    html = _article_page(box + _paragraphs_html(STORY))
    assert running_text_cuts(load_html(html)) == []


def test_a_subtree_is_read_without_touching_the_rest_of_the_page() -> None:
    from lxml.html import tostring

    from newscrawl.extract.text import undo_running_text_cuts

    page = load_html(
        "<html><body><div id='side'><p>Side <b></b>note that is not in the article at all.</p></div>"
        f"<div id='main'>{_paragraphs_html(STORY[:2])}<p>Words <i></i>and more words.</p></div></body></html>"
    )
    main = page.get_element_by_id("main")
    before = tostring(page)
    fixed = undo_running_text_cuts(main)  # the searches see the whole document; the copy is main's
    assert fixed is not main and tostring(page) == before
    assert fixed.find(".//i") is None and b"Side" not in tostring(fixed)


ARTICLE_PARAGRAPHS = "".join(
    f"<p>Paragraph {i} of the report says what the council decided on Monday and why the "
    "vote was closer than anyone at city hall had expected.</p>"
    for i in range(6)
)


def test_the_standfirst_in_the_article_header_is_kept() -> None:
    lead = "The council voted to close the old bridge for two years while it is rebuilt from the piers up."
    html = (
        "<html><body><header class='site'><nav>" + "<a href='/s'>Section</a>" * 9
        + "</nav><p>Local news since 1901 for the whole valley and the towns around it</p></header>"
        "<main><article>"
        "<header><nav class='breadcrumb'><a href='/'>Home</a> <a href='/roads'>Roads</a></nav>"
        f"<span class='kicker'>Roads</span><h1>Bridge to close</h1><p class='lead'>{lead}</p>"
        "<p class='byline'>By Jane Roe, a reporter of the desk, on the 3rd of May in the evening</p>"
        f"<time>3 May 2024</time></header>{ARTICLE_PARAGRAPHS}</article></main></body></html>"
    )
    text, _ = extract_text(load_html(html))
    assert text.startswith(lead + "\n\nParagraph 0")
    assert "By Jane Roe" not in text and "Roads" not in text and "Local news" not in text
    assert "Bridge to close" not in text  # the headline still goes with the header


def test_a_header_without_a_headline_or_with_a_menu_gives_no_lead() -> None:
    long = "<p>This paragraph is long enough to be a lead paragraph of some story, but it is not.</p>"
    tree = load_html(
        "<html><body><header><nav>" + "<a href='/s'>Section</a>" * 9 + f"</nav><h1>Outlet</h1>{long}</header>"
        f"<article><header>{long}</header>{ARTICLE_PARAGRAPHS}</article></body></html>"
    )
    assert not [kind for kind, _ in running_text_cuts(tree) if kind == "lead"]


def test_advertisement_labels_leave_the_text() -> None:
    text = "\n\n".join(
        ["First paragraph.", "Advertisement", "Second paragraph.", "Werbung:", "| Advertisements | | |",
         "Реклама", "広告", "Ad", "An ad for the council's new bridge ran on Monday."]
    )
    assert drop_ad_labels(text) == (
        "First paragraph.\n\nSecond paragraph.\n\nAn ad for the council's new bridge ran on Monday."
    )
    assert drop_ad_labels("Advertising works, the study says.") == "Advertising works, the study says."


def test_the_headline_repeated_in_the_text_goes_with_a_short_label_before_it() -> None:
    titles = ["Harbour bridge reopens", None]
    story = "The old bridge opened again on Wednesday."
    assert drop_leading_title(f"Harbour bridge reopens\n\n{story}", titles) == story
    assert drop_leading_title(f"Member-only story\n\nHarbour bridge reopens\n\n{story}", titles) == story
    # a sentence before the headline is the story's, and a text that is the headline stays
    kept = f"The council voted on Monday.\n\nHarbour bridge reopens\n\n{story}"
    assert drop_leading_title(kept, titles) == kept
    alone = "Review\n\nHarbour bridge reopens"
    assert drop_leading_title(alone, titles) == alone


def test_a_dated_slug_line_above_the_headline_goes_with_it() -> None:
    """A wire's slug line (section and date, up to DATED_KICKER_MAX_WORDS words with a year) is a
    kicker too; a line as long without a year is not (tests: the demo web's wire)."""
    titles = ["Harbour bridge reopens"]
    story = "The old bridge opened again on Wednesday."
    slug = "U.S. · Feb. 2, 2026 14:00 UTC"
    assert drop_leading_title(f"{slug}\n\nHarbour bridge reopens\n\n{story}", titles) == story
    long_label = "Our harbour and waterfront desk reports on the bridge"
    kept = f"{long_label}\n\nHarbour bridge reopens\n\n{story}"
    assert drop_leading_title(kept, titles) == kept


def test_a_donation_sign_up_or_promotion_box_between_the_paragraphs_leaves_the_text() -> None:
    box = ('<div class="wp-block-newspack-blocks-donate newspack-inline-popup"><h3>Support local news</h3>'
           "<p>The Harbour Report is a nonprofit newsroom that depends on readers like you. Donate today to "
           'keep our reporting free.</p><a href="/donate/">Donate now</a></div>')
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + box, 1)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "Paragraph 1" in text and "Donate" not in text and "nonprofit newsroom" not in text
    # a class that merely holds the letters is no donation box
    kept = ARTICLE_PARAGRAPHS.replace("</p>", '</p><div class="condonation">' + box[box.index("<h3>"):], 1)
    text, _ = extract_text(load_html(f"<html><body><article>{kept}</article></body></html>"))
    assert "nonprofit newsroom" in text
    signup = ('<div class="sign-up-container"><p>Sign up here.</p><p>Get the Daily Briefing newsletter, '
              "with the morning's top stories.</p></div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + signup, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "Paragraph 2" in text and "Sign up" not in text and "Daily Briefing" not in text
    promo = ('<div class="wp-block-inline-promo"><p>Sessions: AI. Save $300 on your ticket before '
             "Friday.</p></div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + promo, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "Paragraph 2" in text and "Save $300" not in text
    subscribe = '<div class="subscribe-box"><p>Subscribe to the Harbour Report newsletter today.</p></div>'
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + subscribe, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "Paragraph 2" in text and "Harbour Report newsletter" not in text
    # a subscriber's container holds the story itself
    only = ('<div class="subscriber-only"><p>The council voted on Tuesday to end its contract with the '
            "county jail after a long debate about immigration enforcement.</p></div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + only, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "The council voted on Tuesday" in text
    # an appeal for support; a supporting story's container is no appeal
    appeal = ('<div class="support-news-box"><p>Support the Harbour Report. We believe everyone needs '
              "high-quality journalism. Would you give a one-time contribution?</p></div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + appeal, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "Paragraph 2" in text and "contribution" not in text
    supporting = only.replace("subscriber-only", "supporting-story")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + supporting, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "The council voted on Tuesday" in text
    # a box asking readers to follow the outlet; a following story's container is none
    follow = ('<div class="c-follow-us"><p>Find the Harbour Report on WhatsApp and stay up to date</p>'
              "<p>Listen to our politics podcast for the latest news and analysis</p></div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + follow, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "Paragraph 2" in text and "WhatsApp" not in text and "podcast" not in text
    following = only.replace("subscriber-only", "following-story")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + following, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "The council voted on Tuesday" in text


def test_a_newsletter_or_comments_box_classed_in_capitals_leaves_the_text() -> None:
    # CSS modules' class names ("styles_Newsletter__x1"): trafilatura's tests are case-sensitive
    for cls, words in (("styles_Newsletter__x1", "Sign up for our newsletter"),
                       ("styles_Comments", "Be the first to reply.")):
        box = f'<div class="{cls}"><h3>Subscribe</h3><p>{words}</p></div>'
        html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + box, 2)
        text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
        assert "Paragraph 2" in text and words not in text, cls
    # a commentary's container holds the story itself
    only = ('<div class="styles_Commentary"><p>The council voted on Tuesday to end its contract with the '
            "county jail after a long debate about immigration enforcement.</p></div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + only, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "The council voted on Tuesday" in text


def test_a_republish_this_story_box_leaves_the_text() -> None:
    box = ('<div class="c-republish"><h3>Republish this story</h3><p>We believe that news should be free. '
           "You can republish our stories for free under a Creative Commons license.</p></div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + box, 2)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert "Paragraph 2" in text and "Republish" not in text and "Creative Commons" not in text


def test_a_subscription_box_classed_in_another_language_leaves_the_text() -> None:
    # French, Spanish, Italian and Portuguese class names of a box asking readers to subscribe
    for cls in ("abonnement-boite", "box-suscripcion", "banner_abbonamento", "assinatura-cta"):
        box = (f'<div class="{cls}"><p>Abonnez-vous : le mensuel et les archives depuis 1954, '
               "à partir de 5,90 € par mois.</p></div>")
        html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + box, 2)
        text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
        assert "Paragraph 2" in text and "5,90" not in text, cls
    # the subscribers' container holds the story itself
    for cls in ("contenu-abonne", "solo-suscriptores", "abonnenten-inhalt"):
        only = (f'<div class="{cls}"><p>The council voted on Tuesday to end its contract with the '
                "county jail after a long debate about immigration enforcement.</p></div>")
        html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + only, 2)
        text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
        assert "The council voted on Tuesday" in text, cls


def test_an_embedded_post_written_as_divs_keeps_its_text() -> None:
    post = ("I signed the letter with my name and my title. My teammate spent nine days in detention "
            "and our company said nothing.")
    card = ('<div class="tweet"><a class="tweet-link-top" href="https://x.example/jroe/status/1">'
            '<div class="tweet-header"><span class="tweet-author-name">Jane Roe</span></div>'
            f'<div class="tweet-text">{post}</div></a><a class="tweet-link-bottom" '
            'href="https://x.example/jroe/status/1"><div class="tweet-footer">Jan 21, 2026</div></a></div>')
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + card, 1)
    text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
    assert post in text and "Paragraph 5" in text


def test_running_text_after_a_photo_frame_is_kept() -> None:
    after = (
        "The flag code has guidelines for the treatment of the flag but no rules for punishment, and "
        "in the past the <a href='/court'>Supreme Court</a> has found that people are protected."
    )
    html = (
        f"<html><body><article><div class='story'>{ARTICLE_PARAGRAPHS}"
        "<div class='frame'><figure><img src='a.jpg'></figure>"
        f"<p class='legend'>Jane Roe</p></div>{after}<p></p>"
        f"{ARTICLE_PARAGRAPHS.replace('Paragraph', 'Later paragraph')}</div></article></body></html>"
    )
    text, _ = extract_text(load_html(html))
    assert "in the past the Supreme Court has found that people are protected." in text
    assert text.index("Paragraph 5") < text.index("The flag code") < text.index("Later paragraph 0")


def test_running_text_after_a_floated_image_among_lines_is_kept() -> None:
    # a blog's story written as lines split by <br>s, its first line after a floated image's div
    first = ("With the start of a new month, the survey has published its numbers for the month "
             "before, and the share of the smallest group did tick up slightly.")
    lines = "".join(
        f"<br><br>Line {i} of the story says what the numbers were for last month, and how they "
        "compare with the month before and with the same month of last year." for i in range(4)
    )
    html = (
        "<html><body><article><h1>Shares tick up</h1><div class='content'>"
        f"<div style='float: left'><img src='logo.webp'></div>{first}{lines}</div></article></body></html>"
    )
    text, _ = extract_text(load_html(html))
    assert first in text and "Line 3 of the story" in text
    # a name in a span of such lines is no frame: its sentence stays one
    spanned = html.replace("Line 2 of the story says",
                           "Line 2 of the <span class='brand'>Story</span>, a line, says")
    text, _ = extract_text(load_html(spanned))
    assert "Line 2 of the Story, a line, says what" in text


def test_a_lone_list_bullet_joins_its_item() -> None:
    # the fallback extractors' list items hold paragraphs: trafilatura writes the bullet alone
    text = "Follow us here:\n-\nJane Roe: follow Jane at @jroe.\n  -  \nSam Poe: at @spoe.\n- Ann Lee\n-"
    assert _paragraphs(text) == (
        "Follow us here:\n\n- Jane Roe: follow Jane at @jroe.\n\n- Sam Poe: at @spoe.\n\n- Ann Lee"
    )
    assert _paragraphs("A dash - inside a line.\n- An item") == "A dash - inside a line.\n\n- An item"


def test_the_paragraphs_are_the_white_space_regexs() -> None:
    """_paragraphs joins each line's words with one space: what ``WS_RE.sub(" ", line).strip()``
    (its earlier form) gives, since ``\\s`` and str.split()/str.strip() know the same white space."""
    import re
    import sys

    from newscrawl.extract.metadata import WS_RE

    space = re.compile(r"\s")
    assert all((space.match(chr(c)) is not None) == chr(c).isspace() for c in range(sys.maxunicode + 1))

    def earlier(text: str | None) -> str:
        lines = (WS_RE.sub(" ", line).strip() for line in (text or "").splitlines())
        return "\n\n".join(line for line in lines if line)

    spaces = "".join(chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace())
    texts = [None, "", " \n\t\n", "One  line.\n\n  Two\u00a0\u2003 words \r\nthree\x0bfour\x1c five\u2028six",
             f"a{spaces}b\n{spaces}\nc {spaces} d", "\u200bzero\u200bwidth\ufeff stays\x85next"]
    for text in texts:
        assert _paragraphs(text) == earlier(text)


def test_a_list_of_headline_links_each_with_a_date_is_a_link_list() -> None:
    """A news agency's section page lists headline links, each with a date and time and no
    summary, run together with the link in the text ("- Headline۱۴۰۴/۱۱/۰۵ ۱۱:۳۰"): the date
    after a link's text leaves the line a link's line; a prose line ending in a number does not."""
    from newscrawl.extract.text import is_link_list

    heads = ["پالانتیر؛ بازوی فناوری سرکوب مهاجران در آمریکا", "Harbour bridge reopens after the repairs",
             "Ferry fares rise for the third year running"]
    dates = ["۱۴۰۴/۱۱/۰۵ ۱۱:۳۰", "22.01.2026 10:30", "2026-01-21"]
    items = "".join(f'<li><h3><a href="/news/{i}">{h}</a></h3><time>{d}</time></li>'
                    for i, (h, d) in enumerate(zip(heads, dates, strict=True)))
    tree = load_html(f"<html><body><ul>{items}</ul></body></html>")
    text = "\n\n".join(f"- {h}{d}" for h, d in zip(heads, dates, strict=True))
    assert is_link_list(text, tree)
    prose = "\n\n".join(f"The council met on the bridge {h.lower()} at last, 20260121" for h in heads)
    assert not is_link_list(prose, tree)


def test_a_list_of_links_each_holding_its_time_before_the_headline_is_a_link_list() -> None:
    """An Urdu daily's latest-news list: each link holds the item's time, then the headline
    (``<a><span>09:10</span><h2>...</h2></a>``); the text reads them as two lines, the time and
    the headline, and the headline is the link's text without its time (tests/asiaweb)."""
    from newscrawl.extract.text import is_link_list

    heads = ["سلیکون ویلی میں پاکستانی انجینئرز بھی مہم میں شامل", "Harbour bridge reopens after the repairs",
             "Ferry fares rise for the third year running"]
    times = ["09:10", "16:00", "11:20"]
    items = "".join(f'<li><a href="/news/{i}"><span class="time">{t}</span><h2>{h}</h2></a></li>'
                    for i, (h, t) in enumerate(zip(heads, times, strict=True)))
    tree = load_html(f"<html><body><ul>{items}</ul></body></html>")
    assert is_link_list("\n\n".join(f"{t}\n\n{h}" for h, t in zip(heads, times, strict=True)), tree)
    assert not is_link_list("\n\n".join(f"The council met, {h.lower()} again" for h in heads), tree)


def test_a_list_of_headline_links_each_with_a_short_stamp_is_a_link_list() -> None:
    """A Bengali section page: each headline link with its age under it ("১ ঘণ্টা আগে", 1 hour
    ago), no summary; a short line with a digit in at most three words, no link's text, is a
    stamp, left out of the count as a date line is (tests/asiaweb)."""
    from newscrawl.extract.text import is_link_list

    heads = ["নিউইয়র্কে প্রবাসী বাংলাদেশি প্রযুক্তিকর্মীদের সমাবেশ", "Harbour bridge reopens after the repairs",
             "Ferry fares rise for the third year running"]
    ages = ["১ ঘণ্টা আগে", "2 hours ago", "26/01/2026, 19:30 WIB"]
    items = "".join(f'<div><h3><a href="/news/{i}">{h}</a></h3><time>{a}</time></div>'
                    for i, (h, a) in enumerate(zip(heads, ages, strict=True)))
    tree = load_html(f"<html><body>{items}</body></html>")
    text = "\n\n".join(f"{h}\n\n{a}" for h, a in zip(heads, ages, strict=True))
    assert is_link_list(text, tree)
    # the same stamps under sentences that are no link's text: no link list
    assert not is_link_list("\n\n".join(f"The council met, {h.lower()} again\n\n{a}"
                                          for h, a in zip(heads, ages, strict=True)), tree)


def test_the_link_list_test_reads_no_further_than_it_must() -> None:
    """is_link_list stops reading lines once the rest cannot make up LINK_LIST_SHARE of the text:
    the same answers as reading every line, for texts of link texts, of prose and of both."""
    import random

    from newscrawl.extract.fields import compact
    from newscrawl.extract.text import ANCHOR_TEXTS, LINK_LIST_SHARE, is_link_list

    def earlier(text: str, tree) -> bool:  # noqa: ANN001 - an lxml tree
        lines = [(line, compact(line)) for line in text.split("\n\n")]
        needed = LINK_LIST_SHARE * sum(len(line) for line, _ in lines)
        all_links = compact("".join(ANCHOR_TEXTS(tree)))
        if sum(len(line) for line, key in lines if key and key in all_links) < needed:
            return False
        anchors = {compact(a.text_content()) for a in tree.xpath("//a")}
        anchors.discard("")
        return sum(len(line) for line, key in lines if key in anchors) >= needed

    links = [f"Story {i}: the harbour {'bridge ' * (i % 4)}reopens" for i in range(15)]
    prose = [f"Paragraph {i} of running text, " + "with words no link has. " * (i % 5 + 1) for i in range(8)]
    menu = "".join(f'<li><a href="/s/{i}">{t}</a></li>' for i, t in enumerate(links))
    page = f"<html><body><ul>{menu}</ul><a href='/x'>Story 1</a><p>{' '.join(prose)}</p></body></html>"
    tree = load_html(page)
    rng = random.Random(15)
    answers = set()
    for _ in range(400):
        lines = rng.sample(links, rng.randint(0, 15)) + rng.sample(prose, rng.randint(0, 3))
        rng.shuffle(lines)
        text = "\n\n".join([*lines, *([""] * rng.randint(0, 1))]) or "x"
        assert is_link_list(text, tree) == earlier(text, tree), text
        answers.add(earlier(text, tree))
    assert answers == {True, False}


def test_a_cjk_list_of_headline_links_with_their_stamps_is_a_link_list() -> None:
    """A Chinese, Japanese or Korean section page lists headline links as short as the stamps
    beside them ("2026年01月24日 07:42"): the stamp lines do not count against the links."""
    from newscrawl.extract.text import is_link_list

    items = [("美国多地爆发抗议移民执法行动游行", "2026年01月24日 07:42"),
             ("美国科技员工联名要求企业终止与ICE合作", "2026年01月23日 08:05"),
             ("联合国秘书长呼吁加强多边合作", "2026年01月22日 21:10"),
             ("米IT社員、ICE契約打ち切り要求", "1/23(金) 8:05"),
             ("美 빅테크 직원 1000여명 ICE와 계약 끊어라", "2026.01.23 08:05")]
    links = "".join(f'<li><a href="/n/{i}.html">{t}</a> <em>{d}</em></li>' for i, (t, d) in enumerate(items))
    tree = load_html(f"<html><body><ul>{links}</ul></body></html>")
    text = "\n\n".join(line for item in items for line in item)
    assert is_link_list(text, tree)
    # a story's paragraphs with a date line among them are no link list
    story = "\n\n".join(["2026年01月24日 07:42", "美国多地爆发游行，抗议移民执法行动。" * 5, items[0][0]])
    assert not is_link_list(story, tree)


def _live_blog(mark: str) -> str:
    """A live blog: a summary, then 30 timestamped updates in a list, each under 200 characters
    and with three share links (short link texts), which precision mode deletes as link farms."""
    share = "".join(
        f"<a href='https://{n}.example/intent?u=https://news.example/live' class='lk' title='{n}'>"
        f"<svg><use></use></svg><div class='tip'><div class='tip-text'>{n}</div></div></a>"
        for n in ("facebook", "twitter", "whatsapp")
    )
    updates = "".join(
        f"<li class='update'><div><div class='info'><div class='time'><time><span>Nov</span>"
        f"<span>02</span></time><span>20:{i:02d}</span></div><div class='update-body'>"
        f"<div class='update-text'><div class='update-title'>Update {i}: the hearing resumes</div>"
        f"The judge heard update number {i} of the testimony from the agency's field office, and "
        "the lawyers for the families asked again for the intake logs of the centre.</div>"
        f"<div class='ss'><div class='opt'><div class='scl'>{share}</div></div></div></div></div>"
        "</div></li>"
        for i in range(30)
    )
    return (
        f"<html><head>{mark}<title>Live: the hearing</title></head><body>"
        "<article><h1>Live: the hearing on the detention centre</h1>"
        "<p>The summary of the day: the court heard the agency's field office on the detention "
        "centre's conditions, and the hearing resumes tomorrow morning with the state's case.</p>"
        "<p>Lawyers for the families said the records the agency filed were incomplete and asked "
        "the court to order the full logs of the centre's intake desk for the last two years.</p>"
        f"<ul class='updates'>{updates}</ul></article></body></html>"
    )


@pytest.mark.parametrize(
    "mark",
    [
        "<div itemscope itemtype='https://schema.org/LiveBlogPosting'></div>",
        '<script type="application/ld+json">{"@context": "https://schema.org", '
        '"@type": "LiveBlogPosting", "headline": "Live: the hearing"}</script>',
    ],
)
def test_a_live_blog_keeps_its_updates(mark: str) -> None:
    tree = load_html(_live_blog(mark))
    assert is_live_blog(tree) and is_live_blog(tree, _live_blog(mark))
    text, _ = extract_text(tree)
    assert "The summary of the day" in text
    assert all(f"update number {i} of the testimony" in text for i in range(30))
    assert "facebook" not in text


def test_a_page_not_marked_as_a_live_blog_reads_with_precision() -> None:
    html = _live_blog("")
    tree = load_html(html)
    assert not is_live_blog(tree) and not is_live_blog(tree, html)
    text, _ = extract_text(tree)
    assert "The summary of the day" in text
    assert "update number 17 of the testimony" not in text  # what precision mode alone keeps
    # the type's name in the page's text is not a mark: the quick test defers to the tree's
    mentioned = html.replace("<h1>", "<p>Our LiveBlogPosting guide</p><h1>")
    assert not is_live_blog(load_html(mentioned), mentioned)


def _slideshow(captions: int) -> str:
    """A slideshow: a short introduction, then slides whose captions tell the story."""
    slides = "".join(
        f"<figure class='slide'><div class='slide-header'><div class='title'>Tip {i}</div></div>"
        f"<img src='/slide-{i}.jpg' alt=''><figcaption class='slide-caption'><p>Tip {i}: the "
        "designer says most first apartments are furnished in a weekend, and that one piece "
        "bought slowly, second hand and with care, says more about a room than a full set.</p>"
        "</figcaption></figure>"
        for i in range(captions)
    )
    return (
        "<html><head><title>Decorating mistakes</title></head><body><article>"
        "<h1>Decorating mistakes to avoid in a first apartment</h1>"
        "<p>An interior designer told us the mistakes she sees most often.</p>"
        f"<div class='slides'>{slides}</div></article></body></html>"
    )


def test_a_slideshow_keeps_its_captions() -> None:
    tree = load_html(_slideshow(6))
    text, _ = extract_text(tree)
    assert "mistakes she sees most often" in text
    assert all(f"Tip {i}: the designer says" in text for i in range(6))


def test_a_tv_stations_slideshow_keeps_its_captions_paragraphs_without_the_header() -> None:
    # tests/kindweb's slideshow: each slide's caption a counter, the caption as a <p> and a
    # credit; trafilatura drops such captions in every mode, and unwrapped they read the whole
    # article block as one line (the header and the share bar with them)
    page = Path(__file__).parent / "kindweb" / "web" / "kvtn" / "news" / "local-news"
    html = (page / "photos-tech-workers-rally-minneapolis-federal-building" / "index.html").read_text()
    text, _ = extract_text(load_html(html))
    assert "\n\nSpeakers read the names of Renee Good and Alex Pretti, who were killed" in text
    assert "the first signers from companies based in Minnesota.\n\n" in text
    assert "SHARE" not in text and "(KVTN Photo" not in text and "1 / 6" not in text
    # the page itself is not changed, and a page whose captions hold no block is not copied
    tree = load_html(html)
    assert captions_as_paragraphs(tree) is not tree and len(list(tree.iter("figcaption"))) == 6
    plain = load_html("<html><body><figure><figcaption>Rain</figcaption></figure></body></html>")
    assert captions_as_paragraphs(plain) is plain


def test_caption_chars_counts_the_captions_text() -> None:
    tree = load_html(
        "<html><body><p>Body text.</p><figure><img src='a.jpg'><figcaption> A  harbour\n at "
        "<b>dawn</b> </figcaption></figure><figure><figcaption>Rain</figcaption></figure></body></html>"
    )
    assert caption_chars(tree) == len("A harbour at dawn") + len("Rain")
    assert caption_chars(load_html("<html><body><p>No figures.</p></body></html>")) == 0


def test_the_stop_words_of_every_language_answer_as_justexts_frozenset_of_them() -> None:
    import justext.core
    import trafilatura.external
    from justext.utils import get_stoplist, get_stoplists

    from newscrawl.extract.text import StopWords, all_stop_words

    words = frozenset(word.lower() for language in get_stoplists() for word in get_stoplist(language))
    stop_words = all_stop_words()
    # justext is handed them for trafilatura's stop words of every language, and only for those
    assert justext.core.define_stoplist(trafilatura.external.JT_STOPLIST) is stop_words
    assert justext.core.define_stoplist(("The", "a")) == frozenset({"the", "a"})
    assert all(word in stop_words for word in words)
    others = ["", "\0", "the\0", "\0the", "a\0b", "thee", "th", "Der", "die" * 3, "ßtraße", "中文", 7, None]
    others += [word + "x" for word in sorted(words)[::50]] + [word[:-1] for word in sorted(words)[::50]]
    assert [word in stop_words for word in others] == [word in words for word in others]
    with pytest.raises(ValueError, match="separator"):
        StopWords(["a\0b"])


def test_the_stop_words_kept_in_the_cache_folder_are_the_ones_built(tmp_path: Path, monkeypatch) -> None:
    from newscrawl.extract import text

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    built = text.all_stop_words.__wrapped__(cache=False)
    written = text.all_stop_words.__wrapped__()  # builds them and writes the file
    files = list((tmp_path / "newscrawl").glob("stopwords-*.pickle"))
    assert len(files) == 1 and written.buckets == built.buckets
    read = text.all_stop_words.__wrapped__()  # reads the file
    assert read.buckets == built.buckets and read is not written
    assert ("the" in read, "zzq" in read, "der" in read) == ("the" in built, "zzq" in built, "der" in built)
    files[0].write_bytes(b"not a pickle")  # a broken file is built again (and written anew)
    assert text.all_stop_words.__wrapped__().buckets == built.buckets
    assert text.StopWords.from_buckets(("a",) * 3) is None and text.StopWords.from_buckets(None) is None


def test_a_short_paragraph_with_a_link_in_a_div_is_kept() -> None:
    """Precision mode deletes a div with a child, a link and under 200 characters of text: a
    wire's paragraph written as a div, or a CMS's paragraph in wrapper divs."""
    wire = "".join(
        f'<div class="article-body__paragraph">Paragraph {i} of the report says what the council decided '
        "on Monday and why the vote was closer than anyone at city hall had expected.</div>"
        + ('<div class="article-body__paragraph">Microsoft <a href="/ms">declined to comment</a> on '
           "Monday.</div>" if i == 0 else "")
        for i in range(6)
    )
    wrapped = ('<div class="paragraph"><div class="field__item"><p>Every alert is checked by '
               '<a href="/networks">two volunteers</a> before it is sent.</p></div></div>')
    for html, sentence in ((wire, "Microsoft declined to comment on Monday."),
                           (ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + wrapped, 1),
                            "Every alert is checked by two volunteers before it is sent.")):
        text, _ = extract_text(load_html(f"<html><body><article>{html}</article></body></html>"))
        assert sentence in text
        assert text.index("Paragraph 0") < text.index(sentence) < text.index("Paragraph 1")


def test_a_short_linked_box_is_left_to_precision_mode() -> None:
    """A call to action, a box under its own heading and a box marked as a promotion are no
    paragraphs of the story."""
    boxes = [
        '<div class="c-notes"><p>This is a preview of subscription content, <a href="/login">log in to '
        "check access</a>.</p></div>",
        '<div class="box"><h2>About the writer</h2><div class="inner"><p>Jane Roe is a founder of '
        '<a href="https://example.com">a leasing site</a> for used cars.</p></div></div>',
        '<div class="inline-promo"><p>Our events team hosts <a href="/events">a summit on AI</a> '
        "in Boston this spring.</p></div>",
    ]
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + "".join(boxes), 1)
    tree = load_html(f"<html><body><article>{html}</article></body></html>")
    assert not {"paragraph", "text div"} & {kind for kind, _ in running_text_cuts(tree)}
    text, _ = extract_text(tree)
    assert "preview of subscription" not in text and "leasing site" not in text and "summit" not in text


def test_a_live_updates_headline_in_its_own_header_is_kept() -> None:
    """favor_precision deletes every <header>; an update's (or a section's) subheading in a
    header of its own is put after it, a teaser's linked headline is not."""
    def update(i: int, headline: str) -> str:
        return (f'<article class="live-update"><header><time>{i}:15 p.m.</time><h3>{headline}</h3></header>'
                f"<div class='body'><p>Update {i} says what the council decided on Monday and why the vote "
                "was closer than anyone at city hall had expected.</p></div></article>")

    html = update(3, "Mayor asks the agency to leave") + update(2, "Crowd grows at the scene")
    teaser = ('<article class="card"><header><h3><a href="/other">Another story</a></h3></header>'
              "<p>What another story says about the council and its vote on Monday.</p></article>")
    page = f"<html><body><main><div class='article-body'>{html}</div>{teaser}</main></body></html>"
    text, _ = extract_text(load_html(page))
    assert text.index("Mayor asks the agency to leave") < text.index("Update 3") < text.index(
        "Crowd grows at the scene") < text.index("Update 2")
    assert "Another story" not in text


def test_a_framed_correction_after_the_story_is_kept() -> None:
    """A paragraph with a border style is deleted by precision mode as a box; one that ends a
    sentence right after running text is the story's (a correction), one after a share button
    is not (a comment policy)."""
    correction = ('<p style="border-top: 1px solid #ccc; padding-top: 12px;"><em>Correction: An '
                  "earlier version of this story misstated the year the contract began. It was 2023, "
                  "not 2022.</em></p>")
    policy = ('<div class="wabtn_container"><a href="whatsapp://send" class="wabtn">Share this on '
              'WhatsApp</a></div><p style="font-size:10px; border-top:1px #999 solid;">Comments that are '
              "unreadable or disrespectful of other readers will not be approved by the moderator.</p>")
    for tail, kept in ((correction, True), (policy, False)):
        html = (f"<html><body><article><div class='entry-content'>{ARTICLE_PARAGRAPHS}{tail}</div>"
                "</article></body></html>")
        text, _ = extract_text(load_html(html))
        assert ("Correction: An earlier version" in text or "will not be approved" in text) is kept


def test_the_rest_of_a_story_behind_a_read_more_button_is_kept() -> None:
    """trafilatura deletes a block whose class holds "expand"; the rest of the story shown by a
    "read more" button is kept, an expandable box without running text is not."""
    rest = ('<button class="read-more-toggle">Continue reading</button><div class="read-more-body expanded">'
            "<p>Detainees and their lawyers have complained for years about the video visitation system, "
            "which charges families by the minute.</p></div>"
            '<div class="expandable-menu"><ul><li><a href="/a">Sections</a></li>'
            '<li><a href="/b">Video</a></li></ul></div>')
    html = (f"<html><body><article><div class='entry-content'>{ARTICLE_PARAGRAPHS}{rest}</div>"
            "</article></body></html>")
    text, _ = extract_text(load_html(html))
    assert "which charges families by the minute." in text and "Sections" not in text


def test_text_blocks_whose_class_holds_icon_are_kept() -> None:
    """trafilatura deletes a block whose class holds "-icon"; a news magazine's text blocks
    ("RichText RichText--iconLinks": links shown with an icon) hold the story, its short
    paragraphs too. An icon's block without a paragraph of running text still goes."""
    block = ('<div data-area="text_block"><div class="RichText RichText--iconLinks lg:w-8/12">'
             "<p>{}</p></div></div>")
    story = "".join(block.format(p) for p in (
        "The state police have worked with the analysis platform since 2024, and its use has "
        "grown every year since the contract was signed.",
        "Critics point to the company's work for the immigration agency in the United States.",
    ))
    icon = '<div class="share-icon"><p>Share</p></div>'
    html = f"<html><body><article><section data-area='body'>{story}{icon}</section></article></body></html>"
    text, _ = extract_text(load_html(html))
    assert "its use has grown every year since the contract was signed." in text
    assert "Critics point to the company's work for the immigration agency" in text
    assert "Share" not in text


def test_a_story_whose_class_holds_meta_is_kept() -> None:
    """trafilatura deletes a block whose class holds "meta" (a post's date and author line); a
    news channel's story is "<div class='entry data-app-meta'>" (its app's hooks): with a related
    box among its paragraphs only the paragraphs before the box were left. A meta box with one
    paragraph (an affiliate disclaimer) is left to trafilatura."""
    paragraphs = [
        "Peste 400 de angajați ai marilor companii tehnologice americane au semnat o scrisoare "
        "deschisă prin care le cer șefilor lor să rezilieze contractele.",
        "Scrisoarea, publicată pe site-ul campaniei, le cere directorilor să condamne public "
        "violențele agenților și raidurile împotriva migranților.",
        "Printre semnatari se află și câțiva programatori români care lucrează la Google și "
        "Microsoft, potrivit organizatorilor campaniei.",
    ]
    related = '<div class="related-box"><span>Citește și:</span> <a href="/a">Proteste masive</a></div>'
    story = f"<p>{paragraphs[0]}</p><p>{paragraphs[1]}</p>{related}<p>{paragraphs[2]}</p>"
    disclaimer = ('<div class="article-meta small"><p>The site has affiliate partnerships and may earn '
                  "commission on products purchased through affiliate links on this page.</p></div>")
    html = (f"<html><body><article><h1>Angajații cer rezilierea contractelor</h1>"
            f"<div class='entry data-app-meta data-app-meta-article'>{story}</div>{disclaimer}"
            "</article></body></html>")
    text, _ = extract_text(load_html(html))
    assert all(p in text for p in paragraphs)
    assert "affiliate partnerships" not in text


def test_a_paywall_offer_where_the_story_stops_is_left_out() -> None:
    """A paywall's offer inside the article (a box whose class starts with "paywall", short,
    without running text) goes; a paywall class around running text (the paid story) stays."""
    offer = ('<div class="paywall-wrapper" data-paywall="true"><h3>Weiterlesen mit F+</h3>'
             "<p>Zugang zu allen F+ Artikeln: 1 Monat kostenlos.</p><p>Bereits Abonnent? Einloggen</p></div>")
    html = (f"<html><body><article><div class='body-elements'>{ARTICLE_PARAGRAPHS}{offer}</div>"
            "</article></body></html>")
    text, _ = extract_text(load_html(html))
    assert "Weiterlesen mit F+" not in text and "1 Monat kostenlos" not in text
    paid = ('<div class="paywall"><p>The rest of the story: detainees and their lawyers have complained '
            "for years about the video visitation system, which charges by the minute.</p></div>")
    html = (f"<html><body><article><div class='body-elements'>{ARTICLE_PARAGRAPHS}{paid}</div>"
            "</article></body></html>")
    text, _ = extract_text(load_html(html))
    assert "which charges by the minute." in text


def test_a_paragraph_written_as_a_div_among_paragraphs_is_kept() -> None:
    """Text written right inside a div (an editor's note in a callout card, a lede in a div)
    among the story's <p>s becomes a paragraph; a teaser's summary under its headline link and
    a box marked as a disclaimer do not."""
    note = ('<div class="kg-card kg-callout-card"><div class="kg-callout-emoji">📝</div>'
            "<div class=\"kg-callout-text\">Editor's note: The Review agreed not to name the engineers "
            "quoted in this story.</div></div>")
    teaser = ('<div class="tumb"><div class="title"><a href="/other">Another diet</a></div>'
              '<div class="body">The most popular diet of the year, with two menus to choose from.'
              "</div></div>")
    disclaimer = ('<div class="disclaimer-box">Crypto assets are volatile and unregulated investment '
                  "products and your capital is at risk.</div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + note + teaser + disclaimer, 1)
    text, _ = extract_text(load_html(f"<html><body><article><div class='entry-content'>{html}</div>"
                                     "</article></body></html>"))
    assert "Editor's note: The Review agreed not to name the engineers" in text
    assert text.index("Paragraph 0") < text.index("Editor's note") < text.index("Paragraph 1")
    assert "most popular diet" not in text and "volatile" not in text


def test_a_framed_note_of_paragraphs_after_the_story_is_kept() -> None:
    """A div of paragraphs with a border style or a `bottom` class token is deleted by precision
    mode as a box; after running text, and not marked as a byline or a share bar, it stays."""
    boxes = [
        ("<div style='border:1px solid #ccc;padding:10px'><p><em>Editor's note: This story was produced "
         "in partnership with a newsroom and is republished with permission.</em></p></div>", True),
        ("<div class='article-bottom'><p>Correction: An earlier version of this story misstated the name "
         "of the agency's field office in Saint Paul.</p></div>", True),
        ("<div class='article-bottom share-tools'><p>Share this story with your friends and family on "
         "every network you use, and tell them where you read it.</p></div>", False),
    ]
    for (box, kept), before in zip(boxes * 2, [False] * len(boxes) + [True] * len(boxes), strict=True):
        body = box + ARTICLE_PARAGRAPHS if before else ARTICLE_PARAGRAPHS + box  # a note may open the story
        html = f"<html><body><article><div class='entry-content'>{body}</div></article></body></html>"
        text, _ = extract_text(load_html(html))
        assert ("Editor's note" in text or "Correction:" in text or "Share this" in text) is kept


def test_a_photo_essay_keeps_its_captions_when_the_recall_reading_took_the_header_in() -> None:
    # precision mode keeps the short introduction; recall mode's reading (the page's skip link,
    # slogan and headline read in) replaces it; the balanced reading, which has the captions,
    # is then measured against the precision pass's own text, not against that reading
    captions = "".join(
        f"<figure class='wp-block-image'><img src='/walkout-{i}.jpg' alt=''><figcaption "
        f"class='wp-element-caption'>Caption {i}: at noon the crowd on the sidewalk had grown to "
        "about 150, and an engineer read the letter's demands through a borrowed megaphone."
        "</figcaption></figure>"
        for i in range(4)
    )
    html = (
        "<html><head><title>Photos: The walkout</title></head><body><div id='page'>"
        "<a class='skip-link screen-reader-text' href='#content'>Skip to content</a>"
        "<header id='masthead' class='site-header'><p class='site-title'><a href='/'>Frame</a></p>"
        "<p class='site-description'>Visual journalism from the West</p></header>"
        "<main id='primary'><article class='post format-gallery'><header class='entry-header'>"
        "<h1 class='entry-title'>Photos: The day tech workers walked out</h1></header>"
        "<div class='entry-content'><p>On Jan. 27, workers left offices in three cities to protest "
        "their companies' ties to immigration enforcement. A photographer followed them.</p>"
        f"<figure class='wp-block-gallery has-nested-images'>{captions}</figure>"
        "<p><em>All photos by Lucia Vance.</em></p></div></article></main></div></body></html>"
    )
    text, _ = extract_text(load_html(html))
    assert "A photographer followed them." in text
    assert all(f"Caption {i}: at noon the crowd" in text for i in range(4))
    assert "Skip to content" not in text


def _story_with_aside(aside: str) -> str:
    paragraph = (
        "<p>At least nine engineers have left a license plate reader company since it expanded its "
        "contract with immigration enforcement last fall, former employees said this week.</p>"
    )
    return (
        "<html><body><article><h1>Engineers quit a contractor</h1><div class='article-body'>"
        f"{paragraph}{aside}{paragraph.replace('At least nine', 'Several of the')}"
        f"{paragraph.replace('At least nine', 'Two more')}</div></article></body></html>"
    )


def test_an_aside_of_the_storys_key_points_among_its_paragraphs_is_kept() -> None:
    points = (
        "<ul><li>The company has expanded its contract with the agency since last fall.</li>"
        "<li>At least nine engineers have left, several citing the contract.</li></ul>"
    )
    text, _ = extract_text(load_html(_story_with_aside(
        f"<aside class='article-key-points'><h2>What we know</h2>{points}</aside>"
    )))
    assert "has expanded its contract with the agency since last fall." in text
    assert "several citing the contract." in text
    # a box marked as a newsletter's, a list of links, a list of labels: still left out
    for aside in (
        f"<aside class='newsletter-signup'>{points}</aside>",
        "<aside class='more'><ul><li><a href='/a'>Detention deaths hit a 20-year high, records show.</a></li>"
        "<li><a href='/b'>How the agency buys data it cannot collect itself.</a></li></ul></aside>",
        "<aside class='meta'><ul><li>Background</li><li>Reading time 10 minutes</li></ul></aside>",
    ):
        text, _ = extract_text(load_html(_story_with_aside(aside)))
        assert "Two more engineers" in text
        assert "with the agency since last fall." not in text
        assert "20-year high" not in text and "Reading time" not in text


def test_a_pull_quote_that_no_paragraph_repeats_is_kept_and_one_that_repeats_stays_out() -> None:
    said = "Everything else in the letter came after that sentence, the engineer who wrote it said this week."

    def page(quote: str) -> str:
        return (
            "<html><body><article><h1>In their words</h1><div class='entry-content'>"
            "<p>We asked the organizers of the letter which of its lines mattered most to them, and "
            "these are the passages they chose for the portraits we made of them.</p>"
            f"<figure class='wp-block-pullquote'><blockquote><p>{quote}</p><cite>The letter</cite>"
            f"</blockquote></figure><p>{said}</p><p>The organizers said the letter would be delivered "
            "to the companies' chief executives at the end of the month, with every name.</p>"
            "</div></article></body></html>"
        )

    unique = "This cannot continue, and we know the tech industry can make a difference."
    text, _ = extract_text(load_html(page(unique)))
    assert unique in text
    assert "The letter" not in text.split("\n\n")  # its attribution
    text, _ = extract_text(load_html(page("Everything else in the letter came after that sentence.")))
    assert text.count("Everything else in the letter came after that sentence") == 1


def test_a_story_list_is_kept_on_a_page_whose_body_trafilatura_does_not_find() -> None:
    # no container of a class trafilatura knows: it reads the page's wild text, paragraphs
    # without lists, and the comparison (which keeps lists) is asked for only when a list of the
    # story was left out
    paragraphs = "".join(
        f"<p>Over the past {n} years, the office has used social media to reach people around "
        "the country and the world on the most important issues of our time.</p>" for n in range(4)
    )  # 600 characters

    def page(list_class: str) -> str:
        items = "".join(
            f"<li>Account {i} (handle and followers, no posts on the timeline): "
            f"<a href='https://example.com/a{i}'>@Office{i}</a></li>" for i in range(20)
        )
        return (
            f"<html><body><div><div>{paragraphs}<ul class='{list_class}'>{items}</ul>"
            f"{paragraphs.replace('past', 'last')}</div></div></body></html>"
        )

    text, _ = extract_text(load_html(page("plain")), with_metadata=False)  # as extract_article reads
    assert "Account 13 (handle and followers, no posts on the timeline): @Office13" in text
    text, _ = extract_text(load_html(page("related-links")), with_metadata=False)
    assert "Over the last 3 years" in text and "Account 13" not in text


def test_a_storys_list_of_documents_is_kept_and_a_list_of_stories_is_not() -> None:
    """Precision mode deletes a list of links; a list whose every item links to a document (a
    PDF, a spreadsheet) among the story's paragraphs holds its sources."""
    documents = (
        "<h3>Documents</h3><ul class='documents-list'>"
        "<li><a href='https://example.com/letter.pdf'>The letter as sent to the companies (PDF)</a></li>"
        "<li><a href='/files/contracts.xlsx?v=2'>The contracts we reviewed (spreadsheet)</a></li></ul>"
    )
    stories = (
        "<h3>More on this story</h3><ul class='series'>"
        "<li><a href='/2026/01/detention-deaths'>Detention deaths hit a 20-year high</a></li>"
        "<li><a href='/files/letter.pdf'>The letter as sent to the companies (PDF)</a></li></ul>"
    )
    for extra, kept in ((documents, True), (stories, False)):
        html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + extra, 1)
        tree = load_html(f"<html><body><article><div class='body'>{html}</div></article></body></html>")
        text, _ = extract_text(tree)
        assert ("The letter as sent to the companies (PDF)" in text) is kept
        assert "20-year high" not in text
        assert ("The contracts we reviewed (spreadsheet)" in text) is kept


def test_a_share_bar_that_trafilaturas_class_tokens_miss_is_left_out() -> None:
    """A share bar classed by its place (``live-story-post__share``, ``article__share``) holds
    the buttons' words only; precision mode kept it."""
    bar = ("<div class='live-story-post__share'><ul><li>Link copied!</li><li>Share this post</li>"
           "</ul></div>")
    html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + bar, 2)
    tree = load_html(f"<html><body><article><div class='body'>{html}</div></article></body></html>")
    assert [kind for kind, _ in running_text_cuts(tree)].count("share") == 2
    text, _ = extract_text(tree)
    assert "Paragraph 5" in text and "Share this post" not in text and "Link copied" not in text
    # a box of the story whose class says "share" is kept
    kept = ("<div class='market-share'><p>The company's share of the federal market grew to a "
            "fifth last year, according to the records the workers compiled.</p></div>")
    tree = load_html(f"<html><body><article>{ARTICLE_PARAGRAPHS}{kept}</article></body></html>")
    assert "grew to a fifth last year" in extract_text(tree)[0]


def test_a_table_in_a_box_classed_as_an_embed_is_kept_and_an_embedded_player_is_not() -> None:
    """trafilatura deletes a class holding ``embed`` (a player, a post) in every mode; a box of
    that class holding a table of the story keeps the table in the precision pass."""
    table = ("<figure class='table-embed'><table><caption>Contracts since 2020</caption>"
             "<tr><th>Company</th><th>Value</th></tr>"
             "<tr><td>Northgate Analytics</td><td>$96 million</td></tr></table></figure>")
    player = ("<div class='video-embed'><iframe src='https://example.com/v'></iframe>"
              "<table><tr><td>Watch the rally</td><td>2:14</td></tr></table></div>")
    for box, kept in ((table, True), (player, False)):
        html = ARTICLE_PARAGRAPHS.replace("</p>", "</p>" + box, 1)
        tree = load_html(f"<html><body><article><div class='body'>{html}</div></article></body></html>")
        text, _ = extract_text(tree)
        assert ("Northgate Analytics" in text) is kept
        assert "Watch the rally" not in text and "Paragraph 5" in text


def test_a_newsletter_keeps_its_footnotes_without_their_back_links() -> None:
    def page(number: str) -> str:
        return (
            "<html><body><article><h1>What the lawyers read</h1><div class='body markup'>"
            "<p>Last week I asked three employment lawyers to read the letter the way a company's "
            "lawyer would, and all three said it was protected.<a class='footnote-anchor' "
            "id='footnote-anchor-1' href='#footnote-1'>1</a></p><p>That was the warning all three "
            "gave, in different words: the letter is safe, the screenshots that follow are not.</p>"
            f"<div class='footnote'>{number}<div class='footnote-content'><p>Section 7 of the Act covers "
            "concerted activities, which courts have read broadly since the 1970s.</p></div></div>"
            "</div></article></body></html>"
        )

    back = "<a id='footnote-1' href='#footnote-anchor-1' class='footnote-number'>1</a>"
    tree = load_html(page(back))
    assert [kind for kind, _ in running_text_cuts(tree)] == ["backlink"]
    text, _ = extract_text(tree)
    assert "Section 7 of the Act covers concerted activities" in text.split("\n\n")[-1]
    assert "protected.1" in text  # the mark in the text stays
    # the same footnote written without its back link was kept before: kept, unchanged
    assert extract_text(load_html(page("")))[0] == text
    # kramdown's back link in its footnotes list; a mark in the text (a footnote plugin's span
    # in a paragraph) is no back link
    kramdown = load_html(
        "<html><body><p>The letter is protected.<sup class='footnote'><a href='#fn:1'>1</a></sup></p>"
        "<div class='footnotes' role='doc-endnotes'><ol><li id='fn:1'><p>Section 7 covers it.&nbsp;"
        "<a href='#fnref:1' class='reversefootnote' role='doc-backlink'>&#8617;</a></p></li></ol></div>"
        "</body></html>"
    )
    cuts = [(kind, link.get("href")) for kind, link in running_text_cuts(kramdown)]
    assert cuts == [("backlink", "#fnref:1")]


def test_a_headings_permalink_sign_is_no_part_of_the_heading() -> None:
    page = (
        "<html><body><article><h1>Reading the letter as an SRE</h1><div class='post-content'>"
        "<p>I run infrastructure for a living, so when the letter asked companies to cancel their "
        "contracts, my first question was a boring one: what would cancelling actually mean?</p>"
        "<h2 id='what-happened'>What happened<a hidden class='anchor' aria-hidden='true' "
        "href='#what-happened'>{sign}</a></h2><p>Most of the work that touches a big tech company does "
        "so through a contractor, on a cloud account the contractor owns, for years at a time.</p>"
        "</div></article></body></html>"
    )
    for sign in ("#", "¶", "§"):
        text, _ = extract_text(load_html(page.format(sign=sign)))
        assert "What happened" in text.split("\n\n")
    # a heading's link with words stays a heading with its words
    text, _ = extract_text(load_html(page.format(sign=" in Seattle")))
    assert "What happened in Seattle" in text


def test_a_heading_of_other_content_ends_the_text_with_what_follows_it() -> None:
    story = "\n\n".join([
        "In 2019 I spent eight months on a team that built part of a data pipeline for a contractor.",
        "The systems that find people are boring. They are joins and queues and retries, the same code.",
        "If you are on a team like mine was, ask who the customer is. Then ask again.",
    ])
    for tail in (
        "Responses (14)\n\nWhat are your thoughts?\n\nMore from Rafael Ortega\n\nYour on-call rotation",
        "More from The Startup",
        "You may also like...",
        "12 comments",
        # the count in French, Spanish, Portuguese, Italian (tests/romweb)
        "12 commentaires\n\nEnfin un peu de courage dans la Silicon Valley.",
        "34 comentarios", "Comentários (3)", "5 commenti",
        # an author's bio box under its heading (tests/romweb: an El País-like daily's)
        "Sobre la firma\n\nÍñigo Saldaña es corresponsal en Washington.",
        "About the author\n\nJane Roe covers technology.", "Über den Autor",
    ):
        assert drop_other_content_tail(f"{story}\n\n{tail}") == story
    # a paywall's offer where the free part stops (tests/nordweb), and its bullets
    from newscrawl.extract.text import drop_paywall_offer

    for tail in ("Läs vidare med Kvällsbladet Plus – prova 1 månad för 1 kr.",
                 "This article is for subscribers only\n\n- Unlimited access"):
        assert drop_paywall_offer(f"{story}\n\n{tail}") == story
    # a subheading of the story's own that reads alike, or one with most of the text after it
    for kept in (
        f"{story}\n\nMore from the interview:\n\nShe said the letter came first.",
        f"Read next\n\n{story}",
        f"{story.split(chr(10))[0]}\n\nRelated stories\n\n{story}",
    ):
        assert drop_other_content_tail(kept) == kept


def test_a_cjk_papers_related_stories_heading_ends_the_text() -> None:
    story = "\n\n".join([
        "米IT大手の社員ら千人超は22日、米移民・関税執行局（ICE）との契約を打ち切るよう各社経営陣に求める公開書簡を公表した。",
        "書簡はデータ分析大手パランティアがICEに監視システムを提供していると批判した。",
        "署名者の多くは報復を恐れて部署名のみを記した。",
    ])
    for tail in ("【関連記事】\n\n米移民当局の拘束者数、過去最多に\n\n最終更新:1/23(金) 8:05", "관련기사",
                 "相关新闻\n\n美国多地爆发抗议", "延伸閱讀"):
        assert drop_other_content_tail(f"{story}\n\n{tail}") == story
    # a sentence that opens with the words is the story's
    kept = f"{story}\n\n関連記事によると、政府は対応を検討している。"
    assert drop_other_content_tail(kept) == kept


def test_the_lines_a_story_closes_with_that_are_no_part_of_it_go() -> None:
    from newscrawl.extract.text import drop_closing_lines

    story = "\n\n".join([
        "美国谷歌、微软、亚马逊等科技企业的一千多名员工22日发表联名公开信。",
        "据美국媒体报道，这封公开信在社交媒体上以“#ICEout”为标签广泛传播。".replace("국", "国"),
    ])
    for tail in ("（完）", "mjkim@yna.co.kr", "워싱턴/이서연 특파원 seoyeon@hani.co.kr",
                 "paul.roe@harbour.example\n\ntwitter.com/paulroe"):
        assert drop_closing_lines(f"{story}\n\n{tail}") == story
    assert drop_closing_lines(f"{story}（完）") == story  # run on after the last sentence
    # copyright lines stay (the article benchmark's truth keeps them), and so does a long line
    for kept in ("ⓒ한빛일보, 무단전재 및 재배포 금지", "You can reach the reporter, who covers labor and "
                 "immigration for the paper, at jroe@harbour.example"):
        assert drop_closing_lines(f"{story}\n\n{kept}") == f"{story}\n\n{kept}"
    assert drop_closing_lines("（完）") == "（完）"  # never the first line


def test_a_date_stamp_above_the_story_is_no_part_of_its_text() -> None:
    from newscrawl.extract.text import drop_leading_date

    story = "美國多間大型科技公司逾千名員工聯署公開信。\n\n不少簽署者只列出所屬部門。"
    for stamp in ("2026年1月22日星期四 下午10:45", "입력 2026.01.24 16:22", "2026年01月24日 07:42"):
        assert drop_leading_date(f"{stamp}\n\n{story}") == story
    # a sentence that opens with a year, a stamp without a year, or a text of one line stay
    for kept in (f"2026年，美國科技業出現新變化。\n\n{story}", f"1/23(金) 8:05配信\n\n{story}",
                 "2026.01.24 16:22"):
        assert drop_leading_date(kept) == kept


def test_a_published_stamp_of_its_own_under_the_byline_is_no_part_of_the_text() -> None:
    # a Lagos daily's WordPress story: "By Jane Roe", then the stamp, then the story (tests/afroweb)
    from newscrawl.extract.text import drop_leading_date

    story = "Diaspora groups urged the government to act.\n\nThe groups asked for a hotline."
    for stamp in ("Published on January 24, 2026 at 7:31 am WAT", "Publié le 24/01/2026 à 08h15",
                  "Publicado em 25/01/2026 às 00:30", "Updated: January 24, 2026"):
        assert drop_leading_date(f"{stamp}\n\n{story}") == story
        assert drop_leading_date(f"By Jane Roe\n\n{stamp}\n\n{story}") == f"By Jane Roe\n\n{story}"
    # a sentence about a publication, a stamp further down or alone stay
    for kept in (f"Published on January 24, 2026, the report says that the state will spend more on "
                 f"schools.\n\n{story}", f"{story}\n\nPublished on January 24, 2026",
                 "Published on January 24, 2026"):
        assert drop_leading_date(kept) == kept


def test_a_blogs_slogan_in_its_banner_is_no_standfirst() -> None:
    post = (
        "<div class='post-body entry-content'>This post was written by a data engineer in St. Paul "
        "who is in the US on a visa, and who almost did not sign the letter.<br><br>My visa is tied "
        "to my employer. If I lose my job, I have sixty days to find another one or leave.<br><br>"
        "If you can sign with your full name, please do it for those of us who cannot.</div>"
    )
    slogan = "Notes from a backend engineer in Minneapolis. Opinions mine, bugs also mine."

    def page(headline: str) -> str:
        return (
            f"<html><body><header><div class='header-inner'><h1 class='title'>{headline}</h1>"
            f"<p class='description'><span>{slogan}</span></p></div></header><div class='main'>"
            f"<h3 class='post-title entry-title'>Signing the letter on a visa</h3>{post}</div></body></html>"
        )

    # Blogger's banner: the blog's name linked to its front page, its slogan
    banner = load_html(page("<a href='https://lastbranch.example/'>Late Branch</a>"))
    assert "lead" not in [kind for kind, _ in running_text_cuts(banner)]
    assert slogan not in extract_text(banner)[0]
    # an article's own header (its headline not a link home) keeps its standfirst
    own = load_html(page("Signing the letter on a visa"))
    assert ("lead", "p") in [(kind, elem.tag) for kind, elem in running_text_cuts(own)]


def test_an_author_box_marked_as_the_author_leaves_the_post() -> None:
    bio = "Tom Ellery writes software for agricultural co-ops and keeps bees."
    page = (
        "<html><body><article><h1>Explaining the letter at the grange</h1><div class='entry-content'>"
        "<p>The farm co-op's board asked me last week to explain the letter at the monthly meeting, "
        "because I am the only member who writes software for a living.</p><p>Nobody voted on "
        "anything. But the board asked me to write to the vendor and ask what data it keeps.</p>"
        "<div class='saboxplugin-wrap' itemtype='http://schema.org/Person' itemscope itemprop='author'>"
        "<div class='saboxplugin-authorname'><a href='/author/tom/' class='vcard author' rel='author'>"
        "<span class='fn'>Tom Ellery</span></a></div><div class='saboxplugin-desc'>"
        f"<div itemprop='description'><p>{bio}</p></div></div></div></div></article></body></html>"
    )
    text, _ = extract_text(load_html(page))
    assert "ask what data it keeps." in text
    assert bio not in text
    # a byline marked as the author, with no paragraph in it, is no box
    byline = load_html(page.replace("<p>The farm", "<span itemprop='author'>Tom Ellery</span><p>The farm"))
    assert [kind for kind, _ in running_text_cuts(byline)].count("author box") == 1


def test_a_question_box_known_by_its_text_area_leaves_the_text() -> None:
    # a live page's box for readers' questions (tests/romweb): a line and a form with a textarea
    story = (
        "<p>Bonjour et bienvenue dans ce direct consacré à la mobilisation des salariés de la tech "
        "contre la police de l’immigration américaine, qui ne faiblit pas depuis lundi.</p>"
        "<p>Les syndicats ont annoncé de nouveaux rassemblements pour la fin de la semaine.</p>"
    )
    box = ("<section class='services services--live'><p>Vous pouvez nous poser vos questions en direct."
           "</p><form><textarea placeholder='Votre question'></textarea><button>Envoyer</button>"
           "</form></section>")
    tree = load_html(f"<html><body><main><h1>En direct</h1><div>{story}</div>{box}</main></body></html>")
    asks = [elem.get("class") for kind, elem in running_text_cuts(tree) if kind == "ask"]
    assert asks == ["services services--live"]
    text, _ = extract_text(tree)
    assert "nouveaux rassemblements" in text and "poser vos questions" not in text


def test_a_sign_up_box_known_by_its_email_field_leaves_the_text() -> None:
    story = (
        "<p>Good morning. This week the letter passed 2,000 verified signatures, and for the first "
        "time a company answered in public, on Wednesday afternoon.</p><p>Organizers called it small "
        "and welcome, and said the next deliveries would come at the end of the month.</p>"
    )
    box = (
        "<div class='rounded-lg border p-6'><h3 class='text-xl'>Join 12,000+ tech workers who read "
        "Signal Boost</h3><p class='text-sm'>Organizing news, once a week. No spam, unsubscribe "
        "anytime.</p><form class='mt-4 flex'><input type='email' placeholder='Enter your email'>"
        "<button type='submit'>Subscribe</button></form></div>"
    )
    tree = load_html(
        "<html><body><main><div class='mx-auto'><h1>The first answer</h1>"
        f"<div class='py-6'>{story}</div>{box}</div></main></body></html>"
    )
    asks = [elem.get("class") for kind, elem in running_text_cuts(tree) if kind == "ask"]
    assert asks == ["rounded-lg border p-6"]
    text, _ = extract_text(tree)
    assert "Organizers called it small and welcome" in text
    assert "Join 12,000+" not in text and "Organizing news, once a week" not in text
    # a field in a box beside the story's own paragraphs takes no paragraph with it
    inline = load_html(
        f"<html><body><article><h1>The first answer</h1><div>{story}<input type='email'></div>"
        "</article></body></html>"
    )
    assert [kind for kind, _ in running_text_cuts(inline)].count("ask") == 0


def test_a_chinese_or_japanese_paragraph_written_as_a_div_is_kept() -> None:
    """A div of inline content reads as a paragraph when it is a sentence: one ending with a
    full stop of Chinese or Japanese (。！？) too, its length counted as words of two characters
    (an encyclopedia's biography of divs, its citation marks in <sup>s, lost them before)."""
    paragraphs = "".join(
        f"<p>{year}年、彼女は新しいアルバムを発表し、各地でコンサートを開いた。評論家からも高い評価を受けた。"
        "ファンの数は年々増え続け、国内外の音楽祭にも招かれるようになった。翌年の活動にも期待が集まっている。"
        "関係者は「今後も新しい挑戦を続けたい」と話している。</p>"  # 130 characters: running text
        for year in range(2001, 2006)
    )
    note = ('<div class="para">2006年、台湾の<a href="/item/label">レコード会社</a>と契約し、'
            "新しい作品を発表した<sup>[20]</sup>。</div>")
    html = ("<html><body><article><div class='entry-content'>"
            f"{paragraphs.replace('</p>', '</p>' + note, 1)}</div></article></body></html>")
    text, _ = extract_text(load_html(html))
    assert "台湾の" in text and "レコード会社と契約し" in text


def test_a_zero_width_non_joiner_inside_a_persian_word_is_kept() -> None:
    """Persian writes a zero-width non-joiner inside words ("می‌کنند"): trafilatura drops it with
    the characters it does not print, and the word reads as no reader writes it ("میکنند"). It
    stays between two letters; an emoji's joiner and one beside a space go as before."""
    sentence = ("ده‌ها مهندس ایرانی‌تبار که در شرکت‌های بزرگ فناوری آمریکا کار می‌کنند، نامه "
                "سرگشاده‌ای را امضا کرده‌اند که خواستار لغو قراردادها با اداره مهاجرت است.")
    other = ("Our reporter at the rally 🏳️\u200d🌈 said the crowd grew all day; the \u200ciPhone 11\u200c "
             "was everywhere.")
    html = ("<html><body><article><div class='entry-content'>"
            + f"<p>{sentence}</p><p>{other}</p>" * 3 + "</div></article></body></html>")
    text, _ = extract_text(load_html(html))
    assert sentence in text
    assert "🏳️🌈" in text and " iPhone 11 was" in text


def test_a_captions_photo_credit_beside_its_picture_leaves_the_text() -> None:
    """A picture's caption written as a plain paragraph beside its <img> (no <figure>, no caption
    class), ending in its photo credit ("Fot. Jeff Chiu / AP", a Polish daily's lead photo), goes;
    a paragraph of the story that mentions a photo, and a caption without a credit, stay."""
    story = (
        "<p>List otwarty opublikowano na stronie ICEout.tech. Podpisali go pracownicy Google, Mety, "
        "Apple, Amazona i Microsoftu.</p><p>Wielu sygnatariuszy podpisało się tylko nazwą swojego "
        "działu, bo obawiają się zwolnienia.</p>"
    )

    def page(caption: str) -> str:
        return (
            "<html><body><article><h1>Pracownicy przeciw ICE</h1><div class='art-photo'><img src='a.jpg'>"
            f"<p class='art-photo-desc'>{caption}</p></div><div class='art_content'>{story}</div>"
            "</article></body></html>"
        )

    text, _ = extract_text(load_html(page("Protest przed siedzibą Google. Fot. Jeff Chiu / AP")))
    assert "Wielu sygnatariuszy podpisało się" in text and "Fot. Jeff Chiu" not in text
    for caption in ("Фото: Getty Images", "Φωτ.: ΑΠΕ-ΜΠΕ"):
        assert [k for k, _ in running_text_cuts(load_html(page(caption)))].count("ask") == 1
    uncredited = load_html(page("Protest przed siedzibą Google."))
    assert [k for k, _ in running_text_cuts(uncredited)].count("ask") == 0


@pytest.mark.parametrize(
    ("line", "authors", "credit", "dropped"),
    [
        ("By Jane Roe, Associated Press", ["Jane Roe"], ["Associated Press"], True),
        ("5:45 AM PST 11/19/2019 by Jane Roe", ["Jane Roe"], [], True),
        ("1. Februar 2022 , Jane Roe", ["Jane Roe"], [], True),
        ("Tuesday 15 October 2019 by Jane M. Roe", ["Jane M. Roe"], [], True),
        ("By Jane Roe, Staff Writer", ["Jane Roe"], [], True),
        # a sentence, a second writer no source named, a photo credit: the story's own
        ("Jane Roe said the letter was signed.", ["Jane Roe"], [], False),
        ("By Jane Roe and Sam Poe", ["Jane Roe"], [], False),
        ("von Jane Roe Foto: © GEPA", ["Jane Roe"], [], False),
        ("Workers marched on Monday, 5 May 2021, Jane Roe wrote", ["Jane Roe"], [], False),
        ("By Jane Roe", [], [], False),
    ],
)
def test_a_byline_read_in_as_the_first_paragraph_goes(
    line: str, authors: list[str], credit: list[str], dropped: bool
) -> None:
    story = "The story's first sentence, and more. " * 15  # 105 words
    text = f"{line}\n\n{story}"
    assert drop_leading_byline(text, authors, credit) == (story if dropped else text)
    assert drop_leading_byline(line, authors, credit) == line  # nothing after it: kept
    brief = f"{line}\n\n" + "The story's first sentence, and more. " * 5  # a brief keeps its byline
    assert drop_leading_byline(brief, authors, credit) == brief



def test_a_byline_read_in_after_the_summary_goes_and_the_summary_stays() -> None:
    """The standfirst, then "Por Lucía Bermúdez" on a line of its own, then the story (the demo
    web's Spanish outlet): the byline's line goes; a second paragraph that is a sentence stays."""
    summary = "Padres y comerciantes cambian su rutina ante los operativos."
    story = "La primera frase del artículo, y más. " * 15
    text = f"{summary}\n\nPor Lucía Bermúdez\n\n{story}"
    assert drop_leading_byline(text, ["Lucía Bermúdez"], []) == f"{summary}\n\n{story}"
    said = f"{summary}\n\nLucía Bermúdez dijo que la carta fue firmada.\n\n{story}"
    assert drop_leading_byline(said, ["Lucía Bermúdez"], []) == said


def test_an_editors_line_a_platforms_statement_and_a_wire_source_code_close_no_story() -> None:
    from newscrawl.extract.text import drop_closing_lines

    story = "美国科技行业一千多名员工近日联署公开信，要求公司终止与移民局的合同。这是一个完整的句子，足够长。"
    for closing in ("（編輯：李佳穎）1150123", "（责任编辑：张三）", "责任编辑：", "责编：王五",
                    "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“友易号”用户上传并发布，"
                    "本平台仅提供信息存储服务。"):
        assert drop_closing_lines(f"{story}\n\n{story}\n\n{closing}") == f"{story}\n\n{story}", closing
    # a sentence about an editor, and a line that only opens with the label, stay
    for line in ("编辑部表示，将继续调查此事。", "编辑：这是一段很长的句子，不是编辑的署名行。"):
        assert drop_closing_lines(f"{story}\n\n{line}").endswith(line)
    english = "The Department of Homeland Security said in a statement that the agency would continue."
    for closing in ("Source: Reuters/ac", "Source: AFP/Reuters/ec", "Sources: CNA/ja(ih)"):
        assert drop_closing_lines(f"{english}\n\n{english}\n\n{closing}") == f"{english}\n\n{english}"
    # a source line without the editor's code is the story's own (a product's, a study's)
    for line in ("Source: Amazon.co.jp", "Source: U.S. Census Bureau/ACS",
                 "Source: Occupy People from the Internet"):
        assert drop_closing_lines(f"{english}\n\n{line}").endswith(line)


def test_a_footer_marked_foot_is_no_part_of_the_story() -> None:
    """A state site's ``<div class="foot">`` (its copyright and 制作单位 lines), which
    trafilatura's boilerplate tests (``footer``) miss, is read in after a short story; it goes,
    and the wire's end mark before it with it."""
    from newscrawl.extract.text import FOOT_TOKEN_RE, extract_text, marked_boxes

    page = (Path(__file__).parent / "cjkweb" / "web" / "zhongxunwang" / "world" / "20260123"
            / "a3f9c2e1b7d84e55" / "c.html").read_text()
    text, _ = extract_text(load_html(page), with_metadata=False)
    assert text.endswith("这封公开信在社交媒体上以“#ICEout”为标签广泛传播。"), text[-80:]
    for marks in ("foot", "site-foot", "foot-links wrap", "page_foot"):
        assert FOOT_TOKEN_RE.search(marks), marks
    for marks in ("footnote", "foot-note", "football", "barefoot", "footer"):  # footer: trafilatura's
        assert not FOOT_TOKEN_RE.search(marks), marks
    # a story's own foot, a paragraph of running text in it, is no footer
    story = ("<p>The council voted on the budget after a long debate about the new library, its opening "
             "hours and the staff it will need next year, the mayor said.</p>")
    tree = load_html(f"<html><body><div class='story-foot'>{story}</div><div class='foot'><p>(c)</p></div>"
                     "</body></html>")
    assert [box.get("class") for kind, box in marked_boxes(tree) if kind == "foot"] == ["foot"]


def test_an_investment_disclaimer_and_editors_codes_close_no_story() -> None:
    from newscrawl.extract.text import drop_closing_lines

    story = "Die Palantir-Aktie gab im nachbörslichen Handel in New York um 2,1 Prozent nach, sagten Händler."
    for closing in ("/jha/he", "Hinweis: Diese Nachricht ist keine Anlageempfehlung. Für Ihre "
                    "Anlageentscheidung sind Sie selbst verantwortlich.",
                    "This article does not constitute investment advice."):
        assert drop_closing_lines(f"{story}\n\n{story}\n\n{closing}") == f"{story}\n\n{story}", closing
    disclaimer = "Hinweis: Diese Nachricht ist keine Anlageempfehlung."
    assert drop_closing_lines(f"{story}\n\n{story}\n\n/jha/he\n\n{disclaimer}") == f"{story}\n\n{story}"
    # an agency's sign-off with the codes names its agency: it stays
    assert drop_closing_lines(f"{story}\n\n(dpa/lk)").endswith("(dpa/lk)")


def test_a_paywalls_line_and_its_offer_end_the_text() -> None:
    from newscrawl.extract.text import drop_paywall_offer

    story = "The contract that lets a private company hold immigrants for ICE comes up for renewal."
    for line, offer in (
        ("This article is for subscribers only", "Subscribe for $1.\n\n- The e-edition"),
        ("Jetzt weiterlesen mit Zeitspiegel+", "Lesen Sie jetzt, wie es weitergeht.\n\n- Jederzeit kündbar"),
        ("Réservé aux abonnés", "Abonnez-vous pour lire la suite."),
        ("Il vous reste 62% de cet article à lire.", "La suite est réservée aux abonnés."),
    ):
        assert drop_paywall_offer(f"{story}\n\n{story}\n\n{line}\n\n{offer}") == f"{story}\n\n{story}", line
    # not when what follows is more of the story, nor when the line opens the text
    long_rest = f"{story}\n\nThis article is for subscribers only\n\n{story * 4}"
    assert drop_paywall_offer(long_rest) == long_rest
    first = f"This article is for subscribers only\n\n{story}"
    assert drop_paywall_offer(first) == first
    sentence = f"{story}\n\nThe paper says this article is for subscribers only, its editor said."
    assert drop_paywall_offer(sentence) == sentence


def test_a_podcasts_promotion_under_the_story_is_no_part_of_it() -> None:
    from newscrawl.extract.text import drop_podcast_promo

    story = "Podle organizátorů kampaně se k dopisu připojilo přes tisíc lidí."
    for promo in ("Podcast Zprávy Dnes\n\nPoslechněte si každé ráno nejdůležitější zprávy dne za 10 minut.",
                  "Listen to our daily news podcast, The Harbour Briefing, wherever you get podcasts."):
        assert drop_podcast_promo(f"{story}\n\n{story}\n\n{promo}") == f"{story}\n\n{story}", promo
    # a call to listen that names no podcast, or a podcast named in a sentence, stays
    for kept in (f"{story}\n\nListen to the full interview below.",
                 f"{story}\n\nHe started a podcast in 2020.\n\nListen to it every morning."):
        assert drop_podcast_promo(kept) == kept


def test_a_nonprofits_note_of_its_funders_closes_no_story() -> None:
    from newscrawl.extract.text import drop_closing_lines

    story = "Texas holds more people in immigration detention than any other state, officials said."
    note = ("Disclosure: Google, Meta and Microsoft have been financial supporters of The Lone Star "
            "Report, a nonprofit, nonpartisan news organization. Financial supporters play no role in "
            "our journalism.")
    assert drop_closing_lines(f"{story}\n\n{story}\n\n{note}") == f"{story}\n\n{story}"
    # a writer's own disclosure is part of the story
    own = "Disclosure: The writer owns shares of Meta and has worked as a contractor for Google."
    assert drop_closing_lines(f"{story}\n\n{own}").endswith(own)


def test_a_read_also_label_alone_and_a_players_box_are_no_part_of_the_story() -> None:
    from newscrawl.extract.text import PLAYER_TOKEN_RE, drop_link_leadins

    story = "Mais de 400 funcionários assinaram uma carta aberta pedindo o fim dos contratos."
    tree = load_html("<html><body><p>x</p></body></html>")
    for label in ("LEIA TAMBÉM:", "Read more:", "[Lire aussi :]"):
        assert drop_link_leadins(f"{story}\n\n{label}\n\n{story}", tree) == f"{story}\n\n{story}", label
    # without its colon a label may be a heading of the page's own; a text of the label alone stays
    assert drop_link_leadins(f"{story}\n\nLeggi anche\n\n{story}", tree).count("Leggi anche") == 1
    assert drop_link_leadins("Read more:", tree) == "Read more:"
    for cls in ("video-player", "jwplayer wrap", "audio-player"):
        assert PLAYER_TOKEN_RE.search(cls), cls
    assert not PLAYER_TOKEN_RE.search("players-list")


def test_a_press_releases_company_boilerplate_ends_its_text() -> None:
    from newscrawl.extract.text import drop_company_boilerplate

    story = "Northgate Systems today announced that it will not renew its contract with the agency."
    boiler = ("About Northgate Systems\n\nNorthgate Systems builds cloud infrastructure for 12,000 "
              "businesses. Founded in 2009, the company is based in Redmond.\n\nMedia contact\n\n"
              "press@northgate.example")
    assert drop_company_boilerplate(f"{story}\n\n{story}\n\n{boiler}") == f"{story}\n\n{story}"
    # a story's own section about something, and a heading followed by another name, stay
    for tail in ("About the study\n\nThe study followed 2,000 workers for ten years in three states.",
                 "About Northgate Systems\n\nAnalysts said the company had lost two contracts."):
        assert drop_company_boilerplate(f"{story}\n\n{tail}") == f"{story}\n\n{tail}"


def test_an_indonesian_byline_line_naming_the_site_leaves_the_text() -> None:
    from newscrawl.extract.text import drop_leading_byline

    story = " ".join(["Sejumlah pekerja teknologi asal Indonesia ikut menandatangani surat terbuka."] * 12)
    line = "Laporan wartawan HarianWarta.com, Dewi Lestari"
    assert drop_leading_byline(f"{line}\n\n{story}", ["Dewi Lestari"], ["HarianWarta.com"]) == story
    # the site's name unknown, the line stays
    assert drop_leading_byline(f"{line}\n\n{story}", ["Dewi Lestari"], []).startswith(line)
