"""Dedup stage: one article per canonical URL; copies of a text told apart by outlet.

Same canonical URL (after rel=canonical/og:url, tracking parameters and AMP), or the same or
nearly the same text (normalized hash, then MinHash Jaccard >= the threshold) at the same
outlet: a duplicate, recorded in ``pages`` and not stored again. The same or nearly the same
text at another outlet: syndication, stored and put in the first copy's cluster.
"""

from __future__ import annotations

from typing import Any

from newscrawl.extract.urls import canonical_url, clean_url
from newscrawl.items import ARTICLE, DUPLICATE, FetchedPage
from newscrawl.judge.dedup import (
    NearDupSettings,
    band_keys,
    estimated_jaccard,
    minhash_signature,
    signature_from_bytes,
    text_hash,
)
from newscrawl.store import crawl_store


class DedupPipeline:
    """Set the article's canonical URL, text hash and cluster, or decide duplicate."""

    def __init__(self, crawler: Any, near: NearDupSettings) -> None:
        self.crawler = crawler
        self.near = near

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        return cls(crawler, NearDupSettings.from_settings(crawler.settings))

    def process_item(self, item: FetchedPage, spider: Any = None) -> FetchedPage:
        if item.decided or item.article is None or item.extracted is None:
            return item
        store = crawl_store(self.crawler)
        outlet = self.crawler.spider.outlets[item.outlet]
        article = item.article
        article.url = canonical_url(
            item.final_url or item.url, item.extracted.canonical_url, same_site=outlet.owns_url
        )
        same_url = store.article_by_url(article.url)
        if same_url is not None:
            item.article_id = same_url["id"]
            fetched = clean_url(item.final_url or item.url)
            if fetched == (same_url["fetched_url"] or article.url):
                # The article's own page seen again: a new version if its title or text changed.
                article.text_hash = text_hash(article.text)
                changed = (article.text_hash, article.title) != (same_url["text_hash"], same_url["title"])
                if changed:
                    item.revisit, reason = "changed", "seen again, changed"
                elif item.from_archive:  # re-extracted: newer metadata, same words
                    item.revisit, reason = "refreshed", "re-extracted"
                else:
                    item.revisit, reason = "unchanged", "seen again, unchanged"
                item.decide(ARTICLE, reason)
                return item
            if fetched == article.url and same_url["fetched_url"] not in (None, fetched):
                # The canonical page itself, after a variant (AMP, tracking URL) was stored first.
                item.supersedes = same_url["fetched_url"]
                item.decide(ARTICLE, f"canonical page of article {same_url['id']}")
                return item
            item.decide(DUPLICATE, f"same canonical URL as article {same_url['id']} ({article.url})")
            return item
        article.text_hash = text_hash(article.text)
        copies = store.article_by_hash(article.text_hash)
        for copy in copies:
            if copy["outlet"] == article.outlet:
                item.article_id = copy["id"]
                item.decide(DUPLICATE, f"same text as article {copy['id']} ({copy['url']})")
                return item
        if copies:
            article.cluster_id = copies[0]["cluster_id"]
        if item.minhash is None:  # normally computed in the extraction pool
            item.minhash = minhash_signature(article.text, self.near)
        signature = item.minhash
        item.band_keys = band_keys(signature, self.near)
        if copies:
            return item
        for candidate in store.near_duplicate_candidates(item.band_keys):
            similarity = estimated_jaccard(signature, signature_from_bytes(candidate["signature"]))
            if similarity < self.near.threshold:
                continue
            if candidate["outlet"] == article.outlet:
                item.article_id = candidate["id"]
                item.decide(
                    DUPLICATE,
                    f"near-duplicate ({similarity:.2f}) of article {candidate['id']} ({candidate['url']})",
                )
                return item
            if article.cluster_id is None:
                article.cluster_id = candidate["cluster_id"]
        return item
