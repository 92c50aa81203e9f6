"""Main text: trafilatura's article body, its recall fallback, link-list detection.

:func:`extract_text` asks trafilatura for the main text with precision settings, first
without its readability/justext comparison (``fast``), then with it when that text is short
or has no paragraphs to speak of, and for a second opinion with recall settings when the text
is still short (see docs/extraction.md).
Precision mode's block rules also cut inside running text; :func:`running_text_cuts` finds
the places, and the precision pass reads a copy of the page where they are undone.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from copy import deepcopy
from typing import Any

import trafilatura
import trafilatura.external
from justext.core import define_stoplist
from justext.utils import get_stoplist, get_stoplists
from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.fields import compact
from newscrawl.extract.metadata import WS_RE

__all__ = [
    "doc_field",
    "drop_leading_title",
    "extract_text",
    "is_link_list",
    "needs_comparison",
    "running_text_cuts",
    "undo_running_text_cuts",
]

LOGGER = logging.getLogger(__name__)

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
    every page that reaches justext. This stands in for the tuple: it yields the same words, so
    justext builds the same frozenset from it, but holds nothing itself and hashes by identity.
    About 12 MB less in each extraction worker; the text does not change (docs/benchmarks.md,
    "Memory").
    """

    __slots__ = ()

    def __iter__(self) -> Iterator[str]:
        for language in sorted(get_stoplists()):
            yield from get_stoplist(language)

    def __bool__(self) -> bool:  # trafilatura: ``JT_STOPLIST or jt_stoplist_init()``
        return True


trafilatura.external.JT_STOPLIST = AllStoplists()


def warm_stoplists() -> None:
    """Build justext's lowercased stop words of every language now (what the first page that
    reaches trafilatura's justext fallback otherwise builds, ~0.3 s)."""
    define_stoplist(trafilatura.external.JT_STOPLIST)

# Where favor_precision cuts inside running text (docs/extraction.md, "Recall"). Its rules are
# meant for blocks, and they also fire on markup inside a paragraph or a subheading:
# - its class/id/style filter for boxes (a class token `link`, a token starting or ending with
#   `bottom`, a style with `border`) deletes an inline <span> so marked, and the words in it
#   ("reported that <span class=link><a>the league will fine him</a></span> for ...");
# - it deletes empty elements without their tail, so an empty <span>, <b>, <i> ... inside a
#   paragraph takes the rest of the sentence (or the space between two words) with it;
# - its link-density test deletes a subheading that is a link (a product name in a buyer's
#   guide, an anchored section title) even between two paragraphs of the article, and any
#   subheading holding a link without text (a section anchor, an icon): such a link counts as
#   a heading made of links only.
# A cut is undone in a copy that the precision pass reads: the marks are taken off the span,
# the empty element is unwrapped (its tail joins the text), a subheading inside running text
# has its links unwrapped, and links without text are taken out of every subheading.
# A subheading counts as inside running text when a paragraph of RUNNING_TEXT_CHARS or more
# comes before it (any earlier sibling) and the next sibling with text is such a paragraph.
RUNNING_TEXT_CHARS = 100
BOX_CLASS_TOKEN = re.compile(r"^(?:link|bottom\S*|\S*bottom)$")
INLINE_TAGS = ("span", "b", "strong", "em", "i", "q")
SUBHEADINGS = ("h2", "h3", "h4", "h5", "h6")


def doc_field(doc: Any, name: str) -> Any:
    """A field of trafilatura's result: a Document's attribute or a dict's key (None if absent)."""
    if doc is None:
        return None
    if isinstance(doc, dict):
        return doc.get(name)
    return getattr(doc, name, None)


def _paragraphs(text: str | None) -> str:
    lines = (WS_RE.sub(" ", line).strip() for line in (text or "").splitlines())
    return "\n\n".join(line for line in lines if line)


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


def running_text_cuts(tree: HtmlElement) -> list[tuple[str, HtmlElement]]:
    """The places where favor_precision would cut into running text: ("marked", span) and
    ("empty", inline element) inside paragraphs, ("heading", subheading inside running text)
    and ("empty link", another subheading holding a link without text)."""
    cuts: list[tuple[str, HtmlElement]] = []
    inline = dict.fromkeys(e for paragraph in tree.iter("p") for e in paragraph.iter(*INLINE_TAGS))
    for elem in inline:  # once each, even inside a paragraph nested in a paragraph
        if len(elem) == 0 and elem.text is None:
            if elem.tail:  # even a space: without it two words run together
                cuts.append(("empty", elem))
        elif elem.tag == "span" and elem.attrib and _box_marks(elem):
            cuts.append(("marked", elem))
    for heading in tree.iter(*SUBHEADINGS):
        links = list(heading.iter("a"))
        if not links:
            continue
        if _inside_running_text(heading):
            cuts.append(("heading", heading))
        elif any(not link.text_content().strip() for link in links):
            cuts.append(("empty link", heading))
    return cuts


def undo_running_text_cuts(tree: HtmlElement) -> HtmlElement:
    """``tree`` itself when favor_precision cuts nothing from its running text, else a copy
    where those cuts cannot happen (see RUNNING_TEXT_CHARS above)."""
    if not running_text_cuts(tree):
        return tree
    tree = deepcopy(tree)
    for kind, elem in running_text_cuts(tree):
        if kind == "marked":
            for attr, value in _box_marks(elem).items():
                elem.set(attr, value)
        elif kind == "empty":
            if elem.getparent() is not None:
                elem.drop_tag()
        else:
            for link in list(elem.iter("a")):
                if link.getparent() is None:
                    continue
                if not link.text_content().strip():
                    link.drop_tree()  # keeps its tail
                elif kind == "heading":
                    link.drop_tag()
    return tree


def extract_text(
    tree: HtmlElement, url: str | None = None, *, with_metadata: bool = True
) -> tuple[str, Any]:
    """Main text (paragraphs joined by blank lines) and trafilatura's Document.

    ``with_metadata=False`` skips trafilatura's metadata search (``extract_article`` reads
    the metadata it needs itself); the Document then carries the text only. trafilatura
    copies the tree, so ``tree`` is left as it was; the precision pass reads a copy where its
    cuts into running text are undone (:func:`undo_running_text_cuts`).
    """
    first = undo_running_text_cuts(tree) if TRAFILATURA_OPTIONS.get("favor_precision") else tree
    doc = _bare(first, url, with_metadata, fast=True, **TRAFILATURA_OPTIONS)
    text = _paragraphs(doc_field(doc, "text"))
    if needs_comparison(text, doc_field(doc, "body")):
        doc = _bare(first, url, with_metadata, **TRAFILATURA_OPTIONS)
        text = _paragraphs(doc_field(doc, "text"))
    if (
        RECALL_FALLBACK_RATIO
        and len(text) < RECALL_FALLBACK_MAX_CHARS
        and not TRAFILATURA_OPTIONS.get("favor_recall")
    ):
        options = {**TRAFILATURA_OPTIONS, "favor_recall": True, "favor_precision": False}
        second = _paragraphs(doc_field(_bare(tree, url, False, **options), "text"))
        if len(text) < RECALL_FALLBACK_RATIO * len(second):
            text = second
    return text, doc


def needs_comparison(text: str, body: HtmlElement | None) -> bool:
    """Whether trafilatura's own text should be checked against readability and justext: it
    is short, or its body has no paragraph text or more tables than paragraphs (the cases in
    which trafilatura's comparison replaces a text; see ``COMPARE_BELOW_CHARS``)."""
    if len(text) < COMPARE_BELOW_CHARS or body is None:
        return True
    paragraphs = body.findall(".//p")
    return not paragraphs or len(body.findall(".//table")) > len(paragraphs)


def drop_leading_title(text: str, titles: list[str | None]) -> str:
    """Drop a first paragraph that repeats the headline (the title is its own field)."""
    first, sep, rest = text.partition("\n\n")
    keys = {compact(t) for t in titles if t}
    return rest if sep and rest.strip() and compact(first) in keys else text


def is_link_list(text: str, tree: HtmlElement) -> bool:
    """True when at least LINK_LIST_SHARE of the text is lines that are the page's link texts."""
    lines = [(line, compact(line)) for line in text.split("\n\n")]
    needed = LINK_LIST_SHARE * sum(len(line) for line, _ in lines)
    # Quick no: a link text's key is a substring of all link texts' keys run together.
    all_links = compact("".join(ANCHOR_TEXTS(tree)))
    if sum(len(line) for line, key in lines if key and key in all_links) < needed:
        return False
    anchors = {compact(a.text_content()) for a in tree.xpath("//a")}
    anchors.discard("")
    return sum(len(line) for line, key in lines if key in anchors) >= needed
