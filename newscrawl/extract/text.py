"""Main text: trafilatura's article body, its recall fallback, link-list detection.

:func:`extract_text` asks trafilatura for the main text with precision settings, first
without its readability/justext comparison (``fast``), then with it when that text is short
or has no paragraphs to speak of, and for a second opinion with recall settings when the text
is still short (see docs/extraction.md).
"""

from __future__ import annotations

import logging
from typing import Any

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from newscrawl.extract.fields import compact
from newscrawl.extract.metadata import WS_RE

__all__ = ["doc_field", "drop_leading_title", "extract_text", "is_link_list", "needs_comparison"]

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


def extract_text(
    tree: HtmlElement, url: str | None = None, *, with_metadata: bool = True
) -> tuple[str, Any]:
    """Main text (paragraphs joined by blank lines) and trafilatura's Document.

    ``with_metadata=False`` skips trafilatura's metadata search (``extract_article`` reads
    the metadata it needs itself); the Document then carries the text only. trafilatura
    copies the tree, so ``tree`` is left as it was.
    """
    doc = _bare(tree, url, with_metadata, fast=True, **TRAFILATURA_OPTIONS)
    text = _paragraphs(doc_field(doc, "text"))
    if needs_comparison(text, doc_field(doc, "body")):
        doc = _bare(tree, url, with_metadata, **TRAFILATURA_OPTIONS)
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
