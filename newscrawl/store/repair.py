"""What a crawl killed by an older version left half-written, found and repaired when the next crawl starts.

Before one page's rows were written as a unit (:meth:`~newscrawl.store.crawl.CrawlMixin.one_page`),
a batch commit could fall between an article's rows, and a crawl killed then left:

- an article without its page row (no WARC pointer; the next crawl took the URL as fetched and
  ``reextract`` skipped it): it is removed and its page re-queued (a ``pages`` row with verdict
  ``error`` and no status, which the next crawl retries), so it is fetched and stored anew. If
  anything refers to it (other pages, or syndicated copies in its cluster) it is kept and only
  its page is re-queued;
- an article without its MinHash row (near-duplicate detection never saw it): the signature
  is computed from the stored text with the crawl's near-duplicate settings.

Only the articles of runs that died (still ``running``, or ended without statistics) are
looked at, once: each run checked gets ``"checked_for_half_written"`` in its statistics. The
crawl records the counts in its own run's statistics (``"repaired"``).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from newscrawl.store.crawl import iso, utcnow

if TYPE_CHECKING:
    from newscrawl.judge.dedup import NearDupSettings

__all__ = ["RepairMixin"]

# Runs that died: found still running (killed, or the machine went down), or ended some other
# way than `finished` without ever writing their statistics.
_DEAD_RUNS = (
    "SELECT id FROM crawl_runs WHERE status = 'running' OR (status != 'finished' "
    "AND json_extract(coalesce(stats, '{}'), '$.software') IS NULL "
    "AND json_extract(coalesce(stats, '{}'), '$.checked_for_half_written') IS NULL)"
)

_REQUEUE = (
    "INSERT INTO pages (url, outlet, verdict, reason, article_id, discovered_via, fetched_at, "
    "crawl_run_id) VALUES (?, ?, 'error', ?, ?, 'repair', ?, ?) ON CONFLICT(url) DO UPDATE SET "
    "verdict = 'error', status = NULL, reason = excluded.reason, "
    "article_id = coalesce(excluded.article_id, pages.article_id), "
    "discovered_via = excluded.discovered_via, crawl_run_id = excluded.crawl_run_id"
)


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)


def _chunks(values: list[int], size: int = 500) -> list[list[int]]:
    """``values`` in lists of at most ``size`` (SQLite limits the parameters of a statement)."""
    return [values[i:i + size] for i in range(0, len(values), size)]


class RepairMixin:
    """The :class:`~newscrawl.store.Store` method that repairs half-written articles."""

    conn: sqlite3.Connection

    def repair_half_written(self, near: NearDupSettings) -> dict[str, int]:
        """Find and repair what dead runs left half-written; the counts of what was repaired.

        Call it under the crawl lock, before the new run starts. ``near`` are the crawl's
        near-duplicate settings (for MinHash signatures computed from stored text).
        """
        dead = [run_id for (run_id,) in self.conn.execute(_DEAD_RUNS)]
        if not dead:
            return {}
        counts = {"articles_without_page": 0, "articles_removed": 0, "articles_without_minhash": 0}
        with self.conn:
            suspects = self._suspect_articles(dead)
            removed: set[int] = set()
            for article in self._without_page(suspects):
                counts["articles_without_page"] += 1
                if self._requeue(article, near):
                    removed.add(article["id"])
            counts["articles_removed"] = len(removed)
            counts["articles_without_minhash"] = self._complete_minhash(
                [a["id"] for a in suspects if a["id"] not in removed], near)
            self.conn.execute(
                f"UPDATE crawl_runs SET stats = json_set(coalesce(stats, '{{}}'), "
                f"'$.checked_for_half_written', ?) WHERE id IN ({_marks(dead)})",
                [iso(utcnow()), *dead],
            )
        return {name: count for name, count in counts.items() if count}

    def _suspect_articles(self, dead: list[int]) -> list[dict[str, Any]]:
        """Articles the dead runs stored, or moved to a new page (their duplicate pages say so)."""
        marks = _marks(dead)
        cursor = self.conn.execute(
            "SELECT id, url, fetched_url, outlet, crawl_run_id, first_seen_at FROM articles "
            f"WHERE crawl_run_id IN ({marks}) OR id IN (SELECT article_id FROM pages "
            f"WHERE crawl_run_id IN ({marks}) AND verdict = 'duplicate')",
            [*dead, *dead],
        )
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor]

    def _without_page(self, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The articles with no page row: none at their URL since they were stored, none naming them."""
        candidates = {a["id"]: a for a in articles if not self._page_at_url(a)}
        # One scan of pages (article_id has no index), only when something looks half-written.
        named: set[int] = set()
        for chunk in _chunks(list(candidates)):
            named.update(article_id for (article_id,) in self.conn.execute(
                f"SELECT DISTINCT article_id FROM pages WHERE verdict = 'article' "
                f"AND article_id IN ({_marks(chunk)})", chunk))
        return [a for article_id, a in candidates.items() if article_id not in named]

    def _page_at_url(self, article: dict[str, Any]) -> bool:
        """A page row at the article's URL, naming it or written since the article was stored."""
        row = self.conn.execute(
            "SELECT 1 FROM pages WHERE url IN (?, ?) AND (article_id = ? "
            "OR coalesce(crawl_run_id, 0) >= coalesce(?, 0))",
            (article["fetched_url"] or article["url"], article["url"], article["id"],
             article["crawl_run_id"]),
        ).fetchone()
        return row is not None

    def _requeue(self, article: dict[str, Any], near: NearDupSettings) -> int:
        """Re-queue the article's page; remove the article when nothing refers to it (1 if removed)."""
        article_id = article["id"]
        referred = self.conn.execute(
            "SELECT 1 FROM pages WHERE article_id = ? UNION ALL "
            "SELECT 1 FROM articles WHERE cluster_id = ? AND id != ? LIMIT 1",
            (article_id, article_id, article_id),
        ).fetchone()
        if not referred:
            self._remove_article(article_id, near)
        self.conn.execute(_REQUEUE, (
            article["fetched_url"] or article["url"], article["outlet"],
            f"half-written by interrupted crawl run {article['crawl_run_id']}; fetched again",
            article_id if referred else None, article["first_seen_at"], article["crawl_run_id"],
        ))
        return 0 if referred else 1

    def _remove_article(self, article_id: int, near: NearDupSettings) -> None:
        """Delete an article and its MinHash, band and version rows (its FTS rows go by trigger)."""
        from newscrawl.judge.dedup import band_keys, signature_from_bytes

        row = self.conn.execute(
            "SELECT signature FROM article_minhash WHERE article_id = ?", (article_id,)
        ).fetchone()
        if row is not None:
            # The band keys from the signature: deletes by primary key, not a scan of the bands.
            signature = signature_from_bytes(row[0])
            keys = band_keys(signature, near) if len(signature) == near.num_perm else []
            deleted = self.conn.executemany(
                "DELETE FROM minhash_bands WHERE band = ? AND key = ? AND article_id = ?",
                [(band, key, article_id) for band, key in enumerate(keys)],
            ).rowcount
            if not keys or deleted < len(keys):  # signed with other settings: scan the bands
                self.conn.execute("DELETE FROM minhash_bands WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM article_minhash WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM article_versions WHERE article_id = ?", (article_id,))
        self.conn.execute("DELETE FROM articles WHERE id = ?", (article_id,))

    def _complete_minhash(self, article_ids: list[int], near: NearDupSettings) -> int:
        """Compute the MinHash rows these articles lack; how many."""
        from newscrawl.judge.dedup import band_keys, minhash_signature, signature_to_bytes

        completed = 0
        for chunk in _chunks(article_ids):
            rows = self.conn.execute(
                f"SELECT id, text FROM articles a WHERE id IN ({_marks(chunk)}) "
                "AND NOT EXISTS (SELECT 1 FROM article_minhash m WHERE m.article_id = a.id)",
                chunk,
            ).fetchall()
            for article_id, text in rows:
                signature = minhash_signature(text or "", near)
                self._index_minhash(article_id, signature_to_bytes(signature), band_keys(signature, near))
            completed += len(rows)
        return completed
