"""Dedup stage: one article per canonical URL; copies of a text told apart by outlet.

Same canonical URL (after rel=canonical/og:url, tracking parameters and AMP), or the same or
nearly the same text (normalized hash, then MinHash Jaccard >= the threshold) at the same
outlet: a duplicate, recorded in ``pages`` and not stored again. The same or nearly the same
text at another outlet: syndication, stored and put in the first copy's cluster.

The rules are :func:`newscrawl.judge.dedup.dedup_verdict`; this stage looks up the stored
rows it needs, asks it, and applies the verdict to the page.
"""

from __future__ import annotations

from typing import Any

from newscrawl.extract.urls import clean_url
from newscrawl.items import ARTICLE, DUPLICATE, ChannelPoll, FetchedPage
from newscrawl.judge.dedup import (
    SAME_ARTICLE,
    SYNDICATED,
    NearDupSettings,
    Verdict,
    band_keys,
    dedup_verdict,
    minhash_signature,
    text_hash,
)
from newscrawl.pipelines.crawlstore import crawl_store


class DedupPipeline:
    """Set the article's text hash, MinHash bands and cluster, or decide same article or duplicate."""

    def __init__(self, crawler: Any, near: NearDupSettings) -> None:
        self.crawler = crawler
        self.near = near

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        return cls(crawler, NearDupSettings.from_settings(crawler.settings))

    def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if isinstance(item, ChannelPoll):  # a channel's read: only the store stage writes it
            return item
        if item.decided or item.article is None or item.extracted is None:
            return item
        store = crawl_store(self.crawler)
        article = item.article
        if article.text_hash is None:  # normally hashed in the extraction pool
            article.text_hash = text_hash(article.text)
        # Each lookup only when the one before found nothing (the verdict's order).
        by_url = store.article_by_url(article.url)
        by_hash: list[dict[str, Any]] = []
        near: list[dict[str, Any]] = []
        if by_url is None:
            by_hash = store.article_by_hash(article.text_hash)
            if item.minhash is None:  # normally computed in the extraction pool
                item.minhash = minhash_signature(article.text, self.near)
            if not item.band_keys:  # normally with the signature, from the pool
                item.band_keys = band_keys(item.minhash, self.near)
            if not by_hash:
                near = store.near_duplicate_candidates(item.band_keys)
        verdict = dedup_verdict(
            article,
            fetched_url=clean_url(item.final_url or item.url),
            by_url=by_url,
            by_hash=by_hash,
            near_candidates=near,
            signature=item.minhash,
            threshold=self.near.threshold,
            from_archive=item.from_archive,
        )
        return apply_verdict(item, verdict)


def apply_verdict(item: FetchedPage, verdict: Verdict) -> FetchedPage:
    """The page after the verdict: undecided (to be stored) or decided article or duplicate."""
    if verdict.kind == SYNDICATED:
        item.article.cluster_id = verdict.cluster_id
        item.article.merges = verdict.merges
    if verdict.article_id is None:  # new or syndicated: the store stage inserts it
        return item
    item.article_id = verdict.article_id
    if verdict.revisit is not None:
        item.revisit = verdict.revisit
    if verdict.supersedes is not None:
        item.supersedes = verdict.supersedes
    item.decide(ARTICLE if verdict.kind == SAME_ARTICLE else DUPLICATE, verdict.reason)
    return item
