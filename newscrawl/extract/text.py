"""Main text: trafilatura's article body, its recall fallback, link-list detection.

:func:`extract_text` asks trafilatura for the main text with precision settings, without its
readability/justext comparison (``fast``) unless that text is short or has no paragraphs to
speak of (decided within the same reading: extract/onepass.py), for a second opinion with
recall settings when the text is still short, and with balanced settings on a live blog or a
slideshow (see docs/extraction.md).
Precision mode's block rules also cut inside running text; :func:`running_text_cuts` finds
the places, :func:`split_bodies` finds an article body split over containers, and the
precision pass reads a copy of the page where the cuts are undone and the body is one.
Paragraphs that only point to another story ("Related: Headline") are dropped from the text.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from copy import deepcopy
from typing import Any
from urllib.parse import urlsplit

import justext.core
import trafilatura
import trafilatura.external
from justext.core import define_stoplist
from justext.utils import get_stoplist, get_stoplists
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.settings import CUT_EMPTY_ELEMS
from trafilatura.xml import xmltotxt

from newscrawl.extract import cachefile, fastxpaths, joiners, onepass
from newscrawl.extract.fields import KICKER_MAX_WORDS, RELEASE_LAST_LINES, RELEASE_SOURCE_RE, compact
from newscrawl.words import length_in_words

__all__ = [
    "caption_chars",
    "doc_field",
    "drop_ad_labels",
    "drop_closing_lines",
    "drop_leading_republication",
    "drop_leading_date",
    "drop_leading_title",
    "drop_link_leadins",
    "extract_text",
    "extract_texts",
    "is_link_list",
    "is_live_blog",
    "needs_comparison",
    "running_text_cuts",
    "split_bodies",
    "undo_running_text_cuts",
]

LOGGER = logging.getLogger(__name__)
joiners.install()  # a joiner inside a word stays in trafilatura's text (Persian: می‌کنند)

# Text extraction settings, chosen by measurement (see docs/extraction.md).
TRAFILATURA_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "favor_recall": False,
}
# A second opinion from favor_recall is asked only when the precision text is short: under
# this many characters (empty included). It replaces the first text when that is shorter
# than RECALL_FALLBACK_RATIO of the recall text. Chosen by measurement (docs/extraction.md).
RECALL_FALLBACK_MAX_CHARS = 1000
RECALL_FALLBACK_RATIO = 0.5
# Two kinds of page whose story precision mode deletes, and on which trafilatura's balanced
# settings (with its readability/justext comparison) are asked too, their text used when the
# precision text is shorter than RECALL_FALLBACK_RATIO of it:
# - a live blog (schema.org's LiveBlogPosting, in microdata or JSON-LD): its updates are short
#   timestamped posts, each with its own share links, which the link-density rules delete;
# - a slideshow: a short text (under RECALL_FALLBACK_MAX_CHARS) beside captions (<figcaption>)
#   that hold more text than it: the story is told in the slides' captions.
LIVE_BLOG_TYPE = "LiveBlogPosting"
LIVE_BLOG_MARKS = etree.XPath(
    f"boolean(//*[@itemtype][contains(@itemtype, '{LIVE_BLOG_TYPE}')]"
    f" | //script[contains(@type, 'ld+json')][contains(., '{LIVE_BLOG_TYPE}')])"
)
# trafilatura's comparison with readability and justext (a third of its cost) only replaces
# its own text when that is empty, short, without paragraph text or mostly tables, or when
# readability's is over twice as long. The text is first read without it (``fast``), and read
# again with it when that text is under this many characters or is not made of paragraphs.
# Measured on 466 corpus pages (docs/extraction.md, "Speed").
COMPARE_BELOW_CHARS = 1000
# A page whose text lines are mostly the page's own link texts is a link list, not an article.
LINK_LIST_SHARE = 0.8
ANCHOR_TEXTS = etree.XPath("//a//text()", smart_strings=False)


class AllStoplists:
    """justext's stop words of every language, for trafilatura's justext fallback, held once.

    trafilatura keeps them as a tuple (``trafilatura.external.JT_STOPLIST``: 154,000 words,
    about 12 MB) and hands it to justext, which lowercases it into a frozenset (another 16 MB,
    cached under the tuple, so both stay) and hashes the whole tuple again for that cache on
    every page that reaches justext. This stands in for the tuple: it yields the same words, but
    holds nothing itself and hashes by identity; justext is handed :class:`StopWords` for it
    (:func:`_stop_words`) instead of the frozenset. About 28 MB less in each extraction worker;
    the text does not change (docs/benchmarks.md, "Memory").
    """

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        for language in sorted(get_stoplists()):
            yield from get_stoplist(language)

    def __bool__(self) -> bool:  # trafilatura: ``JT_STOPLIST or jt_stoplist_init()``
        return True


trafilatura.external.JT_STOPLIST = AllStoplists()
fastxpaths.install()  # trafilatura's regular-expression tests of attributes, guarded

# StopWords' buckets (a power of two): about 19 words each.
STOP_WORD_BUCKETS = 8192
_SEPARATOR = "\0"


def _bucket(word: str) -> int:
    """The word's bucket: by a hash that is the same in every process (``hash`` is not), so
    the buckets can be kept on disk (:func:`all_stop_words`)."""
    return zlib.crc32(word.encode("utf-8", "surrogatepass")) & (STOP_WORD_BUCKETS - 1)


class StopWords:
    """A set of words that only answers ``word in stop_words``, exactly as a frozenset of them.

    justext's frozenset of the 154,000 lowercased stop words of every language takes about
    16 MB (a string object of 50-90 bytes for each word, most of them in non-Latin scripts, and
    a 4 MB table), in each extraction worker; the words themselves are about 1.9 MB in UTF-8.
    Here the words are joined, by their hash, into :data:`STOP_WORD_BUCKETS` strings
    (``"\\0word\\0word\\0"``), about 3 MB, and a word is looked for in its bucket: the same
    answers (a word holding the separator is no stop word), about 0.6 microseconds a word
    instead of 0.05. justext counts a paragraph's stop words only when trafilatura falls back
    to it (716 words over the 181 pages of the extraction corpus).
    """

    __slots__ = ("_buckets",)

    def __init__(self, words: Iterable[str]) -> None:
        buckets: list[list[str]] = [[] for _ in range(STOP_WORD_BUCKETS)]
        for word in set(words):
            if _SEPARATOR in word:
                raise ValueError(f"a stop word holds the separator: {word!r}")
            buckets[_bucket(word)].append(word)
        self._buckets = tuple(_SEPARATOR + _SEPARATOR.join(sorted(bucket)) + _SEPARATOR if bucket else ""
                              for bucket in buckets)

    @classmethod
    def from_buckets(cls, buckets: Any) -> StopWords | None:
        """The stop words whose :attr:`buckets` these are (kept on disk); None when they are not
        such buckets."""
        if (type(buckets) is not tuple or len(buckets) != STOP_WORD_BUCKETS
                or not all(type(bucket) is str for bucket in buckets)):
            return None
        words = cls(())
        words._buckets = buckets
        return words

    @property
    def buckets(self) -> tuple[str, ...]:
        return self._buckets

    def __contains__(self, word: object) -> bool:
        return (isinstance(word, str) and _SEPARATOR not in word
                and f"{_SEPARATOR}{word}{_SEPARATOR}" in self._buckets[_bucket(word)])


# The stop words' file in the user's cache folder (newscrawl.extract.cachefile), named by the
# versions that built its contents: justext's (the words), Python's (the pickle) and its format.
_STOP_WORDS_PREFIX = "stopwords-"
_STOP_WORDS_FORMAT = 1


def _stop_words_file() -> Any:
    from importlib.metadata import version

    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    return cachefile.cache_path(_STOP_WORDS_PREFIX,
                                f"py{python}-justext{version('jusText')}-v{_STOP_WORDS_FORMAT}")


@functools.cache
def all_stop_words(cache: bool = True) -> StopWords:
    """justext's lowercased stop words of every language (``define_stoplist``'s words).

    Reading justext's 56 files and bucketing their words takes about 0.2 s of CPU, in every
    extraction pool's first process (:func:`warm_stoplists`); with ``cache`` the buckets are
    read from the user's cache folder instead (a few milliseconds), and written there when
    they were not (:mod:`newscrawl.extract.cachefile`)."""
    if cache:
        try:
            path = _stop_words_file()
        except Exception:  # noqa: BLE001 - no version to name the file by: not kept
            path = None
        kept = StopWords.from_buckets(cachefile.read(path)) if path is not None else None
        if kept is not None:
            return kept
    words = StopWords(word.lower() for word in trafilatura.external.JT_STOPLIST)
    if cache and path is not None:
        cachefile.write(path, words.buckets, _STOP_WORDS_PREFIX)
    return words


def _stop_words(stoplist: Any) -> Any:
    """justext's ``define_stoplist``, with :class:`StopWords` for the stop words of every language."""
    if isinstance(stoplist, AllStoplists):
        return all_stop_words()
    return define_stoplist(stoplist)


justext.core.define_stoplist = _stop_words  # what justext's classify_paragraphs calls


def warm_stoplists() -> None:
    """Build justext's lowercased stop words of every language now (what the first page that
    reaches trafilatura's justext fallback otherwise builds, ~0.3 s)."""
    all_stop_words()


# Where favor_precision cuts inside running text (docs/extraction.md, "Recall"). Its rules are
# meant for blocks, and they also fire on markup inside a paragraph or a heading:
# - its class/id/style filter for boxes (a class token `link`, a token starting or ending with
#   `bottom`, a style with `border`) deletes an inline <span> so marked, and the words in it
#   ("reported that <span class=link><a>the league will fine him</a></span> for ...");
# - it deletes empty elements without their tail, so an empty <span>, <b>, <div> ... inside a
#   paragraph takes the rest of the sentence (or the space between two words) with it, and
#   inside a heading its words ("<h2><div class=spacer></div> Menu for plan A</h2>"; only
#   headings after a paragraph of running text: the others are mostly box titles with icons);
# - its link-density test deletes a subheading that is a link (a product name in a buyer's
#   guide, an anchored section title) even between two paragraphs of the article, and any
#   subheading holding a link without text (a section anchor, an icon): such a link counts as
#   a heading made of links only;
# - its class filter for embeds and widgets deletes an embedded post (a <blockquote> with
#   paragraphs and a link to the post, as social networks' embed code writes it) with the
#   divs wrapped around it, though the post is quoted by the article.
# A cut is undone in a copy that the precision pass reads: the marks are taken off the span,
# the empty element is unwrapped (its tail joins the text), a subheading inside running text
# has its links unwrapped, links without text are taken out of every subheading, and an
# embedded post takes the place of the divs that held nothing but it.
# A subheading counts as inside running text when a paragraph of RUNNING_TEXT_CHARS or more
# comes before it (any earlier sibling) and the next sibling with text is such a paragraph.
RUNNING_TEXT_CHARS = 100
BOX_CLASS_TOKEN = re.compile(r"^(?:link|bottom\S*|\S*bottom)$")
SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")
# A heading's permalink, a link to the heading itself written as a sign (Hugo's and Sphinx's
# anchors, "#", "¶", "§", "🔗"): no words of the heading
PERMALINK_TEXTS = frozenset({"#", "¶", "§", "🔗", "⚓", "⚓︎", "🔗︎"})
# Empty elements with a tail inside paragraphs (of trafilatura's CUT_EMPTY_ELEMS, the ones it
# deletes, tail and all), spans that may be marked.
EMPTY_IN_PARAGRAPHS = etree.XPath("//p//*[not(node())][following-sibling::node()[1][self::text()]]")
MARKED_SPANS = etree.XPath("//p//span[@class or @id or @style]")
# The rest of a story behind a "read more" button, shown ("<div class='read-more-body
# expanded'>", "article-expandable"): trafilatura deletes every block whose class holds
# "expand" (an expandable menu or box). In the copy a div or section with such a class token
# loses it when it holds a paragraph of running text and a sibling of it is running text.
EXPANDED_CLASS_RE = re.compile(r"expand", re.IGNORECASE)
# trafilatura also deletes every block whose class holds "-icon" (an icon, a UI badge), and a
# news magazine's text blocks are "<div class='RichText RichText--iconLinks'>" (links shown
# with an icon): the story's paragraphs went. In the copy a div or section with such a
# class token loses it when it holds a paragraph of running text (no icon does), and so do
# the blocks of the same class that hold a paragraph (the story's shorter paragraphs).
ICON_CLASS_RE = re.compile(r"-icon")
ICON_TAGS = frozenset({"div", "section"})
# It deletes every block whose class holds "meta" too (a post's date and author line), and a
# Romanian news channel's story is "<div class='entry data-app-meta data-app-meta-article'>"
# (its app's hooks): the story went, read back by the fallback only up to its related box
# (tests/romweb). In the copy a div or section with such a class token loses it when it holds
# two paragraphs of running text or more (a date or author line holds none; an affiliate
# disclaimer or a feature's credits in a meta box, one).
META_CLASS_RE = re.compile(r"meta")
META_MIN_PARAGRAPHS = 2
# A paragraph of running text with a border (a correction or an editor's note that the writer
# framed, "<p style='border-top: 1px solid #ccc'>Correction: ...</p>") or a box's class token is
# deleted as a box too; it loses the marks when it ends a sentence and comes right after or
# right before running text (the element beside it with text: not a share button and the
# comments around a comment policy).
# So does a div or section of such paragraphs only ("<div style='border:1px solid'><p>Editor's
# note: ...</p></div>", "<div class='article-bottom'><p>Correction: ...</p></div>"), none of it
# or them marked as a byline, date, share bar, newsletter ... (LEAD_NOT_RE).
MARKED_TAGS = ("p", "div", "section")
# An article body split over several containers of one class (a template that closes the body
# around an advertisement and opens it again): trafilatura reads the first element that its
# first body expression matches, so the rest of the article is lost. These are the class
# tokens of that expression (trafilatura's xpaths.BODY_XPATH[0]); when two or more
# containers of one such class each hold running text, the smallest element holding them all
# takes their class in the copy and they lose it, so trafilatura reads them together. Not
# when they sit in different <article>s, or when a heading that links elsewhere (another
# post's title: a blog's front page) stands between them or opens one of them.
BODY_CLASS_RE = re.compile(
    r"post[-_]text|post-body|post-?entry|post[-_]?content|postContent|post_inner_wrapper|"
    r"article-?text|articleText|(?:entry|page|text|article|art)-content|article__content|"
    r"article(?:-|__)?body|articleBody|ArticleContent|body-text|article__container"
)
BODY_CLASSES = frozenset({"post", "entry"})
CONTAINER_TAGS = ("div", "section", "article", "main")  # the tags of that expression
PART_TAGS = ("div", "section")  # (an <article> or <main> of its own is not a part)
PART_CLASSES = etree.XPath("//div/@class|//section/@class", smart_strings=False)
# A paragraph of the text that is a short lead-in, a colon and one link's text of three words
# or more ("Related: Headline", "Lire aussi : Titre", "[Read more: Headline]") points to
# another story. favor_precision drops a paragraph that is one link only when the link is 90%
# of its text, so these are dropped from the text afterwards (drop_link_leadins). The lead-in
# is one to four words without digits ("2019-01-14: Event" stays). Two dots or an ellipsis
# part them as a colon does (Egyptian portals' "اقرأ أيضا.. Headline": read also), and so does a
# bar (Indian papers' "Also Read | Headline" between the paragraphs: tests/asiaweb).
LINK_LEADIN_RE = re.compile(r"^\W*[^\W\d]+(?:[ '’-][^\W\d]+){0,3}\s*(?::|\||\.{2,}|…)\s*(.+?)\W*$")
LINK_LEADIN_MIN_WORDS = 3
# Such a lead-in that is a "read also" label goes with its headline also when the headline is no
# link on the page: "LEER MÁS: Headline", "TE RECOMENDAMOS: Headline" (a Mexican daily's
# promotions in bold, tests/romweb), "Leia também: Headline"; not when what follows ends a
# sentence (a note that explains, "Saiba mais: the agency said ...")
READ_ALSO_WORDS = (
    r"(?:leer\s+m[áa]s|lea\s+tambi[ée]n|lee\s+tambi[ée]n|tambi[ée]n\s+lee|te\s+recomendamos|"
    r"te\s+puede\s+interesar|le\s+puede\s+interesar|leia\s+tamb[ée]m|leia\s+mais|veja\s+tamb[ée]m|"
    r"saiba\s+mais|(?:[àa]\s+)?lire\s+aussi|leggi\s+anche|cite[șş]te\s+[șş]i|llegiu\s+tamb[ée]|"
    r"read\s+more|also\s+read|read\s+also)"
)
READ_ALSO_LEADIN_RE = re.compile(rf"^\W*{READ_ALSO_WORDS}\s*:", re.IGNORECASE)
# The same label with no colon, set apart from its headline by markup alone ("<span
# class=read-also__label>Lire aussi</span> <a>Headline</a>" reads "Lire aussi Headline"): it goes
# with the headline when that is one of the page's link texts (tests/afroweb)
READ_ALSO_BARE_RE = re.compile(rf"^\W*{READ_ALSO_WORDS}\s+(?P<rest>\w.*?)\W*$", re.IGNORECASE)
# The label alone, its headlines left out of the text with their list ("<p><strong>LEIA TAMBÉM:
# </strong></p><ul><li><a>Headline</a></li>...</ul>": precision mode deletes the list of links,
# tests/romweb): a line pointing to nothing; with its colon (a label without one, "Leggi anche",
# is read in the article benchmark's truth: a heading of the page's own)
READ_ALSO_ALONE_RE = re.compile(rf"\W*{READ_ALSO_WORDS}\s*:\W*", re.IGNORECASE)
LINK_LEADIN_MAX_CHARS = 200  # a headline's length, not a paragraph's
LINKS_WITH_WORD = etree.XPath("//a[contains(., $word)]")
# favor_precision deletes every <header>, and an article's header (the one holding its
# headline) often holds the standfirst too: the lead paragraph that sums up the story
# ("<header><h1>Headline</h1><p class=lead>The council voted ...</p></header>"). In the copy
# the precision pass reads, such a paragraph is put right after the header (which still goes,
# with the headline, kicker, byline and date). A lead is a <p> of LEAD_MIN_CHARS or more, at
# most LEAD_LINK_SHARE of it link text, with no <time> and not in a nav, figure, address or
# a block marked as a byline, date, credit, caption, share bar or breadcrumb; the header holds
# an <h1> or <h2> and at most LEAD_HEADER_MAX_LINKS links with text (a breadcrumb, the
# writer's name, share buttons; a site's banner with its menu and slogan is no article header).
LEAD_MIN_CHARS = 60
# Running text written straight after a block inside the body (a photo frame, an embed, an ad
# slot: "<div class=frame><figure>...</figure></div>The Federal Flag Code has ...") is the
# block's tail; precision mode loses it with the block. In the copy it becomes a paragraph of
# its own after the block, when it has RUNNING_TEXT_CHARS or more and the block's parent
# holds a paragraph of running text, or running text of its own written as lines (another
# child's tail of RUNNING_TEXT_CHARS or more: paragraphs split by <br>s, "<div class=content>
# <div style=float:left><img></div>The story ...<br><br>More ..."; a block, not a <span>: a
# name in a span of the running text is no frame).
TAIL_BLOCKS = ("div", "figure", "section", "aside", "table", "span")
TAIL_INLINE = frozenset({"a", "b", "i", "em", "strong"})
# An update of a live blog or a section of a story headed by a <header> of its own ("<article
# class=update><header><time>3:15 p.m.</time><h3>Tech workers join the march</h3></header><div>
# ...</div></article>"): favor_precision deletes every <header>, and the subheading with it.
# In the copy the subheading is put right after such a header: one without an <h1> or a link,
# with one subheading (h2-h6), not inside a link, whose next sibling with text is a sentence
# of PARAGRAPH_MIN_WORDS words or more and is running text, or the header's parent has a
# sibling of running text (the other updates).
SECTION_HEADER_NEXT = ("p", "div", "section")
# A box asking readers to donate (a class or id token starting with "donat": donate, donation)
# set inside the article, as nonprofit newsrooms' themes insert it between paragraphs ("Support
# independent local journalism ... Donate now"), or to sign up (a token starting with "signup",
# "sign-up", "sign_up": a wire's "Sign up here." box, "story-signup"), or promoting something
# (a token starting with "promo": "inline-promo", an event's ticket offer, a box of links to
# the site's coverage), or to subscribe (a token starting with "subscribe", not "subscriber": a
# "subscriber-only" container holds the story), or asking for support (a token starting with
# "support": "support-box", "support-us-banner"; not "supporter", "supported", "supporting"), or
# to follow the outlet (a token starting with "follow": "c-follow-us", "Find us on WhatsApp"; not
# "follower", "followed", "following"), or to subscribe in other languages (a token starting
# with French, German and Dutch "abonnement", "abonnez", "abonnier", Spanish "suscripci",
# "suscrib", Italian "abbonament", Portuguese "assinatura": "abonnement-boite", "box-suscripcion";
# not "abonné", "abonnent", "suscriptor", the subscribers):
# precision mode drops newsletter boxes by their class "newsletter", not these. In the copy it
# goes; a box of at most DONATION_MAX_CHARS (not a page body).
# So does a newsletter box or a comments box whose class names it in capitals, as CSS modules
# write classes ("styles_Newsletter__x1", "styles_Comments": a Patch-like site, tests/localweb):
# trafilatura's tests of "newsletter" and "comment" are case-sensitive and keep it (a token
# starting with "newsletter", or with "comment" but not "commentary").
# And a box offering the story for republishing, as nonprofit newsrooms set one under their
# stories ("Republish this story ... under a Creative Commons license": a token starting with
# "republish", tests/localweb).
DONATION_RE = re.compile(
    r"(?:^|[\s_-])(?:donat|sign[-_]?up|promo|subscribe(?!r)|support(?!e[rd]|ing)|follow(?!e[rd]|ing)"
    r"|abonn(?:ement|ez|ier)|suscri(?:pci|b)|abbonament|assinatura|newsletter|comment(?!ar)|republish)",
    re.IGNORECASE,
)
DONATION_WORDS = ("onat", "sign", "promo", "subscribe", "support", "follow",  # a cheap first test of it
                  "abonn", "suscri", "abbonam", "assinat", "newsletter", "comment", "republish")
DONATION_TAGS = frozenset({"div", "section", "aside", "form"})
# A paywall's offer inside the article ("<div class='paywall-wrapper'>Weiterlesen mit F+ ...
# 1 Monat kostenlos"), set where the story stops: in the copy it goes too, a box of at most
# DONATION_MAX_CHARS whose class or id has a token starting with "paywall" and that holds no
# paragraph of running text (a site that wraps the paid story itself in such a class keeps it).
PAYWALL_RE = re.compile(r"(?:^|[\s_-])paywall", re.IGNORECASE)
DONATION_MAX_CHARS = 600
# An embedded post that a CMS writes as divs (not as the social network's <blockquote>): the
# card's class token names the post; its text, a div of running text inside the card's link, is
# a quoted paragraph of the article, which precision mode leaves out with the link.
POST_CARD_CLASSES = frozenset({"tweet"})
POST_CARD_TAGS = frozenset({"div", "figure"})
BOX_TAGS = ("div", "section", "aside", "form", "figure")  # the tags of both
# What marked_boxes' tests need in a box's class and id (lowercased): DONATION_WORDS, a paywall,
# a post card, a pull quote, a share bar, an embed, an icon, a meta block
BOX_MARK_WORDS = re.compile("|".join(
    (*DONATION_WORDS, "aywall", *POST_CARD_CLASSES, "ull", "hare", "mbed", "-icon", "meta", "foot", "player")
))
# A short paragraph with a link that is a div of its own or sits in wrapper divs (a wire's
# "<div data-testid=paragraph-3>Microsoft <a>declined to comment</a>.</div>", a CMS's
# "<div class=paragraph><div class=field><p>...</p></div></div>", a live update's body):
# precision mode's link-density test deletes a div with a child element, a link and under
# SHORT_LINKED_MAX_CHARS of text (balanced mode only one with three children or more), and the
# sentence goes with it. Such a div is a paragraph when its text is one or more sentences (it
# ends with . ! ? or a closing quote) of PARAGRAPH_MIN_WORDS words or more, at most
# PARAGRAPH_LINK_SHARE of it link text, no wrapper marked as a box (LEAD_NOT_RE), and it stands
# in running text: a sibling of it, or of one of its PARAGRAPH_CONTEXT_LEVELS nearest
# ancestors, holds RUNNING_TEXT_CHARS of text, at most half of it links. In the copy a div of
# links are unwrapped, so that the div has none. Not a div under a heading of its own box
# (:func:`_titled_box`), nor one whose link is a call to action (CALL_TO_ACTION_RE).
SHORT_LINKED_MAX_CHARS = 200  # trafilatura's len_threshold in precision mode
PARAGRAPH_MIN_WORDS = 5
PARAGRAPH_LINK_SHARE = 0.5
PARAGRAPH_CONTEXT_LEVELS = 3
# a full stop, an exclamation or a question mark, also of Chinese and Japanese (。！？), and the
# closing quotes and brackets after it
SENTENCE_END_RE = re.compile(r"[.!?。！？][\"'”’»)」』）]*$")
PARAGRAPH_NOT_RE = re.compile(
    r"newsletter|sign-?up|subscri|promo|donat|advert|sponsor|related|recommend|share|social|"
    r"author|byline|caption|credit|copyright|disclaim|disclam|label(?:\s|$)|quote|cta\b|(?:^|[\s_-])(?:print|date)|"
    r"(?:^|\s)(?:hidden|d-none|border|text-muted)(?:\s|$)",
    re.IGNORECASE,
)
# a link that asks the reader to do something is no paragraph's ("log in to check access",
# "learn more", "Sign up here", "ingrese AQUÍ")
CALL_TO_ACTION_RE = re.compile(
    r"(?:log ?in|sign ?(?:in|up)|subscribe|register|learn more|read more|click|tap|"
    r"(?:here|aqu[íi]|hier|ici|qui|more)\W*$|"
    r"buy|shop|download|donate|join|follow)",
    re.IGNORECASE,
)
INLINE_TAGS = frozenset({"a", "b", "i", "em", "strong", "span", "u", "sup", "sub", "abbr", "q", "mark",
                         "small", "cite", "code", "time", "br", "font"})
LEAD_HEADER_MAX_LINKS = 8
LEAD_LINK_SHARE = 0.5
LEAD_NOT_RE = re.compile(
    r"author|byline|date|time|meta|credit|caption|breadcrumb|share|social|tags?\b|categor|kicker|"
    r"copyright|newsletter|promo|advert",
    re.IGNORECASE,
)
LEAD_NOT_TAGS = frozenset({"nav", "figure", "figcaption", "address", "aside", "form", "button"})
WORD_RE = re.compile(r"\w+")
NON_WORD_RE = re.compile(r"\W+")
# A box of the story's key points ("What we know", "Key points", "Story highlights") written as
# an <aside> among its paragraphs: trafilatura deletes every <aside> in every mode, and the
# summary goes with it. An aside is such a box when it holds a list (<ul>/<ol>) of
# KEY_POINTS_MIN_ITEMS items or more, every item a sentence of PARAGRAPH_MIN_WORDS words or more
# with at most PARAGRAPH_LINK_SHARE of it link text (not a list of links: related stories),
# nothing marked as a box in it or on it (PARAGRAPH_NOT_RE: newsletter perks, related links)
# and no form, and it stands in running text (:func:`_beside`); in the copy it becomes a div.
KEY_POINTS_MIN_ITEMS = 2
KEY_POINTS_LISTS = ("ul", "ol")
# A pull quote that is the only copy of its words on the page (a line of a letter or a
# statement the story quotes nowhere else): trafilatura deletes pull quotes (a class with
# "quote"; a <figure>, an <aside>) because they repeat a sentence of the story, and this one
# repeats none. A block whose class has a token holding "pullquote" or "pull-quote" is such a
# quote when it holds PULL_QUOTE_MIN_WORDS words or more besides its attribution (<cite>,
# <figcaption>, a class with "attribution", "author", "cite", "caption" or "credit") and fewer
# than PULL_QUOTE_REPEATED of its runs of three words stand in the page's other paragraphs and list items;
# in the copy it becomes a plain <blockquote> of that text.
PULL_QUOTE_CLASS_RE = re.compile(r"pull-?quote", re.IGNORECASE)
PULL_QUOTE_NOT_RE = re.compile(r"attribution|author|cite|caption|credit", re.IGNORECASE)
PULL_QUOTE_MIN_WORDS = 8
PULL_QUOTE_REPEATED = 0.5
# A page whose body trafilatura does not find (no container of a class it knows) is read from
# its "wild" text: paragraphs, quotes and tables, not lists (but in recall mode). A list of
# STORY_LIST_MIN_ITEMS items or more among two paragraphs of running text or more (the same
# parent), not marked as a box (PARAGRAPH_NOT_RE), is then lost: a government blog's lists of
# the accounts to follow, half its story. On such a page trafilatura's comparison with
# readability and justext, which keep lists, is asked for (:func:`_lists_left_out`).
STORY_LIST_MIN_ITEMS = 2
# A footnote's link back to its mark in the text (Substack's "footnote-number", kramdown's
# "reversefootnote"): a link to a place on the page whose text is a number or an arrow, inside
# an element whose class or id names a footnote. Precision mode's link-density test deletes a
# short footnote for it, with the footnote's text (see footnote_backlinks)
FOOTNOTE_FRAGMENT_LINKS = etree.XPath("//a[starts-with(@href, '#')]")
BACKLINK_TEXT_RE = re.compile(r"^\s*(?:\[?\d{1,3}\]?|[↩↑^]\ufe0e?)\s*$")
FOOTNOTE_MARK = "footnote"
FOOTNOTE_TAGS = frozenset({"div", "section", "aside", "footer", "ol", "ul", "li"})  # a footnote block
# An author box: a box (BOX_TAGS) the page marks as the author (itemprop=author, a Person)
# holding a paragraph, the author's bio, short, with no heading of a story in it (an author box
# plugin's "saboxplugin-wrap" inside the post's body, whose class names no author; see
# author_boxes)
AUTHOR_BOX_MAX_CHARS = 600
# A paragraph that is only an advertisement's label, in any of several languages
# ("Advertisement", "Anzeige", "Werbung:", "Publicité", "Реклама", "広告", a table row "| Ad |"):
# the slot's label, left when the slot is empty. No truth of the benchmark's tune half has one.
AD_LABEL_RE = re.compile(
    r"^[\W_]*(?:advertisements?|advertising|advertisement feature|anzeige|werbung|publicit[ée]|"
    r"publicidad|pubblicit[àa]|publicidade|reklama|reklam|advertentie|annonse|annons|mainos|"
    r"hirdetés|реклама|реклами|إعلان|广告|廣告|広告|광고|sponsored|ad)[\W_]*$",
    re.IGNORECASE,
)


# A heading that announces other content than the story, as a line of its own near the text's
# end: a platform's "More from Jane Roe", "Recommended from Medium", "Responses (14)", "12
# comments", "You may also like", "Related posts"; Chinese, Japanese and Korean papers' related
# stories and keywords, "【関連記事】", "関連キーワード", "관련기사", "相关新闻", "延伸閱讀", with or
# without brackets; an author's bio box under its heading ("About the author", "Sobre la firma",
# "Über den Autor") (see drop_other_content_tail)
OTHER_CONTENT_RE = re.compile(
    r"^(?:(?:[Mm]ore|MORE|[Rr]ecommended|RECOMMENDED)\s+(?:[Ff]rom|FROM)\s+(?:[Tt]he\s+)?[A-Z]\S*(?:\s+[A-Z]\S*){0,3}"
    r"|(?i:(?:responses|comments)\s*\(\d+\)|\d+\s+(?:comments?|responses)"
    # the comment count in French, Spanish, Portuguese, Italian, Catalan, Romanian (tests/romweb)
    r"|(?:commentaires|comentarios|comentários|commenti|comentaris|comentarii)\s*\(\d+\)"
    r"|\d+\s+(?:commentaires?|comentarios?|comentários?|comment[oi]|comentaris?|comentarii)"
    r"|(?:you\s+(?:may|might)\s+also\s+like|related\s+(?:posts|articles|stories)|read\s+next|more\s+stories"
    r"|recommended\s+for\s+you"
    # an author's bio box under its heading ("Sobre la firma", an El País-like daily's: tests/romweb)
    r"|about\s+the\s+(?:author|writer|reporter)s?|sobre\s+(?:la\s+firma|el\s+autor|la\s+autora|o\s+autor|a\s+autora)"
    r"|über\s+(?:den\s+autor|die\s+autorin)|à\s+propos\s+de\s+l['’]auteur|sull['’]autore)\W*)"
    r"|[【\[［〔]?(?:関連記事|関連ニュース|関連キーワード|関連リンク|관련\s?기사|관련\s?뉴스|相关新闻|相關新聞|"
    r"相关阅读|相關閱讀|延伸阅读|延伸閱讀|相关报道|相關報導)[】\]］〕]?\W*)$"
)
OTHER_CONTENT_TAIL_SHARE = 1 / 3  # of the text's characters, at most: the story's end


def doc_field(doc: Any, name: str) -> Any:
    """A field of trafilatura's result: a Document's attribute or a dict's key (None if absent)."""
    if doc is None:
        return None
    if isinstance(doc, dict):
        return doc.get(name)
    return getattr(doc, name, None)


def _paragraphs(text: str | None) -> str:
    """trafilatura's lines, each with its white space runs made one space, not blank, joined
    by blank lines (a lone list bullet joined to its item: :func:`_bullets_joined`).
    ``" ".join(line.split())`` is ``WS_RE.sub(" ", line).strip()``: ``\\s`` and
    ``str.split()``/``str.strip()`` know the same white space, every code point of it
    (``tests/test_extract_text.py``), in a third of the time."""
    lines = [line for line in (" ".join(line.split()) for line in (text or "").splitlines()) if line]
    if "-" in lines:  # a list item's bullet whose text trafilatura wrote on the next line
        lines = _bullets_joined(lines)
    return "\n\n".join(lines)


def _bullets_joined(lines: list[str]) -> list[str]:
    """The lines with each lone ``-`` (a list item's bullet, its text on the next line: the
    fallback extractors' items hold paragraphs) joined to the line after it, as trafilatura
    writes other items (``- item``); a last lone one goes."""
    out: list[str] = []
    bullet = False
    for line in lines:
        if line == "-":
            bullet = True
            continue
        out.append(f"- {line}" if bullet else line)
        bullet = False
    return out


def _bare(tree: HtmlElement, url: str | None, with_metadata: bool, **options: Any) -> Any:
    try:
        return trafilatura.bare_extraction(
            tree, url=url, with_metadata=with_metadata, output_format="python", **options
        )
    except Exception:  # trafilatura raising on odd markup must not stop a crawl
        LOGGER.debug("trafilatura failed on %s", url, exc_info=True)
        return None


def _box_marks(span: HtmlElement) -> dict[str, str]:
    """The span's class, id and style values without the tokens that mark a box (changed only)."""
    changed = {}
    for attr in ("class", "id"):
        value = span.get(attr)
        if value and any(BOX_CLASS_TOKEN.match(token) for token in value.split()):
            changed[attr] = " ".join(t for t in value.split() if not BOX_CLASS_TOKEN.match(t))
    style = span.get("style")
    if style and "border" in style:
        changed["style"] = ";".join(d for d in style.split(";") if "border" not in d)
    return changed


def _running_text(elem: Any) -> bool:
    return elem is not None and elem.tag == "p" and len(elem.text_content().strip()) >= RUNNING_TEXT_CHARS


def _inside_running_text(heading: HtmlElement) -> bool:
    following = next(
        (e for e in heading.itersiblings() if isinstance(e.tag, str) and e.text_content().strip()), None
    )
    return _running_text(following) and any(
        _running_text(e) for e in heading.itersiblings(preceding=True)
    )


def _permalink(link: HtmlElement) -> bool:
    """Whether a heading's link is its permalink (see PERMALINK_TEXTS)."""
    return (link.get("href") or "").startswith("#") and link.text_content().strip() in PERMALINK_TEXTS


def _embed_wrapper(quote: HtmlElement) -> Any:
    """The outermost of the divs that hold nothing but this quoted post, if any (None for a
    quote without paragraphs or links)."""
    if quote.find(".//p") is None or quote.find(".//a[@href]") is None:
        return None
    text = quote.text_content().strip()
    wrapper = None
    parent = quote.getparent()
    while parent is not None and parent.tag == "div" and parent.text_content().strip() == text:
        wrapper, parent = parent, parent.getparent()
    return wrapper


def _is_lead(p: HtmlElement, header: HtmlElement) -> bool:
    text = p.text_content().strip()
    if len(text) < LEAD_MIN_CHARS or p.find(".//time") is not None:
        return False
    links = sum(len(a.text_content().strip()) for a in p.iter("a"))
    if links > LEAD_LINK_SHARE * len(text):
        return False
    for elem in (p, *p.iterancestors()):
        if elem is header:
            return True
        if elem.tag in LEAD_NOT_TAGS or LEAD_NOT_RE.search(
            " ".join(filter(None, (elem.get("class"), elem.get("id"), elem.get("itemprop"))))
        ):
            return False
    return False


def header_leads(tree: HtmlElement) -> list[HtmlElement]:
    """The lead paragraphs (standfirsts) inside article headers, which favor_precision deletes
    with the header (see LEAD_MIN_CHARS)."""
    leads = []
    for header in tree.iter("header"):
        links = sum(1 for a in header.iter("a") if a.text_content().strip())
        if links > LEAD_HEADER_MAX_LINKS or (
            header.find(".//h1") is None and header.find(".//h2") is None
        ):
            continue
        if _links_home(next(header.iter("h1", "h2"))):
            continue  # the site's banner: its name, linked to its front page, and its slogan
        leads += [p for p in header.iter("p") if _is_lead(p, header) and p.find(".//p") is None]
    return leads


def _links_home(headline: HtmlElement) -> bool:
    """Whether a headline is a link to the site's front page (``/``): a blog's name in its
    banner (Blogger writes it as the page's ``<h1>``, the post's title as an ``<h3>``)."""
    for link in headline.iter("a"):
        href = (link.get("href") or "").strip()
        parts = urlsplit(href)
        if href and not href.startswith("#") and parts.path in ("", "/") and not parts.query:
            return True
    return False


def header_subheadings(tree: HtmlElement) -> list[HtmlElement]:
    """The subheadings that head a section or an update from a <header> of their own, which
    favor_precision deletes with the header (see SECTION_HEADER_NEXT)."""
    found = []
    for header in tree.iter("header"):
        if header.find(".//h1") is not None or header.find(".//a[@href]") is not None:
            continue
        headings = [h for h in header.iter(*SUBHEADINGS) if h.text_content().strip()]
        if len(headings) != 1 or any(a.tag in ("a", "nav", "aside") for a in header.iterancestors()):
            continue
        following = next((e for e in header.itersiblings() if isinstance(e.tag, str)
                          and e.text_content().strip()), None)
        if following is None or following.tag not in SECTION_HEADER_NEXT:
            continue
        text = " ".join(following.text_content().split())
        if length_in_words(text) < PARAGRAPH_MIN_WORDS or not SENTENCE_END_RE.search(text):
            continue
        parent = header.getparent()
        if _prose(following) or (parent is not None and any(
            _prose(e) for e in (*parent.itersiblings(), *parent.itersiblings(preceding=True))
        )):
            found.append(headings[0])
    return found


def running_text_cuts(tree: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """The places where favor_precision would cut into running text: ("marked", span) inside
    a paragraph, ("empty", element) inside a paragraph or a heading, ("embed", the divs
    around an embedded post), ("heading", subheading inside running text) and ("empty link",
    another subheading holding a link without text), ("post card", an embedded post written as
    divs: see POST_CARD_CLASSES), ("key points", an aside of the story's key points: see
    KEY_POINTS_MIN_ITEMS), ("backlink", a footnote's link back to its mark: see
    BACKLINK_TEXT_RE); and boxes it would keep ("ask", a donation box: see DONATION_RE, or a
    sign-up box around an e-mail field or a question box: see reader_form_boxes, or a footer:
    see FOOT_TOKEN_RE; "author box", an author's bio: see AUTHOR_BOX_MAX_CHARS)."""
    cuts: list[tuple[str, HtmlElement]] = [
        ("marked", span) for span in MARKED_SPANS(tree) if (len(span) or span.text) and _box_marks(span)
    ]
    cuts += (("marked", p) for p in marked_paragraphs(tree))
    # in a paragraph even a space after it counts (two words run together); in a heading that
    # follows running text (not a box title such as "Related" with its icon), words after it
    empty = [e for e in EMPTY_IN_PARAGRAPHS(tree) if e.tag in CUT_EMPTY_ELEMS]
    for heading in tree.iter("h1", *SUBHEADINGS):
        if not len(heading):
            continue
        found = [
            e
            for e in heading.iterdescendants()
            if e.tag in CUT_EMPTY_ELEMS and len(e) == 0 and e.text is None and e.tail and e.tail.strip()
        ]
        if found and any(_running_text(e) for e in heading.itersiblings(preceding=True)):
            empty += found
    cuts += (("empty", e) for e in dict.fromkeys(empty))  # once each, even if nested
    pulled = []
    for quote in tree.iter("blockquote"):
        if _pull_quote_class(quote.get("class") or ""):
            pulled.append(quote)
            continue
        wrapper = _embed_wrapper(quote)
        if wrapper is not None:
            cuts.append(("embed", wrapper))
    for heading in tree.iter(*SUBHEADINGS):
        links = list(heading.iter("a"))
        if not links:
            continue
        if _inside_running_text(heading):
            cuts.append(("heading", heading))
        elif any(not link.text_content().strip() or _permalink(link) for link in links):
            cuts.append(("empty link", heading))
    cuts += (("lead", p) for p in header_leads(tree))
    boxes = marked_boxes(tree)  # with the pull quotes and the asides, judged below
    pulled += (box for kind, box in boxes if kind == "pull quote")
    asides = [box for kind, box in boxes if kind == "aside"]
    judged = ("pull quote", "aside", "icon", "author", "foot")  # by the rules below
    cuts += ((kind, box) for kind, box in boxes if kind not in judged)
    cuts += (("author box", box) for box in author_boxes([box for kind, box in boxes if kind == "author"]))
    cuts += (("pull quote", quote) for quote in unique_pull_quotes(tree, pulled))
    cuts += (("key points", aside) for aside in key_point_boxes(asides))
    cuts += (("tail", block) for block in block_tails(tree))
    inline = inline_divs(tree)
    cuts += (("paragraph", div) for div, _ in linked_paragraphs(tree, inline))
    cuts += (("paragraph", lst) for lst in document_lists(tree))
    cuts += (("section head", h) for h in header_subheadings(tree))
    cuts += (("text div", div) for div in text_divs(tree, inline))
    cuts += (("expanded", part) for part in expanded_parts(tree))
    if icons := [box for kind, box in boxes if kind == "icon"]:
        cuts += (("icon", part) for part in icon_parts(tree, icons))
    cuts += (("backlink", link) for link in footnote_backlinks(tree))
    cuts += (("ask", box) for box in reader_form_boxes(tree))
    cuts += (("links box", box) for box in link_boxes(tree))
    cuts += (("ask", caption) for caption in credited_captions(tree))
    cuts += (("ask", box) for box in outermost([box for kind, box in boxes if kind == "foot"]))
    return cuts


# A box of links among the story's paragraphs under its own heading ("<div class=read-also>
# <h3>اقرأ أيضاً</h3><ul><li><a>Headline</a> date</li>...</ul></div>": read also, related
# stories): precision mode deletes the list as links and keeps the heading, a line of the text
# that points to nothing. In the copy the box goes: a div, section or aside whose first child is
# its one subheading and whose other children are at least LINK_BOX_SHARE link text, two links
# or more and none to a document (a story's sources stay: document_lists), with a paragraph of
# running text beside it.
LINK_BOX_SHARE = 0.7
LINK_BOX_TAGS = ("div", "section", "aside")


def link_boxes(tree: HtmlElement) -> list[HtmlElement]:
    """The boxes of links under their own heading among a story's paragraphs (LINK_BOX_SHARE)."""
    found = []
    for heading in tree.iter(*SUBHEADINGS):
        box = heading.getparent()
        if box is None or box.tag not in LINK_BOX_TAGS:
            continue
        children = [c for c in box if isinstance(c.tag, str)]
        rest = children[1:]
        if children[0] is not heading or not rest or any(c.tag in ("h1", *SUBHEADINGS) for c in rest):
            continue
        links = [a for c in rest for a in c.iter("a")]
        chars = sum(len(c.text_content().strip()) for c in rest)
        if len(links) < 2 or not chars or sum(_link_chars(c) for c in rest) < LINK_BOX_SHARE * chars:
            continue
        if any(DOCUMENT_LINK_RE.search((a.get("href") or "").split("#")[0]) for a in links):
            continue
        if any(_running_text(s) for s in box.itersiblings()) or any(
            _running_text(s) for s in box.itersiblings(preceding=True)
        ):
            found.append(box)
    return found


# A picture's caption written as a plain block beside its <img> (no <figure>, no caption
# class: "<div class=art-photo><img><p class=art-photo-desc>Protest ... Fot. Jeff Chiu / AP</p>"),
# known by the photo credit that ends it ("Fot. A / AP", "Foto: A", "Фото: A", "Φωτ.: A"):
# precision mode keeps it as a paragraph; in the copy it goes (tests/slavweb)
CAPTION_CREDIT_RE = re.compile(
    r"(?:^|[\s.(\[])(?:Fot\.|Foto:|Fotó:|Фото:|Φωτ\.?:|Zdjęcie:)\s*[^\s.!?][^.!?]{1,60}\)?\]?$"
)
CAPTION_MAX_CHARS = 300


def credited_captions(tree: HtmlElement) -> list[HtmlElement]:
    """The captions beside the page's pictures that end with a photo credit (CAPTION_CREDIT_RE):
    a ``<p>`` or ``<div>`` of at most CAPTION_MAX_CHARS, a sibling of an ``<img>`` (or of its
    link or ``<picture>``) in a box that holds no other ``<p>`` or ``<div>``. Cheap tests first:
    the pages' pictures are many, such captions few."""
    found = []
    seen = set()
    for img in tree.iter("img"):
        box = img.getparent()
        if box is None:
            continue
        if box.tag in ("a", "picture", "span") and box.getparent() is not None:
            box = box.getparent()  # the picture's link or <picture>: the box around it
        if box in seen:
            continue
        seen.add(box)
        blocks = [kid for kid in box if kid.tag in ("p", "div")]
        if len(blocks) != 1 or blocks[0].find(".//img") is not None:
            continue
        text = " ".join(blocks[0].text_content().split())
        if len(text) <= CAPTION_MAX_CHARS and CAPTION_CREDIT_RE.search(text):
            found.append(blocks[0])
    return found


def footnote_backlinks(tree: HtmlElement) -> list[HtmlElement]:
    """The links from the page's footnotes back to their marks (see BACKLINK_TEXT_RE): in a
    footnote block, not in the mark itself (a ``<span class=footnote>`` or ``<sup>`` in a
    paragraph, whose number or tooltip stays as it was)."""
    found = []
    for link in FOOTNOTE_FRAGMENT_LINKS(tree):
        if not BACKLINK_TEXT_RE.match(link.text_content()):
            continue
        box = next((a for a in link.iterancestors() if _names_footnote(a)), None)
        if box is not None and box.tag in FOOTNOTE_TAGS and next(box.iterancestors("p"), None) is None:
            found.append(link)
    return found


def _names_footnote(elem: HtmlElement) -> bool:
    return any(FOOTNOTE_MARK in (elem.get(attr) or "").lower() for attr in ("class", "id"))


def author_boxes(marked: list[HtmlElement]) -> list[HtmlElement]:
    """The author boxes (see AUTHOR_BOX_MAX_CHARS) among the boxes marked as the author (from
    :func:`marked_boxes`' walk), which precision mode keeps when their class names no author:
    the outermost of nested ones."""
    boxes = [
        box for box in marked
        if box.find(".//p") is not None and box.find(".//h1") is None and box.find(".//h2") is None
        and len(" ".join(box.text_content().split())) <= AUTHOR_BOX_MAX_CHARS
    ]
    return [box for box in boxes if not any(_inside_any(box, other) for other in boxes if other is not box)]


def _inside_any(elem: HtmlElement, other: HtmlElement) -> bool:
    return any(a is other for a in elem.iterancestors())


def reader_form_boxes(tree: HtmlElement) -> list[HtmlElement]:
    """The boxes around the page's fields for its readers to write in, an e-mail field
    (``<input type=email>``: a sign-up) or a text area (``<textarea>``: a live page's question
    box, "Vous pouvez nous poser vos questions en direct.", tests/romweb), that hold words besides
    their form (a heading or a line asking readers to subscribe or to ask), which precision mode
    keeps when no class of theirs names a sign-up (beehiiv's utility classes, "rounded-lg border
    p-6"): the box around the field, grown through BOX_TAGS while its text stays short
    (DONATION_MAX_CHARS) and it holds no headline (``<h1>``) and no paragraph of running text."""
    boxes: list[HtmlElement] = []
    for field in tree.iter("input", "textarea"):
        if field.tag == "input" and (field.get("type") or "").lower() != "email":
            continue
        box = None
        for parent in field.iterancestors():
            if parent.tag not in BOX_TAGS or parent.find(".//h1") is not None:
                break
            if len(" ".join(parent.text_content().split())) > DONATION_MAX_CHARS or any(
                _running_text(p) for p in parent.iter("p")
            ):
                break
            box = parent
        if box is not None and box.tag != "form" and not any(b is box for b in boxes):
            boxes.append(box)
    return boxes


# A site's footer marked by a class or id token "foot" (or one that starts "foot-"/"foot_" or ends
# "-foot"/"_foot"; not a footnote), which trafilatura's boilerplate tests, looking for "footer",
# miss: a Chinese state site's <div class="foot"> of its copyright and 制作单位 lines was read in
# after the story (tests/cjkweb). Found in :func:`marked_boxes`' walk; not one that holds a
# paragraph of running text (a story's foot), nor one inside another.
FOOT_TOKEN_RE = re.compile(r"(?:^|\s)(?:foot|foot[-_](?!note)\S*|\S*[-_]foot)(?:\s|$)")
# So is a video or audio player's box, whose player the page's scripts load, left with its label
# ("<div class=video-player><p>VÍDEOS: mais assistidos do n1</p></div>" closing a Brazilian
# portal's story, tests/romweb): a class token ending in "player" ("video-player", "jwplayer")
PLAYER_TOKEN_RE = re.compile(r"(?:^|\s)\S*player(?:\s|$)")


def outermost(boxes: list[HtmlElement]) -> list[HtmlElement]:
    """``boxes`` (in document order) without those inside another of them."""
    found: list[HtmlElement] = []
    for box in boxes:
        if not any(_inside_any(box, other) for other in found):
            found.append(box)
    return found


def key_point_boxes(asides: Iterable[HtmlElement]) -> list[HtmlElement]:
    """The asides (the page's, from :func:`marked_boxes`' walk) of the story's key points among
    its paragraphs (see KEY_POINTS_MIN_ITEMS). Cheap tests first: most asides are sidebars of
    links."""
    found = []
    for aside in asides:
        items = list(aside.iter("li"))
        if (
            len(items) < KEY_POINTS_MIN_ITEMS
            or any(li.getparent().tag not in KEY_POINTS_LISTS for li in items)
            or not all(_reads_as_a_sentence(li, " ".join(li.text_content().split())) for li in items)
            or aside.find(".//form") is not None
            or any(PARAGRAPH_NOT_RE.search(_class_and_id(e)) for e in aside.iter() if isinstance(e.tag, str))
        ):
            continue
        if _beside(aside, _paragraph_beside):
            found.append(aside)
    return found


def expanded_parts(tree: HtmlElement) -> list[HtmlElement]:
    """The rest of a story shown by a "read more" button (see EXPANDED_CLASS_RE)."""
    return [  # (a walk in Python: faster here than libxml2's XPath of the same)
        part for part in tree.iter("div", "section")
        if "xpand" in (part.get("class") or "")
        and EXPANDED_CLASS_RE.search(part.get("class", "")) and _has_running_text(part)
        and any(_prose(e) for e in (*part.itersiblings(), *part.itersiblings(preceding=True)))
    ]


def icon_parts(tree: HtmlElement, found: list[HtmlElement]) -> list[HtmlElement]:
    """The blocks of running text whose class trafilatura reads as an icon's (``found`` by
    :func:`marked_boxes`' walk; see ICON_CLASS_RE) and the blocks of their classes that hold a
    paragraph (the story's shorter ones)."""
    classes = {part.get("class") for part in found}
    return [
        part for part in tree.iter("div", "section")
        if part.get("class") in classes and any(p.text_content().strip() for p in part.iter("p"))
    ]


def _marked(elem: HtmlElement) -> bool:
    """A cheap first test of :func:`_box_marks`: the words it looks for are there."""
    marks = f"{elem.get('class', '')} {elem.get('id', '')}"
    return "bottom" in marks or "link" in marks or "border" in elem.get("style", "")


def marked_paragraphs(tree: HtmlElement) -> list[HtmlElement]:
    """Paragraphs of running text marked as boxes (see MARKED_TAGS) next to running text, and
    divs and sections of such paragraphs only."""
    found = []
    for elem in tree.iter(*MARKED_TAGS):
        if not _marked(elem) or not _box_marks(elem) or not _prose(elem):
            continue
        if elem.tag != "p" and (
            elem.find("p") is None
            or any(child.tag != "p" for child in elem if isinstance(child.tag, str))
            or any(LEAD_NOT_RE.search(_class_and_id(e))
                   for e in elem.iter())
        ):
            continue
        before, after = (
            next((e for e in siblings if isinstance(e.tag, str) and e.text_content().strip()), None)
            for siblings in (elem.itersiblings(preceding=True), elem.itersiblings())
        )
        if SENTENCE_END_RE.search(elem.text_content().strip()) and (_prose(before) or _prose(after)):
            found.append(elem)
    return found


# A share bar's class token: "share" alone or as the last part of a token ("article__share",
# "post-share"; "share-tools" is trafilatura's own: "share-"), with the buttons' words only.
SHARE_BAR_RE = re.compile(r"(?:^|[\s_-])share(?:s|bar|-?buttons|-?links)?(?:$|\s)", re.IGNORECASE)
SHARE_BAR_MAX_CHARS = 100


def _share_bar(box: HtmlElement, cls: str) -> bool:
    """Whether a box (of class ``cls``) is a share bar: SHARE_BAR_RE, at most
    SHARE_BAR_MAX_CHARS characters ("Link copied!", "Share this post"). trafilatura's class
    tokens miss one such as a live update's ``live-story-post__share``, and precision mode keeps
    it (left out of the copy it reads: :func:`marked_boxes`)."""
    return "hare" in cls and SHARE_BAR_RE.search(cls) is not None and (
        len(box.text_content().strip()) <= SHARE_BAR_MAX_CHARS
    )


def marked_boxes(tree: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """("ask", a box asking readers to donate or sign up, or a promotion: see DONATION_RE),
    ("share", a share bar: :func:`_share_bar`), ("table", a table in a box classed as an embed:
    :func:`_table_embed`) and ("post card", an
    embedded post written as divs that holds a div of running text: see POST_CARD_CLASSES),
    found in one walk over the boxes that have a class or id; in the same walk, for the rules
    that judge them, ("pull quote", a box classed as one: :func:`unique_pull_quotes`),
    ("aside", every aside: :func:`key_point_boxes`), ("icon", a block of running text whose
    class holds "-icon": :func:`icon_parts`), ("meta", a block of running text whose class holds
    "meta": META_CLASS_RE), ("author", a box marked as the author:
    :func:`author_boxes`) and ("foot", a footer: FOOT_TOKEN_RE); a paywall's offer is an "ask"
    (PAYWALL_RE)."""
    found = []
    for box in tree.iter(*BOX_TAGS):
        if box.tag == "aside":
            found.append(("aside", box))  # judged by key_point_boxes
        if box.get("itemprop") == "author":
            found.append(("author", box))  # judged by author_boxes
        cls, id_ = box.get("class") or "", box.get("id") or ""
        if not cls and not id_:
            continue
        marks = f"{cls} {id_}".lower()
        if not BOX_MARK_WORDS.search(marks):  # none of the words the tests below need: most boxes
            continue
        if any(word in marks for word in DONATION_WORDS) and (  # cheap first
            box.tag in DONATION_TAGS
            and DONATION_RE.search(marks) and len(box.text_content()) <= DONATION_MAX_CHARS
        ) or _paywall_offer(box, marks):
            found.append(("ask", box))
        elif box.tag in POST_CARD_TAGS and POST_CARD_CLASSES.intersection(cls.split()) and any(
            _text_div(div) for div in box.iter("div")
        ):
            found.append(("post card", box))
        elif _pull_quote_class(cls):
            found.append(("pull quote", box))  # judged by unique_pull_quotes
        elif _share_bar(box, cls):
            found.append(("share", box))
        elif "mbed" in cls and box.tag in ("figure", "div") and _table_embed(box):
            found.append(("table", box))
        elif "-icon" in cls and box.tag in ICON_TAGS and _has_running_text(box):
            found.append(("icon", box))  # with the blocks of its class: icon_parts
        elif "meta" in cls and box.tag in ICON_TAGS and _running_paragraphs(box, META_MIN_PARAGRAPHS):
            found.append(("meta", box))
        elif "foot" in marks and FOOT_TOKEN_RE.search(marks) and not _has_running_text(box):
            found.append(("foot", box))  # judged by running_text_cuts
        elif "player" in cls.lower() and PLAYER_TOKEN_RE.search(cls.lower()) and not _has_running_text(box):
            found.append(("foot", box))  # a player's box, as a footer
    return found


def _table_embed(box: HtmlElement) -> bool:
    """Whether a box classed as an embed (trafilatura deletes a class holding ``embed`` as an
    embedded post or player) holds a table of the story instead: a ``<table>`` with a row of
    two cells or more, and no ``<iframe>``, ``<script>`` or ``<blockquote>`` of the embed."""
    return box.find(".//table//td/../td[2]") is not None and all(
        box.find(f".//{tag}") is None for tag in ("iframe", "script", "blockquote")
    )


def _paywall_offer(box: HtmlElement, marks: str) -> bool:
    """A paywall's offer (see PAYWALL_RE); ``marks`` are its class and id, lowercased."""
    return "aywall" in marks and (  # cheap first
        box.tag in DONATION_TAGS and PAYWALL_RE.search(marks) is not None
        and len(box.text_content()) <= DONATION_MAX_CHARS and not _has_running_text(box)
    )


def _pull_quote_class(cls: str) -> bool:
    """Whether a class names a pull quote (PULL_QUOTE_CLASS_RE; a substring test first)."""
    return "ull" in cls and PULL_QUOTE_CLASS_RE.search(cls) is not None


def _pull_quote_text(quote: HtmlElement) -> str:
    """A pull quote's words without its attribution (see PULL_QUOTE_NOT_RE)."""
    copy = deepcopy(quote)
    for elem in [e for e in copy.iterdescendants() if isinstance(e.tag, str)]:
        if elem.getparent() is not None and (
            elem.tag in ("cite", "figcaption", "footer") or PULL_QUOTE_NOT_RE.search(_class_and_id(elem))
        ):
            elem.drop_tree()
    return " ".join(copy.text_content().split())


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = WORD_RE.findall(text.casefold())
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}


def unique_pull_quotes(tree: HtmlElement, quotes: list[HtmlElement]) -> list[HtmlElement]:
    """The pull quotes among ``quotes`` that repeat no paragraph of the page (see
    PULL_QUOTE_MIN_WORDS)."""
    quotes = [q for q in quotes if not any(a in quotes for a in q.iterancestors())]
    if not quotes:
        return []
    inside = {e for q in quotes for e in q.iter()}
    # the words of the page's other paragraphs and list items in one string
    words = " ".join(p.text_content() for p in tree.iter("p", "li") if p not in inside)
    page = f" {NON_WORD_RE.sub(' ', words.casefold())} "
    found = []
    for quote in quotes:
        text = _pull_quote_text(quote)
        grams = _trigrams(text)
        repeated = sum(1 for gram in grams if f" {' '.join(gram)} " in page)
        if len(text.split()) >= PULL_QUOTE_MIN_WORDS and repeated < PULL_QUOTE_REPEATED * len(grams):
            found.append(quote)
    return found


def _link_chars(elem: HtmlElement) -> int:
    return sum(len(a.text_content().strip()) for a in elem.iter("a"))


def _prose(elem: HtmlElement | None) -> bool:
    """Whether an element holds running text: RUNNING_TEXT_CHARS of text, at most half of it links."""
    if elem is None or not isinstance(elem.tag, str):
        return False
    length = len(elem.text_content().strip())
    return length >= RUNNING_TEXT_CHARS and _link_chars(elem) <= 0.5 * length


def inline_divs(tree: HtmlElement) -> list[HtmlElement]:
    """The page's divs of inline content only (text and INLINE_TAGS, at any depth), found once
    for the rules that ask it of most divs (an XPath of it costs more than this walk)."""
    return [
        div for div in tree.iter("div")
        if all(e.tag in INLINE_TAGS for e in div.iterdescendants() if isinstance(e.tag, str))
    ]


def _paragraph_inside(div: HtmlElement, inline: set[HtmlElement]) -> Any:
    """The paragraph a div holds, through wrapper divs with nothing else: the <p>, or the
    innermost div when its content is inline (text and INLINE_TAGS: in ``inline``, the page's
    :func:`inline_divs`); None for other content."""
    node = div
    while True:
        if node in inline:
            return node
        if len(node) > 1 and isinstance(node[0].tag, str) and isinstance(node[1].tag, str):
            return None  # two elements or more: most containers, told cheaply
        children = [c for c in node if isinstance(c.tag, str)]
        if len(children) != 1 or (node.text or "").strip() or (children[0].tail or "").strip():
            return None
        node = children[0]
        if node.tag == "p":
            return node
        if node.tag != "div":
            return None


def _titled_box(div: HtmlElement) -> bool:
    """Whether the div is a box's text under the box's own heading ("About the author", "Note")
    or a teaser's under its headline link: the nearest ancestor that holds more than it holds
    nothing else but headings, links and images."""
    node = div
    parent = node.getparent()
    while parent is not None and sum(1 for c in parent if isinstance(c.tag, str)) == 1:
        node, parent = parent, parent.getparent()
    if parent is None:
        return False
    others = [c for c in parent if isinstance(c.tag, str) and c is not node]
    return all(c.tag in ("h1", *SUBHEADINGS) or _link_chars(c) >= len(c.text_content().strip())
               for c in others)


def _class_and_id(elem: HtmlElement) -> str:
    return " ".join(filter(None, (elem.get("class"), elem.get("id"))))


def _reads_as_a_sentence(div: HtmlElement, text: str) -> bool:
    """Whether a div's ``text`` is a paragraph's: one or more sentences of PARAGRAPH_MIN_WORDS
    words or more, at most PARAGRAPH_LINK_SHARE of it link text, no link a call to action."""
    return (
        length_in_words(text) >= PARAGRAPH_MIN_WORDS
        and SENTENCE_END_RE.search(text) is not None
        and _link_chars(div) <= PARAGRAPH_LINK_SHARE * len(text)
        and not any(CALL_TO_ACTION_RE.match(" ".join(a.text_content().split())) for a in div.iter("a"))
    )


def _boxed(div: HtmlElement, marked: Iterable[HtmlElement]) -> bool:
    """Whether one of ``marked`` (the div and its wrappers) is marked as a box (PARAGRAPH_NOT_RE),
    or the div sits in a paragraph or in what LEAD_NOT_TAGS names."""
    return any(PARAGRAPH_NOT_RE.search(_class_and_id(e)) for e in marked) or any(
        e.tag in LEAD_NOT_TAGS or e.tag == "p" for e in div.iterancestors()
    )


def _beside(elem: HtmlElement, test: Callable[[Any], bool]) -> bool:
    """Whether a sibling of the element, or of one of its PARAGRAPH_CONTEXT_LEVELS nearest
    ancestors, passes ``test``."""
    node = elem
    for _ in range(PARAGRAPH_CONTEXT_LEVELS):
        if any(test(sibling) for sibling in node.itersiblings()) or any(
            test(sibling) for sibling in node.itersiblings(preceding=True)
        ):
            return True
        node = node.getparent()
        if node is None or node.tag == "body":
            return False
    return False


def _paragraph_beside(elem: Any) -> bool:
    """Whether an element is or holds a <p> of running text."""
    return isinstance(elem.tag, str) and (
        _running_text(elem) or (elem.tag in CONTAINER_TAGS and _has_running_text(elem))
    )


def linked_paragraphs(
    tree: HtmlElement, inline: list[HtmlElement] | None = None
) -> list[tuple[HtmlElement, HtmlElement]]:
    """Short paragraphs with a link written as divs (see SHORT_LINKED_MAX_CHARS): the outermost
    div and the paragraph inside it (a <p>, or the div itself or an inner div of inline content).
    ``inline``: the page's :func:`inline_divs`, when the caller has them."""
    found = []
    taken: set[HtmlElement] = set()
    inline_set = set(inline_divs(tree) if inline is None else inline)
    for div in tree.iter("div"):
        if div in taken or not len(div):
            continue
        inner = _paragraph_inside(div, inline_set)  # first: a container of blocks is no paragraph, cheaply
        if inner is None or inner.find(".//a[@href]") is None:
            continue
        text = " ".join(div.text_content().split())
        if len(text) >= SHORT_LINKED_MAX_CHARS or not _reads_as_a_sentence(div, text):
            continue
        if _boxed(div, (div, *div.iterdescendants("div"))) or _titled_box(div):
            continue
        if _beside(div, _prose):
            found.append((div, inner))
            taken.update(div.iterdescendants("div"))
    return found


# A link to a document file (a path ending in one of these), not to another story; multiline,
# to be searched for in all of a page's link addresses at once first (most pages link to none).
DOCUMENT_LINK_RE = re.compile(
    r"\.(?:pdf|docx?|xlsx?|csv|pptx?|odt|ods|txt)(?:[?#]|$)", re.IGNORECASE | re.MULTILINE
)
HREFS = etree.XPath("//a/@href", smart_strings=False)


def document_lists(tree: HtmlElement) -> list[HtmlElement]:
    """Lists (``<ul>``/``<ol>``) of links to documents among a story's paragraphs: every item
    holds one link and every link's path ends in a document's extension (DOCUMENT_LINK_RE: the
    letter as a PDF, the filings, the data), and a sibling of the list or of one of its three
    nearest ancestors holds running text. Precision mode deletes such a list as a list of links,
    as it deletes a list of related stories; a story's documents are its sources. Found from the
    page's links (most pages link to no document), not by a walk of every list."""
    found: list[HtmlElement] = []
    if not DOCUMENT_LINK_RE.search("\n".join(HREFS(tree))):
        return found
    for link in tree.iter("a"):
        href = link.get("href")
        if not href or not DOCUMENT_LINK_RE.search(href.split("#")[0]):
            continue
        item = link.getparent()
        lst = item.getparent() if item is not None and item.tag == "li" else None
        if lst is None or lst.tag not in KEY_POINTS_LISTS or (found and found[-1] is lst):
            continue
        items = [li for li in lst if isinstance(li.tag, str)]
        if items and all(
            li.tag == "li" and len(links := li.findall(".//a")) == 1
            and DOCUMENT_LINK_RE.search((links[0].get("href") or "").split("#")[0])
            for li in items
        ) and _beside(lst, _paragraph_beside):
            found.append(lst)
    return found


def text_divs(tree: HtmlElement, inline: list[HtmlElement] | None = None) -> list[HtmlElement]:
    """Paragraphs written as divs of inline content among the <p>s of a story: a div of
    :func:`inline_divs` that reads as a sentence (:func:`_reads_as_a_sentence`), is not boxed
    (:func:`_boxed`) nor a titled box's text, and has a paragraph of running text beside it
    (:func:`_beside`): precision mode reads the text of divs only when the page's paragraphs
    hold little. ``inline``: the page's :func:`inline_divs`, when the caller has them."""
    return [
        div for div in (inline_divs(tree) if inline is None else inline)
        if _reads_as_a_sentence(div, " ".join(div.text_content().split()))
        and not _boxed(div, (div, *div.iterancestors()))
        and not _titled_box(div) and _beside(div, _paragraph_beside)
    ]


def _text_div(div: HtmlElement) -> bool:
    """A div of running text alone, no child element."""
    return not len(div) and bool(div.text) and len(div.text.strip()) >= RUNNING_TEXT_CHARS


def block_tails(tree: HtmlElement) -> list[HtmlElement]:
    """Blocks inside running text whose tail is running text (see TAIL_BLOCKS)."""
    found = []
    for block in tree.iter(*TAIL_BLOCKS):
        tail = block.tail
        if not tail or len(tail.strip()) < RUNNING_TEXT_CHARS:
            continue
        parent = block.getparent()
        if parent is None or parent.tag == "p":
            continue
        if any(_running_text(e) for e in parent.iterchildren("p")) or block.tag != "span" and any(
            child is not block and child.tail and len(child.tail.strip()) >= RUNNING_TEXT_CHARS
            for child in parent
        ):
            found.append(block)
    return found


def _has_running_text(elem: HtmlElement) -> bool:
    return any(len(p.text_content().strip()) >= RUNNING_TEXT_CHARS for p in elem.iter("p"))


def _running_paragraphs(elem: HtmlElement, least: int) -> bool:
    """Whether ``elem`` holds at least ``least`` paragraphs of running text."""
    count = 0
    for p in elem.iter("p"):
        count += len(p.text_content().strip()) >= RUNNING_TEXT_CHARS
        if count >= least:
            return True
    return False


def _article_of(elem: HtmlElement) -> Any:
    return next(elem.iterancestors("article"), None)


def _common_ancestor(elems: list[HtmlElement]) -> Any:
    shared = set(elems[0].iterancestors())
    for elem in elems[1:]:
        shared &= set(elem.iterancestors())
    return next((a for a in elems[0].iterancestors() if a in shared), None)


def _titled(part: HtmlElement) -> bool:
    """Whether a heading that links elsewhere comes before the part's running text (a post's
    title on a blog's front page)."""
    for elem in part.iter("p", "h1", "h2", "h3", "h4"):
        if elem.tag == "p":
            if _running_text(elem):
                return False
        elif elem.find(".//a[@href]") is not None:
            return True
    return False


def _linked_heading_between(container: HtmlElement, parts: list[HtmlElement]) -> bool:
    """Whether a heading that links elsewhere (another post's title) sits between the parts."""
    order = {e: i for i, e in enumerate(container.iter())}
    first, last = order[parts[0]], order[parts[-1]]
    inside = {e for part in parts for e in part.iter()}
    return any(
        first < order[h] < last and h not in inside and h.find(".//a[@href]") is not None
        for h in container.iter("h1", "h2", "h3", "h4")
    )


def split_bodies(tree: HtmlElement) -> list[tuple[HtmlElement, list[HtmlElement], str]]:
    """Article bodies split over containers of one class (see BODY_CLASS_RE): the smallest
    element holding them all, the containers in page order and their class, for each."""
    counts: dict[str, int] = {}
    for value in PART_CLASSES(tree):
        counts[value] = counts.get(value, 0) + 1
    found = []
    for value, count in counts.items():
        if count < 2 or not (value in BODY_CLASSES or BODY_CLASS_RE.search(value)):
            continue
        elems = [e for e in tree.iter(*PART_TAGS) if e.get("class") == value]
        outer = [e for e in elems if not any(a in elems for a in e.iterancestors())]
        parts = [e for e in outer if _has_running_text(e)]
        if len(parts) < 2 or len({_article_of(e) for e in parts}) > 1:
            continue
        container = _common_ancestor(parts)
        if container is None or container.tag not in CONTAINER_TAGS:
            continue
        if any(_titled(part) for part in parts) or _linked_heading_between(container, parts):
            continue
        found.append((container, parts, value))
    return found


def _twin(elem: HtmlElement, root: HtmlElement, copy: HtmlElement) -> Any:
    """The element of ``copy`` (a deep copy of ``root``) at ``elem``'s place in ``root``
    (None for an element outside ``root``: the searches read the whole document)."""
    steps = []
    while elem is not root:
        parent = elem.getparent()
        if parent is None:
            return None
        steps.append(parent.index(elem))
        elem = parent
    for step in reversed(steps):
        copy = copy[step]
    return copy


def _drop_class_tokens(elem: HtmlElement, test: Callable[[str], Any]) -> None:
    """Take the tokens that pass ``test`` out of ``elem``'s class (a box mark trafilatura reads)."""
    elem.set("class", " ".join(t for t in elem.get("class", "").split() if not test(t)))


def undo_running_text_cuts(tree: HtmlElement) -> HtmlElement:
    """``tree`` itself when favor_precision cuts nothing from its running text and reads its
    whole body, else a copy where those cuts cannot happen (see RUNNING_TEXT_CHARS above)
    and a body split over containers is one (see BODY_CLASS_RE)."""
    cuts, bodies = running_text_cuts(tree), split_bodies(tree)
    if not cuts and not bodies:
        return tree
    page, tree = tree, deepcopy(tree)
    # the copy's twins of the elements found, taken before the copy changes shape
    cuts = [(kind, twin) for kind, elem in cuts if (twin := _twin(elem, page, tree)) is not None]
    bodies = [
        (_twin(c, page, tree), [_twin(p, page, tree) for p in parts], v)
        for c, parts, v in bodies
        if _twin(c, page, tree) is not None
    ]
    for container, parts, value in bodies:
        for part in parts:
            del part.attrib["class"]
        container.set("class", value)
    # put right after their header last: the leads in reverse order, then a subheading before them
    last = ("lead", "section head")
    leads = [cut for cut in cuts if cut[0] == "lead"]
    heads = [cut for cut in cuts if cut[0] == "section head"]
    for kind, elem in [cut for cut in cuts if cut[0] not in last] + leads[::-1] + heads:
        if kind == "marked":
            for attr, value in _box_marks(elem).items():
                elem.set(attr, value)
        elif kind == "empty":
            if elem.getparent() is not None:
                elem.drop_tag()
        elif kind in last:
            header = list(elem.iterancestors("header"))[-1]  # the outermost: all of it goes
            if header.getparent() is not None:
                lead = deepcopy(elem)
                lead.tail = None
                header.addnext(lead)  # leads come last in reverse order: they end up in order
        elif kind == "tail":
            if elem.getparent() is not None and elem.tail:
                paragraph = etree.Element("p")
                paragraph.text, elem.tail = elem.tail, None
                # the inline elements after the tail up to the next block belong to its sentence
                while (following := elem.getnext()) is not None and following.tag in TAIL_INLINE:
                    paragraph.append(following)
                elem.addnext(paragraph)
        elif kind in ("ask", "share", "backlink", "author box", "links box"):
            if elem.getparent() is not None:
                elem.drop_tree()  # keeps its tail
        elif kind == "post card":
            for div in list(elem.iter("div")):
                if _text_div(div):
                    div.tag = "p"  # the post's text
            for link in list(elem.iter("a")):
                link.drop_tag()
        elif kind == "text div":
            elem.tag = "p"
        elif kind == "key points":
            elem.tag = "div"
        elif kind == "pull quote":
            if elem.getparent() is not None:
                plain = etree.Element("blockquote")
                etree.SubElement(plain, "p").text = _pull_quote_text(elem)
                plain.tail = elem.tail
                elem.getparent().replace(elem, plain)
        elif kind == "expanded":
            _drop_class_tokens(elem, EXPANDED_CLASS_RE.search)
        elif kind == "table":
            _drop_class_tokens(elem, lambda token: "embed" in token.lower())
        elif kind == "icon":
            _drop_class_tokens(elem, ICON_CLASS_RE.search)
        elif kind == "meta":
            _drop_class_tokens(elem, META_CLASS_RE.search)
        elif kind == "paragraph":
            for link in list(elem.iter("a")):
                link.drop_tag()
        elif kind == "embed":
            parent = elem.getparent()
            if parent is not None:
                quote = next(elem.iter("blockquote"))
                quote.tail = elem.tail
                parent.replace(elem, quote)
        else:
            for link in list(elem.iter("a")):
                if link.getparent() is None:
                    continue
                if not link.text_content().strip() or _permalink(link):
                    link.drop_tree()  # keeps its tail
                elif kind == "heading":
                    link.drop_tag()
    return tree


def extract_text(
    tree: HtmlElement,
    url: str | None = None,
    *,
    with_metadata: bool = True,
    live_blog: bool | None = None,
) -> tuple[str, Any]:
    """Main text (paragraphs joined by blank lines) and trafilatura's Document.

    ``with_metadata=False`` skips trafilatura's metadata search (``extract_article`` reads
    the metadata it needs itself); the Document then carries the text only. trafilatura
    copies the tree, so ``tree`` is left as it was; the precision pass reads a copy where its
    cuts into running text are undone (:func:`undo_running_text_cuts`). ``live_blog`` says
    whether the page is a live blog, when the caller knows (:func:`is_live_blog` otherwise).
    """
    text, _, doc = extract_texts(tree, url, with_metadata=with_metadata, live_blog=live_blog)
    return text, doc


def extract_texts(
    tree: HtmlElement,
    url: str | None = None,
    *,
    with_metadata: bool = True,
    live_blog: bool | None = None,
) -> tuple[str, str, Any]:
    """:func:`extract_text`'s text, the precision pass's own text (the same text unless a
    second opinion replaced it: the page type is also judged on it) and the Document."""
    first = undo_running_text_cuts(tree) if TRAFILATURA_OPTIONS.get("favor_precision") else tree
    # a copy made for this reading is given away to it (not copied again); the lists' test, asked
    # while the reading changes that copy, reads the page as it came (its lists are the same)
    again = None if first is tree else functools.partial(undo_running_text_cuts, tree)
    try:
        options = {"url": url, "with_metadata": with_metadata, "output_format": "python"}
        doc = onepass.bare_extraction(
            first, lambda body: _body_needs_comparison(body) or _lists_left_out(body, tree),
            again, **options, **TRAFILATURA_OPTIONS,
        )
    except Exception:  # trafilatura raising on odd markup must not stop a crawl
        LOGGER.debug("trafilatura failed on %s", url, exc_info=True)
        doc = None
    text = _paragraphs(doc_field(doc, "text"))
    own = text
    if (
        RECALL_FALLBACK_RATIO
        and len(text) < RECALL_FALLBACK_MAX_CHARS
        and not TRAFILATURA_OPTIONS.get("favor_recall")
    ):
        text = _second_opinion(text, tree, url, favor_recall=True, favor_precision=False)
    slideshow = len(text) < RECALL_FALLBACK_MAX_CHARS and caption_chars(tree) > len(text)
    if (
        RECALL_FALLBACK_RATIO
        and TRAFILATURA_OPTIONS.get("favor_precision")
        and ((is_live_blog(tree) if live_blog is None else live_blog) or slideshow)
    ):
        # balanced settings, measured against the precision pass's own text: a recall text
        # that replaced it (the page's header and menus read in) does not stand in their way
        read = captions_as_paragraphs(tree) if slideshow else tree
        balanced = _second_opinion(own, read, url, favor_precision=False)
        if balanced is not own:
            text = balanced
    same = own is text
    text = _without_furniture(text, tree)
    own = text if same else _without_furniture(own, tree)
    return text, own, doc


def _without_furniture(text: str, tree: HtmlElement) -> str:
    """A reading's text without the lines of the page's furniture it read in: pointers to other
    stories, advertisement labels, other content after the story, a paywall's offer, a podcast's
    promotion, a press release's company boilerplate and the lines that close no story."""
    text = drop_other_content_tail(drop_ad_labels(drop_link_leadins(text, tree)))
    return drop_closing_lines(drop_company_boilerplate(drop_podcast_promo(drop_paywall_offer(text))))


def _second_opinion(text: str, tree: HtmlElement, url: str | None, **changes: bool) -> str:
    """trafilatura's text of the page with ``changes`` to the settings, when ``text`` is
    shorter than RECALL_FALLBACK_RATIO of it; else ``text``."""
    second = _paragraphs(doc_field(_bare(tree, url, False, **{**TRAFILATURA_OPTIONS, **changes}), "text"))
    return second if len(text) < RECALL_FALLBACK_RATIO * len(second) else text


def captions_as_paragraphs(tree: HtmlElement) -> HtmlElement:
    """``tree`` itself when no caption (``<figcaption>``) holds a block (a ``<p>`` or ``<div>``),
    else a copy where each figure with a caption and no figure inside it is a paragraph for each
    of its caption's blocks (the slide's counter and credit around them left out). trafilatura
    reads a caption's own text in its balanced reading, but drops one whose text is a ``<p>``
    inside it (a TV station's slideshow: ``<figcaption><span>1 / 6</span><p>Caption</p>
    <span>(Credit)</span></figcaption>``), and unwrapping those blocks makes it read the whole
    article block as one line (header and share bar in it)."""
    captions = list(tree.iter("figcaption"))
    if not any(cap.find(".//p") is not None or cap.find(".//div") is not None for cap in captions):
        return tree
    tree = deepcopy(tree)
    for caption in list(tree.iter("figcaption")):
        figure = next(caption.iterancestors("figure"), None)
        if figure is None or figure.getparent() is None or figure.find(".//figure") is not None:
            continue
        blocks = caption.findall(".//p") or caption.findall(".//div") or [caption]
        parent, at, tail = figure.getparent(), figure.getparent().index(figure), figure.tail
        parent.remove(figure)
        for offset, block in enumerate(blocks):
            paragraph = parent.makeelement("p", {})
            paragraph.text = " ".join(" ".join(block.itertext()).split())  # its parts apart
            parent.insert(at + offset, paragraph)
        paragraph.tail = tail
    return tree


def caption_chars(tree: HtmlElement) -> int:
    """The characters of the page's captions (``<figcaption>``), white space runs made one."""
    return sum(len(" ".join(caption.text_content().split())) for caption in tree.iter("figcaption"))


def is_live_blog(tree: HtmlElement, html: str | None = None) -> bool:
    """Whether the page marks itself as a live blog (see LIVE_BLOG_MARKS). With the page's
    ``html``, a page that does not hold the type's name is answered without a walk of the tree
    (0.4 ms a page)."""
    if html is not None and LIVE_BLOG_TYPE not in html:
        return False
    return bool(LIVE_BLOG_MARKS(tree))


def drop_ad_labels(text: str) -> str:
    """The text without paragraphs that are only an advertisement's label (AD_LABEL_RE)."""
    paragraphs = text.split("\n\n")
    kept = [p for p in paragraphs if not AD_LABEL_RE.match(p)]
    return "\n\n".join(kept) if len(kept) < len(paragraphs) else text


# The lines a story closes with, no part of it: a Chinese wire's end mark "（完）", other
# agencies' marks (WIRE_END_RE: Iranian agencies' "انتهای پیام", end of the message; wires'
# "(END)", "-30-", "###"), and the reporter's e-mail address alone or after up to three words
# ("mjkim@yna.co.kr", "워싱턴/이서연 특파원 seoyeon@hani.co.kr"), with the short lines after
# them (a handle: "twitter.com/jroe").
# Not copyright lines: the article benchmark's truth keeps them ("© Reuters", "저작권자 ⓒ ...,
# 무단전재 및 재배포금지")
END_MARK_RE = re.compile(r"\s*[（(]\s*完\s*[）)]\s*$")
WIRE_END_RE = re.compile(r"^[\W_]*(?:انتهای پیام|END)[\W_]*$|^-30-$|^#{3}$")
CLOSING_TAIL_MAX_CHARS = 40  # a line after it
CLOSING_LINES = 3  # the last lines looked at
EMAIL_LINE_RE = re.compile(r"(?:\S+\s+){0,3}[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# An invitation to follow the outlet on a messaging app or news reader, as South and Southeast
# Asian papers close their stories: "Follow us on Google News", "Pilih saluran andalanmu akses
# berita ... WhatsApp Channel", "Mari bergabung di Grup Telegram ..." (tests/asiaweb): the app's
# name and a word for channel, follow or join, in a line of at most CHANNEL_LINE_MAX_CHARS
CHANNEL_APP_RE = re.compile(
    r"whatsapp|telegram|google news|line oa|व्हाट्सएप|হোয়াটসঅ্যাপ|واٹس ایپ|ٹیلی گرام", re.IGNORECASE
)
CHANNEL_WORD_RE = re.compile(
    r"channel|saluran|kanal|follow|join|subscribe|ikuti|gabung|sertai|चैनल|फॉलो|"
    r"চ্যানেল|ফলো|چینل|فالو|ติดตาม",
    re.IGNORECASE,
)
CHANNEL_LINE_MAX_CHARS = 250
# An invitation to the outlet's newsletter closing the story: a line of at most
# NEWSLETTER_LINE_MAX_CHARS naming a newsletter ("newsletter", Spanish "boletín", French
# "infolettre", ...) and a word for signing up or receiving it ("¿Quiere recibir nuestros
# boletines? Inscríbase aquí", a Colombian daily's, tests/romweb; "Sign up for our newsletter").
NEWSLETTER_NAME_RE = re.compile(
    r"newsletter|bolet[ií]n|boletines|infolettre|lettre d'information|nieuwsbrief|nyhetsbrev|zpravodaj|"
    r"рассылк", re.IGNORECASE
)
NEWSLETTER_SIGN_UP_RE = re.compile(
    r"sign\s*up|subscribe|get\b|receive|inscr[ií]b|suscr[ií]b|recibir|recib[ae]|abonn|inscri|anmelden|"
    r"abonnieren|iscriviti|ricevere|assine|cadastre|receber|aanmelden|prenumerera|registr",
    re.IGNORECASE,
)
NEWSLETTER_LINE_MAX_CHARS = 120
# or a short line that ends with the call to sign up ("The news that matters to the Valley, every
# weekday morning. Subscribe for free.", a newsletter box's pitch, tests/syndweb)
# (also in other languages: "Přihlaste se k odběru.", a Czech daily's box under its heading
# "Denní zpravodaj", tests/slavweb; "Abonnez-vous.", "Suscríbase aquí.", "Zapisz się.")
SIGN_UP_CALL_RE = re.compile(
    r"(?:^|[.!?]\s+)(?:subscribe|sign\s+up|přihlaste\s+se(?:\s+k\s+odběru)?|zapisz\s+się|подпишитесь|"
    r"підпишіться|abonnez-vous|inscrivez-vous|suscr[ií]bete|suscr[ií]base|inscr[ií]bete|inscr[ií]base|"
    r"iscriviti|inscreva-se|jetzt\s+abonnieren|abonnieren\s+sie)"
    r"(?:\s+(?:now|today|here|for\s+free|free|aquí|ici|qui|aqui|zdarma|za\s+darmo))*\s*[.!]?$",
    re.IGNORECASE,
)
# The heading of a newsletter's box, left last once its pitch is gone ("Denní zpravodaj
# iZprávy.cz", "The Daily newsletter"): a line of at most NEWSLETTER_HEADING_MAX_CHARS naming a
# newsletter and ending no sentence
NEWSLETTER_HEADING_MAX_CHARS = 60
# A newsletter published as an article asks its readers to subscribe to "this newsletter": a line
# of the newsletter itself, which the article benchmark's truth keeps (a tech newsletter's last
# line), not an invitation to another one.
THIS_NEWSLETTER_RE = re.compile(r"\bthis newsletter\b", re.IGNORECASE)
# A public broadcaster's note on when its programme reported the story, closing the web copy:
# "Über dieses Thema berichtete die tagesschau am 22. Januar 2026 um 20:00 Uhr." (the German ARD
# networks' sites write it under their stories, tests/dachweb)
BROADCAST_NOTE_RE = re.compile(r"über dieses thema berichtete\b.{1,120}", re.IGNORECASE)
# A typo-report widget's prompt, in any language the key names stay in: "Pamanīji kļūdu? Iezīmē
# tekstu un nospied Ctrl+Enter!" (a Latvian broadcaster's, tests/nordweb), "Нашли ошибку?
# Выделите текст и нажмите Ctrl+Enter", "Found a typo? Select it and press Ctrl+Enter"
TYPO_PROMPT_RE = re.compile(r"\bctrl\s*\+\s*enter\b", re.IGNORECASE)
TYPO_PROMPT_MAX_CHARS = 150
# An offer to license or reprint the story, as El País-like dailies close theirs ("Si está
# interesado en licenciar este contenido, pinche aquí": tests/romweb, tests/magweb), in a line of
# at most LICENSING_LINE_MAX_CHARS
LICENSING_LINE_RE = re.compile(
    r"licenciar este contenido|licens(?:e|ing) this (?:content|article|story)"
    r"|reprints? (?:and|&) permissions",
    re.IGNORECASE,
)
LICENSING_LINE_MAX_CHARS = 120
# A note that the story ran first elsewhere, as a partner or a Creative Commons republisher
# prints it under (or above) the copy: "This story originally appeared in The Riverside Times.
# Republished with permission.", "This article was originally published by X and is republished
# here under a Creative Commons license." (tests/syndweb), and a nonprofit newsroom's offer to
# republish ("Republish our articles for free"), in a line of at most REPUBLICATION_LINE_MAX_CHARS:
# the origin is the copy's credit, not a sentence of the story
# The note names where the story first ran and that it is republished with permission or under
# Creative Commons, or opens with "Republished with permission". A note that only says where the
# story first ran ("This article originally appeared on Time.com.") stays: the article
# benchmark's truth keeps such a line (three of the 677 corpus pages; dropping them put a
# held-out body figure under its floor).
# So is a partner's co-publishing note ("This article is co-published with Public Ledger, a
# nonprofit newsroom that investigates abuses of power. Sign up for Dispatches, ...", as
# ProPublica's partners print it under the summary: tests/anglweb), and a paper's note over a
# press release or sponsored content it runs from a feed, that its
# newsroom had no part in it ("This press release is provided by NewsRelease Wire. The Heartland
# Courier newsroom was not involved in its creation.", tests/syndweb; the AP's "The AP news staff
# was not involved in its creation.").
REPUBLICATION_LINE_RE = re.compile(
    r"\b(?:originally|first)\b.*\b(?:republished|reprinted)\s+(?:here\s+)?"
    r"(?:with\s+permission|under\s+(?:a|the)\s+creative\s+commons)"
    r"|^\W*(?:republished|reprinted)\s+with\s+permission\b"
    r"|\brepublish\s+(?:our|this)\s+(?:articles?|stor(?:y|ies))\b"
    r"|\b(?:news\s*room|news\s+staff|editorial\s+(?:staff|team|department)|journalists)\b[^.]{0,40}"
    r"\b(?:was|were)\s+not\s+involved\s+in\s+(?:its|the)\s+(?:creation|production)\b"
    r"|^\W*this\s+(?:article|story|report|investigation)\s+(?:is|was)\s+co-?published\s+with\b",
    re.IGNORECASE,
)
REPUBLICATION_LINE_MAX_CHARS = 300
# An editor's line closing a Chinese story, as the wires and portals sign their copies:
# "（編輯：李佳穎）1150123" (Taiwan's CNA, with its date code: tests/cjkweb), "（责任编辑：张三）",
# "责任编辑：" (its name left out), "责编：王五"; not the story's reporter, whose credit stays
EDITOR_LINE_RE = re.compile(
    r"[（(]?\s*(?:责任编辑|責任編輯|编辑|編輯|责编|責編)\s*[：:]\s*[^\s（）()：:。，,][^（）()：:。，,]{0,20}?\s*"
    r"[）)]?\s*\d{0,10}|(?:责任编辑|責任編輯)\s*[：:]"
)
# A wire's source line with the desk editor's initials after a slash, closing an Asian paper's
# copy: "Source: Reuters/ac", "Source: AFP/Reuters/ec", "Source: CNA/lk" (tests/asiaweb); a source
# line without such a code ("Source: Amazon.co.jp", a study's reference) is the story's own
SOURCE_CODE_LINE_RE = re.compile(
    r"[Ss]ources?\s*:\s*[A-Z][\w&.' -]{0,30}(?:/[A-Z][\w&.' -]{0,30})*/[a-z]{1,4}(?:\([a-z]{1,4}\))?"
)
# A platform's statement under a post that one of its users published: "特别声明：以上内容(如有图片
# 或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，本平台仅提供信息存储服务。" (the Chinese
# portals' account pages, tests/cjkweb), "声明：该文观点仅代表作者本人，...仅提供信息存储空间服务。"
PLATFORM_STATEMENT_RE = re.compile(
    r"(?:特别声明|特別聲明|声明|聲明|免责声明|免責聲明)\s*[：:].*(?:仅提供信息存储|僅提供信息存儲|仅提供信息发布|僅提供資訊)"
)
PLATFORM_STATEMENT_MAX_CHARS = 200
# A finance portal's disclaimer under its market news, that the story is no advice to invest:
# "Hinweis: Diese Nachricht ist keine Anlageempfehlung. Für Ihre Anlageentscheidung sind Sie
# selbst verantwortlich." (a German portal's dpa-AFX copy, tests/dachweb), "This article does not
# constitute investment advice.", in a line of at most INVESTMENT_DISCLAIMER_MAX_CHARS
INVESTMENT_DISCLAIMER_RE = re.compile(
    r"keine\s+anlage(?:empfehlung|beratung)|(?:not|no)\s+(?:constitute\s+|a\s+)?(?:investment|financial)\s+advice"
    r"|ne\s+constitue\s+pas\s+un\s+conseil\s+en\s+investissement"
    r"|no\s+constituye\s+(?:una\s+)?(?:recomendaci[óo]n|asesor[íi]a)\s+de\s+inversi[óo]n"
    r"|non\s+costituisce\s+(?:una\s+)?(?:consulenza|raccomandazione|sollecitazione)",
    re.IGNORECASE,
)
INVESTMENT_DISCLAIMER_MAX_CHARS = 300
# A nonprofit newsroom's note of its funders under every story: "Disclosure: Google, Meta and
# Microsoft have been financial supporters of The Lone Star Report, a nonprofit, nonpartisan news
# organization. Financial supporters play no role in our journalism." (as the Texas Tribune
# writes it, and papers that republish it: tests/localweb); a writer's own disclosure stays
FUNDERS_DISCLOSURE_RE = re.compile(
    r"^\W*disclosures?\s*:.{0,300}?\b(?:has|have)\s+been\s+(?:a\s+)?financial\s+supporters?\s+of\b"
    r"|\bfinancial\s+supporters\s+play\s+no\s+role\s+in\s+our\s+journalism",
    re.IGNORECASE,
)
FUNDERS_DISCLOSURE_MAX_CHARS = 600
# The desk editors' codes alone on the story's last line, as dpa-AFX signs its copy ("/jha/he",
# "/ck/fba": tests/dachweb); an agency's sign-off with them ("(dpa/lk)") names its agency and stays
EDITOR_CODES_LINE_RE = re.compile(r"/[a-z]{2,4}(?:/[a-z]{2,4}){1,3}")


def _republication_line(line: str) -> bool:
    return len(line) <= REPUBLICATION_LINE_MAX_CHARS and bool(REPUBLICATION_LINE_RE.search(line))


def _closing_line(line: str) -> bool:
    return bool(
        END_MARK_RE.fullmatch(line) or WIRE_END_RE.match(line) or EMAIL_LINE_RE.fullmatch(line)
        or (len(line) <= CHANNEL_LINE_MAX_CHARS and CHANNEL_APP_RE.search(line)
            and CHANNEL_WORD_RE.search(line))
        or (len(line) <= TYPO_PROMPT_MAX_CHARS and TYPO_PROMPT_RE.search(line))
        or BROADCAST_NOTE_RE.fullmatch(line)
        or (len(line) <= NEWSLETTER_LINE_MAX_CHARS and NEWSLETTER_NAME_RE.search(line)
            and NEWSLETTER_SIGN_UP_RE.search(line) and not THIS_NEWSLETTER_RE.search(line))
        or (len(line) <= NEWSLETTER_LINE_MAX_CHARS and SIGN_UP_CALL_RE.search(line))
        or (len(line) <= NEWSLETTER_HEADING_MAX_CHARS and NEWSLETTER_NAME_RE.search(line)
            and not line.endswith((".", "!", "?")) and not THIS_NEWSLETTER_RE.search(line))
        or (len(line) <= LICENSING_LINE_MAX_CHARS and LICENSING_LINE_RE.search(line))
        or _republication_line(line)
        or EDITOR_LINE_RE.fullmatch(line) or SOURCE_CODE_LINE_RE.fullmatch(line)
        or (len(line) <= PLATFORM_STATEMENT_MAX_CHARS and PLATFORM_STATEMENT_RE.match(line))
        or (len(line) <= INVESTMENT_DISCLAIMER_MAX_CHARS and INVESTMENT_DISCLAIMER_RE.search(line))
        or EDITOR_CODES_LINE_RE.fullmatch(line)
        or (len(line) <= FUNDERS_DISCLOSURE_MAX_CHARS and FUNDERS_DISCLOSURE_RE.search(line))
    )


def drop_leading_republication(text: str) -> str:
    """The text without a first line that is a republication note (REPUBLICATION_LINE_RE), or a
    second one after the story's summary, when more follows: a partner's note above the copy,
    read after the headline is dropped."""
    first, sep, rest = text.partition("\n\n")
    if not sep or not rest.strip():
        return text
    if _republication_line(first.strip()):
        return rest
    second, sep, after = rest.partition("\n\n")
    if sep and after.strip() and _republication_line(second.strip()):
        return f"{first}\n\n{after}"
    return text


def drop_closing_lines(text: str) -> str:
    """The text without the lines it closes with that are no part of the story (END_MARK_RE,
    WIRE_END_RE, EMAIL_LINE_RE, an invitation to a channel: CHANNEL_APP_RE, a typo-report
    prompt: TYPO_PROMPT_RE, an offer to license the story: LICENSING_LINE_RE, a note that the
    story ran first elsewhere: REPUBLICATION_LINE_RE, an editor's line: EDITOR_LINE_RE, a wire's
    source line with its editor's code: SOURCE_CODE_LINE_RE, a platform's statement:
    PLATFORM_STATEMENT_RE, a disclaimer that the story is no advice to invest:
    INVESTMENT_DISCLAIMER_RE, the desk editors' codes: EDITOR_CODES_LINE_RE, a nonprofit's note
    of its funders: FUNDERS_DISCLOSURE_RE), each among its
    last CLOSING_LINES lines with only lines of at most CLOSING_TAIL_MAX_CHARS after it, which go
    with it (never its first line); a wire's end mark run on after the last sentence goes too."""
    paragraphs = text.split("\n\n")
    while len(paragraphs) > 1:
        cut = None
        for i in range(len(paragraphs) - 1, max(0, len(paragraphs) - 1 - CLOSING_LINES), -1):
            line = paragraphs[i].strip()
            if _closing_line(line):
                cut = i
                break
            if len(line) > CLOSING_TAIL_MAX_CHARS:
                break
        if cut is None:
            break
        paragraphs = paragraphs[:cut]
    if END_MARK_RE.search(paragraphs[-1]) and (rest := END_MARK_RE.sub("", paragraphs[-1])).strip():
        paragraphs[-1] = rest
    joined = "\n\n".join(paragraphs)
    return joined if joined != text else text


# The words of a date stamp written above a story in Chinese, Japanese or Korean: "입력 2026.01.24
# 16:22", "2026年1月22日星期四 下午10:45", "1/23(金) 8:05配信" (see drop_leading_date)
DATE_STAMP_WORDS_RE = re.compile(
    r"기사입력|입력|등록|수정|업데이트|最終更新|更新|配信|公開|発行|发布时间|發佈時間|发布|發佈|"
    r"星期[一二三四五六日天]|上午|下午|午前|午後"
)
DATE_STAMP_MAX_CHARS = 60


def drop_leading_date(text: str) -> str:
    """The text without a first line that is only a date stamp (a year among numbers and date
    signs, DATE_LINE_RE, with DATE_STAMP_WORDS_RE's words), when more lines follow: the story's
    date, read in above its first paragraph; or without a line among its first two that only
    says when the story was published (:func:`_published_stamp`)."""
    first, sep, rest = text.partition("\n\n")
    line = first.strip()
    if (
        not sep
        or len(line) > DATE_STAMP_MAX_CHARS
        or not re.search(r"\d{4}", line)
        or not DATE_LINE_RE.fullmatch(DATE_STAMP_WORDS_RE.sub(" ", line).strip())
    ):
        return _without_published_stamp(text)
    return rest


# A line of its own that only says when the story was published or updated, in words: "Published
# on January 24, 2026 at 7:31 am WAT" under a WordPress story's byline line, "Publié le
# 24/01/2026 à 08h15", "Publicado em 25/01/2026 às 00:30" (tests/afroweb)
PUBLISHED_STAMP_RE = re.compile(
    r"(?:published|posted|updated|last\s+updated|publi[ée]e?|mis\s+[àa]\s+jour|publicad[oa]|"
    r"atualizad[oa]|actualizad[oa]|pubblicat[oa]|aggiornat[oa]|ver[öo]ffentlicht|aktualisiert)"
    r"(?:\s+(?:on|at|le|em|el|il|am))?\s*:?\s+(?P<when>.{6,60})",
    re.IGNORECASE,
)
PUBLISHED_STAMP_MAX_WORDS = 10  # of the stamp's date and time


def _published_stamp(line: str) -> bool:
    """Whether ``line`` is only a published or updated stamp (PUBLISHED_STAMP_RE) whose date has a
    year, in at most PUBLISHED_STAMP_MAX_WORDS words: no sentence about a publication."""
    m = PUBLISHED_STAMP_RE.fullmatch(line)
    return (
        m is not None and re.search(r"\b(?:19|20)\d{2}\b", m["when"]) is not None
        and len(m["when"].split()) <= PUBLISHED_STAMP_MAX_WORDS
    )


def _without_published_stamp(text: str) -> str:
    """The text without a published stamp (:func:`_published_stamp`) that is its first or second
    line (a byline line may come first), when more lines follow it."""
    paragraphs = text.split("\n\n", 2)
    for i, line in enumerate(paragraphs[:2]):
        if i + 1 < len(paragraphs) and _published_stamp(line.strip()):
            return "\n\n".join(paragraphs[:i] + paragraphs[i + 1 :])
    return text


# A paywall's line where a story's free part ends and the offer to subscribe begins, its prices
# and bullets after it: "Läs vidare med Kvällsbladet Plus – prova 1 månad för 1 kr." (tests/
# nordweb), "Jetzt weiterlesen mit Zeitspiegel+" (tests/dachweb), "This article is for subscribers
# only" (tests/kindweb), "Réservé aux abonnés", "Il vous reste 62% de cet article à lire"
PAYWALL_LINE_RE = re.compile(
    r"(?:(?:this|the\s+rest\s+of\s+this)\s+(?:article|story|content)\s+is\s+(?:only\s+)?(?:for|available\s+"
    r"(?:only\s+)?to|reserved\s+for|exclusive(?:ly)?\s+(?:for|to))\s+(?:our\s+)?(?:paying\s+|digital\s+)?"
    r"(?:subscribers|members)(?:\s+only)?"
    r"|(?:subscribe|log\s+in|sign\s+in)\s+to\s+(?:continue|keep)\s+reading|continue\s+reading\s+with\s+"
    r"(?:a\s+|your\s+)?subscription"
    r"|(?:(?:jetzt\s+)?weiterlesen\s+mit|läs\s+vidare\s+med|les\s+videre\s+med|lue\s+eteenpäin|"
    r"continue\s+reading\s+with|lire\s+la\s+suite\s+avec|sigue\s+leyendo\s+con|continua\s+a\s+leggere\s+con)"
    r"\s+\S.{0,80}"
    r"|diese[rs]?\s+(?:artikel|beitrag|inhalt)\s+ist\s+(?:nur\s+|exklusiv\s+)?f[üu]r\s+(?:\S+\s+)?abonnent(?:en|innen)(?:\s+\w+)?"
    r"|(?:cet\s+article\s+est\s+|la\s+suite\s+(?:de\s+cet\s+article\s+)?est\s+)?r[ée]serv[ée]e?\s+aux\s+abonn[ée]s"
    r"|il\s+vous\s+reste\s+\d+\s?%\s+de\s+cet\s+article\s+[àa]\s+lire"
    r"|(?:este\s+(?:art[íi]culo|contenido)\s+es\s+)?(?:contenido\s+)?exclusivo\s+para\s+(?:suscriptores|assinantes)"
    r"|(?:questo\s+articolo\s+[èe]\s+)?riservato\s+agli\s+abbonati)\W*",
    re.IGNORECASE,
)
PAYWALL_TAIL_MAX_CHARS = 800  # the offer after the line: a few short lines
PAYWALL_TAIL_LINE_MAX_CHARS = 250


# The outlet's podcast promoted under the story: a heading naming the podcast, then a call to
# listen ("Podcast Zprávy Dnes" / "Poslechněte si každé ráno nejdůležitější zprávy dne za 10
# minut.": a Czech daily, tests/slavweb), or the call naming the podcast itself ("Listen to our
# podcast ..."), as the text's last lines
PODCAST_RE = re.compile(r"podcast|подкаст|podcastu|podcastem", re.IGNORECASE)
LISTEN_CALL_RE = re.compile(
    r"(?:listen|subscribe\s+to|h[öo]ren\s+sie|jetzt\s+anh[öo]ren|[ée]coutez|escuch[ae]|ascolta|ou[çc]a|escute|"
    r"poslechn[ěe]te\s+si|poslouchejte|pos[łl]uchaj|s[łl]uchaj|luister|слушайте|послушайте)\b",
    re.IGNORECASE,
)
PODCAST_HEADING_MAX_CHARS = 80
PODCAST_CALL_MAX_CHARS = 200


def drop_podcast_promo(text: str) -> str:
    """The text without a podcast's promotion as its last lines: a short heading naming a
    podcast and a call to listen after it, or such a call naming the podcast (PODCAST_RE,
    LISTEN_CALL_RE); never the text's first line."""
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 2:
        return text
    last = paragraphs[-1].strip()
    if len(last) > PODCAST_CALL_MAX_CHARS or not LISTEN_CALL_RE.match(last):
        return text
    if PODCAST_RE.search(last):
        return "\n\n".join(paragraphs[:-1])
    heading = paragraphs[-2].strip()
    if (len(paragraphs) > 2 and len(heading) <= PODCAST_HEADING_MAX_CHARS and PODCAST_RE.search(heading)
            and not heading.endswith((".", "!", "?"))):
        return "\n\n".join(paragraphs[:-2])
    return text


def drop_paywall_offer(text: str) -> str:
    """The text without a paywall's line (PAYWALL_LINE_RE) and the offer after it, when that is
    the text's end and not its start: the offer's lines short (at most
    PAYWALL_TAIL_LINE_MAX_CHARS each, PAYWALL_TAIL_MAX_CHARS in all), or the line and what follows
    it at most OTHER_CONTENT_TAIL_SHARE of the text (a long story's end): a paywalled story's free
    part, read with the box that sells the rest. The first such line is the cut."""
    paragraphs = text.split("\n\n")
    for i in range(1, len(paragraphs)):
        if PAYWALL_LINE_RE.fullmatch(paragraphs[i].strip()):
            tail = paragraphs[i + 1 :]
            short = sum(map(len, tail)) <= PAYWALL_TAIL_MAX_CHARS and all(
                len(p) <= PAYWALL_TAIL_LINE_MAX_CHARS for p in tail
            )
            if short or len("\n\n".join(paragraphs[i:])) <= OTHER_CONTENT_TAIL_SHARE * len(text):
                return "\n\n".join(paragraphs[:i])
    return text


def drop_other_content_tail(text: str) -> str:
    """The text without a heading that announces other content (OTHER_CONTENT_RE: "More from
    Jane Roe", "Responses (14)", "You may also like") and what follows it, when that is the
    text's end (at most OTHER_CONTENT_TAIL_SHARE of it) and not its start: teasers, a comment
    box's prompt, read in after the story."""
    paragraphs = text.split("\n\n")
    end = len(text)
    for i in range(1, len(paragraphs)):
        if OTHER_CONTENT_RE.match(paragraphs[i].strip()):
            if len("\n\n".join(paragraphs[i:])) <= OTHER_CONTENT_TAIL_SHARE * end:
                return "\n\n".join(paragraphs[:i])
            break
    return text


def drop_link_leadins(text: str, tree: HtmlElement) -> str:
    """The text without paragraphs made of a short lead-in and one of the page's link texts
    (see LINK_LEADIN_RE, READ_ALSO_BARE_RE), and without a "read also" label alone
    (READ_ALSO_ALONE_RE): pointers to other stories."""
    text = _without_bare_read_also(text, tree)
    if "\n\n" in text:  # (never the whole text)
        kept = [p for p in text.split("\n\n") if not READ_ALSO_ALONE_RE.fullmatch(p)]
        text = "\n\n".join(kept) if kept else text
    if ":" not in text and ".." not in text and "…" not in text and "|" not in text:
        return text
    paragraphs = text.split("\n\n")
    found: dict[str, str] = {}  # paragraph: what follows its lead-in
    for paragraph in paragraphs:
        match = LINK_LEADIN_RE.match(paragraph)
        rest = match.group(1) if match else ""
        if len(rest) <= LINK_LEADIN_MAX_CHARS and len(rest.split()) >= LINK_LEADIN_MIN_WORDS:
            found[paragraph] = rest
    if not found:
        return text
    labelled = {
        p for p in found if READ_ALSO_LEADIN_RE.match(p) and not SENTENCE_END_RE.search(p.rstrip())
    }
    found = {p: rest for p, rest in found.items() if p not in labelled}
    if not found:
        return "\n\n".join(p for p in paragraphs if p not in labelled)
    if len(found) <= 2:  # the links holding its longest word: cheaper than every link
        links = [a for rest in found.values() for a in LINKS_WITH_WORD(tree, word=_longest_word(rest))]
    else:
        links = list(tree.iter("a"))
    anchors = {compact(a.text_content()) for a in links}
    drop = {p for p, rest in found.items() if compact(rest) in anchors} | labelled
    return "\n\n".join(p for p in paragraphs if p not in drop) if drop else text


def _without_bare_read_also(text: str, tree: HtmlElement) -> str:
    """The text without paragraphs made of a "read also" label with no colon and one of the
    page's link texts (READ_ALSO_BARE_RE)."""
    found = {
        p: m["rest"] for p in text.split("\n\n")
        if (m := READ_ALSO_BARE_RE.match(p)) and len(m["rest"]) <= LINK_LEADIN_MAX_CHARS
        and len(m["rest"].split()) >= LINK_LEADIN_MIN_WORDS
    }
    if not found:
        return text
    links = [a for rest in found.values() for a in LINKS_WITH_WORD(tree, word=_longest_word(rest))]
    anchors = {compact(a.text_content()) for a in links}
    drop = {p for p, rest in found.items() if compact(rest) in anchors}
    return "\n\n".join(p for p in text.split("\n\n") if p not in drop) if drop else text


def _longest_word(text: str) -> str:
    return max(WORD_RE.findall(text), key=len, default=text)


def needs_comparison(text: str, body: HtmlElement | None) -> bool:
    """Whether trafilatura's own text should be checked against readability and justext: it
    is short, or its body has no paragraph text or more tables than paragraphs (the cases in
    which trafilatura's comparison replaces a text; see ``COMPARE_BELOW_CHARS``)."""
    if len(text) < COMPARE_BELOW_CHARS or body is None:
        return True
    paragraphs = body.findall(".//p")
    return not paragraphs or len(body.findall(".//table")) > len(paragraphs)


def _lists_left_out(body: HtmlElement, tree: HtmlElement) -> bool:
    """Whether the reading found no body, recovered the page's wild text without its lists
    and left out a list of the story (see STORY_LIST_MIN_ITEMS) of the page's ``tree``:
    trafilatura's comparison with readability and justext, which keep lists, is then asked
    for. Asked of the tree only on such pages (a page with no body container that trafilatura
    knows)."""
    if not onepass.recovered_wild_text() or body.find(".//list") is not None:
        return False
    for items in tree.iter("ul", "ol"):
        if len(items) < STORY_LIST_MIN_ITEMS or PARAGRAPH_NOT_RE.search(_class_and_id(items)):
            continue
        parent = items.getparent()
        if parent is not None and sum(1 for p in parent.iterchildren("p") if _prose(p)) >= 2:
            return True
    return False


def _body_needs_comparison(body: HtmlElement) -> bool:
    """:func:`needs_comparison` of trafilatura's body and the text it makes of it."""
    return needs_comparison(_paragraphs(xmltotxt(body, False)), body)


# The story's byline read in as its first paragraph ("By Jane Roe", "5:45 AM PST 11/19/2019 by
# Jane Roe", "1. Februar 2022, Jane Roe"): a short line that names one of the article's authors
# and holds nothing else but its credits, lead-in words, roles and a date stamp
BYLINE_LINE_MAX_WORDS = 15
BYLINE_LINE_WORDS = frozenset(
    {
        "by", "von", "par", "por", "door", "av", "af", "di", "de", "da", "written", "posted",
        "published", "updated", "and", "und", "et", "on", "at", "am", "pm", "um", "le", "el", "il",
        "staff", "writer", "reporter", "correspondent", "editor", "columnist", "contributor",
        "senior", "chief",
        # Indonesian and Malay: "Laporan wartawan HarianWarta.com, Dewi Lestari" (a reporter's
        # report, Tribun's style: tests/asiaweb), "Oleh", "Penulis", "Kontributor"
        "laporan", "wartawan", "oleh", "penulis", "kontributor",
        # Chinese: "澎湃新闻记者 陈思远" (the outlet's reporter), "通讯员" (correspondent)
        "记者", "記者", "通讯员", "通訊員",
    }
)
BYLINE_LINE_DATE_WORDS = 2  # words of a date stamp's month and weekday, beside its digits
# A brief keeps it: the text after it must hold this many words, so that the length floor
# (NEWSCRAWL_MIN_WORDS, 50 by default) judges a brief with its byline as before (a council
# brief of 47 words and its byline line, tests/bylineweb); a short story of 97 words loses its
# byline line ("澎湃新闻记者 陈思远" over a repost, tests/cjkweb: 100 kept it)
BYLINE_LINE_REST_WORDS = 60


def drop_leading_byline(text: str, authors: list[str], credit: list[str]) -> str:
    """The text without a first paragraph that is only the story's byline, or a second one after
    the story's summary (a standfirst, then "Por Lucía Bermúdez"), when the paragraphs after it
    hold BYLINE_LINE_REST_WORDS words or more: at most BYLINE_LINE_MAX_WORDS words holding an
    author's name whole, and besides the authors and credits only BYLINE_LINE_WORDS, single
    letters, capitals of a time zone ("PST") and, beside digits, at most BYLINE_LINE_DATE_WORDS
    other words (a date's month and weekday)."""
    first, sep, rest = text.partition("\n\n")
    if not sep or not authors:
        return text
    if _byline_only(first, rest, authors, credit):
        return rest
    second, sep, after = rest.partition("\n\n")
    if sep and _byline_only(second, after, authors, credit):
        return f"{first}\n\n{after}"
    return text


def _byline_only(paragraph: str, rest: str, authors: list[str], credit: list[str]) -> bool:
    """Whether ``paragraph`` is only the byline, with ``rest`` the story after it (see
    :func:`drop_leading_byline`)."""
    line = paragraph.strip()
    if length_in_words(line) > BYLINE_LINE_MAX_WORDS:
        return False
    left, named = line.casefold(), False
    for name in sorted(filter(None, (*authors, *credit)), key=len, reverse=True):
        key = name.casefold()
        if key in left:
            left = left.replace(key, " ")
            named = named or name in authors
    if not named or length_in_words(rest) < BYLINE_LINE_REST_WORDS:
        return False
    kept = [m.group() for m in re.finditer(r"[^\W\d_]+", left)]
    capitals = {w.casefold() for w in re.findall(r"\b[A-Z]{2,4}\b", line)}  # "AM", "PST"
    others = [w for w in kept if len(w) > 1 and w not in BYLINE_LINE_WORDS and w not in capitals]
    return not others or (len(others) <= BYLINE_LINE_DATE_WORDS and re.search(r"\d", left) is not None)


def drop_after_release_source(text: str) -> str:
    """A press release's text (:func:`release_source` names its company) without what follows
    its ``SOURCE Company`` line: the wire's own boxes ("Also from this source", "Explore" and its
    categories), read in after the release ends."""
    paragraphs = text.split("\n\n")
    last = len(paragraphs) - 1
    for index in range(last, -1, -1):
        if last - index >= RELEASE_LAST_LINES:
            break
        if RELEASE_SOURCE_RE.match(paragraphs[index].strip()) is not None:
            return "\n\n".join(paragraphs[: index + 1])
    return text


# A company's boilerplate closing its press release: a heading "About <Name>" (the company's
# name, capitalised, not "About the ...") among the text's last RELEASE_BOILERPLATE_LINES
# paragraphs, the next paragraph opening with that name ("About Northgate Systems" / "Northgate
# Systems builds cloud infrastructure ...", then "Media contact" and an address: a company
# newsroom's release, tests/kindweb): the text ends before it. "About the study" / "The study
# ..." stays (a story's own section), and so does a heading whose next paragraph names another.
ABOUT_HEADING_RE = re.compile(r"About\s+(?P<name>(?!the\s)[A-Z0-9][\w&.,'’ -]{1,60}?)\s*:?")
RELEASE_BOILERPLATE_LINES = 6


def drop_company_boilerplate(text: str) -> str:
    """The text without a press release's closing "About <Company>" boilerplate (see
    ABOUT_HEADING_RE) and what follows it."""
    if "About" not in text:
        return text
    paragraphs = text.split("\n\n")
    for index in range(max(1, len(paragraphs) - RELEASE_BOILERPLATE_LINES), len(paragraphs) - 1):
        heading = ABOUT_HEADING_RE.fullmatch(paragraphs[index].strip())
        if heading is not None and paragraphs[index + 1].strip().startswith(f"{heading['name']} "):
            return "\n\n".join(paragraphs[:index])
    return text


# An author's bio as the story's last paragraph, written by the outlet under the story ("Jasper
# O'Rourke is a contributing writer at The Harbor Review. Nadia Villanueva is a fact-checker and
# reporter.", a magazine's ContributorBioWrapper: tests/anglweb): at most BIO_LINE_MAX_CHARS,
# opening with one of the article's authors and "is a"/"is an"/"is the"/"was a", and when the
# paragraphs before it hold BYLINE_LINE_REST_WORDS words or more.
BIO_LINE_MAX_CHARS = 300
_BIO_VERB_RE = re.compile(r"\s+(?:is|was)\s+(?:a|an|the)\s+\w")


def drop_closing_bio(text: str, authors: list[str]) -> str:
    """The text without a last paragraph that is an author's bio (see BIO_LINE_MAX_CHARS)."""
    rest, sep, last = text.rpartition("\n\n")
    line = last.strip()
    if (not sep or not authors or len(line) > BIO_LINE_MAX_CHARS
            or length_in_words(rest) < BYLINE_LINE_REST_WORDS):
        return text
    for name in authors:
        if line.startswith(name) and _BIO_VERB_RE.match(line, len(name)):
            return rest
    return text


# A kicker with the story's date ("U.S. · Feb. 2, 2026 14:00 UTC", a wire's slug line above the
# headline) may be longer than a plain one: up to DATED_KICKER_MAX_WORDS words with a year.
DATED_KICKER_MAX_WORDS = 12
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def drop_leading_title(text: str, titles: list[str | None]) -> str:
    """Drop a first paragraph that repeats the headline (the title is its own field), and a
    short label before it (a kicker, "Member-only story": up to KICKER_MAX_WORDS words, or
    DATED_KICKER_MAX_WORDS with a year, no sentence), which stands in the article's header."""
    first, sep, rest = text.partition("\n\n")
    keys = {compact(t) for t in titles if t}
    if sep and rest.strip() and compact(first) in keys:
        return rest
    second, sep, after = rest.partition("\n\n")
    words = len(first.split())
    if (
        sep and after.strip() and compact(second) in keys
        and (words <= KICKER_MAX_WORDS or words <= DATED_KICKER_MAX_WORDS and YEAR_RE.search(first))
        and not first.rstrip().endswith((".", "!", "?"))
    ):
        return after
    return text


# A line that is only a date or a time in numbers and Chinese, Japanese or Korean date signs
# ("2026年01月24日 07:42", "1/25(日) 6:00", "2026.01.24 16:22"): a list's stamp beside its link
DATE_LINE_RE = re.compile(r"(?=.*\d)[\d\s年月日時时分秒:：/.,()（）\-月火水木金土日曜]{4,30}")


# A list item's stamp in any language: a short line with a digit in at most three words, as
# "১ ঘণ্টা আগে" (1 hour ago) under a Bengali section page's headlines, "26/01/2026, 19:30 WIB"
# under an Indonesian tag page's (tests/asiaweb)
STAMP_LINE_MAX_CHARS = 25
STAMP_LINE_MAX_WORDS = 3


def _stamp_line(line: str) -> bool:
    """A short line with a digit, in a few words: a list item's stamp."""
    return (
        len(line) <= STAMP_LINE_MAX_CHARS and len(line.split()) <= STAMP_LINE_MAX_WORDS
        and any(c.isdigit() for c in line)
    )


def is_link_list(text: str, tree: HtmlElement) -> bool:
    """True when at least LINK_LIST_SHARE of the text is lines that are the page's link texts,
    not counting the lines that are only a date or a time (DATE_LINE_RE: the stamps of a Chinese,
    Japanese or Korean list of headline links, whose headlines are as short as their stamps), nor
    the short stamps with a digit that are no link's text (a pager's "2" is one)."""
    all_links = compact("".join(ANCHOR_TEXTS(tree)))
    lines = [
        line for line in text.split("\n\n")
        if not DATE_LINE_RE.fullmatch(stripped := line.strip())
        and not (_stamp_line(stripped) and compact(stripped) not in all_links)
    ]
    if not lines:
        return False
    left = sum(len(line) for line in lines)  # the characters of the lines not yet read
    needed = LINK_LIST_SHARE * left
    # Quick no: a link text's key is a substring of all link texts' keys run together. Read
    # line by line, and no further once the lines left could not make up what is needed (an
    # article's first paragraphs, most often): the same answer as reading them all.
    keys: list[str] = []
    found = 0
    for line in lines:
        if found + left < needed:
            return False
        key = compact(line)
        keys.append(key)
        left -= len(line)
        if _link_line(key, all_links):
            found += len(line)
    if found < needed:
        return False
    anchors = {compact(a.text_content()) for a in tree.xpath("//a")}
    anchors.discard("")
    # a link that holds its item's time before the headline ("<a><span>09:10</span><h2>...</h2></a>",
    # an Urdu daily's latest-news list: tests/asiaweb) gives the headline line too
    anchors.update({bare for key in anchors if (bare := STAMP_HEAD_RE.sub("", key)) and bare != key})
    return sum(len(line) for line, key in zip(lines, keys, strict=True) if _link_line(key, anchors)) >= needed


# A date and time after a list item's headline link, run together with it in the text
# ("- Headline۱۴۰۴/۱۱/۰۵ ۱۱:۳۰", a news agency's section list of headlines and dates only): the
# digits that end a line's key (six or more: a day, a month, a year), left out when the line
# is matched to the page's link texts (is_link_list)
DATE_TAIL_RE = re.compile(r"\d{6,}$")
STAMP_HEAD_RE = re.compile(r"^\d{4,}(?=[^\W\d])")  # a time or date before a link's words


def _link_line(key: str, links: str | set[str]) -> bool:
    """Whether a line's key (compact) is one of the link texts ``links`` (or, a str, inside
    them), also without a date after it (DATE_TAIL_RE)."""
    if not key:
        return False
    return key in links or bool(bare := DATE_TAIL_RE.sub("", key)) and bare in links
