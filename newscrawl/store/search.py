"""Full-text search of the corpus: :meth:`SearchMixin.search` and what it returns.

A search runs in steps, each a method here running SQL built in :mod:`newscrawl.store.sql`:
the ranked candidates (the newest matches, ranked by BM25), the best-ranked article of each
syndication cluster that passes the filters, how many of each cluster's copies match, the
snippets, and the rows shown.
"""

from __future__ import annotations

import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any

from newscrawl.judge.dedup import first_copy_key
from newscrawl.judge.query import SearchQueryError, fts5_all
from newscrawl.store.facets import filter_expression, searched_characters
from newscrawl.store.schema import PAIRED_SCHEMA, PARTED_SCHEMA
from newscrawl.store.sql import (
    article_filters,
    cluster_members_sql,
    clusters_of_sql,
    is_fts5_error,
    matching_sql,
    newest_matches_sql,
    published_sql,
    search_rows_sql,
    search_sql,
    snippets_sql,
    texts_sql,
    timeline_sql,
)
from newscrawl.store.sqliteutils import sqlite_utils
from newscrawl.words import INDEX_BREAK, PARTED_RE, parted, unpaired

__all__ = [
    "MARK_END", "MARK_START", "RANK_WINDOW", "SearchMixin", "SearchResults", "TIMELINE_WINDOW",
    "fts5_errors_raised_as_query_errors",
]

# Most matching articles BM25 ranks in one search (see SearchMixin.search).
RANK_WINDOW = 2000

# Most matching articles (the newest) a search's timeline counts (see SearchMixin.search_timeline):
# the ranking's window. Counting costs about 3-5 µs per article (its row is read for the day and
# outlet), so 2,000 keep the reading room's search page well under 100 ms.
TIMELINE_WINDOW = RANK_WINDOW

# Snippet match markers: control characters, which extracted article text never contains
# (unlike brackets or asterisks), so a marker is always a marker. Outputs turn them into
# highlights (:func:`newscrawl.outputs.search.highlighted`).
MARK_START = "\x02"
MARK_END = "\x03"

# Candidates whose filters and clusters are checked in one statement.
_CHECK_BATCH = 256


class SearchResults(list):
    """The rows of :meth:`SearchMixin.search`, with how the ranking was done.

    ``complete``: BM25 ranked every matching article (else only the newest ``ranked``).
    """

    def __init__(self, rows: Iterable[dict[str, Any]], *, complete: bool, ranked: int) -> None:
        super().__init__(rows)
        self.complete = complete
        self.ranked = ranked


@contextmanager
def fts5_errors_raised_as_query_errors(fts_query: str | None) -> Iterator[None]:
    """SQLite's complaints about a malformed ``fts_query`` (see :data:`newscrawl.store.sql.FTS5_ERRORS`)
    become :class:`newscrawl.judge.query.SearchQueryError`; other errors pass unchanged."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        if not (fts_query and is_fts5_error(exc)):
            raise
        raise SearchQueryError(f"cannot search for {fts_query!r}: {exc}") from None


def _unparted(snippet: str) -> str:
    """A snippet of the indexed text as the article's own text: the breaks the store put between
    Chinese, Japanese and Thai characters (:data:`newscrawl.words.INDEX_BREAK`) removed, and the
    highlights of a word's consecutive characters (each one token) joined into one."""
    if INDEX_BREAK not in snippet:
        return snippet
    return snippet.replace(MARK_END + INDEX_BREAK + MARK_START, "").replace(INDEX_BREAK, "")


_PREFIX_END = re.compile(r'(?:^|[\s"])([^\s"]+)"\s?\*')


def _one_piece_prefixes(match: str) -> frozenset[str]:
    """The pieces of Chinese, Japanese or Thai a paired MATCH expression looks for alone, as a
    prefix (``"局"*``: a one-character search), whose pairs' highlights mark that piece only."""
    return frozenset(m.group(1) for m in _PREFIX_END.finditer(match)
                     if all(map(PARTED_RE.match, m.group(1)))
                     and INDEX_BREAK not in (parted(m.group(1)) or ""))


def _character_snippet(text: str, characters: frozenset[str], before: int = 16, size: int = 48) -> str | None:
    """About ``size`` characters of ``text`` from a little before its first character of
    ``characters``, each of those marked (a search of one character alone, found by its token
    among the facets, where FTS5's snippet has no match in the text to show); None when the
    text has none of them (it is in the title)."""
    first = min((i for i in (text.find(c) for c in characters) if i >= 0), default=-1)
    if first < 0:
        return None
    start = max(0, first - before)
    end = min(len(text), start + size)
    window = "".join(f"{MARK_START}{c}{MARK_END}" if c in characters else c for c in text[start:end])
    window = " ".join(window.split())
    return ("… " if start else "") + window + (" …" if end < len(text) else "")


def _result_row(row: dict[str, Any], snippet: str, rank: float, copies: int) -> dict[str, Any]:
    """One search result: id, outlet, outlet_name, published_at, title, url, snippet, rank,
    cluster_id, copies."""
    shown = {key: value for key, value in row.items() if key != "cluster_id"}
    return {**shown, "snippet": snippet, "rank": rank, "cluster_id": row["cluster_id"], "copies": copies}


def _first_copies(chosen: dict[int, tuple[float, int]],
                  members: dict[int, list[dict[str, Any]]]) -> dict[int, tuple[float, int]]:
    """Each cluster's row, in the same order and with its best rank, given to its first copy
    (:func:`newscrawl.judge.dedup.first_copy_key`) among the matching copies that pass the filters."""
    result: dict[int, tuple[float, int]] = {}
    for article_id, (rank, cluster) in chosen.items():
        rows = members.get(cluster)
        first = min(rows, key=first_copy_key)["id"] if rows else article_id
        result[first] = (rank, cluster)
    return result


class SearchMixin:
    """The :class:`~newscrawl.store.Store`'s full-text search."""

    conn: sqlite3.Connection
    db: sqlite_utils.Database
    schema_version: int
    _local_day: bool  # the Store's: see :class:`newscrawl.store.db.Store`
    _indexed_query: Callable[[str], str]  # the Store's

    def search(
        self,
        fts_query: str,
        *,
        outlets: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        language: str | None = None,
        include_duplicates: bool = False,
        limit: int = 20,
        rank_window: int | None = RANK_WINDOW,
        order: str = "rank",
    ) -> SearchResults:
        """Articles matching an FTS5 expression (from :func:`newscrawl.judge.query.to_fts5`), best first.

        Rows: id, outlet, outlet_name, published_at, title, url, snippet, rank, cluster_id,
        copies. ``rank`` is BM25 with title hits weighted 10 to 1 (lower is better);
        ``snippet`` is about 24 words of the text with the matches between
        ``search.MARK_START`` and ``search.MARK_END``. ``since``/``until`` are ISO days
        (inclusive) on published_at, so undated articles are left out. Without
        ``include_duplicates`` a syndication cluster gives one row, its best-ranked copy;
        ``copies`` is how many of the cluster's articles match (and pass the filters).

        The filters narrow the match inside the full-text index (the ``facets`` column, see
        :mod:`newscrawl.store.facets`). BM25 ranks at most the newest ``rank_window`` matching
        articles (by id: the order they were stored); when more match, the result's
        ``complete`` is False. ``rank_window=None`` ranks every match, however slow.
        A malformed expression raises
        :class:`newscrawl.judge.query.SearchQueryError`.
        """
        if not fts_query.strip():
            raise SearchQueryError("the search is empty: type a word to search for")
        slugs = list(outlets)
        # one_row: unary + keeps SQLite from scanning the outlet or date index instead of looking up ids.
        filters = article_filters("a", outlets=slugs, since=since, until=until, topic=topic,
                                  local_day=self._local_day,
                                  language=language, one_row=True)
        with fts5_errors_raised_as_query_errors(fts_query):
            match = self._match_expression(fts_query, slugs, since, until, topic, language)
            ranked, complete = self._ranked_candidates(match, rank_window)
            if order == "date":
                ranked = self._newest_first(ranked)
            chosen = self._best_of_each_cluster(ranked, filters, include_duplicates, limit)
            if not chosen:
                return SearchResults([], complete=complete, ranked=len(ranked))
            members = self._matching_copies(match, sorted({c for _, c in chosen.values()}), filters)
            if not include_duplicates:
                chosen = _first_copies(chosen, members)
            copies = Counter({cluster: len(rows) for cluster, rows in members.items()})
            ids = list(chosen)
            snippets = self._snippets(match, ids)
            shown = search_rows_sql(ids, local_day=self._local_day)
            found = {row["id"]: row for row in self.db.query(*shown) if row["id"] in snippets}
        return SearchResults(
            [
                _result_row(found[article_id], snippets[article_id], rank, copies.get(cluster, 1))
                for article_id, (rank, cluster) in chosen.items()
                if article_id in found  # an article a crawl changed meanwhile may no longer match
            ],
            complete=complete,
            ranked=len(ranked),
        )

    def _ranked_candidates(self, match: str, rank_window: int | None) -> tuple[list[tuple[int, float]], bool]:
        """(id, rank) of the newest ``rank_window`` matches, best rank first; and whether that is all."""
        rows = self.conn.execute(*search_sql(match, rank_window=rank_window)).fetchall()
        complete = rank_window is None or len(rows) <= rank_window
        candidates = dict(rows[:rank_window])
        return sorted(candidates.items(), key=lambda item: (item[1], item[0])), complete

    def _newest_first(self, ranked: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The candidates ordered by published_at, newest first (undated last, then by id)."""
        published: dict[int, str] = {}
        for start in range(0, len(ranked), _CHECK_BATCH * 4):
            ids = [i for i, _ in ranked[start:start + _CHECK_BATCH * 4]]
            published.update(self.conn.execute(*published_sql(ids)).fetchall())
        return sorted(ranked, key=lambda item: (published.get(item[0]) or "", item[0]), reverse=True)

    def search_timeline(
        self,
        fts_query: str,
        *,
        outlets: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
        topic: str | None = None,
        language: str | None = None,
        window: int = TIMELINE_WINDOW,
    ) -> SearchResults:
        """Matching dated articles per publication day (the outlet's own) and outlet (every copy
        counts): tuples (day, outlet, articles), in day order.

        Counts the newest ``window`` matches; ``complete`` is False when more match (``ranked``
        is then ``window``). Filters and errors as in :meth:`search`.
        """
        if not fts_query.strip():
            raise SearchQueryError("the search is empty: type a word to search for")
        slugs = list(outlets)
        local_day = self._local_day
        where, params = article_filters("a", outlets=slugs, since=since, until=until, topic=topic,
                                        language=language, one_row=True, local_day=local_day)
        with fts5_errors_raised_as_query_errors(fts_query):
            match = self._match_expression(fts_query, slugs, since, until, topic, language)
            ids = [rowid for (rowid,) in self.conn.execute(*newest_matches_sql(match, most=window + 1))]
            counted = timeline_sql(ids[:window], where, params, local_day=local_day)
            rows = self.conn.execute(*counted).fetchall() if ids else []
        return SearchResults(rows, complete=len(ids) <= window, ranked=min(len(ids), window))

    def _best_of_each_cluster(
        self, ranked: list[tuple[int, float]], filters: tuple[str, list[Any]], include_duplicates: bool,
        limit: int,
    ) -> dict[int, tuple[float, int]]:
        """id -> (rank, cluster) of the first ``limit`` candidates that pass the filters, in rank
        order; without ``include_duplicates``, only the best-ranked of each cluster.

        Candidates are read in batches, to check filters and clusters, until ``limit`` rows.
        """
        chosen: dict[int, tuple[float, int]] = {}
        seen: set[int] = set()
        for start in range(0, len(ranked), _CHECK_BATCH):
            if len(chosen) >= limit:
                break
            batch = ranked[start:start + _CHECK_BATCH]
            cluster_of = dict(self.conn.execute(*clusters_of_sql([i for i, _ in batch], *filters)))
            for article_id, rank in batch:
                cluster = cluster_of.get(article_id)
                if cluster is None or (cluster in seen and not include_duplicates):
                    continue
                seen.add(cluster)
                chosen[article_id] = (rank, cluster)
                if len(chosen) >= limit:
                    break
        return chosen

    def _matching_copies(self, match: str, clusters: list[int],
                         filters: tuple[str, list[Any]]) -> dict[int, list[dict[str, Any]]]:
        """cluster -> its articles that pass the filters and match (id, published_at, first_seen_at)."""
        members = list(self.db.query(*cluster_members_sql(clusters, *filters)))
        matching = self._ids_matching(match, [row["id"] for row in members])
        by_cluster: dict[int, list[dict[str, Any]]] = {}
        for row in members:
            if row["id"] in matching:
                by_cluster.setdefault(row["cluster_id"], []).append(row)
        return by_cluster

    def _ids_matching(self, match: str, ids: list[int]) -> set[int]:
        """The ones of ``ids`` that the MATCH expression matches."""
        if not ids:
            return set()
        return {rowid for (rowid,) in self.conn.execute(*matching_sql(match, ids))} & set(ids)

    def _snippets(self, match: str, ids: list[int]) -> dict[int, str]:
        """id -> about 24 words of the text around the matches (see :func:`snippets_sql`), for those of
        ``ids`` that match; in the article's own text (the breaks and, from schema 11, the
        characters the index's pairs write twice removed)."""
        version = self.schema_version
        sql, params = snippets_sql(match, ids, start=MARK_START, end=MARK_END,
                                   parted=version >= PARTED_SCHEMA)
        if version < PAIRED_SCHEMA:
            rows = self.conn.execute(sql, params)
            return {rowid: _unparted(text) for rowid, text in rows if text is not None}
        alone = _one_piece_prefixes(match)
        snippets = {rowid: unpaired(text, MARK_START, MARK_END, alone)
                    for rowid, text in self.conn.execute(sql, params) if text is not None}
        characters = searched_characters(match)
        unmarked = [i for i, text in snippets.items() if MARK_START not in text]
        if characters and unmarked:  # found by a character's token among the facets, not in the text
            for rowid, text in self.conn.execute(*texts_sql(unmarked)):
                snippets[rowid] = _character_snippet(text or "", characters) or snippets[rowid]
        return snippets

    def _match_expression(
        self, fts_query: str, outlets: list[str], since: str | None, until: str | None,
        topic: str | None, language: str | None,
    ) -> str:
        """The FTS5 MATCH expression of a search: the query AND the filters' facet tokens.

        No column filter is needed: facet tokens cannot match words (see
        :mod:`newscrawl.store.facets`), and filters are checked again on the article rows. (A
        column filter would double the cost of BM25's document-frequency pass.) A database
        from before schema 3 has no facets: the query is used as it is.
        """
        fts_query = self._indexed_query(fts_query)
        if self.schema_version < 3:
            return fts_query
        days = None
        if since or until:
            # Two statements: SQLite answers a lone min() or max() from the index, both at once by a scan.
            low = self.conn.execute("SELECT substr(min(published_at), 1, 10) FROM articles").fetchone()[0]
            high = self.conn.execute("SELECT substr(max(published_at), 1, 10) FROM articles").fetchone()[0]
            if low is None:
                days = (date.max, date.min)  # nothing dated: an empty range
            else:
                # an article's own day lies within a day of its UTC day
                first = date.fromisoformat(low) - timedelta(days=1)
                last = date.fromisoformat(high) + timedelta(days=1)
                days = (max(first, date.fromisoformat(since)) if since else first,
                        min(last, date.fromisoformat(until)) if until else last)
        facet_filter = filter_expression(outlets=outlets, language=language, topic=topic, days=days)
        return fts5_all(fts_query, facet_filter)
