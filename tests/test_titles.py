"""Title choice on small invented pages: which of the shown ``<h1>``, JSON-LD headline,
og:title and ``<title>`` wins, and what is cut from it (newscrawl.extract.fields)."""

from __future__ import annotations

import json

import pytest
from test_extract import PARAGRAPHS

from newscrawl.extract.article import extract_article
from newscrawl.extract.fields import clean_title

URL = "https://www.valleygazette.example/news/2026/01/harbour-bridge-reopens"

BODY = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3])


def page(h1s: list[str], title: str = "", head: str = "", jsonld: object | None = None) -> str:
    """A news page with the given ``<h1>`` elements (the first in the article)."""
    ld = f'<script type="application/ld+json">{json.dumps(jsonld)}</script>' if jsonld else ""
    first, *others = h1s or [""]
    article_h1 = f"<h1>{first}</h1>" if first else ""
    aside = "".join(f"<aside><h1>{h}</h1><p>More stories.</p></aside>" for h in others)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>{head}{ld}</head>
<body><header><a href="/">Home</a> <a href="/news">News</a></header>
<main><article>{article_h1}{BODY}</article>{aside}</main>
<footer><p>Contact us</p></footer></body></html>"""


def title_of(html: str) -> str | None:
    art = extract_article(html, URL)
    assert art is not None
    return art.title


def og(title: str) -> str:
    return f'<meta property="og:title" content="{title}">'


HEADLINE = "Harbour bridge reopens after eight months of repairs"


# --------------------------------------------------------------------------- h1 adds to the title


def test_a_section_label_in_the_h1_is_not_part_of_the_title() -> None:
    html = page([f"Local News | {HEADLINE}"], title=f"{HEADLINE} - Valley Gazette", head=og(HEADLINE))
    assert title_of(html) == HEADLINE


def test_a_kicker_run_into_the_h1_is_not_part_of_the_title() -> None:
    # two spans in one h1: "<span>Traffic</span><span>Harbour bridge ...</span>"
    html = page([f"<span>Traffic news</span>{HEADLINE}"], head=og(HEADLINE))
    assert title_of(html) == HEADLINE
    html = page([f"Finally!{HEADLINE}"], head=og(HEADLINE))
    assert title_of(html) == HEADLINE


def test_a_kicker_marked_inside_the_h1_is_not_part_of_the_title_though_the_markup_has_it() -> None:
    # a news site's heading: kicker span, a hidden ": ", the headline span; og:title and
    # <title> join them as "Kicker: Headline"
    h1 = ('<span class="article-heading__kicker">Harbour</span><span class="visually-hidden">: </span>'
          f'<span class="article-heading__title">{HEADLINE}</span>')
    html = page([h1], title=f"Harbour: {HEADLINE} | Valley Gazette", head=og(f"Harbour: {HEADLINE}"))
    assert title_of(html) == HEADLINE
    # without the kicker's mark the h1 is the headline as it stands
    html = page([h1.replace("article-heading__kicker", "article-heading__first")],
                title=f"Harbour: {HEADLINE} | Valley Gazette", head=og(f"Harbour: {HEADLINE}"))
    assert title_of(html) == f"Harbour: {HEADLINE}"


def test_the_one_headline_h1_wins_over_an_seo_title_sharing_one_word_with_it() -> None:
    seo = "Valley Gazette bridge repair costs: what drivers need to know in 2026"
    shown = "‘Finally’: Commuters cheer as the bridge is open again"
    html = page([shown], title=f"{seo} | Valley Gazette", head=og(seo),
                jsonld={"@type": "NewsArticle", "headline": seo})
    assert title_of(html) == shown
    # two such h1s, each sharing one word: neither is known to be the headline
    html = page([shown, "Why the bridge closed for eight long months"], title=seo, head=og(seo))
    assert title_of(html) == "Valley Gazette bridge repair costs: what drivers need to know in 2026"


def test_a_display_headline_over_its_dek_wins_over_an_seo_title_in_other_words() -> None:
    # a magazine: a short display headline sharing no word with the SEO headline of the
    # JSON-LD, og:title and <title>, and under it the dek, which is the page's description
    seo = "Inside the harbour bridge repairs: costs, delays and what drivers need to know"
    dek = "Eight months, two contractors and one very stubborn hinge: the story of a repair."
    head = og(seo) + f'<meta name="description" content="{dek}">'
    shown = "The Long Wait"
    html = page([shown], title=f"{seo} | Valley Gazette", head=head,
                jsonld={"@type": "NewsArticle", "headline": seo})
    dekked = html.replace(f"<h1>{shown}</h1>", f'<h1>{shown}</h1><div class="dek">{dek}</div>')
    assert title_of(dekked) == shown
    # the h1 in a wrapper, the dek after the wrapper
    wrapped = html.replace(f"<h1>{shown}</h1>", f'<div class="hed"><h1>{shown}</h1></div><h2>{dek}</h2>')
    assert title_of(wrapped) == shown
    # without the dek under it, the h1 is not known to be the headline
    assert title_of(html) == seo
    # nor is an h1 of one word over it
    one = dekked.replace(f"<h1>{shown}</h1>", "<h1>Transport</h1>")
    assert title_of(one) == seo


def test_a_features_display_h1_over_the_byline_wins_over_the_seo_h1_below_it() -> None:
    # a Clay feature: the display headline in the lede's h1, the byline under it, the SEO
    # headline (og:title, itemprop=headline) in a second h1 in the article below
    seo = "How the harbour bridge was rebuilt in eight months"
    html = f"""<html><head><title>{seo}</title>{og(seo)}</head><body>
<section class="lede-feature"><h1 class="lede-feature-title">The Long Wait</h1>
<p class="lede-feature-teaser">Eight months, two contractors and one stubborn hinge.</p>
<span class="lede-feature-authors">By <span itemprop="author" class="author-name">Jane Roe</span></span>
</section>
<article><h1 class="headline-primary" itemprop="headline">{seo}</h1>{BODY}</article></body></html>"""
    assert title_of(html) == "The Long Wait"
    # without a byline between them, the h1 the markup names wins
    bare = html.replace('<span class="lede-feature-authors">By <span itemprop="author" class="author-name">'
                        "Jane Roe</span></span>\n", "")
    assert title_of(bare) == seo
    # a first h1 that links to another story is no display headline
    linked = html.replace(">The Long Wait<", '><a href="/news/other-story">The Long Wait</a><')
    assert title_of(linked) == seo


def test_a_badge_inside_the_h1_is_not_part_of_the_title() -> None:
    # a live page: a "LIVE" pill before the headline in the h1; the SEO title is rewritten
    seo = "LIVE UPDATES: Harbour bridge reopening draws crowds of commuters"
    html = page([f'<span class="live-badge">LIVE</span> {HEADLINE}'], title=seo, head=og(seo))
    assert title_of(html) == HEADLINE


def test_a_short_title_the_page_does_not_show_loses_to_its_one_shown_headline() -> None:
    # a hand-written site: the same og:title and <title> on every page, the logo an image in
    # the <h1>, the headline in an <h2 class="headline">, more <h2>s in the sidebar
    html = f"""<html><head><title>Valley Gazette - News</title>
<meta property="og:title" content="Valley Gazette"></head><body>
<div id="header"><h1 class="logo"><a href="/"><img src="/logo.gif" alt="Valley Gazette"></a></h1></div>
<div id="content"><h2 class="headline">{HEADLINE}</h2>{BODY}</div>
<div id="sidebar"><h2>Most Read</h2><p>Stories.</p><h2>Weather</h2><p>Sunny.</p></div>
<div id="footer"><p>Copyright &copy; 2026 Valley Gazette. All rights reserved.</p></div></body></html>"""
    assert title_of(html) == HEADLINE
    # a <br> in the shown headline reads as a space
    broken = html.replace("reopens after", "reopens<br>after")
    assert title_of(broken) == HEADLINE
    # with two headlines shown, neither is known to be the page's
    two = html.replace("<h2>Weather</h2>", '<h2 class="headline">Council votes to widen the ring road</h2>')
    assert title_of(two) == "News"


def test_the_kicker_keeps_the_h1_spelling_and_opening_quote() -> None:
    shown = "\u2018We are back\u2019: harbour bridge reopens after repairs"
    html = page([f"Traffic {shown}"], head=og("'We are back': harbour bridge reopens after repairs"))
    assert title_of(html) == shown


def test_a_date_line_after_the_h1_is_not_part_of_the_title() -> None:
    html = page([f"{HEADLINE} : Date: 26.01.2026 Release 6/2026"], head=og(HEADLINE))
    assert title_of(html) == HEADLINE


def test_words_the_page_title_also_has_stay_in_the_headline() -> None:
    # "– Appeal" was cut from <title> (a menu word), but the h1 and <title> both show it
    shown = f"{HEADLINE} – Appeal"
    html = page([shown], title=f"{shown} – Valley Gazette").replace(
        '<a href="/news">News</a>', '<a href="/news">News</a> <a href="/appeal">Appeal</a>'
    )
    assert title_of(html) == shown


def test_a_long_lead_in_is_not_taken_for_a_kicker() -> None:
    shown = f"After a long and costly winter of works on the deck {HEADLINE.lower()}"
    assert title_of(page([shown], head=og(HEADLINE))) == shown


# --------------------------------------------------------------------------- several h1s


def test_the_headline_among_several_h1s_beats_a_rewritten_social_title() -> None:
    html = page(
        [HEADLINE, "Valley Gazette", "Most read stories this week"],
        head=og("Harbour bridge open to drivers again"),
    )
    assert title_of(html) == HEADLINE


def test_two_h1s_equally_close_to_the_title_leave_the_markup_title() -> None:
    social = "Harbour bridge: what drivers need to know"
    html = page(
        ["Harbour bridge reopens to drivers this week", "Harbour bridge works cost drivers dearly"],
        head=og(social),
    )
    assert title_of(html) == social


# --------------------------------------------------------------------------- headlines outside h1


def test_a_marked_headline_equal_to_og_title_beats_an_alternative_h1() -> None:
    html = page(
        ["Bridge works done"], title="Bridge works done | Valley Gazette", head=og(HEADLINE)
    ).replace("<main><article>", f'<main><article><h2 class="post-title headline">{HEADLINE}</h2>')
    assert title_of(html) == HEADLINE


def test_the_article_heading_is_the_headline_when_every_h1_is_the_outlet() -> None:
    shown = "Harbour bridge reopens and drivers return to the quay"
    html = page(
        ["Valley Gazette", "Valley Gazette"], head=og("Bridge repairs finished: a harbour story")
    ).replace("<main><article>", f"<main><article><header><h2>{shown}</h2></header>")
    assert title_of(html) == shown


def test_an_article_heading_read_without_spaces_keeps_the_markup_spelling() -> None:
    html = page(["Valley Gazette"], title=f"Bridge news - {HEADLINE} | Valley Gazette").replace(
        "<main><article>", f"<main><article><h2><span>Bridge news</span>{HEADLINE}</h2>"
    )
    assert title_of(html) == f"Bridge news - {HEADLINE}"


def test_a_subheading_in_the_text_equal_to_og_title_does_not_beat_the_h1() -> None:
    sub = "Harbour bridge: what happens next?"
    html = page([HEADLINE], head=og(sub)).replace(
        "</article>", f"<h2>{sub}</h2><p>Work on the approach roads.</p></article>"
    )
    assert title_of(html) == HEADLINE


# --------------------------------------------------------------------------- cleaning


def test_a_headline_with_an_ellipsis_gives_way_to_the_full_title() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": f"{HEADLINE[:30]}..."}
    html = page([], title=f"{HEADLINE} | Valley Gazette", jsonld=ld)
    assert title_of(html) == HEADLINE


def test_a_headline_that_ends_in_an_ellipsis_is_kept_when_nothing_completes_it() -> None:
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Who pays now…"}
    assert title_of(page([], title="Bridge news", jsonld=ld)) == "Who pays now…"


def test_double_escaped_entities_are_decoded() -> None:
    assert clean_title("Rock &amp;amp; roll &amp;#8217;s back", []) == "Rock & roll \u2019s back"
    assert clean_title("Fish &amp; chips", []) == "Fish & chips"


def test_an_h1_whose_spans_run_words_together_gives_the_markup_spelling() -> None:
    html = page(["<span>Harbour bridge</span><span>reopens after eight months of repairs</span>"],
                head=og(HEADLINE))
    assert title_of(html) == HEADLINE


def test_a_dangling_separator_is_dropped() -> None:
    assert clean_title("Harbour bridge reopens -", []) == "Harbour bridge reopens"
    assert clean_title("| Harbour bridge reopens", []) == "Harbour bridge reopens"
    assert clean_title("Rates rise - what it means", []) == "Rates rise - what it means"


def test_more_separators_before_the_outlets_name() -> None:
    for sep in ("›", "¦", "│", "❘", "⋆"):
        assert clean_title(f"{HEADLINE} {sep} Valley Gazette", ["Valley Gazette"]) == HEADLINE


def test_the_outlets_host_name_after_the_headline_is_cut() -> None:
    assert clean_title(f"{HEADLINE} - valleygazette.example", [], "valleygazette") == HEADLINE
    assert clean_title(f"{HEADLINE} | www.ValleyGazette.co.uk", [], "valleygazette") == HEADLINE
    assert clean_title(f"{HEADLINE} - other.example", [], "valleygazette") == f"{HEADLINE} - other.example"


@pytest.mark.parametrize("title", [
    f"{HEADLINE} | News | Valley Gazette",  # a section label beside the outlet's name
    f"Valley Gazette » News » {HEADLINE}",
    f"{HEADLINE} | Valley Gazette | Your local news",  # the outlet inside, a slogan after it
    f"{HEADLINE} - Valley Gazette - Local News, Sports, Weather",
    f"Valley Gazette: {HEADLINE}",
    f"{HEADLINE} (Valley Gazette)",
])
def test_the_outlets_name_and_what_comes_with_it_are_cut(title: str) -> None:
    assert clean_title(title, ["Valley Gazette"], "valleygazette") == HEADLINE


@pytest.mark.parametrize("title", [
    "Rates rise - what it means",  # three words: no section label
    "Interview - Jane Roe",  # the rest is too short for a headline
    "Rates rise | Opinion",
])
def test_a_headlines_own_segments_stay(title: str) -> None:
    assert clean_title(f"{title} | Valley Gazette", ["Valley Gazette"], "valleygazette") == title


def test_a_blog_archive_title_keeps_the_post_title() -> None:
    # WordPress's old default: "Blog name » Blog Archive » Post title", in other languages too
    assert clean_title(f"Harbour Notes » Blog Archive » {HEADLINE}", []) == HEADLINE
    assert clean_title(f"Harbour Notes » Blog Archiv » {HEADLINE}", []) == HEADLINE
    assert clean_title(f"Notes du port » Archives du blog » {HEADLINE}", []) == HEADLINE
    # a shown logo h1 does not stand in for it
    assert title_of(page(["Harbour Notes"], title=f"Harbour Notes » Blog Archive » {HEADLINE}")) == HEADLINE


def test_a_date_line_run_on_after_the_h1_without_a_separator_is_not_part_of_the_title() -> None:
    html = page([f"{HEADLINE} 02.02.2026 • Harbour desk, Press"], head=og(HEADLINE))
    assert title_of(html) == HEADLINE
    # a number that is part of the headline stays
    title = "Harbour bridge reopens for 2026 season"
    assert title_of(page([title], head=og(title))) == title


def test_a_title_that_only_names_the_outlet_gives_way_to_the_h1() -> None:
    site = '<meta property="og:site_name" content="Valley Gazette">'
    assert title_of(page([HEADLINE], title="Valley Gazette")) == HEADLINE
    assert title_of(page([HEADLINE], title="Valley Gazette", head=site)) == HEADLINE
    # the outlet's name with its slogan, as its og:site_name reads
    slogan = '<meta property="og:site_name" content="Valley Gazette - Local news">'
    assert title_of(page([HEADLINE], title="Valley Gazette - Local news", head=slogan)) == HEADLINE
    # a headline about the outlet stays
    about = "Valley Gazette wins regional award"
    assert title_of(page([about], title=f"{about} | Valley Gazette", head=site)) == about
    # the page's one headline among its h1s (the other one its logo)
    assert title_of(page([HEADLINE, "Valley Gazette"], title="Valley Gazette", head=site)) == HEADLINE


def test_the_outlets_name_with_a_desk_or_edition_is_no_part_of_the_title() -> None:
    assert clean_title(f"{HEADLINE} - VALLEY GAZETTE ONLINE", ["Valley Gazette"]) == HEADLINE
    assert clean_title(f"{HEADLINE} | Valley Gazette Sports", [], "valleygazette") == HEADLINE
    # not when what is left is shorter than the outlet's part (a section page's title)
    assert clean_title("blog | Valley Gazette Now!", [], "valleygazette") == "blog | Valley Gazette Now!"


def test_the_outlets_name_without_its_article_is_the_outlet() -> None:
    assert clean_title(f"{HEADLINE} - GAZETTE", ["DIE GAZETTE"]) == HEADLINE
    assert clean_title(f"{HEADLINE} | Gazette", ["Le Gazette"]) == HEADLINE


def test_bars_that_look_like_a_bar_part_a_site_name() -> None:
    # the Latin letter "ǀ" and the CJK stroke "丨" written as separators
    assert clean_title(f"{HEADLINE} ǀ Valley Gazette", ["Valley Gazette"]) == HEADLINE
    assert clean_title("海港大桥重新开放丨山谷日报", ["山谷日报"]) == "海港大桥重新开放"


def test_an_outlet_with_a_short_name_under_a_country_domain_is_cut_from_the_title() -> None:
    # "www.vgz.ch": the registered name is "vgz", not "www" (as "co" of "www.vgz.co.uk" would be)
    html = page([], title=f"{HEADLINE} | VGZ")
    art = extract_article(html, "https://www.vgz.ch/news/harbour-bridge-reopens")
    assert art is not None and art.title == HEADLINE
    art = extract_article(html.replace("| VGZ", "- VGZ"), "https://www.vgz.co.uk/news/bridge")
    assert art is not None and art.title == HEADLINE


SUBTITLE = "The crossing was closed in May after inspectors found cracks in two of its piers"


def test_a_subtitle_in_the_h1_is_not_part_of_the_title() -> None:
    html = page([f"{HEADLINE}<br><span>{SUBTITLE}</span>"], head=og(HEADLINE))
    assert title_of(html) == HEADLINE


def test_a_line_break_in_the_h1_parts_its_words() -> None:
    html = page(
        ["Harbour bridge reopens<br>after eight months of repairs"],
        head=og("Harbour bridge open again"),
    )
    assert title_of(html) == HEADLINE


def test_an_h1_written_in_capitals_gives_the_title_its_case() -> None:
    html = page([HEADLINE.upper()], title=f"{HEADLINE} - Valley Gazette", head=og(HEADLINE))
    assert title_of(html) == HEADLINE


def test_trafilaturas_site_name_that_is_most_of_the_title_is_not_the_outlets() -> None:
    # trafilatura reads "Weekly report 14. - 20. January 2026" as the site's name here
    html = page([], title="Weekly report 14. - 20. January 2026 - VGZ")
    art = extract_article(html, "https://www.vgz.ch/reports/weekly-14-20-january")
    assert art is not None and art.title == "Weekly report 14. - 20. January 2026"


def test_soft_hyphens_and_zero_width_spaces_leave_the_title() -> None:
    shown = "Harbour bridge re&shy;opens after eight months of re\u00adpairs\u200b"
    assert title_of(page([shown], head=og(HEADLINE))) == HEADLINE


@pytest.mark.parametrize(
    "shown", [f"{HEADLINE} | COMMENTARY", f"{HEADLINE} - GUEST COMMENTARY", f"{HEADLINE} – PHOTOS"]
)
def test_a_story_type_label_in_capitals_after_the_headline_is_not_part_of_the_title(shown: str) -> None:
    # the label is in the h1 and in every markup title alike
    html = page([shown], title=f"{shown} - Valley Gazette", head=og(shown))
    assert title_of(html) == HEADLINE


@pytest.mark.parametrize(
    "shown",
    [
        f"LIVE: {HEADLINE}",  # a label before the headline is read as its own words
        f"{HEADLINE} | NASA",  # an acronym, not a label
        f"{HEADLINE} | Commentary",  # not in capitals
        "HARBOUR BRIDGE REOPENS TODAY | VIDEO",  # the whole title in capitals
        "Bridge reopens | VIDEO",  # too little left
    ],
)
def test_a_capitals_word_that_is_no_label_after_the_headline_stays(shown: str) -> None:
    html = page([shown], title=f"{shown} - Valley Gazette", head=og(shown))
    assert title_of(html) == shown


@pytest.mark.parametrize(
    "shown", [f"23.01.2026 - {HEADLINE}", f"2026-01-23: {HEADLINE}", f"{HEADLINE} | 23.01.2026"]
)
def test_a_date_before_or_after_the_headline_is_not_part_of_the_title(shown: str) -> None:
    # a press release's h1, and every markup title alike
    html = page([shown], title=f"{shown} - Valley Gazette", head=og(shown))
    assert title_of(html) == HEADLINE


@pytest.mark.parametrize("shown", ["Weekly report 14. - 20. January 2026", "23.01.2026 - Bridge reopens"])
def test_a_date_that_is_most_of_the_title_stays(shown: str) -> None:
    html = page([shown], title=f"{shown} - Valley Gazette", head=og(shown))
    assert title_of(html) == shown


def feed(title: str) -> str:
    return f'<link rel="alternate" type="application/rss+xml" title="{title}" href="/feed/">'


@pytest.mark.parametrize("feeds", [["Valley Notes » Feed"], [f"Valley Notes » {HEADLINE} Comments Feed"]])
def test_the_site_name_a_wordpress_feed_title_gives_is_cut_from_the_title(feeds: list[str]) -> None:
    # no markup names the site and no header or logo shows the name: only the feed's title
    html = page([], title=f"{HEADLINE} | Valley Notes", head="".join(feed(f) for f in feeds))
    art = extract_article(html, "https://notes.example/2026/01/bridge/")
    assert art is not None and art.title == HEADLINE
    # a feed title of another form names no site
    html = page([], title=f"{HEADLINE} | Valley Notes", head=feed(f"{HEADLINE} - Valley Notes"))
    art = extract_article(html, "https://notes.example/2026/01/bridge/")
    assert art is not None and art.title == f"{HEADLINE} | Valley Notes"


def test_an_h1_that_links_to_the_front_page_is_the_sites_name() -> None:
    # a blog theme's site title: <h1><a href="/">Site - Slogan</a></h1>, on every page
    html = page([], title="Bridge reopens - Valley Notes - Local news").replace(
        "<header>", '<header><h1><a href="/">Valley Notes - Local news</a></h1>'
    )
    art = extract_article(html, "https://notes.example/2026/01/bridge/")
    assert art is not None and art.title == "Bridge reopens"


def test_a_four_word_h1_telling_the_story_of_the_title_is_the_headline() -> None:
    # the <title> is an SEO rewrite; the page shows a short headline sharing its words
    seo = "Harbour bridge: when does it finally reopen and what changes?"
    html = page(["Harbour bridge reopens Monday"], title=f"{seo} | Valley Gazette")
    assert title_of(html) == "Harbour bridge reopens Monday"
    # one shared word is not enough for four words (a section's name: "Harbour news and weather")
    html = page(["Harbour news and weather"], title=f"{seo} | Valley Gazette")
    assert title_of(html) == seo


def test_a_kicker_shown_as_a_block_over_the_headline_is_not_part_of_the_title() -> None:
    # a news magazine's Dachzeile: two spans run together in the heading (the CSS makes them
    # blocks), the markup's titles "Kicker: Headline"; a paywall badge (an svg) may come first
    h1 = f'<span class="text-primary">Harbour</span><span class="align-middle">{HEADLINE}</span>'
    html = page([h1], title=f"Harbour: {HEADLINE} - Valley Gazette", head=og(f"Harbour: {HEADLINE}"))
    assert title_of(html) == HEADLINE
    badge = '<span class="mr-4"><svg role="img"><title>Gazette+</title></svg></span>'
    html = page([badge + h1], head=og(f"Harbour: {HEADLINE}"),
                jsonld={"@type": "NewsArticle", "headline": f"Harbour: {HEADLINE}"})
    assert title_of(html) == HEADLINE
    # a kicker marked by its class after such a badge, a hidden ": " between the two
    marked = ('<svg class="plus-logo"><title>Plus (for subscribers)</title></svg>'
              '<span class="article-heading__kicker">Harbour</span><span class="visually-hidden">: </span>'
              f'<span class="article-heading__title">{HEADLINE}</span>')
    html = page([marked], head=og(f"Harbour: {HEADLINE}"))
    assert title_of(html) == HEADLINE


def test_spans_of_one_sentence_or_a_spaced_kicker_stay_in_the_title() -> None:
    # the title joins the two parts with a space: one sentence in two spans
    html = page(["<span>Harbour bridge</span><span>reopens after eight months of repairs</span>"],
                head=og(HEADLINE))
    assert title_of(html) == HEADLINE
    # not marked and not run together: "Harbour: Headline" is read as one line
    h1 = f'<span class="first">Harbour</span><span>: </span><span>{HEADLINE}</span>'
    html = page([h1], head=og(f"Harbour: {HEADLINE}"))
    assert title_of(html) == f"Harbour: {HEADLINE}"


# --------------------------------------------------------------------------- Chinese and Japanese titles

ZH_HEADLINE = "海外留学生看两会：出国前后关注点大不同"


@pytest.mark.parametrize("title", [
    f"{ZH_HEADLINE}_中国青年网",  # Chinese sites part a title with underscores
    f"{ZH_HEADLINE}_教育频道_中国青年网",  # the section (no capitals to tell it by) goes too
    f"{ZH_HEADLINE} _教育频道 _中国青年网",
])
def test_a_chinese_sites_underscored_parts_are_cut(title: str) -> None:
    assert clean_title(title, ["中国青年网"], "youth") == ZH_HEADLINE


def test_an_underscore_between_latin_letters_parts_nothing() -> None:
    title = "Using __init__ and snake_case names"
    assert clean_title(f"{title} | Valley Gazette", ["Valley Gazette"], "valleygazette") == title


def test_a_section_label_goes_after_a_headline_with_a_colon_in_it() -> None:
    """The colon that keeps a label is the label's own separator, not one inside the headline."""
    title = f"Affaire du pont : {HEADLINE} | News | Valley Gazette"  # a French colon, spaced
    assert clean_title(title, ["Valley Gazette"], "valleygazette") == f"Affaire du pont : {HEADLINE}"


def test_the_h1_that_is_a_run_of_the_titles_segments_is_the_headline() -> None:
    """A kicker and the headline shown in the h1 ("视频丨Headline"), the site's keywords after
    them in og:title and <title> ("_中国共产党_哀悼_前往"): the h1 is two segments of the title."""
    h1 = "视频丨李克强同志遗体在京火化 习近平等到八宝山革命公墓送别"
    title = f"{h1}_中国共产党_哀悼_前往"
    assert title_of(page([h1], title=title, head=og(title))) == h1


@pytest.mark.parametrize("title", [
    f"{ZH_HEADLINE}-中国青年网",  # "Headline-Site": a hyphen without spaces beside a character
    f"{ZH_HEADLINE}--教育--中国青年网",  # "Headline--Section--Site"
])
def test_a_chinese_sites_hyphenated_parts_are_cut(title: str) -> None:
    assert clean_title(title, ["中国青年网"], "youth") == ZH_HEADLINE


def test_a_hyphen_between_latin_letters_or_digits_parts_nothing() -> None:
    for title in ("COVID-19 cases rise again in the city", "新冠COVID-19疫情防控"):
        assert clean_title(f"{title} | 中国青年网", ["中国青年网"], "youth") == title


def test_a_chinese_columns_kicker_before_the_headline_is_kept() -> None:
    """Only a label at the end goes beside the cut site name: one at the start is a column's
    kicker that the page shows in its h1 ("国际观察｜Headline")."""
    title = f"国际观察｜{ZH_HEADLINE}"
    assert clean_title(f"{title}-中国青年网", ["中国青年网"], "youth") == title
