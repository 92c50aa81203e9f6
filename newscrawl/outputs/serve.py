"""Browse the corpus in Datasette: its metadata (descriptions, search, facets, canned queries).

:func:`datasette_metadata` builds the dict that becomes ``metadata.json``; :func:`serve_command`
the ``datasette serve`` command line. Datasette opens a database file it may not write to
(no ``-i``) with ``?mode=ro`` for every query, so it reads a WAL database while a crawl writes
it and always sees the latest committed rows. ``-i`` (immutable) is never used: it would skip
the WAL and cache row counts. No Scrapy here.
"""

from __future__ import annotations

import sys
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["ROOM_PLUGIN", "SETTINGS", "TABLES", "datasette_metadata", "is_loopback", "serve_command"]

# Datasette's settings for the corpus: suggested facets off (the metadata's facets are the useful
# ones, and suggesting costs a query per column on every table page).
SETTINGS = {"sql_time_limit_ms": 5000, "facet_time_limit_ms": 1000, "truncate_cells_html": 300,
            "suggest_facets": False}

# The reading room's plugin (newscrawl.outputs.room): its name in Datasette, and the module that
# runs Datasette with it registered. (Not imported here: Datasette is an optional dependency.)
ROOM_PLUGIN = "newscrawl.outputs.room"

# table -> (description, {column: description}); the source of truth is docs/database.md.
TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "outlets": (
        "One row per outlet, from sources.toml, refreshed at the start of every crawl.",
        {
            "slug": "Short name of the outlet (the table name in sources.toml); articles link here.",
            "name": "The outlet's name.",
            "domain": "Registrable domain (or host:port) of the outlet's site.",
            "homepage": "The outlet's home page.",
            "country": "Country, ISO 3166-1 alpha-2 code.",
            "language": "Main language, ISO 639-1 code.",
            "kind": "national, local, trade, wire, broadcaster, nonprofit or blog.",
            "timezone": "IANA time zone, used for dates the outlet's pages give without one.",
            "verified": "1 only if someone fetched and checked the feed and sitemap addresses.",
            "feeds": "JSON list of the outlet's feed addresses.",
            "sitemaps": "JSON list of the outlet's sitemap addresses.",
            "derived": "1 for an outlet derived from its domain (ingest --any-outlet), 0 for one "
                       "from sources.toml; empty for outlets stored before this was recorded.",
        },
    ),
    "articles": (
        "One row per article (per canonical URL). Search searches titles and texts; "
        "times are UTC.",
        {
            "id": "Article number.",
            "url": "Canonical URL (rel=canonical / og:url, tracking parameters and AMP removed); unique.",
            "outlet": "The outlet that published it.",
            "title": "Headline, without the ' | Outlet' suffix.",
            "authors": "JSON list of author names (people).",
            "credit": "JSON list of the byline's organisations: wire services, agencies, outlets, "
            "desks, staff; NULL for articles stored before it was recorded.",
            "published_at": "Publication time, UTC; empty when no trustworthy date was found.",
            "published_local": "Publication time as the page gave it: ISO 8601 with the page's own "
            "UTC offset (else the outlet's zone), or just the day when no time was given.",
            "published_day": "Publication day (YYYY-MM-DD) in the outlet's own calendar: a story of "
            "23:30 in Chicago on January 24 is 2026-01-24 (its published_at is January 25, UTC).",
            "modified_at": "Last modification time the page gave, UTC.",
            "date_source": "Where published_at came from: feed, sitemap, jsonld, meta, time, url, "
            "htmldate or text.",
            "language": "Language of the text, ISO 639-1 code.",
            "description": "The page's own summary.",
            "text": "The clean main text, paragraphs separated by blank lines.",
            "word_count": "Words in the text.",
            "text_hash": "SHA-1 of the normalized text (case, punctuation and spacing ignored).",
            "cluster_id": "Id of the first stored copy of the same text: syndicated copies at other "
            "outlets share it; an article alone has its own id.",
            "topics": 'JSON: {topic: {"score": ..., "terms": {term: hits}}}, the topic terms it matched.',
            "fetched_url": "The URL actually fetched.",
            "first_seen_at": "When newscrawl first saw it (UTC).",
            "last_seen_at": "When newscrawl last saw it (UTC).",
            "crawl_run_id": "The crawl run that stored it.",
            "facets": "Search filter tokens (outlet, language, topics, year/month/day of published_day; "
            "a token per distinct Chinese, Japanese or Thai character), indexed with the text so "
            "that filtered searches stay fast; never matched by search words; see docs/search.md.",
            "fts_title": "The title as the full-text index reads it, where it has Chinese, Japanese "
            "or Thai characters (each run of theirs as its overlapping pairs of characters, then its "
            "last character alone, parted by control characters); empty otherwise.",
            "fts_text": "The text as the full-text index reads it, where it has Chinese, Japanese "
            "or Thai characters (each run of theirs as its overlapping pairs of characters, then its "
            "last character alone, parted by control characters); empty otherwise.",
        },
    ),
    "pages": (
        "The fetch log: every URL a crawl touched, once, with its latest outcome.",
        {
            "url": "The URL requested.",
            "outlet": "The outlet whose crawl met it.",
            "final_url": "Where a redirect pointed.",
            "status": "HTTP status; empty when no response came (timeout, robots.txt refusal).",
            "verdict": "article, off-topic, duplicate, not-article, redirect, blocked-by-robots, error "
                       "or out-of-scope.",
            "reason": "Why, in words: 'http 404', 'topic query did not match', ...",
            "article_id": "The stored article (verdict article) or the one it duplicates (duplicate).",
            "content_type": "Content-Type response header.",
            "discovered_via": "How the crawl found it: feed, sitemap, 'feed <url>', 'redirect from <url>'...",
            "etag": "ETag response header (for conditional requests).",
            "last_modified": "Last-Modified response header (for conditional requests).",
            "fetched_at": "When it was fetched (UTC).",
            "crawl_run_id": "The crawl run that fetched it.",
            "warc_file": "The WARC file holding the raw response.",
            "warc_offset": "Byte offset of the response's record in the WARC file.",
            "charset": "The charset the page's bytes were decoded with (a Python codec name: "
            "utf-8, cp1252, ...); empty when the page was not read as text.",
            "charset_declared": "The charset the page declared (HTTP header, byte-order mark or "
            "<meta>); empty when it declared none. Differs from charset when the declaration was "
            "wrong and the charset was detected.",
        },
    ),
    "crawl_runs": (
        "Every crawl run: command, topic, start and finish, status and statistics.",
        {
            "id": "Run number.",
            "started_at": "When it started (UTC).",
            "finished_at": "When it finished (UTC); empty for a run that is running or was killed.",
            "command": "The command line that started it.",
            "topic": "The topic it judged relevance with.",
            "status": "running, finished, interrupted, or Scrapy's close reason such as shutdown.",
            "stats": "JSON: pages fetched, articles new, pages per verdict, errors by reason, ...",
        },
    ),
    "article_versions": (
        "Earlier titles and texts of articles that changed when fetched again (stealth edits).",
        {
            "id": "Version number.",
            "article_id": "The article (its current version is in articles).",
            "seen_at": "When this version was last seen (UTC).",
            "title": "The headline then.",
            "text": "The text then.",
            "text_hash": "SHA-1 of that normalized text.",
            "crawl_run_id": "The crawl run that stored that version.",
        },
    ),
    "delivered_pages": (
        "Pages a distributed crawl's workers pushed through Redis and the writer stored "
        "(docs/distributed.md); empty in a corpus built on one machine.",
        {
            "id": "The page's delivery id (the worker's id for it).",
            "crawl_run_id": "The crawl run that stored it.",
        },
    ),
    "discoveries": (
        "Every discovery channel that listed a URL, and when: the evidence of newscrawl coverage "
        "(docs/coverage.md).",
        {
            "url": "The URL listed.",
            "outlet": "The outlet it belongs to.",
            "channel": "feed, sitemap, section, gdelt, warc or seeds.",
            "source": "The feed's, sitemap's or section page's URL, the GDELT query, the WARC file, "
                      "or the seed list.",
            "first_seen_at": "The first read that listed it (UTC).",
            "last_seen_at": "The last read that listed it (UTC).",
            "rank": "Its best place in the list, from 1.",
            "times": "How many reads listed it.",
            "backfilled": "1 for rows migrated from an older database (only the channel that led "
                          "to the fetch is known); coverage leaves them out.",
        },
    ),
    "channel_polls": (
        "Every read of a discovery channel and the window it covered (docs/coverage.md).",
        {
            "id": "Read number.",
            "crawl_run_id": "The crawl run that read it.",
            "outlet": "The outlet; empty for a channel over many outlets (GDELT, a WARC file).",
            "channel": "feed, sitemap, section, gdelt, warc or seeds.",
            "source": "What was read (URL, query, file).",
            "polled_at": "When it was read (UTC).",
            "items": "Entries listed; empty when the server answered 304 Not Modified.",
            "oldest": "The oldest date listed (or the query's or file's window start).",
            "newest": "The newest date listed (or the window's end).",
            "status": "How the read went.",
        },
    ),
    "article_minhash": (
        "Near-duplicate index: each article's MinHash signature (internal).",
        {
            "article_id": "The article.",
            "signature": "128 64-bit MinHash values over 5-word shingles of the normalized text.",
        },
    ),
    "minhash_bands": (
        "Near-duplicate index: LSH band keys of each signature (internal).",
        {
            "band": "Band number.",
            "key": "Hash of the signature's values in that band.",
            "article_id": "The article.",
        },
    ),
    "articles_fts": (
        "Full-text index (FTS5, porter stemming) over articles' titles and texts (each Chinese, "
        "Japanese or Thai character a word), and their filter tokens.",
        {"title": "Indexed title.", "text": "Indexed text.", "facets": "Indexed filter tokens."},
    ),
}

HIDDEN = ("article_minhash", "minhash_bands")

# Datasette lists column descriptions above a table's rows (and in each column's menu):
# keep that list a small scrolling box so that search results show without scrolling.
_CSS = (
    "dl.column-descriptions{display:grid;grid-template-columns:max-content 1fr;gap:0 1em;"
    "max-height:7.5em;overflow:auto;font-size:.85em;border:1px solid #ccc;padding:.3em .6em}"
    "dl.column-descriptions dd{margin:0}"
)


def _queries() -> dict[str, dict[str, Any]]:
    return {
        "coverage_per_day": {
            "title": "Coverage per day",
            "description": "Articles published per day (UTC) and outlet. Give since (YYYY-MM-DD) "
            "to start later; undated articles are left out.",
            "sql": "select substr(published_at, 1, 10) as day, outlet, count(*) as articles\n"
            "from articles\nwhere published_at is not null and published_at >= coalesce(:since, '')\n"
            "group by day, outlet\norder by day, outlet",
        },
        "latest_articles": {
            "title": "Latest articles",
            "description": "The 100 most recently published articles, newest first (undated last).",
            "sql": "select id, published_at, outlet, title, date_source, language, cluster_id, url\n"
            "from articles\norder by published_at is null, published_at desc, id desc\nlimit 100",
        },
        "biggest_clusters": {
            "title": "Biggest syndication clusters",
            "description": "Stories run by several outlets (the same or nearly the same text), "
            "biggest first: the cluster, how many copies, which outlets, and the first copy "
            "(the earliest published; ties: the earliest seen) with its title.",
            "sql": "with c as (select cluster_id, count(*) as copies, min(first_seen_at) as seen\n"
            "  from articles group by cluster_id having count(*) > 1\n"
            "  order by copies desc, seen limit 100)\n"
            "select c.cluster_id, c.copies,\n"
            "  (select group_concat(outlet, ', ') from (select distinct outlet from articles\n"
            "    where cluster_id = c.cluster_id order by outlet)) as outlets,\n"
            "  f.id as first_id, f.outlet as first_outlet, f.published_at as first_published_at, f.title\n"
            "from c join articles f on f.id = (select id from articles x\n"
            "    where x.cluster_id = c.cluster_id order by x.published_at is null, x.published_at,\n"
            "    x.first_seen_at, x.id limit 1)\n"
            "order by c.copies desc, c.seen",
        },
        "article_versions_of": {
            "title": "Versions of an article",
            "description": "Every version of article id seen: the earlier ones kept in "
            "article_versions, then the current one, oldest first.",
            "sql": "select * from (\n"
            "  select 'earlier' as version, seen_at, title, text, crawl_run_id\n"
            "  from article_versions where article_id = :id\n"
            "  union all\n"
            "  select 'current', last_seen_at, title, text, crawl_run_id from articles where id = :id\n"
            ")\norder by version = 'current', seen_at",
        },
    }


def datasette_metadata(
    db_path: Path, *, topic_terms: Sequence[str] = (), topic: str | None = None
) -> dict[str, Any]:
    """Datasette metadata for the newscrawl database at ``db_path`` (served as its file stem).

    ``topic``/``topic_terms``: the topic whose terms the reading room's home page offers as a
    search (its plugin configuration).
    """
    tables: dict[str, dict[str, Any]] = {
        name: {"description": description, "columns": dict(columns)}
        for name, (description, columns) in TABLES.items()
    }
    tables["articles"].update(
        label_column="title",
        fts_table="articles_fts",
        fts_pk="id",
        sort_desc="published_at",
        facets=["outlet", "language", {"day": "published_at"}, {"cluster": "cluster_id"}],
    )
    tables["outlets"].update(label_column="name", sort="slug", facets=["kind", "country", "language"])
    tables["pages"].update(sort_desc="fetched_at", facets=["verdict", "outlet"])
    tables["crawl_runs"].update(label_column="started_at", sort_desc="id", facets=["status"])
    tables["article_versions"].update(sort_desc="id")
    for name in HIDDEN:
        tables[name]["hidden"] = True
    return {
        "title": "newscrawl",
        "description": "A news-coverage corpus built by newscrawl: articles from every outlet "
        "about a story, with clean text, publication dates (UTC) and syndicated copies grouped.",
        "extra_css_urls": ["data:text/css," + urllib.parse.quote(_CSS)],
        "plugins": {ROOM_PLUGIN: {"topic": topic, "topic_terms": list(topic_terms)}},
        "databases": {
            Path(db_path).stem: {
                "title": "News corpus",
                "description": "Search articles, facet them by outlet, language and day, or run "
                "one of the queries below. Read-only; a crawl may be adding rows.",
                "tables": tables,
                "queries": _queries(),
            }
        },
    }


def serve_command(
    db_path: Path, *, host: str = "127.0.0.1", port: int = 8001, metadata_path: Path | str = "-"
) -> list[str]:
    """The ``datasette serve`` command line, with the reading room (:mod:`newscrawl.outputs.room`):
    read-only queries on a live (WAL) database.

    ``metadata_path`` ``-`` (the default) has Datasette read the metadata from its standard
    input, once at start-up, so that no file is left behind however Datasette ends.
    """
    return [
        sys.executable, "-m", ROOM_PLUGIN, "serve", str(db_path),
        "--host", host, "--port", str(port), "--metadata", str(metadata_path),
        *(part for name, value in SETTINGS.items() for part in ("--setting", name, _setting_text(value))),
    ]


def _setting_text(value: object) -> str:
    """A setting's value as Datasette's ``--setting`` reads it (booleans as on/off)."""
    return ("on" if value else "off") if isinstance(value, bool) else str(value)


def is_loopback(host: str) -> bool:
    """True when ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
