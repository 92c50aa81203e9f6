"""The records that flow from spider to store.

A spider yields one :class:`FetchedPage` per URL it touched (fetched, failed or refused).
Pipeline stages fill in ``extracted``, ``article``, ``verdict`` and ``reason`` as the page
moves along; the store stage writes the page row and, for articles, the article row.
These are plain dataclasses so that the library and the tests need no Scrapy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

# Verdicts recorded in ``pages.verdict``.
ARTICLE = "article"
NOT_ARTICLE = "not-article"
OFF_TOPIC = "off-topic"
DUPLICATE = "duplicate"
BLOCKED_BY_ROBOTS = "blocked-by-robots"
ERROR = "error"
REDIRECT = "redirect"
# Refused before it was sent: off the outlet's domains, or a non-public address.
OUT_OF_SCOPE = "out-of-scope"
VERDICTS = (ARTICLE, NOT_ARTICLE, OFF_TOPIC, DUPLICATE, BLOCKED_BY_ROBOTS, ERROR, REDIRECT, OUT_OF_SCOPE)
# How the reason of a page refused because its site's robots.txt could not be read (a 5xx, a
# network error) ends: ``robots.txt unreachable (timeout): site disallowed for this run (RFC 9309)``.
# Not a rule of the site's, and for that run only: a later run fetches the page again.
DISALLOWED_FOR_THE_RUN = "site disallowed for this run (RFC 9309)"


# Discovery channels recorded in ``discoveries.channel`` and ``channel_polls.channel``.
CHANNELS = ("feed", "sitemap", "section", "gdelt", "warc", "seeds")


@dataclass
class ChannelPoll:
    """One read of a discovery channel: the links it listed then, in order, and the window
    they covered (``oldest``/``newest``: the listed dates, when it gave any).

    A feed, sitemap or section page rides on its own :class:`FetchedPage` (``page.poll``); a
    channel over many outlets (a GDELT query, a WARC file: ``outlet`` None) and a seed list
    are items by themselves. ``items`` is None
    when the channel was not read again (304 Not Modified). ``links`` are ``(outlet, url)``,
    the URL cleaned; a link's rank is its place in the list, from 1.
    """

    channel: str
    source: str
    polled_at: datetime
    outlet: str | None = None
    items: int | None = None
    oldest: datetime | None = None
    newest: datetime | None = None
    links: list[tuple[str, str]] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "not modified" if self.items is None else "read"


@dataclass(frozen=True)
class DateHint:
    """A raw date string and where it was found.

    ``source`` is one of: ``feed``, ``sitemap``, ``jsonld``, ``meta``, ``time``, ``url``,
    ``htmldate``, ``text``. ``kind`` is ``published`` or ``modified``.
    """

    value: str
    source: str
    kind: str = "published"


@dataclass
class ExtractedArticle:
    """What :func:`newscrawl.extract.article.extract_article` reads from one HTML page.

    Dates are ISO 8601 UTC strings (``2026-01-28T14:05:00+00:00``) or None;
    ``published_local`` is the publication time in the offset the page (or ``default_tz``)
    gives (``2026-01-28T08:05:00-06:00``, or ``2026-01-28`` without a time) and
    ``published_day`` its calendar day, the outlet's day (``2026-01-28``).
    ``date_hints`` are every date the page offered, for the dates stage to weigh together
    with hints from feeds and sitemaps.
    """

    title: str | None = None
    # People only; wire services, agencies, outlets, desks and "staff" are the credit.
    authors: list[str] = field(default_factory=list)
    credit: list[str] = field(default_factory=list)
    published_at: str | None = None
    modified_at: str | None = None
    date_source: str | None = None
    language: str | None = None
    description: str | None = None
    text: str = ""
    published_local: str | None = None
    published_day: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None
    date_hints: list[DateHint] = field(default_factory=list)
    # "article" or "listing" (a section, tag or home page), and the evidence for it.
    page_type: str | None = None
    page_type_reason: str | None = None
    # The page's structured data says its story is not free (schema.org ``isAccessibleForFree``
    # false): a paywalled story, stored with the free part the page shows however short it is.
    paywalled: bool = False
    # The charset the page's bytes were decoded with, and the one it declared (None: none;
    # the two differ when the declaration was missing or wrong and the charset was detected).
    charset: str | None = None
    charset_declared: str | None = None
    # The crawl's extraction pool weighs these hints with the feed's and sitemap's into a
    # ResolvedDates here, so the dates stage need not do it again in the crawl's process.
    resolved_dates: Any = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict of the public fields (the ``newscrawl extract`` output)."""
        return {
            "title": self.title,
            "authors": list(self.authors),
            "credit": list(self.credit),
            "published_at": self.published_at,
            "published_local": self.published_local,
            "published_day": self.published_day,
            "modified_at": self.modified_at,
            "date_source": self.date_source,
            "language": self.language,
            "description": self.description,
            "text": self.text,
            "canonical_url": self.canonical_url,
            "site_name": self.site_name,
            "page_type": self.page_type,
            "paywalled": self.paywalled,
        }


@dataclass
class Article:
    """An article as it will be stored (one row of ``articles``).

    ``published_local`` (ISO 8601 with the page's or the outlet's offset, or a bare day) and
    ``published_day`` (YYYY-MM-DD, the outlet's day) go beside the UTC ``published_at``.
    """

    url: str
    outlet: str
    title: str | None
    text: str
    authors: list[str] = field(default_factory=list)
    credit: list[str] = field(default_factory=list)
    published_at: datetime | None = None
    modified_at: datetime | None = None
    date_source: str | None = None
    language: str | None = None
    description: str | None = None
    word_count: int = 0
    text_hash: str | None = None
    cluster_id: int | None = None
    topics: dict[str, Any] = field(default_factory=dict)
    fetched_url: str | None = None
    published_local: str | None = None
    published_day: str | None = None
    # other clusters this copy links to its own (``cluster_id``): folded into it when stored
    merges: tuple[int, ...] = ()


@dataclass
class FetchedPage:
    """One URL the crawl touched, as the spider saw it, plus the pipeline's findings."""

    url: str
    outlet: str
    discovered_via: str
    fetched_at: datetime
    final_url: str | None = None  # where it led: the last hop, or where a redirect pointed
    status: int | None = None
    # The URL the response came from (a redirect's own URL, not where it pointed): what the
    # WARC record is for.
    response_url: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    date_hints: list[DateHint] = field(default_factory=list)
    error: str | None = None
    # Where the raw response is archived (set by the WARC stage, or by a WARC reader).
    warc_file: str | None = None
    warc_offset: int | None = None
    from_archive: bool = False
    # The response's WARC record, gzipped by the extraction worker, until the WARC stage
    # appends it (then None).
    warc_record: bytes | None = None
    # Filled in by the pipeline stages.
    extracted: ExtractedArticle | None = None
    article: Article | None = None
    verdict: str | None = None
    reason: str | None = None
    article_id: int | None = None
    # Set when this page is the canonical page of an article first stored from a variant
    # (an AMP copy, say): the variant's URL, whose page row becomes a duplicate.
    supersedes: str | None = None
    # Set when this page is a stored article's own page seen again: "changed" or "unchanged".
    revisit: str | None = None
    # The first page of a story split over pages: its later pages' responses, each also a page
    # of its own (decided not-article), whose texts the extract stage joins to this page's
    # (until then; emptied after), and what the pages row says of the story ("story of 3
    # pages", "page 2 missing: http 404").
    story_pages: list[FetchedPage] = field(default_factory=list)
    story: str | None = None
    # A feed, sitemap or section page: what it listed (the evidence of ``newscrawl coverage``).
    poll: ChannelPoll | None = None
    # The topic query's match of the article, made in the extraction pool, until the topic
    # stage takes it (then None).
    topic_match: Any = None
    # MinHash signature and LSH band keys of the article's text (set by the dedup stage).
    minhash: Any = None
    band_keys: list[int] = field(default_factory=list)
    # The charset the body was decoded with, and the one it declared (set by the extract stage).
    charset: str | None = None
    charset_declared: str | None = None
    # Distributed crawls (docs/distributed.md): the token of the request in the shared frontier,
    # and the id under which a worker pushed the page to the writer.
    frontier_token: str | None = None
    delivery_id: str | None = None
    file_token: str | None = None  # the WARC file's token in a distributed ingest

    @property
    def decided(self) -> bool:
        """True once a stage has given the page its final verdict (later stages skip it)."""
        return self.verdict is not None

    def decide(self, verdict: str, reason: str | None = None) -> None:
        """Give the page its final verdict."""
        if verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {verdict!r}")
        self.verdict = verdict
        self.reason = reason
