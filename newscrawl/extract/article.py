"""HTML page -> article text and metadata (trafilatura + JSON-LD + OpenGraph).

:func:`extract_article` is a pure function meant to run in a worker process pool: its only
module-level state is constants, compiled regexes and XPaths, and an lxml parser (like
trafilatura's own). No Scrapy imports.

It composes one module per job: :mod:`~newscrawl.extract.decode` (bytes -> text -> tree),
:mod:`~newscrawl.extract.text` (the main text), :mod:`~newscrawl.extract.metadata`
(JSON-LD, meta tags, trafilatura's metadata), :mod:`~newscrawl.extract.fields` (title,
authors, language, canonical URL) and :mod:`~newscrawl.extract.dates`.

Cost: the page is parsed once; trafilatura (which copies the tree), the metadata readers and
the dates module all read that tree. See docs/extraction.md, "Speed".
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from lxml.html import HtmlElement

from newscrawl.extract.dates import page_date_hints, resolve_dates
from newscrawl.extract.decode import decode_page, load_html
from newscrawl.extract.fields import (
    WORD_RE,
    choose_authors,
    choose_canonical,
    choose_language,
    choose_site_names,
    choose_title,
    compact,
    guest_writers,
    original_source,
    release_source,
    repost_source,
)
from newscrawl.extract.metadata import TrafilaturaMeta, clean_value, jsonld_types, read_page_meta
from newscrawl.extract.pagetype import (
    ARTICLE_TYPES,
    COVERAGE_MAX_WORDS,
    STUB_MAX_WORDS,
    PageSignals,
    archive_body,
    article_markup,
    classify_page,
    count_teasers,
    coverage_list,
    dialog_share,
    excerpts,
    headline_list,
    later_page,
    mostly_teasers,
    prev_links,
    read_elsewhere,
    repeated_label,
)
from newscrawl.extract.text import (
    doc_field,
    drop_after_release_source,
    drop_closing_bio,
    drop_leading_byline,
    drop_leading_date,
    drop_leading_republication,
    drop_leading_title,
    extract_text,
    extract_texts,
    is_link_list,
    is_live_blog,
)
from newscrawl.items import ExtractedArticle
from newscrawl.words import length_in_words

__all__ = ["extract_article", "extract_text"]

LOGGER = logging.getLogger(__name__)
# The words of a short story of its own (a brief) that a box of related stories beside it
# does not make a listing (see _brief_beside_teasers).
BRIEF_MIN_WORDS = 25


def _with_metadata(
    text: str, doc: Any, tree: HtmlElement, url: str | None, own_text: str | None = None,
    html: str | None = None,
) -> ExtractedArticle:
    """Fuse the page's markup metadata with trafilatura's into an article around ``text``.

    ``doc`` is trafilatura's metadata: a :class:`TrafilaturaMeta`, or a Document/dict from
    ``bare_extraction(with_metadata=True)``. ``own_text`` is the precision pass's text when
    a second opinion gave ``text`` (see :func:`_brief_beside_teasers`). ``html``: the page's
    decoded source, when the caller has it (searched before the tree for rare lines).
    """
    pm = read_page_meta(tree, url)
    art = pm.jsonld_article or {}
    if isinstance(doc, TrafilaturaMeta):
        doc_author: str | None | Callable[[], str | None] = doc.author
    else:
        doc_author = doc_field(doc, "author")
    site_names = choose_site_names(pm, clean_value(doc_field(doc, "sitename")), url)
    title = choose_title(pm, clean_value(doc_field(doc, "title")), site_names, url, tree)
    titles = [title, *pm.h1, pm.meta.get("og:title"), pm.html_title]
    # the date stamp under the headline, a partner's republication note above the story
    text = drop_leading_republication(drop_leading_date(drop_leading_title(text, titles)))
    teasers, teaser_share = count_teasers(tree, text)
    types = frozenset(t for node in pm.jsonld_nodes for t in jsonld_types(node))
    published_meta = bool(pm.meta.get("article:published_time"))
    if own_text is not None and own_text != text and (types & ARTICLE_TYPES or published_meta):
        own_text = drop_leading_republication(drop_leading_date(drop_leading_title(own_text, titles)))
        brief = _brief_beside_teasers(own_text, teasers, teaser_share, tree)
        if brief is not None:
            text, (teasers, teaser_share) = own_text, brief
    canonical = choose_canonical(pm)
    signals = PageSignals(
        jsonld_types=types,
        og_type=pm.meta.get("og:type"),
        has_published_meta=published_meta,
        article_elements=int(tree.xpath("count(//article)")),
        teasers=teasers,
        teaser_text_share=teaser_share,
        text_words=length_in_words(text),
        archive_body=archive_body(tree),
        title=title,
        later_page=later_page(url or canonical, prev_links(tree)),
        dialog_share=dialog_share(tree, text),
    )
    if (found := excerpts(text))[0]:  # an archive's excerpts, each with its "Read more" link
        signals = replace(signals, excerpts=found[0], excerpt_running_words=found[1])
    if signals.text_words < STUB_MAX_WORDS:  # a stub's link to the story elsewhere
        signals = replace(signals, read_elsewhere=read_elsewhere(tree, url))
    if (url or canonical) and signals.text_words < COVERAGE_MAX_WORDS:  # an aggregator's coverage page
        sites, running = coverage_list(tree, text, url or canonical, canonical)
        signals = replace(signals, other_sites=sites, coverage_running_words=running)
    if not article_markup(signals):  # a list of headlines without summaries (rule 2), a card's button
        headlines, words, running = headline_list(tree, text)
        signals = replace(signals, list_headlines=headlines, list_headline_words=words,
                          list_running_words=running, repeated_label=repeated_label(text))
    page_type, page_type_reason = classify_page(url, signals)
    authors, credit = choose_authors(pm, doc_author, site_names, url, tree)
    authors = guest_writers(text) or authors  # a guest post: its writer, not the blog's owner
    company = release_source(text)  # a press release: the company that issued it
    if company is not None:
        authors, credit = [a for a in authors if a.casefold() != company.casefold()], [company]
        text = drop_after_release_source(text)  # the wire's boxes after the release
    # a portal's repost: the outlet (and writer) of its source line, not the portal
    if (repost := repost_source(text, authors, credit, site_names, url, tree, html)) is not None:
        authors, credit = repost
    # an aggregator's copy: the outlet it names as the original's is its source
    source = original_source(tree, html)
    if source is not None and compact(source) not in {compact(c) for c in (*credit, *authors)}:
        credit = [*credit, source]
    # the byline read in as the first paragraph (its outlet named as the credit or the site is)
    text = drop_leading_byline(text, authors, [*credit, *site_names])
    text = drop_closing_bio(text, authors)  # the outlet's line on its writers under the story
    return ExtractedArticle(
        page_type=page_type,
        page_type_reason=page_type_reason,
        title=title,
        authors=authors,
        credit=credit,
        language=choose_language(pm, text),
        description=clean_value(art.get("description"))
        or pm.meta.get("og:description")
        or pm.meta.get("description")
        or pm.meta.get("twitter:description")
        or clean_value(doc_field(doc, "description")),
        text=text,
        canonical_url=canonical,
        site_name=site_names[0] if site_names else None,
        paywalled=_not_free(art.get("isAccessibleForFree")),
    )


def _not_free(value: Any) -> bool:
    """Whether a JSON-LD ``isAccessibleForFree`` says the story is not free (``false``, written
    as a boolean or a string, as pages write it: ``"False"``)."""
    return value is False or (isinstance(value, str) and value.strip().casefold() in ("false", "no"))


def _brief_beside_teasers(
    own_text: str, teasers: int, teaser_share: float, tree: HtmlElement
) -> tuple[int, float] | None:
    """The teasers and their share of ``own_text`` when the second opinion's text is a
    listing by structure and the precision pass's own text is not: a short story
    (BRIEF_MIN_WORDS or more) with a box of related stories that the recall pass took in
    with it. Asked only on a page whose markup says it is an article (a tag page's intro
    beside its teasers usually has no such markup; a roundup with none stays a listing)."""
    if not mostly_teasers(teasers, teaser_share) or length_in_words(own_text) < BRIEF_MIN_WORDS:
        return None
    own = count_teasers(tree, own_text)
    return None if mostly_teasers(*own) else own


# --------------------------------------------------------------------------- entry point


def extract_article(
    html: str | bytes,
    url: str | None = None,
    *,
    default_tz: str = "UTC",
    content_type: str | None = None,
) -> ExtractedArticle | None:
    """Extract an article's text and metadata from one HTML page.

    Returns None when the page has no extractable main text (empty, binary, a link list).
    Never raises on malformed input.
    """
    decoded = decode_page(html, content_type)
    if decoded is None:
        return None
    try:
        tree = load_html(decoded.text)
    except Exception:
        LOGGER.debug("unparsable HTML from %s", url, exc_info=True)
        return None
    if tree is None:
        return None
    # One parse serves everything: trafilatura copies the tree before changing it, and the
    # metadata and date readers only read it.
    live_blog = is_live_blog(tree, decoded.text)
    text, own_text, _ = extract_texts(tree, url, with_metadata=False, live_blog=live_blog)
    if not WORD_RE.search(text) or is_link_list(text, tree):
        return None
    try:
        result = _with_metadata(text, TrafilaturaMeta(tree, url), tree, url, own_text, decoded.text)
    except Exception:  # odd markup must cost the metadata, not the page
        LOGGER.warning("metadata extraction failed on %s", url, exc_info=True)
        result = ExtractedArticle(text=text)
    result.charset, result.charset_declared = decoded.charset, decoded.declared
    try:
        result.date_hints = list(page_date_hints(tree, url))
        resolved = resolve_dates(result.date_hints, default_tz=default_tz)
    except Exception:
        LOGGER.warning("date extraction failed on %s", url, exc_info=True)
        return result
    result.published_at = resolved.published_at.isoformat() if resolved.published_at else None
    result.modified_at = resolved.modified_at.isoformat() if resolved.modified_at else None
    result.date_source = resolved.date_source
    result.published_local = resolved.published_local
    result.published_day = resolved.published_day.isoformat() if resolved.published_day else None
    return result
