"""The SQL of the analysts' reads, built without being run.

Each function returns ``(sql, params)`` (or a WHERE clause and its parameters); the store's
methods run them (:mod:`newscrawl.store.corpus`, :mod:`newscrawl.store.search`). Built
apart, as sqlite-utils builds ``Table.search_sql`` apart from ``Table.search``, the SQL can
be read and tested by itself.

The article filters mean the same everywhere: ``outlets`` (slugs), ``since``/``until``
(inclusive ISO days on the article's own day, :func:`published_day_sql`), ``topic`` (a slug
in the article's topics JSON), ``language`` (case-insensitive) and ``fts_query`` (an FTS5
expression, from :func:`newscrawl.judge.query.to_fts5`).

A syndication cluster's *first copy* is its earliest-published article (undated ones last;
ties: the earliest seen, then the lowest id), among the copies that pass the filters:
:func:`first_copy_key` here, :func:`newscrawl.judge.dedup.first_copy_key` in Python. ``dupes``,
the export, search and the report all choose it this way.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = [
    "BM25", "EXPORT_COLUMNS", "FTS5_ERRORS", "TOPICS_JSON", "article_filters", "cluster_members_sql",
    "clusters_of_sql", "clusters_sql", "corpus_size_sql", "export_sql", "failing_sources_sql",
    "first_copy_key", "first_copy_order", "is_fts5_error", "matching_sql", "newest_matches_sql",
    "outlet_status_sql", "published_day_sql", "published_sql", "search_rows_sql", "search_sql",
    "snippets_sql", "texts_sql", "timeline_sql", "DISCOVERY_SQL", "POLL_SQL", "coverage_articles_sql",
    "coverage_polls_sql",
]

# BM25 with title hits weighted 10 to 1 (the facets column, filter tokens only, weighs nothing).
BM25 = "bm25(articles_fts, 10.0, 1.0, 0.0)"

# Widest span of article ids that one pass over a search's matches covers (see matching_sql).
_ID_SPAN = 100_000

# What SQLite says of a malformed FTS5 expression (rather than of a broken database).
FTS5_ERRORS = ("fts5", "no such column", "unterminated string", "unknown special query",
               "expected integer", "MATCH")

# An article's topics JSON, or an empty object when it is not valid JSON.
TOPICS_JSON = "CASE WHEN json_valid(a.topics) THEN a.topics ELSE '{}' END"

def published_day_sql(alias: str = "a", *, local_day: bool = True) -> str:
    """The article's day (YYYY-MM-DD): ``published_day``, the outlet's own day, else the UTC day
    of ``published_at`` (articles migrated without a known outlet zone); NULL when undated.

    ``local_day=False`` for a database older than schema 5 (opened read-only, not migrated),
    which has no ``published_day``: the UTC day.
    """
    utc_day = f"substr({alias}.published_at, 1, 10)"
    return f"coalesce({alias}.published_day, {utc_day})" if local_day else utc_day


# Export field -> SQL over ``articles a`` and ``outlets o``; ``copies`` is built by export_sql.
EXPORT_COLUMNS: dict[str, str] = {
    "id": "a.id", "url": "a.url", "outlet": "a.outlet", "outlet_name": "o.name",
    "title": "a.title", "authors": "a.authors", "credit": "a.credit",
    "published_at": "a.published_at",
    "published_local": "a.published_local", "published_day": published_day_sql("a"),
    "modified_at": "a.modified_at", "date_source": "a.date_source", "language": "a.language",
    "description": "a.description", "text": "a.text", "word_count": "a.word_count",
    "cluster_id": "coalesce(a.cluster_id, a.id)", "copies": "", "topics": "a.topics",
    "text_hash": "a.text_hash", "fetched_url": "a.fetched_url", "first_seen_at": "a.first_seen_at",
    "last_seen_at": "a.last_seen_at", "crawl_run_id": "a.crawl_run_id",
}


def first_copy_order(alias: str) -> str:
    """The ORDER BY terms that put a cluster's first copy first: published (undated last), then
    first seen, then id."""
    return (f"{alias}.published_at IS NULL, coalesce({alias}.published_at, ''), "
            f"coalesce({alias}.first_seen_at, ''), {alias}.id")


def first_copy_key(alias: str) -> str:
    """:func:`first_copy_order` as a row value: ``key(b) < key(a)`` when copy b comes before a."""
    return f"({first_copy_order(alias)})"


def is_fts5_error(exc: Exception) -> bool:
    """True when ``exc`` is SQLite refusing a malformed FTS5 expression."""
    return any(text in str(exc) for text in FTS5_ERRORS)


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" for _ in values)


# -- filters ------------------------------------------------------------------------------------


def article_filters(
    alias: str = "a",
    *,
    outlets: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    topic: str | None = None,
    language: str | None = None,
    fts_query: str | None = None,
    one_row: bool = False,
    undated_by_first_seen: bool = False,
    local_day: bool = True,
) -> tuple[str, list[Any]]:
    """The WHERE clause over articles ``alias`` and its parameters for these filters.

    ``since``/``until`` are on the article's own day (:func:`published_day_sql`: a story of
    23:30 in Chicago on January 24 is found under the 24th, though in UTC it is the 25th), so
    undated articles are left out (search, export); with ``undated_by_first_seen`` an undated
    article counts on the UTC day of its first_seen_at (clusters, report).

    ``one_row``: for a correlated subquery, which checks a few rows (a cluster's copies): a
    unary ``+`` keeps SQLite on the cluster_id index, and the full-text match is asked for
    that row's id (an IN list there would be evaluated again for every row).
    """
    where, params = ["1 = 1"], []
    col = f"+{alias}" if one_row else alias
    # one_row: the unary + keeps SQLite off the day index (see articles_day in schema.py)
    day = ("+" if one_row else "") + published_day_sql(alias, local_day=local_day)
    if undated_by_first_seen:
        day = f"coalesce({day}, substr({alias}.first_seen_at, 1, 10))"
    slugs = list(outlets)
    if slugs:
        where.append(f"{col}.outlet IN ({_marks(slugs)})")
        params += slugs
    if since:
        where.append(f"{day} >= ?")
        params.append(since)
    if until:
        where.append(f"{day} <= ?")
        params.append(until)
    if topic:
        where.append(f"json_extract({alias}.topics, '$.' || json_quote(?)) IS NOT NULL")
        params.append(topic)
    if language:
        where.append(f"lower({alias}.language) = lower(?)")
        params.append(language)
    if fts_query and one_row:
        where.append("EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? "
                     f"AND articles_fts.rowid = {alias}.id)")
        params.append(fts_query)
    elif fts_query:
        where.append(f"{alias}.id IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)")
        params.append(fts_query)
    return " AND ".join(where), params


# -- search -------------------------------------------------------------------------------------
# A search runs these in turn (see Store.search): the ranked candidates, the cluster of each
# (checking the filters), the copies of the chosen clusters, which of those match, snippets and
# the rows shown. ``match`` is the FTS5 MATCH expression; ``where``/``params`` come from
# article_filters("a", ..., one_row=True).


def search_sql(match: str, *, rank_window: int | None) -> tuple[str, list[Any]]:
    """The newest ``rank_window`` matches (plus one, to tell whether more match): rowid and BM25 rank.

    FTS5 walks its index backwards from the newest id and stops there; ``rank_window=None``
    takes every match.
    """
    most = -1 if rank_window is None else rank_window + 1  # -1: no limit
    sql = f"SELECT rowid, {BM25} FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?"
    return sql, [match, most]


def clusters_of_sql(ids: Sequence[int], where: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    """id and cluster (its own id when it has none) of those of ``ids`` that pass the filters."""
    sql = (f"SELECT a.id, coalesce(a.cluster_id, a.id) FROM articles a "
           f"WHERE a.id IN ({_marks(ids)}) AND {where}")
    return sql, [*ids, *params]


def cluster_members_sql(clusters: Sequence[int], where: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    """id, cluster_id, published_at and first_seen_at of the articles of these clusters that pass
    the filters."""
    sql = ("SELECT a.id AS id, a.cluster_id AS cluster_id, a.published_at AS published_at, "
           f"a.first_seen_at AS first_seen_at FROM articles a WHERE a.cluster_id IN ({_marks(clusters)}) "
           f"AND {where}")
    return sql, [*clusters, *params]


def matching_sql(match: str, ids: Sequence[int]) -> tuple[str, list[Any]]:
    """The rowids that ``match`` matches among ``ids`` (and, for a narrow span, others between them).

    One pass over the matches between the smallest and the largest id when that span is
    narrow, else one lookup per id. (Each lookup re-runs the expression, and a prefix term
    costs milliseconds to set up.)
    """
    low, high = min(ids), max(ids)
    if high - low <= _ID_SPAN:
        return ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?",
                [match, low, high])
    return ("SELECT a.id FROM articles a CROSS JOIN articles_fts ON articles_fts.rowid = a.id "
            f"WHERE a.id IN ({_marks(ids)}) AND articles_fts MATCH ?", [*ids, match])


def snippets_sql(match: str, ids: Sequence[int], *, start: str, end: str,
                 parted: bool = False) -> tuple[str, list[Any]]:
    """rowid and about 24 words of the text around the matches (between ``start`` and ``end``).

    The snippet is NULL for a matching article not in ``ids`` (one pass over a narrow span of
    ids, as in :func:`matching_sql`); articles that do not match give no row. ``parted`` (a
    database of schema 10 or later, whose index reads each Chinese, Japanese or Thai character,
    or from schema 11 each pair of them, as a word): an article written mostly in those scripts
    (``fts_text`` longer than its text by over a quarter) gets 48 of the index's words, about
    two dozen words of its language, where 24 characters would be a clause; an English text
    quoting a Chinese name keeps 24.
    """
    words = ("CASE WHEN (SELECT length(p.fts_text) - length(p.text) > length(p.text) / 4 FROM articles p "
             "WHERE p.id = articles_fts.rowid) THEN 48 ELSE 24 END") if parted else "24"
    snippet = f"snippet(articles_fts, 1, '{start}', '{end}', ' … ', {words})"
    wanted = ", ".join(str(int(i)) for i in ids)
    low, high = min(ids), max(ids)
    if high - low <= _ID_SPAN:
        return (f"SELECT rowid, CASE WHEN rowid IN ({wanted}) THEN {snippet} END FROM articles_fts "
                "WHERE articles_fts MATCH ? AND rowid BETWEEN ? AND ?", [match, low, high])
    return (f"SELECT a.id, {snippet} FROM articles a CROSS JOIN articles_fts "
            f"ON articles_fts.rowid = a.id WHERE a.id IN ({wanted}) AND articles_fts MATCH ?", [match])


def texts_sql(ids: Sequence[int]) -> tuple[str, list[Any]]:
    """id and text of the articles ``ids``."""
    return f"SELECT id, text FROM articles WHERE id IN ({_marks(ids)})", list(ids)


def published_sql(ids: Sequence[int]) -> tuple[str, list[Any]]:
    """id and published_at of these articles (to order a search's candidates by date)."""
    return f"SELECT id, published_at FROM articles WHERE id IN ({_marks(ids)})", list(ids)


def newest_matches_sql(match: str, *, most: int) -> tuple[str, list[Any]]:
    """The rowids of the newest ``most`` articles ``match`` matches, newest first."""
    return ("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? ORDER BY rowid DESC LIMIT ?",
            [match, most])


def timeline_sql(ids: Sequence[int], where: str, params: Sequence[Any], *,
                 local_day: bool = True) -> tuple[str, list[Any]]:
    """Dated articles per day (the outlet's own: :func:`published_day_sql`) and outlet among
    ``ids`` that pass the filters: day, outlet, articles (``where``/``params`` from
    article_filters(..., one_row=True)). The ids go in as one JSON array, so a window of
    thousands needs no thousands of parameters."""
    sql = (f"SELECT {published_day_sql('a', local_day=local_day)} AS day, a.outlet AS outlet, "
           "count(*) AS articles "
           "FROM articles a WHERE a.id IN (SELECT value FROM json_each(?)) "
           f"AND a.published_at IS NOT NULL AND {where} GROUP BY day, a.outlet ORDER BY day, a.outlet")
    return sql, [json.dumps([int(i) for i in ids]), *params]


def search_rows_sql(ids: Sequence[int], *, local_day: bool = True) -> tuple[str, list[Any]]:
    """What a search shows of these articles: id, outlet, outlet_name, published_at,
    published_day (the outlet's own day), title, url, cluster_id."""
    sql = ("SELECT a.id AS id, a.outlet AS outlet, o.name AS outlet_name, a.published_at AS published_at, "
           f"{published_day_sql('a', local_day=local_day)} AS published_day, "
           "a.title AS title, a.url AS url, a.cluster_id AS cluster_id "
           f"FROM articles a LEFT JOIN outlets o ON o.slug = a.outlet WHERE a.id IN ({_marks(ids)})")
    return sql, list(ids)


# -- export, clusters ---------------------------------------------------------------------------


def export_sql(
    columns: Sequence[str],
    *,
    fts_query: str | None = None,
    outlets: Iterable[str] = (),
    since: str | None = None,
    until: str | None = None,
    topic: str | None = None,
    language: str | None = None,
    include_duplicates: bool = False,
    local_day: bool = True,
) -> tuple[str, list[Any]]:
    """The articles passing the filters, in id order, ``columns`` (keys of :data:`EXPORT_COLUMNS`).

    ``local_day=False``: a database older than schema 5 (see :func:`published_day_sql`), where
    ``published_local`` is NULL and ``published_day`` the UTC day.

    Without ``include_duplicates`` a syndication cluster gives one row: its first copy (see
    :func:`first_copy_key`) among those that pass the filters. ``copies`` is how many of the
    cluster's articles pass them. ``since``/``until`` count an undated article on the day it was
    first seen, as ``dupes`` and the report do, so their counts agree.
    """
    unknown = [c for c in columns if c not in EXPORT_COLUMNS]
    if unknown:
        raise ValueError(f"unknown export columns {unknown}")
    filters = {"fts_query": fts_query, "outlets": list(outlets), "since": since, "until": until,
               "topic": topic, "language": language, "local_day": local_day,
               "undated_by_first_seen": True}
    where, params = article_filters("f", **filters)
    if params:  # the ids, in order, from the indexes; then each row once (no sort of whole rows)
        where = f"a.id IN (SELECT f.id FROM articles f WHERE {where})"
    other, other_params = article_filters("b", **filters, one_row=True)
    select, select_params = [], []
    for column in columns:
        if column == "copies":
            # ``a`` passes the filters itself; count the cluster's other copies that do.
            select.append(
                "CASE WHEN a.cluster_id IS NULL THEN 1 ELSE 1 + (SELECT count(*) FROM articles b "
                f"WHERE b.cluster_id = a.cluster_id AND b.id != a.id AND {other}) END")
            select_params += other_params
        elif not local_day and column in ("published_local", "published_day"):
            select.append("NULL" if column == "published_local" else published_day_sql("a", local_day=False))
        else:
            select.append(EXPORT_COLUMNS[column])
    if not include_duplicates:
        where += (" AND (a.cluster_id IS NULL OR NOT EXISTS (SELECT 1 FROM articles b "
                  f"WHERE b.cluster_id = a.cluster_id AND {first_copy_key('b')} < {first_copy_key('a')} "
                  f"AND {other}))")
        params += other_params
    sql = (f"SELECT {', '.join(select)} FROM articles a LEFT JOIN outlets o ON o.slug = a.outlet "
           f"WHERE {where} ORDER BY a.id")
    return sql, [*select_params, *params]


def clusters_sql(
    *,
    outlets: Iterable[str] = (),
    topic: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_size: int = 2,
    limit: int = 50,
    local_day: bool = True,
) -> tuple[str, list[Any]]:
    """Syndication clusters with at least ``min_size`` copies passing the filters, biggest first.

    Columns: cluster_id, size, outlets (comma-separated), first_seen_at (the earliest copy's),
    first_id, first_outlet, first_url, first_published_at and title of the first copy (see
    :func:`first_copy_key`) among those passing the filters, and duplicate_urls (pages recorded as
    duplicates).
    """
    where, params = article_filters("a", outlets=outlets, topic=topic, since=since, until=until,
                                    undated_by_first_seen=True, local_day=local_day)
    sql = (
        "WITH m AS (SELECT a.id, a.cluster_id, a.outlet, a.url, a.title, a.published_at, a.first_seen_at, "
        f"row_number() OVER (PARTITION BY a.cluster_id ORDER BY {first_copy_order('a')}) AS place, "
        "count(*) OVER (PARTITION BY a.cluster_id) AS size, "
        "min(a.first_seen_at) OVER (PARTITION BY a.cluster_id) AS cluster_first_seen "
        f"FROM articles a WHERE a.cluster_id IS NOT NULL AND {where}), "
        "g AS (SELECT cluster_id, group_concat(DISTINCT outlet) AS outlets FROM m GROUP BY cluster_id) "
        "SELECT f.cluster_id AS cluster_id, f.size AS size, g.outlets AS outlets, "
        "f.cluster_first_seen AS first_seen_at, f.id AS first_id, f.outlet AS first_outlet, "
        "f.url AS first_url, f.published_at AS first_published_at, f.title AS title, "
        "(SELECT count(*) FROM pages p WHERE p.verdict = 'duplicate' AND p.article_id IN "
        " (SELECT id FROM articles WHERE cluster_id = f.cluster_id)) AS duplicate_urls "
        "FROM m f JOIN g ON g.cluster_id = f.cluster_id WHERE f.place = 1 AND f.size >= ? "
        "ORDER BY f.size DESC, f.published_at IS NULL, f.published_at, f.cluster_first_seen LIMIT ?"
    )
    return sql, [*params, min_size, limit]


# -- newscrawl status ----------------------------------------------------------------------------

# A page fetched successfully: an answer in 200-399 (304 Not Modified included).
_FETCHED_OK = "p.status BETWEEN 200 AND 399"


def outlet_status_sql(recent_runs: int) -> tuple[str, list[Any]]:
    """How each outlet is doing: one row per outlet of the database, by slug.

    Columns: outlet, name, last_ok_fetch (the latest successful fetch), newest_published and
    newest_seen (of its articles), articles, and over the pages last fetched by the latest
    ``recent_runs`` runs: recent_pages and recent_errors. One pass over pages and one over
    articles, whatever the number of outlets.
    """
    sql = (
        "WITH recent AS (SELECT id FROM crawl_runs ORDER BY id DESC LIMIT ?), "
        "fetches AS (SELECT p.outlet AS outlet, "
        f" max(CASE WHEN {_FETCHED_OK} THEN p.fetched_at END) AS last_ok_fetch, "
        " sum(p.crawl_run_id IN recent) AS recent_pages, "
        " sum(p.crawl_run_id IN recent AND p.verdict = 'error') AS recent_errors "
        " FROM pages p GROUP BY p.outlet), "
        "stored AS (SELECT a.outlet AS outlet, count(*) AS articles, "
        " max(a.published_at) AS newest_published, max(a.first_seen_at) AS newest_seen "
        " FROM articles a GROUP BY a.outlet) "
        "SELECT o.slug AS outlet, o.name AS name, f.last_ok_fetch AS last_ok_fetch, "
        "s.newest_published AS newest_published, s.newest_seen AS newest_seen, "
        "coalesce(s.articles, 0) AS articles, coalesce(f.recent_pages, 0) AS recent_pages, "
        "coalesce(f.recent_errors, 0) AS recent_errors "
        "FROM outlets o LEFT JOIN fetches f ON f.outlet = o.slug LEFT JOIN stored s ON s.outlet = o.slug "
        "ORDER BY o.slug"
    )
    return sql, [recent_runs]


def failing_sources_sql() -> tuple[str, list[Any]]:
    """Feeds and sitemaps whose latest fetch failed (an error, or no answer in 200-399):
    outlet, url, kind (feed or sitemap), status, reason, fetched_at, crawl_run_id."""
    sql = (
        "SELECT p.outlet AS outlet, p.url AS url, p.discovered_via AS kind, p.status AS status, "
        "p.reason AS reason, p.fetched_at AS fetched_at, p.crawl_run_id AS crawl_run_id FROM pages p "
        f"WHERE p.discovered_via IN ('feed', 'sitemap') AND (p.verdict = 'error' OR NOT ({_FETCHED_OK}) "
        " OR p.status IS NULL) "
        "ORDER BY p.outlet, p.url"
    )
    return sql, []


def corpus_size_sql() -> tuple[str, list[Any]]:
    """One row: articles, clusters (syndication clusters of two or more), pages, outlets, runs and
    bytes (the database file's pages times its page size)."""
    sql = (
        "SELECT (SELECT count(*) FROM articles) AS articles, "
        "(SELECT count(*) FROM (SELECT 1 FROM articles WHERE cluster_id IS NOT NULL "
        " GROUP BY cluster_id HAVING count(*) > 1)) AS clusters, "
        "(SELECT count(*) FROM pages) AS pages, (SELECT count(*) FROM outlets) AS outlets, "
        "(SELECT count(*) FROM crawl_runs) AS runs, "
        "(SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()) AS bytes"
    )
    return sql, []


# -- coverage: the discovery evidence (newscrawl coverage) --------------------------------------

POLL_SQL = (
    "INSERT INTO channel_polls (crawl_run_id, outlet, channel, source, polled_at, items, oldest, "
    "newest, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
# A URL listed again by the same channel and source: seen later, its best rank kept.
DISCOVERY_SQL = (
    "INSERT INTO discoveries (url, outlet, channel, source, first_seen_at, last_seen_at, rank) "
    "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url, channel, source) DO UPDATE SET "
    "last_seen_at = max(coalesce(last_seen_at, ''), excluded.last_seen_at), times = times + 1, "
    "rank = min(coalesce(rank, excluded.rank), excluded.rank), backfilled = 0, "
    "outlet = coalesce(outlet, excluded.outlet)"
)


def coverage_articles_sql(where: str, params: Sequence[Any]) -> tuple[str, list[Any]]:
    """Each stored article that a recorded channel poll listed (``where`` from
    :func:`article_filters` over ``a``), with its channels and, per channel and source, when
    it was listed first and last. A listed URL reaches its article through its page row, or
    through the page its redirect led to. Backfilled rows (one channel per URL, no window)
    are left out."""
    sql = (
        "SELECT a.id, a.outlet, a.published_at, a.topics, d.channel, d.source, "
        "d.first_seen_at, d.last_seen_at "
        "FROM discoveries d JOIN pages p ON p.url = d.url "
        "LEFT JOIN pages r ON r.url = p.final_url AND p.article_id IS NULL "
        "JOIN articles a ON a.id = coalesce(p.article_id, r.article_id) "
        f"WHERE d.backfilled = 0 AND {where} ORDER BY a.id"
    )
    return sql, list(params)


def coverage_polls_sql(outlets: Sequence[str]) -> tuple[str, list[Any]]:
    """Every recorded read of a channel: of these outlets (all when none), and of the channels
    over many outlets (GDELT, whose outlet is NULL)."""
    where = f"outlet IN ({_marks(outlets)}) OR outlet IS NULL" if outlets else "1 = 1"
    sql = ("SELECT outlet, channel, source, polled_at, items, oldest, newest, status "
           f"FROM channel_polls WHERE {where} ORDER BY polled_at")
    return sql, list(outlets)
